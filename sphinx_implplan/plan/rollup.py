"""A plan's roll-up, its phases in schedule order and its risks on the impact x
likelihood grid. No Sphinx imports."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sphinx_implplan.plan.coverage import Coverage, OpenQuestion, Scope, percent, plan_spec
from sphinx_implplan.plan.itemtypes import DECISION, ITEM_TYPES_BY_DIRECTIVE, PHASE, RISK, TEST
from sphinx_implplan.plan.model import Corpus, Item, natural_key
from sphinx_implplan.plan.outcomes import TestResult
from sphinx_implplan.plan.plan_coverage import plan_trace
from sphinx_implplan.plan.requirement_selection import selected_requirements
from sphinx_implplan.plan.scoring import BANDS, risk_band, risk_score
from sphinx_implplan.plan.today import Timing, timing_of

DECISION_STATUSES = ITEM_TYPES_BY_DIRECTIVE[DECISION].statuses or ()


def plan_scope(corpus: Corpus, plan_id: str) -> Scope:
    """One plan's own scope: its items of every type, its ``:spec:`` requirements
    that its ``:requirements:`` select."""
    return Scope(
        plans=(plan_id,),
        spec=plan_spec(corpus, (plan_id,)),
        selected=selected_requirements(corpus, (plan_id,)),
    )


@dataclass(frozen=True)
class PlanRollup:
    plan: Item
    phases_done: int
    phases_total: int
    deliverables_done: int
    deliverables_total: int
    coverage: Coverage
    #: band -> risks of status ``open`` in it, highest band first
    open_risks: dict[str, int]
    #: decision status -> decisions with it, in the status order of the contract
    decisions: dict[str, int]
    #: the markers in the requirements in scope, by requirement id
    open_questions: tuple[OpenQuestion, ...] = ()
    #: the phases late and not started against the build's today, in document order
    late: tuple[str, ...] = ()
    not_started: tuple[str, ...] = ()
    #: result -> the plan's tests with it, every result present (zeros included);
    #: empty where the project reads no test results or the plan has no test
    tests: dict[TestResult, int] = field(default_factory=dict)

    @property
    def deliverables_percent(self) -> float | None:
        return percent(self.deliverables_done, self.deliverables_total)


def plan_rollup(corpus: Corpus, plan: Item, today: datetime.date | None = None) -> PlanRollup:
    """``today``: the day phases are late or not started against; ``None`` for none."""
    phases = corpus.of_type(PHASE, (plan.id,))
    risks = corpus.of_type(RISK, (plan.id,))
    decisions = corpus.of_type(DECISION, (plan.id,))
    open_risks = dict.fromkeys(reversed(BANDS), 0)
    for risk in risks:
        band = risk.get("band")
        if risk.status == "open" and band in open_risks:
            open_risks[band] += 1
    by_status = dict.fromkeys(DECISION_STATUSES, 0)
    for decision in decisions:
        if decision.status in by_status:
            by_status[decision.status] += 1
    # a summary may sum up hundreds of plans over one spec: linear, not plans x spec
    trace = plan_trace(corpus, plan)
    timings = {} if today is None else {phase.id: timing_of(phase, today) for phase in phases}
    tests: dict[TestResult, int] = {}
    plan_tests = corpus.of_type(TEST, (plan.id,))
    if corpus.shows_results and plan_tests:
        tests = dict.fromkeys(TestResult, 0)
        for test in plan_tests:
            tests[corpus.test_outcome(test.id).result] += 1
    return PlanRollup(
        plan=plan,
        phases_done=sum(phase.status == "done" for phase in phases),
        phases_total=len(phases),
        deliverables_done=sum(phase.whole_number("deliverables_done") or 0 for phase in phases),
        deliverables_total=sum(phase.whole_number("deliverables_total") or 0 for phase in phases),
        coverage=trace.coverage,
        open_risks=open_risks,
        decisions=by_status,
        open_questions=trace.scope.open_questions,
        late=tuple(phase for phase, timing in timings.items() if timing is Timing.LATE),
        not_started=tuple(
            phase for phase, timing in timings.items() if timing is Timing.NOT_STARTED
        ),
        tests=tests,
    )


def timeline(phases: Iterable[Item]) -> tuple[list[Item], list[Item]]:
    """The phases with a start, by start, end and id; then those without, as written."""
    scheduled: list[Item] = []
    unscheduled: list[Item] = []
    for phase in phases:
        (scheduled if isinstance(phase.get("start"), str) else unscheduled).append(phase)
    scheduled.sort(key=lambda p: (p.get("start"), p.get("end") or "", natural_key(p.id)))
    unscheduled.sort(key=lambda phase: phase.position)
    return scheduled, unscheduled


@dataclass(frozen=True)
class RiskGrid:
    """Impact rows from the highest level down, likelihood columns from the lowest up,
    so the highest scores sit top right."""

    impacts: tuple[str, ...]
    likelihoods: tuple[str, ...]
    #: (impact, likelihood) -> risk ids, in id order
    cells: dict[tuple[str, str], tuple[str, ...]]
    #: (impact, likelihood) -> the band of that cell's score
    bands: dict[tuple[str, str], str]
    #: risks without a known impact or likelihood, in id order
    unplaced: tuple[str, ...]


def risk_grid(risks: Iterable[Item], levels: Sequence[str]) -> RiskGrid:
    cells: dict[tuple[str, str], list[str]] = {}
    unplaced: list[str] = []
    for risk in sorted(risks, key=lambda item: natural_key(item.id)):
        impact, likelihood = risk.get("impact"), risk.get("likelihood")
        if impact in levels and likelihood in levels:
            cells.setdefault((impact, likelihood), []).append(risk.id)
        else:
            unplaced.append(risk.id)
    bands = {
        (impact, likelihood): risk_band(risk_score(impact, likelihood, levels), len(levels))
        for impact in levels
        for likelihood in levels
    }
    return RiskGrid(
        impacts=tuple(reversed(levels)),
        likelihoods=tuple(levels),
        cells={key: tuple(ids) for key, ids in cells.items()},
        bands=bands,
        unplaced=tuple(unplaced),
    )
