"""A schedule table drawn as a Gantt chart: one column per week (``W1``, ``Wk 2``,
``Week 3``, ``KW 14``), a mark in the weeks a phase runs (``\u25a0``, ``X``,
``\u2588``). The phase runs from its first marked week to its last, as ``Weeks 2-4``
would say in its title: counted from the plan's start, or, for calendar weeks
(``KW``, ``CW``, ``WW``), in the plan's year."""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import Table, TableRow, normal_header
from sphinx_implplan.authoring.conversion.phase_spans import span_of

Values = list[tuple[str, str]]

#: ``V1`` would be a version and ``Sem 1`` a semester: neither is a week
_WEEK_HEADER = re.compile(
    r"(?P<unit>w|wk|wks|week|kw|cw|ww|semana|woche|uge|uke|vecka)\.?\s*(?P<number>\d{1,2})"
)
#: the headers of weeks numbered in the year, not from the plan's start
_CALENDAR = frozenset({"kw", "cw", "ww", "uge", "uke", "vecka"})
#: the fewest week columns that draw a chart
_FEWEST = 3


def week_columns(found: Table) -> dict[int, tuple[int, bool]]:
    """Each week column's index -> its week's number, and whether it is a calendar
    week; none unless three columns at least are weeks."""
    weeks = {}
    for index, header in enumerate(found.headers):
        match = _WEEK_HEADER.fullmatch(normal_header(header))
        if match is not None:
            weeks[index] = (int(match.group("number")), match.group("unit") in _CALENDAR)
    return weeks if len(weeks) >= _FEWEST else {}


def marked_weeks(
    conversion: Conversion, row: TableRow, columns: dict[int, tuple[int, bool]]
) -> Values:
    """The span of the weeks a row marks, first to last; nothing for a row of none."""
    marked = [
        week
        for index, week in columns.items()
        if index < len(row.cells) and row.cells[index].plain.strip()
    ]
    if not marked:
        return []
    first, last = min(marked)[0], max(marked)[0]
    unit = "KW" if any(calendar for _, calendar in marked) else "Weeks"
    found = span_of(f"{unit} {first}-{last}", conversion.sprint_days, conversion.plan_year)
    return found.values(conversion.anchors()) if found is not None else []
