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
  kind or an aside (``Tests for User Story 1``, ``Edge cases``, ``Notes``).

Under a rollout, either series is a phase only where each of its headings holds a
checklist: a rollout's ``### Stage 1`` with ``- Staff only`` stays its stage.
"""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import Section, normal_header
from sphinx_implplan.authoring.conversion.section_kinds import (
    PhaseTitle,
    kind_of,
    phase_heading,
    without_emoji,
)

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
_DELIVERY = re.compile(
    r"\b(implementation|delivery|roadmap|work ?breakdown|tasks?|execution|plan"
    r"|workstreams?|work ?streams?|deliverables|waves|phases|stages|rollout|roll out)\b"
)
ASIDES = re.compile(
    r"\b(notes?|edge cases?|faq|questions?|acceptance|definition of done|prerequisites?"
    r"|checklist|summary|overview|out of scope|non-goals?|assumptions?|appendix|dependencies"
    r"|references?|open items?|follow-ups?|backlog|parking lot|tests?|testing|qa|docs?)\b"
)
_CHECKBOX = re.compile(r"\s*\[[ xX]\]\s+\S")


def holds_checklist(section: Section) -> bool:
    """Whether one of the section's own lists has a task box."""
    return any(
        block.type in {"bullet_list", "ordered_list"} and has_checkbox(block)
        for block in section.blocks
    )


def has_checkbox(block: SyntaxTreeNode) -> bool:
    """Whether an item of the list (not of a nested one) has a task box."""
    if block.type in {"bullet_list", "ordered_list"}:
        for item in block.children:
            first = item.children[0] if item.children else None
            if (
                first is not None
                and first.type == "paragraph"
                and first.children
                and _CHECKBOX.match(first.children[0].content or "")
            ):
                return True
    return False


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
    if roman and set(marker) <= set("IVX"):
        total, last = 0, 0
        for char in reversed(marker):
            value = {"I": 1, "V": 5, "X": 10}[char]
            total, last = (total - value, last) if value < last else (total + value, value)
        return "roman", total
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
    if not lead and kind in {"digit", "roman", "letter"}:
        return None  # ``## 1. Overview``: a section number
    rest = match.group("rest").strip(" \t:.)-\u2013\u2014\u30fb\uff1a")
    return lead, kind, position, rest


#: the word of a phase found by its shape: its number is its place in its series only
SERIES = "series"


def _title(heading: str, number: str, rest: str, lead: str) -> PhaseTitle:
    read = phase_heading(f"Phase {number}: {without_emoji(rest)}") if rest else None
    name = read.name if read is not None else without_emoji(rest)
    span = read.span if read is not None else None
    word = f"{SERIES} {lead}".strip()
    return PhaseTitle(number, name, without_emoji(heading), span, False, False, word)


def _marked(subsections: list[Section], free: list[bool]) -> dict[int, PhaseTitle]:
    """The marked series among the free subsections."""
    found: dict[int, PhaseTitle] = {}
    for roman in (True, False):
        groups: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        for index, subsection in enumerate(subsections):
            read = _read(subsection.title.plain, roman) if free[index] else None
            if read is not None and index not in found:
                lead, kind, position, rest = read
                groups.setdefault((lead, kind), []).append((index, position, rest))
        for (lead, kind), members in groups.items():
            positions = [position for _, position, _ in members]
            first = positions[0]
            if len(members) < 2 or first not in {0, 1}:
                continue
            if positions != list(range(first, first + len(members))):
                continue
            for index, position, rest in members:
                number = f"{kind}{position}" if len(kind) == 1 else str(position)
                if kind == "letter":
                    number = chr(ord("A") + position - 1)
                found[index] = _title(subsections[index].title.plain, number, rest, lead)
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
    free = [
        title is None and sub is not skip for title, sub in zip(titles, subsections, strict=True)
    ]
    found = _marked(subsections, free)
    if not found and section.heading is not None and section.level >= 2 and section is not skip:
        # the plan's title ("Implementation Plan") says nothing of its sections
        found = _checklists(conversion, section, free)
    if rollout:
        found = {i: t for i, t in found.items() if holds_checklist(subsections[i])}
        if len(found) < 2:
            found = {}
    return [found.get(index, title) for index, title in enumerate(titles)]


def _checklists(
    conversion: Conversion, section: Section, free: list[bool]
) -> dict[int, PhaseTitle]:
    if not _DELIVERY.search(normal_header(section.title.plain)):
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
        if kind_of(heading) is not None or ASIDES.search(normal_header(heading)):
            conversion.note(
                section.subsections[index].start,
                f"subsections with checklists kept as written: {heading!r} names no phase",
            )
            return {}
    found: dict[int, PhaseTitle] = {}
    for place, index in enumerate(members):
        heading = section.subsections[index].title.plain
        found[index] = _title(heading, str(place + 1), heading, "checklist")
    return found
