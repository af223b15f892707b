"""A schedule table that dates each phase by its milestones, one column each:
``| Move group | Cutover weekend | Go-live | Hypercare ends |``, ``| Release | Branch
cut | Beta | GA | Milestone |``. No column says when the phase starts or ends, but
its row's days do: the phase runs from the first of them to the last. Two such
columns at least, each holding days in most of its rows, make a table of
milestones; one dated column (a "Go-live" beside an "Owner") says when one thing
happens, not how long the phase runs."""

from __future__ import annotations

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.dates_in_prose import one_date_among
from sphinx_implplan.authoring.conversion.markdown import Table, TableRow
from sphinx_implplan.authoring.conversion.phase_spans import span_of

Values = list[tuple[str, str]]

#: the fewest dated columns that make a table of milestones
_FEWEST_COLUMNS = 2


def dated_columns(conversion: Conversion, found: Table, candidates: list[int]) -> list[int]:
    """Those of the ``candidates`` columns that hold a day in half or more of the
    rows that fill them; none unless there are two at least."""
    dated = []
    for index in candidates:
        cells = [row.cells[index].plain for row in found.rows if index < len(row.cells)]
        filled = [cell for cell in cells if cell.strip()]
        days = sum(bool(_days(conversion, cell)) for cell in filled)
        if days and days * 2 >= len(filled):
            dated.append(index)
    return dated if len(dated) >= _FEWEST_COLUMNS else []


def milestone_dates(
    conversion: Conversion, found: Table, row: TableRow, columns: list[int]
) -> Values:
    """The ``start`` and ``end`` of a row's phase: its first and last milestone day;
    nothing where its milestones hold fewer than two days (``TBD``)."""
    days = sorted(
        day
        for index in columns
        if index < len(row.cells)
        for day in _days(conversion, row.cells[index].plain)
    )
    if len(days) < _FEWEST_COLUMNS or not found.rows:
        return []
    return [("start", days[0]), ("end", days[-1])]


def _days(conversion: Conversion, text: str) -> list[str]:
    """The days a cell names: one, or both ends of a range (``Fri 3/13 - Sun 3/15``)."""
    year = conversion.plan_year
    found = span_of(text, None, year)
    if found is None:
        among = one_date_among(text, year, range_only=False)
        found = span_of(among, None, year) if among else None
    if found is None or found.start is None:
        return []
    return sorted({found.start, found.end or found.start})
