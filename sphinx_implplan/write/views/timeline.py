"""``impl-timeline``: each plan's phases in schedule order with their dates,
dependencies, progress and status (late, or not started, against the build's
today); phases without dates follow the scheduled ones. Above the table (or in its
place, ``:chart: only``) the same phases as a Gantt chart, in the builders that
draw one (:mod:`.gantt_chart`); where no chart is drawn, the table is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_implplan.plan.itemtypes import PHASE
from sphinx_implplan.plan.rollup import timeline
from sphinx_implplan.plan.today import timing_of
from sphinx_implplan.plan.values import days_text
from sphinx_implplan.today_config import build_today
from sphinx_implplan.write.views.gantt_chart import chart_nodes
from sphinx_implplan.write.views.progress import progress_nodes
from sphinx_implplan.write.views.scope import nothing_in_scope, plans_in_scope
from sphinx_implplan.write.views.table_nodes import Cell, make_table, sentence

if TYPE_CHECKING:
    import datetime

    from sphinx_implplan.plan.model import Item
    from sphinx_implplan.write.views.render import ViewContext
    from sphinx_implplan.write.views.spec import ViewSpec

HEADERS = ("ID", "Phase", "Start", "End", "Duration", "Depends on", "Progress", "Status")
COLUMN_KEYS = ("id", "title", "start", "end", "duration", "depends", "progress", "status")


def status_cell(phase: Item, today: datetime.date, *, html: bool) -> Cell:
    """The status, and where the phase stands against today in words: "in-progress,
    late", "planned, not started"; in HTML the two on lines of their own, so that the
    column is no wider than its longest status."""
    timing = timing_of(phase, today)
    if timing is None:
        return phase.status or ""
    classes = [f"implplan-{timing.value.replace(' ', '-')}"]
    if not phase.status:
        return [nodes.inline(timing.value, timing.value, classes=classes)]
    if html:
        return [
            nodes.inline(phase.status, phase.status, classes=["implplan-status-word"]),
            nodes.Text(" "),
            nodes.inline(timing.value, timing.value, classes=[*classes, "implplan-timing-line"]),
        ]
    return [
        nodes.Text(f"{phase.status}, "),
        nodes.inline(timing.value, timing.value, classes=classes),
    ]


def _row(context: ViewContext, phase: Item, today: datetime.date) -> list[Cell]:
    duration = phase.get("duration")
    return [
        [context.ref(phase.id)],
        phase.title,
        phase.get("start") or "not scheduled",
        phase.get("end") or "",
        days_text(duration),
        context.refs(phase.links_of("depends")),
        progress_nodes(phase, builder_format=context.builder_format),
        status_cell(phase, today, html=context.is_html),
    ]


def _chart_caption(spec: ViewSpec, plan: Item) -> str:
    if spec.caption:
        return f"{spec.caption} (Gantt chart)"
    return f"Gantt chart of {plan.title} ({plan.id})"


def render(context: ViewContext, spec: ViewSpec) -> list[nodes.Node]:
    corpus = context.corpus
    if (
        nothing := nothing_in_scope(corpus, spec, "no phases to show", needs_a_plan=True)
    ) is not None:
        return nothing
    plan_ids = plans_in_scope(corpus, spec)
    today = build_today(context.app.config)
    drawn: list[nodes.Node] = []
    for index, plan_id in enumerate(plan_ids):
        plan = corpus.items[plan_id]
        scheduled, unscheduled = timeline(corpus.of_type(PHASE, (plan_id,)))
        caption = spec.caption or f"Timeline of {plan.title} ({plan.id})"
        if not scheduled and not unscheduled:
            drawn.append(sentence(f"{plan.title} ({plan.id}) has no phases."))
            continue
        phases = (*scheduled, *unscheduled)
        if spec.chart != "none":
            chart_id = nodes.make_id(f"implplan-gantt-{spec.docname}-{spec.serial}-{index}")
            chart = chart_nodes(
                context, phases, caption=_chart_caption(spec, plan), chart_id=chart_id, today=today
            )
            drawn += chart
            # where no chart could be drawn, the table stands in for it
            if spec.chart == "only" and chart:
                continue
        rows = [_row(context, phase, today) for phase in phases]
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
