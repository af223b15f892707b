"""Items whose id another need already has: the same item kept and the same warnings
in serial, parallel and incremental builds.

``roots/test-duplicates`` has eight documents. ``PH_SAME`` stands twice in ``a.md``
and once more in ``c.md``, ``e.md`` and ``g.md``: the first, in ``a.md``, is kept,
as a serial read keeps it, and each of the others is left out with a warning at its
line naming the need that kept the id.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from typing import TYPE_CHECKING

import pytest
from build_helpers import (
    BuildWarning,
    assert_no_traceback_in,
    build_again,
    build_warnings,
    copy_root,
    copy_tree,
    edit,
    line_of,
    needs_in,
)
from sphinx.cmd.build import build_main

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

#: (file, text on the line of the item left out)
LEFT_OUT = [
    ("a.md", "Second of its id, same document"),
    ("c.md", "Another document, same id"),
    ("e.md", "Another document, same id"),
    ("g.md", "Another document, same id"),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_root("duplicates", tmp_path / "duplicates")


def incremental_and_clean(
    make_app: Callable[..., SphinxTestApp], project: Path, change: Callable[[], None]
) -> tuple[SphinxTestApp, SphinxTestApp]:
    """An incremental build after ``change``, and a clean build of the changed tree."""
    build_again(make_app, project)
    change()
    incremental = build_again(make_app, project)
    clean = build_again(make_app, copy_tree(project, project.parent / "clean"))
    return incremental, clean


def expected(app: SphinxTestApp, kept_at: str) -> list[BuildWarning]:
    return sorted(
        BuildWarning(
            file,
            line_of(app, file, marker),
            "implplan.value",
            f"impl-phase: the id 'PH_SAME' is already taken by the need at {kept_at}; "
            "this item is left out",
        )
        for file, marker in LEFT_OUT
    )


def kept_phase(app: SphinxTestApp) -> tuple[str, str]:
    """The page that shows the card of ``PH_SAME`` and the goal it shows."""
    pages = [
        docname
        for docname in sorted(app.env.found_docs)
        if 'id="PH_SAME"' in (app.outdir / f"{docname}.html").read_text(encoding="utf8")
    ]
    assert len(pages) == 1, pages
    need = app.env._needs_all_needs["PH_SAME"]  # type: ignore[attr-defined]
    return pages[0], need["goal"]


def test_serial_build_keeps_the_first(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    app = build_again(make_app, project)
    kept_at = f"a:{line_of(app, 'a.md', 'First of its id')}"
    assert sorted(build_warnings(app)) == expected(app, kept_at)
    assert kept_phase(app) == ("a", "kept")


def test_parallel_build_keeps_the_same_one(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    # a long first document: its reader finishes after the others, so the parallel
    # merge meets the item kept by a serial read last
    text = (project / "a.md").read_text(encoding="utf8")
    filler = "\n\n".join(f"Paragraph {number} of filler text." for number in range(8000))
    (project / "a.md").write_text(text.replace("# Plan A\n", f"# Plan A\n\n{filler}\n"))
    serial_twin = copy_tree(project, project.parent / "serial")

    serial = build_again(make_app, serial_twin)
    parallel = build_again(make_app, project, parallel=4)
    kept_at = f"a:{line_of(serial, 'a.md', 'First of its id')}"
    assert sorted(build_warnings(parallel)) == expected(parallel, kept_at)
    assert sorted(build_warnings(parallel)) == sorted(build_warnings(serial))
    assert kept_phase(parallel) == kept_phase(serial) == ("a", "kept")
    assert (parallel.outdir / "implplan.json").read_bytes() == (
        serial.outdir / "implplan.json"
    ).read_bytes()


def test_items_after_a_plan_left_out_belong_to_its_id_in_every_build(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    """A parallel reader does not see the other documents' plans, so it creates the
    plan and its items take its id; a serial read gives them the same."""
    (project / "i.md").write_text(
        "# Plan A again\n\n```{impl-plan} Plan A again\n:id: PLAN_A\n```\n\n"
        "```{impl-component} After the plan left out\n:id: CMP_I\n```\n",
        encoding="utf8",
    )
    edit(project / "index.md", "h\n", "h\ni\n")
    serial_twin = copy_tree(project, project.parent / "serial")

    serial = build_again(make_app, serial_twin)
    parallel = build_again(make_app, project, parallel=4)
    for app in (serial, parallel):
        assert app.env._needs_all_needs["CMP_I"]["plan"] == "PLAN_A"  # type: ignore[attr-defined]
    assert sorted(build_warnings(parallel)) == sorted(build_warnings(serial))
    assert not [warning for warning in build_warnings(serial) if "no plan" in warning.message]
    assert (parallel.outdir / "implplan.json").read_bytes() == (
        serial.outdir / "implplan.json"
    ).read_bytes()


@pytest.mark.parametrize("parallel", [0, 4])
def test_a_build_that_reads_nothing_warns_again(
    make_app: Callable[..., SphinxTestApp], project: Path, parallel: int
) -> None:
    first = build_again(make_app, project, parallel=parallel)
    again = build_again(make_app, project, parallel=parallel)
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    assert sorted(build_warnings(again)) == sorted(build_warnings(first))


def test_when_the_kept_item_goes_the_next_takes_its_id(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    incremental, clean = incremental_and_clean(
        make_app,
        project,
        lambda: edit(project / "a.md", ":id: PH_SAME\n:goal: kept", ":id: PH_FIRST"),
    )
    # the second item of a.md, read again, is now the first of its id
    assert kept_phase(incremental) == kept_phase(clean) == ("a", "left out")
    assert sorted(build_warnings(incremental)) == sorted(build_warnings(clean))
    assert [warning.file for warning in sorted(build_warnings(clean))] == ["c.md", "e.md", "g.md"]


def test_when_the_document_of_the_kept_item_goes(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    def remove_a() -> None:
        (project / "a.md").unlink()
        edit(project / "index.md", "a\nb\n", "b\n")

    incremental, clean = incremental_and_clean(make_app, project, remove_a)
    # c.md was not changed, but its item takes the id the removed document held
    assert kept_phase(incremental) == kept_phase(clean) == ("c", "left out")
    assert sorted(build_warnings(incremental)) == sorted(build_warnings(clean))


@pytest.mark.parametrize("jobs", ["1", "4"])
def test_w_fails_on_an_id_taken_in_another_document(project: Path, jobs: str) -> None:
    status, errors = io.StringIO(), io.StringIO()
    argv = ["-b", "needs", "-j", jobs, "--color", str(project), str(project / "_build")]
    with redirect_stdout(status), redirect_stderr(errors):
        passing = build_main(argv)
        failing = build_main(["-E", "-W", *argv])
    assert (passing, failing) == (0, 1)
    assert_no_traceback_in(status.getvalue() + errors.getvalue())
    # the items of the kept id and of the other documents are all there
    kept = needs_in(project / "_build")
    assert kept["PH_SAME"]["goal"] == "kept"
    assert {f"CMP_{letter}" for letter in "BCDEFGH"} <= kept.keys()
