"""Schedules that give the phases their dates: the lists and tables of a timeline
section (``- Phase 1: 2 weeks``, ``| Phase | Start | End |``), a schedule table
anywhere else whose rows name phases (``| Stage | Period |`` under "Status at a
glance") or list whose entries do (``- Phase 3: 3-14 May`` under "Key dates"), and
mermaid gantt charts (:mod:`.phase_gantt`). A cell gives the one date among its
words (``complete 11 Apr 2025``).

An entry or a row whose schedule attaches leaves only where the output holds every
word of it: a phase named by its number (``2``, ``Phase 2``), which its id and its
directive hold, and a schedule the options write as it was written. Any other stays as written, its
schedule attached all the same, so that no word is lost; the timeline view follows
the first block that gave any.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion, Phase
from sphinx_implplan.authoring.conversion.dates_in_prose import one_date_among
from sphinx_implplan.authoring.conversion.html_tables import any_table
from sphinx_implplan.authoring.conversion.lists import lead_and_rest, rewrite_list
from sphinx_implplan.authoring.conversion.markdown import (
    ListItem,
    Section,
    Table,
    TableRow,
    Text,
    bold_only,
    list_items,
    normal_header,
    span,
)
from sphinx_implplan.authoring.conversion.milestone_columns import dated_columns, milestone_dates
from sphinx_implplan.authoring.conversion.phase_gantt import attach_gantt
from sphinx_implplan.authoring.conversion.phase_references import BARE_NUMBER, WORD, phase_of
from sphinx_implplan.authoring.conversion.phase_spans import span_of
from sphinx_implplan.authoring.conversion.phases import Values, attach_schedule
from sphinx_implplan.authoring.conversion.schedule_columns import UNITS, column_of
from sphinx_implplan.authoring.conversion.table_sections import kept_table
from sphinx_implplan.authoring.conversion.week_columns import marked_weeks, week_columns
from sphinx_implplan.authoring.myst_writer import Directive

#: a phase named by its number alone or as ``Phase 2``: its id holds the number and
#: its directive (``impl-phase``) the word; ``Step 2`` or a name would be lost
_BY_NUMBER = re.compile(rf"(?i:phase\s+)?(?:{BARE_NUMBER.pattern})")
_NUMBER_RANGE = re.compile(r"\d{1,4}\s*(?:-|\u2013|\u2014)\s*\d{1,4}")


def _milestone_columns(conversion: Conversion, found: Table) -> list[int]:
    """The columns of no schedule name whose cells are days (``Go-live``)."""
    unnamed = [index for index, header in enumerate(found.headers) if column_of(header) is None]
    return dated_columns(conversion, found, unnamed)


def _view() -> Directive:
    return Directive("impl-timeline")


def _words(text: str) -> set[str]:
    """The words of ``text`` that hold a letter: numbers are the options' and ids'."""
    return {word for word in WORD.findall(text.lower()) if not word.isdigit()}


def _leaves(phase_text: str, schedule_texts: list[str], values: Values) -> bool:
    """Whether an entry may leave: its phase named by its number, alone or as ``Phase
    2``, and no word of its schedule missing from the options (``Sep 15 - Sep 26``
    stays)."""
    written = _words(" ".join(value for _, value in values))
    return bool(_BY_NUMBER.fullmatch(phase_text.strip())) and all(
        _words(text) <= written for text in schedule_texts
    )


def convert_timeline(conversion: Conversion, section: Section) -> None:
    """Entries naming a phase with a duration or dates attach to it; the first block
    that gave any shows the timeline view after what is left of it."""
    view_placed = False
    for block in section.blocks:
        if span(block)[0] in conversion.claimed:
            continue
        if block.type in {"bullet_list", "ordered_list"}:
            placed = _convert_list(conversion, block, view_placed)
        elif (found := any_table(block)) is not None:
            placed = _convert_table(conversion, found, view_placed)
        elif block.type == "paragraph":
            placed = _convert_paragraph(conversion, block, view_placed)
        else:
            continue
        view_placed = view_placed or placed


def _convert_paragraph(conversion: Conversion, block: SyntaxTreeNode, view_placed: bool) -> bool:
    """``**Phase 1 \u2014 Discovery**`` over ``1-28 March 2027``: a bold line naming a
    phase, its span on the line under it, once or several times in one paragraph.
    Whether any attached; the paragraph stays as written, its words being no option's."""
    lines = Text.of(block.children[0]).raw.split("\n")
    attached = False
    for number, (line, under) in enumerate(pairwise(lines)):
        bold = bold_only(line)
        phase = phase_of(conversion, Text.parse(bold).plain) if bold else None
        found = span_of(Text.parse(under).plain, conversion.sprint_days, conversion.plan_year)
        values = found.values(conversion.anchors()) if found else None
        if phase is not None and values:
            attached |= attach_schedule(conversion, phase, values, span(block)[0] + number + 1)
    if attached and not view_placed:
        conversion.replace(span(block)[1], span(block)[1], [_view()])
    return attached


def _convert_list(conversion: Conversion, block: SyntaxTreeNode, view_placed: bool) -> bool:
    """Whether any entry of the list attached; those that may leave it do."""
    items = list_items(block, conversion.lines)
    attached: list[ListItem] = []
    kept: list[ListItem] = []
    # a phase's directive holds the words of one entry: a second stays as written
    left: set[int] = set()
    for item in items:
        found = _entry_schedule(conversion, item)
        if found is not None and attach_schedule(conversion, found[0], found[1], item.start):
            attached.append(item)
            lead, rest = lead_and_rest(item.text or Text("", "", False))
            if id(found[0]) not in left and _leaves(lead.plain, [rest.plain], found[1]):
                left.add(id(found[0]))
                continue
        kept.append(item)
    if not attached:
        return False
    view = [] if view_placed else [_view()]
    if len(kept) == len(items):
        if view:
            conversion.replace(span(block)[1], span(block)[1], view)
    else:
        rewrite_list(conversion, span(block), kept, view)
    return True


def _entry_schedule(
    conversion: Conversion, item: ListItem, *, note: bool = True
) -> tuple[Phase, Values] | None:
    if item.text is None or len(item.node.children) > 1:
        return None
    lead, rest = lead_and_rest(item.text)
    phase = phase_of(conversion, lead.plain)
    found = span_of(rest.plain, conversion.sprint_days, conversion.plan_year)
    values = found.values(conversion.anchors()) if found else None
    if phase is None or not values or lead.rich or rest.rich:
        if phase is not None and note:
            conversion.note(
                item.start, f"timeline entry kept: {rest.plain!r} is no duration or date"
            )
        return None
    return phase, values


def _convert_table(conversion: Conversion, found: Table, view_placed: bool) -> bool:
    """Whether any row attached; the table stays as written where a row stays or a
    column says more than the view (an Owner), else its rows that stay are kept."""
    ranges = _range_columns(found)
    # the table's milestone and week columns, found once for all its rows
    dated = _Dated(_milestone_columns(conversion, found), week_columns(found))
    attached: list[TableRow] = []
    kept_rows: list[TableRow] = []
    left: set[int] = set()
    for row in found.rows:
        scheduled = _row_schedule(conversion, found, row, ranges, dated)
        if scheduled is not None and attach_schedule(
            conversion, scheduled[0], scheduled[1], row.line
        ):
            attached.append(row)
            if id(scheduled[0]) not in left and _row_leaves(found, row, scheduled[1]):
                left.add(id(scheduled[0]))
                continue
        kept_rows.append(row)
    if not attached:
        return False
    view = [] if view_placed else [_view()]
    # an HTML table is never written again
    whole = found.as_written or len(kept_rows) == len(found.rows)
    if whole or any(column_of(header) is None for header in found.headers):
        if view:
            conversion.replace(found.end, found.end, view)
    else:
        keep = kept_table(conversion.lines, found, kept_rows)
        conversion.replace(found.start, found.end, view, keep=keep)
    return True


def _row_leaves(found: Table, row: TableRow, values: Values) -> bool:
    phase_cells = [
        cell.plain
        for header, cell in zip(found.headers, row.cells, strict=False)
        if column_of(header) == "phase"
    ]
    schedule_cells = [
        cell.plain
        for header, cell in zip(found.headers, row.cells, strict=False)
        if column_of(header) not in {None, "phase"}
    ]
    return bool(phase_cells) and all(_leaves(cell, schedule_cells, values) for cell in phase_cells)


def _range_columns(found: Table) -> set[int]:
    """The Weeks or Days columns that hold a range (``1-3``): there a bare number is one
    week or day of the plan (``11``: week 11), not a count of them."""
    return {
        index
        for row in found.rows
        for index, cell in enumerate(row.cells)
        if _NUMBER_RANGE.fullmatch(cell.plain)
    }


class _Dated(NamedTuple):
    """A table's columns of milestone days and of weeks."""

    milestones: list[int]
    weeks: dict[int, tuple[int, bool]]


def _row_schedule(
    conversion: Conversion, found: Table, row: TableRow, ranges: set[int], dated: _Dated
) -> tuple[Phase, Values] | None:
    """A row naming its phase, with a start, an end, a duration or a span, or else
    the days of its milestones (:func:`.milestone_dates`); the cells of other columns
    are left to the table. ``None``, with a note for a cell of a schedule column that
    holds no schedule, where the row gives nothing."""
    values: Values = []
    phase, unread = None, ""
    for index, (header, cell) in enumerate(zip(found.headers, row.cells, strict=False)):
        column = column_of(header)
        if not cell.raw or column is None:
            continue
        if cell.rich:
            return None
        if column == "phase":
            # of a Step and a Name column, the first that names a phase
            phase = phase or phase_of(conversion, cell.plain, header)
            continue
        given = _cell_values(conversion, column, header, cell.plain, index in ranges)
        if not given and column == "duration":
            unread = cell.plain  # ``52 h``: the options hold no hours; the dates count
            continue
        if not given:
            conversion.note(row.line, f"timeline row kept: {cell.plain!r} is no {column}")
            return None
        for name, value in given:
            if any(name == other and value != other_value for other, other_value in values):
                conversion.note(row.line, f"timeline row kept: it gives two :{name}: values")
                return None
        values += [value for value in given if value not in values]
    if phase is not None:
        values = milestone_dates(conversion, row, dated.milestones, values) or marked_weeks(
            conversion, row, dated.weeks
        )
    if unread:
        kept = "duration left in the row" if phase and values else "timeline row kept"
        conversion.note(row.line, f"{kept}: {unread!r} is no duration")
    return (phase, values) if phase is not None and values else None


def _cell_values(
    conversion: Conversion, column: str, header: str, text: str, numbered: bool
) -> Values:
    """What one schedule cell gives: a Start column its first day, an End column the
    last day of what it names (or both ends of a range), a Duration column a duration,
    a span column whatever its span says."""
    if column == "duration":  # also ``2 weeks, business hours``, a remark after it
        found = span_of(text, conversion.sprint_days)
        duration = found.duration if found is not None and found.start is None else None
        return [("duration", duration)] if duration is not None else []
    if column == "span":
        # a bare number in a Weeks or Days column counts that unit, or names one
        # where the column numbers them (``1-3``, then ``11``); a range of them is a
        # span of those weeks or days
        unit = normal_header(header)
        unit = UNITS.get(unit, unit)
        if unit in {"weeks", "days"} and text.isdigit() and not numbered:
            text = f"{text} {unit}"
        elif unit in {"weeks", "week", "days", "kw"} and (
            _NUMBER_RANGE.fullmatch(text) or text.isdigit()
        ):
            text = f"{unit} {text}"
    year, deadline = conversion.plan_year, column == "end"
    found = span_of(text, conversion.sprint_days, year, deadline=deadline)
    # ``complete 11 Apr 2025``: the one date among a cell's words, a range in a span
    # column (a day alone says no span)
    among = None if found else one_date_among(text, year, range_only=column == "span")
    found = found or (span_of(among, None, year, deadline=deadline) if among else None)
    given = found.values(conversion.anchors()) if found is not None else []
    if column == "start":
        return [(name, value) for name, value in given if name == "start"]
    if column == "end":
        return [(name, value) for name, value in given if name in {"start", "end"}]
    return given


def convert_schedules(conversion: Conversion, root: Section, timelines: list[Section]) -> None:
    """Schedule tables and lists outside the timeline sections and the phases, where
    a row names a phase or two entries name one with its schedule (``- Phase 2: 3-14
    March`` under "Key dates"); and every mermaid gantt chart of the plan, which
    stays as written."""
    in_timelines = {id(section) for section in timelines}
    view_placed = any(
        directive.name == "impl-timeline"
        for replacement in conversion.replacements
        for directive in replacement.directives
    )
    for section in root.walk():
        for block in section.blocks:
            if id(section) in in_timelines or not conversion.untaken(*span(block)):
                continue
            if (found := any_table(block)) is not None and _names_a_phase(conversion, found):
                view_placed = _convert_table(conversion, found, view_placed) or view_placed
            elif block.type in {"bullet_list", "ordered_list"} and _lists_a_schedule(
                conversion, block
            ):
                view_placed = _convert_list(conversion, block, view_placed) or view_placed
    for node in root.nodes():
        for inner in node.walk():
            if inner.type == "fence" and inner.info.strip().lower() == "mermaid":
                attach_gantt(conversion, inner.content, span(inner)[0] + 1)


def _lists_a_schedule(conversion: Conversion, block: SyntaxTreeNode) -> bool:
    """Whether two entries of the list or more each name a phase and its schedule."""
    items = list_items(block, conversion.lines)
    return sum(_entry_schedule(conversion, item, note=False) is not None for item in items) >= 2


def _names_a_phase(conversion: Conversion, found: Table) -> bool:
    """Whether the table has a phase column and a schedule column (or milestone
    days, or a column per week), and a row whose phase cell names a phase of the
    plan."""
    columns = [column_of(header) for header in found.headers]
    if "phase" not in columns or not (
        set(columns) - {None, "phase"}
        or _milestone_columns(conversion, found)
        or week_columns(found)
    ):
        return False
    return any(
        phase_of(conversion, cell.plain, header) is not None
        for row in found.rows
        for header, cell, column in zip(found.headers, row.cells, columns, strict=False)
        if column == "phase"
    )
