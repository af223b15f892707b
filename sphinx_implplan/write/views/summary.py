"""``impl-summary``: each plan's roll-up in a two-column table: with its phases late
and not started against the build's today, and where the project reads test
results, its tests by result and the requirements passing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_implplan.plan.outcomes import TestResult
from sphinx_implplan.plan.requirement_selection import selectors_of
from sphinx_implplan.plan.rollup import plan_rollup
from sphinx_implplan.today_config import build_today
from sphinx_implplan.write.result_marks import result_word
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


def _phases_cell(context: ViewContext, rollup: PlanRollup) -> Cell:
    """``2 of 6; 2 phases late (PH_2, PH_3), 1 not started (PH_4)``: the late and
    not started phases in words, each linked."""
    text = f"{rollup.phases_done} of {rollup.phases_total}"
    parts = [
        (phases, word)
        for phases, word in ((rollup.late, "late"), (rollup.not_started, "not started"))
        if phases
    ]
    if not parts:
        return text
    cell: list[nodes.Node] = [nodes.Text(f"{text}; ")]
    for index, (phases, word) in enumerate(parts):
        # "2 phases late, 1 not started": the noun once, after the first count
        noun = "" if index else (" phase " if len(phases) == 1 else " phases ")
        cell += [
            nodes.Text(f"{', ' if index else ''}{len(phases)}{noun or ' '}"),
            nodes.inline(word, word, classes=[f"implplan-{word.replace(' ', '-')}"]),
            nodes.Text(" ("),
            *context.refs(phases),
            nodes.Text(")"),
        ]
    return cell


def _tests_cell(rollup: PlanRollup) -> Cell:
    """``2 passed, 1 failed, 0 skipped, 1 not run``: each result in words."""
    cell: list[nodes.Node] = []
    for result in TestResult:
        if cell:
            cell.append(nodes.Text(", "))
        cell += [nodes.Text(f"{rollup.tests[result]} "), result_word(result)]
    return cell


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
        passing = f"{coverage.passing} passing, " if rollup.tests else ""
        coverage_text = (
            f"{coverage.percent:.1f} % ({coverage.implemented} of {coverage.requirements} "
            f"requirements implemented; {coverage.verified} verified, {passing}"
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
    # where the project reads test results
    tests: list[list[Cell]] = [["Tests", _tests_cell(rollup)]] if rollup.tests else []
    return [
        ["Plan", plan_cell],
        ["Status", plan.status or ""],
        ["Spec", _spec_cell(context, plan)],
        ["Updated", plan.get("updated") or ""],
        ["Phases done", _phases_cell(context, rollup)],
        [
            "Deliverables done",
            f"{rollup.deliverables_done} of {rollup.deliverables_total} ({deliverables:.1f} %)"
            if deliverables is not None
            else "none listed",
        ],
        ["Coverage", coverage_text],
        *tests,
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
    today = build_today(context.app.config)
    drawn: list[nodes.Node] = []
    for plan_id in plan_ids:
        plan = corpus.items[plan_id]
        rows = summary_rows(context, plan_rollup(corpus, plan, today))
        drawn.append(
            make_table(
                ["Measure", "Value"],
                rows,
                caption=spec.caption or f"Summary of {plan.title} ({plan.id})",
                classes=["implplan-summary"],
            )
        )
    return drawn
