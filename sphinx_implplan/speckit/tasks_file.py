"""tasks.md: its phases and tasks.

- A **phase** is a heading ``Phase N: Title`` (``N`` as written: ``3``, ``3.1``), or
  ``Final Phase: Title``; its ``**Goal**`` or ``**Purpose**`` line is its goal, its
  ``**Checkpoint**`` line its checkpoint, and a title naming ``User Story N`` or
  ``USN`` gives its story. Where a phase heading stands inside another, its tasks are
  the inner phase's.
- A **task** is a list item that starts with a checkbox (``[ ]``, ``[x]`` or ``[X]``)
  inside a phase, or one with a task id anywhere else in the file; checkboxes outside
  phases without an id (a closing checklist) are not tasks, nor are items nested in a
  task. After the checkbox come the id (``T012``, ``T020a``), the marks ``[P]``
  (parallel) and ``[USn]`` (its story), then the description. A task under a heading
  whose title starts with "Tests" (``Tests for User Story 1``, ``Tests First (TDD)``)
  is a test task. Its requirement references are read from the whole description.
- **Problems**: a checkbox with nothing after it, a checkbox without an id where other
  tasks have ids, and a task id after an unknown mark (``[~] T004``) are each a
  ``malformed-task`` and are left out; a task id used twice is a ``duplicate-task``
  (both are kept).

Dependencies between phases are read by :mod:`.phase_dependencies`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from sphinx_implplan.speckit.bold_labels import paragraph_labels
from sphinx_implplan.speckit.markdown_blocks import Document, Heading, ListItem
from sphinx_implplan.speckit.records import Phase, Problem, Source, Task
from sphinx_implplan.speckit.requirement_ids import references

FILE = "tasks.md"
_PHASE = re.compile(
    r"^\W*(?:Phase|Fase)\s+([0-9]{1,4}(?:\.[0-9]{1,4})*[a-z]?)(?![\w+.])\s*[:.\-\u2013\u2014]?\s*(.*)$",
    re.IGNORECASE,
)
_FINAL_PHASE = re.compile(r"^\W*Final\s+Phase\b\s*[:.\-\u2013\u2014]?\s*(.*)$", re.IGNORECASE)
_STORY_IN_TITLE = re.compile(
    r"\b(?:User\s+Story|Story|US)[\s-]*([0-9]{1,4})(?![0-9])", re.IGNORECASE
)
_BOX = re.compile(r"\[([^\]\n]{0,2})\](?:[ \t]+|$)(.*)", re.DOTALL)
_TASK_ID = re.compile(r"(?:\*\*)?(T[0-9]{1,6}[a-z]?)(?:\*\*)?(?![\w-])[:.]?\s*(.*)", re.DOTALL)
_LEADING_TAG = re.compile(
    r"\[\s*(P|US\s*-?\s*[0-9]{1,4}|Story\s*[0-9]{1,4})\s*\]\s*", re.IGNORECASE
)
_STORY_TAG = re.compile(r"\[\s*(?:US|Story)\s*-?\s*([0-9]{1,4})\s*\]", re.IGNORECASE)
_TESTS = re.compile(r"^\W*tests?\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s:\-\u2013\u2014]+")


@dataclass
class TasksContent:
    title: str | None = None
    phases: list[Phase] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def phase_heading(title: str) -> tuple[str, str] | None:
    """The number as written and the title of a phase heading."""
    match = _PHASE.match(title)
    if match is not None:
        return match.group(1), match.group(2).strip()
    match = _FINAL_PHASE.match(title)
    if match is not None:
        return "Final", match.group(1).strip()
    return None


def story_in(title: str) -> int | None:
    match = _STORY_IN_TITLE.search(title)
    return int(match.group(1)) if match else None


@dataclass
class _Draft:
    """A task line taken apart, before it is placed in its phase."""

    item: ListItem
    box: str
    rest: str
    task_id: str | None


def _drafts(document: Document) -> list[_Draft]:
    drafts: list[_Draft] = []
    task_items: set[int] = set()
    for item in document.items:
        if item.paragraph is None:
            continue
        match = _BOX.match(item.text)
        if match is None or _inside_task(document, item, task_items):
            continue
        box, rest = match.group(1), match.group(2).strip()
        id_match = _TASK_ID.fullmatch(rest)
        drafts.append(_Draft(item, box, rest, id_match.group(1) if id_match else None))
        if box in {" ", "x", "X"}:
            task_items.add(item.index)
    return drafts


def _inside_task(document: Document, item: ListItem, task_items: set[int]) -> bool:
    parent = item.parent
    while parent is not None:
        if parent in task_items:
            return True
        parent = document.items[parent].parent
    return False


def _phase_of(document: Document, line: int, phase_lines: dict[int, str]) -> Heading | None:
    for heading in document.headings_around(line):
        if heading.line in phase_lines:
            return heading
    return None


def read_tasks(document: Document, prefixes: Collection[str]) -> TasksContent:
    content = TasksContent()
    phase_lines: dict[int, str] = {}
    for heading in document.headings:
        if heading.level == 1 and content.title is None:
            title = heading.title.replace("\uff1a", ":")
            content.title = (title.partition(":")[2] or title).strip() or None
        parsed = phase_heading(heading.title) if heading.level > 1 else None
        if parsed is not None:
            phase_lines[heading.line] = parsed[0]
    drafts = _drafts(document)
    with_ids = any(draft.task_id for draft in drafts if draft.box in {" ", "x", "X"})
    by_phase: dict[int, list[Task]] = {line: [] for line in phase_lines}
    seen: dict[str, int] = {}
    for draft in drafts:
        phase = _phase_of(document, draft.item.start, phase_lines)
        problem = _malformed(draft, phase is not None, with_ids)
        if problem:
            content.problems.append(problem)
            continue
        if draft.box not in {" ", "x", "X"} or (phase is None and draft.task_id is None):
            continue
        task = _task(document, draft, phase, phase_lines, prefixes)
        if task.id is not None and task.id in seen:
            content.problems.append(
                Problem(
                    "duplicate-task",
                    f"{task.id} is used again; it was first used on line {seen[task.id]}",
                    task.source,
                )
            )
        elif task.id is not None:
            seen[task.id] = task.source.line
        content.tasks.append(task)
        if phase is not None:
            by_phase[phase.line].append(task)
    for heading in document.headings:
        if heading.line in phase_lines:
            content.phases.append(_phase(document, heading, tuple(by_phase[heading.line])))
    return content


def _malformed(draft: _Draft, in_phase: bool, with_ids: bool) -> Problem | None:
    source = Source(FILE, draft.item.start + 1)
    if draft.box not in {" ", "x", "X"}:
        if draft.task_id is None:
            return None
        return Problem(
            "malformed-task",
            f"{draft.task_id} has the mark [{draft.box}], which is no checkbox "
            "([ ], [x] or [X]); the task is left out",
            source,
        )
    if not draft.rest:
        return Problem("malformed-task", "a checkbox with nothing after it", source)
    if in_phase and with_ids and draft.task_id is None:
        return Problem(
            "malformed-task",
            "a task without an id (T001, ...) where the other tasks have ids; it is left out",
            source,
        )
    return None


def _task(
    document: Document,
    draft: _Draft,
    phase: Heading | None,
    phase_lines: dict[int, str],
    prefixes: Collection[str],
) -> Task:
    text = draft.rest
    id_match = _TASK_ID.fullmatch(text)
    if id_match is not None:
        text = id_match.group(2)
    parallel = False
    story: int | None = None
    while match := _LEADING_TAG.match(text):
        tag = match.group(1).upper()
        if tag == "P":
            parallel = True
        elif story is None:
            story = int("".join(char for char in tag if char.isdigit()))
        text = text[match.end() :]
    if story is None and (tag_match := _STORY_TAG.search(text)):
        story = int(tag_match.group(1))
    text = _SEPARATOR.sub("", text).strip()
    is_test = False
    for heading in document.headings_around(draft.item.start):
        title = (phase_heading(heading.title) or ("", heading.title))[1]
        if _TESTS.match(title if heading is phase else heading.title):
            is_test = True
        if heading is phase:
            break
    return Task(
        draft.task_id,
        draft.box in {"x", "X"},
        parallel,
        story,
        text,
        references(draft.rest, prefixes),
        is_test,
        phase_lines[phase.line] if phase is not None else None,
        Source(FILE, draft.item.start + 1),
    )


def _phase(document: Document, heading: Heading, tasks: tuple[Task, ...]) -> Phase:
    number, title = phase_heading(heading.title) or ("", heading.title)
    goal = checkpoint = None
    for paragraph in document.paragraphs_in(heading):
        if paragraph.item is not None:
            continue
        for label in paragraph_labels(paragraph):
            if goal is None and label.key in {"goal", "purpose", "objective"}:
                goal = label.value or None
            elif checkpoint is None and label.key == "checkpoint":
                checkpoint = label.value or None
    source = Source(FILE, heading.line + 1)
    return Phase(number, title, goal, checkpoint, tasks, story_in(title), (), source)
