"""A plan report read back from ``implplan.json`` into the records it was written
from (:class:`.report.Report`), for :mod:`.report_diff`. No Sphinx imports.

A report of version 1 (a baseline kept from before version 2) is read into the
records of version 2: its plans' full lists of requirements become the scopes, each
plan keeps the entries its items link to, its ``uncovered`` list the count, and its
open questions go to their requirements. Anything else that is no report of a
version this package reads is a :class:`ReportError` of one line.
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from dataclasses import MISSING, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from sphinx_implplan.plan.coverage import Coverage, OpenQuestion
from sphinx_implplan.plan.report import REPORT_FILE, REPORT_VERSION, PlanReport, Report
from sphinx_implplan.plan.report_entries import (
    ChangedEntry,
    DecisionEntry,
    PhaseEntry,
    RequirementEntry,
    RequirementInfo,
    RiskEntry,
    SuspectEntry,
)
from sphinx_implplan.plan.result_entries import TestEntry

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

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
