"""The item types, fields and link types added to sphinx-needs at ``config-inited``,
and the id rule that lets the contract's short ids through."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sphinx_needs.api import (
    add_field,
    add_need_type,
    get_need_types,
)
from sphinx_needs.data import NeedsCoreFields, SphinxNeedsData

from sphinx_implplan.needs_bridge.purge import purge_documents_before_reading
from sphinx_implplan.plan.itemtypes import (
    COMPUTED_FIELDS,
    ITEM_TYPES,
    LINK_TYPES,
    NEEDS_BUILTIN_FIELDS,
    OPTION_FIELDS,
    Kind,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def setup_sphinx_needs(app: Sphinx) -> None:
    # first: sphinx-needs' own setup clears its registry of types and fields
    app.setup_extension("sphinx_needs")
    purge_documents_before_reading(app)


#: sphinx-needs' default id rule needs five characters, which refuses the contract's
#: own ids such as ``PH_1``; a project that sets ``needs_id_regex`` keeps its rule
SPHINX_NEEDS_DEFAULT_ID_REGEX = "^[A-Z0-9_]{5,}"
IMPLPLAN_ID_REGEX = "^[A-Z0-9_]{3,}"

_FIELD_SCHEMAS: dict[Kind, dict[str, Any]] = {
    Kind.TEXT_LIST: {"type": "array", "items": {"type": "string"}},
    Kind.DOCS: {"type": "array", "items": {"type": "string"}},
    Kind.STAGE: {"type": "integer"},
    # whole days, like sphinx-needs' own ``duration`` (which is never registered again)
    Kind.DURATION: {"type": "integer"},
}


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
