"""Which headings are phases, found before any section is converted.

A ``Phase N: Name`` heading is a phase, and its section is all of it: its
subsections are part of its body, except a subsection that is a phase of another
number (``Phase 7.1`` under ``Phase 7``). A phase heading that only repeats another,
under a progress or status section or with a checkbox or check mark, is no phase:
it stays as written. Two phases of one number get a note. The plan's sprint length,
start date and year, which place the phases the titles' spans name, are read here
too, and so are its day T, the year of its calendar weeks (:mod:`.plan_anchors`)
and whether it runs its phases in sequence (:mod:`.phase_sequence`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.durations import sprint_days_in
from sphinx_implplan.authoring.conversion.header import front_matter
from sphinx_implplan.authoring.conversion.markdown import (
    Section,
    Text,
    normal_header,
    plain_text,
    span,
    table,
)
from sphinx_implplan.authoring.conversion.phase_bold import holds_bold_phases
from sphinx_implplan.authoring.conversion.phase_labels import label_segments
from sphinx_implplan.authoring.conversion.phase_lead_series import top_level_checklists
from sphinx_implplan.authoring.conversion.phase_members import SERIES, holds_checklist
from sphinx_implplan.authoring.conversion.phase_schedule_names import (
    find_scheduled_phases,
    scheduled_names,
)
from sphinx_implplan.authoring.conversion.phase_sequence import in_sequence
from sphinx_implplan.authoring.conversion.phase_series import series_titles
from sphinx_implplan.authoring.conversion.phase_spans import Span, span_of
from sphinx_implplan.authoring.conversion.plan_anchors import day_zero_in, week_year_in
from sphinx_implplan.authoring.conversion.section_kinds import (
    PHASE_ITSELF,
    PhaseTitle,
    SectionKind,
    kind_of,
    lettered_heading,
    phase_heading,
)

#: the words that name a phase wherever it stands; ``Stage 1`` and ``Step 2`` under a
#: section of another kind (a rollout, tests) are that section's, and ``A. Name`` is a
#: phase only among siblings lettered ``A``, ``B``, ...
_ALWAYS = PHASE_ITSELF

_PROGRESS = re.compile(
    r"\b(progress|status|checklist|tracking|tracker|overview|summary|done|completed?)\b"
)
#: labels of a plan's start date, outside its phases
_PLAN_START_LABELS = frozenset(
    {"start", "start date", "starts", "project start", "kickoff", "kick off", "kick-off"}
)


@dataclass(frozen=True)
class _Candidate:
    section: Section
    title: PhaseTitle
    #: 2 under a progress or status section, 1 with a checkbox or check mark, 0
    #: else: of two headings of one phase, the one ranked higher repeats the other
    listed: int


#: the headings that introduce a plan, under which its sections of work may stand
_INTRODUCTION = re.compile(
    r"\b(brief|overview|summary|description|about|background|context|introduction)\b"
)


def find_phases(conversion: Conversion, root: Section, title_section: Section | None) -> None:
    """Fill ``conversion.phase_titles``, ``sprint_days`` and ``plan_start``."""
    candidates: list[_Candidate] = []
    _collect(conversion, root, title_section, None, False, candidates)
    kept = [
        candidate
        for candidate in candidates
        if not any(
            other.listed < candidate.listed and _same_phase(other.title, candidate.title)
            for other in candidates
        )
    ]
    first_of_number: dict[str, _Candidate] = {}
    for candidate in kept:
        conversion.phase_titles[candidate.section.start] = candidate.title
        # a series found by its shape numbers its phases by their place in it
        series = candidate.title.word.startswith(SERIES)
        key = (
            f"{candidate.title.word} {candidate.title.number}" if series else candidate.title.number
        )
        first = first_of_number.setdefault(key, candidate)
        if first is candidate:
            continue
        where = f"line {first.section.start + 1}"
        if _same_phase(first.title, candidate.title):
            message = f"a second phase titled {candidate.title.title!r} (the first is at {where})"
        else:
            message = (
                f"phase {candidate.title.title!r} has the number of {first.title.title!r} ({where})"
            )
        conversion.note(
            candidate.section.start, message + ": timeline entries and Depends on find the first"
        )
    if not kept:
        # a plan whose phases no word or number names may name them in its schedule
        find_scheduled_phases(conversion, root, title_section)
    if not conversion.phase_titles and not any(
        holds_bold_phases(section, conversion.lines) for section in root.walk()
    ):
        # nor in its schedule, nor as bold lines: its top-level sections of work are
        # its phases
        top = title_section.subsections if title_section is not None else root.subsections
        skip = {title_section.start} if title_section is not None else set()
        found = top_level_checklists(top, skip, frozenset(scheduled_names(root)))
        if not found:
            top, found = _under_introduction(top, skip)
        for index, title in found.items():
            conversion.phase_titles[top[index].start] = title
    conversion.sprint_days = sprint_days_in(_texts(root))
    conversion.plan_start = _plan_start(conversion, root)
    conversion.plan_year = _plan_year(conversion, root)
    texts = [Text.parse(conversion.lines[number]).plain for number in _outside(conversion, root)]
    texts += _label_rows(conversion, root)
    conversion.day_zero = day_zero_in(texts, conversion.plan_year)
    conversion.week_year = week_year_in(texts, conversion.plan_year)
    conversion.in_sequence = in_sequence(texts)


def _under_introduction(
    top: list[Section], skip: set[int]
) -> tuple[list[Section], dict[int, PhaseTitle]]:
    """The sections of work one level under the plan's introduction, where none is
    at the top: a project's sections under its brief (``## Project brief``, ``---``,
    ``### Kitchen fit-out``); under ``## Goals`` they are no phases."""
    for parent in top:
        if _INTRODUCTION.search(normal_header(parent.title.plain)):
            found = top_level_checklists(parent.subsections, skip)
            if found:
                return parent.subsections, found
    return top, {}


def _same_phase(one: PhaseTitle, other: PhaseTitle) -> bool:
    names = {one.name.casefold(), other.name.casefold()}
    return one.number == other.number and (len(names) == 1 or "" in names)


def _titles(
    conversion: Conversion,
    section: Section,
    title_section: Section | None,
    other_kind: bool,
    rollout: bool | None,
) -> list[PhaseTitle | None]:
    """The phase each subsection's heading names, or ``None``; under a rollout (and
    no other kind) a ``Sprint 2`` holding a checklist is a phase too, and so is a
    ``Stage 1`` whose tasks stand in a subsection of their own (``#### Tasks``): a
    stage whose checklist is its own list is the rollout's stage with its steps."""
    titles: list[PhaseTitle | None] = []
    for subsection in section.subsections:
        title = None if subsection is title_section else phase_heading(subsection.title.plain)
        if title is not None and other_kind and title.word not in _ALWAYS:
            tasks_below = any(holds_checklist(sub) for sub in subsection.subsections)
            work = tasks_below if title.word == "stage" else holds_checklist(subsection)
            if not (rollout and work):
                title = None
        titles.append(title)
    lettered = [
        None
        if subsection is title_section or other_kind or titles[index] is not None
        else lettered_heading(subsection.title.plain)
        for index, subsection in enumerate(section.subsections)
    ]
    letters = [title.number for title in lettered if title is not None]
    # a series: A, B, ... each once, from A
    if len(letters) >= 2 and letters == [chr(ord("A") + n) for n in range(len(letters))]:
        titles = [title or letter for title, letter in zip(titles, lettered, strict=True)]
    if rollout is None or (other_kind and not rollout):
        return titles  # in a phase, ``Wave A`` is part of its body
    return series_titles(conversion, section, titles, rollout=rollout, skip=title_section)


def _collect(  # noqa: PLR0917
    conversion: Conversion,
    section: Section,
    title_section: Section | None,
    inside: PhaseTitle | None,
    progress: bool,
    found: list[_Candidate],
    *,
    other_kind: bool = False,
    rollout: bool = False,
) -> None:
    in_phase = None if inside is not None else rollout
    titles = _titles(conversion, section, title_section, other_kind, in_phase)
    for subsection, title in zip(section.subsections, titles, strict=True):
        is_title = subsection is title_section
        if inside is not None and (title is None or title.number == inside.number):
            continue  # part of the phase's body
        if title is not None:
            found.append(_Candidate(subsection, title, 2 if progress else int(title.marked)))
            _collect(conversion, subsection, title_section, title, progress, found)
            continue
        words = normal_header(subsection.title.plain)
        listed = progress or (not is_title and bool(_PROGRESS.search(words)))
        kind = None if is_title else kind_of(subsection.title.plain)
        other = other_kind or (kind is not None and kind.value != "timeline")
        # a rollout (and no other kind above it) may hold phases that have checklists
        in_rollout = (rollout and kind in {None, SectionKind.ROLLOUT, SectionKind.TIMELINE}) or (
            not other_kind and kind is SectionKind.ROLLOUT
        )
        _collect(
            conversion,
            subsection,
            title_section,
            None,
            listed,
            found,
            other_kind=other,
            rollout=in_rollout and not listed,
        )


def _texts(root: Section) -> list[str]:
    return [
        plain_text(node) for block in root.nodes() for node in block.walk() if node.type == "inline"
    ]


def _plan_start(conversion: Conversion, root: Section) -> str | None:
    """A ``**Start date**: YYYY-MM-DD`` line of the plan, outside its phases; also
    plain, among other labels and written in words (``Project start: 1 January 2025
    \u00b7 Duration: 36 months``); else a start date in its front matter."""
    for number in _outside(conversion, root, quoted=False):
        found = _start_in_line(conversion.lines[number])
        if found is not None:
            return found
    # else the front matter's (``start: "2026-01-01"``), which MyST keeps as written
    for name, value in front_matter(root)[1].items():
        if name in _PLAN_START_LABELS and (found := checks.date(value.strip())) is not None:
            return found
    return None


def _outside(conversion: Conversion, root: Section, *, quoted: bool = True) -> Iterator[int]:
    """The lines of the plan's paragraphs outside its phases, in order; with
    ``quoted``, of its block quotes and callouts too (``> Weeks are ISO weeks``)."""
    waiting = [root]
    while waiting:
        section = waiting.pop(0)
        if section.heading is not None and section.start in conversion.phase_titles:
            continue  # a phase's own start, and its subsections', are the phase's
        waiting[:0] = section.subsections
        for block in section.blocks:
            if block.type == "paragraph" or (quoted and block.type == "blockquote"):
                yield from range(*span(block))


def _label_rows(conversion: Conversion, root: Section) -> list[str]:
    """The rows of the plan's two-column tables outside its phases, as ``label:
    value`` lines: a runbook's header table (``| **Maintenance window** | Sat 14 Jun
    2025, 01:00-03:00 UTC |``) says what a label line would."""
    found: list[str] = []
    waiting = [root]
    while waiting:
        section = waiting.pop(0)
        if section.heading is not None and section.start in conversion.phase_titles:
            continue
        waiting[:0] = section.subsections
        for block in section.blocks:
            if block.type != "table":
                continue
            found.extend(
                f"{row.cells[0].plain}: {row.cells[1].plain}"
                for row in table(block).rows
                if len(row.cells) == 2 and row.cells[0].plain and row.cells[1].plain
            )
    return found


_START_LABEL = re.compile(r"\W*(?P<label>[^\W\d][^:*_]{0,29}?)[*_]*\s*:[*_]*\s*(?P<value>.+)")


def _start_in_line(raw_line: str) -> str | None:
    for segment in label_segments(raw_line):
        match = _START_LABEL.fullmatch(segment.strip())
        if match is None or normal_header(match.group("label")) not in _PLAN_START_LABELS:
            continue
        value = Text.parse(match.group("value").strip(" *_")).plain
        found = checks.date(value) or (span_of(value, None) or Span()).start
        if found is not None:
            return found
    return None


#: a year, not part of a version (``2025.1``); a sentence may end with it (``of 2025.``);
#: also a dotted date's (``19.8.2025``)
_YEAR = re.compile(r"(?:\b\d{1,2}\.\d{1,2}\.|(?<![\d.]))((?:19|20)\d\d)(?!\d|\.\d)")


def _plan_year(conversion: Conversion, root: Section) -> int | None:
    """The year of the plan's start date, else of the first date written before its
    first section (the date line under its title, a subtitle, the front matter)."""
    if conversion.plan_start is not None:
        return int(conversion.plan_start[:4])
    first = next((sub for sub in root.walk() if sub.level >= 2), None)
    end = first.start if first is not None else len(conversion.lines)
    top = [line for line in conversion.lines[:end] if line.strip()]
    if first is not None and all(line.startswith("#") for line in top):
        # a subtitle right under the title: ``## Engagement plan (issued 24 Feb 2025)``
        end += 1
    for line in conversion.lines[:end]:
        found = _YEAR.search(line)
        if found is not None:
            return int(found.group(1))
    # else the one year its dates are written in (``11 Jan -> 19 Feb 2027`` and then
    # ``Tue 2 Mar -> Tue 16 Mar``): a plan over two years dates the rest by neither
    years = {int(year) for line in conversion.lines for year in _YEAR.findall(line)}
    return years.pop() if len(years) == 1 else None
