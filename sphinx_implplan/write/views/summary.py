"""``impl-summary``: each plan's roll-up in a two-column table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_implplan.plan.rollup import plan_rollup
from sphinx_implplan.write.views.scope import nothing_in_scope, plans_in_scope
from sphinx_implplan.write.views.table_nodes import Cell, make_table

if TYPE_CHECKING:
    from sphinx_implplan.plan.rollup import PlanRollup
    from sphinx_implplan.write.views.render import ViewContext
    from sphinx_implplan.write.views.spec import ViewSpec


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items())


def summary_rows(context: ViewContext, rollup: PlanRollup) -> list[list[Cell]]:
    plan = rollup.plan
    spec_docs = plan.get("spec")
    coverage = rollup.coverage
    if coverage.requirements:
        coverage_text = (
            f"{coverage.percent:.1f} % ({coverage.implemented} of {coverage.requirements} "
            f"requirements implemented; {coverage.verified} verified, "
            f"{coverage.measured} measured)"
        )
    else:
        coverage_text = "no requirements in scope"
    deliverables = rollup.deliverables_percent
    plan_cell: list[nodes.Node] = [context.ref(plan.id), nodes.Text(f" {plan.title}")]
    return [
        ["Plan", plan_cell],
        ["Status", plan.status or ""],
        ["Spec", context.doc_refs(spec_docs) if spec_docs else "every requirement"],
        ["Updated", plan.get("updated") or ""],
        ["Phases done", f"{rollup.phases_done} of {rollup.phases_total}"],
        [
            "Deliverables done",
            f"{rollup.deliverables_done} of {rollup.deliverables_total} ({deliverables:.1f} %)"
            if deliverables is not None
            else "none listed",
        ],
        ["Coverage", coverage_text],
        ["Open risks", _counts(rollup.open_risks)],
        ["Decisions", _counts(rollup.decisions)],
    ]


def render(context: ViewContext, spec: ViewSpec) -> list[nodes.Node]:
    corpus = context.corpus
    if (
        nothing := nothing_in_scope(corpus, spec, "nothing to sum up", needs_a_plan=True)
    ) is not None:
        return nothing
    plan_ids = plans_in_scope(corpus, spec)
    drawn: list[nodes.Node] = []
    for plan_id in plan_ids:
        plan = corpus.items[plan_id]
        rows = summary_rows(context, plan_rollup(corpus, plan))
        drawn.append(
            make_table(
                ["Measure", "Value"],
                rows,
                caption=spec.caption or f"Summary of {plan.title} ({plan.id})",
                classes=["implplan-summary"],
            )
        )
    return drawn
