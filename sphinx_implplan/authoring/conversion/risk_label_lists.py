"""Risks listed under a label outside any risk section, as plans written without
headings list them after each phase's checklist: a paragraph that is only a label
naming risks (``*Risks:*``, ``**Risks**``, ``Risks and mitigations:``), then a list
whose items are the risks; or a quote opening with such a label (``> U+26A0 **Risks we
see**``) and then its list, as a callout set apart from the text around it, or an
HTML callout (``<aside>``) whose opening tag the label follows.

The label stays as written and each item becomes an ``impl-risk``. A label and list
inside a phase's section are the phase's body, and a list under any other label
(``*Notes:*``) stays a list.
"""

from __future__ import annotations

import itertools

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import Section, span
from sphinx_implplan.authoring.conversion.risk_list_labels import (
    html_labels_risks,
    labels_risks,
    opens_with_risk_label,
)
from sphinx_implplan.authoring.conversion.risks import convert_risk_blocks

_LISTS = frozenset({"bullet_list", "ordered_list"})


def convert_labelled_risk_lists(conversion: Conversion, root: Section) -> None:
    """Each list of the plan under a paragraph that labels it as risks, where no
    converter has taken either (a phase holding them, a risk section reading them)."""
    for section in root.walk():
        blocks = section.blocks
        for label, listed in itertools.pairwise(blocks):
            if listed.type not in _LISTS or not (
                labels_risks(label) or html_labels_risks(conversion.lines, label)
            ):
                continue
            if conversion.untaken(span(label)[0], span(listed)[1]):
                convert_risk_blocks(conversion, [listed])
        for quote in blocks:
            # a callout opening with the label: ``> U+26A0 **Risks we see**``, then the list
            if quote.type != "blockquote" or not opens_with_risk_label(quote):
                continue
            if conversion.untaken(*span(quote)):
                convert_risk_blocks(conversion, [quote])
