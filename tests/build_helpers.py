"""Helpers shared by the tests: reading a build's warnings, needs and pages, and
copying, editing and building a test project again.

What it offers:

- ``ROOTS``, the folder of the test projects, and ``copy_root``/``copy_tree`` to copy
  one for a test that edits it, ``edit`` to change it, ``build_again`` to build it with
  a new app;
- ``parse_warnings``/``build_warnings`` (a build's warnings as ``BuildWarning``) and
  ``warnings_of`` (one family of them);
- ``needs_in``/``read_needs``/``read_needs_schema``, read from ``needs.json``;
- ``line_in``/``line_of``, the line a warning must point at;
- ``read_html``, ``div_from``, ``card_html``, ``view_text``, ``visible_text``, to read
  the pages written;
- ``assert_no_traceback``/``assert_no_traceback_in``;
- ``unavailable``/``require_programs``, to skip (or under ``CI=true`` fail) a test
  that lacks a program.

The fixtures and pytest's configuration stay in ``conftest.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.testing.util import SphinxTestApp

#: the test projects, ``test-<name>`` folders built by ``sphinx.testing``
ROOTS = Path(__file__).parent.resolve() / "roots"

#: colour codes, and the line erasing of the one-line progress Sphinx prints where it
#: thinks the terminal takes colour (CI=true)
ANSI_CODE = re.compile(r"\x1b\[[0-9;]*[mK]")
_WARNING_LINE = re.compile(
    r"^(?:(?P<location>.*?): )?(?:WARNING|ERROR|CRITICAL): (?P<message>.*?)"
    r"(?: \[(?P<subtype>[\w.-]+)\])?$"
)
_LOCATION_LINE = re.compile(r"^(?P<path>.*?):(?P<line>\d+)?$")
_DIV_TAG = re.compile(r"<(/?)div\b[^>]*>")


def unavailable(reason: str) -> NoReturn:
    """Skip a test that lacks a program it needs; under ``CI=true`` fail it, so that a
    green CI run cannot hide a missing install step."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true, where every test must run)", pytrace=False)
    pytest.skip(reason)


def require_programs(*programs: str, reason: str) -> None:
    missing = [program for program in programs if shutil.which(program) is None]
    if missing:
        unavailable(f"{reason}: {', '.join(missing)} not found")


class BuildWarning(NamedTuple):
    """One warning of a build, as ``parse_warnings`` reads it."""

    #: the file's base name (``plan.md``), ``""`` for a warning without a location
    file: str
    #: the line in the file, ``None`` where the warning names none
    line: int | None
    #: ``type.subtype`` as Sphinx shows it (``implplan.value``), ``""`` where there is none
    subtype: str
    message: str


def parse_warnings(text: str) -> list[BuildWarning]:
    """Every warning in a build's warning stream; continuation lines join the message."""
    warnings: list[BuildWarning] = []
    for raw in ANSI_CODE.sub("", text).splitlines():
        match = _WARNING_LINE.match(raw)
        if match is None:
            if warnings and raw.strip():
                last = warnings[-1]
                warnings[-1] = last._replace(message=f"{last.message}\n{raw}")
            continue
        file, line = "", None
        if match["location"]:
            location = _LOCATION_LINE.match(match["location"])
            if location is None:
                file = Path(match["location"]).name
            else:
                file = Path(location["path"]).name
                line = int(location["line"]) if location["line"] else None
        warnings.append(BuildWarning(file, line, match["subtype"] or "", match["message"]))
    return warnings


def build_warnings(app: SphinxTestApp) -> list[BuildWarning]:
    return parse_warnings(app.warning.getvalue())


def warnings_of(
    warnings: Iterable[BuildWarning], subtype: str, *, file: str | None = None
) -> list[BuildWarning]:
    """The warnings of one ``implplan.<subtype>`` family, optionally in one file."""
    return [
        warning
        for warning in warnings
        if warning.subtype == f"implplan.{subtype}" and (file is None or warning.file == file)
    ]


def needs_in(outdir: Path) -> dict[str, dict[str, Any]]:
    """The needs of the current version in the ``needs.json`` of ``outdir``."""
    data = json.loads((outdir / "needs.json").read_text(encoding="utf8"))
    needs: dict[str, dict[str, Any]] = data["versions"][data["current_version"]]["needs"]
    return needs


def read_needs(app: SphinxTestApp) -> dict[str, dict[str, Any]]:
    """The needs of the current version in the ``needs`` builder's ``needs.json``."""
    return needs_in(app.outdir)


def open_questions_of(report: dict[str, Any], plan_id: str) -> list[dict[str, str]]:
    """A plan's open questions as a reader of ``implplan.json`` finds them: the
    markers of the requirements of its scope, each kept once per requirement."""
    requirements = report["requirements"]
    return [
        {"requirement": rid, "question": question}
        for rid in report["scopes"][report["plans"][plan_id]["scope"]]
        for question in requirements[rid]["open_questions"]
    ]


def read_needs_schema(app: SphinxTestApp) -> dict[str, Any]:
    data = json.loads((app.outdir / "needs.json").read_text(encoding="utf8"))
    schema: dict[str, Any] = data["versions"][data["current_version"]]["needs_schema"]
    return schema


def line_in(path: Path, marker: str) -> int:
    """The 1-based line of the first line of ``path`` that contains ``marker``."""
    lines = path.read_text(encoding="utf8").splitlines()
    found = [number for number, text in enumerate(lines, start=1) if marker in text]
    assert found, f"{marker!r} is not in {path.name}"
    return found[0]


def line_of(app: SphinxTestApp, filename: str, marker: str) -> int:
    """The line of ``marker`` in ``filename`` of the source folder: where a
    directive's warnings must point."""
    return line_in(app.srcdir / filename, marker)


def read_html(app: SphinxTestApp, docname: str) -> str:
    return (app.outdir / f"{docname}.html").read_text(encoding="utf8")


def div_from(html: str, start: int) -> str:
    """The ``div`` opening at ``start``, up to its own closing tag."""
    depth = 0
    for tag in _DIV_TAG.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[start : tag.end()]
    raise AssertionError(f"the div at {start} is not closed")


_EXTENSION_DIV = re.compile(r'<div class="(?:[^"]* )?implplan-(?:card|view)[ "]')


def extension_fragments(html: str) -> list[str]:
    """The HTML of every card and view of a page, in page order (a card inside a view
    is part of the view's)."""
    fragments: list[str] = []
    end = 0
    for match in _EXTENSION_DIV.finditer(html):
        if match.start() < end:
            continue  # a div inside the previous card or view
        fragment = div_from(html, match.start())
        end = match.start() + len(fragment)
        fragments.append(fragment)
    return fragments


def card_html(html: str, need_id: str) -> str:
    """The HTML of the card of ``need_id``: its ``div``, from opening to closing tag."""
    anchor = html.find(f'<span class="target" id="{need_id}"></span>')
    assert anchor != -1, f"no card anchor for {need_id}"
    # a risk's band class comes first (LaTeX reads the classes in order)
    cards = list(re.finditer(r'<div class="(?:[^"]* )?implplan-card[ "]', html[:anchor]))
    assert cards, f"the anchor of {need_id} is not in a card"
    return div_from(html, cards[-1].start())


def view_text(html: str, kind: str, index: int = 0) -> str:
    """The visible text of the ``index``-th view of one kind (``impl-summary``) on a
    page."""
    marker = f'<div class="implplan-view implplan-{kind} '
    start = -1
    for _ in range(index + 1):
        start = html.find(marker, start + 1)
        assert start != -1, f"no {kind} view number {index}"
    return visible_text(div_from(html, start))


def visible_text(html: str) -> str:
    """The text of an HTML fragment, tags removed and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def assert_no_traceback_in(output: str) -> None:
    assert "Traceback" not in output
    assert "Exception occurred" not in output


def assert_no_traceback(app: SphinxTestApp) -> None:
    assert_no_traceback_in(app.status.getvalue() + app.warning.getvalue())


def copy_tree(source: Path, destination: Path) -> Path:
    """A copy of the project ``source`` at ``destination``, without its build."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("_build"))
    return destination


def copy_root(name: str, destination: Path) -> Path:
    """A copy of ``roots/test-<name>`` at ``destination``, for a test that edits it."""
    return copy_tree(ROOTS / f"test-{name}", destination)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one place of ``old`` in ``path`` by ``new``."""
    text = path.read_text(encoding="utf8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf8")


def build_again(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, builder: str = "html", **options: Any
) -> SphinxTestApp:
    """Build ``srcdir`` with a new app, as a new run of ``sphinx-build`` does:
    incremental when its output folder holds an earlier build."""
    app = make_app(builder, srcdir=srcdir, **options)
    app.build()
    assert_no_traceback(app)
    # let the next app of the test register its nodes and directives afresh
    app.cleanup()
    return app
