"""Decision tables, metrics, the technology stack, considerations, testing
strategy, rollout stages and the changelog: the plan's registers."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, set_title_text
from sphinx_implplan.authoring.conversion.decision_texts import convert_text_decisions
from sphinx_implplan.authoring.conversion.lists import (
    convert_list,
    keep_marks,
    lead_and_rest,
    task_box,
)
from sphinx_implplan.authoring.conversion.markdown import (
    ListItem,
    Section,
    Text,
    item_rest,
    list_items,
    normal_header,
    span,
    table,
)
from sphinx_implplan.authoring.conversion.section_kinds import layer_of, test_level_of
from sphinx_implplan.authoring.conversion.stack_items import tech_item
from sphinx_implplan.authoring.conversion.table_sections import (
    Column,
    TableShape,
    convert_table,
    has_title_column,
)
from sphinx_implplan.authoring.myst_writer import Directive

_STATUS = "status"

DECISION_TABLE = TableShape(
    "impl-decision",
    title=frozenset(
        {"decision", "decisions", "question", "topic", "area", "issue"}
        # Dutch and Portuguese
        | {"besluit", "besluiten", "decis\u00e3o", "decis\u00f5es", "vraag", "quest\u00e3o"}
    ),
    options=(
        # "Question | Decision | Rationale": the question is the title, the decision
        # the choice; "Decision | Rationale": the decision is both
        Column.of(
            "choice",
            "choice",
            "chosen",
            "selected",
            "selection",
            "option",
            "approach",
            "decision",
            "answer",
            "besluit",
            "keuze",
            "decis\u00e3o",
            "escolha",
        ),
        Column.of(
            "alternatives",
            "alternatives",
            "alternatives considered",
            "options considered",
            "rejected options",
        ),
        Column.of(_STATUS, _STATUS, check=checks.decision_status),
    ),
    body=frozenset(
        {"rationale", "reason", "reasoning", "why", "justification"}
        | {"reden", "motivatie", "motivo", "justificativa", "raz\u00e3o"}
    ),
    required=("choice",),
    title_option="choice",
)

METRIC_TABLE = TableShape(
    "impl-metric",
    title=frozenset({"metric", "metrics", "kpi", "name", "measure"}),
    options=(
        Column.of("target", "target", "goal", "threshold", "target value", "desired"),
        Column.of("baseline", "baseline", "current", "today", "now", "as is", "starting point"),
        Column.of("measures", "measures", "requirements", "requirement", check=checks.ids),
    ),
)

STACK_TABLE = TableShape(
    "impl-tech",
    title=frozenset({"technology", "tech", "tool", "name", "library", "framework"}),
    options=(
        Column.of("layer", "layer", "area", "tier", check=lambda raw: layer_of(raw) or "other"),
        Column.of("version", "version", "versions"),
        Column.of("purpose", "purpose", "use", "used for", "role", "description"),
    ),
    named_ids=True,
)

CHANGE_TABLE = TableShape(
    "impl-change",
    title=frozenset({"change", "changes", "description", "summary", "what changed"}),
    options=(Column.of("date", "date", "when", check=checks.date),),
    required=("date",),
)


def _lists(section: Section) -> list[SyntaxTreeNode]:
    return [block for block in section.blocks if block.type in {"bullet_list", "ordered_list"}]


def convert_decisions(conversion: Conversion, section: Section) -> None:
    """Decision tables, and decisions written as ``**Decision**:`` lines or as a
    ``Decision: X`` subsection."""
    if convert_text_decisions(conversion, section):
        return
    for block in section.blocks:
        if block.type == "table":
            convert_table(conversion, table(block), DECISION_TABLE)


def convert_metrics(conversion: Conversion, section: Section) -> None:
    for block in section.blocks:
        if block.type == "table":
            convert_table(conversion, table(block), METRIC_TABLE)
    for block in _lists(section):

        def metric(item: ListItem, text: Text) -> Directive | None:
            lead, rest = lead_and_rest(text)
            directive = conversion.item(
                "impl-metric", lead.shown, conversion.ids.numbered("impl-metric")
            )
            directive.option("target", rest.shown)
            set_title_text(directive, "Metric", lead)
            set_title_text(directive, "Target", rest)
            return directive

        convert_list(conversion, span(block), list_items(block, conversion.lines), metric)


def convert_stack(conversion: Conversion, section: Section, layer: str | None) -> None:
    for block in section.blocks:
        if block.type == "table" and has_title_column(found := table(block), STACK_TABLE):
            convert_table(conversion, found, STACK_TABLE)
    for block in _lists(section):

        def tech(item: ListItem, text: Text) -> Directive | None:
            lead, rest = lead_and_rest(text)
            # "- **Language**: Python 3.11+": a role, then the technology and its version
            found = tech_item(lead.shown, rest.shown, layer)
            directive = conversion.item(
                "impl-tech", found.title, conversion.ids.named("impl-tech", found.title)
            )
            directive.option("layer", found.layer or "other")
            directive.option("version", found.version)
            directive.option("purpose", found.purpose)
            set_title_text(directive, "Technology", lead)
            set_title_text(directive, "Purpose", rest)
            return directive

        convert_list(conversion, span(block), list_items(block, conversion.lines), tech)


def convert_considerations(conversion: Conversion, section: Section, kind: str | None) -> None:
    """Each list item of a section naming its kind (security, performance, ...)."""
    if kind is None:
        return
    for block in _lists(section):

        def consideration(item: ListItem, text: Text) -> Directive | None:
            lead, rest = lead_and_rest(text)
            bold_lead = text.raw.startswith(("**", "__"))
            title = lead if bold_lead else text
            directive = conversion.item(
                "impl-consideration", title.shown, conversion.ids.numbered("impl-consideration")
            )
            directive.option("kind", kind)
            if bold_lead:
                directive.body = rest.raw
            set_title_text(directive, "Consideration", title)
            return directive

        convert_list(conversion, span(block), list_items(block, conversion.lines), consideration)


def convert_test(conversion: Conversion, section: Section) -> bool:
    """A testing subsection naming a level: one test, its content the body."""
    level = test_level_of(section.title.plain)
    if level is None:
        return False
    directive = conversion.item(
        "impl-test", section.title.shown, conversion.ids.numbered("impl-test")
    )
    directive.option("level", level)
    set_title_text(directive, "Test", section.title)
    own = "".join(conversion.lines[section.body_start : section.body_end]).strip("\n")
    directive.body = "\n\n".join(part for part in (directive.body, own) if part)
    conversion.replace(section.start, section.body_end, [directive])
    return True


def convert_rollout(conversion: Conversion, section: Section) -> None:
    """The first list: each item a stage, numbered by its place; a list that is a
    phase's checklist (a bold line over it, :mod:`.phase_bold`) is none."""
    lists = [block for block in _lists(section) if span(block)[0] not in conversion.claimed]
    if not lists:
        return
    block = lists[0]
    if _CHECKLIST.search(normal_header(section.title.plain)):
        # a launch checklist ("Checklist before launch") is what to tick off, not stages
        conversion.note(
            span(block)[0], "checklist kept as written: its items are no rollout stages"
        )
        return
    items = list_items(block, conversion.lines)

    def stage(item: ListItem, text: Text) -> Directive | None:
        lead, rest = lead_and_rest(text)
        bold_lead = text.raw.startswith(("**", "__"))
        title, body = (lead, rest) if bold_lead else (text, Text("", "", False))
        directive = conversion.item(
            "impl-rollout", title.shown, conversion.ids.numbered("impl-rollout")
        )
        number = item.number if item.number is not None and item.number > 0 else None
        directive.option("stage", str(number or items.index(item) + 1))
        directive.body = body.raw
        set_title_text(directive, "Stage", title)
        return directive

    convert_list(conversion, span(block), items, stage)


_DATE_HEADING = re.compile(r"\d{4}-\d{2}-\d{2}")
#: a heading naming a checklist: ``Launch checklist``, ``Pre-launch check list``
_CHECKLIST = re.compile(r"\bcheck ?-?lists?\b")


def convert_changelog(conversion: Conversion, section: Section) -> None:
    """``- 2026-09-01: Plan drafted`` entries and a Date/Change table."""
    for block in section.blocks:
        if block.type == "table":
            convert_table(conversion, table(block), CHANGE_TABLE)
    for block in _lists(section):

        def entry(item: ListItem, text: Text) -> Directive | None:
            lead, rest = lead_and_rest(text)
            date = checks.date(lead.plain) if not lead.rich else None
            if date is None or not rest.plain:
                return None
            directive = conversion.item(
                "impl-change", rest.shown, conversion.ids.numbered("impl-change")
            )
            directive.option("date", date)
            set_title_text(directive, "Change", rest)
            return directive

        convert_list(conversion, span(block), list_items(block, conversion.lines), entry)


def convert_dated_changes(conversion: Conversion, section: Section) -> None:
    """A ``### 2026-10-14`` subsection made of one list: an entry per item, and the
    heading's date on each."""
    date = (
        checks.date(section.title.plain) if _DATE_HEADING.fullmatch(section.title.plain) else None
    )
    if date is None:
        return
    lists = _lists(section)
    if len(section.blocks) != 1 or len(lists) != 1:
        return
    items = list_items(lists[0], conversion.lines)
    if any(item.text is None for item in items):
        return
    directives = []
    for item in items:
        assert item.text is not None
        checked, text = task_box(item.text)
        directive = conversion.item(
            "impl-change", text.shown, conversion.ids.numbered("impl-change")
        )
        directive.option("date", date)
        set_title_text(directive, "Change", text)
        keep_marks(directive, item, checked)
        rest = item_rest(item, conversion.lines)
        if rest:
            directive.body = "\n\n".join(part for part in (directive.body, rest) if part)
        directives.append(directive)
    conversion.replace(section.start, section.body_end, directives)
