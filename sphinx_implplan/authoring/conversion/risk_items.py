"""One ``impl-risk`` item from what a plan writes about it: its title, the options its
labels and levels give, and its body; and the list items, paragraphs and callouts
whose text leads a risk, read the same way."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from dataclasses import replace

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, add_fields, set_title_text
from sphinx_implplan.authoring.conversion.lists import lead_and_rest
from sphinx_implplan.authoring.conversion.markdown import (
    ListItem,
    Text,
    list_items,
    paragraph_labels,
    span,
)
from sphinx_implplan.authoring.conversion.risk_labels import (
    RISK_TABLE,
    Field,
    closing_label,
    field_of,
    is_title_label,
    label_column,
    label_extent,
    label_fields,
    split_labels,
)
from sphinx_implplan.authoring.conversion.risk_leads import first_sentence
from sphinx_implplan.authoring.conversion.risk_levels import read_level, tries_a_level
from sphinx_implplan.authoring.conversion.risk_shapes import (
    inline_levels,
    leading_level,
    level_parens,
    trailing_levels,
)
from sphinx_implplan.authoring.myst_writer import Directive
from sphinx_implplan.plan.itemtypes import RISK
from sphinx_implplan.plan.values import DEFAULT_RISK_LEVELS, normalise_enum_text

TITLE_ENDS = " \t-\u2013\u2014:;,."
_WORD = re.compile(r"[^\W_]+")


def make_risk(
    conversion: Conversion,
    title: Text,
    line: int,
    fields: list[Field],
    *,
    body: str = "",
    impact: str | None = None,
    title_name: str = "Risk",
) -> Directive:
    """One risk: its options from ``fields``; what no option takes, after ``body``."""
    directive = conversion.item(RISK, title.plain, conversion.ids.numbered(RISK))
    values: dict[str, str] = {}
    kept: list[tuple[str, Text]] = []
    for found in [*fields, *inline_levels(f"{title.plain}\n{body}")]:
        column = found.column
        if found.shown:
            # the text stays where it was written: only the option is taken
            # a level or a status only: a text option would take part of a sentence,
            # unless the value is whole sentences
            head = re.split(r"[.,;]", found.value.plain, maxsplit=1)[0]
            check = column.check if column is not None else checks.text
            if check is checks.text:
                value = check(found.value.shown) if found.whole else None
            else:
                value = check(head)
            if column is not None and value is not None:
                values.setdefault(column.option, value)
            continue
        if column is None or column.option in values or not found.value.plain:
            kept.append((found.name, found.value))
            continue
        rich = found.value.rich and column.check is not checks.text
        # a text option keeps its inline code, as a table's cell does
        text = found.value.shown if column.check is checks.text else found.value.plain
        value = None if rich else column.check(text)
        if value is None and not rich and column.check is read_level and found.scale:
            # a number on the scale the plan states is no guess
            value = found.scale.level(text)
        if value is None:
            kept.append((found.name, found.value))
            # a level of another scale (``9``, ``Critical``) is named; a sentence (an
            # FMEA's ``Effect``) tells of the risk and stays as any other column
            if column.check is read_level and tries_a_level(found.value.plain):
                conversion.note(
                    line,
                    f"{RISK} {title.plain!r}: {found.name} {found.value.plain!r} is not "
                    f"{', '.join(DEFAULT_RISK_LEVELS[:-1])} or {DEFAULT_RISK_LEVELS[-1]}; "
                    "kept in its body",
                )
            continue
        values[column.option] = value
        written = normalise_enum_text(found.value.raw.rstrip(". "))
        if (
            found.value.rich
            or found.keep
            or (column.check is read_level and written != value)
            or _joins_words(found.value.raw, value)
        ):
            kept.append((found.name, found.value))
    if impact is not None:
        values.setdefault("impact", impact)
    for column in RISK_TABLE.options:
        directive.option(column.option, values.get(column.option))
    directive.body = body.strip("\n")
    set_title_text(directive, title_name, title)
    if not title.rich and _joins_words(title.raw, title.plain):
        kept.insert(0, (title_name, title))
    add_fields(directive, kept)
    return directive


def _joins_words(raw: str, shown: str) -> bool:
    """Whether plain text joins words its Markdown kept apart (``0`1``` -> ``01``):
    then the text is kept as written too, so that no word is lost."""
    return bool(Counter(_WORD.findall(raw.lower())) - Counter(_WORD.findall(shown.lower())))


def matrix_view(conversion: Conversion) -> list[Directive]:
    """The heat map, after the plan's first risks; later ones join that map."""
    return [] if conversion.counts[RISK] else [Directive("impl-risk-matrix")]


def starts_risk(conversion: Conversion, block: SyntaxTreeNode) -> bool:
    """Whether a paragraph starts with a title label: ``**Risk**: Deadlocks``."""
    labels = paragraph_labels(block, conversion.lines)
    return bool(labels and labels[0] and is_title_label(labels[0].name))


def labelled_lines(
    conversion: Conversion, block: SyntaxTreeNode, *, own_risk: bool = False
) -> tuple[list[Field], set[int]]:
    """The option labels of a paragraph or list, and the lines they take."""
    fields: list[Field] = []
    taken: set[int] = set()
    if block.type == "paragraph":
        if not own_risk and starts_risk(conversion, block):
            return [], set()  # another risk's paragraph
        labels = paragraph_labels(block, conversion.lines)
        for index, label in enumerate(labels):
            if label is None:
                # ``... allocated. **Likelihood**: high. **Impact**: high.``: the
                # levels a sentence states, which stays as written
                _, inline = split_labels(conversion.lines[span(block)[0] + index])
                fields += [replace(one, shown=True) for one in inline if one.column is not None]
                continue
            column = label_column(label.name)
            if column is None:
                continue
            extent = label_extent(conversion.lines, labels, index, text=column.check is checks.text)
            if extent:
                lines = conversion.lines[label.line + 1 : label.line + extent]
                value = Text.parse(" ".join([label.value.raw, *(n.strip() for n in lines)]))
                fields.append(field_of(label.name.capitalize(), value))
                taken.update(range(label.line, label.line + extent))
            else:
                # part of a sentence, or more than one label: the line stays where it
                # is, and gives the levels it states
                _, inline = split_labels(conversion.lines[label.line])
                fields += [replace(one, shown=True) for one in inline if one.column is not None]
        closing = closing_label("".join(conversion.lines[slice(*span(block))]))
        if closing is not None and not any(
            found.column == closing.column and not found.shown for found in fields
        ):
            fields.append(closing)
    elif block.type in {"bullet_list", "ordered_list"}:
        for item in list_items(block, conversion.lines):
            if item.text is not None and len(item.node.children) == 1:
                found = label_fields(item.text.raw)
                if found is not None:
                    fields += found
                    taken.update(range(item.start, item.end))
    return fields, taken


def blocks_rest(
    conversion: Conversion, blocks: list[SyntaxTreeNode], end: int
) -> tuple[list[Field], str]:
    """Option labels among the blocks that follow a risk's leading text (an item's
    nested blocks, a callout's later paragraphs), and the rest up to ``end`` as
    written."""
    if not blocks:
        return [], ""
    fields: list[Field] = []
    taken: set[int] = set()
    for block in blocks:
        found, lines = labelled_lines(conversion, block)
        fields += found
        taken |= lines
    start = span(blocks[0])[0]
    kept = [conversion.lines[n] for n in range(start, end) if n not in taken]
    return fields, textwrap.dedent("".join(kept)).strip("\n")


def text_risk(
    conversion: Conversion,
    line: int,
    raw: str,
    nested: tuple[list[Field], str],
    impact: str | None,
    *,
    plain_items: bool,
    title: Text | None = None,
    kept_as: str = "risk list item",
) -> Directive | None:
    """A risk from the text that leads it (a list item's first paragraph, a paragraph
    after its bold lead, a callout's words): its levels in parentheses and its labels
    become options, as do those ``nested`` in the blocks after it, whose other text
    ends the body. ``title``, where a lead gave it; else the text's lead, its title
    label or its first sentence. ``None`` where the text names no risk (a note says
    that the ``kept_as`` is kept) or, not being a plain item, has no label."""
    raw, leading = leading_level(raw)
    raw, levels = level_parens(raw)
    levels = [*leading, *levels]
    lead_raw, labels = split_labels(raw)
    nested_fields, rest = nested
    labelled = (
        bool(nested_fields)
        or bool(levels)
        or any(is_title_label(found.name) or found.column is not None for found in labels)
    )
    if title is None and not labelled and not plain_items:
        return None
    description = lead_raw.strip() if title is not None else ""
    lead = Text.parse(lead_raw)
    if title is None and lead.plain:
        head, tail = lead_and_rest(lead)
        sentence, after = first_sentence(lead.raw)
        if after and len(sentence) < len(head.raw):
            # a risk written as sentences: the first names it, the others tell of it
            head, tail = Text.parse(sentence), Text.parse(after)
        title, description = Text.parse(head.raw.rstrip(TITLE_ENDS)), tail.raw
    fields: list[Field] = []
    for found in labels:
        if title is None and is_title_label(found.name) and found.value.plain:
            title = Text.parse(found.value.raw.rstrip(TITLE_ENDS))
        else:
            fields.append(found)
    if title is None or not title.plain:
        conversion.note(line, f"{kept_as} kept as written: it names no risk")
        return None
    title_raw, stated = trailing_levels(title.raw)
    if Text.parse(title_raw.rstrip(TITLE_ENDS)).plain and stated:
        title, fields = Text.parse(title_raw.rstrip(TITLE_ENDS)), [*fields, *stated]
    body = "\n\n".join(part for part in (description, rest) if part)
    fields = [*fields, *levels, *nested_fields]
    return make_risk(conversion, title, line, fields, body=body, impact=impact)


def list_risk(
    conversion: Conversion, item: ListItem, impact: str | None, *, plain_items: bool
) -> Directive | None:
    if item.text is None:
        if plain_items:
            conversion.note(item.start, "risk list item kept as written: it starts with no text")
        return None
    nested = blocks_rest(conversion, item.node.children[1:], item.end)
    return text_risk(conversion, item.start, item.text.raw, nested, impact, plain_items=plain_items)


def list_directives(
    conversion: Conversion, block: SyntaxTreeNode, impact: str | None, *, plain_items: bool
) -> tuple[list[Directive], list[ListItem]]:
    """The risks of a list's items, and the items kept as written."""
    directives, kept = [], []
    for item in list_items(block, conversion.lines):
        directive = list_risk(conversion, item, impact, plain_items=plain_items)
        if directive is None:
            kept.append(item)
        else:
            directives.append(directive)
    return directives, kept
