"""A page's cards and views freed as soon as the page is written (HTML builders).

Every docutils node points to its parent and its parent to it, so a written page
is cyclic garbage that only a run of Python's collector frees; the collector then
scans every object of the build to find it. A traceability view over 5,000
requirements is more than a million such objects, and freeing them that way took
longer than drawing them; the cards of a plan page are a few hundred thousand.
Once the page is written (``html-page-context``, after every other handler), each
card and view is taken out of the page and its nodes' links to their parents are
cut: reference counting frees them at once, and the collector never scans them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: the Python attribute of a page's document that lists the cards and views drawn
#: on it; it lives and dies with the page, in whichever process writes it
_DRAWN = "implplan_drawn"


def note_drawn(doctree: nodes.document, drawn: list[nodes.Element]) -> None:
    if drawn:
        noted: list[nodes.Element] = doctree.__dict__.setdefault(_DRAWN, [])
        noted.extend(drawn)


def free_drawn(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The ``html-page-context`` handler: the page's body is already HTML."""
    drawn: list[nodes.Element] = getattr(doctree, _DRAWN, [])
    for element in drawn:
        if element.parent is not None:
            element.parent.remove(element)
        cut_parent_links(element)
    drawn.clear()


def cut_parent_links(root: nodes.Node) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        node.parent = None
        stack.extend(node.children)
