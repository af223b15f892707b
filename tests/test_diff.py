"""The comparison of two plan reports (``plan/report_diff.py``, each read back by
``plan/report_reading.py``), on the ``implplan.json`` of real builds: the check-ok
project with a decision, then the same project after a change of each kind a
reviewer is told about. The edge cases
are copies of a real report with one value changed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from build_helpers import copy_root, edit

from sphinx_implplan.cli.check import build
from sphinx_implplan.plan.report import dump_report
from sphinx_implplan.plan.report_diff import (
    DIFF_VERSION,
    Moved,
    PlanChange,
    PlanDiff,
    Progress,
    ReportDiff,
    diff_reports,
    dump_diff,
)
from sphinx_implplan.plan.report_reading import ReportError, read_report

DECISION = """
```{impl-decision} Where notes live
:id: DEC_STORE
:choice: SQLite
:status: proposed
```
"""

EXTRA_PLAN = """# Extra

```{impl-plan} Extra
:id: PLAN_EXTRA
:spec: spec
```

```{impl-risk} Vendor goes away
:id: RISK_VENDOR
:impact: high
:likelihood: high
```
"""


def built_report(src: Path, workdir: Path) -> dict[str, Any]:
    """The ``implplan.json`` of a real build of ``src``, parsed."""
    data: dict[str, Any] = json.loads(build(src, workdir, src.name).report_bytes)
    return data


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("diff-before")
    src = copy_root("check-ok", folder / "src")
    with (src / "plan.md").open("a", encoding="utf8") as plan:
        plan.write(DECISION)
    return built_report(src, folder / "build")


@pytest.fixture(scope="module")
def after(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("diff-after")
    src = copy_root("check-ok", folder / "src")
    plan = src / "plan.md"
    with plan.open("a", encoding="utf8") as text:
        text.write(DECISION.replace(":status: proposed", ":status: accepted"))
        text.write("\n```{impl-risk} Quota\n:id: RISK_QUOTA\n:impact: low\n:likelihood: low\n```\n")
    with (src / "spec.md").open("a", encoding="utf8") as spec:
        spec.write("\n```{req} Share notes\n:id: FR_003\n```\n")
    edit(plan, ":implements: FR_002.push\n", "")
    edit(plan, ":impact: medium\n:likelihood: low\n", ":impact: high\n:likelihood: high\n")
    edit(plan, ":mitigation: Write-ahead log\n", ":mitigation: Write-ahead log\n:status: closed\n")
    edit(plan, ":start: 2027-01-04", ":start: 2027-01-07")
    edit(plan, "- [ ] Migrations", "- [x] Migrations")
    # one plan gone, one new
    (src / "notes.md").unlink()
    (src / "extra.md").write_text(EXTRA_PLAN, encoding="utf8")
    edit(src / "index.md", "notes\n", "extra\n")
    return built_report(src, folder / "build")


@pytest.fixture(scope="module")
def diff(before: dict[str, Any], after: dict[str, Any]) -> ReportDiff:
    return diff_reports(read_report(before), read_report(after))


def plan_of(diff: ReportDiff, plan_id: str) -> PlanDiff:
    (found,) = [plan for plan in diff.plans if plan.id == plan_id]
    return found


# -- reading a report back ------------------------------------------------------------


def test_a_report_reads_back_into_the_records_it_was_written_from(
    before: dict[str, Any],
) -> None:
    report = read_report(before)
    assert json.loads(dump_report(report)) == before
    assert {plan.id for plan in report.plans} == {"PLAN_OK", "PLAN_NOTES"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: [data], "not an implplan.json report: no version and plans at its top"),
        (lambda data: {"plans": data["plans"]}, "no version and plans"),
        (
            lambda data: {**data, "version": 3},
            "a report of version 3; this implplan reads versions 1 and 2",
        ),
        (lambda data: {**data, "scopes": []}, "scopes is not dict"),
        (lambda data: {**data, "scopes": {"all": "FR_001"}}, "scopes.all is not list"),
        (lambda data: {**data, "requirements": {"FR_001": 1}}, "requirements.FR_001 is not an"),
        (lambda data: {**data, "version": True}, "a report of version True"),
        (lambda data: {**data, "version": "1"}, "a report of version '1'"),
        (lambda data: {**data, "plans": []}, "plans is not dict"),
        (lambda data: {**data, "plans": {"P": 1}}, "plans.P is not an object"),
    ],
)
def test_no_report_is_named_in_one_line(before: dict[str, Any], change: Any, message: str) -> None:
    with pytest.raises(ReportError) as raised:
        read_report(change(copy.deepcopy(before)))
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("coverage",), None, "plans.PLAN_OK.coverage is not dict"),
        (("coverage", "implemented"), True, "plans.PLAN_OK.coverage.implemented is not int"),
        (("risks", 0, "band"), 3, "plans.PLAN_OK.risks[0].band is not str or null"),
        (("risks", 0, "mitigated"), "yes", "plans.PLAN_OK.risks[0].mitigated is not bool"),
        (("phases", 1), "PH_2", "plans.PLAN_OK.phases[1] is not an object"),
        (("uncovered",), ["FR_001"], "plans.PLAN_OK.uncovered is not int"),
        (("scope",), None, "plans.PLAN_OK.scope is not str"),
        (("scope",), "PLAN_404", "plans.PLAN_OK.scope names no scope: 'PLAN_404'"),
        (("requirements", 0, "implemented_by"), "CMP_STORE", "implemented_by is not list"),
    ],
)
def test_a_wrong_value_is_named_by_its_place(
    before: dict[str, Any], path: tuple[str | int, ...], value: object, message: str
) -> None:
    data = copy.deepcopy(before)
    *parents, last = path
    place: Any = data["plans"]["PLAN_OK"]
    for step in parents:
        place = place[step]
    place[last] = value
    with pytest.raises(ReportError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_report(data)


def test_a_missing_key_is_named_at_the_top(before: dict[str, Any]) -> None:
    data = copy.deepcopy(before)
    del data["scopes"]
    with pytest.raises(ReportError, match=r"not an implplan.json report: scopes is missing"):
        read_report(data)


def test_a_missing_key_is_named(before: dict[str, Any]) -> None:
    data = copy.deepcopy(before)
    del data["plans"]["PLAN_OK"]["decisions"][0]["status"]
    with pytest.raises(ReportError, match=r"plans\.PLAN_OK\.decisions\[0\]\.status is missing"):
        read_report(data)


# -- the comparison of two real builds -----------------------------------------------


def test_the_same_report_has_no_change(before: dict[str, Any]) -> None:
    same = diff_reports(read_report(before), read_report(before))
    assert same == ReportDiff(())
    assert same.to_json() == {"version": 1, "plans": {}, "regressions": ()}


def test_plans_added_and_removed(diff: ReportDiff) -> None:
    assert [(plan.id, plan.change) for plan in diff.plans] == [
        ("PLAN_EXTRA", PlanChange.ADDED),
        ("PLAN_NOTES", PlanChange.REMOVED),
        ("PLAN_OK", PlanChange.CHANGED),
    ]
    gone = plan_of(diff, "PLAN_NOTES")
    assert gone.coverage_after is None
    assert gone.coverage_before is not None
    assert gone.coverage_before.requirements == 0
    assert gone.regressions == ()
    # a new plan is compared with an empty one: its risks are new
    added = plan_of(diff, "PLAN_EXTRA")
    assert added.coverage_before is None
    assert [risk.id for risk in added.risks_added] == ["RISK_VENDOR"]
    assert added.unmitigated_high_risks == ("RISK_VENDOR",)


def test_requirements_added_and_newly_uncovered(diff: ReportDiff) -> None:
    plan = plan_of(diff, "PLAN_OK")
    assert [entry.id for entry in plan.requirements_added] == ["FR_003"]
    assert plan.requirements_added[0].implemented_by == ()
    assert [entry.id for entry in plan.newly_uncovered] == ["FR_002"]
    assert plan.newly_covered == ()
    assert plan.requirements_removed == ()


def test_coverage_before_and_after_and_the_drop(diff: ReportDiff) -> None:
    plan = plan_of(diff, "PLAN_OK")
    assert plan.coverage_before is not None
    assert plan.coverage_after is not None
    assert (plan.coverage_before.implemented, plan.coverage_before.requirements) == (2, 2)
    assert (plan.coverage_after.implemented, plan.coverage_after.requirements) == (1, 3)
    assert plan.coverage_dropped
    assert "coverage of PLAN_OK dropped from 100.0% to 33.3%" in plan.regressions


def test_risks_added_closed_and_moved(diff: ReportDiff) -> None:
    plan = plan_of(diff, "PLAN_OK")
    assert [(risk.id, risk.band) for risk in plan.risks_added] == [("RISK_QUOTA", "low")]
    assert plan.risks_closed == (Moved("RISK_LOSS", "Data loss", "open", "closed"),)
    assert plan.bands_moved == (Moved("RISK_SLOW", "Slow sync", "low", "high"),)
    # moved into high without a mitigation: a regression
    assert plan.unmitigated_high_risks == ("RISK_SLOW",)
    assert "new high risk RISK_SLOW has no mitigation" in plan.regressions


def test_phase_ends_moved_with_days_and_deliverables_done(diff: ReportDiff) -> None:
    plan = plan_of(diff, "PLAN_OK")
    # PH_2 follows PH_1, so both ends move
    assert plan.ends_moved == (
        Moved("PH_1", "Build the store", "2027-01-17", "2027-01-20", 3),
        Moved("PH_2", "Ship sync", "2027-01-24", "2027-01-27", 3),
    )
    assert plan.deliverables_done == (Progress("PH_1", "Build the store", 1, 2, 2),)


def test_decisions_whose_status_changed(diff: ReportDiff) -> None:
    plan = plan_of(diff, "PLAN_OK")
    assert plan.decisions_changed == (
        Moved("DEC_STORE", "Where notes live", "proposed", "accepted"),
    )


def test_the_other_way_round(before: dict[str, Any], after: dict[str, Any]) -> None:
    back = plan_of(diff_reports(read_report(after), read_report(before)), "PLAN_OK")
    assert [entry.id for entry in back.newly_covered] == ["FR_002"]
    assert [entry.id for entry in back.requirements_removed] == ["FR_003"]
    assert [risk.id for risk in back.risks_removed] == ["RISK_QUOTA"]
    assert back.ends_moved[0].days == -3
    # coverage rose and no high risk is left unmitigated
    assert back.regressions == ()


def test_json_is_sorted_and_stable(diff: ReportDiff, before: dict[str, Any]) -> None:
    text = dump_diff(diff)
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert list(data["plans"]) == ["PLAN_EXTRA", "PLAN_NOTES", "PLAN_OK"]
    plan = data["plans"]["PLAN_OK"]
    assert plan["change"] == "changed"
    assert plan["coverage_before"]["percent"] == 100.0
    assert plan["coverage_after"]["percent"] == 33.3
    assert plan["coverage_dropped"] is True
    assert plan["newly_uncovered"][0]["id"] == "FR_002"
    assert plan["ends_moved"][0]["days"] == 3
    assert data["plans"]["PLAN_NOTES"]["coverage_after"] is None
    assert data["regressions"] == [
        "new high risk RISK_VENDOR has no mitigation",
        "coverage of PLAN_OK dropped from 100.0% to 33.3%",
        "new high risk RISK_SLOW has no mitigation",
    ]


def test_json_has_its_own_format_version(diff: ReportDiff) -> None:
    data = json.loads(dump_diff(diff))
    assert data["version"] == DIFF_VERSION == 1
    assert sorted(data) == ["plans", "regressions", "version"]


# -- a report of version 1, kept from before version 2 ---------------------------------


def as_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as version 1 wrote it: every requirement in scope listed per plan,
    with the ids of those not implemented, and nothing kept once for all plans."""
    old = copy.deepcopy(data)
    requirements = old.pop("requirements")
    titles = {rid: entry["title"] for rid, entry in requirements.items()}
    scopes = old.pop("scopes")
    for plan in old["plans"].values():
        plan["open_questions"] = [
            {"requirement": rid, "question": question}
            for rid in scopes[plan["scope"]]
            for question in requirements[rid]["open_questions"]
        ]
        linked = {entry["id"]: entry for entry in plan["requirements"]}
        blank = {"implemented_by": [], "verified_by": [], "measured_by": [], "passing": False}
        plan["requirements"] = [
            linked.get(rid, {"id": rid, "title": titles[rid], **blank})
            for rid in scopes[plan.pop("scope")]
        ]
        plan["uncovered"] = [e["id"] for e in plan["requirements"] if not e["implemented_by"]]
    old["version"] = 1
    return old


def test_a_version_1_report_is_compared_as_its_version_2(
    before: dict[str, Any], after: dict[str, Any], diff: ReportDiff
) -> None:
    old = as_version_1(before)
    assert len(old["plans"]["PLAN_OK"]["requirements"]) == 2
    assert dump_diff(diff_reports(read_report(old), read_report(after))) == dump_diff(diff)
    assert diff_reports(read_report(old), read_report(before)).plans == ()
    back = diff_reports(read_report(after), read_report(as_version_1(before)))
    assert back == diff_reports(read_report(after), read_report(before))


def test_a_version_1_report_reads_into_scopes(before: dict[str, Any]) -> None:
    report = read_report(as_version_1(before))
    assert report.version == 1
    plan = {plan.id: plan for plan in report.plans}["PLAN_OK"]
    assert report.scope_of(plan) == ("FR_001", "FR_002")
    assert report.uncovered_ids(plan) == []
    assert plan.uncovered == 0
    # the open questions, per plan in version 1, come back the same as from version 2
    assert [plan.open_questions for plan in report.plans] == [
        plan.open_questions for plan in read_report(before).plans
    ]


# -- one value changed in a real report ------------------------------------------------


def changed(before: dict[str, Any], **risk_values: object) -> PlanDiff | None:
    """The diff of PLAN_OK after setting ``risk_values`` on its first risk (RISK_LOSS,
    high and mitigated), or ``None`` when nothing changed."""
    data = copy.deepcopy(before)
    data["plans"]["PLAN_OK"]["risks"][0].update(risk_values)
    found = diff_reports(read_report(before), read_report(data)).plans
    return found[0] if found else None


def test_a_high_risk_that_loses_its_mitigation_is_a_regression(before: dict[str, Any]) -> None:
    plan = changed(before, mitigated=False)
    assert plan is not None
    assert plan.unmitigated_high_risks == ("RISK_LOSS",)
    assert plan.bands_moved == ()


def test_a_high_risk_unmitigated_before_is_not_new(before: dict[str, Any]) -> None:
    data = copy.deepcopy(before)
    data["plans"]["PLAN_OK"]["risks"][0]["mitigated"] = False
    still = copy.deepcopy(data)
    still["plans"]["PLAN_OK"]["risks"][0]["status"] = "accepted"
    plan = diff_reports(read_report(data), read_report(still)).plans[0]
    assert plan.unmitigated_high_risks == ()
    assert plan.risks_closed == (Moved("RISK_LOSS", "Data loss", "open", "accepted"),)
    assert plan.regressions == ()


def test_a_band_that_appears_and_an_end_that_is_lost(before: dict[str, Any]) -> None:
    data = copy.deepcopy(before)
    data["plans"]["PLAN_OK"]["risks"][1]["band"] = None
    data["plans"]["PLAN_OK"]["phases"][0]["end"] = None
    plan = diff_reports(read_report(data), read_report(before)).plans[0]
    assert plan.bands_moved == (Moved("RISK_SLOW", "Slow sync", None, "low"),)
    assert plan.ends_moved == (Moved("PH_1", "Build the store", None, "2027-01-17", None),)


def test_no_coverage_is_no_drop(before: dict[str, Any]) -> None:
    data = copy.deepcopy(before)
    data["plans"]["PLAN_OK"]["coverage"].update(requirements=0, implemented=0)
    plan = diff_reports(read_report(before), read_report(data)).plans[0]
    assert plan.coverage_after is not None
    assert plan.coverage_after.percent is None
    assert not plan.coverage_dropped


def test_a_title_alone_is_no_change(before: dict[str, Any]) -> None:
    data = copy.deepcopy(before)
    data["plans"]["PLAN_OK"]["title"] = "Renamed"
    data["plans"]["PLAN_OK"]["updated"] = "2027-01-01"
    assert diff_reports(read_report(before), read_report(data)).plans == ()
