"""Components, the data model (SQL tables, entity blocks, relationships) and API
endpoints."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, set_title_text
from sphinx_implplan.authoring.conversion.lists import convert_list, lead_and_rest
from sphinx_implplan.authoring.conversion.markdown import (
    ListItem,
    Section,
    Text,
    list_items,
    span,
    table,
)
from sphinx_implplan.authoring.conversion.table_sections import Column, TableShape, convert_table
from sphinx_implplan.authoring.myst_writer import Directive
from sphinx_implplan.plan.values import METHODS

COMPONENT_TABLE = TableShape(
    "impl-component",
    title=frozenset({"component", "components", "name", "module", "service"}),
    options=(
        Column.of("purpose", "purpose", "description", "responsibility", "role", "what it does"),
        Column.of(
            "change",
            "change",
            "new/modified",
            "new / modified",
            "new or modified",
            "type",
            check=checks.change_word,
        ),
        Column.of(
            "implements", "implements", "requirements", "requirement", "reqs", check=checks.ids
        ),
    ),
    named_ids=True,
)


def convert_components(conversion: Conversion, section: Section) -> None:
    for block in section.blocks:
        if block.type == "table":
            convert_table(conversion, table(block), COMPONENT_TABLE)
        elif block.type == "bullet_list":

            def component(item: ListItem, text: Text) -> Directive:
                lead, rest = lead_and_rest(text)
                directive = conversion.item(
                    "impl-component",
                    lead.plain,
                    conversion.ids.named("impl-component", lead.plain),
                )
                directive.option("purpose", rest.plain)
                set_title_text(directive, "Component", lead)
                set_title_text(directive, "Purpose", rest)
                return directive

            convert_list(conversion, span(block), list_items(block, conversion.lines), component)


# -- data model ---------------------------------------------------------------------

_CREATE_TABLE = re.compile(
    r"\s*create\s+table\s+(?:if\s+not\s+exists\s+)?[`\"\[]?([\w.]+)", re.IGNORECASE
)
_NOT_A_COLUMN = re.compile(
    r"(primary|foreign|unique|constraint|check|index|key|\))\b", re.IGNORECASE
)
_COLUMN = re.compile(r"\s*[`\"\[]?(\w+)")
_REFERENCES = re.compile(r"references\s+[`\"\[]?([\w.]+)", re.IGNORECASE)
_FIELD_LINE = re.compile(r"\s*(?:[-*]\s+)?[`\"]?([\w.]+)[`\"]?\s*:")


def _fenced(fence: SyntaxTreeNode, content: str) -> str:
    marker = fence.markup or "```"
    return f"{marker}{fence.info}\n{content.rstrip(chr(10))}\n{marker}"


def _sql_entities(conversion: Conversion, fence: SyntaxTreeNode) -> list[Directive]:
    """One entity per ``CREATE TABLE``; comments before a statement and statements
    after it (indexes) go with it, so every line of the block is kept."""
    lines = fence.content.splitlines(keepends=True)
    starts = [index for index, line in enumerate(lines) if _CREATE_TABLE.match(line)]
    if not starts:
        return []
    starts[0] = 0
    directives = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        chunk = lines[start:end]
        name = next(m.group(1) for line in chunk if (m := _CREATE_TABLE.match(line)))
        fields, relates = [], []
        inside = False
        for line in chunk:
            if _CREATE_TABLE.match(line):
                inside = True
                continue
            if inside and line.strip().startswith(")"):
                inside = False
            if inside and line.strip() and not line.strip().startswith("--"):
                if not _NOT_A_COLUMN.match(line.strip()):
                    column = _COLUMN.match(line)
                    if column:
                        fields.append(column.group(1))
                relates += _REFERENCES.findall(line)
        directive = conversion.item("impl-entity", name, conversion.ids.named("impl-entity", name))
        directive.option("fields", ", ".join(fields))
        directive.body = _fenced(fence, "".join(chunk))
        directives.append(directive)
        conversion.entities[name.lower()] = directive
        conversion.relations.extend((name.lower(), target.lower()) for target in relates)
    return directives


def _entity_blocks(conversion: Conversion, fence: SyntaxTreeNode) -> list[Directive]:
    """Blocks of a name line then ``- field: type`` lines, separated by blank lines;
    only when every block of the code has that shape."""
    chunks: list[list[str]] = [[]]
    for line in fence.content.splitlines():
        if line.strip():
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
    chunks = [chunk for chunk in chunks if chunk]
    shaped = []
    for chunk in chunks:
        name = chunk[0].strip().rstrip(":{").strip()
        matches = [_FIELD_LINE.match(line) for line in chunk[1:]]
        if not name or len(chunk) < 2 or not all(matches) or _FIELD_LINE.match(chunk[0]):
            return []
        shaped.append((name, [match.group(1) for match in matches if match], chunk))
    directives = []
    for name, fields, chunk in shaped:
        directive = conversion.item("impl-entity", name, conversion.ids.named("impl-entity", name))
        directive.option("fields", ", ".join(fields))
        directive.body = _fenced(fence, "\n".join(chunk))
        directives.append(directive)
        conversion.entities[name.lower()] = directive
    return directives


def convert_data_model(conversion: Conversion, section: Section) -> None:
    for block in section.blocks:
        if block.type not in {"fence", "code_block"}:
            continue
        directives = _sql_entities(conversion, block) or _entity_blocks(conversion, block)
        if directives:
            start, end = span(block)
            conversion.replace(start, end, directives)
        elif "create table" in block.content.lower() or block.info:
            conversion.note(span(block)[0], "code block kept: no entity found in it")


def collect_relationships(conversion: Conversion, section: Section, *, named: bool) -> None:
    """``A has many B``: A relates to B, once every entity is known. The list stays.
    ``named``: the section is called relationships, so an item naming fewer than two
    entities is worth a note."""
    for block in section.blocks:
        if block.type in {"bullet_list", "ordered_list"}:
            for item in list_items(block, conversion.lines):
                if item.text is not None:
                    conversion.relationship_texts.append((item.start, item.text.plain, named))


def link_relationships(conversion: Conversion) -> None:
    names = sorted(conversion.entities, key=len, reverse=True)
    for line, sentence, named in conversion.relationship_texts:
        # "Customer has many Invoices": a name also matches in the plural
        found = [
            (match.start(), name)
            for name in names
            if (match := re.search(rf"(?<!\w){re.escape(name)}(?:e?s)?(?!\w)", sentence.lower()))
        ]
        found.sort()
        if len(found) >= 2:
            conversion.relations.append((found[0][1], found[1][1]))
        elif named:
            conversion.note(line, "relationship kept as written: it names fewer than two entities")
    for source, target in conversion.relations:
        if source in conversion.entities and target in conversion.entities and source != target:
            directive = conversion.entities[source]
            target_id = dict(conversion.entities[target].options)["id"]
            current = dict(directive.options).get("relates")
            if current is None:
                directive.option("relates", target_id)
            elif target_id not in current.split(", "):
                directive.options = [
                    (name, f"{value}, {target_id}" if name == "relates" else value)
                    for name, value in directive.options
                ]


# -- API ----------------------------------------------------------------------------

_ENDPOINT = re.compile(
    r"\s*`?\s*([A-Za-z]+)\s+(/\S*?)\s*`?\s*(?:(?:-|\u2013|\u2014|:)\s+|\s+|$)(.*)"
)


def endpoint_parts(text: str) -> tuple[str, str, str] | None:
    """``("GET", "/api/x", "List x")`` from ``GET /api/x - List x``."""
    match = _ENDPOINT.fullmatch(text.rstrip())
    if match is None or match.group(1).upper() not in METHODS or not match.group(1).isupper():
        return None
    return match.group(1), match.group(2), match.group(3).strip()


def _endpoint(conversion: Conversion, method: str, path: str, description: str) -> Directive:
    directive = conversion.item(
        "impl-endpoint", f"{method} {path}", conversion.ids.numbered("impl-endpoint")
    )
    directive.body = description
    return directive


def convert_api(conversion: Conversion, section: Section) -> None:
    for block in section.blocks:
        if block.type in {"fence", "code_block"}:
            rows = [line for line in block.content.splitlines() if line.strip()]
            parts = [endpoint_parts(line) for line in rows]
            if rows and all(parts):
                directives = [_endpoint(conversion, *found) for found in parts if found]
                start, end = span(block)
                conversion.replace(start, end, directives)
            elif any(parts):
                conversion.note(span(block)[0], "code block kept: not every line is an endpoint")
        elif block.type in {"bullet_list", "ordered_list"}:

            def endpoint(item: ListItem, text: Text) -> Directive | None:
                found = endpoint_parts(text.raw)
                return _endpoint(conversion, *found) if found else None

            convert_list(conversion, span(block), list_items(block, conversion.lines), endpoint)
