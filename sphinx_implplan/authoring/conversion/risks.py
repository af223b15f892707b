"""Risk sections: tables, lists, ``### Risk: Deadlocks`` subsections and labelled
paragraphs become ``impl-risk`` items; an ``impl-risk-matrix`` view follows the first.
A ``### High Risk`` heading gives its level (``:impact:``) to the risks under it. A
value that is no level stays in the body and is named in a note; the build then warns
that the risk lacks that level, which is where the author gives it one."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

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
    normal_header,
    paragraph_labels,
    span,
    table,
)
from sphinx_implplan.authoring.conversion.risk_levels import read_level, severity_of
from sphinx_implplan.authoring.conversion.section_kinds import SectionKind, kind_of, phase_heading
from sphinx_implplan.authoring.conversion.table_sections import Column, TableShape, kept_table
from sphinx_implplan.authoring.myst_writer import Directive
from sphinx_implplan.plan.itemtypes import RISK
from sphinx_implplan.plan.values import DEFAULT_RISK_LEVELS, normalise_enum_text


def _column(option: str, names: str, check: checks.Check = checks.text) -> Column:
    return Column(option, _names(names), check)


def _names(names: str) -> frozenset[str]:
    return frozenset(names.split("|"))


RISK_TABLE = TableShape(
    RISK,
    title=_names("risk|risks|description|risk description|threat|risque|risiko|riesgo|rischio"),
    options=(
        _column(
            "impact",
            "impact|severity|s\u00e9v\u00e9rit\u00e9|gravit\u00e9|auswirkung|impacto",
            read_level,
        ),
        _column(
            "likelihood",
            "likelihood|probability|chance|probabilit\u00e9|wahrscheinlichkeit"
            "|eintrittswahrscheinlichkeit|probabilidad",
            read_level,
        ),
        _column(
            "mitigation",
            "mitigation|mitigations|mitigation strategy|mitigated by|response|plan|contingency"
            "|att\u00e9nuation|parade|ma\u00dfnahme|ma\u00dfnahmen|gegenma\u00dfnahme|mitigaci\u00f3n|mitigazione",
        ),
        _column("owner", "owner|assignee|responsible|responsable|verantwortlich"),
        _column("status", "status|statut|estado", checks.risk_status),
        _column("affects", "affects|requirements", checks.ids),
    ),
)

#: a label's words (lower case) -> the option it gives
_OPTION_OF = {name: column for column in RISK_TABLE.options for name in column.names}
_LABEL_NAMES = sorted({*_OPTION_OF, *RISK_TABLE.title} - {"plan"}, key=len, reverse=True)
#: ``**Mitigation**:``, ``**Mitigation:**`` or ``Mitigation:`` in an item's text
_LABEL = re.compile(
    r"(?<![\w*])(?P<bold>\*\*|__)?(?P<name>"
    + "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in _LABEL_NAMES)
    + r")\s*(?(bold)(?:(?P=bold)\s*:|:\s*(?P=bold))|:)",
    re.IGNORECASE,
)
#: ``Risk: Deadlocks``, ``Risk 1 - Deadlocks``, ``Risque n\u00b02 : Interblocages``
_RISK_HEADING = re.compile(
    r"(?:risk|risque|risiko|riesgo|rischio)\s*(?:#|n\u00b0|no\.?)?\s*\d*\s*[:.)\-\u2013\u2014]\s*(.+)",
    re.IGNORECASE,
)
_TITLE_ENDS = " \t-\u2013\u2014:;,."
_CELL_BAR = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class _Field:
    """A value for one risk: its name as written, its option (``None``: the body's)."""

    name: str
    column: Column | None
    value: Text
    #: a plain label other than its option's name (``Probability:``): the body keeps it
    keep: bool = False


def _field(name: str, value: Text, *, lead: bool = True) -> _Field:
    """``lead``: a bold label starting its line, which reads as a field's name."""
    column = _OPTION_OF.get(normal_header(name))
    keep = not lead and column is not None and normal_header(name) != column.option
    return _Field(name, column, value, keep)


def _make(
    conversion: Conversion,
    title: Text,
    line: int,
    fields: list[_Field],
    *,
    body: str = "",
    impact: str | None = None,
    title_name: str = "Risk",
) -> Directive:
    """One risk: its options from ``fields``; what no option takes, after ``body``."""
    directive = conversion.item(RISK, title.plain, conversion.ids.numbered(RISK))
    values: dict[str, str] = {}
    kept: list[tuple[str, Text]] = []
    for found in fields:
        column = found.column
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
        for block in section.blocks:
            if block.type == "table":
                _convert_table(conversion, block, impact)
            elif block.type in {"bullet_list", "ordered_list"}:
                _convert_list(conversion, block, impact, plain_items=plain_items)
            elif block.type == "paragraph":
                _convert_paragraph(conversion, block, impact)
    for subsection in section.subsections:
        if phase_heading(subsection.title.plain) is not None:
            _walk(conversion, subsection, impact, own_blocks=False)
        elif kind_of(subsection.title.plain) in {None, SectionKind.RISKS}:
            _walk(conversion, subsection, impact, own_blocks=True)


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
            _field(found.headers[index], cell)
            for index, cell in enumerate(row.cells[: len(found.headers)])
            if index != title_index and cell.raw
        ]
        name = found.headers[title_index]
        directive = _make(conversion, title, row.line, fields, impact=impact, title_name=name)
        directives.append(directive)
    if directives:
        keep = kept_table(conversion.lines, found, kept)
        conversion.replace(found.start, found.end, [*directives, *first], keep=keep)


#: labels read inside an item's text, not only at its start: ``... Mitigation: ...``
_INNER_LABELS = frozenset(
    name
    for column in RISK_TABLE.options[:4]
    for name in column.names
    if name not in {"plan", "response", "chance", "contingency", "responsible", "assignee"}
)
#: labels read without bold marks; one the output does not name stays in the body
_PLAIN_LABELS = frozenset(_OPTION_OF) | {"risk", "risks"}


def _split_labels(raw: str) -> tuple[str, list[_Field]]:
    """The text before the first label, then each label's name and value."""
    matches = [
        match
        for match in _LABEL.finditer(raw)
        # not inside a code span, and a plain label inside the text only where a
        # sentence would hardly use the word so
        if raw[: match.start()].count("`") % 2 == 0
        and (
            match.group("bold")
            or match.start() == 0
            or normal_header(match.group("name")) in _INNER_LABELS
        )
        and (match.group("bold") or normal_header(match.group("name")) in _PLAIN_LABELS)
    ]
    if not matches:
        return raw, []
    fields = []
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        value = raw[match.end() : after.start() if after is not None else len(raw)]
        name = " ".join(match.group("name").split())
        lead = bool(match.group("bold")) and raw[: match.start()][-1:] in {"", "\n"}
        fields.append(_field(name, Text.parse(value.rstrip(" \t\n,;")), lead=lead))
    return raw[: matches[0].start()], fields


def _is_title_label(name: str) -> bool:
    return normal_header(name) in RISK_TABLE.title - {"description"}


def _label_fields(raw: str) -> list[_Field] | None:
    """The fields of a text made only of option labels (``Mitigation: retry``)."""
    lead, fields = _split_labels(raw)
    if lead.strip() or not fields or any(found.column is None for found in fields):
        return None
    return fields


def _labelled_lines(
    conversion: Conversion, block: SyntaxTreeNode, *, own_risk: bool = False
) -> tuple[list[_Field], set[int]]:
    """The option labels of a paragraph or list, and the lines they take."""
    fields: list[_Field] = []
    taken: set[int] = set()
    if block.type == "paragraph":
        if not own_risk and _starts_risk(conversion, block):
            return [], set()  # another risk's paragraph
        for label in paragraph_labels(block, conversion.lines):
            if label is not None and label.name in _OPTION_OF:
                fields.append(_Field(label.name.capitalize(), _OPTION_OF[label.name], label.value))
                taken.add(label.line)
    elif block.type in {"bullet_list", "ordered_list"}:
        for item in list_items(block, conversion.lines):
            if item.text is not None and len(item.node.children) == 1:
                found = _label_fields(item.text.raw)
                if found is not None:
                    fields += found
                    taken.update(range(item.start, item.end))
    return fields, taken


def _item_rest(conversion: Conversion, item: ListItem) -> tuple[list[_Field], str]:
    """Option labels among an item's nested blocks, and the rest as written."""
    children = item.node.children[1:]
    if not children:
        return [], ""
    fields: list[_Field] = []
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
    lead_raw, labels = _split_labels(item.text.raw)
    nested, rest = _item_rest(conversion, item)
    labelled = bool(nested) or any(
        _is_title_label(found.name) or found.column is not None for found in labels
    )
    if not labelled and not plain_items:
        return None
    title: Text | None = None
    description = ""
    lead = Text.parse(lead_raw)
    if lead.plain:
        head, tail = lead_and_rest(lead)
        title, description = Text.parse(head.raw.rstrip(_TITLE_ENDS)), tail.raw
    fields: list[_Field] = []
    for found in labels:
        if title is None and _is_title_label(found.name) and found.value.plain:
            title = Text.parse(found.value.raw.rstrip(_TITLE_ENDS))
        else:
            fields.append(found)
    if title is None or not title.plain:
        conversion.note(item.start, "risk list item kept as written: it names no risk")
        return None
    body = "\n\n".join(part for part in (description, rest) if part)
    return _make(conversion, title, item.start, [*fields, *nested], body=body, impact=impact)


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
    return bool(labels and labels[0] and _is_title_label(labels[0].name))


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
    fields: list[_Field] = []
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
