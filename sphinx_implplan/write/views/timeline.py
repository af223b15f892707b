"""``impl-timeline``: each plan's phases in schedule order with their dates,
dependencies, progress and status; phases without dates follow the scheduled ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_implplan.plan.itemtypes import PHASE
from sphinx_implplan.plan.rollup import timeline
from sphinx_implplan.plan.values import days_text
from sphinx_implplan.write.views.progress import progress_nodes
from sphinx_implplan.write.views.scope import nothing_in_scope, plans_in_scope
from sphinx_implplan.write.views.table_nodes import Cell, make_table, sentence

if TYPE_CHECKING:
    from docutils import nodes

    from sphinx_implplan.plan.model import Item
    from sphinx_implplan.write.views.render import ViewContext
    from sphinx_implplan.write.views.spec import ViewSpec

HEADERS = ("ID", "Phase", "Start", "End", "Duration", "Depends on", "Progress", "Status")
COLUMN_KEYS = ("id", "title", "start", "end", "duration", "depends", "progress", "status")


def _row(context: ViewContext, phase: Item) -> list[Cell]:
    duration = phase.get("duration")
    return [
        [context.ref(phase.id)],
        phase.title,
        phase.get("start") or "not scheduled",
        phase.get("end") or "",
        days_text(duration),
        context.refs(phase.links_of("depends")),
        progress_nodes(phase, builder_format=context.builder_format),
        phase.status or "",
    ]


def render(context: ViewContext, spec: ViewSpec) -> list[nodes.Node]:
    corpus = context.corpus
    if (
        nothing := nothing_in_scope(corpus, spec, "no phases to show", needs_a_plan=True)
    ) is not None:
        return nothing
    plan_ids = plans_in_scope(corpus, spec)
    drawn: list[nodes.Node] = []
    for plan_id in plan_ids:
        plan = corpus.items[plan_id]
        scheduled, unscheduled = timeline(corpus.of_type(PHASE, (plan_id,)))
        caption = spec.caption or f"Timeline of {plan.title} ({plan.id})"
        if not scheduled and not unscheduled:
            drawn.append(sentence(f"{plan.title} ({plan.id}) has no phases."))
            continue
        rows = [_row(context, phase) for phase in (*scheduled, *unscheduled)]
        column_classes = [[f"implplan-col-{key}"] for key in COLUMN_KEYS]
        drawn.append(
            make_table(
                HEADERS,
                rows,
                caption=caption,
                classes=["implplan-timeline"],
                cell_classes=[column_classes] * len(rows),
            )
        )
    return drawn
