"""sphinx-needs' purge of a document's needs, run once for every document to be read
before the first is read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.directives.need import purge_needs

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def purge_documents_before_reading(app: Sphinx) -> bool:
    """Whether the purge could be moved before the read.

    sphinx-needs forgets a document by scanning every need for the document's,
    and a serial read asks it to just before reading each document. Each document
    then scans all the needs read before it, so a clean build's read grew with the
    square of the project (5.7 s of a 60 s build at 5,000 requirements). Instead,
    sphinx-needs' own purge runs for every document to be read before the first is
    read, as Sphinx does itself for a parallel read, and not again as each is read.
    That also keeps an item moved to a document read earlier from meeting its old
    self, still held by the document it left."""
    purged: set[str] = set()

    def purge_documents_to_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        purged.clear()
        if SphinxNeedsData(env).needs_is_post_processed:
            return  # a build of the same process that ended early left them frozen
        for docname in docnames:
            purge_needs(app, env, docname)
        purged.update(docnames)

    def purge_unless_purged(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        # once: Sphinx also purges a removed document, before the next read
        if docname in purged:
            purged.discard(docname)
        else:
            purge_needs(app, env, docname)

    listener = next(
        (
            listener
            for listener in app.events.listeners.get("env-purge-doc", ())
            if listener.handler is purge_needs
        ),
        None,
    )
    if listener is None:
        # sphinx-needs renamed or moved its listener: it then purges each document
        # as it is read, as it always did (right, but a read that grows with the
        # square of the project)
        logger.debug(
            "[implplan] sphinx-needs' env-purge-doc listener was not found; "
            "each document is purged as it is read"
        )
        return False
    app.disconnect(listener.id)
    app.connect("env-purge-doc", purge_unless_purged, priority=listener.priority)
    # last, once every handler has added the documents it wants read
    app.connect("env-before-read-docs", purge_documents_to_read, priority=900)
    return True
