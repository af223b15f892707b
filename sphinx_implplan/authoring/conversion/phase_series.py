"""Phases found by the shape of a plan, where no phase word names them.

Two rules, both among the subsections of one section, and neither under a section
of a kind other than a rollout or a timeline (risks, tests, decisions, metrics,
considerations, a changelog):

- a *marked series*: at least two sibling headings that start with the same word
  and a sequence marker, in order from the first (``Wave 1``, ``Wave 2``;
  ``Part I``, ``Part II``; ``Workstream A``, ``Workstream B``), or that start with
  the marker alone where it cannot be a section number (``M0``, ``M1``; keycaps
  ``1\ufe0f\u20e3`` or ``:one:``; CJK ordinals ``\u7b2c\u4e00...``). The word may be
  none that names a kind or an alternative (``Option A``, ``Question 1``,
  ``Story 2``, ``Test 1``);
- a *checklist series*: under a heading about delivery (implementation, delivery,
  roadmap, work breakdown, tasks, plan, workstreams, deliverables), at least two
  subsections that each hold a checklist directly, where none of those names a
  kind or an aside (``Tests for User Story 1``, ``Edge cases``, ``Notes``);
- a *numbered series* (``## 1. Pre-production (wk 1-3)``) or a *version series*
  (``## v0.18 (target: March 2027)``): section numbers and versions name any part
  of a document, so only the members that carry their own work are phases: those
  whose section holds a checklist (theirs or a subsection's) or whose heading states
  a span or a date, at least two of them, none naming a kind or an aside.

A marked series counted from 1 takes the heading right before its first member as
its phase 0 where that heading holds a checklist and states its dates (``###
Before kickoff (1-12 March)`` above ``### Wave 1``): the work that comes first.

Under a rollout, either series is a phase only where each of its headings holds a
checklist: a rollout's ``### Stage 1`` with ``- Staff only`` stays its stage.
"""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import Section, normal_header
from sphinx_implplan.authoring.conversion.phase_lead_series import lead_series
from sphinx_implplan.authoring.conversion.phase_members import (
    ASIDES,
    DELIVERY,
    SERIES,
    WORK_KINDS,
    carries_work,
    holds_checklist,
    series_title,
)
from sphinx_implplan.authoring.conversion.phase_spans import span_in_title
from sphinx_implplan.authoring.conversion.section_kinds import PhaseTitle, kind_of, without_emoji

_KEYCAP_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight"),
    *("nine", "keycap_ten"),
)
_CJK_DIGITS = "\u3007\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d"
_CJK_TEN = "\u5341"
_MARKER = re.compile(
    r"(?P<lead>[^\W\d_][\w'-]{0,30}\s+)?"
    r"(?P<marker>\d{1,3}(?!\.\d)|[IVX]{1,5}(?![\w])|[A-Z]\d{1,2}(?!\.\d)|[A-Z](?![\w'])"
    r"|:(?:" + "|".join(_KEYCAP_WORDS) + r"):|\d\ufe0f?\u20e3"
    r"|\u7b2c[" + _CJK_DIGITS + _CJK_TEN + r"]{1,3})"
    r"(?P<rest>(?:[\s:.)\-\u2013\u2014\u30fb\uff1a].*|[^\x00-\x7f].*)?)",
    re.DOTALL,
)
#: words that start a series of alternatives, questions or examples, not of phases
_NOT_PHASES = frozenset(
    {
        *("option", "options", "alternative", "variant", "choice", "approach", "question"),
        *("q", "faq", "story", "user", "scenario", "example", "case", "use", "persona"),
        *("requirement", "issue", "bug", "adr", "rfc", "appendix", "figure", "table"),
        *("chapter", "section", "risk", "test", "tests", "decision", "step", "stage"),
        *("annex", "note", "level", "tier", "priority", "p", "v", "version", "release"),
    }
)
#: the letters that are also Roman numerals, which a lettered phase may be
_ROMAN_LETTERS = frozenset({"I", "V", "X"})


def roman_value(marker: str) -> int | None:
    """``4`` of ``IV``; ``None`` where the marker is no Roman numeral of I, V and X."""
    if not marker or not set(marker) <= set("IVX"):
        return None
    total, last = 0, 0
    for char in reversed(marker):
        value = {"I": 1, "V": 5, "X": 10}[char]
        total, last = (total - value, last) if value < last else (total + value, value)
    return total


def _value(marker: str, roman: bool) -> tuple[str, int] | None:
    """``(class, position)`` of a marker: ``("digit", 2)``, ``("M", 1)``."""
    if marker.startswith(":"):
        return "keycap", _KEYCAP_WORDS.index(marker.strip(":"))
    if marker.startswith("\u7b2c"):
        digits = marker[1:]
        if digits == _CJK_TEN:
            return "cjk", 10
        if digits.startswith(_CJK_TEN):
            return "cjk", 10 + _CJK_DIGITS.index(digits[1])
        if len(digits) == 1:
            return "cjk", _CJK_DIGITS.index(digits)
        return None
    if marker[0].isdigit():
        return ("keycap" if "\u20e3" in marker else "digit"), int(marker.rstrip("\ufe0f\u20e3"))
    if len(marker) > 1 and marker[1:].isdigit():
        return marker[0], int(marker[1:])
    if roman and (value := roman_value(marker)) is not None:
        return "roman", value
    if len(marker) == 1:
        return "letter", ord(marker) - ord("A") + 1
    return None


def _read(heading: str, roman: bool) -> tuple[str, str, int, str] | None:
    """``(lead word, class, position, rest)`` of a marked heading."""
    match = _MARKER.fullmatch(heading.strip())
    if match is None:
        return None
    lead = (match.group("lead") or "").strip().casefold()
    found = _value(match.group("marker"), roman)
    if found is None:
        return None
    kind, position = found
    if lead in _NOT_PHASES or (lead and kind_of(lead) is not None):
        return None
    # a closing parenthesis ends a span (``(wk 1-3)``) as often as it opens a name
    rest = match.group("rest").lstrip(" \t:.)-\u2013\u2014\u30fb\uff1a")
    rest = rest.rstrip(" \t:.-\u2013\u2014\u30fb\uff1a")
    if not lead and kind in {"digit", "roman", "letter"}:
        # ``## 1. Overview``: a section number, a phase only if it carries work
        kind = f"numbered {kind}"
    return lead, kind, position, rest


def _marked(subsections: list[Section], free: list[bool]) -> dict[int, PhaseTitle]:
    """The marked series among the free subsections."""
    found: dict[int, PhaseTitle] = {}
    for roman in (True, False):
        groups: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        for index, subsection in enumerate(subsections):
            read = _read(without_emoji(subsection.title.plain), roman) if free[index] else None
            if read is not None and index not in found:
                lead, kind, position, rest = read
                groups.setdefault((lead, kind), []).append((index, position, rest))
        for (lead, marker_kind), series in groups.items():
            positions = [position for _, position, _ in series]
            first = positions[0]
            if len(series) < 2 or first not in {0, 1}:
                continue
            if positions != list(range(first, first + len(series))):
                continue
            members = series
            if marker_kind.startswith("numbered "):
                members = [m for m in series if carries_work(subsections[m[0]], m[2])]
                if len(members) < 2:
                    continue
            kind = marker_kind.removeprefix("numbered ")
            for index, position, rest in members:
                number = f"{kind}{position}" if len(kind) == 1 else str(position)
                if kind == "letter":
                    number = chr(ord("A") + position - 1)
                found[index] = series_title(subsections[index].title.plain, number, rest, lead)
    return found


def series_titles(
    conversion: Conversion,
    section: Section,
    titles: list[PhaseTitle | None],
    *,
    rollout: bool,
    skip: Section | None,
) -> list[PhaseTitle | None]:
    """``titles`` (what the words name) with the phases the section's shape names;
    ``skip`` (the plan's title) is none."""
    subsections = section.subsections
    # ``Etapa I`` reads as a lettered phase, but beside ``Etapa II`` it is the first
    # of a Roman series: such a heading stays free for the series to take
    free = [
        (title is None or title.number in _ROMAN_LETTERS) and sub is not skip
        for title, sub in zip(titles, subsections, strict=True)
    ]
    found = _marked(subsections, free)
    if found:
        found |= _lead_in(conversion, subsections, free, found)
    if not found:
        found = lead_series(subsections, free)
    if not found and section.heading is not None and section.level >= 2 and section is not skip:
        # the plan's title ("Implementation Plan") says nothing of its sections
        found = _checklists(conversion, section, free)
    if rollout:
        found = {i: t for i, t in found.items() if holds_checklist(subsections[i])}
        if len(found) < 2:
            found = {}
    return [found.get(index, title) for index, title in enumerate(titles)]


def _lead_in(
    conversion: Conversion,
    subsections: list[Section],
    free: list[bool],
    found: dict[int, PhaseTitle],
) -> dict[int, PhaseTitle]:
    """The work before a series counted from 1: the heading right before its first
    member, holding a checklist and stating its dates (``### Before kickoff (1-12
    March)`` above ``### Wave 1``), is the series' phase 0."""
    first = min(found)
    before = first - 1
    if before < 0 or not free[before] or found[first].number != "1":
        return {}
    heading = subsections[before].title.plain
    lead = found[first].word.removeprefix(SERIES).strip()
    title = series_title(heading, "0", heading, lead)
    dated = title.span or span_in_title(heading, conversion.sprint_days, conversion.plan_year)
    if dated is None or not holds_checklist(subsections[before]):
        return {}
    return {before: title}


def _checklists(
    conversion: Conversion, section: Section, free: list[bool]
) -> dict[int, PhaseTitle]:
    if not DELIVERY.search(normal_header(section.title.plain)):
        return {}
    members = [
        index
        for index, subsection in enumerate(section.subsections)
        if free[index] and holds_checklist(subsection)
    ]
    if len(members) < 2:
        return {}
    for index in members:
        heading = section.subsections[index].title.plain
        # a step of the work that rolls it out (``Rollout to all members``) is one of
        # them; a section of another kind (``Testing``) says they are no phases
        if kind_of(heading) not in WORK_KINDS or ASIDES.search(normal_header(heading)):
            conversion.note(
                section.subsections[index].start,
                f"subsections with checklists kept as written: {heading!r} names no phase",
            )
            return {}
    found: dict[int, PhaseTitle] = {}
    for place, index in enumerate(members):
        heading = section.subsections[index].title.plain
        found[index] = series_title(heading, str(place + 1), heading, "checklist")
    return found
