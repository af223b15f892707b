"""Phase ends the build would place before the phase starts, taken back.

A phase given only an end (``ETA: end of February 2027``) starts, in the build,
where the plan's first phase starts or after the phases it depends on end; when
that is after its end, the build warns. Such an end is left out, with a note: the
line that stated it stays in the phase's body as written. The schedule is computed
as the build computes it (:mod:`sphinx_implplan.plan.schedule`).
"""

from __future__ import annotations

import datetime

from sphinx_implplan.authoring.conversion.context import Conversion, Phase
from sphinx_implplan.plan.schedule import PhaseInput, compute_schedule
from sphinx_implplan.plan.values import InvalidValue, parse_duration


def drop_ends_before_starts(conversion: Conversion) -> None:
    """Leave out each ``:end:`` the build would place before its phase's start."""
    # each end left out may move the phases after it: until none is left to take
    for _ in range(len(conversion.phases)):
        late = _ending_before_start(conversion)
        if not late:
            return
        for phase, start in late:
            end = dict(phase.directive.options)["end"]
            phase.directive.options = [
                (name, value) for name, value in phase.directive.options if name != "end"
            ]
            conversion.note(
                _line_of(conversion, phase),
                f"end kept as text: {phase.directive.argument!r} would end {end}, "
                f"before it starts {start}",
            )


def _ending_before_start(conversion: Conversion) -> list[tuple[Phase, str]]:
    by_id = {dict(phase.directive.options).get("id", ""): phase for phase in conversion.phases}
    schedule = compute_schedule([_input(phase) for phase in conversion.phases])
    late: list[tuple[Phase, str]] = []
    for phase_id, placed in schedule.phases.items():
        phase = by_id.get(phase_id)
        if phase is None or placed.start is None:
            continue
        end = _date(dict(phase.directive.options).get("end"))
        if end is not None and end < placed.start:
            late.append((phase, placed.start.isoformat()))
    return late


def _input(phase: Phase) -> PhaseInput:
    options = dict(phase.directive.options)
    depends = tuple(part.strip() for part in options.get("depends", "").split(",") if part.strip())
    return PhaseInput(
        id=options.get("id", ""),
        plan=None,
        start=_date(options.get("start")),
        end=_date(options.get("end")),
        duration=_days(options.get("duration")),
        depends=depends,
    )


def _date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _days(text: str | None) -> int | None:
    try:
        return parse_duration(text) if text else None
    except InvalidValue:
        return None


def _line_of(conversion: Conversion, phase: Phase) -> int:
    """The line of the phase's heading: where the lines it was made of start."""
    return next(
        (
            replacement.start
            for replacement in conversion.replacements
            if any(directive is phase.directive for directive in replacement.directives)
        ),
        0,
    )
