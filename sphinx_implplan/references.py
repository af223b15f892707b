"""Links to items and documents, shared by the cards and the views.

An id links to the item's anchor on its page (``todo.py``'s way: a builder without
URIs between pages, such as LaTeX for a part outside its document, gets plain text
through ``NoUri``); an external need links to the other site; an unknown id is shown
struck through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_implplan.model import Corpus


def reference_to(
    app: Sphinx,
    fromdocname: str,
    shown_id: str,
    *,
    anchor: str,
    docname: str | None,
    title: str,
    external: bool = False,
    external_url: str | None = None,
) -> nodes.Node:
    text = nodes.literal(shown_id, shown_id)
    if external:
        if not external_url:
            return text
        return nodes.reference("", "", text, refuri=external_url, internal=False, reftitle=title)
    if not docname:
        return text
    try:
        uri = app.builder.get_relative_uri(fromdocname, docname) + "#" + anchor
    except NoUri:
        return text
    return nodes.reference("", "", text, refuri=uri, internal=True, reftitle=title)


def dead_reference(shown_id: str) -> nodes.Node:
    return nodes.inline("", "", nodes.literal(shown_id, shown_id), classes=["implplan-dead-link"])


def item_reference(app: Sphinx, fromdocname: str, corpus: Corpus, item_id: str) -> nodes.Node:
    item = corpus.items.get(item_id)
    if item is None:
        return dead_reference(item_id)
    return reference_to(
        app,
        fromdocname,
        item_id,
        anchor=item_id,
        docname=item.docname,
        title=item.title,
        external=item.external,
        external_url=item.external_url,
    )


def doc_reference(app: Sphinx, fromdocname: str, docname: str) -> nodes.Node:
    title_node = app.env.titles.get(docname)
    title = title_node.astext() if title_node is not None else docname
    try:
        uri = app.builder.get_relative_uri(fromdocname, docname)
    except NoUri:
        return nodes.Text(title)
    return nodes.reference("", title, refuri=uri, internal=True)


def joined(parts: list[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    """``parts`` with ``separator`` text between them."""
    result: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            result.append(nodes.Text(separator))
        result.append(part)
    return result
