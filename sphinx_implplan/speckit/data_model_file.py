"""data-model.md: its entities, their fields and relationships.

An entity is a heading below the title that is named ``Entity: Name``, or that holds
fields: a table with a Field (Attribute, Column, Property) column, or a list of field
lines (``- `email` (string): ...``, ``- **email**: ...``, ``- email: string``) after
a ``**Fields**:`` line, under a "Fields" heading, or right under the heading (two at
least). Headings named like a part of an entity ("Fields", "Relationships",
"Validation Rules", "State Transitions", "Indexes", "Notes", ...) belong to the
entity above them and are never entities; a heading that only holds other entities
("Entities") is none either.

A relationship is an item after a ``**Relationships**:`` line or under a
"Relationships" heading, or that line's own text. One outside any entity (a
"Relationships" section closing the file) goes to the entity named first in it, and
is left out where it names none. An entity's description is its ``**Purpose**:`` or
``**Description**:`` line, else its first paragraph. Validation rules, state
transitions and diagrams are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from sphinx_implplan.speckit.bold_labels import Label, labels_in_line, paragraph_labels
from sphinx_implplan.speckit.markdown_blocks import (
    Document,
    Heading,
    ListItem,
    Paragraph,
    Table,
    plain,
)
from sphinx_implplan.speckit.records import Entity, EntityField, Source

FILE = "data-model.md"
_ENTITY_TITLE = re.compile(
    r"^\W*(?:Entity|Entit\u00e9|Entidad|Entit\u00e4t)\s*[:\uff1a\-\u2013\u2014]\s*(.+)$",
    re.IGNORECASE,
)
_PART = re.compile(
    r"^(?:fields?|field definitions|attributes|properties|columns|schema|relations|associations"
    r"|validations?|validation rules|constraints|business rules|rules|states?|state transitions"
    r"|state machine|lifecycle|indexes|indices|invariants|notes|examples?|storage|persistence"
    r"|derived fields|computed fields|access patterns|queries|migrations?)\b"
)
_FIELDS = ("field", "attribute", "propert", "column", "schema")
_RELATIONSHIPS = ("relationship", "relation", "association")
_DESCRIPTIONS = ("purpose", "description", "represents", "definition")
#: a relationship item saying there is none
_NO_RELATIONSHIP = ("none", "n/a", "no relationship")
_NAME_END = re.compile(r"\s*(?:\(|\s[-\u2013\u2014]\s|[:\uff1a])")
_FIELD = re.compile(
    r"(?:`([^`]+)`|\*\*([^*]+?)\*\*|([A-Za-z_][\w.\[\]]*))[ \t]*(?:\(([^()]*)\))?[ \t]*"
    r"(?:([:\uff1a]|[-\u2013\u2014](?=\s))\s*)?(.*)",
    re.DOTALL,
)
_TYPE_FIRST = re.compile(
    r"`?([A-Za-z][\w<>\[\]?|.]*)`?(?:\s*[,;]\s*|\s+[-\u2013\u2014]\s+|$)(.*)", re.DOTALL
)


def _normal(title: str) -> str:
    return " ".join(re.sub(r"^\W+", "", title.lower()).rstrip(": ").split())


def _context(words: str) -> str:
    if any(word in words for word in _RELATIONSHIPS):
        return "relationships"
    if words.startswith(_FIELDS):
        return "fields"
    return "other"


def _is_part(heading: Heading) -> bool:
    words = _normal(heading.title)
    return bool(_PART.match(words)) or any(word in words for word in _RELATIONSHIPS)


def entity_field(text: str, line: int) -> EntityField | None:
    """A field of a list item: a name in code or bold, or a plain word followed by a
    type in brackets or a colon; its type and description."""
    match = _FIELD.fullmatch(text.strip())
    if match is None:
        return None
    code, bold, word, kind, separator, rest = match.groups()
    if word is not None and not (kind or separator):
        return None
    name = plain(code or bold or word or "").strip().rstrip(":\uff1a").strip()
    rest = rest.strip()
    if not kind and separator in {":", "\uff1a"} and (typed := _TYPE_FIRST.fullmatch(rest)):
        kind, rest = typed.group(1), typed.group(2).strip()
    if not name:
        return None
    return EntityField(name, kind.strip() if kind else None, rest or None, Source(FILE, line + 1))


def _is_section_label(label: Label) -> bool:
    """A label that says what follows (``**Fields**:``), not a field in bold."""
    return (
        _context(label.key) != "other"
        or label.key.startswith(_DESCRIPTIONS)
        or bool(_PART.match(label.key))
    )


@dataclass
class _Draft:
    heading: Heading | None
    fields: list[EntityField] = field(default_factory=list)
    loose: list[EntityField] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    description: str | None = None

    def entity_name(self) -> str | None:
        if self.heading is None or self.heading.level < 2:
            return None
        explicit = _ENTITY_TITLE.match(self.heading.title)
        if not explicit and not self.fields and len(self.loose) < 2:
            return None
        title = explicit.group(1) if explicit else self.heading.title
        return _NAME_END.split(title, maxsplit=1)[0].strip() or title.strip()


def _owner(document: Document, line: int) -> Heading | None:
    for heading in document.headings_around(line):
        if not _is_part(heading):
            return heading
    return None


def _events(document: Document) -> Iterator[tuple[int, object]]:
    for heading in document.headings:
        if _is_part(heading):
            yield heading.line, heading
    for paragraph in document.paragraphs:
        if paragraph.item is None:
            yield paragraph.start, paragraph
    for item in document.items:
        yield item.start, item
    for table in document.tables:
        yield table.start, table


def read_data_model(document: Document) -> list[Entity]:
    drafts: dict[int, _Draft] = {}
    contexts: dict[int, str] = {}
    item_contexts: dict[int, str] = {}
    for line, block in sorted(_events(document), key=lambda pair: pair[0]):
        owner = _owner(document, line)
        key = owner.index if owner is not None else -1
        draft = drafts.setdefault(key, _Draft(owner))
        context = contexts.get(key, "none")
        if isinstance(block, Heading):
            contexts[key] = _context(_normal(block.title))
        elif isinstance(block, Table):
            _read_table(block, context, draft)
        elif isinstance(block, ListItem):
            if block.parent is not None:
                if block.parent not in item_contexts:
                    continue
                context = item_contexts[block.parent]
            found = _read_item(block, context, draft)
            if found is not None:
                item_contexts[block.index] = found
        elif isinstance(block, Paragraph):
            labels = paragraph_labels(block)
            for label in labels:
                contexts[key] = _read_label(label, draft) or contexts.get(key, "none")
            if not labels and draft.description is None and context == "none":
                draft.description = block.text
    return _entities(drafts)


def _read_label(label: Label, draft: _Draft) -> str | None:
    """What the label's value adds; the context the list after it is read in (``None``:
    the one before it)."""
    context = _context(label.key)
    if label.key.startswith(_DESCRIPTIONS):
        if draft.description is None and label.value:
            draft.description = label.value
        return None if label.value else "other"
    if context == "fields" and label.value:
        line = label.line
        draft.fields += [
            EntityField(plain(name).strip(), None, None, Source(FILE, line + 1))
            for name in label.value.split(",")
            if plain(name).strip()
        ]
    elif (
        context == "relationships"
        and label.value
        and not plain(label.value).lower().startswith(_NO_RELATIONSHIP)
    ):
        draft.relationships.append(label.value)
    return context


def _read_item(item: ListItem, context: str, draft: _Draft) -> str | None:
    """Reads one item; the context its own items are read in, where it is a label."""
    labels = labels_in_line(item.text, item.start)
    if labels and _is_section_label(labels[0]):
        return _read_label(labels[0], draft) or context
    if context == "relationships":
        if not plain(item.text).lower().startswith(_NO_RELATIONSHIP):
            draft.relationships.append(item.text)
    elif context in {"fields", "none"}:
        found = entity_field(item.text, item.start)
        if found is not None:
            (draft.fields if context == "fields" else draft.loose).append(found)
    return None


def _read_table(table: Table, context: str, draft: _Draft) -> None:
    if context == "relationships":
        for row in table.rows:
            cells = [plain(cell) for cell in row.cells if plain(cell)]
            if cells:
                draft.relationships.append(" \u2014 ".join(cells))
        return
    name = next(
        (i for i, header in enumerate(table.headers) if header.startswith((*_FIELDS, "name"))),
        None,
    )
    if name is None or context == "other":
        return
    kind = next((i for i, header in enumerate(table.headers) if "type" in header), None)
    about = next(
        (
            i
            for i, header in enumerate(table.headers)
            if header.startswith(("description", "notes", "purpose", "meaning"))
        ),
        None,
    )

    def cell(cells: tuple[str, ...], index: int | None) -> str | None:
        return plain(cells[index]) or None if index is not None and index < len(cells) else None

    for row in table.rows:
        field_name = cell(row.cells, name)
        if field_name:
            draft.fields.append(
                EntityField(
                    field_name,
                    cell(row.cells, kind),
                    cell(row.cells, about),
                    Source(FILE, row.line + 1),
                )
            )


def _entities(drafts: dict[int, _Draft]) -> list[Entity]:
    named = {key: draft.entity_name() for key, draft in drafts.items()}
    entities = {key: name for key, name in named.items() if name}
    extra: dict[int, list[str]] = {key: [] for key in entities}
    for key, draft in drafts.items():
        if key in entities:
            continue
        for relationship in draft.relationships:
            first = _first_named(relationship, entities)
            if first is not None:
                extra[first].append(relationship)
    found: list[Entity] = []
    for key, name in sorted(entities.items()):
        draft = drafts[key]
        heading = draft.heading
        if heading is None:
            continue
        found.append(
            Entity(
                name,
                tuple(draft.fields or draft.loose),
                (*draft.relationships, *extra[key]),
                draft.description,
                Source(FILE, heading.line + 1),
            )
        )
    return found


def _first_named(text: str, entities: dict[int, str]) -> int | None:
    places = [
        (match.start(), key)
        for key, name in entities.items()
        if (match := re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text))
    ]
    return min(places)[1] if places else None
