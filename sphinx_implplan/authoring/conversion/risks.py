"""Risk sections: tables, lists, ``### Risk: Deadlocks`` and ``### R3 - Lock-in``
subsections, subsections told in prose, labelled and bold-lead paragraphs and callouts
become ``impl-risk`` items; an ``impl-risk-matrix`` view follows the first. A ``###
High Risk`` heading gives its level (``:impact:``) to the risks under it, and a
table's legend the scale of its numeric levels. A value that is no level stays in
the body and is named in a note; the build then warns that the risk lacks that
level, which is where the author gives it one."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.lists import rewrite_list
from sphinx_implplan.authoring.conversion.markdown import (
    ADMONITIONS,
    Section,
    Text,
    normal_header,
    paragraph_labels,
    span,
    table,
)
from sphinx_implplan.authoring.conversion.risk_admonitions import convert_admonition
from sphinx_implplan.authoring.conversion.risk_items import (
    TITLE_ENDS,
    labelled_lines,
    list_directives,
    make_risk,
    matrix_view,
    starts_risk,
)
from sphinx_implplan.authoring.conversion.risk_labels import (
    RISK_TABLE,
    Field,
    column_of,
    field_of,
    is_title_column,
    label_fields,
)
from sphinx_implplan.authoring.conversion.risk_leads import (
    id_heading,
    names_other_entries,
    names_other_kind,
    names_part,
    risk_lead,
)
from sphinx_implplan.authoring.conversion.risk_legends import (
    is_legend,
    legend_scales,
    legend_texts,
    scale_table,
)
from sphinx_implplan.authoring.conversion.risk_levels import severity_of
from sphinx_implplan.authoring.conversion.risk_prose import (
    convert_lead_paragraph,
    convert_quote,
    convert_warned_paragraph,
)
from sphinx_implplan.authoring.conversion.risk_shapes import (
    block_lines,
    definitions,
    description_text,
    html_inner_blocks,
    level_parens,
    looks_listed,
    raid_column,
    raid_risk,
)
from sphinx_implplan.authoring.conversion.section_kinds import SectionKind, kind_of, phase_heading
from sphinx_implplan.authoring.conversion.table_sections import kept_table
from sphinx_implplan.authoring.myst_writer import Directive

#: the one-word names of a risk in the languages read, a risk table's first column's
_RISK_WORDS = sorted((name for name in RISK_TABLE.title if " " not in name), key=len, reverse=True)
#: ``Risk: Deadlocks``, ``Risk 1 - Deadlocks``, ``Risque n\u00b02 : Interblocages``,
#: ``Rreziku 1: ...``
_RISK_HEADING = re.compile(
    r"(?:" + "|".join(map(re.escape, _RISK_WORDS)) + r")"
    r"\s*(?:#|n\u00b0|no\.?|-)?\s*\d*\s*[:.)\-\u2013\u2014]\s*(.+)",
    re.IGNORECASE,
)
_CELL_BAR = re.compile(r"(?<!\\)\|")
_LISTS = frozenset({"bullet_list", "ordered_list"})
#: columns that number or score a risk rather than name it
_NUMBER_COLUMNS = frozenset(
    {"", "#", "id", "no", "no.", "nr", "nr.", "n\u00b0", "\u2116", "number", "num", "ref"}
    | {"key", "lp", "lp.", "score", "rpn", "rating", "detection", "d", "rank", "priority"}
    | {"\u756a\u53f7", "\ubc88\ud638", "\u5e8f\u53f7"}
)


def is_risk_heading(heading: str) -> bool:
    """Whether a heading under a risk section names one risk: ``Risk 1: Deadlocks``,
    ``R3 - Vendor lock-in``, whatever its other words."""
    return _RISK_HEADING.fullmatch(heading) is not None or id_heading(heading)


def convert_risk_sections(conversion: Conversion, section: Section) -> None:
    """A risk section and its subsections, but those of another kind."""
    _walk(conversion, section, None, own_blocks=True)


def convert_risk_blocks(conversion: Conversion, blocks: list[SyntaxTreeNode]) -> None:
    """Blocks that a part of the plan other than a section says are risks (a
    ``<details>`` block summarised ``Risks``), read as a risk section's own."""
    _convert_blocks(conversion, blocks, None, plain_items=True, leads=True)


def _walk(
    conversion: Conversion,
    section: Section,
    impact: str | None,
    *,
    own_blocks: bool,
    told: bool = False,
) -> None:
    """``told``: the section is one of a register's risks told in prose."""
    heading = section.title.plain
    severity = severity_of(heading)
    impact = severity or impact
    if own_blocks and not _risk_subsection(
        conversion, section, impact, severity=severity is not None, told=told
    ):
        kind = kind_of(heading)
        plain_items = severity is not None or kind is SectionKind.RISKS
        # a bold lead or a callout is a risk also in a group (``### Technical``)
        leads = plain_items or (kind is None and not names_part(heading))
        _convert_blocks(conversion, section.blocks, impact, plain_items=plain_items, leads=leads)
    in_prose = _told_in_prose(section)
    for subsection in section.subsections:
        title = subsection.title
        if subsection.start in conversion.phase_titles:
            continue  # a phase takes its whole section, subsections and all
        if phase_heading(title.plain) is not None:
            _walk(conversion, subsection, impact, own_blocks=False)
        elif not names_other_kind(title.plain) or is_risk_heading(title.raw):
            told = in_prose and _in_prose(subsection)
            _walk(conversion, subsection, impact, own_blocks=True, told=told)


def _in_prose(section: Section) -> bool:
    """A subsection of paragraphs only (a rule, ``---``, aside), of no kind or level,
    that starts no risk of its own in them: it may be one risk, its heading the title."""
    title = section.title
    blocks = [block for block in section.blocks if block.type != "hr"]
    return (
        not section.subsections
        and bool(blocks)
        and all(block.type == "paragraph" for block in blocks)
        and (not names_other_kind(title.plain) or is_risk_heading(title.raw))
        and severity_of(title.plain) is None
        and phase_heading(title.plain) is None
        and not names_part(title.plain)
        and not any(risk_lead(Text.of(block.children[0]).raw) for block in blocks)
    )


def _told_in_prose(section: Section) -> bool:
    """Whether a section's subsections are a register of risks told in prose
    (``### Maintainer bandwidth`` then paragraphs): at least two, and each one (a
    part such as ``Assumptions`` or a section of another kind aside) of that shape.
    A lone such subsection among others of other shapes is more likely a part of
    the section than a risk."""
    subsections = [
        s
        for s in section.subsections
        if not names_part(s.title.plain) and not names_other_kind(s.title.plain)
    ]
    return len(subsections) >= 2 and all(_in_prose(s) for s in subsections)


def _convert_blocks(
    conversion: Conversion,
    blocks: list[SyntaxTreeNode],
    impact: str | None,
    *,
    plain_items: bool,
    leads: bool,
) -> None:
    """``plain_items``: an item with no label is a risk; ``leads``: so is a paragraph
    or a quote with a bold lead, and a callout."""
    lines = conversion.lines
    done: set[int] = set()  # blocks already part of a risk
    for index, block in enumerate(blocks):
        if index in done:
            continue
        if block.type == "table" and scale_table(scale := table(block)) is not None:
            conversion.note(scale.start, "risk table kept: it says what each score means")
        elif block.type == "table":
            legends = legend_texts(blocks, index)
            _convert_table(conversion, block, impact, legends, plain_items=plain_items)
        elif block.type in _LISTS:
            _convert_list(conversion, block, impact, plain_items=plain_items)
        elif block.type == "paragraph" and names_other_entries(Text.of(block.children[0]).raw):
            if index + 1 < len(blocks) and blocks[index + 1].type in {*_LISTS, "table"}:
                done.add(index + 1)
                conversion.note(span(block)[0], "kept as written: its label names no risks")
        elif block.type == "paragraph":
            found = definitions(lines, blocks, index) if plain_items else None
            if found is not None:
                start, end, groups, after_term = found
                if after_term is not None:
                    done.add(index + 1)
                first = matrix_view(conversion)
                made = [_definition_risk(conversion, term, rest, impact) for term, rest in groups]
                conversion.replace(start, end, [*made, *first])
            elif plain_items and any(line.startswith(": ") for line in block_lines(lines, block)):
                conversion.note(
                    span(block)[0],
                    "definition list kept as written: each term line must be followed "
                    "by `: description` lines",
                )
            elif starts_risk(conversion, block):
                _convert_paragraph(conversion, block, impact)
            elif leads:
                taken = convert_lead_paragraph(conversion, blocks, index, impact)
                if not taken and convert_warned_paragraph(conversion, block, impact):
                    taken = {index}
                done |= taken
        elif block.type == "blockquote" and leads:
            convert_quote(conversion, block, impact, plain_items=plain_items)
        elif block.type in ADMONITIONS and leads:
            convert_admonition(conversion, block, impact)
        elif block.type == "html_block" and plain_items:
            inner = html_inner_blocks(lines, block)
            if inner is not None:
                _convert_blocks(conversion, inner, impact, plain_items=plain_items, leads=leads)
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
        text = description_text(conversion.lines, number)
        only = label_fields(text)
        if only is not None:
            fields += only
            continue
        text, levels = level_parens(text)
        fields += levels
        body.append(text)
    title = Text.parse(title_raw.rstrip(TITLE_ENDS))
    return make_risk(conversion, title, term, fields, body="\n\n".join(body), impact=impact)


def _title_column(headers: tuple[str, ...], *, plain_items: bool) -> int | None:
    """The column of a risk table's titles: the one named so; else, in a risk
    section's table that has a level or mitigation column, the first column that does
    not number, score, rate, own or answer the risk (``What could go wrong``,
    ``Area``): what is left to name it."""
    named = next((index for index, header in enumerate(headers) if is_title_column(header)), None)
    if named is not None or not plain_items:
        return named
    columns = [column_of(header) for header in headers]
    if not any(c is not None and c.option != "owner" for c in columns):
        return None
    return next(
        (
            index
            for index, header in enumerate(headers)
            if columns[index] is None and normal_header(header) not in _NUMBER_COLUMNS
        ),
        None,
    )


def _convert_table(
    conversion: Conversion,
    block: SyntaxTreeNode,
    impact: str | None,
    legends: list[str],
    *,
    plain_items: bool,
) -> None:
    """``legends``: the paragraphs by the table that may state its levels' scale."""
    found = table(block)
    title_index = _title_column(found.headers, plain_items=plain_items)
    if title_index is None:
        conversion.note(found.start, "risk table kept: no column named risk or description")
        return
    first = matrix_view(conversion)
    scales = legend_scales(found.headers, legends)
    directives, kept = [], []
    kinds = raid_column(found.headers, found.rows)
    for row in found.rows:
        if kinds is not None and not raid_risk(row.cells[kinds].plain):
            kept.append(row)  # an assumption, issue or dependency of a RAID log
            continue
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
            field_of(found.headers[index], cell, legend=scales[index])
            for index, cell in enumerate(row.cells[: len(found.headers)])
            if index != title_index and cell.raw
        ]
        name = found.headers[title_index]
        directive = make_risk(conversion, title, row.line, fields, impact=impact, title_name=name)
        directives.append(directive)
    if directives:
        keep = kept_table(conversion.lines, found, kept)
        conversion.replace(found.start, found.end, [*directives, *first], keep=keep)


def _convert_list(
    conversion: Conversion, block: SyntaxTreeNode, impact: str | None, *, plain_items: bool
) -> None:
    first = matrix_view(conversion)
    directives, kept = list_directives(conversion, block, impact, plain_items=plain_items)
    if directives:
        rewrite_list(conversion, span(block), kept, [*directives, *first])


def _convert_paragraph(conversion: Conversion, block: SyntaxTreeNode, impact: str | None) -> None:
    """``**Risk**: Deadlocks`` then ``**Impact**:``, ``**Mitigation**:`` lines."""
    labels = paragraph_labels(block, conversion.lines)
    assert labels[0] is not None
    first = matrix_view(conversion)
    fields, taken = labelled_lines(conversion, block, own_risk=True)
    start, end = span(block)
    body = "".join(conversion.lines[n] for n in range(start + 1, end) if n not in taken)
    directive = make_risk(conversion, labels[0].value, start, fields, body=body, impact=impact)
    conversion.replace(start, end, [directive, *first])


def _risk_subsection(
    conversion: Conversion, section: Section, impact: str | None, *, severity: bool, told: bool
) -> bool:
    """``### Risk 1: Deadlocks``, ``### R3 - Vendor lock-in``, a subsection of a risk
    section whose text gives an impact, a likelihood (not a legend's scale) or a
    mitigation, or one of a register told in prose (``told``): one risk, the heading
    kept above it."""
    heading = section.title
    named = _RISK_HEADING.fullmatch(heading.raw)
    by_id = named is None and id_heading(heading.raw)
    if (
        named is None
        and not by_id
        and (
            severity
            or kind_of(heading.plain) is SectionKind.RISKS
            or names_other_kind(heading.plain)
            or names_part(heading.plain)
        )
    ):
        return False
    lines = conversion.lines
    fields: list[Field] = []
    body: list[str] = []
    position = section.body_start
    # a rule (``---``) closing the section stays after the risk, as written
    blocks, stop = list(section.blocks), section.body_end
    while blocks and blocks[-1].type == "hr":
        stop = span(blocks.pop())[0]
    for block in blocks:
        end = span(block)[1]
        found, taken = labelled_lines(conversion, block)
        if block.type == "paragraph" and not found and starts_risk(conversion, block):
            conversion.note(span(block)[0], "risk paragraph kept in the body of the risk above")
        fields += found
        body += [lines[n] for n in range(position, end) if n not in taken]
        position = end
    if (
        named is None
        and not by_id
        and not told
        and not any(
            found.column is not None
            and found.column.option in {"impact", "likelihood", "mitigation"}
            and not is_legend(found)
            for found in fields
        )
    ):
        return False
    body += lines[position:stop]
    title = Text.parse(named.group(1)) if named is not None else heading
    first = matrix_view(conversion)
    directive = make_risk(
        conversion, title, section.start, fields, body="".join(body), impact=impact
    )
    conversion.replace(section.body_start, stop, [directive, *first])
    return True
