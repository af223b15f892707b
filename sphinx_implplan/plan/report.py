"""The plan report: per plan its coverage, the requirements its items link to, open
questions, phases (late or not started against the build's today), risks,
decisions, tests with their results and the approval state of its items, as typed
records made once from the corpus. No Sphinx imports.

The build writes it as ``implplan.json`` (:meth:`Report.to_json`) and
``implplan check`` judges the same records (:mod:`.verdict`) rather than reading the
file back. Every key of the JSON shape is always present (unknown values are
``null``), lists are sorted by id and the text is serialised with sorted keys, so two
builds of the same sources give the same bytes.

The requirements in scope are written once per distinct scope (``scopes``), their
titles once per requirement (``requirements``): hundreds of plans without ``:spec:``
each count every requirement, and a list of them per plan made the file grow with
plans times requirements. A plan lists only the requirements its items link to, and
how many in its scope none implements; :meth:`Report.uncovered_ids` gives those ids.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from sphinx_implplan.plan.approvals import NO_APPROVALS, ApprovalState, ApprovalStates
from sphinx_implplan.plan.coverage import Coverage, OpenQuestion
from sphinx_implplan.plan.itemtypes import DECISION, PHASE, PLAN, RISK
from sphinx_implplan.plan.model import Corpus, Item, natural_key
from sphinx_implplan.plan.plan_coverage import PlanTrace, ScopeRequirements, plan_trace
from sphinx_implplan.plan.report_entries import (
    ChangedEntry,
    DecisionEntry,
    PhaseEntry,
    RequirementEntry,
    RequirementInfo,
    RiskEntry,
    SuspectEntry,
)
from sphinx_implplan.plan.report_json import dump_json
from sphinx_implplan.plan.result_entries import TestEntry, result_entries
from sphinx_implplan.plan.scoring import risk_is_mitigated
from sphinx_implplan.plan.today import Timing, timing_of

REPORT_VERSION = 2
REPORT_FILE = "implplan.json"
#: the name of the scope of every requirement the build read
ALL_SCOPE: Final = "all"


@dataclass(frozen=True)
class PlanReport:
    id: str
    title: str
    docname: str | None
    status: str | None
    updated: str | None
    coverage: Coverage
    #: the requirements in scope that an item of the plan implements, verifies or
    #: measures, by id
    requirements: tuple[RequirementEntry, ...]
    #: how many requirements in scope no item of the plan implements
    uncovered: int
    phases: tuple[PhaseEntry, ...]
    risks: tuple[RiskEntry, ...]
    decisions: tuple[DecisionEntry, ...]
    #: the markers in the requirements in scope, by requirement id then as written
    open_questions: tuple[OpenQuestion, ...] = ()
    #: the approval state of the plan and its items, each by id; all empty for a
    #: plan not under approval
    approved: tuple[str, ...] = ()
    suspect: tuple[SuspectEntry, ...] = ()
    changed_since_approval: tuple[ChangedEntry, ...] = ()
    not_approved: tuple[str, ...] = ()
    #: the phases late and not started against the build's today, by id
    late: tuple[str, ...] = ()
    not_started: tuple[str, ...] = ()
    tests: tuple[TestEntry, ...] = ()
    #: the name of its scope among the report's ``scopes``
    scope: str = ALL_SCOPE

    def to_json(self) -> dict[str, Any]:
        coverage = self.coverage
        return {
            "title": self.title,
            "scope": self.scope,
            "docname": self.docname,
            "status": self.status,
            "updated": self.updated,
            "coverage": {
                "requirements": coverage.requirements,
                "implemented": coverage.implemented,
                "verified": coverage.verified,
                "measured": coverage.measured,
                "percent": coverage.percent,
                "open_questions": coverage.open_questions,
                "passing": coverage.passing,
            },
            "requirements": [
                {
                    "id": entry.id,
                    "title": entry.title,
                    "implemented_by": list(entry.implemented_by),
                    "verified_by": list(entry.verified_by),
                    "measured_by": list(entry.measured_by),
                    "passing": entry.passing,
                }
                for entry in self.requirements
            ],
            "uncovered": self.uncovered,
            "phases": [
                {
                    "id": phase.id,
                    "title": phase.title,
                    "start": phase.start,
                    "end": phase.end,
                    "depends": list(phase.depends),
                    "done": phase.done,
                    "total": phase.total,
                    "status": phase.status,
                    "late": phase.late,
                    "not_started": phase.not_started,
                }
                for phase in self.phases
            ],
            "late": list(self.late),
            "not_started": list(self.not_started),
            "tests": [
                {
                    "id": test.id,
                    "title": test.title,
                    "result": test.result,
                    "message": test.message,
                    "cases": test.cases,
                    "unmatched": list(test.unmatched),
                }
                for test in self.tests
            ],
            "risks": [
                {
                    "id": risk.id,
                    "title": risk.title,
                    "impact": risk.impact,
                    "likelihood": risk.likelihood,
                    "score": risk.score,
                    "band": risk.band,
                    "status": risk.status,
                    "mitigated": risk.mitigated,
                }
                for risk in self.risks
            ],
            "decisions": [
                {
                    "id": decision.id,
                    "title": decision.title,
                    "choice": decision.choice,
                    "status": decision.status,
                }
                for decision in self.decisions
            ],
            "approved": list(self.approved),
            "suspect": [
                {"id": entry.id, "changed": list(entry.changed), "approved": entry.approved}
                for entry in self.suspect
            ],
            "changed_since_approval": [
                {"id": entry.id, "approved": entry.approved}
                for entry in self.changed_since_approval
            ],
            "not_approved": list(self.not_approved),
        }


@dataclass(frozen=True)
class Report:
    #: this project's plans, in document order
    plans: tuple[PlanReport, ...]
    #: every requirement in some plan's scope, by id
    requirements: Mapping[str, RequirementInfo] = field(default_factory=dict)
    #: scope name -> the ids of the requirements it counts, in id order
    scopes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    version: int = REPORT_VERSION

    def scope_of(self, plan: PlanReport) -> tuple[str, ...]:
        return self.scopes.get(plan.scope, ())

    def uncovered_ids(self, plan: PlanReport) -> list[str]:
        """The requirements in ``plan``'s scope that no item of it implements, by id."""
        implemented = {entry.id for entry in plan.requirements if entry.implemented_by}
        return [rid for rid in self.scope_of(plan) if rid not in implemented]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "plans": {plan.id: plan.to_json() for plan in self.plans},
            "requirements": {
                rid: {
                    "title": info.title,
                    "docname": info.docname,
                    "open_questions": list(info.open_questions),
                }
                for rid, info in self.requirements.items()
            },
            "scopes": {name: list(ids) for name, ids in self.scopes.items()},
        }


def _by_id(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda item: natural_key(item.id))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class _PlanApprovals:
    approved: tuple[str, ...]
    suspect: tuple[SuspectEntry, ...]
    changed: tuple[ChangedEntry, ...]
    not_approved: tuple[str, ...]


def _plan_approvals(corpus: Corpus, plan: Item, approvals: ApprovalStates) -> _PlanApprovals:
    """The approval states of ``plan`` and its items, each list by id."""
    found: dict[ApprovalState, list[str]] = {state: [] for state in ApprovalState}
    for item_id, approval in approvals.items.items():
        item = corpus.items.get(item_id)
        if item is not None and (item.id if item.type == PLAN else item.plan) == plan.id:
            found[approval.state].append(item_id)
    ids = {state: sorted(found[state], key=natural_key) for state in ApprovalState}

    def approved_on(item_id: str) -> str:
        entry = approvals.items[item_id].entry
        return entry.approved if entry is not None else ""

    return _PlanApprovals(
        approved=tuple(ids[ApprovalState.APPROVED]),
        suspect=tuple(
            SuspectEntry(item_id, approvals.items[item_id].changed, approved_on(item_id))
            for item_id in ids[ApprovalState.SUSPECT]
        ),
        changed=tuple(
            ChangedEntry(item_id, approved_on(item_id)) for item_id in ids[ApprovalState.CHANGED]
        ),
        not_approved=tuple(ids[ApprovalState.NOT_APPROVED]),
    )


def _phase_entries(corpus: Corpus, plan: Item, today: datetime.date | None) -> list[PhaseEntry]:
    entries = []
    for phase in _by_id(corpus.of_type(PHASE, (plan.id,))):
        timing = None if today is None else timing_of(phase, today)
        entries.append(
            PhaseEntry(
                id=phase.id,
                title=phase.title,
                start=_text(phase.get("start")),
                end=_text(phase.get("end")),
                depends=phase.links_of("depends"),
                done=phase.whole_number("deliverables_done"),
                total=phase.whole_number("deliverables_total"),
                status=phase.status,
                late=timing is Timing.LATE,
                not_started=timing is Timing.NOT_STARTED,
            )
        )
    return entries


def plan_report(
    corpus: Corpus,
    plan: Item,
    approvals: ApprovalStates = NO_APPROVALS,
    today: datetime.date | None = None,
    *,
    trace: PlanTrace | None = None,
    scope_name: str = ALL_SCOPE,
) -> PlanReport:
    """``today``: the day phases are late or not started against; ``None`` for none.
    ``trace``: the plan's coverage, where the caller made it already; ``scope_name``:
    its scope's name in the report."""
    if trace is None:
        trace = plan_trace(corpus, plan)
    approval = _plan_approvals(corpus, plan, approvals)
    phases = _phase_entries(corpus, plan, today)
    coverage = trace.coverage
    return PlanReport(
        id=plan.id,
        title=plan.title,
        docname=plan.docname,
        status=plan.status,
        updated=_text(plan.get("updated")),
        coverage=coverage,
        requirements=tuple(
            RequirementEntry(
                id=row.requirement.id,
                title=row.requirement.title,
                implemented_by=row.implemented_by,
                verified_by=row.verified_by,
                measured_by=row.measured_by,
                passing=row.passing,
            )
            for row in trace.linked
        ),
        uncovered=coverage.requirements - coverage.implemented,
        scope=scope_name,
        open_questions=trace.scope.open_questions,
        phases=tuple(phases),
        risks=tuple(
            RiskEntry(
                id=risk.id,
                title=risk.title,
                impact=_text(risk.get("impact")),
                likelihood=_text(risk.get("likelihood")),
                score=risk.whole_number("score"),
                band=_text(risk.get("band")),
                status=risk.status,
                mitigated=risk_is_mitigated(
                    risk.get("mitigation"), corpus.sources(risk.id, "mitigates")
                ),
            )
            for risk in _by_id(corpus.of_type(RISK, (plan.id,)))
        ),
        decisions=tuple(
            DecisionEntry(
                id=decision.id,
                title=decision.title,
                choice=_text(decision.get("choice")),
                status=decision.status,
            )
            for decision in _by_id(corpus.of_type(DECISION, (plan.id,)))
        ),
        approved=approval.approved,
        suspect=approval.suspect,
        changed_since_approval=approval.changed,
        not_approved=approval.not_approved,
        late=tuple(phase.id for phase in phases if phase.late),
        not_started=tuple(phase.id for phase in phases if phase.not_started),
        tests=result_entries(corpus, plan),
    )


def _scope_names(
    corpus: Corpus, traces: Mapping[str, PlanTrace]
) -> dict[frozenset[str], tuple[str, ScopeRequirements]]:
    """Each distinct set of requirements in scope -> its name and requirements:
    ``all`` for every requirement of the build, else the first plan's id with it (a
    plan whose id is ``all`` names a narrower scope ``plan:all``, so that two scopes
    never share a name)."""
    every = frozenset(requirement.id for requirement in corpus.requirements())
    names: dict[frozenset[str], tuple[str, ScopeRequirements]] = {}
    for plan_id in sorted(traces, key=natural_key):
        scope = traces[plan_id].scope
        if scope.ids not in names:
            named = plan_id if plan_id != ALL_SCOPE else f"plan:{plan_id}"
            names[scope.ids] = (ALL_SCOPE if scope.ids == every else named, scope)
    return names


def build_report(
    corpus: Corpus,
    approvals: ApprovalStates = NO_APPROVALS,
    today: datetime.date | None = None,
) -> Report:
    plans = corpus.plans
    traces = {plan.id: plan_trace(corpus, plan) for plan in plans}
    names = _scope_names(corpus, traces)
    requirements: dict[str, RequirementInfo] = {}
    scopes: dict[str, tuple[str, ...]] = {}
    for name, scope in sorted(names.values(), key=lambda named: natural_key(named[0])):
        scopes[name] = tuple(requirement.id for requirement in scope.requirements)
        for requirement in scope.requirements:
            requirements.setdefault(
                requirement.id,
                RequirementInfo(requirement.title, requirement.docname, requirement.open_questions),
            )
    return Report(
        plans=tuple(
            plan_report(
                corpus,
                plan,
                approvals,
                today,
                trace=traces[plan.id],
                scope_name=names[traces[plan.id].scope.ids][0],
            )
            for plan in plans
        ),
        requirements=dict(sorted(requirements.items(), key=lambda pair: natural_key(pair[0]))),
        scopes=scopes,
    )


def dump_report(report: Report) -> str:
    return dump_json(report.to_json())
