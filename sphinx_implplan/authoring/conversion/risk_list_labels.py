"""A paragraph that only labels the list after it as risks: one short line naming
risks, ending with ``:`` or wholly emphasised, an emoji before it or not
(``*Risks:*``, ``**Risks**``, ``Risks and mitigations:``, ``U+26A0 **What could go
wrong**``); also such a line right under the tag opening a callout written in HTML
(``<aside>``, ``<div>``), which markdown-it reads as part of the HTML block."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.markdown import Text, span
from sphinx_implplan.authoring.conversion.risk_shapes import html_inner_blocks
from sphinx_implplan.authoring.conversion.section_kinds import (
    SectionKind,
    kind_of,
    without_emoji,
)

#: a label is short: ``Risks and mitigations``, not a sentence about risks
_MOST_LABEL_WORDS = 4
#: a label wholly emphasised: ``*Risks*``, ``**Risks:**``, ``_Risks_:``
_EMPHASISED = re.compile(r"(\*\*|__|\*|_)[^*_]+\1:?")
_LISTS = frozenset({"bullet_list", "ordered_list"})


def labels_risks(block: SyntaxTreeNode) -> bool:
    """Whether a paragraph is one line that only names risks, as a label does."""
    if block.type != "paragraph" or not block.children:
        return False
    start, end = span(block)
    text = Text.of(block.children[0])
    raw = without_emoji(text.raw).strip()
    if end - start != 1 or not (raw.endswith(":") or _EMPHASISED.fullmatch(raw)):
        return False
    name = without_emoji(text.plain).strip().rstrip(":").strip()
    return 0 < len(name.split()) <= _MOST_LABEL_WORDS and kind_of(name) is SectionKind.RISKS


def opens_with_risk_label(quote: SyntaxTreeNode) -> bool:
    """Whether a quote opens with a label naming risks and then the list it labels."""
    children = quote.children
    return len(children) >= 2 and labels_risks(children[0]) and children[1].type in _LISTS


def html_labels_risks(lines: list[str], block: SyntaxTreeNode) -> bool:
    """Whether an HTML block is a wrapping tag and, under it, a label naming risks:
    ``<aside>`` then ``U+26A0 **Risks**``."""
    if block.type != "html_block":
        return False
    inner = html_inner_blocks(lines, block)
    return inner is not None and len(inner) == 1 and labels_risks(inner[0])
