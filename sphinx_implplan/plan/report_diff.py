"""What changed between two plan reports, for a reviewer: each read back from
``implplan.json`` into the records it was written from (:func:`read_report`),
compared plan by plan (:func:`diff_reports`) and written as JSON (:func:`dump_diff`).
No Sphinx imports; :mod:`.report_diff_text` writes the text and Markdown.

A report of version 1 (a baseline kept from before version 2) is read into the
records of version 2: its plans' full lists of requirements become the scopes, each
plan keeps the entries its items link to, and its ``uncovered`` list the count. The
comparison then reads both the same way: a plan's requirements are its scope's, and
its uncovered ones the scope's ids that no entry of it names as implemented.

A regression is a plan whose coverage percent fell, or a risk of the new report in
band ``high`` without mitigation (the report's ``mitigated``, judged by
:func:`.scoring.risk_is_mitigated`) that was not so in the old one: added, moved
into ``high``, or left without mitigation. A plan that is gone is no regression.
"""

from __future__ import annotations

import datetime
import json
import reprlib
from collections.abc import Mapping
from dataclasses import MISSING, asdict, dataclass, fields, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from sphinx_implplan.plan.coverage import Coverage, OpenQuestion
from sphinx_implplan.plan.model import natural_key
from sphinx_implplan.plan.report import (
    REPORT_FILE,
    REPORT_VERSION,
    ChangedEntry,
    DecisionEntry,
    PhaseEntry,
    PlanReport,
    Report,
    RequirementEntry,
    RequirementInfo,
    RiskEntry,
    SuspectEntry,
)
from sphinx_implplan.plan.result_entries import TestEntry

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

#: the version of the diff's JSON, apart from the reports' own
DIFF_VERSION = 1

_NOT_A_REPORT = f"not an {REPORT_FILE} report"
_Record = TypeVar("_Record", bound="DataclassInstance")


#: the versions of ``implplan.json`` this package reads
READABLE_VERSIONS = (1, REPORT_VERSION)


class ReportError(ValueError):
    """Data that is no report of a version this package reads; one line."""


def _shown(text: str) -> str:
    # a plan id from the file, quoted where a line break would split the message
    return text if text.isprintable() else repr(text)


# -- reading a report back -----------------------------------------------------------


def _typed(data: Mapping[str, Any], key: str, where: str, kinds: tuple[type, ...]) -> Any:
    if key not in data:
        raise ReportError(f"{_NOT_A_REPORT}: {where}{key} is missing")
    value = data[key]
    # true is an int to Python, but no count
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        expected = " or ".join("null" if kind is type(None) else kind.__name__ for kind in kinds)
        raise ReportError(f"{_NOT_A_REPORT}: {where}{key} is not {expected}")
    return value


def _ids(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    values: list[Any] = _typed(data, key, where, (list,))
    if not all(isinstance(value, str) for value in values):
        raise ReportError(f"{_NOT_A_REPORT}: {where}{key} holds a value that is no str")
    return tuple(values)


#: the JSON types of the records' fields, by their annotations in :mod:`.report`
_FIELD_KINDS: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "str | None": (str, type(None)),
    "int": (int,),
    "int | None": (int, type(None)),
    "bool": (bool,),
}


def _record(record: type[_Record], data: Mapping[str, Any], where: str) -> _Record:
    """One record of the report, read by its fields' names: the keys of
    ``implplan.json`` are the field names of the records it is written from. A field
    with a default was added to the report after its version 1 was first written
    (a phase's ``late``): a report written before it lacks the key."""
    values = {
        field.name: _ids(data, field.name, where)
        if field.type == "tuple[str, ...]"
        else _typed(data, field.name, where, _FIELD_KINDS[str(field.type)])
        for field in fields(record)
        if field.name in data or field.default is MISSING
    }
    return record(**values)


def _records(
    record: type[_Record], data: Mapping[str, Any], key: str, where: str
) -> tuple[_Record, ...]:
    values: list[Any] = _typed(data, key, where, (list,))
    found = []
    for index, value in enumerate(values):
        if not isinstance(value, dict):
            raise ReportError(f"{_NOT_A_REPORT}: {where}{key}[{index}] is not an object")
        found.append(_record(record, value, f"{where}{key}[{index}]."))
    return tuple(found)


def _later_records(
    record: type[_Record], data: Mapping[str, Any], key: str, where: str
) -> tuple[_Record, ...]:
    # a key added to the report after its version 1 was first written: a report
    # written before it lacks the key, which reads as an empty list
    return _records(record, data, key, where) if key in data else ()


def _later_ids(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    return _ids(data, key, where) if key in data else ()


def _plan(plan_id: str, data: Mapping[str, Any], version: int) -> PlanReport:
    where = f"plans.{_shown(plan_id)}."
    text: dict[str, str | None] = {
        key: _typed(data, key, where, _FIELD_KINDS["str | None"])
        for key in ("docname", "status", "updated")
    }
    requirements = _records(RequirementEntry, data, "requirements", where)
    if version == 1:
        # every requirement in scope, with the ids of those not implemented: the
        # scope is made of the former by :func:`_scopes_of_version_1`
        uncovered = len(_ids(data, "uncovered", where))
        scope = plan_id
        open_questions = _records(OpenQuestion, data, "open_questions", where)
    else:
        uncovered = _typed(data, "uncovered", where, (int,))
        scope = _typed(data, "scope", where, (str,))
        # kept once per requirement: filled in from the plan's scope by read_report
        open_questions = ()
    return PlanReport(
        id=plan_id,
        title=_typed(data, "title", where, (str,)),
        docname=text["docname"],
        status=text["status"],
        updated=text["updated"],
        coverage=_record(Coverage, _typed(data, "coverage", where, (dict,)), f"{where}coverage."),
        requirements=requirements,
        uncovered=uncovered,
        phases=_records(PhaseEntry, data, "phases", where),
        risks=_records(RiskEntry, data, "risks", where),
        decisions=_records(DecisionEntry, data, "decisions", where),
        open_questions=open_questions,
        approved=_later_ids(data, "approved", where),
        suspect=_later_records(SuspectEntry, data, "suspect", where),
        changed_since_approval=_later_records(ChangedEntry, data, "changed_since_approval", where),
        not_approved=_later_ids(data, "not_approved", where),
        late=_later_ids(data, "late", where),
        not_started=_later_ids(data, "not_started", where),
        tests=_later_records(TestEntry, data, "tests", where),
        scope=scope,
    )


def _linked(entry: RequirementEntry) -> bool:
    return bool(entry.implemented_by or entry.verified_by or entry.measured_by)


def _scopes_of_version_1(plans: tuple[PlanReport, ...], version: int) -> Report:
    """A report of version 1 as version 2 keeps it: each plan's list of requirements
    in scope is its scope (one per distinct list), and the plan keeps the entries
    its items link to."""
    requirements: dict[str, RequirementInfo] = {}
    names: dict[tuple[str, ...], str] = {}
    upgraded = []
    for plan in plans:
        ids = tuple(entry.id for entry in plan.requirements)
        questions: dict[str, list[str]] = {}
        for found in plan.open_questions:
            questions.setdefault(found.requirement, []).append(found.question)
        for entry in plan.requirements:
            # a version 1 report kept no document per requirement
            requirements.setdefault(
                entry.id, RequirementInfo(entry.title, None, tuple(questions.get(entry.id, ())))
            )
        upgraded.append(
            replace(
                plan,
                requirements=tuple(entry for entry in plan.requirements if _linked(entry)),
                scope=names.setdefault(ids, plan.id),
            )
        )
    return Report(
        tuple(upgraded),
        requirements=requirements,
        scopes={name: ids for ids, name in names.items()},
        version=version,
    )


def _requirement_infos(data: Mapping[str, Any]) -> dict[str, RequirementInfo]:
    found: dict[str, Any] = _typed(data, "requirements", "", (dict,))
    infos = {}
    for rid, entry in found.items():
        where = f"requirements.{_shown(rid)}"
        if not isinstance(entry, dict):
            raise ReportError(f"{_NOT_A_REPORT}: {where} is not an object")
        infos[rid] = _record(RequirementInfo, entry, f"{where}.")
    return infos


def _scopes(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    found: dict[str, Any] = _typed(data, "scopes", "", (dict,))
    return {name: _ids(found, name, "scopes.") for name in found}


def read_report(data: object) -> Report:
    """The records of a parsed ``implplan.json`` of version 1 or 2;
    :class:`ReportError` for anything else, a report of another version included."""
    if not isinstance(data, dict) or "version" not in data or "plans" not in data:
        raise ReportError(f"{_NOT_A_REPORT}: no version and plans at its top")
    version = data["version"]
    if type(version) is not int or version not in READABLE_VERSIONS:
        readable = " and ".join(str(number) for number in READABLE_VERSIONS)
        raise ReportError(
            f"a report of version {reprlib.repr(version)}; this implplan reads versions {readable}"
        )
    plans_data: dict[str, Any] = _typed(data, "plans", "", (dict,))
    for plan_id, plan in plans_data.items():
        if not isinstance(plan, dict):
            raise ReportError(f"{_NOT_A_REPORT}: plans.{_shown(plan_id)} is not an object")
    plans = tuple(_plan(plan_id, plan, version) for plan_id, plan in plans_data.items())
    if version == 1:
        return _scopes_of_version_1(plans, version)
    scopes = _scopes(data)
    for plan in plans:
        if plan.scope not in scopes:
            raise ReportError(
                f"{_NOT_A_REPORT}: plans.{_shown(plan.id)}.scope names no scope: "
                f"{reprlib.repr(plan.scope)}"
            )
    requirements = _requirement_infos(data)
    plans = tuple(
        replace(plan, open_questions=_open_questions(scopes[plan.scope], requirements))
        for plan in plans
    )
    return Report(plans, requirements=requirements, scopes=scopes, version=version)


def _open_questions(
    scope: tuple[str, ...], requirements: Mapping[str, RequirementInfo]
) -> tuple[OpenQuestion, ...]:
    """The markers in the requirements of a scope, by requirement id then as written."""
    return tuple(
        OpenQuestion(rid, question)
        for rid in scope
        if rid in requirements
        for question in requirements[rid].open_questions
    )


# -- the comparison ------------------------------------------------------------------


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
