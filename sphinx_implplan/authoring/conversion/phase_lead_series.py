"""Phases found by what their headings lead with, where no phase word or counting
marker names them; each rule among the free subsections of one section, and at
least two members each:

- a *version series*: ``## v0.18 (target: March 2027)``, ``## 1.2.0``: a roadmap's
  releases, each holding a checklist (its own or a subsection's) or stating when;
- a *dated series*: ``### Fri 18:00 -> 22:00 - Kickoff``, ``## Jan 12 - Jan 23:
  Foundations``, ``## Week 3-4 - Build``, ``### T-0 - Upgrade window``: headings that
  start with a span, a date, a day and a time or a countdown's point, each holding a
  checklist, and the siblings holding one whose span is in brackets at their end
  (``## Event week (15-21 September)``);
- a *work-item series*: ``## EPIC DATA-412 - Ingestion``, ``## Workstream: Billing``,
  ``## WP2 Data collection``, ``### Track B - Mobile``: a tracker's containers of
  work, each holding a checklist.

A changelog of versions holds no checklists and states no targets, so it stays.

And where no rule finds any phase in a plan, its top-level sections that each hold a
checklist (theirs or a subsection's) and name work are its phases, at least two of
them (:func:`top_level_checklists`): ``## EVT``, ``## DVT``, ``## PVT``; ``## Now``,
``## Next``, ``## Later``.
"""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.countdowns import countdown
from sphinx_implplan.authoring.conversion.markdown import Section
from sphinx_implplan.authoring.conversion.phase_members import (
    carries_work,
    holds_checklist,
    names_work,
    series_title,
)
from sphinx_implplan.authoring.conversion.phase_schedule_names import schedule_key
from sphinx_implplan.authoring.conversion.section_kinds import (
    PhaseTitle,
    is_span,
    without_emoji,
)
from sphinx_implplan.authoring.conversion.written_dates import points

#: ``v0.18``, ``1.2.0``, ``v2``: a version (``v`` and a number, or two numbers or more)
_VERSION = re.compile(
    r"(?P<version>v\d+(?:\.\d+){0,2}|\d+\.\d+(?:\.\d+)?)(?![\w.])"
    r"(?P<rest>(?:[\s:)\-\u2013\u2014].*)?)",
    re.IGNORECASE | re.DOTALL,
)
_YEAR_OR_QUARTER = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\bq[1-4]\b", re.IGNORECASE)
#: where a heading's lead ends, tried in this order: an en dash joins a range
#: (``Jan 12 \u2013 Jan 23``) more often than it ends a lead
_LEAD_ENDS = (": ", " \u00b7 ", " | ", " \u2014 ", " - ", " \u2013 ")
#: ``Fri 18:00``, ``Saturday 10:00``, ``Mon 9am``
_DAY_AND_TIME = re.compile(
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+\d{1,2}(?::\d\d|\s*[ap]m)\b", re.IGNORECASE
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.(?:\d{4})?")
#: a heading with a span in brackets at its end: ``Event week (15-21 September)``
_BRACKETED = re.compile(r"(\S.*?)\s*\(([^()]+)\)")
#: the containers of work in trackers and proposals, then their id or name
_WORK_ITEM = re.compile(
    r"(?P<word>epic|workstream|work ?stream|work package|wp|track|initiative)"
    r"(?P<rest>(?:\s*[:#\-\u2013\u2014]?\s*|(?<=wp)|(?<=WP))\S.*)",
    re.IGNORECASE | re.DOTALL,
)


def lead_series(subsections: list[Section], free: list[bool]) -> dict[int, PhaseTitle]:
    """The first of the version, dated and work-item series the subsections form."""
    for rule in (_versions, _dated, _work_items):
        found = rule(subsections, free)
        if found:
            return found
    return {}


def _heading(section: Section) -> str:
    return without_emoji(section.title.plain).strip()


def _versions(subsections: list[Section], free: list[bool]) -> dict[int, PhaseTitle]:
    members: list[tuple[int, str, str]] = []
    for index, subsection in enumerate(subsections):
        match = _VERSION.fullmatch(_heading(subsection))
        if not free[index] or match is None:
            continue
        rest = match.group("rest").strip(" \t:.)-\u2013\u2014")
        stated = bool(_YEAR_OR_QUARTER.search(rest))
        if carries_work(subsection, rest or match.group("version")) or stated:
            members.append((index, match.group("version"), rest))
    if len(members) < 2:
        return {}
    found: dict[int, PhaseTitle] = {}
    for place, (index, version, rest) in enumerate(members, 1):
        title = series_title(subsections[index].title.plain, str(place), rest, "version")
        # the version names the phase (``v0.18``), as a schedule would name it
        found[index] = PhaseTitle(
            title.number, version, title.title, title.span, False, False, title.word
        )
    return found


def _split_lead(heading: str) -> tuple[str, str] | None:
    for end in _LEAD_ENDS:
        lead, found, rest = heading.partition(end)
        if found and lead.strip() and rest.strip():
            return lead.strip(), rest.strip()
    return None


def _split_ending(heading: str) -> tuple[str, str] | None:
    """``(name, ending)`` of a heading at its last separator (``Wrap-up \u00b7 T+1 day
    \u2192 T+3 weeks``)."""
    for end in _LEAD_ENDS:
        name, found, ending = heading.rpartition(end)
        if found and name.strip() and ending.strip():
            return name.strip(), ending.strip()
    return None


def _is_when(text: str) -> bool:
    # a countdown's point says when as a span does: ``T-0``, ``T+1 to T+7``
    return (
        is_span(text)
        or bool(_DAY_AND_TIME.match(text))
        or bool(_DATE.fullmatch(text))
        or countdown(text) is not None
    )


def _is_dated(text: str) -> bool:
    return _is_when(text) or points(text) is not None


def _dated(subsections: list[Section], free: list[bool]) -> dict[int, PhaseTitle]:
    members: list[tuple[int, str, str]] = []
    bracketed: list[tuple[int, str, str]] = []
    for index, subsection in enumerate(subsections):
        if not free[index] or not any(holds_checklist(sub) for sub in subsection.walk()):
            continue
        parts = _split_lead(_heading(subsection))
        if parts is not None and _is_when(parts[0]) and names_work(parts[1]):
            members.append((index, parts[0], parts[1]))
        elif (last := _BRACKETED.fullmatch(_heading(subsection))) and _is_dated(last[2]):
            bracketed.append((index, last[2], last[1]))
        elif (ending := _split_ending(_heading(subsection))) is not None and _is_dated(ending[1]):
            bracketed.append((index, ending[1], ending[0]))
    if len(members) < 2:
        return {}
    # ``## Event week (15-21 September)``, ``### Event week \u00b7 T-3 days \u2192 T-0``
    # after ``## 1 month out - August``: a heading dated in brackets or after its
    # name is one of the series its siblings form
    members = sorted(members + [one for one in bracketed if names_work(one[2])])
    found: dict[int, PhaseTitle] = {}
    for place, (index, when, name) in enumerate(members, 1):
        heading = subsections[index].title.plain
        found[index] = PhaseTitle(
            str(place), name, without_emoji(heading), when, False, False, "series dated"
        )
    return found


def _work_items(subsections: list[Section], free: list[bool]) -> dict[int, PhaseTitle]:
    members: list[tuple[int, str]] = []
    for index, subsection in enumerate(subsections):
        match = _WORK_ITEM.fullmatch(_heading(subsection)) if free[index] else None
        if match is None or not any(holds_checklist(sub) for sub in subsection.walk()):
            continue
        members.append((index, match.group("rest").strip()))
    if len(members) < 2:
        return {}
    return {
        index: series_title(subsections[index].title.plain, str(place), rest, "work item")
        for place, (index, rest) in enumerate(members, 1)
    }


def top_level_checklists(
    top: list[Section], taken: set[int], scheduled: frozenset[str] = frozenset()
) -> dict[int, PhaseTitle]:
    """The plan's top-level sections (``top``) that hold checklists and name work,
    where at least two do; ``taken`` are the start lines of sections already
    something else (the plan's title); a section a schedule names (``scheduled``,
    its name folded) is work whatever its words (``## Tech and dress``)."""
    members = [
        index
        for index, section in enumerate(top)
        if section.start not in taken
        # a plan of test stages (``## EVT - Engineering Validation Test``) has them
        and (
            names_work(section.title.plain, testing=True)
            or schedule_key(section.title.plain) in scheduled
        )
        and any(holds_checklist(sub) for sub in section.walk())
    ]
    if len(members) < 2:
        return {}
    return {
        index: series_title(top[index].title.plain, str(place), top[index].title.plain, "top")
        for place, index in enumerate(members, 1)
    }
