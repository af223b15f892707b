"""``<details>`` blocks as markdown-it reads them: an HTML block opening the element
with its ``<summary>``, the Markdown blocks inside, and an HTML block closing it."""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.section_kinds import without_emoji

_OPENING = re.compile(r"\s*<details\b[^>]*>", re.IGNORECASE)
_SUMMARY = re.compile(r"<summary\b[^>]*>(?P<text>.*?)</summary>", re.IGNORECASE | re.DOTALL)
CLOSING = re.compile(r"\s*</details>\s*$", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")


def summary_text(block: SyntaxTreeNode) -> str | None:
    """The plain text of the summary an opening ``<details>`` block holds."""
    if block.type != "html_block" or not _OPENING.match(block.content):
        return None
    found = _SUMMARY.search(block.content)
    if found is None or CLOSING.search(block.content):
        return None
    text = " ".join(html.unescape(_TAG.sub("", found.group("text"))).split())
    return without_emoji(text) or None


def closes_details(block: SyntaxTreeNode) -> bool:
    """Whether ``block`` is the HTML block closing a ``<details>`` element."""
    return block.type == "html_block" and CLOSING.match(block.content) is not None


class DetailsBlock(NamedTuple):
    """A ``<details>`` element closed among one section's own blocks."""

    summary: str
    opening: SyntaxTreeNode
    #: the Markdown blocks between the opening and the closing HTML blocks
    inner: list[SyntaxTreeNode]


def closed_details(blocks: list[SyntaxTreeNode]) -> list[DetailsBlock]:
    """Each details element with a summary and something inside that ``blocks``
    opens and closes, in order; one never closed ends the search."""
    found = []
    index = 0
    while index < len(blocks):
        summary = summary_text(blocks[index])
        if summary is None:
            index += 1
            continue
        end = index + 1
        while end < len(blocks) and not closes_details(blocks[end]):
            end += 1
        inner = blocks[index + 1 : end]
        if end < len(blocks) and inner:
            found.append(DetailsBlock(summary, blocks[index], inner))
        index = end + 1
    return found
