"""Risks a section writes as prose rather than as a list or a table: paragraphs with
a bold lead (``**Small files.** Streaming writes ...``) or led by a warning sign
(``U+26A0 Clock skew makes logins fail. Allow 90 s.``) or an AsciiDoc label
(``WARNING: Clock skew ...``), callouts (``> [!WARNING]``) and
quotes, each made one ``impl-risk``; and the lists a quote holds, a risk per item."""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion, add_fields
from sphinx_implplan.authoring.conversion.markdown import Text, list_items, span
from sphinx_implplan.authoring.conversion.risk_items import (
    TITLE_ENDS,
    blocks_rest,
    labelled_lines,
    list_directives,
    matrix_view,
    starts_risk,
    text_risk,
)
from sphinx_implplan.authoring.conversion.risk_labels import Field
from sphinx_implplan.authoring.conversion.risk_leads import risk_lead
from sphinx_implplan.authoring.conversion.risk_list_labels import labels_risks
from sphinx_implplan.authoring.conversion.risk_quotes import callout, unquoted_lines
from sphinx_implplan.authoring.myst_writer import Directive

_LISTS = frozenset({"bullet_list", "ordered_list"})
#: the warning sign leading a paragraph, with or without its emoji form, or the label
#: of an AsciiDoc warning paragraph (``WARNING: The vendor ...``), capitals as there
_WARNING_SIGN = re.compile(r"\s*(?:\u26a0\ufe0f?|(?P<label>WARNING|CAUTION|DANGER):(?=\s))\s*")


def warned(block: SyntaxTreeNode) -> bool:
    """Whether a paragraph is led by a warning sign (``U+26A0 Clock skew ...``)."""
    return (
        block.type == "paragraph"
        and bool(block.children)
        and _WARNING_SIGN.match(Text.of(block.children[0]).raw) is not None
    )


def convert_warned_paragraph(
    conversion: Conversion, block: SyntaxTreeNode, impact: str | None
) -> bool:
    """``U+26A0 Clock skew makes logins fail. Allow 90 s of skew.``: one risk, its first
    sentence the title and the rest its body, as a list item's; ``False`` where the
    paragraph is not led by a warning sign or names no risk."""
    if not warned(block):
        return False
    raw = Text.of(block.children[0]).raw
    label = _WARNING_SIGN.match(raw)
    assert label is not None  # warned
    start, end = span(block)
    first = matrix_view(conversion)
    directive = text_risk(conversion, start, raw[label.end() :], ([], ""), impact, plain_items=True)
    if directive is None:
        return False
    if label.group("label"):
        # the label is no level: it stays, in words, as an admonition's kind does
        add_fields(directive, [("Callout", Text.parse(label.group("label").lower()))])
    conversion.replace(start, end, [directive, *first])
    return True


def convert_lead_paragraph(
    conversion: Conversion, blocks: list[SyntaxTreeNode], index: int, impact: str | None
) -> set[int]:
    """``**Small files.** Streaming writes ...``: one risk, the bold words its title;
    paragraphs of labels only (``**Mitigation**: ...``) after it give it options. A
    bold line alone titles the paragraph after it; above a list or a table it names a
    group instead. The blocks taken, by index; none where no risk is made."""
    block = blocks[index]
    lead = risk_lead(Text.of(block.children[0]).raw)
    if lead is None:
        return set()
    title_raw, rest = lead
    start, end = span(block)
    taken: set[int] = set()
    position = index + 1
    following = blocks[position] if position < len(blocks) else None
    if not rest.strip():
        if following is None or following.type != "paragraph":
            if following is None:
                conversion.note(start, "bold line kept as written: no text follows it")
            return set()
        if risk_lead(Text.of(following.children[0]).raw) or starts_risk(conversion, following):
            return set()  # the name of a group of risks
        if not _labels_only(conversion, following):
            rest = Text.of(following.children[0]).raw
            taken.add(position)
            end = span(following)[1]
            position += 1
    fields: list[Field] = []
    while position < len(blocks) and _labels_only(conversion, blocks[position]):
        fields += labelled_lines(conversion, blocks[position])[0]
        taken.add(position)
        end = span(blocks[position])[1]
        position += 1
    first = matrix_view(conversion)
    title = Text.parse(title_raw.rstrip(TITLE_ENDS))
    directive = text_risk(
        conversion, start, rest, (fields, ""), impact, plain_items=True, title=title
    )
    if directive is None:
        return set()
    conversion.replace(start, end, [directive, *first])
    return {index, *taken}


def _labels_only(conversion: Conversion, block: SyntaxTreeNode) -> bool:
    """A paragraph made of option labels only: ``**Mitigation**: compaction``."""
    if block.type != "paragraph":
        return False
    taken = labelled_lines(conversion, block)[1]
    return bool(taken) and taken == set(range(*span(block)))


def convert_quote(
    conversion: Conversion, block: SyntaxTreeNode, impact: str | None, *, plain_items: bool
) -> None:
    """A callout (``> [!WARNING]``) or a quote with a bold lead: one risk; a quote
    holding a list (under a marker, a line ending with ``:`` or a label naming risks,
    ``U+26A0 **Risks**``): a risk per item, as the section's own lists (``plain_items``).
    The risks replace the quote; its words that are no risk's stay above them as
    text."""
    # read without the quote marks, as the section's own blocks are
    view = replace(conversion, lines=unquoted_lines(conversion.lines, block))
    children = list(block.children)
    if not children or any(child.type == "heading" for child in children):
        return  # a directive's body holds no section
    opening = Text.of(children[0].children[0]).raw if children[0].type == "paragraph" else ""
    marker = callout(opening)
    start, end = span(block)
    intro = [
        child
        for child in children
        if child.type == "paragraph"
        and not (child is children[0] and marker is not None and not marker.rest.strip())
    ]
    if any(child.type in _LISTS for child in children) and all(
        Text.of(child.children[0]).plain.endswith(":") or labels_risks(child) for child in intro
    ):
        _convert_quoted_lists(view, block, impact, plain_items=plain_items)
        return
    if children[0].type != "paragraph":
        return
    lead_index, raw, title = 0, opening, None
    if marker is not None:
        raw = marker.rest
        title = Text.parse(marker.title.rstrip(TITLE_ENDS)) if marker.title else None
        if not raw.strip() and len(children) > 1 and children[1].type == "paragraph":
            lead_index, raw = 1, Text.of(children[1].children[0]).raw
    found = risk_lead(raw) if title is None else None
    if found is not None:
        title, raw = Text.parse(found[0].rstrip(TITLE_ENDS)), found[1]
    if title is None and (marker is None or not marker.warns):
        return  # a quote or a note: a remark, not a risk
    first = matrix_view(conversion)
    nested = blocks_rest(view, children[lead_index + 1 :], end)
    directive = text_risk(
        view, start, raw, nested, impact, plain_items=True, title=title, kept_as="callout"
    )
    if directive is None:
        return
    if marker is not None:
        # the callout's kind is no level: it stays, in words
        add_fields(directive, [("Callout", Text.parse(marker.kind))])
    conversion.replace(start, end, [directive, *first])


def _convert_quoted_lists(
    view: Conversion, block: SyntaxTreeNode, impact: str | None, *, plain_items: bool
) -> None:
    """The lists of a quote, read from ``view`` (its lines without quote marks): the
    quote becomes its other lines and the items kept, then the risks."""
    first = matrix_view(view)
    directives: list[Directive] = []
    made_lines: set[int] = set()
    for child in block.children:
        if child.type not in _LISTS:
            continue
        made, kept = list_directives(view, child, impact, plain_items=plain_items)
        directives += made
        kept_lines = {n for item in kept for n in range(item.start, item.end)}
        for item in list_items(child, view.lines):
            made_lines |= set(range(item.start, item.end)) - kept_lines
    if not directives:
        return
    start, end = span(block)
    keep = "".join(view.lines[n] for n in range(start, end) if n not in made_lines)
    view.replace(start, end, [*directives, *first], keep=keep)
