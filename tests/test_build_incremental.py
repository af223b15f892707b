"""Incremental and parallel builds give what a clean serial build gives (contract
section 2; issue "incremental builds that never go stale").

Each test copies ``roots/test-views`` to a temporary folder and builds it with one
``SphinxTestApp`` after another on the same output folder, as ``sphinx-build`` run
twice does: each new app loads the environment the previous build saved.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
import zlib
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import (
    assert_no_traceback,
    build_again,
    build_warnings,
    copy_root,
    edit,
    view_text,
    visible_text,
)
from sphinx_needs.data import SphinxNeedsData

from sphinx_implplan.extension import ENV_VERSION, STATIC_DIR

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_root("views", tmp_path / "views")


def written(app: SphinxTestApp) -> dict[str, int]:
    """The page of every document and the extension's files, with their modification
    times (Sphinx writes its index and search pages on every build: left out)."""
    files = [app.outdir / f"{docname}.html" for docname in app.env.found_docs]
    files += [app.outdir / "implplan.json", *app.outdir.glob("_implplan/*.csv")]
    files.append(app.outdir / "_static" / "implplan.css")
    return {
        path.relative_to(app.outdir).as_posix(): path.stat().st_mtime_ns
        for path in files
        if path.is_file()
    }


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, mtime in after.items() if before.get(name) != mtime}


def report(app: SphinxTestApp) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((app.outdir / "implplan.json").read_text(encoding="utf8"))
    return data


def test_a_build_with_no_change_writes_nothing(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    first = build_again(make_app, project)
    before = written(first)
    assert "implplan.json" in before
    second = build_again(make_app, project)
    assert "no targets are out of date" in second.status.getvalue()
    assert rewritten(before, written(second)) == set()


def stylesheet_href(app: SphinxTestApp, docname: str) -> str:
    html = (app.outdir / f"{docname}.html").read_text(encoding="utf8")
    hrefs: list[str] = re.findall(r'href="(_static/implplan\.css[^"]*)"', html)
    assert len(hrefs) == 1, hrefs
    return hrefs[0]


def test_pages_link_the_stylesheet_with_its_checksum_in_every_build(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    """Sphinx adds the checksum of a stylesheet to its link (``?v=``), so that a
    browser fetches it again when it changes, if the file is there when the page is
    written: a clean build's pages link it as an incremental build's do."""
    stylesheet = STATIC_DIR.joinpath("implplan.css").read_bytes().replace(b"\r", b"")
    linked = f"_static/implplan.css?v={zlib.crc32(stylesheet):08x}"
    clean = build_again(make_app, project)
    before = written(clean)
    for docname in ("review", "summary"):
        assert stylesheet_href(clean, docname) == linked

    edit(project / "review.md", "# Review\n", "# Review of the plans\n")
    again = build_again(make_app, project)
    assert "review.html" in rewritten(before, written(again))
    assert stylesheet_href(again, "review") == linked


def test_a_new_requirement_implemented_by_an_existing_phase(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    first = build_again(make_app, project)
    before = written(first)
    with (project / "spec.md").open("a", encoding="utf8") as spec:
        spec.write("\n```{req} Tag notes\n:id: FR_7\n```\n")
    edit(project / "plan.md", ":implements: FR_3\n", ":implements: FR_3, FR_7\n")

    second = build_again(make_app, project)
    # 5 of 8 is 62.5 %: the review page's :min-coverage: 60 now holds
    assert build_warnings(second) == []
    pages = rewritten(before, written(second))
    # the two edited pages, the pages with views and the report
    assert {
        "spec.html",
        "plan.html",
        "review.html",
        "summary.html",
        "implplan.json",
        "_implplan/review.traceability-1.csv",
    } <= pages
    # and not the pages that show nothing that changed
    assert {"notes.html", "other-spec.html", "plan-b.html"}.isdisjoint(pages)
    review = (second.outdir / "review.html").read_text(encoding="utf8")
    trace = view_text(review, "impl-traceability")
    assert trace.startswith("Coverage: 5 of 8 requirements implemented (62.5 %)")
    assert "FR_7 Tag notes yes PH_1" in trace
    summary = view_text((second.outdir / "summary.html").read_text(encoding="utf8"), "impl-summary")
    assert "Coverage 57.1 % (4 of 7 requirements implemented; 2 verified, 1 measured)" in summary
    plan_a = report(second)["plans"]["PLAN_A"]
    assert plan_a["coverage"] == {
        "requirements": 7,
        "implemented": 4,
        "verified": 2,
        "measured": 1,
        "percent": 57.1,
        "open_questions": 0,
        "passing": 0,
    }
    assert plan_a["requirements"][-1] == {
        "id": "FR_7",
        "title": "Tag notes",
        "implemented_by": ["PH_1"],
        "verified_by": [],
        "measured_by": [],
        "passing": False,
    }


def test_a_requirement_tagged_into_a_plan_s_part_reaches_the_untouched_pages(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    """PLAN_B answers for the requirements tagged ``sharing`` (``:requirements:``):
    a tag given to one more, in spec.md alone, changes its coverage on every page."""
    edit(project / "spec.md", ":id: FR_4\n", ":id: FR_4\n:tags: sharing\n")
    edit(project / "plan-b.md", ":id: PLAN_B\n", ":id: PLAN_B\n:requirements: tag:sharing\n")
    first = build_again(make_app, project)
    assert report(first)["plans"]["PLAN_B"]["coverage"]["percent"] == 100.0
    before = written(first)

    edit(project / "spec.md", ":id: FR_6\n", ":id: FR_6\n:tags: sharing\n")
    second = build_again(make_app, project)
    assert build_warnings(second) == []
    pages = rewritten(before, written(second))
    assert {"spec.html", "review.html", "summary.html", "implplan.json"} <= pages
    # no card shows FR_6 or a plan's coverage
    assert {"notes.html", "other-spec.html", "plan.html", "plan-b.html"}.isdisjoint(pages)
    data = report(second)
    plan_b = data["plans"]["PLAN_B"]
    assert data["scopes"][plan_b["scope"]] == ["FR_4", "FR_6"]
    assert [entry["id"] for entry in plan_b["requirements"]] == ["FR_4"]
    assert plan_b["uncovered"] == 1
    # the view of every plan: PLAN_A's whole spec and PLAN_B's part
    trace = view_text(
        (second.outdir / "review.html").read_text(encoding="utf8"), "impl-traceability"
    )
    assert trace.startswith("Coverage: 4 of 6 requirements implemented (66.7 %)")


def test_a_retitled_requirement_reaches_the_untouched_pages(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    first = build_again(make_app, project)
    before = written(first)
    edit(project / "spec.md", "Import notes", "Import files")

    second = build_again(make_app, project)
    pages = rewritten(before, written(second))
    # plan.md was not read again, but its cards link to FR_1 under its title
    assert {"spec.html", "plan.html", "review.html", "summary.html"} <= pages
    plan = (second.outdir / "plan.html").read_text(encoding="utf8")
    assert 'title="Import files"' in plan
    assert 'title="Import notes"' not in plan
    assert "FR_1 Import files yes CMP_A" in view_text(
        (second.outdir / "review.html").read_text(encoding="utf8"), "impl-traceability"
    )
    assert report(second)["plans"]["PLAN_A"]["requirements"][0]["title"] == "Import files"
    assert {"notes.html", "other-spec.html", "plan-b.html"}.isdisjoint(pages)


def test_a_retitled_spec_document_reaches_the_plan_that_names_it(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    """A plan's card links each document of its ``:spec:`` under the document's
    title: plan.md is not read again, its card shows the new title."""
    first = build_again(make_app, project)
    before = written(first)
    edit(project / "spec.md", "# Spec\n", "# Note taking spec\n")

    second = build_again(make_app, project)
    assert "plan.html" in rewritten(before, written(second))
    plan = (second.outdir / "plan.html").read_text(encoding="utf8")
    assert re.search(
        r'implplan-field-spec[^>]*><p><a [^>]*href="spec.html">Note taking spec<', plan
    )


def test_a_removed_item_leaves_no_back_link(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    first = build_again(make_app, project)
    assert "CMP_B" in (first.outdir / "spec.html").read_text(encoding="utf8")
    edit(
        project / "plan-b.md",
        "```{impl-component} Sharing service\n:id: CMP_B\n:implements: FR_4\n```\n",
        "",
    )

    second = build_again(make_app, project)
    # spec.md was not read again: its page is written again for FR_4's back-link
    assert "CMP_B" not in visible_text((second.outdir / "spec.html").read_text(encoding="utf8"))
    assert report(second)["plans"]["PLAN_B"]["coverage"]["implemented"] == 0


def test_a_changed_document_is_purged_of_what_it_gave_sphinx_needs(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    """Every document to be read is purged of what it gave sphinx-needs before the
    read: a ``needextend`` taken out of a document read again stops applying."""
    extend = "```{needextend} FR_1\n:status: approved\n```\n"
    edit(project / "notes.md", "# Notes\n", f"# Notes\n\n{extend}")
    first = build_again(make_app, project)
    assert SphinxNeedsData(first.env).get_needs_view()["FR_1"]["status"] == "approved"

    edit(project / "notes.md", extend, "")
    second = build_again(make_app, project)
    assert "1 changed" in second.status.getvalue()
    assert SphinxNeedsData(second.env).get_needs_view()["FR_1"]["status"] is None


def test_a_second_build_of_the_same_application_forgets_a_removed_document(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    """As a live preview builds again in one process: Sphinx purges the removed
    document before the read, after the read of the first build was purged ahead."""
    app = make_app("html", srcdir=project)
    app.build()
    assert "PLAN_B" in report(app)["plans"]
    (project / "plan-b.md").unlink()
    edit(project / "index.md", "plan-b\n", "")
    app.build()
    assert_no_traceback(app)
    assert "PLAN_B" not in report(app)["plans"]
    app.cleanup()


def test_parallel_builds_match_serial_ones(
    make_app: Callable[..., SphinxTestApp], project: Path, tmp_path: Path
) -> None:
    twin = tmp_path / "views-parallel"
    shutil.copytree(project, twin)
    serial = build_again(make_app, project)
    parallel = build_again(make_app, twin, parallel=2)
    assert (parallel.outdir / "implplan.json").read_bytes() == (
        serial.outdir / "implplan.json"
    ).read_bytes()
    for page in ("review", "summary"):
        html_serial = (serial.outdir / f"{page}.html").read_text(encoding="utf8")
        html_parallel = (parallel.outdir / f"{page}.html").read_text(encoding="utf8")
        for kind in ("impl-traceability",):
            assert view_text(html_parallel, kind) == view_text(html_serial, kind)

    # and after the same edit, an incremental parallel build matches a clean serial one
    for folder in (project, twin):
        edit(folder / "spec.md", "Print notes", "Print and export notes")
    build_again(make_app, twin, parallel=2)
    clean = build_again(make_app, project, freshenv=True)
    assert (parallel.outdir / "implplan.json").read_bytes() == (
        clean.outdir / "implplan.json"
    ).read_bytes()


def test_an_environment_of_an_older_release_is_read_again(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    """The extension declares ``env_version``: an environment pickled by a release
    whose stored data had another shape is thrown away, not misread."""
    first = build_again(make_app, project)
    pickled = first.doctreedir / "environment.pickle"
    env = pickle.loads(pickled.read_bytes())
    assert env.version["sphinx_implplan"] == ENV_VERSION
    env.version["sphinx_implplan"] = ENV_VERSION - 1
    pickled.write_bytes(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))

    again = build_again(make_app, project)
    assert "build environment version not current" in again.status.getvalue()
    assert f"{len(again.env.found_docs)} added, 0 changed, 0 removed" in again.status.getvalue()
    assert report(again) == report(first)


def test_the_csv_of_a_view_that_shows_no_rows_or_is_gone_is_removed(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    first = build_again(make_app, project)
    csv_file = first.outdir / "_implplan" / "review.traceability-1.csv"
    assert csv_file.is_file()

    # the view now shows only uncovered requirements: a plan that covers them all
    edit(project / "review.md", ":min-coverage: 60", ":plan: PLAN_NONE")
    build_again(make_app, project)
    assert not csv_file.exists()

    edit(project / "review.md", ":plan: PLAN_NONE", ":min-coverage: 60")
    build_again(make_app, project)
    assert csv_file.is_file()
    # the view is taken out of its page
    edit(project / "review.md", "```{impl-traceability}\n:min-coverage: 60\n```\n", "")
    build_again(make_app, project)
    assert not csv_file.exists()
