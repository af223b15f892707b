"""Risks set apart at the end of a phase's section, as plans written in wikis and
exports put the plan's risks after the last phase's checklist with no heading of
their own: a ``<details>`` block summarised as risks, or a quote or an HTML callout
(``<aside>``) opening with a label naming risks (``> U+26A0 **Risks we see**``) and then
its list.

The phase ends before them, so that what reads risks elsewhere in the plan
(:mod:`.risk_details`, :mod:`.risk_label_lists`) reads them too. A block set apart in
the middle of a phase, work following it, stays the phase's.
"""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.details_blocks import closes_details, summary_text
from sphinx_implplan.authoring.conversion.risk_list_labels import (
    html_labels_risks,
    labels_risks,
    opens_with_risk_label,
)
from sphinx_implplan.authoring.conversion.section_kinds import SectionKind, kind_of

#: the tags of a callout written in HTML, alone on their lines
_OPENING = re.compile(r"\s*<(aside|div|section)\b[^<>]*>", re.IGNORECASE)
_CLOSING = re.compile(r"\s*</(aside|div|section)>\s*$", re.IGNORECASE)
_LISTS = frozenset({"bullet_list", "ordered_list"})


def trailing_risks(blocks: list[SyntaxTreeNode], lines: list[str]) -> int:
    """The index of the block where risks set apart at the end of ``blocks`` begin,
    one such block after another; ``len(blocks)`` where they end with none."""
    start = len(blocks)
    while (found := _risks_ending_at(blocks, start, lines)) is not None:
        start = found
    return start


def _risks_ending_at(blocks: list[SyntaxTreeNode], end: int, lines: list[str]) -> int | None:
    """Where the block of risks set apart that ends just before ``end`` begins."""
    if end == 0:
        return None
    last = end - 1
    if blocks[last].type == "blockquote" and opens_with_risk_label(blocks[last]):
        return last
    if closes_details(blocks[last]):
        for index in range(last - 1, -1, -1):
            summary = summary_text(blocks[index])
            if summary is not None:
                return index if kind_of(summary) is SectionKind.RISKS else None
            if closes_details(blocks[index]):
                break
    closing = _CLOSING.match(blocks[last].content) if blocks[last].type == "html_block" else None
    if closing is not None:
        for index in range(last - 1, -1, -1):
            block = blocks[index]
            opening = _OPENING.match(block.content) if block.type == "html_block" else None
            if opening is not None and opening.group(1).lower() == closing.group(1).lower():
                return index if _opens_callout(blocks[index:last], lines) else None
    return None


def _opens_callout(blocks: list[SyntaxTreeNode], lines: list[str]) -> bool:
    """Whether an HTML callout's blocks, its opening tag's first, open with a label
    naming risks and then its list: under the tag, or in a paragraph after it."""
    if html_labels_risks(lines, blocks[0]):
        return len(blocks) > 1 and blocks[1].type in _LISTS
    return len(blocks) > 2 and labels_risks(blocks[1]) and blocks[2].type in _LISTS
