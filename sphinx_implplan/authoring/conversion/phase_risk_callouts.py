"""Risks a phase sets apart in its own text: a quote or a callout that calls itself a
risk (``> **Risk:** the vendor slips``, ``> [!WARNING]`` then ``Risk: ...``, ``!!!
danger "Risk: cert expiry"``), and a warning, caution or danger callout telling what
may go wrong, becomes an ``impl-risk`` inside the phase, where the author put it. A
warning that tells what to do (``> [!WARNING] Never deploy on Fridays``) is an
instruction and stays as written, as do notes, tips and other remarks.

The risk is written into the phase's body, so the phase's fence grows around it; the
heat map is placed after the phase (:mod:`.phases`), not inside it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion, add_fields
from sphinx_implplan.authoring.conversion.markdown import ADMONITIONS, Text, span
from sphinx_implplan.authoring.conversion.risk_admonitions import read_admonition
from sphinx_implplan.authoring.conversion.risk_items import TITLE_ENDS, blocks_rest, text_risk
from sphinx_implplan.authoring.conversion.risk_quotes import WARNINGS, callout, unquoted_lines
from sphinx_implplan.authoring.myst_writer import render_directive

_RISK = "impl-risk"
#: ``Risk:``, ``**Risk:**``, ``Risk 2 -``, ``\u26a0\ufe0f Risk:``: the word that names
#: what follows a risk, in the languages of the risk sections, before the text
_NAMED_RISK = re.compile(
    r"[^\w*_]*(?:\*\*|__)?\s*(?:risk|risque|risiko|riesgo|rischio|risico|risco|ryzyko"
    r"|riziko|rizik|threat|hazard)\s*(?:#?\d+)?\s*(?:\*\*|__)?\s*[:\-\u2013\u2014]\s*"
    r"(?:\*\*|__)?\s*",
    re.IGNORECASE,
)

#: the kinds of callout that warn of what may go wrong; inside a phase an important
#: one is a remark, as a note, a tip or an info box is
_WARNINGS = WARNINGS - {"important"}
#: a warning that tells the reader what to do, or not to do, is an instruction
_INSTRUCTION = re.compile(
    r"[^\w]*(?:do not|don't|never|always|make sure|remember|ensure|please|be sure|avoid)\b",
    re.IGNORECASE,
)


def phase_risk(conversion: Conversion, block: SyntaxTreeNode) -> str | None:
    """The risk a phase's quote or admonition names, as MyST text; ``None`` where the
    block names none."""
    admonition = None
    if block.type == "blockquote":
        lines, kind, title_text = unquoted_lines(conversion.lines, block), "", ""
        children = list(block.children)
    elif block.type in ADMONITIONS:
        admonition = read_admonition(conversion, block)
        lines, kind, title_text = admonition.lines, admonition.kind, admonition.title
        children = admonition.blocks
    else:
        return None
    if not children or children[0].type != "paragraph":
        return None
    raw = Text.of(children[0].children[0]).raw
    marker = callout(raw) if block.type == "blockquote" else None
    if marker is not None:
        kind, title_text, raw = marker.kind, marker.title, marker.rest
    title: Text | None = None
    title_used = True
    if (named := _NAMED_RISK.match(title_text)) is not None and title_text[named.end() :]:
        title = Text.parse(title_text[named.end() :].rstrip(TITLE_ENDS))
    elif (named := _NAMED_RISK.match(raw)) is not None and raw[named.end() :].strip():
        raw, title_used = raw[named.end() :], False
    elif kind.lower() in _WARNINGS and raw.strip() and not _INSTRUCTION.match(raw):
        # a warning telling what may go wrong is the phase's risk
        title = Text.parse(title_text.rstrip(TITLE_ENDS)) if title_text else None
    else:
        return None
    # counted as the plan's risks are, with no heat map: one already counts
    view = replace(conversion, lines=lines, replacements=[], counts=Counter({_RISK: 1}))
    start, end = span(block)
    nested = blocks_rest(view, children[1:], end)
    directive = text_risk(view, start, raw, nested, None, plain_items=True, title=title)
    if directive is None:
        return None
    if kind:
        # the callout's kind is no level: it stays, in words
        add_fields(directive, [("Callout", Text.parse(kind))])
    if admonition is not None:
        admonition.keep_heading(directive, title_used=title_used or marker is not None)
    conversion.counts.update(view.counts - Counter({_RISK: 1}))
    return render_directive(directive)
