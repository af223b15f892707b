"""A phase's schedule from the events its lines date, where nothing else gave it
one: ``- **Build:** WW10 \u00b7 60 units`` and ``- **Exit review:** WW16`` (a hardware
build's gates), ``Kick-off: 3 March`` and ``Demo: 14 March 2027``.

An event is a labelled line (a paragraph's or a list item's, not a task's) whose
value opens with a date, up to the first separator (`` \u00b7 ``, `` | ``, ``, ``,
``; ``). With two events or more, the phase runs from the first day of the first to
the last day of the last; one event alone is a day, which may be when the phase
starts as well as when it is due, and gives nothing.
"""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.dated_ranges import dated
from sphinx_implplan.authoring.conversion.markdown import Text

_SCHEDULE = frozenset({"start", "end", "duration"})
#: a list item's marker; a task's box after it makes the line the task's
_MARKER = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])\s+")
_TASK = re.compile(r"\[[ xX]\]\s")
_EVENT = re.compile(r"(?P<label>[^\W\d_][^:]{0,39}?)\s*:\s*(?P<value>\S.*)")
#: where an event's date ends
_SEPARATOR = re.compile(r"\s+[\u00b7|\u2014]\s+|[,;]\s+")


def date_phases_by_events(conversion: Conversion) -> None:
    """Each phase with no schedule of its own, dated by the events its body dates."""
    for phase in conversion.phases:
        if any(name in _SCHEDULE for name, _ in phase.directive.options):
            continue
        days = [
            found
            for line in phase.directive.body.splitlines()
            if (found := _event_days(line, conversion.plan_year)) is not None
        ]
        if len(days) >= 2:
            phase.directive.option("start", min(first for first, _ in days))
            phase.directive.option("end", max(last for _, last in days))


def _event_days(line: str, year: int | None) -> tuple[str, str] | None:
    """The first and last day of the event a line dates, as ``YYYY-MM-DD``."""
    marker = _MARKER.match(line)
    text = line[marker.end() :] if marker is not None else line
    if _TASK.match(text):
        return None
    match = _EVENT.fullmatch(Text.parse(text).plain.strip())
    if match is None:
        return None
    first_part = _SEPARATOR.split(match.group("value"), maxsplit=1)[0]
    found = dated(first_part, year)
    if found is None or found.first is None or found.last is None:
        return None
    return found.first.isoformat(), found.last.isoformat()
