"""Risks in a collapsible block outside any risk section, as runbooks and wiki
exports hide them under another heading: ``<details>``, a ``<summary>`` naming risks
(``<strong>Risks and rollback triggers</strong> (click to expand)``), a table or a
list in Markdown, then ``</details>``.

The HTML stays as written around them; what is between is read as a risk section's
own blocks (:mod:`.risks`). A block inside a phase is the phase's, and one whose
summary names anything else (``Retro notes``) is left as it is.
"""

from __future__ import annotations

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.details_blocks import closed_details
from sphinx_implplan.authoring.conversion.markdown import Section, span
from sphinx_implplan.authoring.conversion.risks import convert_risk_blocks
from sphinx_implplan.authoring.conversion.section_kinds import SectionKind, kind_of


def convert_risk_details(conversion: Conversion, root: Section) -> None:
    """Each details block of the plan whose summary names risks and whose lines no
    converter has taken (a phase holding them, a risk section reading them)."""
    for section in root.walk():
        for details in closed_details(section.blocks):
            if kind_of(details.summary) is not SectionKind.RISKS:
                continue
            start, end = span(details.inner[0])[0], span(details.inner[-1])[1]
            if conversion.untaken(start, end):
                convert_risk_blocks(conversion, details.inner)
