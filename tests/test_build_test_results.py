"""Test results in real builds (``roots/test-results``): a pytest JUnit report with one
passing, one failing and one missing case, at ``implplan_today = 2027-03-08``.

The three results on the cards, in the traceability view, in sphinx-needs' own table
(the ``result`` field) and in ``implplan.json``; coverage ``passing``; the late and
not started phases on the cards, the summary, the report and ``implplan check``;
results files that cannot be read (each one warning naming the file, the build goes
on, the tests not run); a results file that changes, read by an incremental build as
a clean one reads it; a parallel build as a serial one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import (
    assert_no_traceback,
    build_again,
    build_warnings,
    card_html,
    copy_root,
    edit,
    extension_fragments,
    needs_in,
    view_text,
    visible_text,
    warnings_of,
)

from sphinx_implplan.cli import main
from sphinx_implplan.write.junit_reader import MAX_RESULTS_BYTES

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_root("results", tmp_path / "results")


def report(app: SphinxTestApp) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((app.outdir / "implplan.json").read_text(encoding="utf8"))
    return data


def page(app: SphinxTestApp, docname: str) -> str:
    return (app.outdir / f"{docname}.html").read_text(encoding="utf8")


def card(app: SphinxTestApp, docname: str, item_id: str) -> str:
    return visible_text(card_html(page(app, docname), item_id))


def implplan_warnings(app: SphinxTestApp) -> list[str]:
    return [w.subtype for w in build_warnings(app) if w.subtype.startswith("implplan.")]


# -- the three results --------------------------------------------------------------


def test_the_cards_show_each_result_in_words(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    app = build_again(make_app, project)
    assert build_warnings(app) == []
    assert "result : passed (1 case)" in card(app, "tests", "TEST_PASS")
    assert (
        "result : failed (tests/test_sync.py::TestConflicts::test_copy_keeps_both_texts: "
        "AssertionError: assert 'draft' == 'draft (conflict)')"
    ) in card(app, "tests", "TEST_FAIL")
    assert "result : not run (no case matches 'tests/test_deletions.py::test_tombstones')" in card(
        app, "tests", "TEST_MISSING"
    )
    # the word carries the class that colours it: colour repeats what it says
    html = card_html(page(app, "tests"), "TEST_FAIL")
    assert '<span class="implplan-result implplan-result-failed">failed</span>' in html


def test_the_traceability_shows_each_verifying_test_s_result(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    app = build_again(make_app, project)
    trace = view_text(page(app, "review"), "impl-traceability")
    assert trace.startswith(
        "Coverage: 5 of 5 requirements implemented (100.0 %), 4 verified (80.0 %), "
        "1 passing (20.0 %), 0 measured (0.0 %)."
    )
    assert "FR_1 Merge edits yes CMP_ENGINE TEST_PASS ( passed )" in trace
    assert "FR_2 Keep a conflict copy yes CMP_ENGINE TEST_FAIL ( failed )" in trace
    assert "FR_3 Sync deletions yes CMP_ENGINE TEST_MISSING ( not run )" in trace
    assert "FR_5 Search notes yes CMP_ENGINE TEST_FAIL ( failed ), TEST_PASS ( passed )" in trace
    assert "implplan-result-not-run" in page(app, "review")


def test_sphinx_needs_filters_and_tables_see_the_result(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    app = build_again(make_app, project)
    needs = needs_in(app.outdir)
    assert {
        need_id: needs[need_id]["result"] for need_id in needs if need_id.startswith("TEST")
    } == {
        "TEST_PASS": "passed",
        "TEST_FAIL": "failed",
        "TEST_MISSING": "not run",
    }
    table = page(app, "review").split("The failed tests", 1)[1]
    assert "TEST_FAIL" in table
    assert "TEST_PASS" not in table
    assert "TEST_MISSING" not in table


def test_the_report_holds_results_passing_and_late_phases(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    app = build_again(make_app, project)
    plan = report(app)["plans"]["PLAN_R"]
    assert plan["coverage"]["passing"] == 1
    assert plan["coverage"]["verified"] == 4
    assert {r["id"]: r["passing"] for r in plan["requirements"]} == {
        "FR_1": True,
        "FR_2": False,
        "FR_3": False,
        "FR_4": False,
        "FR_5": False,
    }
    assert [(t["id"], t["result"], t["cases"], t["unmatched"]) for t in plan["tests"]] == [
        ("TEST_FAIL", "failed", 2, []),
        ("TEST_MISSING", "not run", 0, ["tests/test_deletions.py::test_tombstones"]),
        ("TEST_PASS", "passed", 1, []),
    ]
    assert (plan["late"], plan["not_started"]) == (["PH_LATE"], ["PH_IDLE"])
    assert {p["id"]: (p["late"], p["not_started"]) for p in plan["phases"]} == {
        "PH_IDLE": (False, True),
        "PH_LATE": (True, False),
        "PH_LATER": (False, False),
    }


def test_a_needextend_of_a_test_s_cases_gives_the_result_of_its_new_cases(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    tests = project / "tests.md"
    tests.write_text(
        tests.read_text(encoding="utf-8")
        + "\n```{needextend} TEST_MISSING\n:cases: tests/test_sync.py::test_merge_keeps_both\n```\n",
        encoding="utf-8",
    )
    app = build_again(make_app, project)
    assert implplan_warnings(app) == []
    plan = report(app)["plans"]["PLAN_R"]
    assert {t["id"]: t["result"] for t in plan["tests"]}["TEST_MISSING"] == "passed"
    # the need's own field, which sphinx-needs' tables and filters read, says so too
    assert needs_in(app.outdir)["TEST_MISSING"]["result"] == "passed"


def test_late_and_not_started_phases_on_the_cards_and_the_summary(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    app = build_again(make_app, project)
    assert card(app, "plan", "PH_LATE").startswith("Phase Foundation PH_LATE in-progress late ")
    assert card(app, "plan", "PH_IDLE").startswith("Phase Merging PH_IDLE planned not started ")
    assert card(app, "plan", "PH_LATER").startswith("Phase Launch PH_LATER planned start")
    summary = view_text(page(app, "review"), "impl-summary")
    assert "Phases done 0 of 3; 1 phase late ( PH_LATE ), 1 not started ( PH_IDLE )" in summary
    assert "4 verified, 1 passing, 0 measured" in summary
    assert "Tests 1 passed , 1 failed , 0 skipped , 1 not run" in summary


def test_the_report_is_the_same_on_another_day_with_the_same_today(
    make_app: Callable[..., SphinxTestApp], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_again(make_app, project)
    before = (first.outdir / "implplan.json").read_bytes()
    # SOURCE_DATE_EPOCH stands for another day; implplan_today wins over it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")
    shutil.rmtree(first.outdir)
    again = build_again(make_app, project)
    assert (again.outdir / "implplan.json").read_bytes() == before


# -- implplan check -----------------------------------------------------------------


def run_check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", *argv])
    return code, capsys.readouterr().out


def test_check_lists_results_late_phases_and_cases_matching_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_check(capsys, str(project))
    assert code == 0, out
    assert "  tests: 1 passed, 1 failed, 0 skipped, 1 not run\n" in out
    assert "  cases matching nothing (1):\n" in out
    assert "    TEST_MISSING  'tests/test_deletions.py::test_tombstones'\n" in out
    assert "  late phases (1):\n    PH_LATE  Foundation\n" in out
    assert "  phases not started (1):\n    PH_IDLE  Merging\n" in out
    assert out.splitlines()[-1] == "OK: 1 plan, no gaps; 1 late phase"


def test_check_fails_on_late_phases_and_requirements_not_passing_when_asked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_check(capsys, str(project), "--fail-late")
    assert code == 1
    assert "  verdict: gaps found: late phase PH_LATE\n" in out
    code, out = run_check(capsys, str(project), "--require-passing", "--format", "markdown")
    assert code == 1
    assert (
        "**Verdict:** gaps found: requirement not passing FR\\_2; requirement not passing "
        "FR\\_3; requirement not passing FR\\_5"
    ) in out
    # json: the build's implplan.json, the same whatever the flags
    code, out = run_check(capsys, str(project), "--format", "json", "--require-passing")
    assert code == 1
    assert json.loads(out)["plans"]["PLAN_R"]["coverage"]["passing"] == 1


def test_check_passes_when_every_verifying_test_passed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = project / "results" / "junit.xml"
    text = results.read_text(encoding="utf8")
    text = re.sub(r"\s*<failure .*?</failure>", "", text, flags=re.DOTALL)
    results.write_text(text, encoding="utf8")
    tests = project / "tests.md"
    edit(tests, ":verifies: FR_3\n", ":verifies: PH_LATER\n")
    code, out = run_check(capsys, str(project), "--require-passing")
    assert code == 0, out
    assert "  requirements not passing: none\n" in out


# -- files that cannot be read -------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<testsuites><testsuite name="pytest">
<testcase classname="tests.test_sync" name="test_merge_keeps_both">&lol9;</testcase>
</testsuite></testsuites>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE testsuites [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<testsuites><testsuite name="pytest">
<testcase classname="tests.test_sync" name="test_merge_keeps_both">&secret;</testcase>
</testsuite></testsuites>
"""


def _write_huge(path: Path) -> None:
    # the start of a report, then zeros up to one byte over the limit
    with path.open("wb") as file:
        file.write(b"<testsuites>")
        file.truncate(MAX_RESULTS_BYTES + 1)


BAD_FILES: dict[str, tuple[Callable[[Path], object] | None, str]] = {
    "missing": (None, "does not exist"),
    "not XML": (lambda path: path.write_text("PASSED 3 tests\n"), "is not XML: syntax error"),
    "not JUnit": (
        lambda path: path.write_text('<?xml version="1.0"?>\n<coverage line-rate="0.9"/>\n'),
        "is not JUnit XML: its root element is <coverage>, not <testsuites> or <testsuite>",
    ),
    "huge": (_write_huge, "is larger than 50 MB, refused unread"),
    "billion laughs": (
        lambda path: path.write_text(BILLION_LAUGHS),
        "holds a document type declaration, which a JUnit report never needs: refused unread",
    ),
    "external entity": (
        lambda path: path.write_text(EXTERNAL_ENTITY),
        "holds a document type declaration, which a JUnit report never needs: refused unread",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_file_that_cannot_be_read_is_one_warning_and_its_tests_are_not_run(
    make_app: Callable[..., SphinxTestApp], project: Path, kind: str
) -> None:
    write, reason = BAD_FILES[kind]
    # the file named, not a pattern: a missing one is a file that does not exist
    edit(project / "conf.py", '["results/*.xml"]', '["results/junit.xml"]')
    bad = project / "results" / "junit.xml"
    bad.unlink()
    if write is not None:
        write(bad)
    app = build_again(make_app, project)
    assert_no_traceback(app)
    warnings = build_warnings(app)
    assert implplan_warnings(app) == ["implplan.results"], warnings
    (warning,) = warnings_of(warnings, "results")
    assert warning.file == "junit.xml"
    assert warning.message == (
        f"implplan_test_results: the file 'results/junit.xml' {reason}; the tests whose "
        "cases it would give are not run"
    )
    # the build went on: every page, the report, each test not run
    plan = report(app)["plans"]["PLAN_R"]
    assert {test["result"] for test in plan["tests"]} == {"not run"}
    assert plan["coverage"]["passing"] == 0
    assert "result : not run" in card(app, "tests", "TEST_PASS")


def test_a_pattern_matching_no_file_is_one_warning(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    edit(project / "conf.py", '["results/*.xml"]', '["results/*.xml", "reports/**/*.xml"]')
    app = build_again(make_app, project)
    (warning,) = warnings_of(build_warnings(app), "results")
    assert warning.file == ""
    assert warning.message.startswith(
        "implplan_test_results: the pattern 'reports/**/*.xml' matches no file;"
    )
    # the other file is read
    assert report(app)["plans"]["PLAN_R"]["coverage"]["passing"] == 1


def test_without_results_no_page_shows_one(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    edit(project / "conf.py", 'implplan_test_results = ["results/*.xml"]', "")
    app = build_again(make_app, project)
    assert build_warnings(app) == []
    assert "result :" not in card(app, "tests", "TEST_PASS")
    trace = view_text(page(app, "review"), "impl-traceability")
    assert "passing" not in trace
    assert "( passed )" not in trace
    plan = report(app)["plans"]["PLAN_R"]
    assert plan["tests"] == []
    # the field still says it: no results, not run
    assert needs_in(app.outdir)["TEST_PASS"]["result"] == "not run"


# -- incremental and parallel builds ------------------------------------------------


def written(app: SphinxTestApp) -> dict[str, int]:
    files = [app.outdir / f"{docname}.html" for docname in app.env.found_docs]
    files.append(app.outdir / "implplan.json")
    return {
        path.relative_to(app.outdir).as_posix(): path.stat().st_mtime_ns
        for path in files
        if path.is_file()
    }


#: the start of a card (a risk's band class may come first) or of a view
def extension_text(html: str) -> list[str]:
    """The text of every card and view of a page, in page order."""
    return [visible_text(fragment) for fragment in extension_fragments(html)]


def shown(app: SphinxTestApp) -> dict[str, Any]:
    """What the build shows of the results: the report's bytes, each need's
    ``result``, and the cards and views of every page."""
    return {
        "report": (app.outdir / "implplan.json").read_bytes(),
        "needs": {need_id: need.get("result") for need_id, need in needs_in(app.outdir).items()},
        "pages": {name: extension_text(page(app, name)) for name in sorted(app.env.found_docs)},
        "table": page(app, "review").split("The failed tests", 1)[1],
    }


def fix_the_failing_case(project: Path) -> None:
    results = project / "results" / "junit.xml"
    text = results.read_text(encoding="utf8")
    results.write_text(re.sub(r"\s*<failure .*?</failure>", "", text, flags=re.DOTALL))


def add_the_missing_case(project: Path) -> None:
    (project / "results" / "deletions.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="pytest">'
        '<testcase classname="tests.test_deletions" name="test_tombstones">'
        '<skipped message="needs a server"/></testcase></testsuite></testsuites>\n'
    )


def break_the_file(project: Path) -> None:
    (project / "results" / "junit.xml").write_text("<testsuites>")


@pytest.mark.parametrize("change", [fix_the_failing_case, add_the_missing_case, break_the_file])
def test_an_incremental_build_after_the_results_change_equals_a_clean_one(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, change: Callable[[Path], None]
) -> None:
    project = copy_root("results", tmp_path / "incremental")
    first = build_again(make_app, project)
    before = written(first)
    change(project)
    again = build_again(make_app, project)
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    pages = {name for name, mtime in written(again).items() if before.get(name) != mtime}
    # the tests' cards and the views; not the spec nor the phases
    assert {"tests.html", "review.html", "implplan.json"} <= pages
    assert {"spec.html", "plan.html"}.isdisjoint(pages)
    clean_project = copy_root("results", tmp_path / "clean")
    change(clean_project)
    clean = build_again(make_app, clean_project)
    assert shown(again) == shown(clean)
    assert implplan_warnings(again) == implplan_warnings(clean)


def test_a_build_with_unchanged_results_writes_nothing(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    first = build_again(make_app, project)
    before = written(first)
    again = build_again(make_app, project)
    assert {name for name, mtime in written(again).items() if before[name] != mtime} == set()


def test_a_parallel_build_equals_a_serial_one(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    serial = build_again(make_app, copy_root("results", tmp_path / "serial"))
    parallel = build_again(make_app, copy_root("results", tmp_path / "parallel"), parallel=2)
    assert parallel.parallel == 2
    assert shown(parallel) == shown(serial)
    assert os.fspath(serial.outdir) != os.fspath(parallel.outdir)
