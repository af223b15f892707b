"""Values that reach plan items without their directive, through ``needimport`` and
``needextend``: checked with the directive's rules and warned about at the line that
brought them, the computed values worked out again, and every output agreeing."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_again, build_warnings, copy_root, edit, needs_in

from sphinx_implplan.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

#: (file, line, subtype, the item the warning names)
EXPECTED_WARNINGS = {
    ("imported.md", 3, "implplan.value", "RISK_IMP"),
    ("imported.md", 3, "implplan.value", "PH_IMP"),
    ("extensions.md", 3, "implplan.unmitigated", "RISK_LOW"),
    ("extensions.md", 8, "implplan.value", "RISK_OK"),
    ("extensions.md", 12, "implplan.value", "PH_1"),
    ("extensions.md", 21, "implplan.value", "PH_1"),
    ("extensions.md", 25, "implplan.link", "CMP_GW"),
    # a dead link as written, warned about once: the needextend that adds to the
    # same option is no reason to warn again
    ("plan.md", 43, "implplan.link", "CMP_DB"),
}

_CONTAINER_ID = re.compile(r'id="SNCB-[0-9a-f]{8}"')
#: the project's pages, each written once in a clean build
_OWN_PAGES = frozenset({"index", "plan", "extensions", "imported"})


def _ours(app: SphinxTestApp) -> set[tuple[str, int | None, str | None, str]]:
    found: set[tuple[str, int | None, str | None, str]] = set()
    for warning in build_warnings(app):
        if (warning.subtype or "").startswith("implplan"):
            item = warning.message.partition(":")[0]
            found.add((str(warning.file).rpartition("/")[2], warning.line, warning.subtype, item))
    return found


def _report(app: SphinxTestApp) -> dict[str, Any]:
    report: dict[str, Any] = json.loads((app.outdir / "implplan.json").read_text("utf-8"))
    plan: dict[str, Any] = report["plans"]["PLAN_C"]
    return plan


def _by_id(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in entries}


@pytest.mark.sphinx("html", testroot="applied-values", freshenv=True)
def test_imported_and_extended_values_are_checked_and_computed_again(
    app: SphinxTestApp,
) -> None:
    app.build()
    assert _ours(app) == EXPECTED_WARNINGS
    report = _report(app)
    risks = _by_id(report["risks"])
    # raised by needextend: scored again, and unmitigated
    assert (risks["RISK_LOW"]["score"], risks["RISK_LOW"]["band"]) == (9, "high")
    assert risks["RISK_LOW"]["mitigated"] is False
    # a level no one defined: the item keeps its own
    assert (risks["RISK_OK"]["impact"], risks["RISK_OK"]["score"]) == ("low", 1)
    # imported with score 999 and band purple: neither survives an unknown impact
    assert (risks["RISK_IMP"]["impact"], risks["RISK_IMP"]["score"]) == (None, None)
    assert risks["RISK_IMP"]["band"] is None
    phases = _by_id(report["phases"])
    # a date that does not exist and a status no phase has: the phase keeps its own;
    # its deliverables are counted from its body, whatever was set
    assert phases["PH_1"]["start"] == "2027-01-04"
    assert phases["PH_1"]["status"] == "in-progress"
    assert (phases["PH_1"]["done"], phases["PH_1"]["total"]) == (1, 2)
    # 9 done of 2 is no count: dropped, and the status derived from nothing done
    assert (phases["PH_IMP"]["done"], phases["PH_IMP"]["total"]) == (None, None)
    assert phases["PH_IMP"]["status"] == "planned"
    # the link to a phase that :implements: does not take is gone both ways
    page = (app.outdir / "plan.html").read_text(encoding="utf-8")
    assert "implemented by" not in page.split('id="PH_1"')[1].split("implplan-card-body")[0]


@pytest.mark.sphinx("needs", testroot="applied-values", freshenv=True)
def test_needs_json_holds_what_the_views_show(app: SphinxTestApp) -> None:
    app.build()
    needs = needs_in(app.outdir)
    assert (needs["RISK_LOW"]["score"], needs["RISK_LOW"]["band"]) == (9, "high")
    assert needs["RISK_IMP"]["score"] is None
    assert needs["RISK_IMP"]["band"] is None
    assert needs["PH_1"]["start"] == "2027-01-04"
    assert needs["PH_1"]["deliverables_done"] == 1
    assert needs["CMP_GW"]["implements"] == []
    assert needs["CMP_GW"]["change"] == "modified"
    assert sorted(needs["CMP_DB"]["implements"]) == ["REQ_1", "REQ_404"]


def test_a_parallel_build_gives_the_same_report_and_warnings(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    serial = build_again(make_app, copy_root("applied-values", tmp_path / "serial"))
    parallel = build_again(make_app, copy_root("applied-values", tmp_path / "parallel"), parallel=2)
    assert _report(parallel) == _report(serial)
    assert _ours(parallel) == _ours(serial) == EXPECTED_WARNINGS


def _pages(app: SphinxTestApp) -> dict[str, str]:
    return {
        path.name: _CONTAINER_ID.sub('id="SNCB"', path.read_text(encoding="utf-8"))
        for path in sorted(app.outdir.glob("*.html"))
        if path.name not in {"search.html", "genindex.html"}
    }


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(":impact: high\n:likelihood: High\n", ":impact: low\n", id="changed"),
        pytest.param("```{needextend} RISK_LOW", "```{note}", id="removed"),
        pytest.param(
            "# Extensions\n",
            "# Extensions\n\n```{needextend} type == 'impl-risk'\n:owner: Dana\n```\n",
            id="added-with-a-filter",
        ),
    ],
)
def test_an_edited_needextend_rewrites_the_pages_it_changes(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, old: str, new: str
) -> None:
    """The plan page is not read again: only the page of the needextend changed."""
    incremental = copy_root("applied-values", tmp_path / "incremental")
    build_again(make_app, incremental)
    edit(incremental / "extensions.md", old, new)
    again = build_again(make_app, incremental)

    clean = copy_root("applied-values", tmp_path / "clean")
    edit(clean / "extensions.md", old, new)
    reference = build_again(make_app, clean)

    assert _report(again) == _report(reference)
    assert _pages(again) == _pages(reference)


def test_a_build_with_no_change_writes_no_page(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = copy_root("applied-values", tmp_path / "same")

    def written(app: SphinxTestApp) -> dict[str, int]:
        # Sphinx writes its search and index pages in every build
        pages = app.outdir.glob("*.html")
        return {page.name: page.stat().st_mtime_ns for page in pages if page.stem in _OWN_PAGES}

    first = written(build_again(make_app, srcdir))
    assert written(build_again(make_app, srcdir)) == first


@pytest.mark.sphinx("latex", testroot="applied-values", freshenv=True)
def test_a_count_set_by_needextend_never_reaches_latex(app: SphinxTestApp) -> None:
    """A count of 10**21 deliverables overflowed LaTeX's counters ("Number too big")."""
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "1000000000000000000000" not in tex
    assert "1/2 deliverables done" in tex


def test_check_fails_on_a_risk_a_needextend_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = copy_root("applied-values", tmp_path / "check")
    assert main(["check", str(srcdir), "--min-coverage", "0"]) == 1
    out = capsys.readouterr().out
    assert "unmitigated high risk RISK_LOW" in out
    assert "RISK_OK" not in out.partition("gaps found")[2]
