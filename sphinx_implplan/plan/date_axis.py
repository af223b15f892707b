"""The date axis of a Gantt chart: which days carry a tick, and what each says. No
Sphinx imports.

The ticks are the finest of days, weeks (Mondays), months (first days) and years
(New Year's days), stepped by 2, 3, 5 ... where needed, that puts at most
:data:`MAX_TICKS` on the axis: a plan of a week gets days, one of a quarter weeks,
one of decades years. How many ticks a choice makes is counted before any is made,
so a span of thousands of years costs no more than one of a month. Days are
counted as ordinals (``date.toordinal()``), so an axis may end after 9999-12-31.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

#: the most ticks an axis gets, so that their labels never crowd each other
MAX_TICKS = 10
#: the month names of tick labels: English, as all the extension's text, and the
#: same on every machine (``calendar.month_abbr`` follows the locale)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: the choices, finest first: (unit, how many units from one tick to the next)
STEPS: tuple[tuple[str, int], ...] = (
    ("day", 1),
    ("week", 1),
    ("week", 2),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    *(("year", years) for years in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)),
)


@dataclass(frozen=True)
class Tick:
    #: the ordinal of the day the tick stands at the start of
    day: int
    label: str
    #: the year, on the first tick and where the year changes (day, week and month
    #: ticks, whose labels leave it out); else empty
    year: str = ""


@dataclass(frozen=True)
class Axis:
    #: the ordinal of the first day shown
    first: int
    #: the ordinal of the day after the last day shown
    after: int
    unit: str
    step: int
    ticks: tuple[Tick, ...]

    @property
    def days(self) -> int:
        return self.after - self.first


def _first_multiple(value: int, step: int) -> int:
    """The first multiple of ``step`` from ``value`` on."""
    return -(-value // step) * step


def _month_index(day: datetime.date) -> int:
    """Months since year 0, of the first month that starts on or after ``day``."""
    index = day.year * 12 + day.month - 1
    return index if day.day == 1 else index + 1


def _tick_days(unit: str, step: int, first: int, after: int) -> range:
    """The days (ordinals, for days and weeks) or month or year numbers (months and
    years) that carry a tick, as a range: counted without making them."""
    if unit == "day":
        return range(first, after, step)
    if unit == "week":
        # ordinal 1 (0001-01-01) is a Monday: Mondays are the ordinals of 1 modulo 7
        monday = first + (1 - first) % 7
        return range(monday, after, 7 * step)
    start_day = datetime.date.fromordinal(first)
    last_day = datetime.date.fromordinal(after - 1)
    if unit == "month":
        # the months whose first day is shown
        last_month = last_day.year * 12 + last_day.month - 1
        return range(_first_multiple(_month_index(start_day), step), last_month + 1, step)
    # the years whose New Year's day is shown
    first_year = start_day.year + (0 if (start_day.month, start_day.day) == (1, 1) else 1)
    return range(_first_multiple(first_year, step), last_day.year + 1, step)


def _ticks(unit: str, numbers: range) -> tuple[Tick, ...]:
    ticks: list[Tick] = []
    shown_year: int | None = None
    for number in numbers:
        if unit in ("day", "week"):
            day = datetime.date.fromordinal(number)
            label = f"{day.day} {MONTHS[day.month - 1]}"
        elif unit == "month":
            year, month = divmod(number, 12)
            day = datetime.date(year, month + 1, 1)
            label = MONTHS[month]
        else:
            day = datetime.date(number, 1, 1)
            label = str(number)
        year_text = ""
        if unit != "year" and day.year != shown_year:
            year_text = str(day.year)
            shown_year = day.year
        ticks.append(Tick(day.toordinal(), label, year_text))
    return tuple(ticks)


def date_axis(first: datetime.date, last: datetime.date) -> Axis:
    """The axis from ``first`` to ``last`` (both shown; swapped where ``last`` comes
    first), with at most :data:`MAX_TICKS` ticks."""
    start, end = sorted((first.toordinal(), last.toordinal()))
    after = end + 1
    for unit, step in STEPS:
        numbers = _tick_days(unit, step, start, after)
        if len(numbers) <= MAX_TICKS:
            return Axis(start, after, unit, step, _ticks(unit, numbers))
    # not reached: 5000 years between ticks leaves at most two in the calendar
    return Axis(start, after, "year", STEPS[-1][1], ())
