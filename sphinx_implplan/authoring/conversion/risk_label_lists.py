"""Risks listed under a label outside any risk section, as plans written without
headings list them after each phase's checklist: a paragraph that is only a label
naming risks (``*Risks:*``, ``**Risks**``, ``Risks and mitigations:``), then a list
whose items are the risks.

The label stays as written and each item becomes an ``impl-risk``. A label and list
inside a phase's section are the phase's body, and a list under any other label
(``*Notes:*``) stays a list.
"""

from __future__ import annotations

import itertools
import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import Section, Text, span
from sphinx_implplan.authoring.conversion.risks import convert_risk_blocks
from sphinx_implplan.authoring.conversion.section_kinds import (
    SectionKind,
    kind_of,
    without_emoji,
)

_LISTS = frozenset({"bullet_list", "ordered_list"})
#: a label is short: ``Risks and mitigations``, not a sentence about risks
_MOST_LABEL_WORDS = 4
#: a label wholly emphasised: ``*Risks*``, ``**Risks:**``, ``_Risks_:``
_EMPHASISED = re.compile(r"(\*\*|__|\*|_)[^*_]+\1:?")


def convert_labelled_risk_lists(conversion: Conversion, root: Section) -> None:
    """Each list of the plan under a paragraph that labels it as risks, where no
    converter has taken either (a phase holding them, a risk section reading them)."""
    for section in root.walk():
        blocks = section.blocks
        for label, listed in itertools.pairwise(blocks):
            if listed.type not in _LISTS or not _labels_risks(label):
                continue
            if _is_free(conversion, span(label)[0], span(listed)[1]):
                convert_risk_blocks(conversion, [listed])


def _labels_risks(block: SyntaxTreeNode) -> bool:
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


def _is_free(conversion: Conversion, start: int, end: int) -> bool:
    return not any(
        replacement.start < end and start < replacement.end
        for replacement in conversion.replacements
    )
