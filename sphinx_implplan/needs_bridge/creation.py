"""Creating a plan item's need from its directive, and what its body holds."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx_needs.api import (
    InvalidNeedException,
    add_need,
    generate_need_id,
)
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.nodes import Need

if TYPE_CHECKING:
    from docutils.statemachine import StringList
    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import SphinxDirective


@dataclass(frozen=True)
class CreatedNeed:
    id: str
    result: list[nodes.Node]
    need_node: nodes.Element

    @property
    def hidden(self) -> bool:
        """sphinx-needs parses no body for a hidden need (``:hide:``)."""
        return bool(self.need_node.get("hidden"))

    def own_body(self) -> list[nodes.Node]:
        """The body as parsed inside the need's node (empty for a hidden need), without
        the needs nested in it: what the item itself says. Copied, so only on demand."""
        return _own_body(self.need_node)


@dataclass(frozen=True)
class IdTaken:
    """sphinx-needs refused the need: another need already has its id."""

    id: str


def create_need(
    directive: SphinxDirective,
    *,
    need_type: str,
    title: str,
    content: StringList,
    lineno: int,
    fields: Mapping[str, Any],
) -> CreatedNeed | IdTaken | str:
    """Create the need; its nodes, or why sphinx-needs refused it."""

    def add(with_fields: Mapping[str, Any]) -> list[nodes.Node]:
        return add_need(
            directive.env.app,
            directive.state,
            directive.env.docname,
            lineno,
            need_type,
            title,
            content=content,
            lineno_content=directive.content_offset + 1,
            **with_fields,
        )

    try:
        created = add(fields)
    except InvalidNeedException as error:
        if error.type != "duplicate_id":
            return str(error.message)
        if "id" in fields:
            return IdTaken(str(fields["id"]))
        # sphinx-needs derives a missing id from the title (or else the body), so two
        # untitled items, or two of one title, would get the same one and the second
        # would be lost: it gets an id from where it stands instead
        located = _located_id(directive, need_type, title, content, lineno)
        try:
            created = add({**fields, "id": located})
        except InvalidNeedException as second_error:
            if second_error.type == "duplicate_id":
                return IdTaken(located)
            return str(second_error.message)
    need_node = next((found for node in created for found in node.findall(Need)), None)
    if need_node is None:
        return "sphinx-needs created no node for it"
    return CreatedNeed(need_node["refid"], created, need_node)


def own_body_of(parsed: nodes.Element) -> list[nodes.Node]:
    """What a body parsed into ``parsed`` says, without the needs nested in it."""
    return _own_body(parsed)


def _own_body(need_node: nodes.Element) -> list[nodes.Node]:
    """Copies of the need's body nodes with the needs nested in them left out."""
    body: list[nodes.Node] = []
    for child in need_node.children:
        if isinstance(child, Need):
            continue
        copy = child.deepcopy()
        for nested in list(copy.findall(Need)):
            nested.parent.remove(nested)
        body.append(copy)
    return body


def id_to_generate(
    directive: SphinxDirective, need_type: str, title: str, content: StringList, lineno: int
) -> str:
    """The id :func:`create_need` gives an item written without one: the id sphinx-needs
    generates, or, where a need of this project already has that, the located one."""
    generated = generate_need_id(directive.env.app, need_type, title, content)
    existing = SphinxNeedsData(directive.env).get_needs_mutable().get(generated)
    if existing is None or existing["is_external"]:
        return generated
    return _located_id(directive, need_type, title, content, lineno)


def _located_id(
    directive: SphinxDirective, need_type: str, title: str, content: StringList, lineno: int
) -> str:
    """The id sphinx-needs generates for the item, made unique by the item's place."""
    generated = generate_need_id(directive.env.app, need_type, title, content)
    place = f"{directive.env.docname}:{lineno}".encode()
    length = directive.config.needs_id_length
    return f"{generated}_{hashlib.sha1(place, usedforsecurity=False).hexdigest().upper()[:length]}"


def update_need(env: BuildEnvironment, need_id: str, fields: Mapping[str, Any]) -> None:
    """Set fields computed once the body is parsed (read phase only)."""
    need = SphinxNeedsData(env).get_needs_mutable()[need_id]
    for key, value in fields.items():
        need[key] = value


def first_paragraph_text(created: CreatedNeed) -> str:
    """The item's description: the first paragraph standing directly in its body (not
    one inside a list, a table or a nested need), as plain text."""
    for child in created.need_node.children:
        if isinstance(child, nodes.paragraph):
            return " ".join(child.astext().split())
    return ""
