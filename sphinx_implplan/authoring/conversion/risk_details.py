"""Risks in a collapsible block outside any risk section, as runbooks and wiki
exports hide them under another heading: ``<details>``, a ``<summary>`` naming risks
(``<strong>Risks and rollback triggers</strong> (click to expand)``), a table or a
list in Markdown, then ``</details>``.

The HTML stays as written around them; what is between is read as a risk section's
own blocks (:mod:`.risks`). A block inside a phase is the phase's, and one whose
summary names anything else (``Retro notes``) is left as it is.
"""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import Section, span
from sphinx_implplan.authoring.conversion.phase_details import CLOSING, summary_text
from sphinx_implplan.authoring.conversion.risks import convert_risk_blocks
from sphinx_implplan.authoring.conversion.section_kinds import SectionKind, kind_of


def convert_risk_details(conversion: Conversion, root: Section) -> None:
    """Each details block of the plan whose summary names risks and whose lines no
    converter has taken (a phase holding them, a risk section reading them)."""
    for section in root.walk():
        for inner in _risk_blocks(section.blocks):
            start, end = span(inner[0])[0], span(inner[-1])[1]
            if _is_free(conversion, start, end):
                convert_risk_blocks(conversion, inner)


def _risk_blocks(blocks: list[SyntaxTreeNode]) -> list[list[SyntaxTreeNode]]:
    """The Markdown blocks of each closed details block summarised as risks."""
    found = []
    index = 0
    while index < len(blocks):
        summary = summary_text(blocks[index])
        if summary is None:
            index += 1
            continue
        end = index + 1
        while end < len(blocks) and not (
            blocks[end].type == "html_block" and CLOSING.match(blocks[end].content)
        ):
            end += 1
        inner = blocks[index + 1 : end]
        if end < len(blocks) and inner and kind_of(summary) is SectionKind.RISKS:
            found.append(inner)
        index = end + 1
    return found


def _is_free(conversion: Conversion, start: int, end: int) -> bool:
    return not any(
        replacement.start < end and start < replacement.end
        for replacement in conversion.replacements
    )
