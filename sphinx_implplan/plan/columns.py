"""The columns an ``impl-table`` can show for each item type, built from the item type
table (its title header, default columns and computed values). No Sphinx imports.

A column is named by a key (``purpose``, ``implemented-by``, ``title``); in
``:columns:`` the key or the header the column shows for that type (``Component``,
``Rationale``) may be written, matched like enumerated values.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sphinx_implplan.plan.itemtypes import (
    ITEM_TYPES_BY_DIRECTIVE,
    LINK_TYPES,
    PROGRESS,
    Kind,
    links_from,
)
from sphinx_implplan.plan.values import normalise_enum_text


class Shows(Enum):
    """How a column's cell is drawn."""

    ID = "id"
    TITLE = "title"
    TEXT = "text"
    #: need ids, each a link
    IDS = "ids"
    #: document names, each a link
    DOCS = "docs"
    PROGRESS = "progress"
    DURATION = "duration"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    shows: Shows
    #: the field or link the cell reads (the key unless said otherwise)
    source: str = ""
    #: read the links *to* the item (``implemented-by``) rather than from it
    incoming: bool = False

    @property
    def field(self) -> str:
        return self.source or self.key


_HEADERS = {
    "id": "ID",
    "status": "Status",
    "plan": "Plan",
    "tags": "Tags",
    "score": "Score",
    "band": "Band",
    "progress": "Progress",
    "spec": "Spec",
}


#: how a column of an option of each value kind is drawn, where not as text
_OPTION_SHOWS = {Kind.DURATION: Shows.DURATION, Kind.DOCS: Shows.DOCS}


def _header(key: str) -> str:
    return _HEADERS.get(key, key.replace("-", " ").capitalize())


def columns_for(directive: str) -> dict[str, Column]:
    """Every column of one type, by key, in a stable order."""
    item_type = ITEM_TYPES_BY_DIRECTIVE[directive]
    found: list[Column] = [
        Column("id", "ID", Shows.ID),
        Column("title", item_type.title_header, Shows.TITLE),
    ]
    for name, kind in item_type.options.items():
        found.append(Column(name, _header(name), _OPTION_SHOWS.get(kind, Shows.TEXT)))
    found.append(
        Column(
            "description", item_type.column_headers.get("description", "Description"), Shows.TEXT
        )
    )
    found += [Column("status", "Status", Shows.TEXT), Column("tags", "Tags", Shows.TEXT)]
    if item_type.belongs_to_plan:
        found.append(Column("plan", "Plan", Shows.IDS))
    found += [
        Column(name, _header(name), Shows.PROGRESS if name == PROGRESS else Shows.TEXT)
        for name in item_type.table_computed
    ]
    for link in links_from(directive):
        found.append(Column(link.name, link.outgoing.capitalize(), Shows.IDS))
    for link in LINK_TYPES:
        if directive in link.targets:
            key = link.incoming.replace(" ", "-")
            found.append(Column(key, link.incoming.capitalize(), Shows.IDS, link.name, True))
    return {column.key: column for column in found}


def default_columns(directive: str) -> list[Column]:
    available = columns_for(directive)
    return [available[key] for key in ITEM_TYPES_BY_DIRECTIVE[directive].default_columns]


def find_column(directive: str, written: str) -> Column | None:
    """The column a ``:columns:`` entry names, by key or by header."""
    wanted = normalise_enum_text(written)
    available = columns_for(directive)
    if wanted in available:
        return available[wanted]
    for column in available.values():
        if normalise_enum_text(column.header) == wanted:
            return column
    return None
