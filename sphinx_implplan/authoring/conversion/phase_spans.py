"""The schedule a phase's title or a timeline entry carries: ``Week 1``, ``Weeks 2-3``,
``Days 2-3``, ``2 weeks``, ``Sprint 3`` (with the plan's sprint length), dates; and
the sprint length a plan states ("2-week sprints")."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion import option_checks as checks

_RANGE = r"(\d{1,4})(?:\s*(?:-|\u2013|\u2014|to|through|until|and|&)\s*(?:[^\W\d_]+\s*)?(\d{1,4}))?"
#: also in German, French, Spanish and Italian: ``Woche 1``, ``Semaines 2-3``
#: also in Dutch and Portuguese: ``Weken 2-3``, ``Dias 1-4``
_WEEKS = re.compile(
    rf"(?:weeks?|wks?|wochen?|semaines?|semanas?|settiman[ae]|weken)\s*{_RANGE}", re.IGNORECASE
)
_DAYS = re.compile(
    rf"(?:days?|tage?|jours?|d\u00edas?|dias?|giorn[oi]|dagen|dag)\s*{_RANGE}", re.IGNORECASE
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = (
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\b"
)
_MONTH = MONTH_NAMES + r"\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|\u2013|\u2014|\u2192|->|to|until|through)\s*"
#: ``Oct 6 \u2013 Oct 17``, ``Sep 29 \u2192 Oct 3, 2025``, ``Oct 6-17``, with a remark
#: after a comma (``, 2 weeks``)
_MONTH_RANGE = re.compile(
    rf"{_MONTH}\s+{_DAY}(?:,?\s+(\d{{4}}))?{_TO}(?:{_MONTH}\s+)?{_DAY}(?:,?\s+(\d{{4}}))?"
    r"(?:\s*[,;]\s*(.*))?",
    re.IGNORECASE,
)
_SPRINTS = re.compile(rf"sprints?\s*{_RANGE}", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: ``~2 weeks``, ``approx. 2 weeks``: an estimate is a duration all the same
_ROUGHLY = re.compile(
    r"^(?:~|\u2248|approx\.?|approximately|about|around|est\.?)\s*", re.IGNORECASE
)
_DATE_JOINERS = re.compile(
    r"to|until|through|from|starts?|->|[-\u2013\u2014\u2192\s:,]", re.IGNORECASE
)

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT = r"(\d{1,2}|one|two|three|four|five|six)"
_UNIT = r"(weeks?|days?)"
_SPRINT_LENGTHS = (
    re.compile(rf"\b{_COUNT}[- ]{_UNIT}[- ]sprints?\b", re.IGNORECASE),
    re.compile(
        rf"\bsprints?(?: length| duration)?\s*(?:of|are|is|last|lasting|:|=)\s*"
        rf"(?:about\s+)?{_COUNT}[- ]?{_UNIT}\b",
        re.IGNORECASE,
    ),
)


@dataclass(frozen=True)
class Span:
    """What a span says: a duration, and where it places the phase."""

    duration: str | None = None
    #: days after the plan's start the span starts on (``Week 2``: 7)
    offset: int | None = None
    start: str | None = None
    end: str | None = None

    def values(self, plan_start: str | None) -> list[tuple[str, str]]:
        """The phase options the span gives; a start from the plan's own start date
        where the span is placed relative to it."""
        start = self.start
        if start is None and plan_start is not None and self.offset is not None:
            start = _shifted(plan_start, self.offset)
        found = [("start", start), ("end", self.end), ("duration", self.duration)]
        return [(name, value) for name, value in found if value is not None]


def _shifted(date: str, days: int) -> str | None:
    try:
        return (datetime.date.fromisoformat(date) + datetime.timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return None


def _length(count: int, unit: str) -> str | None:
    written = f"{count} {unit}" + ("s" if count != 1 else "")
    return checks.duration(written)


def _month_span(text: str, year: int | None) -> Span | None:
    """``Oct 6 \u2013 Oct 17``: start and end where the year is known (written in the
    range or the plan's), else the days it spans, or the duration after a comma."""
    match = _MONTH_RANGE.fullmatch(text)
    if match is None:
        return None
    month1, day1, year1, month2, day2, year2, remark = match.groups()
    month1 = _MONTHS.index(month1.lower()) + 1
    month2 = _MONTHS.index(month2.lower()) + 1 if month2 else month1
    known = year2 or year1 or year
    first_year = int(year1 or known or 2001)
    last_year = int(year2 or known or 2001)
    if not year2 and (month2, int(day2)) < (month1, int(day1)):
        last_year += 1  # Dec 29 - Jan 9
    try:
        start = datetime.date(first_year, month1, int(day1))
        end = datetime.date(last_year if (year2 or not year1) else first_year, month2, int(day2))
    except ValueError:
        return None
    if end < start:
        return None
    if known:
        return Span(start=start.isoformat(), end=end.isoformat())
    stated = checks.duration(_ROUGHLY.sub("", remark.strip())) if remark else None
    return Span(stated or _length((end - start).days + 1, "day"))


def span_of(text: str, sprint_days: int | None, year: int | None = None) -> Span | None:
    """``Weeks 2-3`` -> 2 weeks, 7 days in; ``2 weeks``; ``Sprint 3`` with 14-day
    sprints -> 2 weeks, 28 days in; ``2027-01-04 to 2027-01-15``; ``Oct 6 - Oct 17``
    (dated in ``year``, the plan's, where the range states none); ``None`` for any
    other text, and for a sprint where the plan states no sprint length."""
    text = _ROUGHLY.sub("", " ".join(text.split()).strip().rstrip("."))
    months = _month_span(text, year)
    if months is not None:
        return months
    for pattern, unit_days, unit in (
        (_WEEKS, 7, "week"),
        (_DAYS, 1, "day"),
        (_SPRINTS, sprint_days, ""),
    ):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if unit_days is None or first < 1 or last < first:
            return None
        days = (last - first + 1) * unit_days
        if unit:
            duration = _length(last - first + 1, unit)
        else:
            duration = _length(days // 7, "week") if days % 7 == 0 else _length(days, "day")
        return Span(duration, (first - 1) * unit_days) if duration else None
    if (duration := checks.duration(text)) is not None:
        return Span(duration)
    dates = _DATE.findall(text)
    if dates and len(dates) <= 2 and not _DATE_JOINERS.sub("", _DATE.sub("", text)):
        checked = [checks.date(value) for value in dates]
        if all(checked):
            return Span(start=checked[0], end=checked[1] if len(checked) == 2 else None)
    return None


def sprint_days_in(texts: list[str]) -> int | None:
    """The one sprint length the texts state, in days; ``None`` for none or several."""
    found: set[int] = set()
    for text in texts:
        for pattern in _SPRINT_LENGTHS:
            for count, unit in pattern.findall(text):
                number = _NUMBER_WORDS.get(count.lower()) or int(count)
                found.add(number * (7 if unit.lower().startswith("w") else 1))
    return found.pop() if len(found) == 1 and 0 not in found else None
