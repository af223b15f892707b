"""The day a build takes as today, and what it makes of a phase then: late, or not
started. No Sphinx imports.

Today is ``implplan_today`` where the project sets it; else the day (UTC) of
``SOURCE_DATE_EPOCH`` where that is set, so that a reproducible build stays
reproducible; else the day the build runs. A phase is late when its last day is
before today and it is not done; it is not started when its first day is before
today and nothing of it is done (no deliverable ticked, status not ``in-progress``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from sphinx_implplan.plan.values import InvalidValue, parse_date, shown

if TYPE_CHECKING:
    from sphinx_implplan.plan.model import Item

#: the statuses that say work on a phase has begun, whatever its deliverables say
STARTED_STATUSES = ("in-progress", "done")


class Timing(Enum):
    """Where a phase stands against today, where that is worth saying."""

    LATE = "late"
    NOT_STARTED = "not started"


@dataclass(frozen=True)
class Today:
    day: datetime.date
    #: each value passed over, ``"implplan_today"`` or ``"SOURCE_DATE_EPOCH"``, and why
    problems: tuple[tuple[str, str], ...] = ()


def configured_day(value: object) -> datetime.date | None:
    """The day ``implplan_today`` names: an ISO date (``"2027-03-08"``) or a
    ``datetime.date``; ``None`` where it names none (``None``)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise InvalidValue(f"{value!r} is not a date; write it as 'YYYY-MM-DD'")


def epoch_day(text: str) -> datetime.date:
    """The day (UTC) of a ``SOURCE_DATE_EPOCH``: whole seconds since 1970-01-01."""
    stripped = text.strip()
    # no more digits than any date up to 9999 needs: nothing huge is ever converted
    if not stripped.isascii() or not stripped.isdigit() or len(stripped) > 12:
        raise InvalidValue(f"{shown(stripped)} is not a number of seconds since 1970")
    try:
        return datetime.datetime.fromtimestamp(int(stripped), tz=datetime.UTC).date()
    except (OverflowError, OSError, ValueError):
        raise InvalidValue(f"{stripped!r} seconds since 1970 is past the calendar") from None


def effective_today(
    configured: object, source_date_epoch: str | None, clock_day: datetime.date
) -> Today:
    """Today for a build: the configured day, else ``SOURCE_DATE_EPOCH``'s, else
    ``clock_day``; a value that names no day is reported and passed over."""
    problems: list[tuple[str, str]] = []
    try:
        day = configured_day(configured)
    except InvalidValue as problem:
        problems.append(("implplan_today", str(problem)))
        day = None
    if day is None and source_date_epoch:
        try:
            day = epoch_day(source_date_epoch)
        except InvalidValue as problem:
            problems.append(("SOURCE_DATE_EPOCH", str(problem)))
    return Today(day if day is not None else clock_day, tuple(problems))


def day_of(value: object) -> datetime.date | None:
    """A stored date field (``"2027-01-04"``) as a date; ``None`` for anything else."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def phase_timing(
    *,
    first: datetime.date | None,
    last: datetime.date | None,
    status: str | None,
    deliverables_done: int,
    today: datetime.date,
) -> Timing | None:
    """Late (its last day before today, not done) or not started (its first day
    before today, nothing done); ``None`` for a phase on time or without dates."""
    if status == "done":
        return None
    if last is not None and last < today:
        return Timing.LATE
    nothing_done = deliverables_done == 0 and status not in STARTED_STATUSES
    if first is not None and first < today and nothing_done:
        return Timing.NOT_STARTED
    return None


def timing_of(phase: Item, today: datetime.date) -> Timing | None:
    """:func:`phase_timing` of a phase as the build holds it."""
    return phase_timing(
        first=day_of(phase.get("start")),
        last=day_of(phase.get("end")),
        status=phase.status,
        deliverables_done=phase.whole_number("deliverables_done") or 0,
        today=today,
    )
