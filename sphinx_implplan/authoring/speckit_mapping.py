"""A spec-kit feature as MyST: the one mapping from what :mod:`sphinx_implplan.speckit`
reads to the directives of a plan. No Sphinx imports.

``impl-speckit`` parses these blocks in place, each attributed to the spec-kit file
and line it came from, so every problem of an item is warned about there; the
converter writes the same blocks into files. The mapping, as the guide's spec-kit page
tables it:

- the feature is an ``impl-plan`` (title, ``:updated:`` from ``plan.md``'s date, else
  the spec's, the plan's summary as its body), whose spec is the page the directive
  stands in;
- each requirement (``FR-001``, ``NFR-002``, any ``XX-000``) is a requirement need with
  its id as written, a short title and its sentence as the body; a success criterion
  (``SC-001``) is an ``impl-metric`` of that id, so it is shown and measured but never
  counted as an unimplemented requirement;
- user stories keep their title, priority, prose and acceptance scenarios, as text;
- each phase of ``tasks.md`` is an ``impl-phase``: its tasks are its deliverables, the
  requirements they name what it ``:implements:``, and the dependencies the tasks file
  states its ``:depends:``; a task under "Tests for ..." is also an ``impl-test`` that
  ``:verifies:`` the requirements it names;
- Technical Context entries are ``impl-tech`` items (technology and version apart),
  performance goals and constraints ``impl-consideration`` items; research topics and
  Complexity Tracking rows are ``impl-decision`` items; entities are ``impl-entity``
  items and contract endpoints ``impl-endpoint`` items.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from sphinx_implplan.authoring.item_ids import IdMaker, slug, words
from sphinx_implplan.authoring.myst_writer import Directive, render_directive
from sphinx_implplan.speckit.records import (
    ConsiderationKind,
    Feature,
    Phase,
    RequirementKind,
    Source,
    StackItem,
    Task,
)

#: the layer of a stack entry, by the Technical Context label it came from
_LAYERS = {
    "storage": "database",
    "testing": "tooling",
    "target platform": "infrastructure",
}
_TEST_LEVELS = (
    ("end-to-end", "e2e"),
    ("e2e", "e2e"),
    ("contract", "integration"),
    ("integration", "integration"),
    ("performance", "performance"),
    ("load", "performance"),
    ("security", "security"),
    ("unit", "unit"),
)
_LEADING_NUMBER = re.compile(r"([0-9]+)")


@dataclass(frozen=True)
class Block:
    """One block of MyST text and the spec-kit line it stands for (``None``: it is
    made up, the directive's own line); ``directive`` is what the text renders, for
    the converter to place it (``None`` for plain text: a user story)."""

    text: str
    source: Source | None
    directive: Directive | None = None


def plan_id_of(folder: str) -> str:
    """``PLAN_004_MAGIC_LINK`` from ``004-magic-link-login``."""
    return "PLAN_" + (slug(folder.replace("-", " "), max_words=3) or "FEATURE")


def feature_key(folder: str) -> str:
    """The key a feature's item ids share: ``F004`` for folder ``004-...``, else
    the initials of its words."""
    number = _LEADING_NUMBER.match(folder)
    if number:
        return f"F{number.group(1)}"
    initials = "".join(word[0] for word in words(folder)[:4])
    return initials or "F"


def _date(text: str | None) -> str | None:
    try:
        return datetime.date.fromisoformat(text).isoformat() if text else None
    except ValueError:
        return None


def _plain(text: str) -> str:
    """A title from Markdown text: one line, the ``*`` and backtick marks left out, and
    pictographs (the target and warning signs spec-kit puts in headings) too, which
    print in no PDF font."""
    kept = "".join(
        char
        for char in re.sub(r"[*`]", "", text)
        if unicodedata.category(char) != "So" and char not in "\ufe0e\ufe0f"
    )
    return " ".join(kept.split())


def _short(text: str, limit: int = 80) -> str:
    plain = _plain(text)
    return plain if len(plain) <= limit else plain[: limit - 3].rstrip() + "..."


def _directive_block(directive: Directive, source: Source | None) -> Block:
    return Block(render_directive(directive), source, directive)


def _task_line(task: Task) -> str:
    mark = "x" if task.done else " "
    name = f"{task.id} " if task.id else ""
    return f"- [{mark}] {name}{task.text}"


def _test_level(text: str) -> str | None:
    lowered = text.lower()
    return next((level for word, level in _TEST_LEVELS if word in lowered), None)


class _Mapper:
    def __init__(
        self, feature: Feature, plan_id: str, requirement_type: str, spec: str, id_prefix: str
    ) -> None:
        self.feature = feature
        #: put before every requirement id: several features in one project each have
        #: an ``FR-001``
        self.id_prefix = id_prefix
        self.plan_id = plan_id
        self.requirement_type = requirement_type
        self.spec = spec
        self.ids = IdMaker(feature_key(feature.folder))
        self.ids.reserve(plan_id)
        #: the requirements a link may name: every one but a success criterion
        self.linkable = {
            requirement.id
            for requirement in feature.requirements
            if requirement.kind is not RequirementKind.SUCCESS_CRITERION
        }
        for requirement in feature.requirements:
            self.ids.reserve(id_prefix + requirement.id)
        self.phase_ids = {
            phase.number: self.ids.numbered("impl-phase", None) for phase in feature.phases
        }

    def links(self, ids: tuple[str, ...] | list[str]) -> str:
        linked = (self.id_prefix + i for i in ids if i in self.linkable)
        return ", ".join(dict.fromkeys(linked))

    def blocks(self) -> list[Block]:
        feature = self.feature
        plan = Directive("impl-plan", feature.title or feature.folder, body=feature.summary or "")
        plan.option("id", self.plan_id)
        plan.option("spec", self.spec)
        # the plan's own date (its header line) says when it was last worked on
        plan.option("updated", _date(feature.plan_date) or _date(feature.date))
        blocks = [_directive_block(plan, None)]
        blocks += self.requirements()
        blocks += self.stories()
        blocks += [self.phase(phase) for phase in feature.phases]
        blocks += self.tests()
        blocks += self.decisions()
        blocks += [self.tech(item) for item in feature.stack]
        blocks += self.considerations()
        blocks += self.entities()
        blocks += self.endpoints()
        return blocks

    def requirements(self) -> list[Block]:
        blocks = []
        for requirement in self.feature.requirements:
            if requirement.kind is RequirementKind.SUCCESS_CRITERION:
                item = Directive("impl-metric", requirement.title, body=requirement.text)
                item.option("id", self.id_prefix + requirement.id)
                item.option("target", _short(requirement.text, 200))
            else:
                item = Directive(self.requirement_type, requirement.title, body=requirement.text)
                item.option("id", self.id_prefix + requirement.id)
            blocks.append(_directive_block(item, requirement.source))
        return blocks

    def stories(self) -> list[Block]:
        blocks = []
        for story in self.feature.stories:
            priority = f" (Priority: {story.priority})" if story.priority else ""
            lines = [f"**User Story {story.number}: {story.title}{priority}**", ""]
            if story.text:
                lines += [story.text, ""]
            lines += [
                f"{number}. {scenario}"
                for number, scenario in enumerate(story.acceptance_scenarios, start=1)
            ]
            blocks.append(Block("\n".join(lines).rstrip() + "\n", story.source))
        return blocks

    def phase(self, phase: Phase) -> Block:
        item = Directive(
            "impl-phase",
            _plain(phase.title),
            body="\n".join(_task_line(task) for task in phase.tasks),
        )
        item.option("id", self.phase_ids[phase.number])
        item.option("goal", _plain(phase.goal) if phase.goal else None)
        item.option(
            "depends",
            ", ".join(self.phase_ids[n] for n in phase.depends_on if n in self.phase_ids),
        )
        item.option(
            "implements", self.links([r for task in phase.tasks for r in task.requirements])
        )
        return _directive_block(item, phase.source)

    def tests(self) -> list[Block]:
        blocks = []
        for task in self.feature.tasks:
            if not task.is_test:
                continue
            name = f"{task.id} " if task.id else ""
            item = Directive("impl-test", _short(f"{name}{task.text}"), body=task.text)
            item.option("id", self.ids.named("impl-test", task.id or task.text))
            item.option("level", _test_level(task.text))
            item.option("verifies", self.links(task.requirements))
            blocks.append(_directive_block(item, task.source))
        return blocks

    def decisions(self) -> list[Block]:
        blocks = []
        for decision in self.feature.decisions:
            body = decision.rationale
            if decision.alternatives:
                body += "\n\nAlternatives considered:\n\n" + "\n".join(
                    f"- {alternative}" for alternative in decision.alternatives
                )
            item = Directive("impl-decision", _short(decision.title), body=body.strip())
            item.option("id", self.ids.numbered("impl-decision"))
            item.option("choice", decision.choice or decision.title)
            item.option("status", "accepted")
            blocks.append(_directive_block(item, decision.source))
        return blocks

    def tech(self, stack: StackItem) -> Block:
        item = Directive("impl-tech", stack.technology)
        item.option("id", self.ids.named("impl-tech", stack.technology))
        item.option("layer", _LAYERS.get(stack.label.lower(), "other"))
        item.option("version", stack.version)
        purpose = f"{stack.label}: {stack.note}" if stack.note else stack.label
        item.option("purpose", purpose)
        return _directive_block(item, stack.source)

    def considerations(self) -> list[Block]:
        blocks = []
        for consideration in self.feature.considerations:
            item = Directive(
                "impl-consideration",
                f"{consideration.label}: {_short(consideration.text, 60)}",
                body=consideration.text,
            )
            item.option("id", self.ids.numbered("impl-consideration"))
            kind = consideration.kind
            item.option("kind", kind.value if kind is not ConsiderationKind.OTHER else "other")
            blocks.append(_directive_block(item, consideration.source))
        return blocks

    def entities(self) -> list[Block]:
        blocks = []
        for entity in self.feature.entities:
            lines = [entity.description or ""]
            if entity.relationships:
                lines += ["", "Relationships:", ""]
                lines += [f"- {relation}" for relation in entity.relationships]
            item = Directive("impl-entity", entity.name, body="\n".join(lines).strip())
            item.option("id", self.ids.named("impl-entity", entity.name))
            item.option("fields", ", ".join(field.name for field in entity.fields))
            blocks.append(_directive_block(item, entity.source))
        return blocks

    def endpoints(self) -> list[Block]:
        blocks = []
        for endpoint in self.feature.endpoints:
            item = Directive(
                "impl-endpoint",
                f"{endpoint.method} {endpoint.path}",
                body=endpoint.description or "",
            )
            item.option("id", self.ids.numbered("impl-endpoint"))
            blocks.append(_directive_block(item, endpoint.source))
        return blocks


def feature_blocks(
    feature: Feature, *, plan_id: str, requirement_type: str, spec: str, id_prefix: str = ""
) -> list[Block]:
    """The feature as MyST blocks, in the order a reader meets them: the plan, the
    requirements, the user stories, the phases, tests, decisions, stack,
    considerations, entities and endpoints. ``spec``: the document (from the source
    folder, ``/docs/feature``) the requirements are written in; ``id_prefix``: put
    before every requirement id (``F004-`` gives ``F004-FR-001``)."""
    return _Mapper(feature, plan_id, requirement_type, spec, id_prefix).blocks()
