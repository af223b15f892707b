"""Dates as plans write them, beyond ``YYYY-MM-DD``: a day (``15 March 2027``,
``March 15, 2027``, ``15.03.2027``, ``2027/03/15``, ``30/06/2027`` where the order
of day and month is certain, ``3/13`` in a plan writing month first
(:mod:`.slash_order`), ``4\u67086\u65e5``), the week a day starts (``w/c 4
Aug``, ``week of March 3``; two, ``weeks of 3 and 10 May``), a month (``March 2027``; ``mid-March`` its 15th), a quarter or half-year
(``Q1 2027``, ``H2``, ``2025\u5e74\u7b2c\u56db\u5b63\u5ea6``), a calendar week
(``KW 3``, ``WW10``, ``CW 14``, ``v. 10``, ``2025-W36``), and a range of two
(``Feb-Mar 2027``, ``6-17 Ocak``, ``KW 3-5``, ``3\u67083\u65e5\u81f33\u670814\u65e5``), in
English and in the languages plans are written in (month names: :mod:`.month_names`).

Each is read into the first and last day it covers where its year is known (stated,
or the plan's); without one, a range of days or weeks still has a length. Nothing
here raises: a text of no such form, or naming no real day, is ``None``.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion.calendar_words import month_names, number_marks
from sphinx_implplan.authoring.conversion.fiscal_years import fiscal_quarter
from sphinx_implplan.authoring.conversion.folding import fold
from sphinx_implplan.authoring.conversion.month_names import (
    HEBREW_MONTH_WORDS,
    HINDI_MONTH_WORDS,
    MONTH_WORDS,
    MORE_MONTH_WORDS,
    THAI_MONTH_WORDS,
)
from sphinx_implplan.authoring.conversion.slash_order import DAY_FIRST, MONTH_FIRST
from sphinx_implplan.authoring.conversion.vietnamese_dates import as_read_elsewhere

_MONTHS = {word: month for month, words in MONTH_WORDS.items() for word in words.split()}
_MONTHS.update(
    {
        fold(word): month
        for table in (MORE_MONTH_WORDS, THAI_MONTH_WORDS, HINDI_MONTH_WORDS, HEBREW_MONTH_WORDS)
        for month, words in table.items()
        for word in words.split()
    }
)
# CLDR's names where the tables above name no such word
_MONTHS = {**month_names(), **_MONTHS}
#: a month's name ends where no letter follows (a Hindi one may end in a vowel sign)
MONTH = r"(?:" + "|".join(map(re.escape, sorted(_MONTHS, key=len, reverse=True))) + r")(?!\w)\.?"
_ORDINAL = r"(?:st|nd|rd|th|er|\.)?"
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\b\.?,?\s*"
)
#: the CJK signs of a year, a month and a day (Japanese and Chinese, Korean)
_CJK_YEAR, _CJK_MONTH, _CJK_DAY = "[\u5e74\ub144]", "[\u6708\uc6d4]", "[\u65e5\u53f7\uc77c]"
#: the CJK numerals of the quarters and the words of a quarter and of the halves of a
#: year: Chinese ``\u5b63\u5ea6``, Japanese ``\u56db\u534a\u671f``, Korean ``\ubd84\uae30``
_CJK_QUARTERS = "\u4e00\u4e8c\u4e09\u56db"
_CJK_QUARTER = "(?:\u5b63\u5ea6|\u56db\u534a\u671f|\u5b63|\ubd84\uae30)"
_CJK_HALVES = {
    **dict.fromkeys(("\u4e0a\u534a\u5e74", "\u4e0a\u534a\u671f", "\uc0c1\ubc18\uae30"), 1),
    **dict.fromkeys(("\u4e0b\u534a\u5e74", "\u4e0b\u534a\u671f", "\ud558\ubc18\uae30"), 2),
}
#: calendar weeks: German Kalenderwoche, work weeks, calendar weeks, and the Nordic
#: words, where a week is named by its number in the year; Swedish ``v. 10`` or
#: ``v 10`` (``v10`` is a version)
_WEEK_WORDS = r"(?:kw|ww|cw|vecka|veckor|uke|uge|viikko|viikot|v\.|v(?=\s))"
_JOINER = re.compile(
    r"\s*(?:--|->|=>|-|\u2013|\u2014|~|\u301c|\u2192|"
    r"\b(?:to|until|till|through|thru|bis|au|a|ao|ate|al|hasta|tot|do|sampai|s\.\s?d\."
    r"|\u0434\u043e|\u043f\u043e)(?!\w)"
    # Chinese, Japanese and Korean: ``\u81f3``, ``\u5230``, ``\u304b\u3089``, ``\ubd80\ud130``
    r"|\u81f3|\u5230|\u304b\u3089|\ubd80\ud130)\s*"
)
#: what may open a range: ``from``, ``vom``, ``du``, ``de``, ``od``; Cyrillic ``\u043e\u0442``,
#: ``\u043e\u0434``, ``\u0441``, ``\u0437``; Galician and Portuguese ``do`` (of the day) where ``ao`` closes
#: the range
_OPENING = re.compile(
    r"^(?:from|vom|von|du|de|del|desde|dal|od|van|do(?=\s.*\bao\b)"
    r"|\u043e\u0442|\u043e\u0434|\u0441|\u0437)\s+"
)
#: what may close one: Japanese ``\u307e\u3067`` (folded, its voicing mark gone), Korean
#: ``\uae4c\uc9c0`` (until), Lithuanian ``m\u0117n.`` (month) after a month's name
_CLOSING = re.compile(r"\s*(?:\u307e\u3066|\uae4c\uc9c0)$|(?<=[a-z])\s+men\.?$")
#: the week a day starts (British ``w/c 4 Aug``, ``week of March 3``): seven days
_WEEK_FROM = re.compile(r"^(?:w/c|w/b|wc|wb|week (?:commencing|beginning|starting|of))\s*")
#: the weeks two days start: ``weeks of 2/16 and 2/23``, ``weeks commencing 3 and 10 May``
_WEEKS_FROM = re.compile(r"^weeks (?:commencing|beginning|starting|of)\s+")
_WIKI_LINK = re.compile(r"\[\[([^\[\]|]+)(?:\|[^\[\]]*)?\]\]")
_CLOCK = re.compile(r"(?<![\d:.])\d{1,2}:\d{2}(?![\d:])")
_AND = re.compile(r"\s+(?:and|y|e|et|und|en|och|og|i|va)\s+")
_WEEKS_JOINER = re.compile(r"\s*(?:\band\b|&|\bto\b|-|\u2013|\u2014)\s*")


@dataclass(frozen=True)
class Point:
    """One end of a date text: a ``day`` (``number`` is its month), the seven days a
    day starts (``week from``), a ``month``, a ``quarter``, a ``half`` (year), a
    calendar ``week``, with the year it states; or a ``bare`` number (the ``6`` of
    ``6-17 March``) that the other end completes."""

    kind: str
    number: int
    day: int | None = None
    year: int | None = None

    def days(self, year: int) -> tuple[datetime.date, datetime.date] | None:
        """Its first and last day in ``year``; ``None`` where it names no real day."""
        try:
            if self.kind in {"day", "week from"} and self.day is not None:
                day = datetime.date(year, self.number, self.day)
                return day, day + datetime.timedelta(days=6 * (self.kind != "day"))
            if self.kind == "week":
                # Monday to Sunday: a range of N weeks then lasts N weeks, as the
                # duration it gives where no year is known
                first = datetime.date.fromisocalendar(year, self.number, 1)
                return first, first + datetime.timedelta(days=6)
            months = {"month": (self.number, self.number), "quarter": (3, 3), "half": (6, 6)}
            if self.kind not in months:
                return None
            size, last_size = months[self.kind]
            first_month = self.number if self.kind == "month" else (self.number - 1) * size + 1
            last_month = self.number if self.kind == "month" else self.number * last_size
            last_day = calendar.monthrange(year, last_month)[1]
            return datetime.date(year, first_month, 1), datetime.date(year, last_month, last_day)
        except (ValueError, OverflowError):
            return None


def _year(match: re.Match[str]) -> int | None:
    """The year a point states: ``2027``, or ``'27``."""
    found = match.groupdict()
    if found.get("year"):
        year = int(found["year"])
        # a year of the Buddhist era, as Thai plans date: 2568 is 2025
        return year - _BUDDHIST_ERA if year >= _BUDDHIST_YEARS else year
    return 2000 + int(found["short"]) if found.get("short") else None


_BUDDHIST_ERA = 543
#: the first year read as of the Buddhist era: no plan is dated in the 25th century
_BUDDHIST_YEARS = 2400


def _day(match: re.Match[str]) -> Point | None:
    """A day of a month, the month a name or a number."""
    month = match.group("month").rstrip(".")
    number = _MONTHS[month] if month in _MONTHS else int(month)
    day = int(match.group("day"))
    if not (1 <= number <= 12 and 1 <= day <= 31):
        return None
    return Point("day", number, day, _year(match))


def _slashed_day(match: re.Match[str]) -> Point | None:
    """``30/06/2027`` (day first) or ``06/30/2027`` (month first), read where the
    order is certain: a number over 12 is the day, and equal numbers name one day
    either way. ``06/07/2027`` is June 7th in one country and 6 July in another: it
    is read month first in a plan that writes its slashed dates so, day first in one
    that writes them so (:mod:`.slash_order`), and stays unread in any other."""
    first, second = int(match.group("first")), int(match.group("second"))
    if MONTH_FIRST.get() and first <= 12:
        day, month = second, first
    elif (DAY_FIRST.get() and second <= 12) or first > 12 >= second or first == second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return None
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return Point("day", month, day, _year(match))


def _month_first_day(match: re.Match[str]) -> Point | None:
    """``3/13``, ``3/9``: a day with no year, read only in a plan that writes its
    slashed dates month first (:mod:`.slash_order`)."""
    if not MONTH_FIRST.get():
        return None
    month, day = int(match.group("first")), int(match.group("second"))
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return Point("day", month, day)


def _month(match: re.Match[str]) -> Point | None:
    month = match.group("month").rstrip(".")
    number = _MONTHS[month] if month in _MONTHS else int(month)
    return Point("month", number, None, _year(match)) if 1 <= number <= 12 else None


def _day_or_month(match: re.Match[str]) -> Point | None:
    return _day(match) if match.group("day") else _month(match)


def _part(match: re.Match[str]) -> Point | None:
    """A quarter (``Q1``) or a half-year (``H2``)."""
    kind = "quarter" if match.group("letter") == "q" else "half"
    number = int(match.group("part"))
    return Point(kind, number, None, _year(match)) if kind == "quarter" or number <= 2 else None


def _cjk_part(match: re.Match[str]) -> Point | None:
    """``2025\u5e74\u7b2c\u56db\u5b63\u5ea6`` (Q4), ``\u7b2c1\u56db\u534a\u671f``
    (Q1), ``4\ubd84\uae30`` (Q4), ``\u4e0a\u534a\u5e74`` (H1)."""
    half = match.group("half")
    if half:
        return Point("half", _CJK_HALVES[half], None, _year(match))
    part = match.group("part")
    number = _CJK_QUARTERS.index(part) + 1 if part in _CJK_QUARTERS else int(part)
    return Point("quarter", number, None, _year(match))


def _week(match: re.Match[str]) -> Point | None:
    week = int(match.group("week"))
    return Point("week", week, None, _year(match)) if 1 <= week <= 53 else None


def _bare(match: re.Match[str]) -> Point | None:
    return Point("bare", int(match.group("day")), None, _year(match))


def _bare_week(match: re.Match[str]) -> Point | None:
    """The ``W11`` of ``2027-W08 \u2192 W11``: a week only beside an ISO week."""
    week = int(match.group("week"))
    return Point("bare week", week) if 1 <= week <= 53 else None


_YEAR = r"(?:(?P<year>\d{4})|'(?P<short>\d{2}))"
_DAY_MONTH = (
    rf"(?P<day>\d{{1,2}}){_ORDINAL}\s*(?:of\s+|de\s+|d['\u2019])?(?P<month>{MONTH})"
    rf"(?:,?\s*(?:de\s+)?{_YEAR})?"
)
_SPREADSHEET_DAY = (
    rf"(?P<day>\d{{1,2}})(?P<sep>[/-])(?P<month>{MONTH})(?P=sep)"
    r"(?:(?P<year>\d{4})|(?P<short>\d{2}))"
)
_CJK = (
    rf"(?:(?P<year>\d{{4}})\s*{_CJK_YEAR}\s*)?(?P<month>\d{{1,2}})\s*{_CJK_MONTH}"
    rf"(?:\s*(?P<day>\d{{1,2}})\s*{_CJK_DAY})?"
)
_CJK_PART = (
    rf"(?:(?P<year>\d{{4}})\s*{_CJK_YEAR}\s*)?(?:(?:\u7b2c\s*)?(?P<part>[1-4{_CJK_QUARTERS}])"
    rf"\s*{_CJK_QUARTER}|(?P<half>{'|'.join(_CJK_HALVES)}))"
)
_POINTS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Point | None]], ...] = tuple(
    (re.compile(pattern), build)
    for pattern, build in (
        # 2027-03-15, 2027/03/15, 2027.03.15
        (r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})", _day),
        # 30/06/2027, 06/30/2027: where the order is certain
        (r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})", _slashed_day),
        # 3/13, 3/9: month first, in a plan that writes its slashed dates so
        (r"(?P<first>\d{1,2})/(?P<second>\d{1,2})", _month_first_day),
        # 15.03.2027, 1. 2. 2027, 15.3.
        (r"(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4})?", _day),
        # 14/Jan/27, 14-Jan-2027: Jira's and spreadsheets' day, month and year
        (_SPREADSHEET_DAY, _day),
        # 15 March 2027, 15. M\u00e4rz, 15th of March, 15 de marzo de 2027, 04 Jan '27
        (_DAY_MONTH, _day),
        # March 15, 2027, Oct 6; Hungarian and Lithuanian, the year first: 2027.
        # m\u00e1rcius 15., 2027 (m.) sausio 11 (d.)
        (rf"(?P<month>{MONTH})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?(?:,?\s*{_YEAR})?", _day),
        (rf"(?P<year>\d{{4}})\.?\s*(?P<month>{MONTH})\s*(?P<day>\d{{1,2}})\.?", _day),
        (rf"(?P<year>\d{{4}})\.?\s*(?P<month>{MONTH})", _month),
        # March 2027, Feb, marzo de 2027
        (rf"(?P<month>{MONTH})(?:,?\s*(?:de\s+)?{_YEAR})?", _month),
        # 2027-03
        (r"(?P<year>\d{4})-(?P<month>\d{2})", _month),
        # 2027\u5e743\u670815\u65e5, 4\u67086\u65e5, 6\u6708, 3\uc6d4 4\uc77c
        (_CJK, _day_or_month),
        # Q1 2027, Q1/27, 2027 Q1, H2
        (rf"(?P<letter>[qh])(?P<part>[1-4])(?:\s*[/-]?\s*{_YEAR})?", _part),
        (r"(?P<year>\d{4})\s*[/-]?\s*(?P<letter>[qh])(?P<part>[1-4])", _part),
        # 2025\u5e74\u7b2c\u56db\u5b63\u5ea6, \u7b2c1\u56db\u534a\u671f, 4\ubd84\uae30, \u4e0a\u534a\u5e74
        (_CJK_PART, _cjk_part),
        # 2027-W10, 2027W10: ISO weeks
        (r"(?P<year>\d{4})-?w(?P<week>\d{1,2})", _week),
        # KW 3, WW10, CW 14 2027
        (rf"{_WEEK_WORDS}\s*(?P<week>\d{{1,2}})(?:\s*[/,]?\s*{_YEAR})?", _week),
        # the W11 of 2027-W08 \u2192 W11
        (r"w(?P<week>\d{1,2})", _bare_week),
        # the 6 of 6-17 March, the 17 of Oct 6-17, 2027
        (rf"(?P<day>\d{{1,2}}){_ORDINAL}(?:,?\s*{_YEAR})?", _bare),
    )
)


def _point(text: str) -> Point | None:
    """The point ``text`` (already folded) names, all of it; ``None`` for any other."""
    text = _WEEKDAY.sub("", text.strip(" ,;")).strip()
    week_from = _WEEK_FROM.match(text)
    if week_from is not None:
        day = _point(text[week_from.end() :])
        if day is None or day.kind != "day":
            return None
        return Point("week from", day.number, day.day, day.year)
    if (fiscal := fiscal_quarter(text)) is not None:
        return Point("quarter", fiscal[0], None, fiscal[1])
    for pattern, build in _POINTS:
        match = pattern.fullmatch(text)
        if match is not None:
            return build(match)
    return None


def _completed(left: Point, right: Point) -> tuple[Point, Point] | None:
    """The two ends of a range, a bare number taking the other end's month or kind
    (``6-17 March``, ``Oct 6-17``, ``KW 3-5``, ``2027-W08 \u2192 W11``); ``None`` for
    ends of no one range."""
    if left.kind == "bare" and right.kind == "day":
        left = Point("day", right.number, left.number, left.year)
    elif left.kind == "bare" and right.kind == "week":
        left = Point("week", left.number, None, left.year)
    elif right.kind == "bare" and left.kind == "day":
        right = Point("day", left.number, right.number, right.year)
    elif right.kind == "bare" and left.kind == "week":
        right = Point("week", right.number, None, right.year)
    elif right.kind == "bare week" and left.kind == "week":
        right = Point("week", right.number)
    if {"bare", "bare week"} & {left.kind, right.kind}:
        return None
    if "week" in {left.kind, right.kind} and left.kind != right.kind:
        return None
    return left, right


#: an Org mode time stamp: ``<2027-01-11 Mon>``, ``[2026-12-18 Fri 16:40]``
_ORG_STAMP = re.compile(r"[<\[](\d{4}-\d{2}-\d{2})(?:\s+[^\W\d]+\.?)?(?:\s+[\d:-]+)?[>\]]")


def points(text: str) -> tuple[Point, Point] | None:
    """The two ends of a date or date range (one point twice); ``None`` for any other
    text."""
    # a wiki link's date (``[[2027-02-01]]``), an Org time stamp's, a day's clock time
    # (``Fri 12 Mar 22:00``)
    unlinked = _CLOCK.sub("", _ORG_STAMP.sub(r"\1", _WIKI_LINK.sub(r"\1", text)))
    folded = as_read_elsewhere(number_marks().sub("", fold(unlinked)).strip(" .,;"))
    folded = _CLOSING.sub("", _OPENING.sub("", folded))
    folded = _MID_MONTH.sub("15 ", _FINNISH_SHARED_ENDING.sub(r"\1kuu", folded))
    weeks = _WEEKS_FROM.match(folded)
    if weeks is not None:
        return _weeks_from(folded[weeks.end() :])
    single = _point(folded)
    if single is not None:
        return None if single.kind in {"bare", "bare week"} else (single, single)
    for joiner in _JOINER.finditer(folded):
        left, right = folded[: joiner.start()], folded[joiner.end() :]
        if not left.strip() or not right.strip():
            continue
        first, last = _point(left), _point(right)
        if first is not None and last is not None:
            return _completed(first, last)
    # two months joined by ``and`` run from the first to the last: ``April and May 2027``
    for joiner in _AND.finditer(folded):
        first, last = _point(folded[: joiner.start()]), _point(folded[joiner.end() :])
        if first is not None and last is not None and first.kind == last.kind == "month":
            return first, last
    return None


def _weeks_from(text: str) -> tuple[Point, Point] | None:
    """The ends of ``2/16 and 2/23`` (after ``weeks of``): the week the first day
    starts to the week the last does."""
    for joiner in _WEEKS_JOINER.finditer(text):
        first, last = _point(text[: joiner.start()]), _point(text[joiner.end() :])
        if first is None or last is None:
            continue
        ends = _completed(first, last)
        if ends is None or {ends[0].kind, ends[1].kind} != {"day"}:
            return None
        start, end = ends
        return (
            Point("week from", start.number, start.day, start.year),
            Point("week from", end.number, end.day, end.year),
        )
    return None


#: Finnish writes a range of months with their shared ending once: ``syys\u2013lokakuu``
#: (September to October), folded; the first month is given its ending
_FINNISH_STEMS = "tammi|helmi|maalis|huhti|touko|kesa|heina|elo|syys|loka|marras|joulu"
_FINNISH_SHARED_ENDING = re.compile(
    rf"\b({_FINNISH_STEMS})(?=\s*(?:-|\u2013|\u2014)\s*(?:{_FINNISH_STEMS})kuu)"
)

#: ``mid-March``, ``mid March``: the 15th of the month
_MID_MONTH = re.compile(rf"\bmid[- ]?(?={MONTH})")


#: a month next to a number, a year, a CJK month: no ``may`` of a sentence
_DATED_WORD = re.compile(
    rf"\b{MONTH}\s*\d|\d{_ORDINAL}\s*{MONTH}|(?<!\d)(?:19|20)\d\d(?!\d)|\d\s*{_CJK_MONTH}"
)


def names_a_date(text: str) -> bool:
    """Whether ``text`` names a month or a year somewhere: a line that says when,
    even if not in a form read here."""
    return bool(_DATED_WORD.search(fold(text)))
