"""A page's cards and views are freed by reference counting as soon as the page is
written, after every other ``html-page-context`` handler has seen them, and the page
still shows them."""

from __future__ import annotations

import gc
import weakref
from typing import TYPE_CHECKING

import pytest
from docutils import nodes

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

#: pages and the class of what is drawn on them
DRAWN_ON = {"review": "implplan-view", "summary": "implplan-view", "plan": "implplan-card"}


def _drawn_nodes(doctree: nodes.Node, drawn_class: str) -> list[nodes.Element]:
    """Every element of the page's cards or views."""
    return [
        node
        for drawn in doctree.findall(nodes.container)
        if drawn_class in drawn["classes"]
        for node in drawn.findall(nodes.Element)
    ]


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_cards_and_views_are_freed_once_their_page_is_written(
    app: SphinxTestApp, collector_restored: None
) -> None:
    gc.disable()  # so that only reference counting frees anything
    drawn: dict[str, list[weakref.ref[nodes.Element]]] = {}
    seen_by_others: dict[str, int] = {}

    def note_drawn(_app: object, doctree: nodes.document, docname: str) -> None:
        if docname in DRAWN_ON:
            nodes_drawn = _drawn_nodes(doctree, DRAWN_ON[docname])
            drawn[docname] = [weakref.ref(node) for node in nodes_drawn]

    def look(_app: object, pagename: str, _t: object, _c: object, doctree: object) -> None:
        if pagename in DRAWN_ON and isinstance(doctree, nodes.document):
            seen_by_others[pagename] = len(_drawn_nodes(doctree, DRAWN_ON[pagename]))

    # after the cards and views are drawn; an extension's page handler at the
    # default priority
    app.connect("doctree-resolved", note_drawn, priority=900)
    app.connect("html-page-context", look)
    app.build()

    assert sorted(drawn) == sorted(DRAWN_ON)
    for page, refs in drawn.items():
        assert len(refs) > 100, page
        assert seen_by_others[page] == len(refs), f"{page}: gone before others saw them"
        # the HTML translator holds the column specs of the last table it wrote
        # until it is freed itself, by the collector
        alive = [node for node in (ref() for ref in refs) if node is not None]
        assert [node for node in alive if not isinstance(node, nodes.colspec)] == [], page
        html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
        assert html.count(f'class="{DRAWN_ON[page]}') >= 2
