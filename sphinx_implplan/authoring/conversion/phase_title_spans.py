"""The schedule a phase's title states, given once its own lines, the timeline and
the schedules have given theirs: each option it gives that none of them did.

The title's span is the one its heading's reading found (``Phase 2 (Weeks 2-3)``),
else a part of that or of the whole title in brackets or after a separator
(``Closed beta (week 6)``, ``Foundations \u00b7 April 2026``, :mod:`.phase_spans`).
A day alone in words (``(Feb 6)``) gives nothing: it may be when the phase starts
as well as when it is due.
"""

from __future__ import annotations

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, Phase
from sphinx_implplan.authoring.conversion.markdown import Text
from sphinx_implplan.authoring.conversion.phase_spans import Span, span_in_title, span_of


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
    return None


def _one_day_in_words(text: str, found: Span) -> bool:
    """``(Feb 6)``: a day alone in a title may be when the phase starts as well as
    when it is due (``ETA ... (Feb 6)``), unless written as the start option is."""
    return found == Span(start=found.start) and not checks.date(text.strip())
