"""What a plan says, outside its phases, that places their spans in the calendar
besides its start date and year (:mod:`.phase_sections`):

- its day T, which a countdown counts to (:mod:`.countdowns`): ``T-0 = Saturday 14
  June 2025``, ``D-Day: 2025-06-14``, ``T = 2025-06-14``; else the one day its
  cutover, launch, go-live or event label names (``**Cutover window:** Sunday 21
  March 2027, 01:00-05:00 CET``, ``**Event day:** Saturday 16 May 2026``), the day a
  runbook or an event plan counts to;
- the year its week numbers count in, where it says that its weeks are calendar
  weeks (``Weeks below are ISO weeks of 2025``): ``Weeks 36-37`` are then those
  weeks of that year, not the plan's 36th and 37th.
"""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.dated_ranges import dated
from sphinx_implplan.authoring.conversion.dates_in_prose import one_date_among
from sphinx_implplan.authoring.conversion.markdown import normal_header
from sphinx_implplan.authoring.conversion.phase_labels import label_segments

#: ``T-0 = ...``, ``T0: ...``, ``T is ...``, ``D-Day: ...``, ``Day 0 = ...``
_DAY_ZERO = re.compile(
    r"(?<![\w&-])(?:T\s*[-\u2212]\s*0|T0|T|D\s*[-\u2212]\s*0|D-?[Dd]ay|[Dd]ay 0)"
    r"\s*(?:=|:|\bis\b)\s*(?P<value>\S.*)"
)
#: ``Label: value`` at a line's start
_LABEL = re.compile(r"\W*(?P<label>[^\W\d][^:]{0,39}?)\s*:\s*(?P<value>\S.*)")
#: the labels of the day a runbook, a launch plan or an event plan counts to
_EVENT_LABELS = frozenset(
    {
        *("cutover", "cut over", "cut-over", "cutover date", "cutover window"),
        *("maintenance window", "change window", "migration window", "window"),
        *("go-live", "go live", "go-live date", "go live date", "launch", "launch date"),
        *("launch day", "release date", "switchover", "switch-over"),
        # an event plan counts to its event: ``**Event day:** Saturday 16 May 2026``
        *("event day", "event date", "conference day", "conference date", "day of the event"),
    }
)
#: a plan's words for its week numbers being the calendar year's (``ISO weeks``,
#: ``calendar weeks``, ``week numbers``), not one week of it (``in calendar week 12``)
_CALENDAR_WEEKS = re.compile(
    r"(?:\biso[- ]?weeks?|\bcalendar weeks|\bweek numbers|\bkalenderwochen"
    r"|\bveckonum\w*|\bukenummer\w*|\bugenummer\w*|\bviikkonumero\w*)\b(?!\s*\d)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _one_day(text: str, year: int | None) -> str | None:
    """The one day ``text`` names among its words, as ``YYYY-MM-DD``."""
    found = one_date_among(text, year, range_only=False)
    written = dated(found, year) if found is not None else None
    if written is None or not written.one_day or written.first is None:
        return None
    return written.first.isoformat()


def day_zero_in(texts: list[str], year: int | None) -> str | None:
    """The day T the plain ``texts`` name (dated in ``year`` where they state none):
    the first stated as T, else the one day of the cutover, launch or go-live
    labels; ``None`` where they name none, or several such days."""
    for text in texts:
        for match in _DAY_ZERO.finditer(text):
            found = _one_day(match.group("value"), year)
            if found is not None:
                return found
    events: set[str] = set()
    for segment in (one for text in texts for one in label_segments(text)):
        label = _LABEL.match(segment)
        if label is None or normal_header(label.group("label")) not in _EVENT_LABELS:
            continue
        found = _one_day(label.group("value"), year)
        if found is not None:
            events.add(found)
    return events.pop() if len(events) == 1 else None


def week_year_in(texts: list[str], year: int | None) -> int | None:
    """The year whose calendar weeks the plan's week numbers name, where a text says
    they are calendar weeks: the year it states, else ``year`` (the plan's)."""
    for text in texts:
        if _CALENDAR_WEEKS.search(text):
            stated = _YEAR.search(text)
            return int(stated.group()) if stated is not None else year
    return None
