"""``impl-risk-matrix``: impact (rows, highest on top) against likelihood (columns,
highest on the right), each risk's id in its cell, cells coloured by score band."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_implplan.plan.itemtypes import RISK
from sphinx_implplan.plan.rollup import risk_grid
from sphinx_implplan.plan.scoring import band_thresholds
from sphinx_implplan.write.views.scope import nothing_in_scope, plans_in_scope
from sphinx_implplan.write.views.table_nodes import Cell, make_table, sentence

if TYPE_CHECKING:
    from docutils import nodes

    from sphinx_implplan.write.views.render import ViewContext
    from sphinx_implplan.write.views.spec import ViewSpec


def render(context: ViewContext, spec: ViewSpec) -> list[nodes.Node]:
    corpus = context.corpus
    if (nothing := nothing_in_scope(corpus, spec, "no risks to show")) is not None:
        return nothing
    risks = [
        risk
        for risk in corpus.of_type(RISK, plans_in_scope(corpus, spec))
        if spec.include_closed or risk.status != "closed"
    ]
    if not risks:
        return [sentence("No risks to show.")]
    levels = corpus.risk_levels
    grid = risk_grid(risks, levels)
    headers: list[Cell] = ["Impact / likelihood", *grid.likelihoods]
    cells: list[list[Cell]] = []
    classes: list[list[list[str]]] = []
    for impact in grid.impacts:
        row: list[Cell] = [impact]
        row_classes: list[list[str]] = [["implplan-risk-level"]]
        for likelihood in grid.likelihoods:
            row.append(context.refs(grid.cells.get((impact, likelihood), ())))
            row_classes.append([f"implplan-band-{grid.bands[(impact, likelihood)]}"])
        cells.append(row)
        classes.append(row_classes)
    drawn: list[nodes.Node] = [
        make_table(
            headers,
            cells,
            caption=spec.caption,
            classes=["implplan-risk-grid"],
            cell_classes=classes,
        )
    ]
    high, medium = band_thresholds(len(levels))
    drawn.append(
        sentence(
            f"Score = impact rank x likelihood rank (highest {len(levels) ** 2}); "
            f"band high from {high}, medium from {medium}, low below."
            + ("" if spec.include_closed else " Closed risks are left out."),
            "implplan-legend",
        )
    )
    if grid.unplaced:
        text = "Not placed (impact or likelihood unknown): "
        paragraph = sentence(text)
        paragraph.extend(context.refs(grid.unplaced))
        drawn.append(paragraph)
    return drawn
