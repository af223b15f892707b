"""Links to items and documents, shared by the cards and the views.

An id links to the item's anchor on its page (``todo.py``'s way: a builder without
URIs between pages, such as LaTeX for a part outside its document, gets plain text
through ``NoUri``); an external need links to the other site; an unknown id is shown
struck through. A page asks the builder for each other page's URI once
(:class:`PageLinks`): a traceability table links to the same pages thousands of times.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.plan.model import Corpus


class PageLinks:
    """Links from the page being written; only for as long as it is written, since a
    builder with several output files (LaTeX) answers by the file being written."""

    def __init__(self, app: Sphinx, fromdocname: str) -> None:
        self.app = app
        self.fromdocname = fromdocname
        self.in_html = app.builder.format == "html"
        self._uris: dict[str, str | None] = {}

    def uri(self, docname: str) -> str | None:
        """The relative URI of ``docname``'s page; ``None`` where it has none here."""
        if docname not in self._uris:
            try:
                self._uris[docname] = self.app.builder.get_relative_uri(self.fromdocname, docname)
            except NoUri:
                self._uris[docname] = None
        return self._uris[docname]


def reference_to(
    links: PageLinks,
    shown_id: str,
    *,
    anchor: str,
    docname: str | None,
    title: str,
    external: bool = False,
    external_url: str | None = None,
) -> nodes.Node:
    if external:
        uri = external_url or None
    else:
        uri = links.uri(docname) if docname else None
        uri = f"{uri}#{anchor}" if uri is not None else None
    if not links.in_html:
        # print sets an id in the code font through a literal
        text: nodes.Node = nodes.literal(shown_id, shown_id)
        if uri is None:
            return text
        return nodes.reference("", "", text, refuri=uri, internal=not external, reftitle=title)
    # HTML draws it in the code font through the class: a page with thousands of ids
    # (a traceability table) is written much faster without a literal in each link
    if uri is None:
        return nodes.inline(shown_id, shown_id, classes=["implplan-id"])
    return nodes.reference(
        "", shown_id, refuri=uri, internal=not external, reftitle=title, classes=["implplan-id"]
    )


def dead_reference(shown_id: str) -> nodes.Node:
    return nodes.inline("", "", nodes.literal(shown_id, shown_id), classes=["implplan-dead-link"])


def item_reference(links: PageLinks, corpus: Corpus, item_id: str) -> nodes.Node:
    """A link to a need by id as written; ``ID.part`` (a part of need ``ID``, as
    sphinx-needs reads it) links to need ``ID``; struck through where unknown."""
    base = item_id if item_id in corpus.items else item_id.partition(".")[0]
    item = corpus.items.get(base)
    if item is None:
        return dead_reference(item_id)
    return reference_to(
        links,
        item_id,
        anchor=base,
        docname=item.docname,
        title=item.title,
        external=item.external,
        external_url=item.external_url,
    )


def document_title(env: BuildEnvironment, docname: str) -> str:
    """The text a link to ``docname`` shows: its title, or its name."""
    title_node = env.titles.get(docname)
    return title_node.astext() if title_node is not None else docname


def doc_reference(links: PageLinks, docname: str) -> nodes.Node:
    title = document_title(links.app.env, docname)
    uri = links.uri(docname)
    if uri is None:
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
