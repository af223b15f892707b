"""What a plan's Gantt chart shows, whatever draws it (SVG in HTML, TikZ in LaTeX):
one row per phase in timeline order, its bar and how much of it is done, the
dependencies between bars, the date axis, today, the late phases and the critical
path; and the same said in words, the chart's text alternative. No Sphinx imports.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sphinx_implplan.plan.critical_path import Span, critical_path
from sphinx_implplan.plan.date_axis import Axis, date_axis
from sphinx_implplan.plan.model import Item
from sphinx_implplan.plan.today import Timing, day_of, timing_of
from sphinx_implplan.plan.values import days_text


@dataclass(frozen=True)
class GanttRow:
    id: str
    title: str
    #: ordinals of its first and last day; ``None`` where the schedule has none
    first: int | None
    last: int | None
    #: the share of the bar drawn as done, from 0 to 1: the deliverables done, all of
    #: it for a phase ``done``
    done: float
    #: "2/3 done (67 %)", or "" for a phase that lists no deliverables
    progress: str
    status: str
    timing: Timing | None
    critical: bool

    @property
    def has_bar(self) -> bool:
        return self.first is not None and self.last is not None and self.last >= self.first


@dataclass(frozen=True)
class GanttLink:
    """A dependency between two bars: ``target`` depends on ``source``."""

    source: str
    target: str
    critical: bool


@dataclass(frozen=True)
class GanttChart:
    rows: tuple[GanttRow, ...]
    links: tuple[GanttLink, ...]
    #: ``None`` where no phase has both dates
    axis: Axis | None
    today: datetime.date

    @property
    def today_shown(self) -> bool:
        """Whether today falls on the axis (and a line marks it)."""
        ordinal = self.today.toordinal()
        return self.axis is not None and self.axis.first <= ordinal < self.axis.after


def _done_share(phase: Item) -> tuple[float, str]:
    done = phase.whole_number("deliverables_done") or 0
    total = phase.whole_number("deliverables_total") or 0
    progress = f"{done}/{total} done ({round(100 * done / total)} %)" if total else ""
    if phase.status == "done":
        return 1.0, progress
    return (min(done / total, 1.0) if total else 0.0), progress


def _ordinal(value: object) -> int | None:
    day = day_of(value)
    return day.toordinal() if day is not None else None


def gantt_chart(phases: Sequence[Item], today: datetime.date) -> GanttChart:
    """The chart of ``phases``, in the order given (the timeline's)."""
    spans = {
        phase.id: Span(first, last, phase.links_of("depends"))
        for phase in phases
        if (first := _ordinal(phase.get("start"))) is not None
        and (last := _ordinal(phase.get("end"))) is not None
        and last >= first
    }
    path = critical_path(spans)
    rows = []
    for phase in phases:
        done, progress = _done_share(phase)
        span = spans.get(phase.id)
        rows.append(
            GanttRow(
                id=phase.id,
                title=phase.title,
                first=span.first if span else _ordinal(phase.get("start")),
                last=span.last if span else None,
                done=done,
                progress=progress,
                status=phase.status or "",
                timing=timing_of(phase, today),
                critical=phase.id in path.phases,
            )
        )
    links = tuple(
        GanttLink(source, phase.id, (source, phase.id) in path.links)
        for phase in phases
        if phase.id in spans
        for source in dict.fromkeys(phase.links_of("depends"))
        if source in spans
    )
    axis = None
    if spans:
        first = min(span.first for span in spans.values())
        last = max(span.last for span in spans.values())
        axis = date_axis(datetime.date.fromordinal(first), datetime.date.fromordinal(last))
    return GanttChart(tuple(rows), links, axis, today)


def _iso(ordinal: int) -> str:
    return datetime.date.fromordinal(ordinal).isoformat()


def row_description(row: GanttRow) -> str:
    """One phase in words, as the tooltip of its bar says it."""
    if row.has_bar and row.first is not None and row.last is not None:
        days = days_text(row.last - row.first + 1)
        when = f"{_iso(row.first)} to {_iso(row.last)} ({days})"
    elif row.first is not None:
        when = f"starts {_iso(row.first)}, no end"
    else:
        when = "not scheduled"
    parts = [f"{row.id} {row.title}: {when}"]
    parts += [part for part in (row.progress, row.status) if part]
    if row.timing is not None:
        parts.append(row.timing.value)
    if row.critical:
        parts.append("on the critical path")
    return "; ".join(parts)


def _ids(rows: Sequence[GanttRow]) -> str:
    return ", ".join(row.id for row in rows)


def chart_description(chart: GanttChart) -> str:
    """The whole chart in words: its span, today, the late phases, those not started,
    the critical path and the phases it cannot place."""
    count = len(chart.rows)
    sentences = [f"{count} phase{'' if count == 1 else 's'}"]
    if chart.axis is not None:
        sentences[0] += f" from {_iso(chart.axis.first)} to {_iso(chart.axis.after - 1)}"
    sentences[0] += f"; today is {chart.today.isoformat()}."
    for timing, name in ((Timing.LATE, "Late"), (Timing.NOT_STARTED, "Not started")):
        found = [row for row in chart.rows if row.timing is timing]
        if found:
            sentences.append(f"{name}: {_ids(found)}.")
    critical = [row for row in chart.rows if row.critical]
    if critical:
        sentences.append(f"Critical path: {_ids(critical)}.")
    unplaced = [row for row in chart.rows if not row.has_bar]
    if unplaced:
        sentences.append(f"Without dates to draw: {_ids(unplaced)}.")
    return " ".join(sentences)
