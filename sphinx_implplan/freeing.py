"""A page's views freed as soon as the page is written (HTML builders).

Every docutils node points to its parent and its parent to it, so a written page
is cyclic garbage that only a run of Python's collector frees; a traceability view
over 5,000 requirements is more than a million such objects, and freeing them that
way took longer than drawing them. Once the page is written (``html-page-context``,
after every other handler), each view is taken out of the page and its nodes'
links to their parents are cut: reference counting frees them at once, and the
collector never scans them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: the Python attribute of a page's document that lists the views drawn on it; it
#: lives and dies with the page, in whichever process writes it
_DRAWN_VIEWS = "implplan_drawn_views"


def note_drawn_views(doctree: nodes.document, views: list[nodes.Element]) -> None:
    setattr(doctree, _DRAWN_VIEWS, views)


def free_drawn_views(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The ``html-page-context`` handler: the page's body is already HTML."""
    views: list[nodes.Element] = getattr(doctree, _DRAWN_VIEWS, [])
    for view in views:
        if view.parent is not None:
            view.parent.remove(view)
        cut_parent_links(view)
    views.clear()


def cut_parent_links(root: nodes.Node) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        node.parent = None
        stack.extend(node.children)
