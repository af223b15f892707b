"""Task-list items keep their state outside HTML: a checked or an open box in LaTeX,
``[x]`` or ``[ ]`` in text, man and texinfo.

MyST's ``tasklist`` extension makes each box a piece of raw HTML, which every other
builder leaves out: a phase with three of five deliverables done would print five
identical bullets. Without the extension (or in rST) the item's text starts with
``[ ]``, ``[x]`` or ``[X]``. Both spellings give the same output here, for every
task-list item of a page (the ones ``read.deliverables`` counts as a phase's
deliverables, and any other), read by the same rule. HTML is left as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_implplan.read.deliverables import TEXT_MARKER, task_state

if TYPE_CHECKING:
    from sphinx.writers.latex import LaTeXTranslator

#: the builders' formats whose writers drop the raw HTML checkbox
PLAIN_FORMATS = ("text", "man", "texinfo")
#: the LaTeX macros of ``implplan.sty`` that draw the two boxes
LATEX_BOXES = {True: r"\implplantaskdone", False: r"\implplantaskopen"}


class task_item(nodes.list_item):  # noqa: N801 (docutils names nodes in lower case)
    """A task-list item in LaTeX, its box drawn as the item's label; other writers
    draw it as the list item it is (Sphinx's translators look a visitor up along the
    node's classes)."""


def visit_task_item(translator: LaTeXTranslator, node: task_item) -> None:
    box = LATEX_BOXES[bool(node["done"])]
    if isinstance(node.parent, nodes.bullet_list):
        # the box instead of the bullet, as a browser shows a task list
        translator.body.append(rf"\item[{{{box}}}] ")
    else:
        # a numbered list keeps its numbers, the box after them
        translator.body.append(rf"\item {{}} {box}\ ")


def depart_task_item(translator: LaTeXTranslator, node: task_item) -> None:
    translator.body.append("\n")


def _drop_marker(item: nodes.list_item, paragraph: nodes.paragraph) -> None:
    """The item's first paragraph without what says the task's state: MyST's
    checkbox, or the ``[x]`` its text starts with."""
    if "task-list-item" in item["classes"]:
        raw = next(paragraph.findall(nodes.raw))
        raw.parent.remove(raw)
        marker_end = 0
    else:
        match = TEXT_MARKER.match(paragraph.astext() + " ")
        assert match is not None
        marker_end = match.end()
    first = paragraph.children[0] if paragraph.children else None
    if isinstance(first, nodes.Text):
        text = str(first)
        rest = text[min(marker_end, len(text)) :].lstrip()
        if rest:
            paragraph.replace(first, nodes.Text(rest))
        else:
            paragraph.remove(first)


class TaskBoxes(SphinxPostTransform):
    """Every task-list item of a page drawn for the builder writing it."""

    default_priority = 200
    formats = ("latex", *PLAIN_FORMATS)

    def run(self, **kwargs: Any) -> None:
        latex = self.app.builder.format == "latex"
        for item in list(self.document.findall(nodes.list_item)):
            if isinstance(item, task_item):
                continue
            done = task_state(item)
            if done is None:
                continue
            paragraph = item.children[0]
            assert isinstance(paragraph, nodes.paragraph)
            _drop_marker(item, paragraph)
            if latex:
                boxed = task_item(item.rawsource, *item.children, **item.attributes)
                boxed["done"] = done
                item.replace_self(boxed)
            else:
                # the state in words a reader of plain text knows
                marker = "[x] " if done else "[ ] "
                paragraph.insert(0, nodes.Text(marker))
