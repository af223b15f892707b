"""A plan's Gantt chart as inline SVG, for HTML.

The colours are presentation attributes that read on a white page, and classes
that ``implplan.css`` colours from the theme (light and dark); text is the page's
own colour (``currentColor``). The chart is a group named by its ``<title>`` and
described by its ``<desc>`` (the chart in words); each phase is a link to its card
whose ``<title>`` says its dates, progress and state; late and not started phases
say so in words after their bar. Ids inside the SVG are made from the view's own id,
so the page is the same in every build. Titles and ids are left to the writer to
escape (:mod:`.markup_pieces`).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from sphinx_implplan.plan.gantt import GanttChart, chart_description, row_description
from sphinx_implplan.plan.today import Timing
from sphinx_implplan.write.views.gantt_layout import (
    BAR,
    SAMPLE,
    TICK_LINE,
    YEAR_LINE,
    GanttLayout,
    RowBox,
    lay_out,
)
from sphinx_implplan.write.views.markup_pieces import Piece, Plain

#: what the chart draws with where no stylesheet says otherwise (a light page)
FALLBACK = {
    "done": "#2da44e",
    "todo": "#d5eddc",
    "outline": "#6e7781",
    "critical": "#8250df",
    "late": "#cf222e",
    "today": "#0969da",
    "grid": "#d0d7de",
}
#: a bar's outline: thick on the critical path, so that it shows without colour
OUTLINE_WIDTHS = {"critical": 2.5, "late": 1.5, "outline": 1.0}
_TIMING_CLASSES = {
    Timing.LATE: "implplan-gantt-late",
    Timing.NOT_STARTED: "implplan-gantt-not-started",
}


def number(value: float) -> str:
    """A coordinate as the markup writes it: two decimals at most, the same on every
    machine."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _attributes(**values: str | float) -> str:
    parts = []
    for name, value in values.items():
        shown = number(value) if isinstance(value, float | int) else escape(value, quote=True)
        parts.append(f'{name.rstrip("_").replace("_", "-")}="{shown}"')
    return " ".join(parts)


def _rect(css: str, x: float, y: float, width: float, height: float, **more: str | float) -> str:
    return f'<rect class="{css}" {_attributes(x=x, y=y, width=width, height=height, **more)}/>'


def _line(css: str, x1: float, y1: float, x2: float, y2: float, **more: str | float) -> str:
    return f'<line class="{css}" {_attributes(x1=x1, y1=y1, x2=x2, y2=y2, **more)}/>'


def _text(css: str, x: float, y: float, text: str, **more: str | float) -> str:
    return f'<text class="{css}" {_attributes(x=x, y=y, **more)}>{escape(text)}</text>'


def _axis(layout: GanttLayout) -> list[str]:
    parts = ['<g class="implplan-gantt-axis">']
    for tick in layout.ticks:
        top, bottom = layout.rows_top - 4, layout.rows_bottom
        parts.append(
            _line("implplan-gantt-grid", tick.x, top, tick.x, bottom, stroke=FALLBACK["grid"])
        )
        parts.append(_text("implplan-gantt-tick", tick.x + 2, TICK_LINE, tick.label, font_size=10))
        if tick.year:
            parts.append(
                _text("implplan-gantt-year", tick.x + 2, YEAR_LINE, tick.year, font_size=10)
            )
    parts.append("</g>")
    return parts


def _arrows(layout: GanttLayout, marker: str) -> list[str]:
    parts = ['<g class="implplan-gantt-links" fill="none">']
    for arrow in layout.arrows:
        points = " ".join(f"{number(x)},{number(y)}" for x, y in arrow.points)
        css = "implplan-gantt-dependency"
        end = f"{marker}-arrow"
        stroke = FALLBACK["outline"]
        if arrow.critical:
            css += " implplan-gantt-critical"
            end = f"{marker}-critical"
            stroke = FALLBACK["critical"]
        parts.append(
            f'<polyline class="{css}" points="{points}" stroke="{stroke}" '
            f'marker-end="url(#{end})"/>'
        )
    parts.append("</g>")
    return parts


def _row(box: RowBox, uri: str | None, clip: str) -> list[Piece]:
    row = box.row
    classes = ["implplan-gantt-row"]
    if row.critical:
        classes.append("implplan-gantt-critical")
    if row.timing is not None:
        classes.append(_TIMING_CLASSES[row.timing])
    label = _attributes(x=4, y=box.middle + 4, clip_path=f"url(#{clip})")
    pieces: list[Piece] = [
        f'<g class="{" ".join(classes)}">\n',
        f'<a href="{escape(uri, quote=True)}">\n' if uri is not None else "<g>\n",
        "<title>",
        Plain(row_description(row)),
        "</title>\n",
        f'<text class="implplan-gantt-label" {label}>',
        '<tspan class="implplan-gantt-id" font-family="monospace">',
        Plain(row.id),
        "</tspan> ",
        Plain(box.title),
        "</text>\n",
    ]
    parts: list[str] = []
    if box.bar is not None and box.done_to is not None:
        left, right = box.bar
        top = box.middle - BAR / 2
        parts.append(
            _rect("implplan-gantt-todo", left, top, right - left, BAR, fill=FALLBACK["todo"])
        )
        if box.done_to > left:
            parts.append(
                _rect(
                    "implplan-gantt-done", left, top, box.done_to - left, BAR, fill=FALLBACK["done"]
                )
            )
        kind = "critical" if row.critical else "late" if row.timing is Timing.LATE else "outline"
        parts.append(
            _rect(
                "implplan-gantt-outline", left, top, right - left, BAR,
                fill="none", stroke=FALLBACK[kind], stroke_width=OUTLINE_WIDTHS[kind],
            )
        )  # fmt: skip
    parts.append("</a>" if uri is not None else "</g>")
    if box.note:
        parts.append(
            _text("implplan-gantt-note", box.note_x, box.middle + 4, box.note, font_size=11)
        )
    parts.append("</g>")
    return [*pieces, *_lines(parts)]


def _lines(parts: list[str]) -> list[Piece]:
    return [f"{part}\n" for part in parts]


def _today(layout: GanttLayout) -> list[str]:
    if layout.today_x is None:
        return []
    x = layout.today_x
    anchor = "end" if x > layout.width - 40 else "middle"
    top, bottom = layout.rows_top - 4, layout.rows_bottom + 2
    return [
        '<g class="implplan-gantt-today">',
        _line(
            "implplan-gantt-today-line", x, top, x, bottom, stroke=FALLBACK["today"], stroke_width=2
        ),
        _text(
            "implplan-gantt-today-label", x, layout.rows_bottom + 12, "today", text_anchor=anchor
        ),
        "</g>",
    ]


def _legend(layout: GanttLayout) -> list[str]:
    y = layout.legend_y
    parts = ['<g class="implplan-gantt-legend">']
    for entry in layout.legend:
        top = y - BAR / 2 + 2
        if entry.kind == "today":
            middle = entry.x + SAMPLE / 2
            parts.append(
                _line(
                    "implplan-gantt-today-sample", middle, top - 2, middle, top + BAR,
                    stroke=FALLBACK["today"], stroke_width=2,
                )
            )  # fmt: skip
        else:
            fill = FALLBACK["todo"] if entry.kind in ("todo", "critical") else FALLBACK["done"]
            stroke = FALLBACK["critical"] if entry.kind == "critical" else FALLBACK["outline"]
            parts.append(
                _rect(
                    f"implplan-gantt-sample implplan-gantt-sample-{entry.kind}",
                    entry.x + 1, top, SAMPLE - 2, BAR - 4, fill=fill, stroke=stroke,
                    stroke_width=OUTLINE_WIDTHS["critical" if entry.kind == "critical" else "outline"],
                )
            )  # fmt: skip
        parts.append(
            _text(
                "implplan-gantt-legend-text", entry.x + SAMPLE + 4, y + 4, entry.text, font_size=11
            )
        )
    parts.append("</g>")
    return parts


def _defs(marker: str, layout: GanttLayout) -> list[str]:
    """The arrowheads, and the label column that labels are cut to."""
    labels = _attributes(x=0, y=0, width=layout.time_left - 4, height=layout.height)
    return [
        "<defs>",
        *(
            f'<marker id="{marker}-{name}" class="implplan-gantt-arrowhead{css}" '
            'viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" '
            f'orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="{FALLBACK[colour]}"/></marker>'
            for name, css, colour in (
                ("arrow", "", "outline"),
                ("critical", " implplan-gantt-critical", "critical"),
            )
        ),
        f'<clipPath id="{marker}-labels"><rect {labels}/></clipPath>',
        "</defs>",
    ]


def gantt_svg(
    chart: GanttChart, *, title: str, chart_id: str, uris: Mapping[str, str | None]
) -> list[Piece]:
    """The chart as an ``<svg>`` element, in pieces. ``chart_id``: unique on the page,
    made only of letters, digits and hyphens; ``uris``: each phase's link, ``None``
    for none."""
    layout = lay_out(chart)
    svg = _attributes(
        viewBox=f"0 0 {number(layout.width)} {number(layout.height)}",
        width=layout.width,
        height=layout.height,
        role="group",
        aria_labelledby=f"{chart_id}-title",
        aria_describedby=f"{chart_id}-desc",
        font_size=12,
    )
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="implplan-gantt" {svg}>\n',
        f'<title id="{chart_id}-title">',
        Plain(title),
        f'</title>\n<desc id="{chart_id}-desc">',
        Plain(chart_description(chart)),
        "</desc>\n",
        *_lines(_defs(chart_id, layout)),
        *_lines(_axis(layout)),
        *_lines(_arrows(layout, chart_id)),
        '<g class="implplan-gantt-rows">\n',
        *(
            piece
            for box in layout.rows
            for piece in _row(box, uris.get(box.row.id), f"{chart_id}-labels")
        ),
        "</g>\n",
        *_lines(_today(layout)),
        *_lines(_legend(layout)),
        "</svg>",
    ]
