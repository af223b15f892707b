"""Lines of a phase's body that say when it runs: ``When: 3 March to 14 March``,
``**ETA**: end of February 2027``, ``- Target: March 2027``, ``Est. 5d``, bold or
plain, at the start of a paragraph's line or of a list item, in English and in the
languages plans are written in.

What the label says decides what the value gives: a range (``When``, ``Period``)
its first and last day, or a duration; a deadline (``Target``, ``Due``, ``ETA``) the
last day of what it names, unless it names a range; ``Start`` and ``End`` one day
each. The line itself stays in the phase's body as written: its label says more
than the options (an ETA is no promise), and a plain label is no field name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from sphinx_implplan.authoring.conversion.markdown import Text
from sphinx_implplan.authoring.conversion.phase_spans import span_of
from sphinx_implplan.authoring.conversion.written_dates import fold


class Says(Enum):
    """What a schedule label's value says about the phase."""

    #: when it runs: a range, a month, a duration
    PERIOD = "period"
    #: when it is due: a day, or the last day of a month, quarter or week
    DUE = "due"
    START = "start"
    END = "end"


def _named(names: str, says: Says) -> dict[str, Says]:
    return dict.fromkeys((name.strip() for name in names.split(",")), says)


#: the labels, accents folded (:func:`.written_dates.fold`), and what each says: in
#: English, German, Portuguese, Spanish, French, Italian, Dutch, Czech, Turkish,
#: Japanese and Korean
_LABELS: dict[str, Says] = {
    **_named(
        "when, timeline, timeframe, time frame, timebox, time box, dates, period, window,"
        "schedule, zeitraum,"
        "periodo, fecha, fechas, tarih, \u671f\u9593, \uae30\uac04",
        Says.PERIOD,
    ),
    **_named(
        "duration, estimate, est, estimated effort, estimated duration, effort, length,"
        "dauer, duracion, duree, sure, duur, duracao, durata",
        Says.PERIOD,
    ),
    **_named(
        "eta, target, target date, target end, due, due date, deadline, echeance, prazo,"
        "termin, frist, \u671f\u9650, \ub9c8\uac10",
        Says.DUE,
    ),
    **_named("start, starts, start date, begin, beginn, inicio, debut, baslangic", Says.START),
    **_named("end, ends, end date, finish, ende, fim, fin, bitis", Says.END),
}
#: ``Label: value``, ``**Label**: value``, ``**Label:** value``, ``_Label: value_``,
#: after any emoji; the empty marker lets a plain label match the same way
_LINE = re.compile(
    r"[^\w*_\[]*(?P<open>\*\*|__|\*|_|)(?P<label>[^\W\d_][^:\uff1a*_]{0,30}?)\s*"
    r"(?:(?P=open)\s*[:\uff1a]|[:\uff1a]\s*(?P=open)|[:\uff1a](?=\s))\s*(?P<value>\S.*)"
)
#: ``Est. 5d``: an estimate's short label ends with its full stop
_ESTIMATE = re.compile(
    r"[^\w*_\[]*(?P<open>\*\*|__|\*|_|)(?P<label>est)\.(?P=open)\s+(?P<value>\S.*)", re.IGNORECASE
)
#: a remark in a label: ``Due date (tentative)``
_REMARK = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class ScheduleLine:
    """A line of a phase's body whose label says when the phase runs."""

    label: str
    says: Says
    value: Text
    line: int

    def values(
        self, sprint_days: int | None, year: int | None, plan_start: str | None
    ) -> list[tuple[str, str]]:
        """The phase options the value gives, by what the label says; none where the
        value is no span or date of that kind."""
        deadline = self.says in {Says.DUE, Says.END}
        found = span_of(self.value.plain, sprint_days, year, deadline=deadline)
        given = found.values(plan_start) if found is not None else []
        if self.says is Says.START:
            return [(name, value) for name, value in given if name == "start"][:1]
        if self.says is Says.END:
            return [(name, value) for name, value in given if name == "end"][:1]
        return given


def schedule_line(raw_line: str, line: int) -> ScheduleLine | None:
    """The schedule label and value of one source line; ``None`` for a line of any
    other shape or label."""
    match = _LINE.match(raw_line) or _ESTIMATE.match(raw_line)
    if match is None:
        return None
    label = " ".join(fold(_REMARK.sub(" ", match.group("label"))).rstrip(".").split())
    says = _LABELS.get(label)
    if says is None:
        return None
    value = match.group("value").rstrip()
    marker = match.group("open")
    if marker and value.endswith(marker) and not value.endswith(marker * 2):
        value = value[: -len(marker)]  # the whole line emphasised: ``_Timebox: 3 weeks_``
    return ScheduleLine(match.group("label").strip(), says, Text.parse(value), line)
