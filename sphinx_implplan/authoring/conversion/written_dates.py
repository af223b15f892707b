"""Dates as plans write them, beyond ``YYYY-MM-DD``: a day (``15 March 2027``,
``March 15, 2027``, ``15.03.2027``, ``2027/03/15``, ``30/06/2027`` where the order
of day and month is certain, ``4\u67086\u65e5``), a month (``March 2027``), a
quarter or half-year (``Q1 2027``, ``H2``), a calendar week (``KW 3``, ``WW10``,
``CW 14``), and a range of two (``Feb-Mar 2027``, ``6-17 Ocak``, ``KW 3-5``), in
English and in the languages plans are written in.

Each is read into the first and last day it covers where its year is known (stated,
or the plan's); without one, a range of days or weeks still has a length. Nothing
here raises: a text of no such form, or naming no real day, is ``None``.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

#: letters that no accent folding turns into ASCII
_LETTERS = str.maketrans({"\u0131": "i", "\u0142": "l", "\u00f8": "o", "\u0111": "d"})


def fold(text: str) -> str:
    """``text`` as it is compared: lower case, accents and compatibility forms gone
    (``\u015eubat`` -> ``subat``, a full-width ``\uff5e`` -> ``~``), spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    # composed again: Hangul syllables come apart into letters, not accents
    return " ".join(unicodedata.normalize("NFC", bare).split())


#: month names, accents folded (:func:`fold`); short forms only where no common word
#: of a plan is spelt the same (no ``set``, ``out``, ``ago``, ``gen``)
_MONTH_WORDS: dict[int, str] = {
    1: (
        "january jan januar janner janvier janv enero janeiro gennaio januari "
        "ocak styczen stycznia leden ledna"
    ),
    2: (
        "february feb februar fevrier fevr fev febrero fevereiro febbraio "
        "februari subat luty lutego unor unora"
    ),
    3: ("march mar marz mrz mars marzo marco maart mrt mart marzec marca brezen brezna maret"),
    4: "april apr avril avr abril aprile nisan kwiecien kwietnia duben dubna",
    5: "may mai mayo maio maggio mei maj mayis maja kveten kvetna",
    6: ("june jun juni juin junio junho giugno haziran czerwiec czerwca cerven cervna"),
    7: ("july jul juli juillet juil julio julho luglio temmuz lipiec lipca cervenec cervence"),
    8: ("august aug aout agosto augustus augusti agustos agustus sierpien sierpnia srpen srpna"),
    9: (
        "september sep sept septembre septiembre setiembre setembro settembre "
        "eylul wrzesien wrzesnia zari"
    ),
    10: (
        "october oct oktober okt octobre octubre outubro ottobre ekim "
        "pazdziernik pazdziernika rijen rijna"
    ),
    11: ("november nov novembre noviembre novembro kasim listopad listopada listopadu"),
    12: (
        "december dec dezember dez decembre diciembre dezembro dicembre aralik "
        "grudzien grudnia prosinec prosince desember"
    ),
}
#: month names in Cyrillic (Ukrainian, Russian) and Greek, as written; folded like
#: the others when the table is made
_MORE_MONTH_WORDS: dict[int, str] = {
    1: "\u0441\u0456\u0447\u0435\u043d\u044c \u0441\u0456\u0447\u043d\u044f \u044f\u043d\u0432\u0430\u0440\u044c \u044f\u043d\u0432\u0430\u0440\u044f \u03b9\u03b1\u03bd\u03bf\u03c5\u03ac\u03c1\u03b9\u03bf\u03c2 \u03b9\u03b1\u03bd\u03bf\u03c5\u03b1\u03c1\u03af\u03bf\u03c5",
    2: "\u043b\u044e\u0442\u0438\u0439 \u043b\u044e\u0442\u043e\u0433\u043e \u0444\u0435\u0432\u0440\u0430\u043b\u044c \u0444\u0435\u0432\u0440\u0430\u043b\u044f \u03c6\u03b5\u03b2\u03c1\u03bf\u03c5\u03ac\u03c1\u03b9\u03bf\u03c2 \u03c6\u03b5\u03b2\u03c1\u03bf\u03c5\u03b1\u03c1\u03af\u03bf\u03c5",
    3: "\u0431\u0435\u0440\u0435\u0437\u0435\u043d\u044c \u0431\u0435\u0440\u0435\u0437\u043d\u044f \u043c\u0430\u0440\u0442 \u043c\u0430\u0440\u0442\u0430 \u03bc\u03ac\u03c1\u03c4\u03b9\u03bf\u03c2 \u03bc\u03b1\u03c1\u03c4\u03af\u03bf\u03c5",
    4: "\u043a\u0432\u0456\u0442\u0435\u043d\u044c \u043a\u0432\u0456\u0442\u043d\u044f \u0430\u043f\u0440\u0435\u043b\u044c \u0430\u043f\u0440\u0435\u043b\u044f \u03b1\u03c0\u03c1\u03af\u03bb\u03b9\u03bf\u03c2 \u03b1\u03c0\u03c1\u03b9\u03bb\u03af\u03bf\u03c5",
    5: "\u0442\u0440\u0430\u0432\u0435\u043d\u044c \u0442\u0440\u0430\u0432\u043d\u044f \u043c\u0430\u0439 \u043c\u0430\u044f \u03bc\u03ac\u03b9\u03bf\u03c2 \u03bc\u03b1\u0390\u03bf\u03c5",
    6: "\u0447\u0435\u0440\u0432\u0435\u043d\u044c \u0447\u0435\u0440\u0432\u043d\u044f \u0438\u044e\u043d\u044c \u0438\u044e\u043d\u044f \u03b9\u03bf\u03cd\u03bd\u03b9\u03bf\u03c2 \u03b9\u03bf\u03c5\u03bd\u03af\u03bf\u03c5",
    7: "\u043b\u0438\u043f\u0435\u043d\u044c \u043b\u0438\u043f\u043d\u044f \u0438\u044e\u043b\u044c \u0438\u044e\u043b\u044f \u03b9\u03bf\u03cd\u03bb\u03b9\u03bf\u03c2 \u03b9\u03bf\u03c5\u03bb\u03af\u03bf\u03c5",
    8: "\u0441\u0435\u0440\u043f\u0435\u043d\u044c \u0441\u0435\u0440\u043f\u043d\u044f \u0430\u0432\u0433\u0443\u0441\u0442 \u0430\u0432\u0433\u0443\u0441\u0442\u0430 \u03b1\u03cd\u03b3\u03bf\u03c5\u03c3\u03c4\u03bf\u03c2 \u03b1\u03c5\u03b3\u03bf\u03cd\u03c3\u03c4\u03bf\u03c5",
    9: "\u0432\u0435\u0440\u0435\u0441\u0435\u043d\u044c \u0432\u0435\u0440\u0435\u0441\u043d\u044f \u0441\u0435\u043d\u0442\u044f\u0431\u0440\u044c \u0441\u0435\u043d\u0442\u044f\u0431\u0440\u044f \u03c3\u03b5\u03c0\u03c4\u03ad\u03bc\u03b2\u03c1\u03b9\u03bf\u03c2 \u03c3\u03b5\u03c0\u03c4\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5",
    10: "\u0436\u043e\u0432\u0442\u0435\u043d\u044c \u0436\u043e\u0432\u0442\u043d\u044f \u043e\u043a\u0442\u044f\u0431\u0440\u044c \u043e\u043a\u0442\u044f\u0431\u0440\u044f \u03bf\u03ba\u03c4\u03ce\u03b2\u03c1\u03b9\u03bf\u03c2 \u03bf\u03ba\u03c4\u03c9\u03b2\u03c1\u03af\u03bf\u03c5",
    11: "\u043b\u0438\u0441\u0442\u043e\u043f\u0430\u0434 \u043b\u0438\u0441\u0442\u043e\u043f\u0430\u0434\u0430 \u043d\u043e\u044f\u0431\u0440\u044c \u043d\u043e\u044f\u0431\u0440\u044f \u03bd\u03bf\u03ad\u03bc\u03b2\u03c1\u03b9\u03bf\u03c2 \u03bd\u03bf\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5",
    12: "\u0433\u0440\u0443\u0434\u0435\u043d\u044c \u0433\u0440\u0443\u0434\u043d\u044f \u0434\u0435\u043a\u0430\u0431\u0440\u044c \u0434\u0435\u043a\u0430\u0431\u0440\u044f \u03b4\u03b5\u03ba\u03ad\u03bc\u03b2\u03c1\u03b9\u03bf\u03c2 \u03b4\u03b5\u03ba\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5",
}
_MONTHS = {word: month for month, words in _MONTH_WORDS.items() for word in words.split()}
_MONTHS.update(
    {fold(word): month for month, words in _MORE_MONTH_WORDS.items() for word in words.split()}
)
MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_ORDINAL = r"(?:st|nd|rd|th|er|\.)?"
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\b\.?,?\s*"
)
#: the CJK signs of a year, a month and a day (Japanese and Chinese, Korean)
_CJK_YEAR, _CJK_MONTH, _CJK_DAY = "[\u5e74\ub144]", "[\u6708\uc6d4]", "[\u65e5\uc77c]"
#: calendar weeks: German Kalenderwoche, work weeks, calendar weeks, and the Nordic
#: words, where a week is named by its number in the year
_WEEK_WORDS = r"(?:kw|ww|cw|vecka|veckor|uke|uge|viikko|viikot)"
_JOINER = re.compile(
    r"\s*(?:->|=>|-|\u2013|\u2014|~|\u301c|\u2192|"
    r"\b(?:to|until|till|through|thru|bis|au|a|ate|al|hasta|tot|do|sampai|s\.\s?d\."
    r"|\u0434\u043e|\u043f\u043e)(?!\w))\s*"
)
#: what may open a range: ``from``, ``vom``, ``du``, ``de``, ``od``
_OPENING = re.compile(r"^(?:from|vom|von|du|de|del|desde|dal|od|van)\s+")


@dataclass(frozen=True)
class Point:
    """One end of a date text: a ``day`` (``number`` is its month), a ``month``, a
    ``quarter``, a ``half`` (year), a calendar ``week``, with the year it states; or a
    ``bare`` number (the ``6`` of ``6-17 March``) that the other end completes."""

    kind: str
    number: int
    day: int | None = None
    year: int | None = None

    def days(self, year: int) -> tuple[datetime.date, datetime.date] | None:
        """Its first and last day in ``year``; ``None`` where it names no real day."""
        try:
            if self.kind == "day" and self.day is not None:
                day = datetime.date(year, self.number, self.day)
                return day, day
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
        return int(found["year"])
    return 2000 + int(found["short"]) if found.get("short") else None


def _day(match: re.Match[str]) -> Point | None:
    """A day of a month, the month a name or a number."""
    month = match.group("month").rstrip(".")
    number = _MONTHS[month] if month in _MONTHS else int(month)
    day = int(match.group("day"))
    if not (1 <= number <= 12 and 1 <= day <= 31):
        return None
    return Point("day", number, day, _year(match))


def _slashed_day(match: re.Match[str]) -> Point | None:
    """``30/06/2027`` (day first) or ``06/30/2027`` (month first), read only where the
    order is certain: a number over 12 is the day, and equal numbers name one day
    either way. ``06/07/2027`` is June 7th in one country and 6 July in another: it
    stays unread."""
    first, second = int(match.group("first")), int(match.group("second"))
    if first > 12 >= second or first == second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return None
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return Point("day", month, day, _year(match))


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


def _week(match: re.Match[str]) -> Point | None:
    week = int(match.group("week"))
    return Point("week", week, None, _year(match)) if 1 <= week <= 53 else None


def _bare(match: re.Match[str]) -> Point | None:
    return Point("bare", int(match.group("day")), None, _year(match))


_YEAR = r"(?:(?P<year>\d{4})|'(?P<short>\d{2}))"
_DAY_MONTH = (
    rf"(?P<day>\d{{1,2}}){_ORDINAL}\s*(?:of\s+|de\s+)?(?P<month>{MONTH})"
    rf"(?:,?\s*(?:de\s+)?{_YEAR})?"
)
_CJK = (
    rf"(?:(?P<year>\d{{4}})\s*{_CJK_YEAR}\s*)?(?P<month>\d{{1,2}})\s*{_CJK_MONTH}"
    rf"(?:\s*(?P<day>\d{{1,2}})\s*{_CJK_DAY})?"
)
_POINTS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Point | None]], ...] = tuple(
    (re.compile(pattern), build)
    for pattern, build in (
        # 2027-03-15, 2027/03/15, 2027.03.15
        (r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})", _day),
        # 30/06/2027, 06/30/2027: where the order is certain
        (r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})", _slashed_day),
        # 15.03.2027, 1. 2. 2027, 15.3.
        (r"(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4})?", _day),
        # 15 March 2027, 15. M\u00e4rz, 15th of March, 15 de marzo de 2027, 04 Jan '27
        (_DAY_MONTH, _day),
        # March 15, 2027, Oct 6
        (rf"(?P<month>{MONTH})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s*{_YEAR})?", _day),
        # March 2027, Feb, marzo de 2027
        (rf"(?P<month>{MONTH})(?:,?\s*(?:de\s+)?{_YEAR})?", _month),
        # 2027-03
        (r"(?P<year>\d{4})-(?P<month>\d{2})", _month),
        # 2027\u5e743\u670815\u65e5, 4\u67086\u65e5, 6\u6708, 3\uc6d4 4\uc77c
        (_CJK, _day_or_month),
        # Q1 2027, Q1/27, 2027 Q1, H2
        (rf"(?P<letter>[qh])(?P<part>[1-4])(?:\s*[/-]?\s*{_YEAR})?", _part),
        (r"(?P<year>\d{4})\s*[/-]?\s*(?P<letter>[qh])(?P<part>[1-4])", _part),
        # KW 3, WW10, CW 14 2027
        (rf"{_WEEK_WORDS}\s*(?P<week>\d{{1,2}})(?:\s*[/,]?\s*{_YEAR})?", _week),
        # the 6 of 6-17 March, the 17 of Oct 6-17, 2027
        (rf"(?P<day>\d{{1,2}}){_ORDINAL}(?:,?\s*{_YEAR})?", _bare),
    )
)


def _point(text: str) -> Point | None:
    """The point ``text`` (already folded) names, all of it; ``None`` for any other."""
    text = _WEEKDAY.sub("", text.strip(" ,;")).strip()
    for pattern, build in _POINTS:
        match = pattern.fullmatch(text)
        if match is not None:
            return build(match)
    return None


def _completed(left: Point, right: Point) -> tuple[Point, Point] | None:
    """The two ends of a range, a bare number taking the other end's month or kind
    (``6-17 March``, ``Oct 6-17``, ``KW 3-5``); ``None`` for ends of no one range."""
    if left.kind == "bare" and right.kind == "day":
        left = Point("day", right.number, left.number, left.year)
    elif left.kind == "bare" and right.kind == "week":
        left = Point("week", left.number, None, left.year)
    elif right.kind == "bare" and left.kind == "day":
        right = Point("day", left.number, right.number, right.year)
    elif right.kind == "bare" and left.kind == "week":
        right = Point("week", right.number, None, right.year)
    if "bare" in {left.kind, right.kind}:
        return None
    if "week" in {left.kind, right.kind} and left.kind != right.kind:
        return None
    return left, right


def points(text: str) -> tuple[Point, Point] | None:
    """The two ends of a date or date range (one point twice); ``None`` for any other
    text."""
    folded = _OPENING.sub("", fold(text).strip(" .,;"))
    single = _point(folded)
    if single is not None:
        return None if single.kind == "bare" else (single, single)
    for joiner in _JOINER.finditer(folded):
        left, right = folded[: joiner.start()], folded[joiner.end() :]
        if not left.strip() or not right.strip():
            continue
        first, last = _point(left), _point(right)
        if first is not None and last is not None:
            return _completed(first, last)
    return None


@dataclass(frozen=True)
class Dated:
    """What a date text says: its first and last day where its year is known, else
    the length it spans (a range of days or of calendar weeks) where it has one."""

    first: datetime.date | None = None
    last: datetime.date | None = None
    #: ``12 days``, ``3 weeks``: a range whose year is unknown
    length: str | None = None
    #: one point named alone (``March 2027``, ``2027-03-15``), not a range of two
    single: bool = False
    #: the point is one day (``15 March 2027``)
    one_day: bool = False


#: a year no plan is dated in: days counted without one, in a year of 365 days
_ANY_YEAR = 2001


def dated(text: str, year: int | None) -> Dated | None:
    """``text`` read as a date or a range of dates, dated in ``year`` (the plan's)
    where it states no year; ``None`` for any other text and for no real day."""
    ends = points(text)
    if ends is None:
        return None
    first, last = ends
    single = first is last
    one_day = single and first.kind == "day"
    if last.year is None and first.year is None and year is None:
        return _undated(first, last, single)
    first_days = first.days(first.year or last.year or year or _ANY_YEAR)
    last_days = last.days(last.year or first.year or year or _ANY_YEAR)
    if first_days is None or last_days is None:
        return None
    start, end = first_days[0], last_days[1]
    if end < start and last.year is None:
        # Dec 29 - Jan 9: the end is in the next year
        moved = last.days(end.year + 1)
        end = moved[1] if moved is not None else end
    elif end < start and first.year is None:
        # Dec 29 - Jan 9, 2027: the start is in the year before
        moved = first.days(start.year - 1)
        start = moved[0] if moved is not None else start
    if end < start:
        return None
    return Dated(start, end, None, single, one_day)


def _undated(first: Point, last: Point, single: bool) -> Dated | None:
    """A range with no year: its length, for days (in a year of 365 days) and weeks."""
    if first.kind == "week" and last.kind == "week":
        weeks = last.number - first.number + 1
        if weeks < 1:
            return None
        return Dated(length=f"{weeks} week{'s' * (weeks != 1)}", single=single)
    if single or first.kind != "day" or last.kind != "day":
        return None
    first_days, last_days = first.days(_ANY_YEAR), last.days(_ANY_YEAR)
    if first_days is None or last_days is None:
        return None
    start, end = first_days[0], last_days[0]
    if end < start:
        moved = last.days(_ANY_YEAR + 1)
        if moved is None:
            return None
        end = moved[0]
    days = (end - start).days + 1
    return Dated(length=f"{days} day{'s' * (days != 1)}")


#: a month next to a number, a year, a CJK month: no ``may`` of a sentence
_DATED_WORD = re.compile(
    rf"\b{MONTH}\s*\d|\d{_ORDINAL}\s*{MONTH}|(?<!\d)(?:19|20)\d\d(?!\d)|\d\s*{_CJK_MONTH}"
)


def names_a_date(text: str) -> bool:
    """Whether ``text`` names a month or a year somewhere: a line that says when,
    even if not in a form read here."""
    return bool(_DATED_WORD.search(fold(text)))
