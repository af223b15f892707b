"""Everything the extension asks of sphinx-needs: the only module importing ``sphinx_needs``.

sphinx-needs' API has changed shape across releases; keeping every call here means
a new release is met in one file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx_needs.api import (
    InvalidNeedException,
    add_field,
    add_need,
    add_need_type,
    generate_need_id,
    get_need_types,
)
from sphinx_needs.data import NeedsCoreFields, SphinxNeedsData
from sphinx_needs.directives.need import purge_needs
from sphinx_needs.nodes import Need

from sphinx_implplan.itemtypes import (
    COMPUTED_FIELDS,
    ITEM_TYPES,
    LINK_TYPES,
    NEEDS_BUILTIN_FIELDS,
    OPTION_FIELDS,
    Kind,
)

if TYPE_CHECKING:
    from docutils.statemachine import StringList
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import SphinxDirective

#: one need as the extension reads it: sphinx-needs' item behaves as a mapping
NeedData = Mapping[str, Any]
MutableNeeds = MutableMapping[str, Any]

#: sphinx-needs' default id rule needs five characters, which refuses the contract's
#: own ids such as ``PH_1``; a project that sets ``needs_id_regex`` keeps its rule
SPHINX_NEEDS_DEFAULT_ID_REGEX = "^[A-Z0-9_]{5,}"
IMPLPLAN_ID_REGEX = "^[A-Z0-9_]{3,}"

_FIELD_SCHEMAS: dict[Kind, dict[str, Any]] = {
    Kind.TEXT_LIST: {"type": "array", "items": {"type": "string"}},
    Kind.DOCS: {"type": "array", "items": {"type": "string"}},
    Kind.STAGE: {"type": "integer"},
}


def setup_sphinx_needs(app: Sphinx) -> None:
    # first: sphinx-needs' own setup clears its registry of types and fields
    app.setup_extension("sphinx_needs")
    _purge_documents_before_reading(app)


def _purge_documents_before_reading(app: Sphinx) -> None:
    """sphinx-needs forgets a document by scanning every need for the document's,
    and a serial read asks it to just before reading each document. Each document
    then scans all the needs read before it, so a clean build's read grew with the
    square of the project (5.7 s of a 60 s build at 5,000 requirements). Instead,
    sphinx-needs' own purge runs for every document to be read before the first is
    read, as Sphinx does itself for a parallel read, and not again as each is read.
    That also keeps an item moved to a document read earlier from meeting its old
    self, still held by the document it left."""
    purged: set[str] = set()

    def purge_documents_to_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        purged.clear()
        if SphinxNeedsData(env).needs_is_post_processed:
            return  # a build of the same process that ended early left them frozen
        for docname in docnames:
            purge_needs(app, env, docname)
        purged.update(docnames)

    def purge_unless_purged(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        # once: Sphinx also purges a removed document, before the next read
        if docname in purged:
            purged.discard(docname)
        else:
            purge_needs(app, env, docname)

    # last, once every handler has added the documents it wants read
    app.connect("env-before-read-docs", purge_documents_to_read, priority=900)
    for listener in list(app.events.listeners.get("env-purge-doc", ())):
        if listener.handler is purge_needs:
            app.disconnect(listener.id)
            app.connect("env-purge-doc", purge_unless_purged, priority=listener.priority)


def _project_field_names(config: Config) -> set[str]:
    names = set(NeedsCoreFields)
    fields = getattr(config, "needs_fields", None)
    if isinstance(fields, Mapping):
        names.update(name for name in fields if isinstance(name, str))
    for option in getattr(config, "needs_extra_options", None) or ():
        if isinstance(option, str):
            names.add(option)
        elif isinstance(option, Mapping) and isinstance(option.get("name"), str):
            names.add(option["name"])
    return names


def _project_link_names(config: Config) -> set[str]:
    names = {"links", "parent_needs"}
    links = getattr(config, "needs_links", None)
    if isinstance(links, Mapping):
        names.update(name for name in links if isinstance(name, str))
    for link in getattr(config, "needs_extra_links", None) or ():
        if isinstance(link, Mapping) and isinstance(link.get("option"), str):
            names.add(link["option"])
    return names


def register_needs_model(app: Sphinx, config: Config) -> None:
    """Add the item types, fields and link types the project does not define itself.

    Runs in ``config-inited`` after sphinx-needs has resolved the configured types
    (its priority 12) and before it loads the configured fields (500), so that a
    project's own ``owner`` field or ``impl-risk`` type wins without a warning.
    """
    existing_types = set(get_need_types(app))
    for item_type in ITEM_TYPES:
        if item_type.directive not in existing_types:
            add_need_type(
                app, item_type.directive, item_type.title, item_type.prefix, item_type.color
            )

    project_links = _project_link_names(config)
    taken = _project_field_names(config) | project_links | NEEDS_BUILTIN_FIELDS
    schemas: dict[str, dict[str, Any]] = {
        **{
            name: _FIELD_SCHEMAS.get(kind, {"type": "string"})
            for name, kind in OPTION_FIELDS.items()
        },
        **{name: {"type": json_type} for name, json_type in COMPUTED_FIELDS.items()},
    }
    for name, schema in schemas.items():
        if name in taken:
            continue
        # nothing of a document is ever evaluated: no dynamic functions, no variants
        add_field(
            name,
            f"sphinx-implplan field {name}",
            schema=schema,  # type: ignore[arg-type]
            nullable=True,
            parse_dynamic_functions=False,
            parse_variants=False,
        )

    ours = {
        link.name: {
            "outgoing": link.outgoing,
            "incoming": link.incoming,
            # dead and mistyped links are reported by sphinx-implplan at the item
            "allow_dead_links": True,
            "parse_conditions": False,
            "parse_dynamic_functions": False,
            "parse_variants": False,
        }
        for link in LINK_TYPES
        if link.name not in project_links
    }
    # a new dict: the default value object is never changed in place
    config.needs_links = {**(config.needs_links or {}), **ours}

    if config.needs_id_regex == SPHINX_NEEDS_DEFAULT_ID_REGEX:
        config.needs_id_regex = IMPLPLAN_ID_REGEX


def project_options_for_type(env: BuildEnvironment, need_type: str) -> frozenset[str]:
    """The options of a type that belong to the project's own fields and link types,
    passed on as written. The extension's own fields and sphinx-needs' ``duration``
    and ``completion`` are left out: each belongs to one item type (or is computed),
    so elsewhere it is an unknown option rather than a value passed on unchecked."""
    schema = SphinxNeedsData(env).get_schema().for_type(need_type)
    ours = (set(OPTION_FIELDS) | set(COMPUTED_FIELDS)) - _project_field_names(env.config)
    fields = set(schema.iter_extra_field_names()) - ours - NEEDS_BUILTIN_FIELDS
    return frozenset(fields | set(schema.iter_link_field_names()))


def resolve_link_target(
    needs: Mapping[str, NeedData], target_id: str
) -> tuple[str, NeedData | None]:
    """The id of the need a link names and that need; ``ID.part`` names a part of
    need ``ID``, as in sphinx-needs."""
    if target_id in needs:
        return target_id, needs[target_id]
    base = target_id.partition(".")[0]
    return base, needs.get(base)


@dataclass(frozen=True)
class CreatedNeed:
    id: str
    result: list[nodes.Node]
    need_node: nodes.Element

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


@dataclass(frozen=True)
class DroppedNeed:
    id: str
    type: str
    docname: str
    lineno: int | None


def _read_order(need: NeedData) -> tuple[str, int]:
    return (need["docname"] or "", need.get("lineno") or 0)


def drop_parallel_duplicates(
    env: BuildEnvironment,
    other: BuildEnvironment,
    docnames: frozenset[str],
    types: frozenset[str],
) -> list[DroppedNeed]:
    """Before sphinx-needs merges what a parallel reader read (``docnames``, into
    ``other``): of two needs of ``types`` with one id, keep the one a serial read
    keeps, the first in document order, and take the other out of both sides.

    sphinx-needs keeps whichever reader finished first, so the kept item, its
    page and the warning would change from one ``-j`` build to the next.
    """
    held_data, other_data = SphinxNeedsData(env), SphinxNeedsData(other)
    held = cast("dict[str, NeedData]", held_data._env_needs)
    incoming = cast("dict[str, NeedData]", other_data._env_needs)
    held_nodes, incoming_nodes = held_data._needs_all_nodes, other_data._needs_all_nodes
    dropped: list[DroppedNeed] = []
    for need_id in sorted(held.keys() & incoming.keys()):
        first, second = held[need_id], incoming[need_id]
        # a need the reader inherited from this environment is the same need
        if second["docname"] not in docnames or second["docname"] == first["docname"]:
            continue
        if first["type"] not in types or second["type"] not in types:
            continue
        if first["is_external"] or second["is_external"]:
            continue
        if _read_order(second) < _read_order(first):
            held[need_id] = second
            held_nodes.pop(need_id, None)
            if need_id in incoming_nodes:
                held_nodes[need_id] = incoming_nodes[need_id]
            first, second = second, first
        del incoming[need_id]
        incoming_nodes.pop(need_id, None)
        dropped.append(
            DroppedNeed(need_id, second["type"], second["docname"] or "", second.get("lineno"))
        )
    return dropped


def connect_post_processing(app: Sphinx, handler: Callable[[Sphinx, MutableNeeds], None]) -> None:
    """Call ``handler`` with every need once all documents are read, before
    sphinx-needs builds back-links: the last moment needs may change."""
    app.connect("needs-before-post-processing", handler)


def connect_sealing(app: Sphinx, handler: Callable[[Sphinx, MutableNeeds], None]) -> None:
    """Call ``handler`` with every need once sphinx-needs has resolved them (back-links,
    ``needextend``), the moment before they are frozen for the write phase."""
    app.connect("needs-before-sealing", handler)


def needs_as_read(env: BuildEnvironment) -> Mapping[str, NeedData]:
    """Every need as the read phase left it (at ``env-get-updated``)."""
    data = SphinxNeedsData(env)
    if data.needs_is_post_processed:
        # a build of the same process that ended early left them frozen
        return cast("Mapping[str, NeedData]", data.get_needs_view())
    return cast("Mapping[str, NeedData]", data.get_needs_mutable())


def flat_fields(need: Mapping[str, Any]) -> Mapping[str, Any]:
    """Every field of ``need`` in a plain dict, for reading many of them: each lookup
    on a sphinx-needs item searches several namespaces, and the freshness check and
    the corpus read some fifty fields of every need in every build."""
    flatten = getattr(need, "filter_context", None)
    return cast("Mapping[str, Any]", flatten()) if callable(flatten) else need


def link_names(env: BuildEnvironment) -> list[str]:
    """Every link type of the project, sphinx-needs' own ``links`` included."""
    return list(SphinxNeedsData(env).get_schema().iter_link_field_names())


def needs_view(app: Sphinx) -> Mapping[str, NeedData]:
    """Every need, resolved and read-only (write phase)."""
    return cast("Mapping[str, NeedData]", SphinxNeedsData(app.env).get_needs_view())


def need_nodes(doctree: nodes.Node) -> Iterator[nodes.Element]:
    yield from list(doctree.findall(Need))


def links_of(need: NeedData, link_type: str) -> list[str]:
    value = need.get(link_type)
    return [str(target) for target in value] if isinstance(value, list) else []


def backlinks_of(need: NeedData, link_type: str) -> list[str]:
    return links_of(need, f"{link_type}_back")


def link_titles(app: Sphinx) -> list[tuple[str, str, str]]:
    """(name, outgoing title, incoming title) of every link type, in schema order."""
    schema = SphinxNeedsData(app.env).get_schema()
    return [
        (link.name, link.display.outgoing, link.display.incoming)
        for link in schema.iter_link_fields()
    ]
