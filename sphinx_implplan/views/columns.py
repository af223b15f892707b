"""The columns an ``impl-table`` can show for each item type, and the defaults of the
contract (the seed template's tables). No Sphinx imports.

A column is named by a key (``purpose``, ``implemented-by``, ``title``); in
``:columns:`` the key or the header the column shows for that type (``Component``,
``Rationale``) may be written, matched like enumerated values.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sphinx_implplan.itemtypes import ITEM_TYPES_BY_DIRECTIVE, LINK_TYPES, links_from
from sphinx_implplan.values import normalise_enum_text


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


#: the word each type's title column is headed with
TITLE_HEADERS = {
    "impl-plan": "Plan",
    "impl-component": "Component",
    "impl-entity": "Entity",
    "impl-endpoint": "Endpoint",
    "impl-phase": "Phase",
    "impl-decision": "Decision",
    "impl-risk": "Risk",
    "impl-test": "Test",
    "impl-rollout": "Rollout",
    "impl-metric": "Metric",
    "impl-tech": "Technology",
    "impl-consideration": "Consideration",
    "impl-change": "Change",
}

DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "impl-component": ("id", "title", "purpose", "change", "implements"),
    "impl-decision": ("id", "title", "choice", "description", "status"),
    "impl-risk": ("id", "title", "impact", "likelihood", "score", "mitigation", "status"),
    "impl-metric": ("id", "title", "target", "baseline", "measures"),
    "impl-endpoint": ("id", "method", "path", "description", "implements"),
    "impl-tech": ("layer", "title", "version", "purpose"),
    "impl-test": ("id", "level", "title", "verifies"),
    "impl-rollout": ("stage", "title", "audience"),
    "impl-change": ("date", "title"),
    "impl-entity": ("id", "title", "fields", "relates"),
    "impl-phase": ("id", "title", "goal", "start", "end", "progress", "status"),
    "impl-consideration": ("id", "kind", "title"),
    "impl-plan": ("id", "title", "status", "updated"),
}

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


def _header(key: str) -> str:
    return _HEADERS.get(key, key.replace("-", " ").capitalize())


def columns_for(directive: str) -> dict[str, Column]:
    """Every column of one type, by key, in a stable order."""
    item_type = ITEM_TYPES_BY_DIRECTIVE[directive]
    found: list[Column] = [
        Column("id", "ID", Shows.ID),
        Column("title", TITLE_HEADERS[directive], Shows.TITLE),
    ]
    for name in item_type.options:
        if name == "duration":
            found.append(Column(name, "Duration", Shows.DURATION))
        elif name == "spec":
            found.append(Column(name, "Spec", Shows.DOCS))
        else:
            found.append(Column(name, _header(name), Shows.TEXT))
    found.append(
        Column(
            "description",
            "Rationale" if directive == "impl-decision" else "Description",
            Shows.TEXT,
        )
    )
    found += [Column("status", "Status", Shows.TEXT), Column("tags", "Tags", Shows.TEXT)]
    if directive != "impl-plan":
        found.append(Column("plan", "Plan", Shows.IDS))
    if directive == "impl-risk":
        found += [Column("score", "Score", Shows.TEXT), Column("band", "Band", Shows.TEXT)]
    if directive == "impl-phase":
        found.append(Column("progress", "Progress", Shows.PROGRESS))
    for link in links_from(directive):
        found.append(Column(link.name, link.outgoing.capitalize(), Shows.IDS))
    for link in LINK_TYPES:
        if directive in link.targets:
            key = link.incoming.replace(" ", "-")
            found.append(Column(key, link.incoming.capitalize(), Shows.IDS, link.name, True))
    return {column.key: column for column in found}


def default_columns(directive: str) -> list[Column]:
    available = columns_for(directive)
    return [available[key] for key in DEFAULT_COLUMNS[directive]]


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
