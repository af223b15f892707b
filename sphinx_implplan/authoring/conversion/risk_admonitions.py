"""Risks written as the admonitions of other Markdown tools: a Pandoc or Quarto fenced
div (``::: {.callout-warning title="Data loss"}``), a Docusaurus one (``:::caution Old
clients``, ``:::danger[Cert expiry]``) and a Python-Markdown or MkDocs
admonition (``!!! danger "Cert expiry"`` and its indented text). A warning one in a
risk section is a risk, titled by its title, the heading it opens with or its bold
lead; a note or a tip is a remark and stays, unless a bold lead names a risk. A
warning holding only a list is a risk per item.

markdown-it reads both shapes with the plugins :mod:`.markdown` loads, so their
lines are known; each is replaced whole, its fences or marker line included."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion, add_fields
from sphinx_implplan.authoring.conversion.markdown import Text, span
from sphinx_implplan.authoring.conversion.risk_items import (
    TITLE_ENDS,
    blocks_rest,
    list_directives,
    matrix_view,
    text_risk,
)
from sphinx_implplan.authoring.conversion.risk_leads import risk_lead
from sphinx_implplan.authoring.conversion.risk_quotes import WARNINGS
from sphinx_implplan.authoring.myst_writer import Directive

_LISTS = frozenset({"bullet_list", "ordered_list"})
#: ``{.callout-warning}``, ``{#sec-x .callout-caution collapse="true"}``, ``warning``
_PANDOC_CLASS = re.compile(r"(?:^|[\s{])\.(?:callout-)?(?P<kind>[A-Za-z][\w-]*)")
_BARE_KIND = re.compile(r"\s*(?P<kind>[A-Za-z][\w-]*)")
#: ``title="Data loss"`` in a div's attributes; ``"Cert expiry"`` after an admonition's kind
_TITLE = re.compile(r"""(?:title=)?(?P<quote>["'])(?P<title>.*?)(?P=quote)""")
#: a fence of colons alone on its line, which closes a div
_CLOSING_FENCE = re.compile(r" {0,3}:{3,}\s*$")


def kind_and_title(block: SyntaxTreeNode) -> tuple[str, str]:
    """The admonition's kind (``warning``) and the title its opening line gives."""
    params = block.info
    pandoc = _PANDOC_CLASS.search(params)
    bare = None if pandoc else _BARE_KIND.match(params)
    found = pandoc or bare
    kind = found.group("kind").lower() if found is not None else ""
    title = _TITLE.search(params)
    if title is not None:
        return kind, title.group("title").strip()
    # Docusaurus titles a ``:::`` admonition by the words after its bare kind:
    # ``caution Old clients``, ``danger[Cert expiry]``
    rest = params[bare.end() :].strip() if bare and block.type == "container_div" else ""
    if rest.startswith("[") and rest.endswith("]"):
        return kind, rest[1:-1].strip()
    return kind, rest if rest[:1] not in {"{", "["} else ""


def admonition_end(conversion: Conversion, block: SyntaxTreeNode) -> int:
    """The line after the block, its closing fence included: markdown-it's map of a
    div stops before that fence."""
    end = span(block)[1]
    lines = conversion.lines
    if block.type == "container_div" and end < len(lines) and _CLOSING_FENCE.match(lines[end]):
        return end + 1
    return end


@dataclass(frozen=True)
class Admonition:
    """What an admonition holds, as both readers of risks take it."""

    #: ``warning``, ``note``; ``""`` where its opening line names none
    kind: str
    #: its title: the one its opening line gives, else the heading it opens with
    title: str
    #: its blocks after the title
    blocks: list[SyntaxTreeNode]
    #: the document's lines with its indent taken off its text
    lines: list[str]
    #: the heading it opens with where its opening line gives the title: kept as a
    #: field of the risk, since a directive's body holds no heading
    heading: str = ""
    #: whether ``title`` is the heading it opens with
    titled_by_heading: bool = False

    def keep_heading(self, directive: Directive, *, title_used: bool) -> None:
        """Its heading, and its title where the risk is titled otherwise, stay as
        fields of the risk."""
        kept = [("Heading", self.heading)] if self.heading else []
        if self.title and not title_used:
            kept.append(("Heading" if self.titled_by_heading else "Title", self.title))
        add_fields(directive, [(label, Text.parse(text)) for label, text in kept])


def read_admonition(conversion: Conversion, block: SyntaxTreeNode) -> Admonition:
    kind, title = kind_and_title(block)
    blocks = [child for child in block.children if child.type != "admonition_title"]
    heading, titled_by_heading = "", False
    if blocks and blocks[0].type == "heading":
        # a Quarto callout's title is the heading it opens with
        heading = Text.of(blocks[0].children[0]).raw
        titled_by_heading = not title
        title, heading = (title, heading) if title else (heading, "")
        blocks = blocks[1:]
    lines = dedented(conversion.lines, block)
    return Admonition(kind, title, blocks, lines, heading, titled_by_heading)


def convert_admonition(conversion: Conversion, block: SyntaxTreeNode, impact: str | None) -> None:
    """One admonition of a risk section: a risk, a risk per item of its only list, or
    kept as written where it is a remark."""
    admonition = read_admonition(conversion, block)
    children = admonition.blocks
    start, end = span(block)[0], admonition_end(conversion, block)
    warns = admonition.kind in WARNINGS
    # a note or a tip is a remark, whatever its title
    title_used = warns and bool(admonition.title)
    title = Text.parse(admonition.title.rstrip(TITLE_ENDS)) if title_used else None
    # the indented text of an admonition reads as the section's own
    view = replace(conversion, lines=admonition.lines)
    if warns and children and all(child.type in _LISTS for child in children):
        # the heat map follows the plan's first risks: asked before these are made
        first = matrix_view(conversion)
        directives = []
        for child in children:
            directives += list_directives(view, child, impact, plain_items=True)[0]
        for risk in directives:
            # each risk of the list keeps the callout's kind and title, in words
            add_fields(risk, [("Callout", Text.parse(admonition.kind))])
            admonition.keep_heading(risk, title_used=False)
        if directives:
            conversion.replace(start, end, [*directives, *first])
        return
    raw, rest = "", children
    if children and children[0].type == "paragraph":
        raw, rest = Text.of(children[0].children[0]).raw, children[1:]
        found = risk_lead(raw) if title is None else None
        if found is not None:
            title, raw = Text.parse(found[0].rstrip(TITLE_ENDS)), found[1]
    if title is None and (not warns or not raw.strip()):
        return
    first = matrix_view(conversion)
    nested = blocks_rest(view, rest, span(block)[1])
    directive = text_risk(
        view, start, raw, nested, impact, plain_items=True, title=title, kept_as="callout"
    )
    if directive is None:
        return
    # the admonition's kind is no level: it stays, in words
    add_fields(directive, [("Callout", Text.parse(admonition.kind))])
    admonition.keep_heading(directive, title_used=title_used)
    conversion.replace(start, end, [directive, *first])


def dedented(lines: list[str], block: SyntaxTreeNode) -> list[str]:
    """``lines`` with an admonition's four-space indent taken off its text."""
    if block.type != "admonition":
        return lines
    start, end = span(block)
    return [
        line[4:] if start < number < end and line.startswith("    ") else line
        for number, line in enumerate(lines)
    ]
