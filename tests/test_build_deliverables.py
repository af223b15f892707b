"""Deliverables counted in real builds: MyST with and without ``tasklist``, and rST.

``roots/test-deliverables`` writes the same phases in ``tasks.md`` (ids ``PH_MD_*``)
and ``tasks-rst.rst`` (``PH_RS_*``); its ``conf.py`` enables MyST's ``tasklist``,
which one run switches off. Two phases of each are hidden (``:hide:``): sphinx-needs
parses no body for them, and they keep their deliverables all the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from build_helpers import build_warnings, card_html, read_html, read_needs, visible_text

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

#: phase id without its prefix -> (done, total, completion, status)
EXPECTED: dict[str, tuple[int, int, int | None, str]] = {
    "NONE": (0, 0, None, "planned"),
    "PLAIN": (0, 0, None, "planned"),
    "ZERO": (0, 2, 0, "planned"),
    "SOME": (1, 3, 33, "in-progress"),
    "ALL": (2, 2, 100, "done"),
    "NESTED": (2, 3, 67, "in-progress"),
    # a status given wins over the derived one
    "GIVEN": (1, 1, 100, "blocked"),
    "SAID": (0, 1, 0, "done"),
    "MIXED": (1, 2, 50, "in-progress"),
}

#: hidden phases: id without its prefix -> (done, total, completion, status)
HIDDEN: dict[str, tuple[int, int, int | None, str]] = {
    "HIDDEN": (2, 3, 67, "in-progress"),
    "HIDDEN_DONE": (1, 1, 100, "done"),
}

#: (document, phase id prefix)
DOCUMENTS = (("tasks", "PH_MD_"), ("tasks-rst", "PH_RS_"))


def with_tasklist(enabled: bool) -> pytest.MarkDecorator:
    extensions = ["tasklist"] if enabled else []
    return pytest.mark.sphinx(
        confoverrides={"myst_enable_extensions": extensions, "needs_build_json": True}
    )


@pytest.mark.parametrize(
    "tasklist",
    [
        pytest.param(True, marks=with_tasklist(True), id="tasklist"),
        pytest.param(False, marks=with_tasklist(False), id="no-tasklist"),
    ],
)
@pytest.mark.sphinx("html", testroot="deliverables", freshenv=True)
def test_deliverables_counted(app: SphinxTestApp, tasklist: bool) -> None:
    app.build()
    assert build_warnings(app) == []
    needs = read_needs(app)
    # the MyST page really was parsed with (or without) the tasklist extension
    checkboxes = "task-list-item-checkbox" in read_html(app, "tasks")
    assert checkboxes == tasklist
    assert "task-list-item-checkbox" not in read_html(app, "tasks-rst")

    for docname, prefix in DOCUMENTS:
        html = read_html(app, docname)
        for name, (done, total, completion, status) in EXPECTED.items():
            need = needs[prefix + name]
            stored = (
                need["deliverables_done"],
                need["deliverables_total"],
                need["completion"],
                need["status"],
            )
            assert stored == (done, total, completion, status), need["id"]
            card = visible_text(card_html(html, need["id"]))
            if total:
                assert f"progress : {done}/{total} deliverables done ({completion} %)" in card
            else:
                assert "progress : no deliverables listed" in card
            assert f"{need['id']} {status} " in card


@pytest.mark.parametrize(
    "tasklist",
    [
        pytest.param(True, marks=with_tasklist(True), id="tasklist"),
        pytest.param(False, marks=with_tasklist(False), id="no-tasklist"),
    ],
)
@pytest.mark.sphinx("html", testroot="deliverables", freshenv=True)
def test_a_hidden_phase_keeps_its_deliverables(app: SphinxTestApp, tasklist: bool) -> None:
    app.build()
    assert build_warnings(app) == []
    needs = read_needs(app)
    for docname, prefix in DOCUMENTS:
        for name, expected in HIDDEN.items():
            need = needs[prefix + name]
            stored = (
                need["deliverables_done"],
                need["deliverables_total"],
                need["completion"],
                need["status"],
            )
            assert stored == expected, need["id"]
            # hidden it stays: no card, and nothing of its body on the page
            assert f'id="{need["id"]}"' not in read_html(app, docname)
        assert "only in a hidden body" not in read_html(app, docname)
