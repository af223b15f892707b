"""The five views and ``implplan.json`` through a real build, against numbers
computed by hand (guide: Views).

``roots/test-views``: ``spec.md`` holds FR_1..FR_6, ``other-spec.md`` OR_1.
``plan.md`` is PLAN_A (``:spec: spec``); ``plan-b.md`` is PLAN_B (no spec, so every
requirement). ``review.md`` has no plan, so its views cover both plans;
``summary.md`` names PLAN_A.

By hand, PLAN_A: FR_1 and FR_2 are implemented by CMP_A, FR_3 by PH_1: 3 of 6 is
50.0 %; TEST_1 verifies FR_1 and FR_3 (TEST_2 verifies a component, which is no
requirement): 2; MET_1 measures FR_1: 1. FR_4 is implemented only by PLAN_B's
CMP_B, so it does not count for PLAN_A. PLAN_B: 1 of 7 is 14.3 %. Both plans
together: FR_1..FR_4 of 7 is 57.1 %, under the review page's :min-coverage: 60.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import (
    BuildWarning,
    assert_no_traceback,
    build_warnings,
    copy_root,
    line_of,
    read_html,
    read_needs,
    view_text,
)

from sphinx_implplan.plan.report_json import dump_json

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

#: the approval lists of a plan no baseline holds
NOT_UNDER_APPROVAL: dict[str, Any] = {
    "approved": [],
    "suspect": [],
    "changed_since_approval": [],
    "not_approved": [],
}

#: no test results are read; the plans start after implplan_today: nothing late
NO_TIMING_OR_RESULTS: dict[str, Any] = {"late": [], "not_started": [], "tests": []}

EXPECTED_REPORT: dict[str, Any] = {
    "version": 2,
    "plans": {
        "PLAN_A": {
            "title": "Plan A",
            "scope": "PLAN_A",
            "docname": "plan",
            "status": "in-progress",
            "updated": "2027-01-01",
            "coverage": {
                "requirements": 6,
                "implemented": 3,
                "verified": 2,
                "measured": 1,
                "percent": 50.0,
                "open_questions": 0,
                "passing": 0,
            },
            "requirements": [
                {
                    "id": "FR_1",
                    "title": "Import notes",
                    "implemented_by": ["CMP_A"],
                    "verified_by": ["TEST_1"],
                    "measured_by": ["MET_1"],
                    "passing": False,
                },
                {
                    "id": "FR_2",
                    "title": "Export notes",
                    "implemented_by": ["CMP_A"],
                    "verified_by": [],
                    "measured_by": [],
                    "passing": False,
                },
                {
                    "id": "FR_3",
                    "title": "Search notes",
                    "implemented_by": ["PH_1"],
                    "verified_by": ["TEST_1"],
                    "measured_by": [],
                    "passing": False,
                },
            ],
            # FR_4 to FR_6 are in scope, linked by no item of the plan
            "uncovered": 3,
            "phases": [
                {
                    "id": "PH_1",
                    "title": "Foundation",
                    "start": "2027-01-04",
                    "end": "2027-01-17",
                    "depends": [],
                    "done": 2,
                    "total": 3,
                    "status": "in-progress",
                    "late": False,
                    "not_started": False,
                },
                {
                    "id": "PH_2",
                    "title": "Follow-up",
                    "start": "2027-01-18",
                    "end": "2027-01-22",
                    "depends": ["PH_1"],
                    "done": 0,
                    "total": 1,
                    "status": "planned",
                    "late": False,
                    "not_started": False,
                },
            ],
            "risks": [
                {
                    "id": "RISK_1",
                    "title": "Data loss",
                    "impact": "high",
                    "likelihood": "high",
                    "score": 9,
                    "band": "high",
                    "status": "open",
                    "mitigated": True,
                },
                {
                    "id": "RISK_2",
                    "title": "Slow printing",
                    "impact": "medium",
                    "likelihood": "low",
                    "score": 2,
                    "band": "low",
                    "status": "closed",
                    "mitigated": False,
                },
                {
                    "id": "RISK_3",
                    "title": "Index corruption",
                    "impact": "high",
                    "likelihood": "medium",
                    "score": 6,
                    "band": "high",
                    "status": "open",
                    "mitigated": True,
                },
            ],
            "decisions": [
                {
                    "id": "DEC_1",
                    "title": "Storage engine",
                    "choice": "SQLite",
                    "status": "accepted",
                },
                {"id": "DEC_2", "title": "Sync protocol", "choice": "HTTP", "status": "proposed"},
            ],
            **NOT_UNDER_APPROVAL,
            **NO_TIMING_OR_RESULTS,
        },
        "PLAN_B": {
            "title": "Plan B",
            # no :spec:: every requirement of the build
            "scope": "all",
            "docname": "plan-b",
            "status": "draft",
            "updated": None,
            "coverage": {
                "requirements": 7,
                "implemented": 1,
                "verified": 0,
                "measured": 0,
                "percent": 14.3,
                "open_questions": 0,
                "passing": 0,
            },
            "requirements": [
                {
                    "id": "FR_4",
                    "title": "Share notes",
                    "implemented_by": ["CMP_B"],
                    "verified_by": [],
                    "measured_by": [],
                    "passing": False,
                }
            ],
            "uncovered": 6,
            "phases": [
                {
                    "id": "PH_B1",
                    "title": "Sharing",
                    "start": None,
                    "end": None,
                    "depends": [],
                    "done": 0,
                    "total": 0,
                    "status": "planned",
                    "late": False,
                    "not_started": False,
                }
            ],
            "risks": [],
            "decisions": [],
            **NOT_UNDER_APPROVAL,
            **NO_TIMING_OR_RESULTS,
        },
    },
    "requirements": {
        **{
            rid: {"title": title, "docname": "spec", "open_questions": []}
            for rid, title in (
                ("FR_1", "Import notes"),
                ("FR_2", "Export notes"),
                ("FR_3", "Search notes"),
                ("FR_4", "Share notes"),
                ("FR_5", "Archive notes"),
                ("FR_6", "Print notes"),
            )
        },
        "OR_1": {"title": "Audit log", "docname": "other-spec", "open_questions": []},
    },
    "scopes": {
        "all": ["FR_1", "FR_2", "FR_3", "FR_4", "FR_5", "FR_6", "OR_1"],
        "PLAN_A": ["FR_1", "FR_2", "FR_3", "FR_4", "FR_5", "FR_6"],
    },
}


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_report_has_the_hand_computed_numbers(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    report = json.loads((app.outdir / "implplan.json").read_text(encoding="utf8"))
    assert report == EXPECTED_REPORT
    text = (app.outdir / "implplan.json").read_text(encoding="utf8")
    # sorted keys, ids in order: the bytes are the canonical dump of the data
    assert text == dump_json(EXPECTED_REPORT)


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_coverage_warning_names_the_uncovered(app: SphinxTestApp) -> None:
    app.build()
    warnings = build_warnings(app)
    assert [(w.file, w.line, w.subtype) for w in warnings] == [
        ("review.md", line_of(app, "review.md", "{impl-traceability}"), "implplan.coverage")
    ]
    assert "57.1 %" in warnings[0].message
    assert ":min-coverage: 60 %" in warnings[0].message
    assert warnings[0].message.endswith("FR_5, FR_6, OR_1")


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_traceability_table(app: SphinxTestApp) -> None:
    app.build()
    text = view_text(read_html(app, "review"), "impl-traceability")
    assert text.startswith(
        "Coverage: 4 of 7 requirements implemented (57.1 %), 2 verified (28.6 %), "
        "1 measured (14.3 %)."
    )
    assert (
        "FR_1 Import notes yes CMP_A TEST_1 MET_1 "
        "FR_2 Export notes yes CMP_A RISK_1 "
        "FR_3 Search notes yes PH_1 TEST_1 "
        "FR_4 Share notes yes CMP_B "
        "FR_5 Archive notes no DEC_1 "
        "FR_6 Print notes no "
        "OR_1 Audit log no"
    ) in text
    csv_file = app.outdir / "_implplan" / "review.traceability-1.csv"
    assert csv_file.read_text(encoding="utf8").splitlines()[:3] == [
        (
            "ID,Requirement,Covered,Implemented by,Verified by,Measured by,"
            "Affected by risks,Addressed by"
        ),
        "FR_1,Import notes,yes,CMP_A,TEST_1,MET_1,,",
        "FR_2,Export notes,yes,CMP_A,,,RISK_1,",
    ]
    html = read_html(app, "review")
    assert 'href="_implplan/review.traceability-1.csv"' in html
    # ids link to the items
    assert 'href="plan.html#CMP_A"' in html
    assert 'href="spec.html#FR_1"' in html


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_summary_and_matrix(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "summary")
    summary = view_text(html, "impl-summary")
    assert (
        "Plan PLAN_A Plan A Status in-progress Spec Spec Updated 2027-01-01 "
        "Phases done 0 of 2 Deliverables done 2 of 4 (50.0 %) "
        "Coverage 50.0 % (3 of 6 requirements implemented; 2 verified, 1 measured) "
        "Open risks high 2, medium 0, low 0 "
        "Decisions proposed 1, accepted 1, rejected 0, superseded 0"
    ) in summary
    matrix = view_text(html, "impl-traceability")
    # the items linking to PLAN_A's requirements, by type then id
    assert "Requirement Covered CMP_A PH_1 DEC_1 RISK_1 TEST_1 MET_1" in matrix
    assert "FR_1 yes impl ver meas" in matrix
    assert "FR_2 yes impl aff" in matrix


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_risk_matrix_and_timeline(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "review")
    grid = view_text(html, "impl-risk-matrix")
    # high impact on top: RISK_3 (high x medium), RISK_1 (high x high); RISK_2 closed
    assert grid.startswith("Impact / likelihood low medium high high RISK_3 RISK_1 medium low")
    assert "RISK_2" not in grid
    assert (
        '<td class="implplan-band-high"><p><a class="implplan-id reference internal" href="plan.html#RISK_1"'
        in html
    )
    timeline = view_text(html, "impl-timeline")
    assert (
        "PH_1 Foundation 2027-01-04 2027-01-17 14 days 2/3 (67 %) in-progress "
        "PH_2 Follow-up 2027-01-18 2027-01-22 5 days PH_1 0/1 (0 %) planned"
    ) in timeline
    assert "PH_B1 Sharing not scheduled 7 days no deliverables planned" in timeline


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_item_tables(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "summary")
    # the seed's decision columns; the rationale is the body's first paragraph
    assert view_text(html, "impl-table", 0) == (
        "Decision items of Plan A (PLAN_A) \N{PILCROW SIGN} ID Decision Choice Rationale "
        "Status DEC_1 Storage engine SQLite One file per account keeps backups simple. "
        "accepted DEC_2 Sync protocol HTTP proposed"
    )
    # chosen columns by key or header, the caption from the argument; only the first
    # paragraph of the body
    assert view_text(html, "impl-table", 1) == (
        "Components and their tests \N{PILCROW SIGN} ID Description Verified by "
        "CMP_A Reads the files people drop. TEST_2"
    )


def _not_ours(builder: str, warning: BuildWarning) -> bool:
    """What a builder says about parts the extension does not draw: the man writer
    cannot set the spanning cells of sphinx-needs' own table for each requirement,
    and the epub builder asks for project metadata and skips sphinx-needs' files."""
    if builder == "man":
        return warning.file.endswith("spec.md") and warning.subtype == "docutils"
    if builder == "epub":
        return warning.file == "" and (
            "EPUB3" in warning.message or warning.subtype == "epub.unknown_project_files"
        )
    return False


@pytest.mark.parametrize(
    ("builder", "output"),
    [
        ("singlehtml", "index.html"),
        ("dirhtml", "review/index.html"),
        ("text", "review.txt"),
        ("latex", "views.tex"),
        ("man", "views.1"),
        ("texinfo", "views.texi"),
        ("epub", "review.xhtml"),
    ],
)
def test_every_builder_draws_the_views(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, builder: str, output: str
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert_no_traceback(app)
    # the root's one deliberate problem, and nothing else of ours: no unknown node, no
    # writer complaint
    warnings = [w for w in build_warnings(app) if not _not_ours(builder, w)]
    assert [w.subtype for w in warnings] == ["implplan.coverage"]
    # every page the builder wrote: cards are on one page, views on another
    suffix = Path(output).suffix
    pages = sorted(app.outdir.rglob(f"*{suffix}"))
    assert app.outdir / output in pages
    text = " ".join(" ".join(page.read_text(encoding="utf8").split()) for page in pages)
    # the man writer escapes hyphens and drops no words; LaTeX escapes the percent sign
    flat = text.replace("\\%", "%").replace("\\-", "-").replace("\\_", "_")
    assert "Coverage: 4 of 7 requirements implemented (57.1 %)" in flat
    assert "FR_5" in flat
    # a card: its title and its body
    assert "Importer" in flat
    assert "Reads the files people drop." in flat
    report = app.outdir / "implplan.json"
    assert report.is_file() == (builder in {"singlehtml", "dirhtml"})


def test_needs_builder_exports_the_items(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    app = make_app("needs", srcdir=srcdir)
    app.build()
    assert_no_traceback(app)
    assert [w.subtype for w in build_warnings(app)] == ["implplan.coverage"]
    needs = read_needs(app)
    assert needs["CMP_A"]["implements"] == ["FR_1", "FR_2"]
    assert needs["PH_1"]["end"] == "2027-01-17"
    assert needs["FR_1"]["implements_back"] == ["CMP_A"]


FIVE_LEVELS = ["very-low", "low", "medium", "high", "very-high"]


@pytest.mark.sphinx(
    "html",
    testroot="views",
    freshenv=True,
    confoverrides={"implplan_risk_levels": FIVE_LEVELS},
)
def test_risk_matrix_with_five_levels(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    html = read_html(app, "review")
    grid = view_text(html, "impl-risk-matrix")
    # highest 25: high from 17 (2/3 of 25 is 16.7), medium from 9 (8.3)
    assert grid == (
        "Impact / likelihood very-low low medium high very-high very-high high RISK_3 "
        "RISK_1 medium low very-low Score = impact rank x likelihood rank (highest 25); "
        "band high from 17, medium from 9, low below. Closed risks are left out."
    )
    # high x high is 4 x 4 = 16: band medium with five levels
    risks = json.loads((app.outdir / "implplan.json").read_text(encoding="utf8"))
    by_id = {risk["id"]: risk for risk in risks["plans"]["PLAN_A"]["risks"]}
    assert (by_id["RISK_1"]["score"], by_id["RISK_1"]["band"]) == (16, "medium")
    assert (by_id["RISK_3"]["score"], by_id["RISK_3"]["band"]) == (12, "medium")
    # cells coloured by their own score: very-high x very-high 25 high, high x high 16
    # medium, very-low x very-high 5 low
    cells = re.findall(r'<td class="(implplan-band-\w+)"', html)
    assert len(cells) == 25
    assert cells[4] == "implplan-band-high"
    assert cells[5 + 3] == "implplan-band-medium"
    assert cells[20 + 4] == "implplan-band-low"


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_risk_table_and_matrix_coverage(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "summary")
    # the mitigation as written, or the items that mitigate the risk
    assert view_text(html, "impl-table", 2) == (
        "Risk items of Plan A (PLAN_A) \N{PILCROW SIGN} ID Risk Impact Likelihood Score "
        "Mitigation Status RISK_1 Data loss high high 9 Backups before every import open "
        "RISK_2 Slow printing medium low 2 closed "
        "RISK_3 Index corruption high medium 6 Mitigated by PH_2 open"
    )
    matrix = view_text(html, "impl-traceability")
    assert "Requirement Covered CMP_A PH_1 DEC_1 RISK_1 TEST_1 MET_1" in matrix
    assert "FR_5 no addr FR_6 no" in matrix


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_scope_options(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "summary")
    # only components count (CMP_A implements FR_1 and FR_2; tests and decisions do
    # not count), and only the rows nothing implements are shown
    assert view_text(html, "impl-traceability", 1) == (
        "Coverage: 2 of 6 requirements implemented (33.3 %), 0 verified (0.0 %), "
        "0 measured (0.0 %). ID Requirement Covered Implemented by Verified by Measured by "
        "Affected by risks Addressed by FR_3 Search notes no FR_4 Share notes no "
        "FR_5 Archive notes no FR_6 Print notes no Download these rows as CSV"
    )
    # the view's :spec: instead of the plan's
    assert view_text(html, "impl-traceability", 2).startswith(
        "Coverage: 0 of 1 requirements implemented (0.0 %), 0 verified (0.0 %), "
        "0 measured (0.0 %). ID Requirement Covered Implemented by Verified by Measured by "
        "Affected by risks Addressed by OR_1 Audit log no"
    )
    # the closed RISK_2 (medium impact, low likelihood) is shown when asked
    assert view_text(html, "impl-risk-matrix") == (
        "Impact / likelihood low medium high high RISK_3 RISK_1 medium RISK_2 low "
        "Score = impact rank x likelihood rank (highest 9); band high from 6, medium "
        "from 3, low below."
    )


def _pages_of(index: dict[str, Any], table: str, word: str) -> set[str]:
    """The pages Sphinx's search index finds ``word`` on (``terms``: in the text,
    ``titleterms``: in a heading)."""
    found = index[table][word]
    return {index["docnames"][i] for i in (found if isinstance(found, list) else [found])}


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_views_stay_out_of_the_search_index(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "searchindex.js").read_text(encoding="utf8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    # the review page shows FR_5 only in its views; its heading is indexed as usual
    assert "spec" in _pages_of(index, "terms", "fr_5")
    assert "review" not in _pages_of(index, "terms", "fr_5")
    assert "review" in _pages_of(index, "titleterms", "review")
