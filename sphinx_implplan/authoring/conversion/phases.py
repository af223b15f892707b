"""Phases (``### Phase N: Name`` with ``**Goal**:`` and checklists) and the timeline
whose durations and dates attach to them."""

from __future__ import annotations

import re

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
from sphinx_implplan.authoring.conversion.section_kinds import phase_heading
from sphinx_implplan.authoring.conversion.table_sections import kept_table
from sphinx_implplan.authoring.myst_writer import Directive

#: label -> (option, check) of the ``**Label**: value`` lines a phase may hold
_PHASE_LABELS: dict[str, tuple[str, checks.Check]] = {
    "goal": ("goal", checks.text),
    "objective": ("goal", checks.text),
    "start": ("start", checks.date),
    "starts": ("start", checks.date),
    "end": ("end", checks.date),
    "ends": ("end", checks.date),
    "duration": ("duration", checks.duration),
    "status": ("status", checks.phase_status),
}
_DEPENDS_LABELS = frozenset({"depends on", "depends", "dependencies", "after"})
_PHASE_REFERENCE = re.compile(r"phase\s+(\d+)", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def phase_of(conversion: Conversion, reference: str) -> Phase | None:
    """The phase ``Phase 2`` or ``Core features`` names."""
    number = _PHASE_REFERENCE.search(reference)
    if number is not None:
        return next((p for p in conversion.phases if p.number == int(number.group(1))), None)
    wanted = " ".join(reference.lower().split())
    return next((p for p in conversion.phases if p.name.lower() == wanted), None)


def convert_phase(conversion: Conversion, section: Section) -> None:
    """The heading and its blocks up to the first subheading become one phase."""
    found = phase_heading(section.title.plain)
    assert found is not None
    number, name = found
    directive = conversion.item(
        "impl-phase", section.title.plain, conversion.ids.numbered("impl-phase", number)
    )
    phase = Phase(number, name, directive)
    lines = conversion.lines
    body: list[str] = []
    fields: list[tuple[str, Text]] = []
    depends_texts: list[Label] = []
    position = section.body_start
    for block in section.blocks:
        start, end = span(block)
        body.append("".join(lines[position:start]))
        position = end
        if block.type != "paragraph":
            body.append("".join(lines[start:end]))
            continue
        for number_in_block, label in zip(
            range(start, end), paragraph_labels(block, lines), strict=True
        ):
            if label is None:
                body.append(lines[number_in_block])
            elif label.name in _DEPENDS_LABELS:
                depends_texts.append(label)
            elif label.name in _PHASE_LABELS:
                option, check = _PHASE_LABELS[label.name]
                value = check(label.value.plain)
                if value is None or label.value.rich:
                    fields.append((label.name.capitalize(), label.value))
                if value is not None:
                    directive.option(option, value)
            else:
                body.append(lines[number_in_block])
    body.append("".join(lines[position : section.body_end]))
    directive.body = "".join(body).strip("\n")
    add_fields(directive, fields)
    conversion.phases.append(phase)
    conversion.phase_depends.append((phase, depends_texts))
    conversion.replace(section.start, section.body_end, [directive])


def link_depends(conversion: Conversion) -> None:
    """``**Depends on**: Phase 1`` once every phase is known."""
    for phase, labels in conversion.phase_depends:
        for label in labels:
            targets = [
                phase_of(conversion, part) for part in re.split(r",|\band\b", label.value.plain)
            ]
            if targets and all(targets):
                ids = [dict(target.directive.options)["id"] for target in targets if target]
                phase.directive.option("depends", ", ".join(ids))
            else:
                add_fields(phase.directive, [("Depends on", label.value)])
                conversion.note(label.line, "depends kept as text: it names no known phase")


def _attach(conversion: Conversion, phase: Phase, values: list[tuple[str, str]]) -> bool:
    """Set the phase's schedule options unless it already has them."""
    present = {name for name, _ in phase.directive.options}
    if not values or any(name in present for name, _ in values):
        return False
    for name, value in values:
        phase.directive.option(name, value)
    return True


def _schedule_values(text: str) -> list[tuple[str, str]] | None:
    """``2 weeks`` -> duration; ``2027-01-04 to 2027-01-17`` -> start and end;
    ``2027-01-04`` -> start; ``None`` for anything else."""
    text = text.strip().rstrip(".")
    if (duration := checks.duration(text)) is not None:
        return [("duration", duration)]
    dates = _DATE.findall(text)
    leftover = _DATE.sub("", text)
    if dates and not re.sub(r"to|until|through|from|starts?|[-\u2013\u2014\s:,]", "", leftover):
        checked = [checks.date(value) for value in dates]
        if all(checked) and len(checked) <= 2:
            return list(zip(("start", "end"), [value for value in checked if value], strict=False))
    return None


def convert_timeline(conversion: Conversion, section: Section) -> None:
    """Entries naming a phase with a duration or dates attach to it and leave the
    section; the first block that gave any shows the timeline view after what is
    left of it."""
    view_placed = False
    for block in section.blocks:
        if block.type in {"bullet_list", "ordered_list"}:
            items = list_items(block, conversion.lines)
            kept = [item for item in items if not _attach_entry(conversion, item)]
            if len(kept) == len(items):
                continue
            rewrite_list(conversion, span(block), kept, [] if view_placed else [_view()])
        elif block.type == "table":
            found = table(block)
            kept_rows = [row for row in found.rows if not _attach_row(conversion, found, row)]
            if len(kept_rows) == len(found.rows):
                continue
            keep = kept_table(conversion.lines, found, kept_rows)
            conversion.replace(found.start, found.end, [] if view_placed else [_view()], keep=keep)
        else:
            continue
        view_placed = True


def _view() -> Directive:
    return Directive("impl-timeline")


def _attach_entry(conversion: Conversion, item: ListItem) -> bool:
    if item.text is None or len(item.node.children) > 1:
        return False
    lead, rest = lead_and_rest(item.text)
    phase = phase_of(conversion, lead.plain)
    values = _schedule_values(rest.plain)
    if phase is None or values is None or lead.rich or rest.rich:
        if phase is not None:
            conversion.note(
                item.start, f"timeline entry kept: {rest.plain!r} is no duration or date"
            )
        return False
    return _attach(conversion, phase, values)


_TIMELINE_COLUMNS = {
    "phase": frozenset({"phase", "phases", "name", "stage", "milestone"}),
    "start": frozenset({"start", "start date", "starts", "from"}),
    "end": frozenset({"end", "end date", "ends", "to", "until"}),
    "duration": frozenset({"duration", "length", "effort"}),
}


def _attach_row(conversion: Conversion, found: Table, row: TableRow) -> bool:
    """A row whose every filled cell is its phase, a start, an end or a duration."""
    values: list[tuple[str, str]] = []
    phase = None
    for header, cell in zip(found.headers, row.cells, strict=False):
        if not cell.raw:
            continue
        column = next(
            (c for c, names in _TIMELINE_COLUMNS.items() if normal_header(header) in names), None
        )
        if column is None or cell.rich:
            return False
        if column == "phase":
            phase = phase_of(conversion, cell.plain)
            continue
        check = checks.duration if column == "duration" else checks.date
        value = check(cell.plain)
        if value is None:
            conversion.note(row.line, f"timeline row kept: {cell.plain!r} is no {column}")
            return False
        values.append((column, value))
    return phase is not None and _attach(conversion, phase, values)
