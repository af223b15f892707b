"""Every way of building the same sources gives the same output (guide: Guarantees).

``roots/test-equivalence`` has three spec documents, a plan spread over four
documents (the items of the three without its ``impl-plan`` join it with
``:plan:``) that takes part of its spec by ids, an id pattern and a tag
(``:requirements:``), a second plan, views on pages of their own, and one
deliberate problem of each kind in a different document (a bad value, an unknown
link, a cycle, a schedule problem, low coverage), plus a document in no toctree for
a warning of Sphinx's own. Its ``conf.py`` sets
``needs_build_json`` so that one HTML build writes every output compared here:

- two clean builds of copies in different folders are identical;
- a ``-j 4`` build, which really reads in several processes, equals a serial one;
- after each edit of a sequence, an incremental build (serial, or ``-j 4``) gives
  what a clean build of the same sources gives. The sequence starts by approving
  the plans (``implplan approve``) and rewording a requirement, so that the edits
  after it leave items suspect, changed since approval and not approved, and
  approves them all again later on. Two edits change only the JUnit XML files the
  project reads its test results from (``implplan_test_results``): a new test run,
  and a file cut short.

The builds are shared by the tests of the module (module-scoped fixtures); each
runs in a copy of the project of its own.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import (
    ANSI_CODE,
    ROOTS,
    BuildWarning,
    assert_no_traceback_in,
    build_warnings,
    copy_tree,
    div_from,
    edit,
    extension_fragments,
)
from sphinx.testing.util import SphinxTestApp

from sphinx_implplan.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

PROJECT = ROOTS / "test-equivalence"

#: sphinx-needs gives the container of each need's default layout a random id
#: (``"SNCB-" + uuid4()[:8]``, in ``sphinx_needs/layout.py``): the only bytes of a
#: page that differ between two clean builds. The extension's cards do not use it.
_NEEDS_CONTAINER_ID = re.compile(r'id="SNCB-[0-9a-f]{8}"')
#: the start of a card (a risk's band class may come first) or of a view
#: the document's own content in the ``basic`` theme of ``SphinxTestApp``, without
#: the theme's navigation around it
_BODY_DIV = '<div class="body" role="main">'
#: keys of needs.json that hold the time of the build (``creator`` does not change)
_VOLATILE_NEEDS_KEYS = ("created",)


@dataclass(frozen=True)
class Build:
    """What one build left behind: its folders and its messages."""

    srcdir: Path
    outdir: Path
    #: the status stream, colours removed
    status: str
    warnings: list[BuildWarning]
    #: ``app.parallel``: the number of processes Sphinx was asked for
    parallel: int


def build(srcdir: Path, *, parallel: int = 0, pid_log: Path | None = None) -> Build:
    """Build ``srcdir`` into ``srcdir/_build/html`` with a new app, as a new run of
    ``sphinx-build`` would: incremental when the folder holds a previous build."""
    app = SphinxTestApp("html", srcdir=srcdir, parallel=parallel)
    try:
        if pid_log is not None:
            # forked reader processes inherit the handler and append to the same file
            app.connect("source-read", lambda *_: _log_pid(pid_log))
        app.build()
    finally:
        # let the next app register its nodes and directives afresh
        app.cleanup()
    status = ANSI_CODE.sub("", app.status.getvalue())
    assert_no_traceback_in(status + app.warning.getvalue())
    return Build(srcdir, app.outdir, status, build_warnings(app), app.parallel)


def _log_pid(pid_log: Path) -> None:
    with pid_log.open("a", encoding="utf8") as log:
        log.write(f"{os.getpid()}\n")


def copy_project(destination: Path, source: Path = PROJECT) -> Path:
    return copy_tree(source, destination)


# --- what is compared -----------------------------------------------------------


def one_tag_per_line(html: str) -> str:
    """So that a difference shows as a short diff of the lines that differ."""
    return re.sub(r">\s*<", ">\n<", _NEEDS_CONTAINER_ID.sub('id="SNCB"', html))


def extension_output(html: str) -> str:
    """The cards and views of a page, in page order."""
    return "\n\n".join(one_tag_per_line(fragment) for fragment in extension_fragments(html))


def page_body(html: str) -> str:
    """What the document shows (cards, views and sphinx-needs' requirements with
    their back-links), without the theme's navigation.

    Sphinx writes again only the pages it has reasons to, so an incremental build
    keeps stale "previous" and "next" links on a page whose neighbour in the toctree
    changed (a new document after it): that is Sphinx's, not the extension's.
    """
    start = html.find(_BODY_DIV)
    assert start != -1, "no body div: not the basic theme?"
    return one_tag_per_line(div_from(html, start))


def pages(result: Build) -> dict[str, str]:
    """The HTML page of every document of the sources, by file name. (Sphinx does not
    delete the page of a deleted document: an incremental build's folder keeps it.)"""
    names = sorted(f"{path.stem}.html" for path in result.srcdir.glob("*.md"))
    return {name: (result.outdir / name).read_text(encoding="utf8") for name in names}


def all_pages(result: Build) -> dict[str, str]:
    """Every HTML file of the output folder (genindex and search included)."""
    return {
        path.name: path.read_text(encoding="utf8") for path in sorted(result.outdir.glob("*.html"))
    }


def csv_files(result: Build) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(result.outdir.glob("_implplan/*.csv"))}


def needs_json(result: Build) -> dict[str, Any]:
    """``needs.json`` without the build's time stamps."""
    data: dict[str, Any] = json.loads((result.outdir / "needs.json").read_text(encoding="utf8"))
    for mapping in (data, *data["versions"].values()):
        for key in _VOLATILE_NEEDS_KEYS:
            mapping.pop(key, None)
    return data


def assert_same_needs(result: dict[str, Any], expected: dict[str, Any], context: str) -> None:
    """Need by need, so that a failure names the need and shows its fields."""
    result_needs = result["versions"][result["current_version"]]["needs"]
    expected_needs = expected["versions"][expected["current_version"]]["needs"]
    assert sorted(result_needs) == sorted(expected_needs), context
    for need_id, need in expected_needs.items():
        assert result_needs[need_id] == need, f"{context}: {need_id}"
    assert result == expected, context


def assert_same_warnings(
    result: list[BuildWarning], expected: list[BuildWarning], context: str
) -> None:
    """The same warnings, each as many times, in any order."""
    extra = sorted((Counter(result) - Counter(expected)).elements())
    missing = sorted((Counter(expected) - Counter(result)).elements())
    assert {"extra": extra, "missing": missing} == {"extra": [], "missing": []}, context


def implplan_warnings(warnings: list[BuildWarning]) -> list[BuildWarning]:
    """The extension's warnings, sorted: a duplicate would show."""
    return sorted(warning for warning in warnings if warning.subtype.startswith("implplan."))


@dataclass(frozen=True)
class Snapshot:
    """What a build wrote, read before the next build of the same folder changes it."""

    report: bytes
    needs: dict[str, Any]
    csv_files: dict[str, bytes]
    #: page name: the cards and views of the page
    extension_output: dict[str, str]
    #: page name: the document's content
    bodies: dict[str, str]
    #: every warning, sorted
    warnings: list[BuildWarning]
    status: str


def snapshot(result: Build) -> Snapshot:
    html = pages(result)
    return Snapshot(
        report=(result.outdir / "implplan.json").read_bytes(),
        needs=needs_json(result),
        csv_files=csv_files(result),
        extension_output={name: extension_output(page) for name, page in html.items()},
        bodies={name: page_body(page) for name, page in html.items()},
        warnings=sorted(result.warnings),
        status=result.status,
    )


def assert_same_extension_output(result: Snapshot, expected: Snapshot, step: str) -> None:
    """Page by page, so that a failure names the page and shows a short diff."""
    assert result.extension_output.keys() == expected.extension_output.keys(), step
    for name, output in expected.extension_output.items():
        assert result.extension_output[name] == output, f"{step}: {name}"


def assert_same_bodies(result: Snapshot, expected: Snapshot, step: str) -> None:
    assert result.bodies.keys() == expected.bodies.keys(), step
    for name, body in expected.bodies.items():
        assert result.bodies[name] == body, f"{step}: {name}"


# --- clean builds ---------------------------------------------------------------


@pytest.fixture(scope="module")
def clean_serial(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(copy_project(tmp_path_factory.mktemp("clean") / "equivalence"))


@pytest.fixture(scope="module")
def clean_serial_twin(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(copy_project(tmp_path_factory.mktemp("twin") / "elsewhere"))


@dataclass(frozen=True)
class ParallelBuild:
    result: Build
    #: the process that read each document, where it was not the main process
    reader_pids: list[int]


@pytest.fixture(scope="module")
def clean_parallel(tmp_path_factory: pytest.TempPathFactory) -> ParallelBuild:
    folder = tmp_path_factory.mktemp("parallel")
    pid_log = folder / "pids.txt"
    result = build(copy_project(folder / "equivalence"), parallel=4, pid_log=pid_log)
    pids = [int(line) for line in pid_log.read_text(encoding="utf8").split()]
    return ParallelBuild(result, [pid for pid in pids if pid != os.getpid()])


def assert_identical_builds(result: Build, expected: Build) -> None:
    """Every output, byte for byte but for sphinx-needs' random ids, and the same
    warnings, Sphinx's own included, each as many times."""
    assert (result.outdir / "implplan.json").read_bytes() == (
        expected.outdir / "implplan.json"
    ).read_bytes()
    assert csv_files(result) == csv_files(expected)
    assert_same_needs(needs_json(result), needs_json(expected), "needs.json")
    result_pages, expected_pages = all_pages(result), all_pages(expected)
    assert result_pages.keys() == expected_pages.keys()
    # the extension's part first, for the shortest diff
    for name, html in expected_pages.items():
        assert extension_output(result_pages[name]) == extension_output(html), name
    for name, html in expected_pages.items():
        page, expected_page = (
            _NEEDS_CONTAINER_ID.sub('id="SNCB"', text) for text in (result_pages[name], html)
        )
        assert one_tag_per_line(page) == one_tag_per_line(expected_page), name
        assert page == expected_page, f"{name}: white space"
    assert_same_warnings(result.warnings, expected.warnings, "every warning")


def test_the_project_has_a_warning_of_each_kind(clean_serial: Build) -> None:
    """The problems the other tests rely on, so that equal warnings mean something."""
    subtypes = {warning.subtype for warning in clean_serial.warnings}
    assert {
        "implplan.value",
        "implplan.link",
        "implplan.cycle",
        "implplan.schedule",
        "implplan.coverage",
        "toc.not_included",
    } <= subtypes
    assert len({warning.file for warning in implplan_warnings(clean_serial.warnings)}) == 5


def test_two_clean_builds_are_identical(clean_serial: Build, clean_serial_twin: Build) -> None:
    assert clean_serial_twin.srcdir.name != clean_serial.srcdir.name
    assert_identical_builds(clean_serial_twin, clean_serial)


def test_a_parallel_build_reads_in_several_processes(clean_parallel: ParallelBuild) -> None:
    result = clean_parallel.result
    assert result.parallel == 4
    # Sphinx reads in chunks of documents, one line "first .. last" per chunk; where it
    # thinks the terminal takes colour (CI=true), it ends each line by a carriage return
    chunk_line = re.compile(r"^reading sources\.\.\. \[[ \d]+%\] \S+ \.\. \S+$", re.MULTILINE)
    status = result.status.replace("\r", "\n")
    chunks = chunk_line.findall(status)
    assert len(chunks) >= 3
    # every document was read outside the main process, by more than one process
    assert len(clean_parallel.reader_pids) == len(list(PROJECT.glob("*.md")))
    assert len(set(clean_parallel.reader_pids)) >= 3


def test_a_parallel_build_equals_a_serial_one(
    clean_parallel: ParallelBuild, clean_serial: Build
) -> None:
    assert_identical_builds(clean_parallel.result, clean_serial)


# --- incremental builds -----------------------------------------------------------


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf8") as file:
        file.write(text)


def approve_the_plans(src: Path) -> None:
    # the baseline is new, no document changes: every card and the traceability
    # views say "approved", on pages not read again
    assert main(["approve", str(src), "--date", "2027-02-01", "--by", "Ana"]) == 0


def reword_a_requirement(src: Path) -> None:
    # its body, which only its own page shows: the items linking to it, on pages not
    # read again, turn suspect
    edit(
        src / "spec-core.md",
        "```{req} Search notes\n:id: FR_3\n```\n",
        "```{req} Search notes\n:id: FR_3\n\nBy title and by body.\n```\n",
    )


def approve_them_again(src: Path) -> None:
    # every item as it is now: the suspect and changed ones are approved again, the
    # items of the deleted document dropped
    assert main(["approve", str(src), "--date", "2027-03-01"]) == 0


def add_an_item(src: Path) -> None:
    append(
        src / "plan-a.md",
        "\n```{impl-component} Exporter\n:id: CMP_EXPORT\n:implements: FR_2\n```\n",
    )


def change_an_items_option_and_title(src: Path) -> None:
    # the phase's dates, its requirements' back-links and its title on other pages
    phases = src / "plan-a-phases.md"
    edit(phases, ":::{impl-phase} Sharing\n", ":::{impl-phase} Sharing and revoking\n")
    edit(
        phases, ":duration: 5d\n:implements: FR_11\n", ":duration: 8d\n:implements: FR_11, FR_12\n"
    )


UNIT_TESTS = """
```{impl-test} Importer unit tests
:id: TEST_UNIT
:plan: PLAN_A
:level: unit
:cases: tests.unit.ImporterTest.*
:verifies: CMP_IMPORT
```
"""


def move_an_item(src: Path) -> None:
    # to the top of another document: the lines of the items below it move too
    edit(src / "plan-a-tests.md", UNIT_TESTS, "")
    edit(src / "plan-a-risks.md", "# Plan A risks\n", f"# Plan A risks\n{UNIT_TESTS}")


def delete_an_item(src: Path) -> None:
    edit(
        src / "plan-a-risks.md",
        "```{impl-risk} Slow printing\n:id: RISK_PRINT\n:plan: PLAN_A\n:impact: medium\n"
        ":likelihood: low\n:status: closed\n```\n",
        "",
    )


def delete_a_requirement(src: Path) -> None:
    # DEC_STORE in plan-a.md, not read again, now addresses an unknown id, and PLAN_A's
    # :requirements: entry FR_4* selects nothing
    edit(src / "spec-core.md", "```{req} Archive notes\n:id: FR_4\n```\n", "")


def add_a_requirement(src: Path) -> None:
    # TEST_GHOST in plan-a-tests.md, not read again, no longer links to an unknown id,
    # and PLAN_A's FR_4* takes the new requirement into its coverage
    append(src / "spec-sharing.md", "\n```{req} Recover deleted notes\n:id: FR_404\n```\n")


def tag_a_requirement(src: Path) -> None:
    # PLAN_A takes the requirements tagged "sharing": FR_12 joins its coverage, which
    # traceability.md and summary.md, not read again, show
    edit(src / "spec-sharing.md", ":id: FR_12\n", ":id: FR_12\n:tags: sharing\n")


def ask_open_questions(src: Path) -> None:
    # summary.md, not read again, counts PLAN_A's open questions: its page is stale
    # unless the build writes it again
    edit(
        src / "spec-core.md",
        "```{req} Import notes\n:id: FR_1\n```\n",
        "```{req} Import notes\n:id: FR_1\n\nImport notes.\n\n"
        "From [NEEDS CLARIFICATION: which formats?] files, [NEEDS CLARIFICATION].\n```\n",
    )


ROLLOUT = """# Plan A rollout

```{impl-rollout} Staff
:id: RO_STAFF
:plan: PLAN_A
:stage: 1
:implements: FR_12
```

```{impl-risk} Staff find it slow
:id: RISK_STAFF
:plan: PLAN_A
:impact: low
:likelihood: often
```

```{impl-component} Old format writer
:id: CMP_OLD_FORMAT
:plan: PLAN_B
:implements: OR_2
```
"""


def add_a_document(src: Path) -> None:
    # CMP_OLD_FORMAT lifts PLAN_B's coverage: traceability.md's warning goes
    (src / "plan-a-rollout.md").write_text(ROLLOUT, encoding="utf8")
    edit(src / "index.md", "plan-a-risks\n", "plan-a-risks\nplan-a-rollout\n")


def delete_a_document(src: Path) -> None:
    # PLAN_B goes: its views on other pages, and CMP_OLD_FORMAT, name an unknown plan
    (src / "plan-b.md").unlink()
    edit(src / "index.md", "plan-b\n", "")


def rerun_the_tests(src: Path) -> None:
    # a new test run: the failing case passes and a second file brings a skipped one;
    # no document changes, but the cards of the tests, the traceability, summary and
    # test table views, implplan.json and the result field in needs.json do
    junit = src / "results" / "junit.xml"
    text = junit.read_text(encoding="utf8")
    failure = (
        '\n      <failure message="AssertionError: headings lost">assert out == src</failure>\n    '
    )
    assert failure in text
    junit.write_text(text.replace(failure, ""), encoding="utf8")
    (src / "results" / "slow.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="pytest">'
        '<testcase classname="tests.unit.ImporterTest" name="reads_big_files">'
        '<skipped message="slow"/></testcase></testsuite></testsuites>\n',
        encoding="utf8",
    )


def break_the_test_results(src: Path) -> None:
    # a results file cut short: one implplan.results warning in every build, and the
    # tests whose cases it held are not run
    (src / "results" / "junit.xml").write_text("<testsuites><testsuite>", encoding="utf8")


def retitle_a_spec_document(src: Path) -> None:
    # PLAN_A's card and its summary show the title as the text of a link
    edit(src / "spec-sharing.md", "# Sharing spec\n", "# Sharing and revoking spec\n")


#: each edit, and the documents Sphinx reads again for it: (added, changed, removed)
EDITS: list[tuple[Callable[[Path], None], tuple[int, int, int]]] = [
    (approve_the_plans, (0, 0, 0)),
    (reword_a_requirement, (0, 1, 0)),
    (add_an_item, (0, 1, 0)),
    (change_an_items_option_and_title, (0, 1, 0)),
    (move_an_item, (0, 2, 0)),
    (delete_an_item, (0, 1, 0)),
    (delete_a_requirement, (0, 1, 0)),
    (add_a_requirement, (0, 1, 0)),
    (tag_a_requirement, (0, 1, 0)),
    (rerun_the_tests, (0, 0, 0)),
    (retitle_a_spec_document, (0, 1, 0)),
    (break_the_test_results, (0, 0, 0)),
    (ask_open_questions, (0, 1, 0)),
    (add_a_document, (1, 1, 0)),
    (delete_a_document, (0, 1, 1)),
    (approve_them_again, (0, 0, 0)),
]
STEPS = ["initial"] + [apply.__name__ for apply, _ in EDITS]


@pytest.fixture(scope="module")
def clean_steps(tmp_path_factory: pytest.TempPathFactory, clean_serial: Build) -> list[Snapshot]:
    """A clean serial build of the sources before the edits and after each, every one
    in a new folder."""
    src = copy_project(tmp_path_factory.mktemp("edited") / "equivalence")
    snapshots = [snapshot(clean_serial)]
    for apply, _ in EDITS:
        apply(src)
        folder = tmp_path_factory.mktemp(f"clean-{apply.__name__}")
        snapshots.append(snapshot(build(copy_project(folder / "equivalence", src))))
    return snapshots


@pytest.fixture(scope="module", params=[0, 4], ids=["serial", "parallel"])
def incremental_steps(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> list[Snapshot]:
    """One build of the project, then after each edit an incremental build on the same
    output folder."""
    parallel: int = request.param
    src = copy_project(tmp_path_factory.mktemp("incremental") / "equivalence")
    snapshots = [snapshot(build(src, parallel=parallel))]
    for apply, _ in EDITS:
        apply(src)
        snapshots.append(snapshot(build(src, parallel=parallel)))
    return snapshots


def test_incremental_builds_read_only_the_edited_documents(
    incremental_steps: list[Snapshot],
) -> None:
    """Else the other tests would compare clean builds with clean builds."""
    for (apply, (added, changed, removed)), result in zip(
        EDITS, incremental_steps[1:], strict=True
    ):
        assert "loading pickled environment... " in result.status, apply.__name__
        assert (
            f"updating environment: {added} added, {changed} changed, {removed} removed"
            in result.status
        ), apply.__name__


def test_incremental_builds_give_the_report_and_needs_of_a_clean_build(
    incremental_steps: list[Snapshot], clean_steps: list[Snapshot]
) -> None:
    for step, result, clean in zip(STEPS, incremental_steps, clean_steps, strict=True):
        assert result.report == clean.report, step
        assert_same_needs(result.needs, clean.needs, step)


def test_incremental_builds_give_the_csv_files_of_a_clean_build(
    incremental_steps: list[Snapshot], clean_steps: list[Snapshot]
) -> None:
    for step, result, clean in zip(STEPS, incremental_steps, clean_steps, strict=True):
        assert result.csv_files == clean.csv_files, step


def test_incremental_builds_give_the_pages_of_a_clean_build(
    incremental_steps: list[Snapshot], clean_steps: list[Snapshot]
) -> None:
    for step, result, clean in zip(STEPS, incremental_steps, clean_steps, strict=True):
        assert_same_extension_output(result, clean, step)
        assert_same_bodies(result, clean, step)


def test_incremental_builds_give_the_warnings_of_a_clean_build(
    incremental_steps: list[Snapshot], clean_steps: list[Snapshot]
) -> None:
    """The extension's warnings, those of the documents not read again included."""
    for step, result, clean in zip(STEPS, incremental_steps, clean_steps, strict=True):
        assert_same_warnings(
            implplan_warnings(result.warnings), implplan_warnings(clean.warnings), step
        )


def approval_states(result: Snapshot) -> dict[str, set[str]]:
    """Every plan's items by approval state, from the report."""
    found: dict[str, set[str]] = {
        key: set() for key in ("approved", "suspect", "changed_since_approval", "not_approved")
    }
    for plan in json.loads(result.report)["plans"].values():
        for key, entries in found.items():
            entries.update(entry if isinstance(entry, str) else entry["id"] for entry in plan[key])
    return found


def test_the_edits_leave_items_in_every_approval_state(clean_steps: list[Snapshot]) -> None:
    """Else the comparisons would not show that the states agree."""
    states = {
        step: approval_states(result) for step, result in zip(STEPS, clean_steps, strict=True)
    }
    assert not any(states["initial"].values())
    approved = states["approve_the_plans"]
    assert approved["approved"]
    for state in ("suspect", "changed_since_approval", "not_approved"):
        assert not approved[state], state
    suspect = json.loads(clean_steps[STEPS.index("reword_a_requirement")].report)
    changed = [entry["changed"] for plan in suspect["plans"].values() for entry in plan["suspect"]]
    assert changed
    assert all(names == ["FR_3"] for names in changed)
    assert "CMP_EXPORT" in states["add_an_item"]["not_approved"]
    assert states["change_an_items_option_and_title"]["changed_since_approval"]
    again = states["approve_them_again"]
    for state in ("suspect", "changed_since_approval", "not_approved"):
        assert not again[state], state


def test_the_edits_change_the_test_results(clean_steps: list[Snapshot]) -> None:
    """Else the comparisons would not show that the results agree."""

    def results(step: str) -> dict[str, str]:
        report = json.loads(clean_steps[STEPS.index(step)].report)
        return {
            test["id"]: test["result"]
            for plan in report["plans"].values()
            for test in plan["tests"]
        }

    assert results("initial") == {
        "TEST_GHOST": "not run",
        "TEST_IMPORT": "failed",
        "TEST_UNIT": "passed",
    }
    assert results("rerun_the_tests") == {
        "TEST_GHOST": "not run",
        "TEST_IMPORT": "passed",
        "TEST_UNIT": "skipped",
    }
    assert results("break_the_test_results") == {
        "TEST_GHOST": "not run",
        "TEST_IMPORT": "not run",
        "TEST_UNIT": "skipped",
    }
    broken = clean_steps[STEPS.index("break_the_test_results")].warnings
    assert [w.file for w in broken if w.subtype == "implplan.results"] == ["junit.xml"]
