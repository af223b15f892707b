"""The machine-readable report (``implplan.json``) of a corpus written by hand: every
key of the contract's shape, lists in id order, the same bytes every time.
No Sphinx build."""

from __future__ import annotations

import json
import random
from typing import Any

from sphinx_implplan.plan.approvals import Approval, ApprovalState, ApprovalStates, ItemApproval
from sphinx_implplan.plan.coverage import coverage_of, open_questions_of, trace_rows
from sphinx_implplan.plan.model import Corpus, Item
from sphinx_implplan.plan.plan_coverage import plan_trace
from sphinx_implplan.plan.report import REPORT_FILE, build_report, dump_report
from sphinx_implplan.plan.rollup import plan_scope


def _items() -> list[Item]:
    def item(item_id: str, item_type: str, title: str, plan: str, **extra: Any) -> Item:
        return Item(item_id, item_type, title, docname="plans/alpha", plan=plan, **extra)

    return [
        Item(
            "PLAN_1",
            "impl-plan",
            "Überblick — Alpha",
            docname="plans/alpha",
            lineno=1,
            status="in-progress",
            fields={"spec": ["spec/core"], "updated": "2024-05-01"},
        ),
        Item("PLAN_2", "impl-plan", "Beta", docname="plans/beta", lineno=1),
        Item(
            "PLAN_3",
            "impl-plan",
            "Gamma",
            docname="plans/gamma",
            status="draft",
            fields={"spec": ["spec/empty"]},
        ),
        # another project's plan: not reported
        Item("PLAN_X", "impl-plan", "Remote", external=True),
        Item("REQ_1", "req", "Log in", docname="spec/core"),
        # open questions: a bare marker; two markers; one outside PLAN_1's spec
        Item("REQ_2", "req", "Log out", docname="spec/core", open_questions=("",)),
        Item(
            "REQ_10",
            "req",
            "Élan",
            docname="spec/core",
            open_questions=("Which locales?", "Accents in ids?"),
        ),
        Item("REQ_3", "req", "Export", docname="spec/other", open_questions=("CSV or JSON?",)),
        item(
            "CMP_1", "impl-component", "Auth", "PLAN_1", links={"implements": ("REQ_10", "REQ_1")}
        ),
        item("TEST_1", "impl-test", "Login test", "PLAN_1", links={"verifies": ("REQ_1",)}),
        item("MET_1", "impl-metric", "Latency", "PLAN_1", links={"measures": ("REQ_10",)}),
        item(
            "PH_10",
            "impl-phase",
            "Launch",
            "PLAN_1",
            lineno=10,
            status="done",
            fields={
                "start": "2024-06-01",
                "end": "2024-06-30",
                "deliverables_done": 2,
                "deliverables_total": 2,
            },
            links={"depends": ("PH_2",)},
        ),
        item(
            "PH_2",
            "impl-phase",
            "Prepare",
            "PLAN_1",
            lineno=20,
            status="planned",
            links={"mitigates": ("RISK_2",)},
        ),
        item(
            "PH_5",
            "impl-phase",
            "Ship",
            "PLAN_1",
            lineno=30,
            fields={"deliverables_done": True, "deliverables_total": 3},
        ),
        item(
            "RISK_2",
            "impl-risk",
            "Vendor lock-in",
            "PLAN_1",
            status="open",
            fields={"impact": "high", "likelihood": "medium", "score": 6, "band": "high"},
        ),
        item(
            "RISK_1",
            "impl-risk",
            "Timeouts",
            "PLAN_1",
            status="closed",
            fields={
                "impact": "low",
                "likelihood": "low",
                "score": 1,
                "band": "low",
                "mitigation": "Retry with backoff",
            },
        ),
        item("RISK_3", "impl-risk", "Unknown unknowns", "PLAN_1", status="open"),
        item(
            "DEC_1",
            "impl-decision",
            "Database",
            "PLAN_1",
            status="accepted",
            fields={"choice": "PostgreSQL"},
        ),
        item("DEC_2", "impl-decision", "Queue", "PLAN_1"),
        item("CMP_2", "impl-component", "Exporter", "PLAN_2", links={"implements": ("REQ_3",)}),
        item("TEST_2", "impl-test", "Logout test", "PLAN_2", links={"verifies": ("REQ_2",)}),
        item(
            "DEC_3",
            "impl-decision",
            "Format",
            "PLAN_2",
            status="superseded",
            fields={"choice": "CSV"},
        ),
    ]


#: the approval lists of a plan no baseline holds
NOT_UNDER_APPROVAL: dict[str, Any] = {
    "approved": [],
    "suspect": [],
    "changed_since_approval": [],
    "not_approved": [],
}

#: the keys of a build without test results, whose phases have no day to be late on
NO_TIMING_OR_RESULTS: dict[str, Any] = {"late": [], "not_started": [], "tests": []}

EXPECTED: dict[str, Any] = {
    "version": 2,
    "plans": {
        "PLAN_1": {
            "title": "Überblick — Alpha",
            "scope": "PLAN_1",
            "docname": "plans/alpha",
            "status": "in-progress",
            "updated": "2024-05-01",
            # spec/core: REQ_1, REQ_2, REQ_10; 2 of 3 implemented
            "coverage": {
                "requirements": 3,
                "implemented": 2,
                "verified": 1,
                "measured": 1,
                "percent": 66.7,
                "open_questions": 3,
                "passing": 0,
            },
            "requirements": [
                {
                    "id": "REQ_1",
                    "title": "Log in",
                    "implemented_by": ["CMP_1"],
                    "verified_by": ["TEST_1"],
                    "measured_by": [],
                    "passing": False,
                },
                {
                    "id": "REQ_10",
                    "title": "Élan",
                    "implemented_by": ["CMP_1"],
                    "verified_by": [],
                    "measured_by": ["MET_1"],
                    "passing": False,
                },
            ],
            # only the requirements its items link to; REQ_2 is in scope, linked by none
            "uncovered": 1,
            "phases": [
                {
                    "id": "PH_2",
                    "title": "Prepare",
                    "start": None,
                    "end": None,
                    "depends": [],
                    "done": None,
                    "total": None,
                    "status": "planned",
                    "late": False,
                    "not_started": False,
                },
                {
                    "id": "PH_5",
                    "title": "Ship",
                    "start": None,
                    "end": None,
                    "depends": [],
                    "done": None,
                    "total": 3,
                    "status": None,
                    "late": False,
                    "not_started": False,
                },
                {
                    "id": "PH_10",
                    "title": "Launch",
                    "start": "2024-06-01",
                    "end": "2024-06-30",
                    "depends": ["PH_2"],
                    "done": 2,
                    "total": 2,
                    "status": "done",
                    "late": False,
                    "not_started": False,
                },
            ],
            "risks": [
                {
                    "id": "RISK_1",
                    "title": "Timeouts",
                    "impact": "low",
                    "likelihood": "low",
                    "score": 1,
                    "band": "low",
                    "status": "closed",
                    "mitigated": True,
                },
                {
                    "id": "RISK_2",
                    "title": "Vendor lock-in",
                    "impact": "high",
                    "likelihood": "medium",
                    "score": 6,
                    "band": "high",
                    "status": "open",
                    "mitigated": True,
                },
                {
                    "id": "RISK_3",
                    "title": "Unknown unknowns",
                    "impact": None,
                    "likelihood": None,
                    "score": None,
                    "band": None,
                    "status": "open",
                    "mitigated": False,
                },
            ],
            "decisions": [
                {"id": "DEC_1", "title": "Database", "choice": "PostgreSQL", "status": "accepted"},
                {"id": "DEC_2", "title": "Queue", "choice": None, "status": None},
            ],
            **NOT_UNDER_APPROVAL,
            **NO_TIMING_OR_RESULTS,
        },
        "PLAN_2": {
            "title": "Beta",
            "scope": "all",
            "docname": "plans/beta",
            "status": None,
            "updated": None,
            # no spec: all four requirements; REQ_3 implemented, REQ_2 only verified
            "coverage": {
                "requirements": 4,
                "implemented": 1,
                "verified": 1,
                "measured": 0,
                "percent": 25.0,
                "open_questions": 4,
                "passing": 0,
            },
            "requirements": [
                {
                    "id": "REQ_2",
                    "title": "Log out",
                    "implemented_by": [],
                    "verified_by": ["TEST_2"],
                    "measured_by": [],
                    "passing": False,
                },
                {
                    "id": "REQ_3",
                    "title": "Export",
                    "implemented_by": ["CMP_2"],
                    "verified_by": [],
                    "measured_by": [],
                    "passing": False,
                },
            ],
            "uncovered": 3,
            "phases": [],
            "risks": [],
            "decisions": [
                {"id": "DEC_3", "title": "Format", "choice": "CSV", "status": "superseded"},
            ],
            **NOT_UNDER_APPROVAL,
            **NO_TIMING_OR_RESULTS,
        },
        "PLAN_3": {
            "title": "Gamma",
            "scope": "PLAN_3",
            "docname": "plans/gamma",
            "status": "draft",
            "updated": None,
            # its spec document holds no requirement
            "coverage": {
                "requirements": 0,
                "implemented": 0,
                "verified": 0,
                "measured": 0,
                "percent": None,
                "open_questions": 0,
                "passing": 0,
            },
            "requirements": [],
            "uncovered": 0,
            "phases": [],
            "risks": [],
            "decisions": [],
            **NOT_UNDER_APPROVAL,
            **NO_TIMING_OR_RESULTS,
        },
    },
    # every requirement in some plan's scope, once
    "requirements": {
        # each requirement's open questions once, as written, whichever plans count it
        "REQ_1": {"title": "Log in", "docname": "spec/core", "open_questions": []},
        "REQ_2": {"title": "Log out", "docname": "spec/core", "open_questions": [""]},
        "REQ_3": {"title": "Export", "docname": "spec/other", "open_questions": ["CSV or JSON?"]},
        "REQ_10": {
            "title": "Élan",
            "docname": "spec/core",
            "open_questions": ["Which locales?", "Accents in ids?"],
        },
    },
    # PLAN_2 has no spec: every requirement; PLAN_1 and PLAN_3 name their own
    "scopes": {
        "all": ["REQ_1", "REQ_2", "REQ_3", "REQ_10"],
        "PLAN_1": ["REQ_1", "REQ_2", "REQ_10"],
        "PLAN_3": [],
    },
}


def test_a_plan_s_trace_counts_what_its_trace_rows_count() -> None:
    """The report's walk of a plan's own links gives the figures of one row per
    requirement in its scope, as the views count them."""
    extra = [
        Item("PLAN_4", "impl-plan", "Delta", docname="plans/delta"),
        Item("RISK_4", "impl-risk", "R", plan="PLAN_4", links={"affects": ("REQ_1", "REQ_404")}),
        Item("CMP_4", "impl-component", "C", plan="PLAN_4", links={"addresses": ("REQ_2",)}),
        # a metric's :implements: counts, its :verifies: does not
        Item("MET_4", "impl-metric", "M", plan="PLAN_4", links={"implements": ("REQ_3",)}),
    ]
    corpus = Corpus([*_items(), *extra])
    for plan in corpus.plans:
        rows = trace_rows(corpus, plan_scope(corpus, plan.id))
        trace = plan_trace(corpus, plan)
        assert trace.coverage == coverage_of(rows)
        assert trace.scope.open_questions == tuple(open_questions_of(rows))
        in_scope = [requirement.id for requirement in trace.scope.requirements]
        assert in_scope == [row.requirement.id for row in rows]
        assert list(trace.linked) == [
            row for row in rows if row.implemented or row.verified or row.measured
        ]


def test_plans_of_one_selection_share_its_requirements() -> None:
    corpus = Corpus([*_items(), Item("PLAN_4", "impl-plan", "Delta", docname="plans/delta")])
    shared = plan_trace(corpus, corpus.items["PLAN_2"]).scope
    assert plan_trace(corpus, corpus.items["PLAN_4"]).scope is shared
    report = build_report(corpus)
    assert {plan.id: plan.scope for plan in report.plans}["PLAN_4"] == "all"
    assert set(report.scopes) == {"all", "PLAN_1", "PLAN_3"}
    by_id = {plan.id: plan for plan in report.plans}
    assert report.uncovered_ids(by_id["PLAN_4"]) == ["REQ_1", "REQ_2", "REQ_3", "REQ_10"]
    assert report.uncovered_ids(by_id["PLAN_2"]) == ["REQ_1", "REQ_2", "REQ_10"]


def test_a_plan_named_all_never_shares_the_name_of_every_requirement_s_scope() -> None:
    # a project whose id rule allows the id "all": its plan counts one document
    corpus = Corpus(
        [*_items(), Item("all", "impl-plan", "Zeta", docname="z", fields={"spec": ["spec/other"]})]
    )
    report = build_report(corpus)
    by_id = {plan.id: plan for plan in report.plans}
    assert by_id["all"].scope == "plan:all"
    assert report.scopes["plan:all"] == ("REQ_3",)
    assert by_id["PLAN_2"].scope == "all"
    assert len(report.scopes["all"]) == 4


def test_report_file_name() -> None:
    assert REPORT_FILE == "implplan.json"


def test_build_report_whole_shape() -> None:
    assert build_report(Corpus(_items())).to_json() == EXPECTED


def test_report_of_an_empty_corpus() -> None:
    empty = {"version": 2, "plans": {}, "requirements": {}, "scopes": {}}
    assert build_report(Corpus([])).to_json() == empty
    assert dump_report(build_report(Corpus([]))) == (
        '{\n  "plans": {},\n  "requirements": {},\n  "scopes": {},\n  "version": 2\n}\n'
    )


def test_dump_is_stable_and_ends_with_a_newline() -> None:
    first = dump_report(build_report(Corpus(_items())))
    second = dump_report(build_report(Corpus(_items())))
    assert first == second
    assert first.endswith("}\n")
    assert not first.endswith("\n\n")
    assert json.loads(first) == EXPECTED


def test_dump_does_not_depend_on_insertion_order() -> None:
    expected = dump_report(build_report(Corpus(_items())))
    orders = [list(reversed(_items()))]
    for seed in range(5):
        shuffled = _items()
        random.Random(seed).shuffle(shuffled)
        orders.append(shuffled)
    for items in orders:
        assert dump_report(build_report(Corpus(items))) == expected


def test_dump_keeps_non_ascii_and_sorts_keys() -> None:
    text = dump_report(build_report(Corpus(_items())))
    assert '"title": "Überblick — Alpha"' in text
    assert '"title": "Élan"' in text
    assert "\\u" not in text
    # keys sorted, two-space indent
    assert text.startswith('{\n  "plans": {\n    "PLAN_1": {\n      "approved": [],\n')
    assert text.index('"PH_2"') < text.index('"PH_5"') < text.index('"PH_10"')


def test_dump_of_a_small_report() -> None:
    report = build_report(Corpus([Item("P", "impl-plan", "Ä", docname="plan")]))
    coverage = (
        '{"implemented": 0, "measured": 0, "open_questions": 0, "passing": 0, '
        '"percent": null, "requirements": 0, "verified": 0}'
    )
    assert dump_report(report) == (
        "{\n"
        '  "plans": {\n'
        '    "P": {\n'
        '      "approved": [],\n'
        '      "changed_since_approval": [],\n'
        f'      "coverage": {coverage},\n'
        '      "decisions": [],\n'
        '      "docname": "plan",\n'
        '      "late": [],\n'
        '      "not_approved": [],\n'
        '      "not_started": [],\n'
        '      "phases": [],\n'
        '      "requirements": [],\n'
        '      "risks": [],\n'
        '      "scope": "all",\n'
        '      "status": null,\n'
        '      "suspect": [],\n'
        '      "tests": [],\n'
        '      "title": "Ä",\n'
        '      "uncovered": 0,\n'
        '      "updated": null\n'
        "    }\n"
        "  },\n"
        '  "requirements": {},\n'
        '  "scopes": {\n'
        '    "all": []\n'
        "  },\n"
        '  "version": 2\n'
        "}\n"
    )


def test_ids_equal_as_numbers_do_not_depend_on_insertion_order() -> None:
    items = [
        Item("PLAN_1", "impl-plan", "P", docname="plan"),
        Item("REQ_2", "req", "two", docname="spec"),
        Item("REQ_02", "req", "oh-two", docname="spec"),
        Item("CMP_2", "impl-component", "c", plan="PLAN_1", links={"implements": ("REQ_2",)}),
        Item("CMP_02", "impl-component", "c", plan="PLAN_1", links={"implements": ("REQ_2",)}),
    ]
    forward = build_report(Corpus(items)).to_json()
    assert forward["scopes"]["all"] == ["REQ_02", "REQ_2"]
    assert [row["id"] for row in forward["plans"]["PLAN_1"]["requirements"]] == ["REQ_2"]
    assert forward["plans"]["PLAN_1"]["requirements"][0]["implemented_by"] == ["CMP_02", "CMP_2"]
    assert build_report(Corpus(reversed(items))).to_json() == forward


def test_the_approval_lists_of_a_plan_under_approval() -> None:
    entry = Approval("a" * 64, {}, "2027-02-01")
    items = [
        Item("PLAN_1", "impl-plan", "P", docname="plan"),
        Item("CMP_1", "impl-component", "c", plan="PLAN_1"),
        Item("CMP_2", "impl-component", "c", plan="PLAN_1"),
        Item("CMP_10", "impl-component", "c", plan="PLAN_1"),
        Item("TEST_1", "impl-test", "t", plan="PLAN_1"),
        Item("PLAN_2", "impl-plan", "Q", docname="other"),
    ]
    approvals = ApprovalStates(
        {
            "PLAN_1": ItemApproval(ApprovalState.APPROVED, entry),
            "CMP_10": ItemApproval(ApprovalState.SUSPECT, entry, ("REQ_2", "REQ_10")),
            "CMP_2": ItemApproval(ApprovalState.SUSPECT, entry, ("REQ_1",)),
            "CMP_1": ItemApproval(ApprovalState.CHANGED, entry),
            "TEST_1": ItemApproval(ApprovalState.NOT_APPROVED),
        },
        in_effect=True,
    )
    plans = build_report(Corpus(items), approvals).to_json()["plans"]
    assert {key: plans["PLAN_1"][key] for key in NOT_UNDER_APPROVAL} == {
        "approved": ["PLAN_1"],
        "suspect": [
            {"id": "CMP_2", "changed": ["REQ_1"], "approved": "2027-02-01"},
            {"id": "CMP_10", "changed": ["REQ_2", "REQ_10"], "approved": "2027-02-01"},
        ],
        "changed_since_approval": [{"id": "CMP_1", "approved": "2027-02-01"}],
        "not_approved": ["TEST_1"],
    }
    assert {key: plans["PLAN_2"][key] for key in NOT_UNDER_APPROVAL} == NOT_UNDER_APPROVAL
