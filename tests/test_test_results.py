"""Test results, the pure part: ``:cases:`` patterns, matching them against JUnit
cases, each test's result, the requirements passing, the late phases and results in
the report, and what ``implplan check`` judges and prints of them. Records written by
hand; the XML reader on bytes written here."""

from __future__ import annotations

import datetime
import time

import pytest

from sphinx_implplan.plan.case_patterns import case_names, glob_matches, parse_case_patterns
from sphinx_implplan.plan.coverage import Scope, coverage_of, trace_rows
from sphinx_implplan.plan.itemtypes import Kind
from sphinx_implplan.plan.model import Corpus, Item
from sphinx_implplan.plan.outcomes import (
    NO_CASES,
    NO_RESULTS,
    CaseIndex,
    CaseRecord,
    CaseState,
    TestResult,
    judge_test,
    judge_tests,
)
from sphinx_implplan.plan.report import build_report
from sphinx_implplan.plan.report_reading import read_report
from sphinx_implplan.plan.stored_forms import stored_value
from sphinx_implplan.plan.values import InvalidValue
from sphinx_implplan.plan.verdict import GapKind, judge
from sphinx_implplan.plan.verdict_text import render_markdown, render_text
from sphinx_implplan.write.junit_reader import MAX_MESSAGE, ResultsError, read_cases

# -- :cases: ----------------------------------------------------------------------------


def test_patterns_are_split_at_commas_and_lines_outside_brackets() -> None:
    raw = "tests/a.py::test_x[1,2], tests/a.py::test_y\n  Suite.Case ; tests/a.py::test_x[1,2]"
    assert parse_case_patterns(raw) == [
        "tests/a.py::test_x[1,2]",
        "tests/a.py::test_y",
        "Suite.Case",
    ]


def test_a_bracket_never_closed_splits_at_every_separator() -> None:
    assert parse_case_patterns("a[1, b") == ["a[1", "b"]


@pytest.mark.parametrize("raw", ["", " , ;", "x" * 1001, "tab\there"])
def test_patterns_that_cannot_be_read(raw: str) -> None:
    with pytest.raises(InvalidValue):
        parse_case_patterns(raw)


def test_patterns_given_as_a_list_by_needextend_or_needimport() -> None:
    levels = ("low", "high")
    assert stored_value(Kind.CASES, ["a.py::t[1,2]", " b "], levels) == ["a.py::t[1,2]", "b"]
    assert stored_value(Kind.CASES, "a, b", levels) == ["a", "b"]
    with pytest.raises(InvalidValue):
        stored_value(Kind.CASES, [1, 2], levels)


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("tests/a.py::*", "tests/a.py::TestB::test_c", True),
        ("tests/a.py::test_?", "tests/a.py::test_c", True),
        ("tests/a.py::test_?", "tests/a.py::test_cd", False),
        ("*merge*", "tests/a.py::test_merge[utf-8]", True),
        # brackets and dots are literal: no character class, no regular expression
        ("test_x[1]", "test_x[1]", True),
        ("test_x[12]", "test_x1", False),
        ("a.b", "axb", False),
        ("", "", True),
        ("*", "", True),
        ("a*b*c", "a-b", False),
    ],
)
def test_glob_matching(pattern: str, text: str, matches: bool) -> None:
    assert glob_matches(pattern, text) is matches


def test_glob_matching_never_takes_exponential_time() -> None:
    started = time.perf_counter()
    assert not glob_matches("*a" * 40 + "b", "a" * 1000)
    assert time.perf_counter() - started < 2


def test_a_pytest_case_has_its_node_id_among_its_names() -> None:
    names = case_names("tests.unit.test_sync.TestMerge", "test_a[x.y]")
    assert "tests/unit/test_sync.py::TestMerge::test_a[x.y]" in names
    assert "tests.unit.test_sync.TestMerge.test_a[x.y]" in names
    # where the file is given, only its node id
    named = case_names("tests.test_sync.TestMerge", "test_a", "tests/test_sync.py")
    assert named == ("tests.test_sync.TestMerge.test_a", "tests/test_sync.py::TestMerge::test_a")


def test_a_case_without_a_class_of_its_own_is_named_by_its_name() -> None:
    assert case_names("smoke", "smoke") == ("smoke",)
    assert case_names("", "smoke") == ("smoke",)


# -- a test's result ----------------------------------------------------------------


def case(
    classname: str, name: str, state: CaseState = CaseState.PASSED, message: str = ""
) -> CaseRecord:
    return CaseRecord(classname, name, state, message)


INDEX = CaseIndex(
    [
        case("tests.test_sync", "test_merge"),
        case("tests.test_sync.TestCopy", "test_named"),
        case("tests.test_sync.TestCopy", "test_texts", CaseState.FAILED, "assert 1 == 2"),
        case("tests.test_sync.TestCopy", "test_later", CaseState.ERROR, "boom"),
        case("tests.test_sync", "test_slow", CaseState.SKIPPED, "too slow on CI"),
        case("com.example.SyncTest", "merges"),
    ]
)


def test_every_case_passed() -> None:
    outcome = judge_test(["tests/test_sync.py::test_merge", "com.example.SyncTest.*"], INDEX)
    assert outcome.result is TestResult.PASSED
    assert (outcome.cases, outcome.unmatched, outcome.message) == (2, (), "2 cases")


def test_a_failed_case_fails_the_test_with_the_first_message() -> None:
    outcome = judge_test(["tests/test_sync.py::TestCopy::*"], INDEX)
    assert outcome.result is TestResult.FAILED
    assert outcome.message == (
        "tests/test_sync.py::TestCopy::test_texts: assert 1 == 2 (and 1 more)"
    )
    assert outcome.cases == 3
    # an error fails it too
    assert judge_test(["*test_later"], INDEX).result is TestResult.FAILED


def test_a_failure_outranks_a_pattern_matching_nothing() -> None:
    outcome = judge_test(["*test_texts", "tests/test_gone.py::*"], INDEX)
    assert outcome.result is TestResult.FAILED
    assert outcome.unmatched == ("tests/test_gone.py::*",)


def test_a_pattern_matching_nothing_leaves_the_test_not_run() -> None:
    outcome = judge_test(["tests/test_sync.py::test_merge", "tests/test_gone.py::*"], INDEX)
    assert outcome.result is TestResult.NOT_RUN
    assert outcome.message == "no case matches 'tests/test_gone.py::*'"
    assert outcome.unmatched == ("tests/test_gone.py::*",)


def test_a_skipped_case_skips_the_test() -> None:
    outcome = judge_test(["tests/test_sync.py::test_*"], INDEX)
    assert outcome.result is TestResult.SKIPPED
    assert outcome.message == (
        "1 of 2 cases skipped: tests/test_sync.py::test_slow: too slow on CI"
    )


def test_no_results_or_no_cases_is_not_run() -> None:
    assert judge_test(["x"], None) == NO_RESULTS
    assert judge_test([], INDEX) == NO_CASES
    assert judge_test(["x"], CaseIndex([])).result is TestResult.NOT_RUN
    results = judge_tests({"TEST_1": ["x"]}, None)
    assert not results.configured
    assert results.of("TEST_OTHER") == NO_RESULTS
    assert judge_tests({}, INDEX).of("TEST_OTHER") == NO_CASES


# -- passing coverage, the report and check -------------------------------------------


def corpus(today_late: bool = True) -> Corpus:
    items = [
        Item("PLAN", "impl-plan", "Plan", docname="plan"),
        Item("OTHER", "impl-plan", "Other", docname="other"),
        *(Item(f"FR_{n}", "req", f"R{n}", docname="spec") for n in range(1, 6)),
        Item("T_PASS", "impl-test", "passes", plan="PLAN", links={"verifies": ("FR_1", "FR_4")}),
        Item("T_FAIL", "impl-test", "fails", plan="PLAN", links={"verifies": ("FR_2", "FR_4")}),
        Item("T_SKIP", "impl-test", "skips", plan="PLAN", links={"verifies": ("FR_3",)}),
        # of another plan: counts for nothing in PLAN's scope
        Item("T_ELSE", "impl-test", "elsewhere", plan="OTHER", links={"verifies": ("FR_5",)}),
        Item(
            "PH_LATE",
            "impl-phase",
            "Late",
            plan="PLAN",
            status="in-progress",
            fields={"start": "2027-01-01", "end": "2027-01-31", "deliverables_done": 1},
        ),
        Item(
            "PH_IDLE",
            "impl-phase",
            "Idle",
            plan="PLAN",
            status="planned",
            fields={"start": "2027-02-01", "end": "2027-03-31", "deliverables_done": 0},
        ),
    ]
    index = CaseIndex(
        [
            case("t", "pass"),
            case("t", "fail", CaseState.FAILED, "no"),
            case("t", "skip", CaseState.SKIPPED),
            case("t", "else"),
        ]
    )
    results = judge_tests(
        {"T_PASS": ["t.pass"], "T_FAIL": ["t.fail"], "T_SKIP": ["t.skip"], "T_ELSE": ["t.else"]},
        index,
    )
    return Corpus(items, test_results=results)


def test_passing_needs_every_verifying_test_passed() -> None:
    built = corpus()
    rows = trace_rows(built, Scope(plans=("PLAN",)))
    assert {row.requirement.id: row.passing for row in rows} == {
        "FR_1": True,
        "FR_2": False,
        "FR_3": False,
        # a passing and a failing test
        "FR_4": False,
        # verified by a test of another plan only
        "FR_5": False,
    }
    coverage = coverage_of(rows)
    assert (coverage.verified, coverage.passing, coverage.passing_percent) == (4, 1, 20.0)


def test_the_report_holds_results_late_phases_and_passing() -> None:
    report = build_report(corpus(), today=datetime.date(2027, 2, 15))
    plan = report.to_json()["plans"]["PLAN"]
    assert plan["coverage"]["passing"] == 1
    assert [(r["id"], r["passing"]) for r in plan["requirements"]][:2] == [
        ("FR_1", True),
        ("FR_2", False),
    ]
    assert [(t["id"], t["result"], t["message"]) for t in plan["tests"]] == [
        ("T_FAIL", "failed", "t.fail: no"),
        ("T_PASS", "passed", "1 case"),
        ("T_SKIP", "skipped", "1 of 1 case skipped: t.skip"),
    ]
    assert (plan["late"], plan["not_started"]) == (["PH_LATE"], ["PH_IDLE"])
    phases = {p["id"]: (p["late"], p["not_started"]) for p in plan["phases"]}
    assert phases == {"PH_IDLE": (False, True), "PH_LATE": (True, False)}
    # without a day, nothing is late; without results, no tests are listed
    plain = build_report(Corpus(corpus().items.values())).to_json()["plans"]["PLAN"]
    assert (plain["late"], plain["not_started"], plain["tests"]) == ([], [], [])


def test_a_report_is_read_back_with_and_without_the_new_keys() -> None:
    report = build_report(corpus(), today=datetime.date(2027, 2, 15))
    data = report.to_json()
    assert read_report(data) == report
    for plan in data["plans"].values():
        for key in ("late", "not_started", "tests"):
            del plan[key]
        del plan["coverage"]["passing"]
        for phase in plan["phases"]:
            del phase["late"], phase["not_started"]
        for requirement in plan["requirements"]:
            del requirement["passing"]
    older = read_report(data).plans[0]
    assert (older.late, older.tests, older.coverage.passing) == ((), (), 0)


def test_check_lists_late_phases_and_fails_on_them_when_asked() -> None:
    built = corpus()
    report = build_report(built, today=datetime.date(2027, 2, 15))
    listed = judge(report, built, None)
    plan = next(p for p in listed.plans if p.id == "PLAN")
    assert [ref.id for ref in plan.late] == ["PH_LATE"]
    assert [ref.id for ref in plan.not_started] == ["PH_IDLE"]
    assert GapKind.LATE not in {gap.kind for gap in listed.gaps}
    text = render_text(listed)
    assert "  late phases (1):\n    PH_LATE  Late\n" in text
    assert "  phases not started (1):\n    PH_IDLE  Idle\n" in text
    assert "1 late phase" in text.splitlines()[-1]
    failing = judge(report, built, None, fail_late=True)
    assert [str(gap) for gap in failing.gaps if gap.kind is GapKind.LATE] == ["late phase PH_LATE"]
    assert "**Late phases:**\n\n- `PH_LATE` Late\n" in render_markdown(failing)


def test_check_requires_passing_when_asked() -> None:
    built = corpus()
    report = build_report(built)
    listed = judge(report, built, None)
    assert GapKind.NOT_PASSING not in {gap.kind for gap in listed.gaps}
    text = render_text(listed)
    assert "  tests: 1 passed, 1 failed, 1 skipped, 0 not run\n" in text
    assert "  failed tests (1):\n    T_FAIL  fails  (t.fail: no)\n" in text
    assert "0/5 requirements implemented (0.0%), 4 verified, 1 passing, 0 measured" in text
    # listed only when asked for: without it, the coverage line counts them
    assert "requirements not passing" not in text
    required = judge(report, built, None, require_passing=True)
    plan = next(p for p in required.plans if p.id == "PLAN")
    assert [ref.id for ref in plan.not_passing] == ["FR_2", "FR_3", "FR_4"]
    assert "  requirements not passing (3):\n    FR_2  R2\n" in render_text(required)
    assert [gap.subject for gap in required.gaps if gap.kind is GapKind.NOT_PASSING] == [
        "FR_2",
        "FR_3",
        "FR_4",
    ]
    markdown = render_markdown(required)
    assert "| Requirements | Implemented | Coverage | Verified | Passing | Measured |" in markdown
    assert "**Requirements not passing:**\n\n- `FR_2` R2\n" in markdown


def test_check_notes_a_pattern_matching_nothing() -> None:
    items = [
        Item("PLAN", "impl-plan", "Plan", docname="plan"),
        Item("T_GONE", "impl-test", "gone", plan="PLAN"),
    ]
    results = judge_tests({"T_GONE": ["tests/test_gone.py::*"]}, CaseIndex([]))
    built = Corpus(items, test_results=results)
    result = judge(build_report(built), built, None)
    assert result.ok
    text = render_text(result)
    assert "  cases matching nothing (1):\n    T_GONE  'tests/test_gone.py::*'\n" in text
    assert "- `T_GONE` `tests/test_gone.py::*`" in render_markdown(result)


# -- the XML reader -----------------------------------------------------------------

PYTEST_REPORT = b"""<?xml version="1.0" encoding="utf-8"?>
<testsuites name="pytest tests"><testsuite name="pytest" tests="4">
<testcase classname="tests.test_sync" name="test_merge" time="0.1"/>
<testcase classname="tests.test_sync.TestCopy" name="test_texts[a,b]" time="0.1">
<failure message="AssertionError: assert 1 == 2&#10;second line">long text</failure>
</testcase>
<testcase classname="tests.test_sync" name="test_error"><error>
RuntimeError: no database
Traceback ...</error></testcase>
<testcase classname="tests.test_sync" name="test_skip"><skipped message="not on CI"/></testcase>
<testcase classname="tests.test_sync" name="test_both"><skipped/><failure message="f"/></testcase>
</testsuite></testsuites>
"""


def test_a_pytest_report_is_read_case_by_case() -> None:
    cases = read_cases(PYTEST_REPORT)
    assert [(c.name, c.state, c.message) for c in cases] == [
        ("test_merge", CaseState.PASSED, ""),
        ("test_texts[a,b]", CaseState.FAILED, "AssertionError: assert 1 == 2"),
        ("test_error", CaseState.ERROR, "RuntimeError: no database"),
        ("test_skip", CaseState.SKIPPED, "not on CI"),
        ("test_both", CaseState.FAILED, "f"),
    ]


def test_a_long_message_is_shortened() -> None:
    data = (
        b'<testsuite><testcase classname="c" name="n"><failure message="'
        + b"x" * 1000
        + b'"/></testcase></testsuite>'
    )
    (only,) = read_cases(data)
    assert len(only.message) == MAX_MESSAGE
    assert only.message.endswith("...")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<testsuites><testsuite><testcase classname="c" name="&lol3;"/></testsuite></testsuites>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE testsuites [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<testsuites><testsuite><testcase classname="c" name="&secret;"/></testsuite></testsuites>
"""


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (BILLION_LAUGHS, "holds a document type declaration"),
        (EXTERNAL_ENTITY, "holds a document type declaration"),
        (b"", "is not XML: no element found"),
        (b"not xml at all", "is not XML: syntax error"),
        (b"<html><body/></html>", "is not JUnit XML: its root element is <html>"),
        (b'<?xml version="1.0" encoding="no-such"?><testsuites/>', "is not XML: unknown encoding"),
        (b"<testsuites>&undeclared;</testsuites>", "is not XML: undefined entity"),
    ],
)
def test_files_that_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ResultsError) as raised:
        read_cases(data)
    assert str(raised.value).startswith(reason)
