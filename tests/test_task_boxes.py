"""Deliverables keep their state in every builder: ``[x]`` / ``[ ]`` in text, man and
texinfo, a checked or an open box in LaTeX, whether MyST's ``tasklist`` extension
made a checkbox of them or the text starts with the marker (and in rST).

``roots/test-deliverables``: ``PH_MD_NESTED`` and ``PH_RS_NESTED`` have two of three
deliverables done (a done parent, an open and a done child), ``PH_*_ALL`` writes one
of its two as ``[X]``. The PDF itself is checked in ``test_pdf.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from build_helpers import build_warnings, read_html

from sphinx_implplan.write.task_boxes import LATEX_BOXES

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

#: the text of the nested phase's three deliverables, in order
NESTED = ["[x] parent", "[ ] child", "[x] second child"]
DOCUMENTS = ("tasks", "tasks-rst")


def tasklist(enabled: bool) -> pytest.MarkDecorator:
    return pytest.mark.sphinx(confoverrides={"myst_enable_extensions": ["tasklist"] * enabled})


SPELLINGS = [
    pytest.param(True, marks=tasklist(True), id="tasklist"),
    pytest.param(False, marks=tasklist(False), id="no-tasklist"),
]


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _nested_items(text: str) -> list[str]:
    """The lines of the nested phase's deliverables, bullets and indents left out."""
    start = text.index("Nested")
    end = text.index("not a task", start)
    return [
        re.sub(r"^[*\-\u2022.\s]+", "", line)
        for line in _lines(text[start:end])
        if "parent" in line or "child" in line
    ]


@pytest.mark.parametrize("with_tasklist", SPELLINGS)
@pytest.mark.sphinx("text", testroot="deliverables", freshenv=True)
def test_text_shows_the_state_of_each_deliverable(app: SphinxTestApp, with_tasklist: bool) -> None:
    app.build()
    assert build_warnings(app) == []
    for docname in DOCUMENTS:
        text = (app.outdir / f"{docname}.txt").read_text(encoding="utf8")
        assert _nested_items(text) == NESTED, docname
        # "[X]" reads as done, written as every other done box
        assert "[X]" not in text
        assert "[x] two" in text
        # a code block is not a task list
        assert "- [x] in a code block, not a deliverable" in text
        # nothing of the checkbox's HTML, no marker twice
        assert "<input" not in text
        assert "[x] [x]" not in text


@pytest.mark.sphinx("text", testroot="deliverables", freshenv=True)
def test_both_spellings_give_the_same_text(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    app.build()
    with_checkboxes = (app.outdir / "tasks.txt").read_text(encoding="utf8")
    plain = make_app(
        "text",
        srcdir=app.srcdir,
        builddir=app.srcdir / "_build_plain",
        freshenv=True,
        confoverrides={"myst_enable_extensions": []},
    )
    plain.build()
    assert "task-list-item" not in str(plain.env.get_doctree("tasks"))
    assert (plain.outdir / "tasks.txt").read_text(encoding="utf8") == with_checkboxes


@pytest.mark.parametrize("with_tasklist", SPELLINGS)
@pytest.mark.parametrize(
    "suffix",
    [
        pytest.param(".1", marks=pytest.mark.sphinx("man"), id="man"),
        pytest.param(".texi", marks=pytest.mark.sphinx("texinfo"), id="texinfo"),
    ],
)
@pytest.mark.sphinx(testroot="deliverables", freshenv=True)
def test_man_and_texinfo_show_the_state(
    app: SphinxTestApp, with_tasklist: bool, suffix: str
) -> None:
    app.build()
    (output,) = app.outdir.glob(f"*{suffix}")
    text = output.read_text(encoding="utf8")
    # the words and their boxes, in order
    words = " ".join(text.split())
    positions = [words.index(item) for item in NESTED]
    assert positions == sorted(positions)
    assert "<input" not in text


@pytest.mark.parametrize("with_tasklist", SPELLINGS)
@pytest.mark.sphinx("latex", testroot="deliverables", freshenv=True)
def test_latex_draws_a_box_as_each_deliverables_label(
    app: SphinxTestApp, with_tasklist: bool
) -> None:
    app.build()
    assert build_warnings(app) == []
    (tex,) = app.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf8")
    done, open_ = (rf"\item[{{{LATEX_BOXES[state]}}}]" for state in (True, False))
    for prefix in ("MD", "RS"):
        card = source[source.index(f"PH_{prefix}_NESTED") :]
        card = card[: card.index("not a task")]
        boxes = re.findall(
            r"\\item\[\{\\implplantask(done|open)\}\]\s*(?:\\sphinxAtStartPar\s*)?(\w+)", card
        )
        assert boxes == [("done", "parent"), ("open", "child"), ("done", "second")], prefix
    # the marker is gone from the text: the box says it
    assert r"{[}x{]}" not in source
    assert r"{[} {]}" not in source
    # every deliverable of the visible phases, seven done and seven open in each page
    assert (source.count(done), source.count(open_)) == (14, 14)


@pytest.mark.sphinx("html", testroot="deliverables", freshenv=True)
def test_html_keeps_its_checkboxes(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "tasks")
    # MyST's checkboxes as MyST wrote them, and no marker of ours beside them
    assert html.count('class="task-list-item-checkbox"') > 10
    assert "[x]" not in html.replace("[x] in a code block", "")
