"""Items in an included file are warned about at that file and its line (guide:
Guarantees), in clean, parallel and incremental builds.

``roots/test-includes`` has a MyST document that includes ``parts/myst-part.md``
with ``{include}`` and an rST document that includes ``parts/rst-part.rst`` with
``.. include::``. The included files hold a bad value (warned while the document is
read), a link to an unknown id (warned once every document is read), an id already
taken and a view naming an unknown plan. Each warning must name the included file
and the line there, as docutils names a place in an included file, not the document
that includes it. Four pages without items make enough documents for ``-j 2`` to
read in several processes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pytest
from build_helpers import ANSI_CODE, assert_no_traceback, copy_root, edit, line_in

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

_LOCATED_WARNING = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<subtype>implplan\.\w+)\]$"
)


class Located(NamedTuple):
    #: the file the warning names, relative to the source folder
    file: str
    line: int
    subtype: str
    message: str


#: (file, text on the item's line, subtype, what the message says)
EXPECTED = [
    ("myst-host.md", "In the host itself", "value", ":change: 'sideways'"),
    ("parts/myst-part.md", "Bad value, MyST", "value", ":change: 'sideways'"),
    ("parts/myst-part.md", "Unknown link, MyST", "link", "'FR_MYST_404' is not the id"),
    ("parts/myst-part.md", "Id taken, MyST", "value", "taken by the need at myst-host:"),
    ("parts/myst-part.md", "impl-traceability", "view", "'PLAN_MYST_NOPE' is not the id"),
    ("parts/rst-part.rst", "Bad value, rST", "value", ":change: 'sideways'"),
    ("parts/rst-part.rst", "Unknown link, rST", "link", "'FR_RST_404' is not the id"),
    ("rst-host.rst", "Id taken, rST", "value", "taken by the need at parts/rst-part.rst:"),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_root("includes", tmp_path / "includes")


def expected(src: Path) -> list[tuple[str, int, str, str]]:
    return sorted(
        (file, line_in(src / file, marker), f"implplan.{subtype}", says)
        for file, marker, subtype, says in EXPECTED
    )


def located_warnings(app: SphinxTestApp) -> list[Located]:
    """The extension's warnings, each with the whole path of its file: every one of
    them must name a file of the source folder and a line."""
    found = []
    for raw in ANSI_CODE.sub("", app.warning.getvalue()).splitlines():
        if "[implplan." not in raw:
            continue
        match = _LOCATED_WARNING.match(raw)
        assert match is not None, f"a warning without a file and line: {raw}"
        path = Path(match["path"]).relative_to(app.srcdir).as_posix()
        found.append(Located(path, int(match["line"]), match["subtype"], match["message"]))
    return sorted(found)


def assert_located_as_expected(app: SphinxTestApp) -> None:
    warnings = located_warnings(app)
    assert [warning[:3] for warning in warnings] == [want[:3] for want in expected(app.srcdir)]
    for warning, (*_, says) in zip(warnings, expected(app.srcdir), strict=True):
        assert says in warning.message, warning


def build(
    make_app: Callable[..., SphinxTestApp], src: Path, parallel: int
) -> tuple[SphinxTestApp, list[str]]:
    """A build of ``src`` with a new app (incremental where it was built before), and
    the documents it read."""
    app = make_app("html", srcdir=src, parallel=parallel)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames), 950)
    app.build()
    assert_no_traceback(app)
    app.cleanup()
    return app, sorted(read)


def _log_pid(pid_log: Path) -> None:
    with pid_log.open("a", encoding="utf8") as log:
        log.write(f"{os.getpid()}\n")


@pytest.mark.parametrize("parallel", [0, 2])
def test_warnings_in_an_included_file_name_that_file_and_line(
    make_app: Callable[..., SphinxTestApp], project: Path, parallel: int, tmp_path: Path
) -> None:
    pid_log = tmp_path / "pids.txt"
    app = make_app("html", srcdir=project, parallel=parallel)
    # reader processes inherit the handler and append to the same file
    app.connect("source-read", lambda *_: _log_pid(pid_log))
    app.build()
    assert_no_traceback(app)
    app.cleanup()
    assert_located_as_expected(app)
    readers = set(pid_log.read_text(encoding="utf8").split())
    assert (len(readers) > 1) == bool(parallel), readers


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_build_that_does_not_read_the_including_document_names_the_included_file(
    make_app: Callable[..., SphinxTestApp], project: Path, parallel: int
) -> None:
    """The warnings kept for a document not read again name the included file too;
    an edit of the included file alone reads the document that includes it again."""
    clean, _ = build(make_app, project, parallel)
    assert_located_as_expected(clean)

    edit(project / "index.md", "Items that stand", "The items that stand")
    again, read = build(make_app, project, parallel)
    assert read == ["index"]
    assert_located_as_expected(again)
    assert located_warnings(again) == located_warnings(clean)

    # the included file is edited, not the document: the document is read again
    edit(project / "parts" / "myst-part.md", ":change: sideways", ":change: new")
    fixed, read = build(make_app, project, parallel)
    assert read == ["myst-host"]
    bad_value = Located(
        "parts/myst-part.md",
        line_in(project / "parts" / "myst-part.md", "Bad value, MyST"),
        "implplan.value",
        "",
    )
    assert [warning[:3] for warning in located_warnings(fixed)] == [
        warning[:3] for warning in located_warnings(clean) if warning[:3] != bad_value[:3]
    ]
