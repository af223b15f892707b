"""Counting a phase's deliverables: task-list items in its parsed body.

Three spellings reach us: MyST with its ``tasklist`` extension (list items of class
``task-list-item`` holding a checkbox), and MyST without it or rST, where the item's
text simply starts with ``[ ]`` or ``[x]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_implplan import needs_bridge

if TYPE_CHECKING:
    from docutils.statemachine import StringList
    from sphinx.util.docutils import SphinxDirective

#: the ``[ ]``, ``[x]`` or ``[X]`` an item's text starts with where no extension made
#: a checkbox of it (the write phase removes it where it draws the box itself)
TEXT_MARKER = re.compile(r"\[( |x|X)\]\s")


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int | None:
        """Whole percent done, ``None`` without deliverables."""
        if self.total == 0:
            return None
        # halves round up (1 of 8 is 13 %), as people round, not to even as round() does
        return (self.done * 200 + self.total) // (self.total * 2)

    def derived_status(self) -> str:
        if self.total and self.done == self.total:
            return "done"
        if self.done:
            return "in-progress"
        return "planned"


def task_state(item: nodes.list_item) -> bool | None:
    """True for a done task, False for an open one, None for an ordinary list item."""
    first = item.children[0] if item.children else None
    if not isinstance(first, nodes.paragraph):
        return None
    if "task-list-item" in item["classes"]:
        for raw in first.findall(nodes.raw):
            return "checked" in raw.astext()
        return None
    match = TEXT_MARKER.match(first.astext() + " ")
    if match is None:
        return None
    return match.group(1) != " "


def count_deliverables(body: Iterable[nodes.Node]) -> Progress:
    """Done and total task-list items anywhere in ``body``, nested lists included."""
    done = total = 0
    for node in body:
        for item in node.findall(nodes.list_item):
            state = task_state(item)
            if state is None:
                continue
            total += 1
            done += state
    return Progress(done, total)


def parsed_apart(directive: SphinxDirective, content: StringList) -> list[nodes.Node]:
    """A directive's body parsed as its document parses it (MyST or rST, with the
    document's extensions), into a node that stays out of the document, with the needs
    nested in it left out: what sphinx-needs never parses for a hidden need."""
    holder = nodes.container()
    directive.state.nested_parse(content, directive.content_offset, holder)
    return needs_bridge.own_body_of(holder)
