"""A countdown to a plan's day T, as runbooks and launch plans write it: ``T-21 days``,
``T-14d to T-3d``, ``T+1 to T+7``, ``D-30`` (D-Day counts in days), ``T-6 months``,
``3 weeks before launch``, or to an event named by its acronym (``FPI -26w to FPI
-20w``: first patient in).

A range counts both its ends, as ``Days 2-3`` are two days: where both ends count
days or weeks its length is known without day T (``T-14d to T-3d``: 12 days). Where
the plan names day T (:mod:`.plan_anchors`), a point (``T-7 days``) is the day the
phase starts and a range its first and last day. A bare number (``T-14``) may count
hours or minutes: it counts days only once the plan names day T as a day.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion.durations import NUMBER_WORDS, length

_UNITS = {
    **dict.fromkeys(("d", "day", "days"), "day"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "week"),
    **dict.fromkeys(("mo", "month", "months"), "month"),
}
#: a countdown's day is T or D, or an event's acronym (``FPI -26w``, ``GA-30d``, ``SOP
#: +2w``), which counts only with a sign, a number and a unit
_UNIT = r"(?:d|days?|w|wks?|weeks?|mo|months?)"
_POINT = re.compile(
    rf"([TD]|[A-Z]{{2,5}}(?=\s*[-+\u2212]\s*\d{{1,4}}\s*{_UNIT}(?![\w-])))"
    rf"\s*(?:([-+\u2212])\s*(\d{{1,4}})\s*({_UNIT})?)?(?![\w-])"
)
_RANGE = re.compile(
    rf"(?P<first>{_POINT.pattern})\s*"
    rf"(?:to|until|through|till|->|\u2192|\u2013|\u2014|\s-\s)\s*(?P<last>{_POINT.pattern})"
)
#: an event's day alone, where the range's other end counts from it
_EVENT_DAY = re.compile(
    r"^([A-Z]{2,5})(?=\s*(?:to|until|through|till|->|\u2192|\u2013|\u2014|\s-\s)\s*\1\s*[-+\u2212]\s*\d)"
)
#: ``3 weeks before launch``, ``two months ahead of the event``: a point before day T
_BEFORE = re.compile(
    r"(?P<count>\d{1,4}|one|two|three|four|five|six)\s*(?P<unit>days?|weeks?|months?)\s+"
    r"(?:before|prior to|ahead of)\s+\S.*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Offset:
    """One end of a countdown: so many days, weeks or months from day T (negative
    before it); a bare number's unit is ``None``."""

    count: int
    unit: str | None

    def days(self, day_known: bool) -> tuple[int, int] | None:
        """Its first and last day counted from day T, where it counts days or weeks
        (a bare number: once day T is known as a day)."""
        if self.unit == "week":
            return self.count * 7, self.count * 7 + 6
        if self.unit == "day" or (self.unit is None and day_known):
            return self.count, self.count
        return None

    def dates(self, day_zero: datetime.date) -> tuple[datetime.date, datetime.date] | None:
        """Its first and last day, day T being ``day_zero``."""
        try:
            if self.unit == "month":
                first = _months_after(day_zero, self.count)
                after = _months_after(day_zero, self.count + 1)
                return first, after - datetime.timedelta(days=1)
            found = self.days(day_known=True)
            if found is None:
                return None
            return (
                day_zero + datetime.timedelta(days=found[0]),
                day_zero + datetime.timedelta(days=found[1]),
            )
        except (ValueError, OverflowError):
            return None


def _months_after(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months, kept in its month where that has fewer days."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last_day))


@dataclass(frozen=True)
class Countdown:
    """A point (``T-7 days``) or a range (``T-14d to T-3d``) of a countdown."""

    first: Offset
    #: the other end of a range; ``None`` for a point
    last: Offset | None = None

    def length(self) -> str | None:
        """How long a range lasts without day T: its ends counted in days or weeks."""
        if self.last is None:
            return None
        first, last = self.first.days(day_known=False), self.last.days(day_known=False)
        if first is None or last is None or last[1] < first[0]:
            return None
        if self.first.unit == self.last.unit == "week":
            return length(self.last.count - self.first.count + 1, "week")
        return length(last[1] - first[0] + 1, "day")

    def dates(self, day_zero: str) -> tuple[str | None, str | None]:
        """The day the phase starts and, for a range, the day it ends."""
        try:
            zero = datetime.date.fromisoformat(day_zero)
        except ValueError:
            return None, None
        first = self.first.dates(zero)
        last = self.last.dates(zero) if self.last is not None else None
        if first is None or (self.last is not None and (last is None or last[1] < first[0])):
            return None, None
        return first[0].isoformat(), last[1].isoformat() if last is not None else None


def _offset(letter: str, sign: str | None, number: str | None, unit: str | None) -> Offset:
    if number is None:
        return Offset(0, "day")
    count = -int(number) if sign in {"-", "\u2212"} else int(number)
    if unit is None:
        # D-Day counts in days; ``T-0`` is day T whatever T counts in
        return Offset(count, "day" if letter == "D" or count == 0 else None)
    return Offset(count, _UNITS[unit.lower()])


def countdown(text: str) -> Countdown | None:
    """``T-14d to T-3d``, ``T-21 days``, ``D-30``, ``3 weeks before launch``; ``None``
    for any other text, for a range whose ends count from two days (``T-3d to D-1``)
    and for a range that ends before it starts."""
    # ``SOP to SOP +2w``: the event's own day opens the range
    text = _EVENT_DAY.sub(r"\1+0d", text.strip())
    match = _RANGE.fullmatch(text)
    if match is not None:
        first_letter, *first = match.groups()[1:5]
        last_letter, *last = match.groups()[6:10]
        if first_letter != last_letter:
            return None
        begin, end = _offset(first_letter, *first), _offset(last_letter, *last)
        ends = (begin.days(day_known=True), end.days(day_known=True))
        if ends[0] is not None and ends[1] is not None and ends[1][1] < ends[0][0]:
            return None
        return Countdown(begin, end)
    point = _POINT.fullmatch(text)
    if point is not None and point.group(3) is not None:
        return Countdown(_offset(*point.groups()))
    before = _BEFORE.fullmatch(text)
    if before is not None:
        count = before.group("count").lower()
        number = NUMBER_WORDS.get(count) or int(count)
        return Countdown(Offset(-number, _UNITS[before.group("unit").lower()]))
    return None
