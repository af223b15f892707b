"""The schedule a phase's title, a schedule line or a timeline entry carries: ``Week
1``, ``Weeks 2-3``, ``Days 2-3``, a duration (:mod:`.durations`: ``2 weeks``, ``~1
wk``, ``10 business days``), ``Sprint 3`` (with the plan's sprint length), dates and
ranges of them in words (:mod:`.written_dates`), a runbook's countdown
(:mod:`.countdowns`: ``T-14d to T-3d``), the one span among a text's comma-separated
parts (``3 weeks, starting when the export lands``); and the part of a title that
states it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.countdowns import Countdown, countdown
from sphinx_implplan.authoring.conversion.dated_ranges import dated
from sphinx_implplan.authoring.conversion.dates_in_prose import clauses, one_date_among
from sphinx_implplan.authoring.conversion.durations import ROUGHLY, duration_of, length
from sphinx_implplan.authoring.conversion.section_kinds import is_span, phase_heading
from sphinx_implplan.authoring.conversion.written_dates import names_a_date

_RANGE = r"(\d{1,4})(?:\s*(?:-|\u2013|\u2014|to|through|until|and|&)\s*(?:[^\W\d_]+\s*)?(\d{1,4}))?"
#: also in German, French, Spanish and Italian: ``Woche 1``, ``Semaines 2-3``
#: also in Dutch and Portuguese: ``Weken 2-3``, ``Dias 1-4``; weeks in Romanian
_WEEKS = re.compile(
    r"(?:weeks?|wks?|wochen?|semaines?|semanas?|settiman[ae]|weken"
    # Romanian: ``s\u0103pt\u0103m\u00e2nile 1-3``, ``s\u0103pt. 4-7``
    r"|s[a\u0103]pt[a\u0103]m[a\u00e2]n(?:a|ile|i)|s[a\u0103]pt\."
    # Welsh: ``Wythnosau 4-9``, ``Wythnos 10``
    r"|wythnos(?:au)?)\s*" + _RANGE,
    re.IGNORECASE,
)
_DAYS = re.compile(
    rf"(?:days?|tage?|jours?|d\u00edas?|dias?|giorn[oi]|dagen|dag)\s*{_RANGE}", re.IGNORECASE
)
#: a duration after a range, which says how long it lasts where its year is unknown:
#: ``Oct 6 \u2013 Oct 17, 2 weeks``, ``Feb 2 \u2013 Feb 6 (1 week)``
_REMARK = re.compile(r"(?P<range>.+?)\s*(?:[,;]\s*(?P<after>[^,;()]+)|\((?P<inside>[^()]+)\))")
_LAST_REMARK = re.compile(r"(.*?\S)\s*\([^()]*\)")
#: a closing remark in brackets that states a year: ``Q1 (April\u2013June 2027)``
_DATED_REMARK = re.compile(r"(.*?\S)\s*\(([^()]*\b\d{4}\b[^()]*)\)")
_SPRINTS = re.compile(rf"sprints?\s*{_RANGE}", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_JOINERS = re.compile(
    r"to|until|through|from|starts?|->|[-\u2013\u2014\u2192\s:,]", re.IGNORECASE
)

#: ``end of March 2027``, ``by March 2027``, ``until Q3``, ``finish by end of January``:
#: the day a phase ends by;
#: also in German, Spanish, French, Dutch, Italian, Swedish, Polish, Czech, Finnish and
#: Romanian
_BY = re.compile(
    r"(?:(?:target|due|eta|deadline)\s*:\s*|(?:target|due|eta|deadline|end of|end|by"
    r"|(?:finish(?:ed)?|done|complete(?:d)?|ready) by|ende"
    r"|bis|fin de|fin|final de|eind|einde|until|till|no later than|hasta|entro|senast"
    r"|do ko(?:\u0144|n)ca|nejpozd(?:\u011b|e)ji|(?:valmis )?viimeist(?:\u00e4\u00e4|aa)n|klart senast"
    r"|p(?:\u00e2|a)n(?:\u0103|a) (?:la|pe|(?:\u00ee|i)n))\s+)+",
    re.IGNORECASE,
)

#: where a title states its span after its name: in brackets at its end, or after a
#: separator (``Foundations \u00b7 April 2026``, ``Pilot \u2014 Q3``)
_TITLE_PARTS = (
    re.compile(r"[(\uff08]([^()\uff08\uff09]+)[)\uff09]\s*$"),
    re.compile(r"\[([^\[\]]+)\]\s*$"),
    re.compile(
        r"(?:\s[-\u2013\u2014\u00b7|]\s|:\s|\uff1a)((?:(?!\s[-\u2013\u2014\u00b7|]\s)[^:\uff1a])+)$"
    ),
    # in brackets before the title's last part: ``Quarter 1 (April\u2013June 2027) \u2014 Fit-out``
    re.compile(r"[(\uff08]([^()\uff08\uff09]+)[)\uff09]"),
)
#: the separators of a title's parts: spaced dashes (the en dash of ``Weeks 1\u20132``
#: joins a range), middle dots, bars and colons
_TITLE_SEPARATOR = re.compile(r"\s[-\u2013\u2014\u00b7|]\s|:\s|\uff1a")
#: a title of more parts than this is no title of a phase
_MOST_TITLE_PARTS = 12


@dataclass(frozen=True)
class Anchors:
    """What places a span in the calendar (:mod:`.plan_anchors`): the plan's start
    date, its day T, and the year of its calendar weeks where it counts in them."""

    plan_start: str | None = None
    day_zero: str | None = None
    week_year: int | None = None


@dataclass(frozen=True)
class Span:
    """What a span says: a duration, and where it places the phase."""

    duration: str | None = None
    #: days after the plan's start the span starts on (``Week 2``: 7)
    offset: int | None = None
    start: str | None = None
    end: str | None = None
    #: the project months it runs, first and last (``M4-M18``): dated from the plan's
    #: start only, months having no one length
    months: tuple[int, int] | None = None
    #: the weeks it names by number (``Weeks 36-37``), first and last
    weeks: tuple[int, int] | None = None
    #: the countdown it is (``T-14d to T-3d``), dated from the plan's day T
    countdown: Countdown | None = None

    def values(self, anchors: Anchors | str | None) -> list[tuple[str, str]]:
        """The phase options the span gives; placed by ``anchors`` (or by the plan's
        start date alone) where the span is relative to them."""
        if not isinstance(anchors, Anchors):
            anchors = Anchors(anchors)
        plan_start = anchors.plan_start
        start, end = self.start, self.end
        if start is None and plan_start is not None and self.offset is not None:
            start = _shifted(plan_start, self.offset)
        if self.months is not None and plan_start is not None:
            start, end = _project_months(plan_start, *self.months)
        if self.weeks is not None and anchors.week_year is not None:
            # the plan counts its weeks in the calendar: Monday of the first to Sunday
            # of the last
            written = dated(f"KW {self.weeks[0]}-{self.weeks[1]}", anchors.week_year)
            if written is not None and written.first and written.last:
                start, end = written.first.isoformat(), written.last.isoformat()
        if self.countdown is not None and anchors.day_zero is not None:
            start, end = self.countdown.dates(anchors.day_zero)
        found = [("start", start), ("end", end), ("duration", self.duration)]
        return [(name, value) for name, value in found if value is not None]

    def titled(self) -> bool:
        """Whether a title's part may state it: a day alone may be when the phase
        starts as well as when it is due, a countdown's day is when it starts."""
        return bool(self.end or self.duration or self.countdown)


def _project_months(plan_start: str, first: int, last: int) -> tuple[str | None, str | None]:
    """The first day of project month ``first`` and the last of ``last``, month 1
    starting on the plan's start date."""
    try:
        day = datetime.date.fromisoformat(plan_start)
    except ValueError:
        return None, None

    def month_start(number: int) -> datetime.date | None:
        index = day.month - 1 + number - 1
        try:
            return day.replace(year=day.year + index // 12, month=index % 12 + 1)
        except (ValueError, OverflowError):
            return None  # a start on the 31st has no such day in every month

    begin, after = month_start(first), month_start(last + 1)
    if begin is None or after is None:
        return None, None
    return begin.isoformat(), (after - datetime.timedelta(days=1)).isoformat()


#: project months, as grant proposals write them: ``M1-M18``, ``M4 \u2013 M36``
_PROJECT_MONTHS = re.compile(r"m(\d{1,3})\s*(?:-|\u2013|\u2014|to)\s*m(\d{1,3})", re.IGNORECASE)


def _shifted(date: str, days: int) -> str | None:
    try:
        return (datetime.date.fromisoformat(date) + datetime.timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return None


def _yearless_remark(text: str) -> tuple[str, str | None]:
    """``Oct 6 - Oct 17, 2 weeks`` -> the range and the duration after it (or in
    brackets after it), which says how long a range of no year lasts."""
    match = _REMARK.fullmatch(text)
    if match is None:
        return text, None
    remark = duration_of(match.group("after") or match.group("inside"))
    return (match.group("range"), remark) if remark is not None else (text, None)


def _dated_span(text: str, year: int | None, *, deadline: bool) -> Span | None:
    """A date or a range of dates in words (:mod:`.written_dates`): its first and last
    day where the year is known; one day alone its start (or, by a deadline, its end);
    a month, quarter or week alone all its days (or, by a deadline, its last day)."""
    found = dated(text, year)
    if found is None:
        text, remark = _yearless_remark(text)
        found = dated(text, year)
        if found is not None and found.first is None and remark is not None:
            return Span(remark)
    if found is None:
        return None
    if found.first is None or found.last is None:
        return Span(found.length) if found.length else None
    start, end = found.first.isoformat(), found.last.isoformat()
    if found.single and deadline:
        return Span(end=end)
    if found.one_day:
        return Span(start=start)
    return Span(start=start, end=end)


def span_of(
    text: str, sprint_days: int | None, year: int | None = None, *, deadline: bool = False
) -> Span | None:
    """``Weeks 2-3`` -> 2 weeks, 7 days in; ``2 weeks``; ``Sprint 3`` with 14-day
    sprints -> 2 weeks, 28 days in; ``2027-01-04 to 2027-01-15``; ``Oct 6 - Oct 17``
    (dated in ``year``, the plan's, where the range states none); ``March 2027``,
    ``Q1``, ``KW 3-5`` (all their days); ``None`` for any other text, and for a
    sprint where the plan states no sprint length. ``deadline``: the text says when
    the phase ends (``Due: March 2027``), so a date alone is its last day; ``end of
    March 2027``, ``by March 2027`` and ``target: March 2027`` say so themselves."""
    text = ROUGHLY.sub("", " ".join(text.split()).strip().rstrip("."))
    by = _BY.match(text)
    if by is not None:
        text, deadline = text[by.end() :], True
    months = _PROJECT_MONTHS.fullmatch(text)
    if months is not None:
        first, last = int(months.group(1)), int(months.group(2))
        return Span(months=(first, last)) if 1 <= first <= last else None
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
            duration = length(last - first + 1, unit)
        else:
            duration = length(days // 7, "week") if days % 7 == 0 else length(days, "day")
        weeks = (first, last) if unit == "week" else None
        return Span(duration, (first - 1) * unit_days, weeks=weeks) if duration else None
    if (duration := duration_of(text, sprint_days)) is not None:
        return Span(duration)
    if (counted := countdown(text)) is not None:
        return Span(counted.length(), countdown=counted)
    dates = _DATE.findall(text)
    if dates and len(dates) <= 2 and not _DATE_JOINERS.sub("", _DATE.sub("", text)):
        checked = [checks.date(value) for value in dates]
        if all(checked):
            if deadline and len(checked) == 1:
                return Span(end=checked[0])
            return Span(start=checked[0], end=checked[1] if len(checked) == 2 else None)
    bracketed = _DATED_REMARK.fullmatch(text)
    stated = _dated_span(bracketed.group(2), year, deadline=deadline) if bracketed else None
    if stated is not None and stated.start is not None and stated.end is not None:
        # ``Year 1, Q1 (April\u2013June 2027)``: the dates in brackets say which days the
        # label before them counts (a project's or a fiscal year's quarter)
        return stated
    found = _dated_span(text, year, deadline=deadline)
    remark = _LAST_REMARK.fullmatch(text) if found is None else None
    if remark is not None:
        # ``3 weeks (sprints 61-62)``, ``2027-03-01 (tentative)``: a remark after it
        return span_of(remark.group(1), sprint_days, year, deadline=deadline)
    return found or _one_piece(text, sprint_days, year, deadline=deadline)


#: a duration, then the event it follows: in English, Estonian, German, French,
#: Italian, Spanish and Portuguese
_AFTER_EVENT = re.compile(
    r"(.+?)\s+(?:after|following|from|once|p\u00e4rast|parast|nach|apr\u00e8s|apres|dopo"
    r"|tras|despu\u00e9s de|despues de|ap\u00f3s|apos)\s+(.+)",
    re.IGNORECASE,
)


def duration_after_event(text: str, sprint_days: int | None) -> Span | None:
    """``8 weeks after the pilot ends``, ``6 weeks from getting the keys``, as a
    duration label's value or a title's remark: how long, once an event no date names. Elsewhere such words may say when something happens
    (``Retro: two weeks after cut-over``), so :func:`span_of` reads none."""
    waiting = _AFTER_EVENT.fullmatch(" ".join(text.split()).rstrip("."))
    if waiting is None or names_a_date(waiting.group(2)):
        return None
    duration = duration_of(waiting.group(1), sprint_days)
    return Span(duration) if duration is not None else None


def _one_piece(
    text: str, sprint_days: int | None, year: int | None, *, deadline: bool
) -> Span | None:
    """``3 weeks, starting when the export lands``, ``v0.9, end of September 2025``:
    the span of the one part of a text that states one (more than a day alone), where
    no other part names a date (``3-14 March, review on 20 March`` names two)."""
    pieces = clauses(text)
    if len(pieces) < 2:
        return None
    spans = []
    for piece in pieces:
        found = span_of(piece, sprint_days, year, deadline=deadline)
        if found is not None and found.titled():
            spans.append(found)
        elif names_a_date(piece):
            return None
    return spans[0] if len(spans) == 1 else None


def span_in_title(title: str, sprint_days: int | None, year: int | None) -> str | None:
    """The part of a phase's title that states its span where the title's own reading
    found none: ``(6-17 Ocak)``, ``\u00b7 May-June 2026``, ``\uff084\u67086\u65e5
    \u301c5\u67081\u65e5\uff09``, ``\u2014 T-14d to T-3d``, or one between separators
    (``Sprint 3 | Mar 3-14 | Checkout``); ``None`` where no part does."""
    for pattern in _TITLE_PARTS:
        match = pattern.search(title)
        found = span_of(match.group(1), sprint_days, year) if match is not None else None
        if match is not None and found is not None and found.titled():
            return _range_ending(title, match.start(1), year) or match.group(1).strip()
    return _span_between_parts(title, sprint_days, year) or _date_in_remark(title, year)


#: a remark that dates what the phase waits for, not the phase: ``(after the May
#: freeze)``
_WAITS = re.compile(
    r"\b(?:after|following|once|since|post|pending|depends|blocked)\b", re.IGNORECASE
)


def closing_remarks(title: str) -> list[str]:
    """A title's closing remark in brackets, then its last part after a separator
    (``Weir removal \u2014 window 1 July to 30 September 2027``), where it has them."""
    found = (pattern.search(title) for pattern in (_TITLE_PARTS[0], _TITLE_PARTS[2]))
    return [match.group(1) for match in found if match is not None]


def _date_in_remark(title: str, year: int | None) -> str | None:
    """``(released January 2025)``, ``(April\u2013May 2025 if life allows)``, ``\u2014
    window 1 July to 30 September 2027``: the one month, quarter or range of days
    among the words of a title's closing remark, in brackets or after a separator; a
    day alone (``(demo on 12 May)``) may be any day of the phase."""
    for remark in closing_remarks(title):
        if _WAITS.search(remark):
            continue
        among = one_date_among(remark, year, range_only=False)
        written = dated(among, year) if among is not None else None
        if written is not None and not written.one_day:
            return among
    return None


#: the part before a spaced dash at a text's end: ``January`` of ``Q1 \u00b7 January \u2013``
_PART_BEFORE_DASH = re.compile(r"(?:^|\s[\u00b7|]\s|:\s)([^\u00b7|:]+?\s[-\u2013\u2014]\s*)$")


def _range_ending(title: str, start: int, year: int | None) -> str | None:
    """``January \u2013 March`` of ``Q1 2025 \u00b7 January \u2013 March``: the range
    a title's last part ends, where the dash before it joins the two ends."""
    before = _PART_BEFORE_DASH.search(title[:start])
    if before is None:
        return None
    joined = title[before.start(1) :].strip()
    written = dated(joined, year)
    return joined if written is not None and not written.single else None


def _span_between_parts(title: str, sprint_days: int | None, year: int | None) -> str | None:
    """``Etapa 1 \u00b7 Semanas 1\u20132 \u2014 Descoberta``, ``Iteration 2 \u00b7 22 Mar
    \u2013 9 Apr \u00b7 Kids profiles``, ``Q1 2027 \u2014 Foundations``: the one run of
    the title's parts that is wholly a span, its first part not counted where it is
    a phase's word and number (``Sprint 3 | Mar 3-14``); ``None`` for none or several."""
    cuts = list(_TITLE_SEPARATOR.finditer(title))
    if not cuts or len(cuts) >= _MOST_TITLE_PARTS:
        return None
    starts = [0] + [cut.end() for cut in cuts]
    ends = [cut.start() for cut in cuts] + [len(title)]
    first_part = 1 if phase_heading(title[: ends[0]]) is not None else 0
    runs = [
        (first, last)
        for first in range(first_part, len(starts))
        for last in range(first, len(starts))
        if _wholly_span(title[starts[first] : ends[last]].strip(), sprint_days, year)
    ]
    # ``22 Mar \u2013 9 Apr`` holds ``9 Apr``: a span inside a longer one is that one
    widest = [
        run
        for run in runs
        if not any(other != run and other[0] <= run[0] and run[1] <= other[1] for other in runs)
    ]
    if len(widest) != 1:
        return None
    first, last = widest[0]
    return title[starts[first] : ends[last]].strip()


def _wholly_span(text: str, sprint_days: int | None, year: int | None) -> bool:
    """Whether a part of a title names time and reads as more than a day alone: a
    span's words (``Weeks 3-5``, ``Mar 3-14``), a range of dates, a countdown; not a
    name a date reading would take (``H2``, the database)."""
    found = span_of(text, sprint_days, year)
    if found is None or not found.titled():
        return False
    written = dated(text, year)
    ranged = written is not None and not written.single
    return is_span(text) or ranged or found.countdown is not None
