"""A page's views are freed by reference counting as soon as the page is written,
after every other ``html-page-context`` handler has seen them, and the page still
shows them."""

from __future__ import annotations

import gc
import weakref
from typing import TYPE_CHECKING

import pytest
from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.testing.util import SphinxTestApp

VIEW_PAGES = {"review", "summary"}


@pytest.fixture
def collector_off() -> Iterator[None]:
    """Only reference counting frees anything while the collector is off."""
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    if was_enabled:
        gc.enable()


def _view_nodes(doctree: nodes.Node) -> list[nodes.Element]:
    """Every element of the page's views."""
    return [
        node
        for view in doctree.findall(nodes.container)
        if "implplan-view" in view["classes"]
        for node in view.findall(nodes.Element)
    ]


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_views_are_freed_once_their_page_is_written(
    app: SphinxTestApp, collector_off: None
) -> None:
    drawn: dict[str, list[weakref.ref[nodes.Element]]] = {}
    seen_by_others: dict[str, int] = {}

    def note_drawn(_app: object, doctree: nodes.document, docname: str) -> None:
        if docname in VIEW_PAGES:
            drawn[docname] = [weakref.ref(node) for node in _view_nodes(doctree)]

    def look(_app: object, pagename: str, _t: object, _c: object, doctree: object) -> None:
        if pagename in VIEW_PAGES and isinstance(doctree, nodes.document):
            seen_by_others[pagename] = len(_view_nodes(doctree))

    # after the views are drawn; an extension's page handler at the default priority
    app.connect("doctree-resolved", note_drawn, priority=900)
    app.connect("html-page-context", look)
    app.build()

    assert sorted(drawn) == sorted(VIEW_PAGES)
    for page, refs in drawn.items():
        assert len(refs) > 100, page
        assert seen_by_others[page] == len(refs), f"{page}: views gone before others saw them"
        # the HTML translator holds the column specs of the last table it wrote
        # until it is freed itself, by the collector
        alive = [node for node in (ref() for ref in refs) if node is not None]
        assert [node for node in alive if not isinstance(node, nodes.colspec)] == [], page
        html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
        assert html.count('class="implplan-view') >= 2
