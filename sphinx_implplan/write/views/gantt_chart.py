"""The Gantt chart of ``impl-timeline`` as nodes of the builder writing the page: a
caption and an inline SVG in HTML, a caption and TikZ pictures in LaTeX, nothing in
any other builder (text, man, texinfo), which keeps the table. A plan none of whose
phases has dates gets no chart either: there is nothing to draw on an axis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_implplan.plan.gantt import gantt_chart
from sphinx_implplan.write.views.gantt_svg import gantt_svg
from sphinx_implplan.write.views.gantt_tikz import gantt_tikz
from sphinx_implplan.write.views.markup_pieces import piece_nodes
from sphinx_implplan.write.views.table_nodes import sentence

if TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from sphinx_implplan.plan.model import Item
    from sphinx_implplan.write.views.render import ViewContext

#: the builder formats that draw the chart
CHART_FORMATS = ("html", "latex")


def draws_charts(context: ViewContext) -> bool:
    return context.builder_format in CHART_FORMATS


def _uris(context: ViewContext, phases: Sequence[Item]) -> dict[str, str | None]:
    """Each phase's link as the table's id column gets it (``context.ref``)."""
    uris: dict[str, str | None] = {}
    for phase in phases:
        reference = context.ref(phase.id)
        uri = reference.get("refuri") if isinstance(reference, nodes.reference) else None
        uris[phase.id] = str(uri) if uri is not None else None
    return uris


def chart_nodes(
    context: ViewContext,
    phases: Sequence[Item],
    *,
    caption: str,
    chart_id: str,
    today: datetime.date,
) -> list[nodes.Node]:
    """The chart of ``phases`` (in timeline order) under ``caption``, or nothing;
    ``chart_id``: the view's own id for the chart, unique on the page."""
    if not draws_charts(context):
        return []
    chart = gantt_chart(phases, today)
    if chart.axis is None:
        return []
    uris = _uris(context, phases)
    title = sentence(caption, "implplan-gantt-caption")
    if context.is_html:
        svg = gantt_svg(chart, title=caption, chart_id=chart_id, uris=uris)
        return [title, *piece_nodes(svg, "html")]
    # the caption stays with the chart's first picture: no page break between them
    tikz = ["\\par\\nobreak\n", *gantt_tikz(chart, uris=uris)]
    return [title, *piece_nodes(tikz, "latex")]
