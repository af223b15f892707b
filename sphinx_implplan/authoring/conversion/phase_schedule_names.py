"""Phases a schedule names: headings with no phase word or number whose text is a row
of the plan's schedule table.

A release plan writes ``| Code freeze | 2027-04-05 | 2027-04-09 |`` in its timeline
and then ``### Code freeze`` with that step's work; the table is what says the
heading is a phase. A schedule table is one whose first column is headed by a phase
word (``Phase``, ``Stage``, ``Milestone``, ...) and where a row's other cells state a
span or a date. At least two headings must each match a row, and none may stand in a
section of another kind (risks, tests, decisions, ...). The timeline then gives each
its dates, as it does to any phase it names (:func:`.phase_schedules.convert_timeline`).
"""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import Section, normal_header, table
from sphinx_implplan.authoring.conversion.option_checks import date as checked_date
from sphinx_implplan.authoring.conversion.phase_members import WORK_KINDS
from sphinx_implplan.authoring.conversion.section_kinds import (
    PHASE_WORDS,
    PhaseTitle,
    is_span,
    kind_of,
    without_emoji,
)
from sphinx_implplan.authoring.conversion.written_dates import names_a_date

#: the word of a phase the schedule names: its number is its row in the schedule
SCHEDULED = "series schedule"
#: the headers of a schedule's first column: a phase word, in the singular or plural
_NAME_COLUMN = re.compile(
    r"(?:" + "|".join(PHASE_WORDS) + r"|wave|workstream|release)s?",
    re.IGNORECASE,
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def schedule_key(text: str) -> str:
    """A name as compared: no emoji, case or punctuation at its ends."""
    return " ".join(without_emoji(text).casefold().strip(" \t.:;-\u2013\u2014*_`").split())


def scheduled_names(root: Section) -> set[str]:
    """The names (as compared) in the first column of any table of the plan whose
    rows say when (``| Tech and dress | Mon 15 Mar -> Thu 18 Mar |``): the steps of
    its work, whatever kind their words name."""
    return {schedule_key(name) for name in _schedule_names(root, any_header=True)}


def _schedule_names(root: Section, *, any_header: bool = False) -> list[str]:
    """The names in the first column of each schedule table of the plan, in order."""
    names: list[str] = []
    for node in root.nodes():
        for block in node.walk():
            if block.type != "table":
                continue
            found = table(block)
            named = any_header or _NAME_COLUMN.fullmatch(normal_header(found.headers[0]))
            if not found.headers or not named:
                continue
            for row in found.rows:
                if len(row.cells) < 2 or not row.cells[0].plain:
                    continue
                others = [cell.plain for cell in row.cells[1:]]
                # any table naming its rows' months counts: ``Mon 15 Mar -> Thu 18 Mar``
                dated = _dated if not any_header else names_a_date
                if any(is_span(text) or dated(text) for text in others):
                    names.append(row.cells[0].plain)
    return names


def _dated(text: str) -> bool:
    return any(checked_date(found) for found in _DATE.findall(text))


def _open_sections(section: Section, conversion: Conversion, skip: Section | None) -> list[Section]:
    """The sections that are not phases, not in a phase and not in a section of
    another kind."""
    found: list[Section] = []
    for subsection in section.subsections:
        if subsection.start in conversion.phase_titles:
            continue
        if subsection is not skip and kind_of(subsection.title.plain) not in WORK_KINDS:
            continue
        if subsection is not skip:
            found.append(subsection)
        found += _open_sections(subsection, conversion, skip)
    return found


def find_scheduled_phases(
    conversion: Conversion, root: Section, title_section: Section | None
) -> None:
    """Add to ``conversion.phase_titles`` the headings the schedule names."""
    names = _schedule_names(root)
    rows = {schedule_key(name): place for place, name in enumerate(names, 1) if schedule_key(name)}
    matched: dict[int, tuple[Section, int]] = {}
    for section in _open_sections(root, conversion, title_section):
        heading = without_emoji(section.title.plain)
        place = rows.get(schedule_key(heading))
        if place is not None and place not in matched:
            matched[place] = (section, place)
    if len(matched) < 2:
        return
    # a matched heading inside another is part of that phase's body
    starts = {section.start: section for section, _ in matched.values()}
    for section, place in matched.values():
        if any(
            other is not section and other.start < section.start < other.end
            for other in starts.values()
        ):
            continue
        heading = without_emoji(section.title.plain)
        conversion.phase_titles[section.start] = PhaseTitle(
            str(place), heading, heading, None, False, False, SCHEDULED
        )
