"""What changed between two plan reports, for a reviewer: each read back from
``implplan.json`` into the records it was written from
(:func:`.report_reading.read_report`), compared plan by plan (:func:`diff_reports`)
and written as JSON (:func:`dump_diff`). No Sphinx imports; :mod:`.report_diff_text`
writes the text and Markdown.

Reports of version 1 and 2 are compared the same way: a plan's requirements are its
scope's, and its uncovered ones the scope's ids that no entry of it names as
implemented.

A regression is a plan whose coverage percent fell, or a risk of the new report in
band ``high`` without mitigation (the report's ``mitigated``, judged by
:func:`.scoring.risk_is_mitigated`) that was not so in the old one: added, moved
into ``high``, or left without mitigation. A plan that is gone is no regression.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from sphinx_implplan.plan.coverage import Coverage
from sphinx_implplan.plan.model import natural_key
from sphinx_implplan.plan.report import PlanReport, Report
from sphinx_implplan.plan.report_entries import RequirementEntry, RiskEntry

#: the version of the diff's JSON, apart from the reports' own
DIFF_VERSION = 1


class PlanChange(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Moved:
    """A value of one item that changed: a risk's band or status, a phase's end, a
    decision's status."""

    id: str
    title: str
    before: str | None
    after: str | None
    #: for a phase's end: the days it moved, later positive; ``None`` for an unknown date
    days: int | None = None


@dataclass(frozen=True)
class Progress:
    """A phase with more deliverables done than before."""

    id: str
    title: str
    done_before: int | None
    done_after: int
    total: int | None


@dataclass(frozen=True)
class PlanDiff:
    id: str
    title: str
    change: PlanChange
    #: ``None`` on the side where the plan does not exist
    coverage_before: Coverage | None
    coverage_after: Coverage | None
    requirements_added: tuple[RequirementEntry, ...] = ()
    requirements_removed: tuple[RequirementEntry, ...] = ()
    newly_uncovered: tuple[RequirementEntry, ...] = ()
    newly_covered: tuple[RequirementEntry, ...] = ()
    risks_added: tuple[RiskEntry, ...] = ()
    risks_removed: tuple[RiskEntry, ...] = ()
    #: risks that were ``open`` and are not any more
    risks_closed: tuple[Moved, ...] = ()
    bands_moved: tuple[Moved, ...] = ()
    ends_moved: tuple[Moved, ...] = ()
    deliverables_done: tuple[Progress, ...] = ()
    decisions_changed: tuple[Moved, ...] = ()
    #: the risks that are high without mitigation now and were not before, by id
    unmitigated_high_risks: tuple[str, ...] = ()

    @property
    def coverage_dropped(self) -> bool:
        before, after = self.coverage_before, self.coverage_after
        return (
            before is not None
            and after is not None
            and before.percent is not None
            and after.percent is not None
            and after.percent < before.percent
        )

    @property
    def regressions(self) -> tuple[str, ...]:
        found = []
        if self.coverage_dropped and self.coverage_before and self.coverage_after:
            before, after = _percent(self.coverage_before), _percent(self.coverage_after)
            found.append(f"coverage of {self.id} dropped from {before} to {after}")
        found += [f"new high risk {rid} has no mitigation" for rid in self.unmitigated_high_risks]
        return tuple(found)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["id"]  # the key the plan is listed under
        for side in ("coverage_before", "coverage_after"):
            figures: Coverage | None = getattr(self, side)
            if figures is not None:
                data[side]["percent"] = figures.percent
        return {**data, "coverage_dropped": self.coverage_dropped, "regressions": self.regressions}

    @property
    def has_change(self) -> bool:
        """Added, removed, or other than the same plan with its coverage as before and
        nothing listed."""
        after = self.coverage_after
        return self != PlanDiff(self.id, self.title, PlanChange.CHANGED, after, after)


@dataclass(frozen=True)
class ReportDiff:
    #: the plans with a change, by id
    plans: tuple[PlanDiff, ...]

    @property
    def regressions(self) -> tuple[str, ...]:
        return tuple(found for plan in self.plans for found in plan.regressions)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": DIFF_VERSION,
            "plans": {plan.id: plan.to_json() for plan in self.plans},
            "regressions": self.regressions,
        }


def _percent(coverage: Coverage) -> str:
    return "-" if coverage.percent is None else f"{coverage.percent:.1f}%"


def _days(before: str | None, after: str | None) -> int | None:
    try:
        moved = datetime.date.fromisoformat(after or "") - datetime.date.fromisoformat(before or "")
    except ValueError:
        return None
    return moved.days


def _unmitigated_high(risk: RiskEntry | None) -> bool:
    return risk is not None and risk.band == "high" and not risk.mitigated


class _Sides:
    """The two reports, with what they keep once for every plan: the ids of each
    scope as a set, and the ids a pair of scopes adds and removes, found once per
    pair however many plans share it."""

    def __init__(self, old: Report, new: Report) -> None:
        self.old, self.new = old, new
        self._sets: dict[tuple[bool, str], frozenset[str]] = {}
        self._changes: dict[tuple[str | None, str], tuple[list[str], list[str]]] = {}

    def ids(self, plan: PlanReport | None, *, new: bool) -> frozenset[str]:
        if plan is None:
            return frozenset()
        key = (new, plan.scope)
        if key not in self._sets:
            report = self.new if new else self.old
            self._sets[key] = frozenset(report.scope_of(plan))
        return self._sets[key]

    def added_and_removed(
        self, old: PlanReport | None, new: PlanReport
    ) -> tuple[list[str], list[str]]:
        """The ids in ``new``'s scope and not in ``old``'s, and the other way round,
        each in its report's order (by id)."""
        key = (old.scope if old else None, new.scope)
        if key not in self._changes:
            was, now = self.ids(old, new=False), self.ids(new, new=True)
            added = [rid for rid in self.new.scope_of(new) if rid not in was]
            removed = [rid for rid in self.old.scope_of(old) if rid not in now] if old else []
            self._changes[key] = (added, removed)
        return self._changes[key]


def _entries(report: Report, plan: PlanReport, ids: list[str]) -> tuple[RequirementEntry, ...]:
    """The plan's entries for ``ids``: its own where its items link to the
    requirement, else one linking nothing, with the title the report keeps."""
    linked = {entry.id: entry for entry in plan.requirements}
    found = []
    for rid in ids:
        entry = linked.get(rid)
        if entry is None:
            info = report.requirements.get(rid)
            entry = RequirementEntry(rid, info.title if info else "", (), (), ())
        found.append(entry)
    return tuple(found)


def _implemented(plan: PlanReport | None) -> set[str]:
    return {entry.id for entry in plan.requirements if entry.implemented_by} if plan else set()


def diff_plan(old: PlanReport | None, new: PlanReport, sides: _Sides) -> PlanDiff:
    """``new`` against ``old``, or against an empty plan where ``old`` is ``None``."""
    added, removed = sides.added_and_removed(old, new)
    # in both scopes: only these can be newly uncovered or covered
    was_in, now_in = sides.ids(old, new=False), sides.ids(new, new=True)
    was_implemented, is_implemented = _implemented(old), _implemented(new)
    newly_uncovered = sorted(
        (rid for rid in was_implemented - is_implemented if rid in was_in and rid in now_in),
        key=natural_key,
    )
    newly_covered = sorted(
        (rid for rid in is_implemented - was_implemented if rid in was_in and rid in now_in),
        key=natural_key,
    )
    risks = {risk.id: risk for risk in old.risks} if old else {}
    risks_now = {risk.id for risk in new.risks}
    # the items in both reports, as (before, after)
    risk_pairs = [(risks[risk.id], risk) for risk in new.risks if risk.id in risks]
    phases = {phase.id: phase for phase in old.phases} if old else {}
    phase_pairs = [(phases[phase.id], phase) for phase in new.phases if phase.id in phases]
    decisions = {decision.id: decision for decision in old.decisions} if old else {}
    decision_pairs = [(decisions[d.id], d) for d in new.decisions if d.id in decisions]
    return PlanDiff(
        id=new.id,
        title=new.title,
        change=PlanChange.ADDED if old is None else PlanChange.CHANGED,
        coverage_before=old.coverage if old else None,
        coverage_after=new.coverage,
        requirements_added=_entries(sides.new, new, added),
        requirements_removed=_entries(sides.old, old, removed) if old else (),
        newly_uncovered=_entries(sides.new, new, newly_uncovered),
        newly_covered=_entries(sides.new, new, newly_covered),
        risks_added=tuple(risk for risk in new.risks if risk.id not in risks),
        risks_removed=tuple(risk for risk in risks.values() if risk.id not in risks_now),
        risks_closed=tuple(
            Moved(risk.id, risk.title, was.status, risk.status)
            for was, risk in risk_pairs
            if was.status == "open" and risk.status != "open"
        ),
        bands_moved=tuple(
            Moved(risk.id, risk.title, was.band, risk.band)
            for was, risk in risk_pairs
            if was.band != risk.band
        ),
        ends_moved=tuple(
            Moved(phase.id, phase.title, was.end, phase.end, _days(was.end, phase.end))
            for was, phase in phase_pairs
            if was.end != phase.end
        ),
        deliverables_done=tuple(
            Progress(phase.id, phase.title, was.done, phase.done, phase.total)
            for was, phase in phase_pairs
            if phase.done is not None and phase.done > (was.done or 0)
        ),
        decisions_changed=tuple(
            Moved(decision.id, decision.title, was.status, decision.status)
            for was, decision in decision_pairs
            if was.status != decision.status
        ),
        unmitigated_high_risks=tuple(
            risk.id
            for risk in new.risks
            if _unmitigated_high(risk) and not _unmitigated_high(risks.get(risk.id))
        ),
    )


def diff_reports(old: Report, new: Report) -> ReportDiff:
    """Every plan with a change, by id: added, removed, or changed in a way listed."""
    sides = _Sides(old, new)
    old_plans = {plan.id: plan for plan in old.plans}
    new_plans = {plan.id: plan for plan in new.plans}
    found = []
    for plan_id in sorted(old_plans.keys() | new_plans.keys()):
        plan = new_plans.get(plan_id)
        if plan is None:
            gone = old_plans[plan_id]
            found.append(PlanDiff(plan_id, gone.title, PlanChange.REMOVED, gone.coverage, None))
            continue
        found.append(diff_plan(old_plans.get(plan_id), plan, sides))
    return ReportDiff(tuple(plan for plan in found if plan.has_change))


# -- JSON ----------------------------------------------------------------------------


def dump_diff(diff: ReportDiff) -> str:
    """The diff as JSON: keys sorted, lists in the reports' order (by id)."""
    return json.dumps(diff.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
