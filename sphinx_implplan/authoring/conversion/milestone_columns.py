"""A schedule table that dates each phase by its milestones, one column each:
``| Move group | Cutover weekend | Go-live | Hypercare ends |``, ``| Release | Branch
cut | Beta | GA | Milestone |``. No column says when the phase starts, but its row's
days do: the phase runs from the first of them (an End column's included) to the
last. Two columns at least of no schedule name, each holding days in half of its
rows or more, make a table of milestones; one dated column (a "Go-live" beside an
"Owner") says when one thing happens, not how long the phase runs."""

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
    conversion: Conversion, row: TableRow, columns: list[int], given: Values
) -> Values:
    """What a row gives its phase: ``given`` (its Start, End or Duration columns'),
    or, where those say no start or length, its first and last day among its
    milestones and its End column (``Hypercare ends``); nothing where that makes
    fewer than two days (``TBD``)."""
    named = dict(given)
    if "start" in named or "duration" in named or not columns:
        return given
    days = sorted(
        {
            day
            for index in columns
            if index < len(row.cells)
            for day in _days(conversion, row.cells[index].plain)
        }
        | ({named["end"]} if "end" in named else set())
    )
    if len(days) < _FEWEST_COLUMNS:
        return given
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
