"""Risks written outside any risk section as paragraphs each led by a warning sign,
one after another (``U+26A0 Younger pupils forget their cards. ...``), as short plans
with no headings list them after their phases: each paragraph one ``impl-risk``
(:func:`.risk_prose.convert_warned_paragraph`).

Two such paragraphs in a row make the run: a single one is a warning about the
text around it. A section of another kind (notes, rollout, tests) keeps them as
written, as does a phase holding them.
"""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import Section, span
from sphinx_implplan.authoring.conversion.risk_prose import warned
from sphinx_implplan.authoring.conversion.risks import convert_risk_blocks
from sphinx_implplan.authoring.conversion.section_kinds import SectionKind, kind_of

#: the fewest paragraphs in a row that make a list of risks
_LEAST_RUN = 2


def convert_warned_runs(conversion: Conversion, root: Section) -> None:
    """Each run of paragraphs led by a warning sign in the plan's title section or in
    a section of no known kind, where no converter has taken them."""
    for section in root.walk():
        if section.level > 1 and kind_of(section.title.plain) not in {None, SectionKind.RISKS}:
            continue
        for run in _runs(section.blocks):
            if conversion.untaken(span(run[0])[0], span(run[-1])[1]):
                convert_risk_blocks(conversion, run)


def _runs(blocks: list[SyntaxTreeNode]) -> list[list[SyntaxTreeNode]]:
    found: list[list[SyntaxTreeNode]] = []
    run: list[SyntaxTreeNode] = []
    for block in [*blocks, None]:
        if block is not None and warned(block):
            run.append(block)
            continue
        if len(run) >= _LEAST_RUN:
            found.append(run)
        run = []
    return found
