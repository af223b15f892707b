"""Reading needs: sphinx-needs' items as mappings, their links, the read and the
write phase's views of them, and the events where they may still change."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx_needs.api import get_need_types
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.nodes import Need

from sphinx_implplan.plan.fingerprints import FingerprintFields

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: one need as the extension reads it: sphinx-needs' item behaves as a mapping
NeedData = Mapping[str, Any]
MutableNeeds = MutableMapping[str, Any]


def resolve_link_target(
    needs: Mapping[str, NeedData], target_id: str
) -> tuple[str, NeedData | None]:
    """The id of the need a link names and that need; ``ID.part`` names a part of
    need ``ID``, as in sphinx-needs."""
    if target_id in needs:
        return target_id, needs[target_id]
    base = target_id.partition(".")[0]
    return base, needs.get(base)


def connect_post_processing(
    app: Sphinx, handler: Callable[[Sphinx, MutableNeeds], None], priority: int = 500
) -> None:
    """Call ``handler`` with every need once all documents are read, before
    sphinx-needs applies ``needextend`` and builds back-links."""
    app.connect("needs-before-post-processing", handler, priority=priority)


def connect_sealing(
    app: Sphinx, handler: Callable[[Sphinx, MutableNeeds], None], priority: int = 500
) -> None:
    """Call ``handler`` with every need once sphinx-needs has resolved them (back-links,
    ``needextend``), the moment before they are frozen for the write phase."""
    app.connect("needs-before-sealing", handler, priority=priority)


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


#: link types sphinx-needs fills itself: a need nested in another's body names it
_DERIVED_LINKS = frozenset({"parent_needs"})


def fingerprint_fields(env: BuildEnvironment) -> FingerprintFields:
    """The fields of the project a need's fingerprint reads: every extra field (the
    project's, other extensions', the extension's options) and every link type an
    author writes; sphinx-needs' core fields of layout and style are left out."""
    schema = SphinxNeedsData(env).get_schema()
    return FingerprintFields(
        fields=tuple(sorted(schema.iter_extra_field_names())),
        links=tuple(
            sorted(name for name in schema.iter_link_field_names() if name not in _DERIVED_LINKS)
        ),
    )


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


def need_type_names(app: Sphinx) -> frozenset[str]:
    """The directive names of every need type: the project's, those other extensions
    add, and the extension's own. Complete from ``builder-inited`` on."""
    return frozenset(get_need_types(app))


def extends_by_location(env: BuildEnvironment) -> dict[tuple[str, int | None], frozenset[str]]:
    """Every ``needextend`` of the project, by its document and line: the fields and
    links it sets."""
    found: dict[tuple[str, int | None], frozenset[str]] = {}
    for extend in SphinxNeedsData(env).get_or_create_extends().values():
        names = {str(name) for name, _kind, _value in extend.get("modifications") or ()}
        names |= {str(name) for name, _kind, _value in extend.get("list_modifications") or ()}
        found[(extend["docname"], extend.get("lineno"))] = frozenset(names)
    return found


def extend_targets_by_document(env: BuildEnvironment) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per document, each of its ``needextend`` directives as the id it names (``*``
    for a filter, which may pick any need) and what it sets, in words; sorted, so that
    two builds of the same sources compare equal."""
    found: dict[str, set[tuple[str, str]]] = {}
    for extend in SphinxNeedsData(env).get_or_create_extends().values():
        target = str(extend["filter"]) if extend.get("filter_is_id") else "*"
        sets = repr(
            (
                extend.get("filter"),
                extend.get("extend_priority"),
                extend.get("modifications"),
                extend.get("list_modifications"),
            )
        )
        found.setdefault(extend["docname"], set()).add((target, sets))
    return {docname: tuple(sorted(extends)) for docname, extends in found.items()}


def modification_locations(need: NeedData) -> tuple[tuple[str, int | None], ...]:
    """Where the ``needextend`` directives that changed ``need`` stand, in the order
    sphinx-needs applied them."""
    modifications = getattr(need, "modifications", ())
    return tuple((str(change.docname), change.lineno) for change in modifications)
