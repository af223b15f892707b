"""Decision and risk tables, metrics, the technology stack, considerations, testing
strategy, rollout stages and the changelog: the plan's registers."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, set_title_text
from sphinx_implplan.authoring.conversion.lists import convert_list, lead_and_rest
from sphinx_implplan.authoring.conversion.markdown import (
    ListItem,
    Section,
    Text,
    item_rest,
    list_items,
    span,
    table,
)
from sphinx_implplan.authoring.conversion.section_kinds import layer_of, test_level_of
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
    title=frozenset({"decision", "decisions", "question", "topic", "area"}),
    options=(
        Column.of("choice", "choice", "chosen", "selected", "selection", "option", "approach"),
        Column.of(
            "alternatives",
            "alternatives",
            "alternatives considered",
            "options considered",
            "rejected options",
        ),
        Column.of(_STATUS, _STATUS, check=checks.decision_status),
    ),
    body=frozenset({"rationale", "reason", "reasoning", "why", "justification"}),
    required=("choice",),
)

RISK_TABLE = TableShape(
    "impl-risk",
    title=frozenset({"risk", "risks", "description", "risk description"}),
    options=(
        Column.of("impact", "impact", "severity", check=checks.level),
        Column.of("likelihood", "likelihood", "probability", "chance", check=checks.level),
        Column.of(
            "mitigation", "mitigation", "mitigations", "mitigation strategy", "response", "plan"
        ),
        Column.of("owner", "owner", "assignee", "responsible"),
        Column.of(_STATUS, _STATUS, check=checks.risk_status),
        Column.of("affects", "affects", "requirements", check=checks.ids),
    ),
    required=("impact", "likelihood"),
)

METRIC_TABLE = TableShape(
    "impl-metric",
    title=frozenset({"metric", "metrics", "kpi", "name", "measure"}),
    options=(
        Column.of("target", "target", "goal", "threshold", "target value"),
        Column.of("baseline", "baseline", "current", "today"),
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
    for block in section.blocks:
        if block.type == "table":
            convert_table(conversion, table(block), DECISION_TABLE)


def convert_risks(conversion: Conversion, section: Section) -> None:
    for block in section.blocks:
        if block.type == "table":
            # the heat map follows the plan's first risks; later ones join that map
            views = [] if conversion.counts["impl-risk"] else [Directive("impl-risk-matrix")]
            convert_table(conversion, table(block), RISK_TABLE, then=views)


def convert_metrics(conversion: Conversion, section: Section) -> None:
    for block in section.blocks:
        if block.type == "table":
            convert_table(conversion, table(block), METRIC_TABLE)
    for block in _lists(section):

        def metric(item: ListItem, text: Text) -> Directive | None:
            lead, rest = lead_and_rest(text)
            directive = conversion.item(
                "impl-metric", lead.plain, conversion.ids.numbered("impl-metric")
            )
            directive.option("target", rest.plain)
            set_title_text(directive, "Metric", lead)
            set_title_text(directive, "Target", rest)
            return directive

        convert_list(conversion, span(block), list_items(block, conversion.lines), metric)


_VERSION = re.compile(r"v?\d[\w.+-]*")


def _version_and_purpose(rest: str) -> tuple[str, str]:
    """``18.2 / UI rendering`` -> version and purpose; a text with no version first
    is all purpose."""
    first, _, remainder = rest.strip().partition(" ")
    first = first.rstrip(",;/")
    if _VERSION.fullmatch(first):
        return first, remainder.strip().lstrip("/-,;:\u2013\u2014 ").strip()
    return "", rest.strip()


def convert_stack(conversion: Conversion, section: Section, layer: str | None) -> None:
    for block in section.blocks:
        if block.type == "table" and has_title_column(found := table(block), STACK_TABLE):
            convert_table(conversion, found, STACK_TABLE)
    for block in _lists(section):

        def tech(item: ListItem, text: Text) -> Directive | None:
            lead, rest = lead_and_rest(text)
            item_layer = layer
            if layer_of(lead.plain) is not None and rest.plain and layer is None:
                # "- Backend: FastAPI 0.110" under a stack heading with no layers
                item_layer, lead, rest = layer_of(lead.plain), rest, Text("", "", False)
            version, purpose = _version_and_purpose(rest.plain)
            directive = conversion.item(
                "impl-tech", lead.plain, conversion.ids.named("impl-tech", lead.plain)
            )
            directive.option("layer", item_layer or "other")
            directive.option("version", version)
            directive.option("purpose", purpose)
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
                "impl-consideration", title.plain, conversion.ids.numbered("impl-consideration")
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
        "impl-test", section.title.plain, conversion.ids.numbered("impl-test")
    )
    directive.option("level", level)
    set_title_text(directive, "Test", section.title)
    own = "".join(conversion.lines[section.body_start : section.body_end]).strip("\n")
    directive.body = "\n\n".join(part for part in (directive.body, own) if part)
    conversion.replace(section.start, section.body_end, [directive])
    return True


def convert_rollout(conversion: Conversion, section: Section) -> None:
    """The first list: each item a stage, numbered by its place."""
    lists = _lists(section)
    if not lists:
        return
    block = lists[0]
    items = list_items(block, conversion.lines)

    def stage(item: ListItem, text: Text) -> Directive | None:
        lead, rest = lead_and_rest(text)
        bold_lead = text.raw.startswith(("**", "__"))
        title, body = (lead, rest) if bold_lead else (text, Text("", "", False))
        directive = conversion.item(
            "impl-rollout", title.plain, conversion.ids.numbered("impl-rollout")
        )
        number = item.number if item.number is not None and item.number > 0 else None
        directive.option("stage", str(number or items.index(item) + 1))
        directive.body = body.raw
        set_title_text(directive, "Stage", title)
        return directive

    convert_list(conversion, span(block), items, stage)


_DATE_HEADING = re.compile(r"\d{4}-\d{2}-\d{2}")


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
                "impl-change", rest.plain, conversion.ids.numbered("impl-change")
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
        directive = conversion.item(
            "impl-change", item.text.plain, conversion.ids.numbered("impl-change")
        )
        directive.option("date", date)
        set_title_text(directive, "Change", item.text)
        rest = item_rest(item, conversion.lines)
        if rest:
            directive.body = "\n\n".join(part for part in (directive.body, rest) if part)
        directives.append(directive)
    conversion.replace(section.start, section.body_end, directives)
