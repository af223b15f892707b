"""The schedule a phase's title states, given once its own lines, the timeline and
the schedules have given theirs: each option it gives that none of them did.

The title's span is the one its heading's reading found (``Phase 2 (Weeks 2-3)``),
else a part of that or of the whole title in brackets or after a separator
(``Closed beta (week 6)``, ``Foundations \u00b7 April 2026``, :mod:`.phase_spans`).
A day alone in words (``(Feb 6)``) gives nothing: it may be when the phase starts
as well as when it is due. A closing remark that names no date may still give whole
years (``(2027-2028)``) or a duration counted from an event (``(6 weeks from getting
the keys)``).
"""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, Phase
from sphinx_implplan.authoring.conversion.durations import duration_of
from sphinx_implplan.authoring.conversion.markdown import Text
from sphinx_implplan.authoring.conversion.phase_spans import (
    Span,
    closing_remarks,
    duration_after_event,
    span_in_title,
    span_of,
)


def give_title_spans(conversion: Conversion) -> None:
    """Each phase's options from its title's span, where none is set yet."""
    for phase in conversion.phases:
        found = _title_span(conversion, phase)
        present = {name for name, _ in phase.directive.options}
        for name, value in found.values(conversion.anchors()) if found else []:
            if name not in present:
                phase.directive.option(name, value)


def _title_span(conversion: Conversion, phase: Phase) -> Span | None:
    """The span a phase's title states: the one its heading's reading found, else a
    part of that or of the whole title in brackets or after a separator (``Closed
    beta (week 6)``, ``Foundations \u00b7 April 2026``)."""
    sprint_days, year = conversion.sprint_days, conversion.plan_year
    # the title as a reader sees it: ``(week 6\\)`` is ``(week 6)``
    shown = Text.parse(phase.directive.argument).plain
    # ``{#phase-2}``: the anchor Docusaurus, Pandoc and kramdown give a heading
    shown = _ATTRIBUTES.sub("", shown)
    for text in (phase.span, shown):
        if not text:
            continue
        found = span_of(text, sprint_days, year) if text is phase.span else None
        if found is not None and _one_day_in_words(text, found):
            found = None
        part = span_in_title(text, sprint_days, year) if found is None else None
        found = found or (span_of(part, sprint_days, year) if part else None)
        if found is not None:
            return found
    return _remark_span(shown, sprint_days)


#: the attributes a heading ends with: ``{#phase-2}``, ``{#setup .unnumbered}``
_ATTRIBUTES = re.compile(r"\s*\{[#.][^{}]*\}\s*$")
#: ``2027``, ``2027-2028``, ``2029 to 2031``: whole years
_YEARS = re.compile(
    r"((?:19|20)\d\d)(?:\s*(?:[-\u2013\u2014]|to|until|through)\s*((?:19|20)\d\d))?"
)
#: ``allow 16 weeks``: a duration the plan sets aside, and what for
_ALLOW = re.compile(r"(?:allow|allowing|budget|reserve)\s+", re.IGNORECASE)
_FOR = re.compile(r"\s+for\s.*$", re.IGNORECASE)


def _remark_span(title: str, sprint_days: int | None) -> Span | None:
    """What a title's closing remark states that no reading of a date does: whole
    years (``(2027-2028)``, ``\u2014 2029 to 2031``), and a duration counted from an
    event no date names (``(6 weeks from getting the keys)``, ``(about 4 weeks after
    handover)``)."""
    remarks = closing_remarks(title)
    if not remarks:
        return None
    remark = " ".join(remarks[0].split())
    years = _YEARS.fullmatch(remark)
    if years is not None:
        first, last = years.group(1), years.group(2) or years.group(1)
        return Span(start=f"{first}-01-01", end=f"{last}-12-31") if first <= last else None
    allowed = _ALLOW.match(remark)
    if allowed is None:
        return duration_after_event(remark, sprint_days)
    # ``allow 16 weeks for determination``: the time set aside, whatever it is for
    duration = duration_of(_FOR.sub("", remark[allowed.end() :]), sprint_days)
    return Span(duration) if duration is not None else None


def _one_day_in_words(text: str, found: Span) -> bool:
    """``(Feb 6)``: a day alone in a title may be when the phase starts as well as
    when it is due (``ETA ... (Feb 6)``), unless written as the start option is."""
    return found == Span(start=found.start) and not checks.date(text.strip())
