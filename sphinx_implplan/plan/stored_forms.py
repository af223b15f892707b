"""The form each field the extension fills is stored in, and the one reading of an
option's text into that form. No Sphinx imports.

sphinx-needs checks every value against its field's schema, so these are the schemas
the extension registers. A field the project defines itself in another form is the
project's: the extension never fills it, and never reads a value of another form.
The directive reads its options with :func:`parse_option`; a value that reaches an
item another way (``needextend``, ``needimport``) goes through :func:`stored_value`,
which also takes the stored form itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType
from typing import Any, Final

from sphinx_implplan.plan.case_patterns import parse_case_patterns
from sphinx_implplan.plan.itemtypes import (
    COMPUTED_FIELDS,
    NEEDS_BUILTIN_FIELDS,
    OPTION_FIELDS,
    Kind,
)
from sphinx_implplan.plan.requirement_entries import parse_requirement_entries
from sphinx_implplan.plan.values import (
    CHANGES,
    KINDS,
    LAYERS,
    TEST_LEVELS,
    InvalidValue,
    parse_date,
    parse_duration,
    parse_enum,
    parse_method,
    parse_positive_integer,
    parse_text_list,
)

#: the JSON type each kind of option is stored as; every other kind is text. A duration
#: is whole days, like sphinx-needs' own ``duration`` field, which holds it
KIND_JSON_TYPES: Final = MappingProxyType(
    {
        Kind.TEXT_LIST: "array",
        Kind.DOCS: "array",
        Kind.REQUIREMENTS: "array",
        Kind.CASES: "array",
        Kind.STAGE: "integer",
        Kind.DURATION: "integer",
    }
)

#: the JSON type of every field the extension fills: its options, the fields it
#: computes, and sphinx-needs' own ``duration`` and ``completion`` (whole numbers)
STORED_TYPES: Final = MappingProxyType(
    {
        **dict.fromkeys(NEEDS_BUILTIN_FIELDS, "integer"),
        **{name: KIND_JSON_TYPES.get(kind, "string") for name, kind in OPTION_FIELDS.items()},
        **COMPUTED_FIELDS,
    }
)


def has_stored_form(name: str, value: Any) -> bool:
    """Whether ``value`` has the form the extension stores in field ``name`` (any value
    for a field that is not one it fills)."""
    match STORED_TYPES.get(name):
        case "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        case "array":
            return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        case "string":
            return isinstance(value, str)
    return True


#: the enumerated kinds whose allowed values are fixed (levels are configured)
FIXED_ENUMS: Final = MappingProxyType(
    {Kind.CHANGE: CHANGES, Kind.TEST_LEVEL: TEST_LEVELS, Kind.LAYER: LAYERS, Kind.KIND: KINDS}
)


def parse_option(kind: Kind, raw: str, levels: Sequence[str]) -> Any:
    """An option's text in the form the extension stores, or :class:`InvalidValue`
    saying why not. Documents (``Kind.DOCS``) are read where the document is known."""
    match kind:
        case Kind.TEXT:
            return raw.strip()
        case Kind.TEXT_LIST | Kind.DOCS:
            return parse_text_list(raw)
        case Kind.DATE:
            return parse_date(raw).isoformat()
        case Kind.DURATION:
            return parse_duration(raw)
        case Kind.LEVEL:
            return parse_enum(raw, tuple(levels), "level")
        case Kind.METHOD:
            return parse_method(raw)
        case Kind.STAGE:
            return parse_positive_integer(raw, "stage")
        case Kind.REQUIREMENTS:
            entries, problems = parse_requirement_entries(raw)
            if problems:
                raise InvalidValue("; ".join(problems))
            return entries
        case Kind.CASES:
            return parse_case_patterns(raw)
    return parse_enum(raw, FIXED_ENUMS[kind], kind.value)


def stored_value(kind: Kind, value: Any, levels: Sequence[str]) -> Any:
    """A value given to an item some other way than its directive, in the stored form
    (``None`` for an empty one): from its text, or kept when it is the stored form."""
    if value is None or value in ("", []):
        return None
    if kind in (Kind.TEXT_LIST, Kind.DOCS) and isinstance(value, list | tuple):
        if all(isinstance(entry, str) for entry in value):
            return [entry.strip() for entry in value if entry.strip()]
        raise InvalidValue(f"{value!r} is not a list of texts")
    if kind is Kind.CASES and isinstance(value, list | tuple):
        if all(isinstance(entry, str) for entry in value):
            # each entry read on its own, as one line of the option's text
            return parse_case_patterns("\n".join(value))
        raise InvalidValue(f"{value!r} is not a list of texts")
    if kind is Kind.REQUIREMENTS and isinstance(value, list | tuple):
        if all(isinstance(entry, str) for entry in value):
            # read as the directive reads its text, entry by entry
            value = ", ".join(value)
        else:
            raise InvalidValue(f"{value!r} is not a list of texts")
    if kind in (Kind.DURATION, Kind.STAGE) and isinstance(value, int) and value is not True:
        # a whole number of days or a stage number: read as its text would be
        value = f"{value}d" if kind is Kind.DURATION else str(value)
    if not isinstance(value, str):
        raise InvalidValue(f"{value!r} is not text")
    return parse_option(kind, value, levels)
