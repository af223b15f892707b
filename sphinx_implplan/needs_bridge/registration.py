"""The item types, fields and link types added to sphinx-needs at ``config-inited``,
the fields of the project's own that the extension leaves alone, and the id rule that
lets the contract's short ids through."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sphinx_needs.api import (
    add_field,
    add_need_type,
    get_need_types,
)
from sphinx_needs.data import NeedsCoreFields, SphinxNeedsData

from sphinx_implplan.diagnostics import Subtype, warn
from sphinx_implplan.needs_bridge.purge import purge_documents_before_reading
from sphinx_implplan.plan.itemtypes import (
    COMPUTED_FIELDS,
    ITEM_TYPES,
    LINK_TYPES,
    NEEDS_BUILTIN_FIELDS,
    OPTION_FIELDS,
)
from sphinx_implplan.plan.stored_forms import STORED_TYPES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def setup_sphinx_needs(app: Sphinx) -> None:
    # first: sphinx-needs' own setup clears its registry of types and fields
    app.setup_extension("sphinx_needs")
    purge_documents_before_reading(app)


#: sphinx-needs' default id rule needs five characters, which refuses short ids such
#: as ``PH_1``, and no hyphen, which refuses spec-kit's ``FR-001``; the extension's
#: rule takes both (a project that sets ``needs_id_regex`` keeps its own)
SPHINX_NEEDS_DEFAULT_ID_REGEX = "^[A-Z0-9_]{5,}"
IMPLPLAN_ID_REGEX = "^[A-Z0-9_][A-Z0-9_-]{2,}"


def _schema(json_type: str) -> dict[str, Any]:
    if json_type == "array":
        return {"type": "array", "items": {"type": "string"}}
    return {"type": json_type}


#: the schema of every field the extension registers (sphinx-needs' own ``duration``,
#: which holds a phase's ``:duration:``, is never registered again), by name
OWN_SCHEMAS = {name: _schema(STORED_TYPES[name]) for name in (*OPTION_FIELDS, *COMPUTED_FIELDS)}

#: what each JSON type of the extension's fields holds, as a warning says it
_HOLDS = {"string": "text", "integer": "a whole number", "array": "a list of text"}

#: what goes without each computed field when the project's field of its name is kept
_WITHOUT_COMPUTED = {
    "plan": "no item belongs to a plan in the views, the cards and the report",
    "score": "risks get no score",
    "band": "risks get no band, and none is warned about as unmitigated",
    "deliverables_done": "phases show no count of their deliverables",
    "deliverables_total": "phases show no count of their deliverables",
    "result": "tests get no result in sphinx-needs' tables and filters",
}


def _project_field_entries(config: Config) -> dict[str, tuple[str, Mapping[str, Any]]]:
    """The project's own field definitions, by name: where each is declared and its
    entry (``needs_fields`` wins over ``needs_extra_options``, as in sphinx-needs)."""
    entries: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for option in getattr(config, "needs_extra_options", None) or ():
        if isinstance(option, str):
            entries[option] = ("needs_extra_options", {})
        elif isinstance(option, Mapping) and isinstance(option.get("name"), str):
            entries[option["name"]] = ("needs_extra_options", option)
    fields = getattr(config, "needs_fields", None)
    if isinstance(fields, Mapping):
        for name, entry in fields.items():
            if isinstance(name, str) and isinstance(entry, Mapping):
                entries[name] = ("needs_fields", entry)
    return entries


def _form_refused(entry: Mapping[str, Any], ours: Mapping[str, Any]) -> str | None:
    """What the project's field is, where it cannot hold the extension's values."""
    if entry.get("derive") is not None or entry.get("derive_by_type") is not None:
        return "a field sphinx-needs derives"
    schema = entry.get("schema")
    schema = schema if isinstance(schema, Mapping) else {}
    # sphinx-needs' default for a field without a schema: text
    theirs = schema.get("type", "string")
    if theirs == ours["type"] or (theirs == "number" and ours["type"] == "integer"):
        items = schema.get("items")
        item_type = items.get("type", "string") if isinstance(items, Mapping) else "string"
        if theirs != "array" or item_type == "string":
            return None
        return f"a list of {item_type!r}"
    return repr(theirs)


def project_owned_fields(config: Config) -> frozenset[str]:
    """The extension's field names that the project defines in a form that cannot hold
    what the extension stores there: the project's, neither filled nor read by the
    extension (an option of that name is passed on to it as written)."""
    entries = _project_field_entries(config)
    return frozenset(
        name
        for name in entries.keys() & OWN_SCHEMAS.keys()
        if _form_refused(entries[name][1], OWN_SCHEMAS[name]) is not None
    )


def _warn_about_owned_fields(config: Config) -> None:
    entries = _project_field_entries(config)
    for name in sorted(entries.keys() & OWN_SCHEMAS.keys()):
        source, entry = entries[name]
        theirs = _form_refused(entry, OWN_SCHEMAS[name])
        if theirs is None:
            continue
        without = _WITHOUT_COMPUTED.get(name, f":{name}: is passed on to it as written")
        warn(
            Subtype.CONFIG,
            f"{source} defines the field {name!r} as {theirs}, which cannot hold what "
            f"sphinx-implplan stores there ({_HOLDS[OWN_SCHEMAS[name]['type']]}); the "
            "project's field is kept as it is, and sphinx-implplan neither fills nor "
            f"reads it: {without}",
            None,
        )


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
    _warn_about_owned_fields(config)
    for name, schema in OWN_SCHEMAS.items():
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
    elif (problem := _id_rule_problem(config.needs_id_regex)) is not None:
        warn(
            Subtype.CONFIG,
            f"needs_id_regex = {config.needs_id_regex!r} is not a valid regular "
            f"expression ({problem}); ids are checked by sphinx-implplan's own rule "
            f"{IMPLPLAN_ID_REGEX!r} instead",
            None,
        )
        config.needs_id_regex = IMPLPLAN_ID_REGEX


def _id_rule_problem(rule: Any) -> str | None:
    """Why sphinx-needs could not match ids against ``rule``; ``None`` for a rule it
    can use (an empty one checks nothing)."""
    if not rule or isinstance(rule, re.Pattern):
        return None
    if not isinstance(rule, str):
        return f"it is {type(rule).__name__}, not text"
    try:
        re.compile(rule)
    except re.error as error:
        return str(error)
    return None


def id_follows_rule(config: Config, need_id: str) -> bool:
    """Whether ``need_id`` matches the project's ``needs_id_regex`` as sphinx-needs
    checks it (from the start, and any id where the rule is empty)."""
    rule = config.needs_id_regex
    return not rule or re.match(rule, need_id) is not None


def project_options_for_type(env: BuildEnvironment, need_type: str) -> frozenset[str]:
    """The options of a type that belong to the project's own fields and link types,
    passed on as written. The extension's own fields and sphinx-needs' ``duration``
    and ``completion`` are left out: each belongs to one item type (or is computed),
    so elsewhere it is an unknown option rather than a value passed on unchecked."""
    schema = SphinxNeedsData(env).get_schema().for_type(need_type)
    ours = (set(OPTION_FIELDS) | set(COMPUTED_FIELDS)) - _project_field_names(env.config)
    fields = set(schema.iter_extra_field_names()) - ours - NEEDS_BUILTIN_FIELDS
    return frozenset(fields | set(schema.iter_link_field_names()))
