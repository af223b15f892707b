"""Where each part of a Gantt chart goes: one geometry for the SVG of HTML and the
TikZ picture of LaTeX, in units of one CSS pixel at the chart's natural width.

From the top: two lines of axis labels (the year where it changes, then each tick's
day, month or year), one row per phase with its label (id and title, the title
shortened to the label column) and its bar, the today line's label, then a legend. Right of the time area
stays room for the word after a late bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sphinx_implplan.plan.gantt import GanttChart, GanttRow

#: the chart's width at its natural size
WIDTH = 760
#: a row's height, and a bar's within it
ROW = 24
BAR = 12
#: the axis labels above the rows: the year line, the tick line
YEAR_LINE = 12
TICK_LINE = 27
AXIS = 34
#: below the rows: the today line's label, then the legend
TODAY_LABEL = 14
LEGEND = 24
#: the label column: as wide as its longest label, within these bounds
LABEL_MIN = 120
LABEL_MAX = 230
#: between the label column and the time area
GAP = 8
#: right of the time area: "not started" after a bar that ends on the last day
RIGHT = 76
#: a label character's width (12 units type), the widest of the usual fonts' averages
CHARACTER = 7.0
#: the narrowest bar, so that a day on an axis of decades still shows
MIN_BAR = 2.0
#: how far a dependency's line runs right of its bar before it turns
ELBOW = 5.0
#: how far right of a bar's start a dependency may drop into it from above or below
DROP_INSET = 3.0


@dataclass(frozen=True)
class RowBox:
    row: GanttRow
    #: the title as the label column shows it (the id comes before it)
    title: str
    #: the row's top and its middle
    top: float
    middle: float
    #: the bar's left and right edges, or ``None`` for a phase without both dates
    bar: tuple[float, float] | None
    #: where the done part of the bar ends
    done_to: float | None
    #: where the words after the bar (or in place of it) start
    note_x: float
    #: those words: "late", "not started", "not scheduled", "no end", or ""
    note: str


@dataclass(frozen=True)
class Arrow:
    #: the line's corners, from the dependency's end to the dependant
    points: tuple[tuple[float, float], ...]
    critical: bool


@dataclass(frozen=True)
class TickMark:
    x: float
    label: str
    year: str


@dataclass(frozen=True)
class LegendEntry:
    #: what its sample shows: "done", "todo", "critical" or "today"
    kind: str
    #: where its sample starts, and its text
    x: float
    text: str


#: a legend sample's width, and the room between its text and the next sample
SAMPLE = 16
LEGEND_SPACING = 18
#: a legend character's width (11 units type)
LEGEND_CHARACTER = 6.4


def legend(today: str) -> tuple[LegendEntry, ...]:
    entries = []
    x = 0.0
    for kind, text in (
        ("done", "done"),
        ("todo", "to do"),
        ("critical", "critical path"),
        ("today", f"today ({today})"),
    ):
        entries.append(LegendEntry(kind, x, text))
        x += SAMPLE + 4 + len(text) * LEGEND_CHARACTER + LEGEND_SPACING
    return tuple(entries)


@dataclass(frozen=True)
class GanttLayout:
    width: float
    height: float
    #: the time area's left and right edges
    time_left: float
    time_right: float
    #: the rows' top and bottom
    rows_top: float
    rows_bottom: float
    rows: tuple[RowBox, ...]
    arrows: tuple[Arrow, ...]
    ticks: tuple[TickMark, ...]
    #: where the today line stands, or ``None`` where today is off the axis
    today_x: float | None
    legend_y: float
    legend: tuple[LegendEntry, ...]


def shortened(text: str, characters: int) -> str:
    """``text`` cut to ``characters``, ending in "..." where it was cut."""
    text = " ".join(text.split())
    if len(text) <= characters:
        return text
    return text[: max(characters - 3, 0)].rstrip() + "..."


def _label_width(rows: Sequence[GanttRow]) -> float:
    longest = max((len(row.id) + 1 + len(row.title) for row in rows), default=0)
    return min(LABEL_MAX, max(LABEL_MIN, longest * CHARACTER + 4))


def _note(row: GanttRow) -> str:
    placed = "" if row.has_bar else ("no end" if row.first is not None else "not scheduled")
    timing = row.timing.value if row.timing is not None else ""
    return ", ".join(part for part in (placed, timing) if part)


def lay_out(chart: GanttChart, rows: Sequence[GanttRow] | None = None) -> GanttLayout:
    """The geometry of ``chart``, or of some of its rows (a part of a long chart,
    on the same axis)."""
    shown = tuple(chart.rows if rows is None else rows)
    label_width = _label_width(chart.rows)
    time_left = label_width + GAP
    time_right = WIDTH - RIGHT
    axis = chart.axis

    def x_of(ordinal: float) -> float:
        if axis is None:
            return time_left
        return time_left + (ordinal - axis.first) / axis.days * (time_right - time_left)

    boxes: list[RowBox] = []
    for index, row in enumerate(shown):
        top = AXIS + index * ROW
        bar = done_to = None
        note_x = time_left
        if row.has_bar and row.first is not None and row.last is not None:
            left = x_of(row.first)
            right = max(x_of(row.last + 1), left + MIN_BAR)
            bar, done_to = (left, right), left + (right - left) * row.done
            # right of where a dependency's line turns down from the bar's end
            note_x = right + ELBOW + 6
        elif row.first is not None and axis is not None:
            note_x = x_of(row.first) + 4
        id_room = len(row.id) + 1
        title = shortened(row.title, max(int((label_width - 4) / CHARACTER) - id_room, 0))
        boxes.append(RowBox(row, title, top, top + ROW / 2, bar, done_to, note_x, _note(row)))

    rows_bottom = AXIS + len(shown) * ROW
    ticks: tuple[TickMark, ...] = ()
    if axis is not None:
        ticks = tuple(TickMark(x_of(tick.day), tick.label, tick.year) for tick in axis.ticks)
    today_x = x_of(chart.today.toordinal() + 0.5) if chart.today_shown else None
    return GanttLayout(
        width=WIDTH,
        height=rows_bottom + TODAY_LABEL + LEGEND,
        time_left=time_left,
        time_right=time_right,
        rows_top=AXIS,
        rows_bottom=rows_bottom,
        rows=tuple(boxes),
        arrows=_arrows(chart, boxes),
        ticks=ticks,
        today_x=today_x,
        legend_y=rows_bottom + TODAY_LABEL + LEGEND / 2,
        legend=legend(chart.today.isoformat()),
    )


def _arrows(chart: GanttChart, boxes: Sequence[RowBox]) -> tuple[Arrow, ...]:
    """A line from the end of each dependency's bar into its dependant's: into its
    left end where there is room before it, else from above (or below) into it."""
    by_id = {box.row.id: box for box in boxes if box.bar is not None}
    arrows = []
    for link in chart.links:
        source, target = by_id.get(link.source), by_id.get(link.target)
        if source is None or target is None or source.bar is None or target.bar is None:
            continue
        start = (source.bar[1], source.middle)
        elbow = source.bar[1] + ELBOW
        points: tuple[tuple[float, float], ...]
        if target.bar[0] >= elbow + ELBOW:
            points = (
                start,
                (elbow, source.middle),
                (elbow, target.middle),
                (target.bar[0], target.middle),
            )
        else:
            left, right = target.bar
            drop = min(max(elbow, left + DROP_INSET), max(right - DROP_INSET, left + DROP_INSET))
            if right - left < 2 * DROP_INSET:
                drop = (left + right) / 2
            edge = (
                target.middle - BAR / 2
                if target.middle > source.middle
                else target.middle + BAR / 2
            )
            points = (start, (drop, source.middle), (drop, edge))
        arrows.append(Arrow(points, link.critical))
    return tuple(arrows)
