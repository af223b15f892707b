"""``impl-summary``: each plan's roll-up in a two-column table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_implplan.plan.requirement_selection import selectors_of
from sphinx_implplan.plan.rollup import plan_rollup
from sphinx_implplan.write.views.scope import nothing_in_scope, plans_in_scope
from sphinx_implplan.write.views.table_nodes import Cell, make_table

if TYPE_CHECKING:
    from sphinx_implplan.plan.model import Item
    from sphinx_implplan.plan.rollup import PlanRollup
    from sphinx_implplan.write.views.render import ViewContext
    from sphinx_implplan.write.views.spec import ViewSpec


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items())


def _questions_cell(context: ViewContext, rollup: PlanRollup) -> list[nodes.Node]:
    """``3 open questions (FR_2, FR_5)``: the count, and the requirements to read."""
    count = rollup.coverage.open_questions
    asked = dict.fromkeys(found.requirement for found in rollup.open_questions)
    word = "open question" if count == 1 else "open questions"
    return [
        nodes.Text(f"{count} {word} ("),
        *context.refs(asked),
        nodes.Text(")"),
    ]


def _spec_cell(context: ViewContext, plan: Item) -> Cell:
    """The plan's spec documents, and the requirements of them it answers for where
    its ``:requirements:`` narrows them: "Notes spec (only FR_1*, tag:sync)"."""
    spec_docs = plan.get("spec")
    selectors = selectors_of(plan)
    if selectors is None:
        return context.doc_refs(spec_docs) if spec_docs else "every requirement"
    only = f"only {', '.join(selector.entry for selector in selectors)}"
    if not spec_docs:
        return only
    return [*context.doc_refs(spec_docs), nodes.Text(f" ({only})")]


def summary_rows(context: ViewContext, rollup: PlanRollup) -> list[list[Cell]]:
    plan = rollup.plan
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
    # a line only where there are some: most plans have none, as a settled spec has
    questions: list[list[Cell]] = (
        [["Open questions", _questions_cell(context, rollup)]] if coverage.open_questions else []
    )
    return [
        ["Plan", plan_cell],
        ["Status", plan.status or ""],
        ["Spec", _spec_cell(context, plan)],
        ["Updated", plan.get("updated") or ""],
        ["Phases done", f"{rollup.phases_done} of {rollup.phases_total}"],
        [
            "Deliverables done",
            f"{rollup.deliverables_done} of {rollup.deliverables_total} ({deliverables:.1f} %)"
            if deliverables is not None
            else "none listed",
        ],
        ["Coverage", coverage_text],
        *questions,
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
