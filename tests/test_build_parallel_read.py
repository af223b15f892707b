"""A parallel read: each reader process sends back what it read, and the build is the
same as a serial one.

The project is large enough for Sphinx to read it in three chunks with two
processes: the third reader starts from an environment that already holds a chunk
merged, the shape in which every later reader used to send back everything merged
before it. A handler of ``env-merge-info`` looks at what each reader sent.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from build_helpers import assert_no_traceback, build_warnings, copy_tree

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.testing.util import SphinxTestApp

DOCUMENTS = 40


def write_project(root: Path) -> Path:
    root.mkdir()
    (root / "conf.py").write_text(
        'project = "parallel read"\n'
        'extensions = ["myst_parser", "sphinx_needs", "sphinx_implplan"]\n'
        "needs_build_json = True\nshow_warning_types = True\n",
        encoding="utf8",
    )
    names = [f"d{number:02d}" for number in range(DOCUMENTS)]
    for number, name in enumerate(names):
        following = f"R_{(number + 1) % DOCUMENTS:02d}"
        (root / f"{name}.md").write_text(
            f"# Document {number}\n\n"
            f"```{{req}} Requirement {number}\n:id: R_{number:02d}\n```\n\n"
            f"```{{impl-plan}} Plan {number}\n:id: PLAN_{number:02d}\n:spec: {name}\n```\n\n"
            f"```{{impl-component}} Component {number}\n:id: CMP_{number:02d}\n"
            f":implements: R_{number:02d}, {following}\n```\n\n"
            f"```{{impl-phase}} Phase {number}\n:id: PH_{number:02d}\n:duration: 1w\n\n"
            "- [x] Designed\n- [ ] Built\n```\n\n"
            f"```{{impl-risk}} Risk {number}\n:id: RISK_{number:02d}\n:impact: high\n"
            f":likelihood: low\n:affects: R_{number:02d}\n```\n",
            encoding="utf8",
        )
    # the same id in the first and the last document: the first keeps it
    with (root / names[-1]).with_suffix(".md").open("a", encoding="utf8") as last:
        last.write("\n```{impl-component} Same id again\n:id: CMP_00\n```\n")
    (root / "index.md").write_text(
        "# Index\n\n```{impl-risk-matrix}\n```\n\n```{toctree}\n" + "\n".join(names) + "\n```\n",
        encoding="utf8",
    )
    return root


def build(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, parallel: int
) -> tuple[SphinxTestApp, list[tuple[set[str], set[str], set[str]]]]:
    """The build, and for each chunk a reader sent back: the documents it read, the
    documents of the needs it sent and those of the extension's data it sent."""
    sent: list[tuple[set[str], set[str], set[str]]] = []

    def look(_app: Sphinx, _env: BuildEnvironment, docnames: Any, other: Any) -> None:
        needs = {need["docname"] for need in other._needs_all_needs.values()}
        data = other.domaindata["implplan"]
        documents = {docname for key in ("descriptions", "views") for docname in data[key]}
        sent.append((set(docnames), needs, documents))

    app = make_app("html", srcdir=srcdir, parallel=parallel)
    app.connect("env-merge-info", look, priority=1)
    app.build()
    assert_no_traceback(app)
    app.cleanup()
    return app, sent


def needs_json(app: SphinxTestApp) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((app.outdir / "needs.json").read_text(encoding="utf8"))
    return {version: entry["needs"] for version, entry in data["versions"].items()}


def test_each_reader_sends_back_only_the_documents_it_read(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    _app, sent = build(make_app, write_project(tmp_path / "project"), parallel=2)
    assert len(sent) >= 3, "the project should be read in three chunks or more"
    assert set().union(*(read for read, _, _ in sent)) == {
        f"d{number:02d}" for number in range(DOCUMENTS)
    } | {"index"}
    for read, needs, documents in sent:
        assert needs <= read
        assert documents <= read


def test_a_parallel_read_gives_the_serial_build(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    project = write_project(tmp_path / "project")
    serial_twin = copy_tree(project, tmp_path / "serial")
    parallel, _sent = build(make_app, project, parallel=2)
    serial, _none = build(make_app, serial_twin, parallel=0)
    assert sorted(build_warnings(parallel)) == sorted(build_warnings(serial))
    assert [warning.subtype for warning in build_warnings(serial)] == ["implplan.value"]
    assert (parallel.outdir / "implplan.json").read_bytes() == (
        serial.outdir / "implplan.json"
    ).read_bytes()
    assert needs_json(parallel) == needs_json(serial)
