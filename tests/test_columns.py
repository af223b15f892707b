"""The columns an ``impl-table`` can show per item type, its default columns, and how a
``:columns:`` entry is matched. No Sphinx build."""

from __future__ import annotations

import pytest

from sphinx_implplan.plan.columns import (
    Column,
    Shows,
    columns_for,
    default_columns,
    find_column,
)
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE


def test_column_field_defaults_to_the_key() -> None:
    assert Column("purpose", "Purpose", Shows.TEXT).field == "purpose"
    assert Column("implemented-by", "Implemented by", Shows.IDS, "implements", True).field == (
        "implements"
    )


def test_unknown_type_has_no_columns() -> None:
    with pytest.raises(KeyError):
        columns_for("req")


def test_every_type_has_default_columns() -> None:
    for directive in ITEM_TYPES_BY_DIRECTIVE:
        columns = default_columns(directive)
        assert columns, directive
        assert all(isinstance(column, Column) for column in columns)


@pytest.mark.parametrize(
    ("directive", "written", "key"),
    [
        # by key, loosely written
        ("impl-component", "purpose", "purpose"),
        ("impl-component", "  PURPOSE ", "purpose"),
        ("impl-component", "verified by", "verified-by"),
        ("impl-component", "Verified_By", "verified-by"),
        # by the header this type shows
        ("impl-component", "Component", "title"),
        ("impl-component", "title", "title"),
        ("impl-risk", "Mitigated by", "mitigated-by"),
        ("impl-phase", "depends on", "depends"),
        ("impl-phase", "Depends", "depends"),
        ("impl-phase", "Required by", "required-by"),
        ("impl-decision", "Rationale", "description"),
        ("impl-decision", "description", "description"),
        ("impl-entity", "relates to", "relates"),
        ("impl-plan", "Plan", "title"),
        ("impl-risk", "Plan", "plan"),
        ("impl-tech", "Technology", "title"),
        # another type's header or option is not this type's column
        ("impl-component", "Rationale", None),
        ("impl-component", "Risk", None),
        ("impl-test", "implements", None),
        # a component implements, nothing implements a component
        ("impl-component", "implemented_by", None),
        ("impl-risk", "", None),
    ],
)
def test_find_column(directive: str, written: str, key: str | None) -> None:
    found = find_column(directive, written)
    assert (found.key if found is not None else None) == key
