"""What one file says of another: a task naming a requirement or a user story that
spec.md does not define, a phase titled after a story it does not have. Checked only
where spec.md was read (a missing spec.md is its own problem)."""

from __future__ import annotations

from collections.abc import Sequence

from sphinx_implplan.speckit.records import Phase, Problem, Requirement, Task, UserStory


def _listed(ids: Sequence[str]) -> str:
    return ", ".join(ids)


def unknown_references(
    tasks: Sequence[Task],
    phases: Sequence[Phase],
    requirements: Sequence[Requirement],
    stories: Sequence[UserStory],
) -> list[Problem]:
    """One problem per task line for its unknown requirements, one for its unknown
    story, one per phase heading naming an unknown story."""
    defined = {requirement.id for requirement in requirements}
    numbers = {story.number for story in stories}
    problems = [
        Problem(
            "unknown-story",
            f"phase {phase.number} is titled after user story {phase.story}, "
            "which spec.md does not have",
            phase.source,
        )
        for phase in phases
        if phase.story is not None and phase.story not in numbers
    ]
    for task in tasks:
        unknown = [reference for reference in task.requirements if reference not in defined]
        name = task.id or "a task"
        if unknown:
            problems.append(
                Problem(
                    "unknown-requirement",
                    f"{name} names {_listed(unknown)}, which spec.md does not define",
                    task.source,
                )
            )
        if task.story is not None and task.story not in numbers:
            problems.append(
                Problem(
                    "unknown-story",
                    f"{name} is marked [US{task.story}], and spec.md has no user story "
                    f"{task.story}",
                    task.source,
                )
            )
    return sorted(problems, key=lambda problem: problem.source.line if problem.source else 0)
