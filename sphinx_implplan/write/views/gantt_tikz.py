"""A plan's Gantt chart as TikZ pictures, for LaTeX: the geometry of the HTML chart
(:mod:`.gantt_layout`), scaled to the line.

A long plan is drawn as several pictures of at most :data:`ROWS_PER_PICTURE` phases,
each with the whole axis and the legend, so that the chart breaks across pages as a
long table does; a dependency between two pictures is left to the table. The colours
and the look are ``implplan.sty``'s (``implplangantt*``), which a project's preamble
may redefine; without TikZ installed the chart is one sentence saying so
(``\\implplannochart``). Ids link to the items' cards. Every text in the pictures is
left to the writer to escape (:mod:`.markup_pieces`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sphinx.util.texescape import tex_replace_map

from sphinx_implplan.plan.gantt import GanttChart
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
from sphinx_implplan.write.views.gantt_svg import number
from sphinx_implplan.write.views.markup_pieces import Piece, Plain

#: phases per picture: with the axis and the legend, a little over half a page
ROWS_PER_PICTURE = 28
#: one unit of the layout, as a share of the line: the chart's natural width fills it
UNIT = r"\linewidth/760"


def link_target(uri: str | None) -> str | None:
    """The label a LaTeX reference (``%docname#anchor``) points to, as Sphinx's writer
    writes it for ``\\hyperref``; ``None`` for no link."""
    if uri is None or not uri.startswith("%") or "#" not in uri:
        return None
    target = uri[1:].replace("#", ":", 1).translate(tex_replace_map)
    target = target.encode("ascii", "backslashreplace").decode("ascii").replace("\\", "_")
    return rf"\detokenize{{{target}}}"


def _point(x: float, y: float) -> str:
    return f"({number(x)},{number(y)})"


class _Picture:
    """The pieces of one picture, a command a line."""

    def __init__(self) -> None:
        self.pieces: list[Piece] = []

    def line(self, *pieces: Piece) -> None:
        self.pieces += [*pieces, "\n"]

    def node(self, x: float, y: float, *content: Piece, style: str = "") -> None:
        options = f"implplangantt text,{style}" if style else "implplangantt text"
        self.line(rf"\node[{options}] at {_point(x, y)} {{", *content, "};")

    def draw(self, style: str, *points: tuple[float, float]) -> None:
        path = " -- ".join(_point(x, y) for x, y in points)
        self.line(rf"\draw[{style}] {path};")

    def box(self, style: str, left: float, top: float, right: float, bottom: float) -> None:
        self.line(rf"\path[{style}] {_point(left, top)} rectangle {_point(right, bottom)};")


def _axis(picture: _Picture, layout: GanttLayout) -> None:
    for tick in layout.ticks:
        picture.draw(
            "implplangantt grid", (tick.x, layout.rows_top - 4), (tick.x, layout.rows_bottom)
        )
        picture.node(tick.x + 2, TICK_LINE, Plain(tick.label), style="implplangantt tick")
        if tick.year:
            picture.node(tick.x + 2, YEAR_LINE, Plain(tick.year), style="implplangantt tick")


def _row(picture: _Picture, box: RowBox, uri: str | None) -> None:
    row = box.row
    code: list[Piece] = [r"\sphinxcode{\sphinxupquote{", Plain(row.id), "}}"]
    target = link_target(uri)
    shown_id = [rf"\hyperref[{target}]{{", *code, "}"] if target else code
    picture.node(4, box.middle + 4, *shown_id, " ", Plain(box.title))
    if box.bar is not None and box.done_to is not None:
        left, right = box.bar
        top, bottom = box.middle - BAR / 2, box.middle + BAR / 2
        picture.box("implplangantt todo", left, top, right, bottom)
        if box.done_to > left:
            picture.box("implplangantt done", left, top, box.done_to, bottom)
        outline = "critical" if row.critical else "late" if row.timing is Timing.LATE else "outline"
        picture.box(f"implplangantt {outline}", left, top, right, bottom)
    if box.note:
        style = "implplangantt late note" if row.timing is Timing.LATE else "implplangantt note"
        picture.node(box.note_x, box.middle + 4, Plain(box.note), style=style)


#: the styles of a legend sample, by its kind
_SAMPLES = {
    "done": "implplangantt done,implplangantt outline",
    "todo": "implplangantt todo,implplangantt outline",
    "critical": "implplangantt todo,implplangantt critical",
}


def _today_and_legend(picture: _Picture, layout: GanttLayout) -> None:
    if layout.today_x is not None:
        x = layout.today_x
        picture.draw("implplangantt today", (x, layout.rows_top - 4), (x, layout.rows_bottom + 2))
        anchor = "base east" if x > layout.width - 40 else "base"
        picture.node(
            x, layout.rows_bottom + 12, Plain("today"), style=f"implplangantt tick,anchor={anchor}"
        )
    y = layout.legend_y
    for entry in layout.legend:
        top, bottom = y - BAR / 2 + 2, y + BAR / 2 - 2
        if entry.kind == "today":
            middle = entry.x + SAMPLE / 2
            picture.draw("implplangantt today", (middle, top - 2), (middle, bottom + 2))
        else:
            picture.box(_SAMPLES[entry.kind], entry.x + 1, top, entry.x + SAMPLE - 1, bottom)
        picture.node(entry.x + SAMPLE + 4, y + 4, Plain(entry.text), style="implplangantt tick")


def _picture(picture: _Picture, layout: GanttLayout, uris: Mapping[str, str | None]) -> None:
    picture.line(r"\par\noindent")
    picture.line(rf"\begin{{tikzpicture}}[x={UNIT},y=-{UNIT}]")
    # the picture is as wide as the line, whatever a note after a bar needs
    picture.line(rf"\useasboundingbox (0,0) rectangle {_point(layout.width, layout.height)};")
    _axis(picture, layout)
    for arrow in layout.arrows:
        style = "implplangantt dependency"
        if arrow.critical:
            style += ",implplangantt critical link"
        picture.draw(style, *arrow.points)
    for box in layout.rows:
        _row(picture, box, uris.get(box.row.id))
    _today_and_legend(picture, layout)
    picture.line(r"\end{tikzpicture}")
    picture.line(r"\par\smallskip")


def parts_of(chart: GanttChart) -> list[Sequence[int]]:
    """The rows of each picture, by index."""
    count = len(chart.rows)
    return [
        range(start, min(start + ROWS_PER_PICTURE, count))
        for start in range(0, count, ROWS_PER_PICTURE)
    ]


def gantt_tikz(chart: GanttChart, *, uris: Mapping[str, str | None]) -> list[Piece]:
    """The chart as LaTeX, in pieces: one TikZ picture per part, each on a line of its
    own, and a sentence instead where TikZ is not installed."""
    picture = _Picture()
    picture.line(r"\ifdefined\tikzpicture")
    for indices in parts_of(chart):
        _picture(picture, lay_out(chart, [chart.rows[index] for index in indices]), uris)
    picture.line(r"\else")
    picture.line(r"\implplannochart")
    picture.pieces.append(r"\fi")
    return picture.pieces
