"""Phases (``### Phase N: Name`` with ``**Goal**:`` and checklists) and the timeline
whose durations and dates attach to them.

A phase takes its whole section (:mod:`.phase_sections` says which headings are
phases): its subheadings become bold lines and its thematic breaks go, since a
directive holds neither, and the breaks at its end stay after it. A span in its title
(:mod:`.phase_spans`) gives the schedule that neither its lines nor the timeline give.
"""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, Phase, add_fields
from sphinx_implplan.authoring.conversion.lists import lead_and_rest, rewrite_list
from sphinx_implplan.authoring.conversion.markdown import (
    Label,
    ListItem,
    Section,
    Table,
    TableRow,
    Text,
    list_items,
    normal_header,
    paragraph_labels,
    span,
    table,
)
from sphinx_implplan.authoring.conversion.phase_spans import MONTH_NAMES, span_of
from sphinx_implplan.authoring.conversion.section_kinds import PHASE_WORDS
from sphinx_implplan.authoring.conversion.table_sections import kept_table
from sphinx_implplan.authoring.myst_writer import Directive, render_directive
from sphinx_implplan.plan.values import InvalidValue, parse_duration

#: label -> (option, check) of the ``**Label**: value`` lines a phase may hold
_PHASE_LABELS: dict[str, tuple[str, checks.Check]] = {
    "goal": ("goal", checks.text),
    "objective": ("goal", checks.text),
    "doel": ("goal", checks.text),
    "objetivo": ("goal", checks.text),
    "start": ("start", checks.date),
    "starts": ("start", checks.date),
    "end": ("end", checks.date),
    "ends": ("end", checks.date),
    "duration": ("duration", checks.duration),
    "duur": ("duration", checks.duration),
    "dura\u00e7\u00e3o": ("duration", checks.duration),
    "status": ("status", checks.phase_status),
}
_DEPENDS_LABELS = frozenset({"depends on", "depends", "dependencies", "after"})
_PHASE_REFERENCE = re.compile(
    r"(?:" + "|".join(PHASE_WORDS) + r")\s+(\d+(?:\.\d+)*|(?-i:[A-Z])\b)", re.IGNORECASE
)
#: the unit a Weeks or Days column counts, in Dutch and Portuguese too
_UNITS = {"weken": "weeks", "semanas": "weeks", "semana": "week", "dagen": "days", "dias": "days"}
_MONTH_WORD = re.compile(rf"\b{MONTH_NAMES}", re.IGNORECASE)
_NUMBER_RANGE = re.compile(r"\d{1,4}\s*(?:-|\u2013|\u2014)\s*\d{1,4}")
_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)*|[A-Z]")


def phase_of(conversion: Conversion, reference: str) -> Phase | None:
    """The phase ``Phase 2``, ``2`` (in a Phase column) or ``Core features`` names."""
    number = _PHASE_REFERENCE.search(reference) or _BARE_NUMBER.fullmatch(reference.strip())
    if number is not None:
        wanted_number = number.group(number.lastindex or 0)
        return next((p for p in conversion.phases if p.number == wanted_number), None)
    wanted = " ".join(reference.lower().split())
    return next((p for p in conversion.phases if p.name.lower() == wanted), None)


def convert_phase(conversion: Conversion, section: Section) -> None:
    """The phase of ``section``, which takes its whole section, and the phases of
    other numbers nested in it, each up to the next."""
    nodes = list(section.nodes())
    for phase_section, end in _ranges(conversion, section, section.end):
        _convert_one(conversion, phase_section, end, nodes)


def _ranges(conversion: Conversion, section: Section, end: int) -> list[tuple[Section, int]]:
    nested = [sub for sub in section.subsections if sub.start in conversion.phase_titles]
    found = [(section, nested[0].start if nested else end)]
    for index, sub in enumerate(nested):
        found += _ranges(conversion, sub, nested[index + 1].start if sub is not nested[-1] else end)
    return found


def phase_id(conversion: Conversion, number: str) -> str:
    if number.isdigit() and len(number) <= 9:
        return conversion.ids.numbered("impl-phase", int(number))
    return conversion.ids.named("impl-phase", number)


def _convert_one(
    conversion: Conversion, section: Section, end: int, nodes: list[SyntaxTreeNode]
) -> None:
    """Lines ``[heading, end)`` become the phase: subheadings as bold lines, thematic
    breaks left out, and those at its end kept after it (a directive holds neither)."""
    title = conversion.phase_titles[section.start]
    directive = conversion.item("impl-phase", title.title, phase_id(conversion, title.number))
    span_written = title.span
    if span_written is None and title.word == "sprint" and conversion.sprint_days:
        # ``Sprint 4`` lasts a sprint, where the plan says how long one is
        days = conversion.sprint_days
        weeks = days // 7
        span_written = f"{weeks} week{'s' * (weeks != 1)}" if days % 7 == 0 else f"{days} days"
    # a phase found by its shape (``Wave 2``) answers to no bare ``2`` or ``Phase 2``
    series = title.word.startswith("series")
    phase_number = f"{title.word}:{title.number}" if series else title.number
    phase = Phase(phase_number, title.name, directive, span_written)
    inner = [node for node in nodes if section.body_start <= span(node)[0] < end]
    stop = end
    while inner and inner[-1].type == "hr":
        stop = span(inner.pop())[0]
    body = _Body()
    fields: list[tuple[str, Text]] = []
    depends_texts: list[Label] = []
    lines = conversion.lines
    position = section.body_start
    for block in inner:
        start, block_end = span(block)
        body.add("".join(lines[position:start]))
        position = block_end
        if block.type == "heading":
            body.subheading(block)
        elif block.type == "paragraph":
            for number, label in zip(
                range(start, block_end), paragraph_labels(block, lines), strict=True
            ):
                if label is not None and label.name in _DEPENDS_LABELS:
                    depends_texts.append(label)
                elif label is None or not _label_option(directive, label, fields):
                    body.add(lines[number])
        elif block.type != "hr":
            body.add("".join(lines[start:block_end]))
    body.add("".join(lines[position:stop]))
    directive.body = body.text()
    add_fields(directive, fields)
    if title.done and all(name != "status" for name, _ in directive.options):
        directive.option("status", "done")
    conversion.phases.append(phase)
    conversion.phase_depends.append((phase, depends_texts))
    conversion.replace(section.start, stop, [directive])


def _label_option(directive: Directive, label: Label, fields: list[tuple[str, Text]]) -> bool:
    """Whether a ``**Goal**:`` line became an option or a field; ``False`` keeps it in
    the body (another label, or a second line for one option)."""
    if label.name not in _PHASE_LABELS:
        return False
    option, check = _PHASE_LABELS[label.name]
    if any(name == option for name, _ in directive.options):
        return False
    value = check(label.value.plain)
    if value is None or label.value.rich:
        fields.append((label.name.capitalize(), label.value))
    if value is not None:
        directive.option(option, value)
    return True


class _Body:
    """A phase's body as it is put together: text, and subheadings as bold lines
    with a blank line on each side."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.after_heading = False

    def add(self, text: str) -> None:
        if not text:
            return
        if self.after_heading and text.split("\n", 1)[0].strip():
            self.parts.append("\n")
        self.after_heading = False
        self.parts.append(text)

    def subheading(self, heading: SyntaxTreeNode) -> None:
        raw = " ".join(heading.children[0].content.split()) if heading.children else ""
        if not raw:
            return
        written = "".join(self.parts).rstrip(" ")
        if written.strip() and not written.endswith("\n\n"):
            self.parts.append("\n" if written.endswith("\n") else "\n\n")
        if "*" in raw or raw.endswith("\\"):
            # emphasis of its own: a rubric reads the title's Markdown as written
            self.parts.append(render_directive(Directive("rubric", raw)))
        else:
            self.parts.append(f"**{raw}**\n")
        self.after_heading = True

    def text(self) -> str:
        return "".join(self.parts).strip("\n")


def link_depends(conversion: Conversion) -> None:
    """``**Depends on**: Phase 1`` once every phase is known; and the schedule a
    title's span gives, once labels and the timeline have given theirs."""
    for phase in conversion.phases:
        found = (
            span_of(phase.span, conversion.sprint_days, conversion.plan_year)
            if phase.span
            else None
        )
        present = {name for name, _ in phase.directive.options}
        for name, value in found.values(conversion.plan_start) if found else []:
            if name not in present:
                phase.directive.option(name, value)
    for phase, labels in conversion.phase_depends:
        for label in labels:
            targets = [
                phase_of(conversion, part) for part in re.split(r",|\band\b", label.value.plain)
            ]
            given = any(name == "depends" for name, _ in phase.directive.options)
            if targets and all(targets) and not given:
                ids = [dict(target.directive.options)["id"] for target in targets if target]
                phase.directive.option("depends", ", ".join(ids))
            elif given:
                add_fields(phase.directive, [("Depends on", label.value)])
                conversion.note(
                    label.line, "depends kept as text: the phase names its depends once"
                )
            else:
                add_fields(phase.directive, [("Depends on", label.value)])
                conversion.note(label.line, "depends kept as text: it names no known phase")


def _attach(conversion: Conversion, phase: Phase, values: list[tuple[str, str]], line: int) -> bool:
    """Set the phase's schedule options; one its own lines gave already is taken as
    given when the value is the same, and keeps the entry (with a note) otherwise."""
    present = dict(phase.directive.options)
    if not values:
        return False
    for name, value in values:
        if name in present and not _same_value(name, present[name], value):
            conversion.note(
                line,
                f"timeline entry kept: {phase.directive.argument!r} has :{name}: "
                f"{present[name]}, not {value}",
            )
            return False
    for name, value in values:
        if name not in present:
            phase.directive.option(name, value)
            present[name] = value
    return True


def _same_value(name: str, one: str, other: str) -> bool:
    if name == "duration":
        try:
            return parse_duration(one) == parse_duration(other)
        except InvalidValue:
            return False
    return one == other


def _schedule_values(conversion: Conversion, text: str) -> list[tuple[str, str]] | None:
    """``2 weeks`` -> duration; ``2027-01-04 to 2027-01-17`` -> start and end;
    ``2027-01-04`` -> start; ``Weeks 2-3`` -> duration (and start, from the plan's
    start date); ``None`` for anything else."""
    found = span_of(text, conversion.sprint_days, conversion.plan_year)
    return found.values(conversion.plan_start) if found else None


def convert_timeline(conversion: Conversion, section: Section) -> None:
    """Entries naming a phase with a duration or dates attach to it and leave the
    section; the first block that gave any shows the timeline view after what is
    left of it."""
    view_placed = False
    for block in section.blocks:
        if span(block)[0] in conversion.claimed:
            continue
        if block.type in {"bullet_list", "ordered_list"}:
            items = list_items(block, conversion.lines)
            kept = [item for item in items if not _attach_entry(conversion, item)]
            if len(kept) == len(items):
                continue
            rewrite_list(conversion, span(block), kept, [] if view_placed else [_view()])
        elif block.type == "table":
            found = table(block)
            attached = [row for row in found.rows if _attach_row(conversion, found, row)]
            if not attached:
                continue
            # a row dated in words (``Sep 15 - Sep 26``) stays: the option holds no word
            kept_rows = [
                row for row in found.rows if row not in attached or _dated_in_words(found, row)
            ]
            if len(kept_rows) == len(found.rows) or any(
                _column_of(header) is None for header in found.headers
            ):
                # an Owner or Deliverable column says more than the view: the table
                # stays as written, its schedule attached all the same
                if not view_placed:
                    conversion.replace(found.end, found.end, [_view()])
            else:
                keep = kept_table(conversion.lines, found, kept_rows)
                view = [] if view_placed else [_view()]
                conversion.replace(found.start, found.end, view, keep=keep)
        else:
            continue
        view_placed = True


def _dated_in_words(found: Table, row: TableRow) -> bool:
    """Whether a row's schedule names a month (``Sep 15 - Sep 26``)."""
    return any(
        _column_of(header) not in {None, "phase"} and _MONTH_WORD.search(cell.plain)
        for header, cell in zip(found.headers, row.cells, strict=False)
    )


def _view() -> Directive:
    return Directive("impl-timeline")


def _attach_entry(conversion: Conversion, item: ListItem) -> bool:
    if item.text is None or len(item.node.children) > 1:
        return False
    lead, rest = lead_and_rest(item.text)
    phase = phase_of(conversion, lead.plain)
    values = _schedule_values(conversion, rest.plain)
    if phase is None or values is None or lead.rich or rest.rich:
        if phase is not None:
            conversion.note(
                item.start, f"timeline entry kept: {rest.plain!r} is no duration or date"
            )
        return False
    return _attach(conversion, phase, values, item.start)


_TIMELINE_COLUMNS = {
    "phase": frozenset(
        {"phase", "phases", "name", "stage", "milestone", "iteration", "step"}
        | {"fase", "etappe", "etapa"}
    ),
    "start": frozenset({"start", "start date", "starts", "from", "begin", "in\u00edcio"}),
    "end": frozenset({"end", "end date", "ends", "to", "until", "eind", "einde", "fim"}),
    "duration": frozenset({"duration", "length", "effort", "duur", "dura\u00e7\u00e3o"}),
    # a span, as a title carries it: ``Weeks 2-3``
    "span": frozenset(
        {"weeks", "week", "days", "sprint", "sprints", "when", "timeframe"}
        | {"weken", "semanas", "semana", "dagen", "dias", "periode", "per\u00edodo"}
    ),
}


def _column_of(header: str) -> str | None:
    return next(
        (c for c, names in _TIMELINE_COLUMNS.items() if normal_header(header) in names), None
    )


def _attach_row(conversion: Conversion, found: Table, row: TableRow) -> bool:
    """A row naming its phase, with a start, an end, a duration or a span; the
    cells of other columns are left to the table."""
    values: list[tuple[str, str]] = []
    phase = None
    for header, cell in zip(found.headers, row.cells, strict=False):
        if not cell.raw:
            continue
        column = _column_of(header)
        if column is None:
            continue
        if cell.rich:
            return False
        if column == "phase":
            phase = phase_of(conversion, cell.plain)
            continue
        if column == "span":
            # a bare number in a Weeks or Days column counts that unit, and a range
            # of them (``1-3``) is a span of those weeks or days
            unit = normal_header(header)
            unit = _UNITS.get(unit, unit)
            if unit in {"weeks", "days"} and cell.plain.isdigit():
                text = f"{cell.plain} {unit}"
            elif unit in {"weeks", "week", "days"} and _NUMBER_RANGE.fullmatch(cell.plain):
                text = f"{unit} {cell.plain}"
            else:
                text = cell.plain
            given = _schedule_values(conversion, text) or []
        else:
            check = checks.duration if column == "duration" else checks.date
            value = check(cell.plain)
            given = [] if value is None else [(column, value)]
        if not given:
            conversion.note(row.line, f"timeline row kept: {cell.plain!r} is no {column}")
            return False
        values += given
    return phase is not None and _attach(conversion, phase, values, row.line)
