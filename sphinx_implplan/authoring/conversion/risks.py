"""Risk sections: tables, lists, ``### Risk: Deadlocks`` subsections and labelled
paragraphs become ``impl-risk`` items; an ``impl-risk-matrix`` view follows the first.
A ``### High Risk`` heading gives its level (``:impact:``) to the risks under it. A
value that is no level stays in the body and is named in a note; the build then warns
that the risk lacks that level, which is where the author gives it one."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, add_fields, set_title_text
from sphinx_implplan.authoring.conversion.lists import lead_and_rest, rewrite_list
from sphinx_implplan.authoring.conversion.markdown import (
    ListItem,
    Section,
    Text,
    column_index,
    list_items,
    paragraph_labels,
    span,
    table,
)
from sphinx_implplan.authoring.conversion.risk_labels import (
    OPTION_OF,
    RISK_TABLE,
    Field,
    field_of,
    is_title_label,
    label_extent,
    label_fields,
    split_labels,
)
from sphinx_implplan.authoring.conversion.risk_levels import read_level, severity_of
from sphinx_implplan.authoring.conversion.risk_shapes import (
    block_lines,
    definitions,
    description_text,
    html_inner_blocks,
    inline_levels,
    level_parens,
    looks_listed,
    trailing_levels,
)
from sphinx_implplan.authoring.conversion.section_kinds import SectionKind, kind_of, phase_heading
from sphinx_implplan.authoring.conversion.table_sections import kept_table
from sphinx_implplan.authoring.myst_writer import Directive
from sphinx_implplan.plan.itemtypes import RISK
from sphinx_implplan.plan.values import DEFAULT_RISK_LEVELS, normalise_enum_text

#: ``Risk: Deadlocks``, ``Risk 1 - Deadlocks``, ``Risque n\u00b02 : Interblocages``
_RISK_HEADING = re.compile(
    r"(?:risk|risque|risiko|riesgo|rischio|risico|risco)\s*(?:#|n\u00b0|no\.?)?\s*\d*\s*[:.)\-\u2013\u2014]\s*(.+)",
    re.IGNORECASE,
)
_TITLE_ENDS = " \t-\u2013\u2014:;,."
_CELL_BAR = re.compile(r"(?<!\\)\|")


def _make(
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
            # a level or a status only: a text option would take part of a sentence
            head = re.split(r"[.,;]", found.value.plain, maxsplit=1)[0]
            check = column.check if column is not None else checks.text
            value = None if check is checks.text else check(head)
            if column is not None and value is not None:
                values.setdefault(column.option, value)
            continue
        if column is None or column.option in values or not found.value.plain:
            kept.append((found.name, found.value))
            continue
        rich = found.value.rich and column.check is not checks.text
        value = None if rich else column.check(found.value.plain)
        if value is None:
            kept.append((found.name, found.value))
            if column.check is read_level:
                conversion.note(
                    line,
                    f"{RISK} {title.plain!r}: {found.name} {found.value.plain!r} is not "
                    f"{', '.join(DEFAULT_RISK_LEVELS[:-1])} or {DEFAULT_RISK_LEVELS[-1]}; "
                    "kept in its body",
                )
            continue
        values[column.option] = value
        written = normalise_enum_text(found.value.raw.rstrip(". "))
        if found.value.rich or found.keep or (column.check is read_level and written != value):
            kept.append((found.name, found.value))
    if impact is not None:
        values.setdefault("impact", impact)
    for column in RISK_TABLE.options:
        directive.option(column.option, values.get(column.option))
    directive.body = body.strip("\n")
    set_title_text(directive, title_name, title)
    add_fields(directive, kept)
    return directive


def _matrix(conversion: Conversion) -> list[Directive]:
    """The heat map, after the plan's first risks; later ones join that map."""
    return [] if conversion.counts[RISK] else [Directive("impl-risk-matrix")]


def convert_risk_sections(conversion: Conversion, section: Section) -> None:
    """A risk section and its subsections, but those of another kind."""
    _walk(conversion, section, None, own_blocks=True)


def _walk(
    conversion: Conversion, section: Section, impact: str | None, *, own_blocks: bool
) -> None:
    heading = section.title.plain
    severity = severity_of(heading)
    impact = severity or impact
    if own_blocks and not _risk_subsection(conversion, section, impact, severity is not None):
        plain_items = severity is not None or kind_of(heading) is SectionKind.RISKS
        _convert_blocks(conversion, section.blocks, impact, plain_items=plain_items)
    for subsection in section.subsections:
        if phase_heading(subsection.title.plain) is not None:
            _walk(conversion, subsection, impact, own_blocks=False)
        elif kind_of(subsection.title.plain) in {None, SectionKind.RISKS}:
            _walk(conversion, subsection, impact, own_blocks=True)


def _convert_blocks(
    conversion: Conversion,
    blocks: list[SyntaxTreeNode],
    impact: str | None,
    *,
    plain_items: bool,
) -> None:
    lines = conversion.lines
    after_term: SyntaxTreeNode | None = None
    for index, block in enumerate(blocks):
        if block is after_term:
            continue
        if block.type == "table":
            _convert_table(conversion, block, impact)
        elif block.type in {"bullet_list", "ordered_list"}:
            _convert_list(conversion, block, impact, plain_items=plain_items)
        elif block.type == "paragraph":
            found = definitions(lines, blocks, index) if plain_items else None
            if found is not None:
                start, end, groups, after_term = found
                first = _matrix(conversion)
                made = [_definition_risk(conversion, term, rest, impact) for term, rest in groups]
                conversion.replace(start, end, [*made, *first])
            else:
                if plain_items and any(line.startswith(": ") for line in block_lines(lines, block)):
                    conversion.note(
                        span(block)[0],
                        "definition list kept as written: each term line must be followed "
                        "by `: description` lines",
                    )
                _convert_paragraph(conversion, block, impact)
        elif block.type == "html_block" and plain_items:
            inner = html_inner_blocks(lines, block)
            if inner is not None:
                _convert_blocks(conversion, inner, impact, plain_items=plain_items)
            elif looks_listed(block):
                conversion.note(
                    span(block)[0], "HTML block kept as written: its risks are HTML, not Markdown"
                )


def _definition_risk(
    conversion: Conversion, term: int, descriptions: list[int], impact: str | None
) -> Directive:
    """A risk from a definition-list-like entry: the term is its title, and each
    ``: description`` line gives options or a paragraph of its body."""
    title_raw, fields = level_parens(conversion.lines[term].strip())
    body: list[str] = []
    for number in descriptions:
        text = description_text(conversion.lines[number])
        only = label_fields(text)
        if only is not None:
            fields += only
            continue
        text, levels = level_parens(text)
        fields += levels
        body.append(text)
    title = Text.parse(title_raw.rstrip(_TITLE_ENDS))
    return _make(conversion, title, term, fields, body="\n\n".join(body), impact=impact)


def _convert_table(conversion: Conversion, block: SyntaxTreeNode, impact: str | None) -> None:
    found = table(block)
    title_index = column_index(found.headers, RISK_TABLE.title)
    if title_index is None:
        conversion.note(found.start, "risk table kept: no column named risk or description")
        return
    first = _matrix(conversion)
    directives, kept = [], []
    for row in found.rows:
        title = row.cells[title_index] if title_index < len(row.cells) else Text("", "", False)
        # markdown-it drops the cells beyond the header's: the row stays as written
        cells = _CELL_BAR.split(conversion.lines[row.line].strip().strip("|"))
        extra = len(cells) > len(found.headers)
        if not title.plain or extra:
            if extra or any(cell.plain for cell in row.cells):
                reason = "has more cells than the table has columns" if extra else "names no risk"
                conversion.note(row.line, f"risk table row kept: it {reason}")
            kept.append(row)
            continue
        fields = [
            field_of(found.headers[index], cell)
            for index, cell in enumerate(row.cells[: len(found.headers)])
            if index != title_index and cell.raw
        ]
        name = found.headers[title_index]
        directive = _make(conversion, title, row.line, fields, impact=impact, title_name=name)
        directives.append(directive)
    if directives:
        keep = kept_table(conversion.lines, found, kept)
        conversion.replace(found.start, found.end, [*directives, *first], keep=keep)


def _labelled_lines(
    conversion: Conversion, block: SyntaxTreeNode, *, own_risk: bool = False
) -> tuple[list[Field], set[int]]:
    """The option labels of a paragraph or list, and the lines they take."""
    fields: list[Field] = []
    taken: set[int] = set()
    if block.type == "paragraph":
        if not own_risk and _starts_risk(conversion, block):
            return [], set()  # another risk's paragraph
        labels = paragraph_labels(block, conversion.lines)
        for index, label in enumerate(labels):
            if label is None or label.name not in OPTION_OF:
                continue
            column = OPTION_OF[label.name]
            extent = label_extent(conversion.lines, labels, index, text=column.check is checks.text)
            if extent:
                lines = conversion.lines[label.line + 1 : label.line + extent]
                value = Text.parse(" ".join([label.value.raw, *(n.strip() for n in lines)]))
                fields.append(Field(label.name.capitalize(), column, value))
                taken.update(range(label.line, label.line + extent))
            else:
                # part of a sentence, or more than one label: the line stays where it
                # is, and gives the levels it states
                _, inline = split_labels(conversion.lines[label.line])
                fields += [replace(one, shown=True) for one in inline if one.column is not None]
    elif block.type in {"bullet_list", "ordered_list"}:
        for item in list_items(block, conversion.lines):
            if item.text is not None and len(item.node.children) == 1:
                found = label_fields(item.text.raw)
                if found is not None:
                    fields += found
                    taken.update(range(item.start, item.end))
    return fields, taken


def _item_rest(conversion: Conversion, item: ListItem) -> tuple[list[Field], str]:
    """Option labels among an item's nested blocks, and the rest as written."""
    children = item.node.children[1:]
    if not children:
        return [], ""
    fields: list[Field] = []
    taken: set[int] = set()
    for child in children:
        found, lines = _labelled_lines(conversion, child)
        fields += found
        taken |= lines
    start = span(children[0])[0]
    kept = [conversion.lines[n] for n in range(start, item.end) if n not in taken]
    return fields, textwrap.dedent("".join(kept)).strip("\n")


def _list_risk(
    conversion: Conversion, item: ListItem, impact: str | None, *, plain_items: bool
) -> Directive | None:
    if item.text is None:
        if plain_items:
            conversion.note(item.start, "risk list item kept as written: it starts with no text")
        return None
    raw, levels = level_parens(item.text.raw)
    lead_raw, labels = split_labels(raw)
    nested, rest = _item_rest(conversion, item)
    labelled = (
        bool(nested)
        or bool(levels)
        or any(is_title_label(found.name) or found.column is not None for found in labels)
    )
    if not labelled and not plain_items:
        return None
    title: Text | None = None
    description = ""
    lead = Text.parse(lead_raw)
    if lead.plain:
        head, tail = lead_and_rest(lead)
        title, description = Text.parse(head.raw.rstrip(_TITLE_ENDS)), tail.raw
    fields: list[Field] = []
    for found in labels:
        if title is None and is_title_label(found.name) and found.value.plain:
            title = Text.parse(found.value.raw.rstrip(_TITLE_ENDS))
        else:
            fields.append(found)
    if title is None or not title.plain:
        conversion.note(item.start, "risk list item kept as written: it names no risk")
        return None
    title_raw, stated = trailing_levels(title.raw)
    if Text.parse(title_raw.rstrip(_TITLE_ENDS)).plain and stated:
        title, fields = Text.parse(title_raw.rstrip(_TITLE_ENDS)), [*fields, *stated]
    body = "\n\n".join(part for part in (description, rest) if part)
    fields = [*fields, *levels, *nested]
    return _make(conversion, title, item.start, fields, body=body, impact=impact)


def _convert_list(
    conversion: Conversion, block: SyntaxTreeNode, impact: str | None, *, plain_items: bool
) -> None:
    first = _matrix(conversion)
    directives, kept = [], []
    for item in list_items(block, conversion.lines):
        directive = _list_risk(conversion, item, impact, plain_items=plain_items)
        if directive is None:
            kept.append(item)
        else:
            directives.append(directive)
    if directives:
        rewrite_list(conversion, span(block), kept, [*directives, *first])


def _starts_risk(conversion: Conversion, block: SyntaxTreeNode) -> bool:
    labels = paragraph_labels(block, conversion.lines)
    return bool(labels and labels[0] and is_title_label(labels[0].name))


def _convert_paragraph(conversion: Conversion, block: SyntaxTreeNode, impact: str | None) -> None:
    """``**Risk**: Deadlocks`` then ``**Impact**:``, ``**Mitigation**:`` lines."""
    if not _starts_risk(conversion, block):
        return
    labels = paragraph_labels(block, conversion.lines)
    assert labels[0] is not None
    first = _matrix(conversion)
    fields, taken = _labelled_lines(conversion, block, own_risk=True)
    start, end = span(block)
    body = "".join(conversion.lines[n] for n in range(start + 1, end) if n not in taken)
    directive = _make(conversion, labels[0].value, start, fields, body=body, impact=impact)
    conversion.replace(start, end, [directive, *first])


def _risk_subsection(
    conversion: Conversion, section: Section, impact: str | None, severity: bool
) -> bool:
    """``### Risk 1: Deadlocks``, or a subsection of a risk section whose text gives
    an impact, a likelihood or a mitigation: one risk, the heading kept above it."""
    named = _RISK_HEADING.fullmatch(section.title.raw)
    if named is None and (severity or kind_of(section.title.plain) is not None):
        return False
    lines = conversion.lines
    fields: list[Field] = []
    body: list[str] = []
    position = section.body_start
    for block in section.blocks:
        end = span(block)[1]
        found, taken = _labelled_lines(conversion, block)
        if block.type == "paragraph" and not found and _starts_risk(conversion, block):
            conversion.note(span(block)[0], "risk paragraph kept in the body of the risk above")
        fields += found
        body += [lines[n] for n in range(position, end) if n not in taken]
        position = end
    if named is None and not any(
        found.column is not None and found.column.option in {"impact", "likelihood", "mitigation"}
        for found in fields
    ):
        return False
    body += lines[position : section.body_end]
    title = Text.parse(named.group(1)) if named is not None else section.title
    first = _matrix(conversion)
    directive = _make(conversion, title, section.start, fields, body="".join(body), impact=impact)
    conversion.replace(section.body_start, section.body_end, [directive, *first])
    return True
