"""The columns an ``impl-table`` can show per item type, its default columns, and how a
``:columns:`` entry is matched. No Sphinx build."""

from __future__ import annotations

import pytest

from sphinx_implplan.itemtypes import ITEM_TYPES_BY_DIRECTIVE
from sphinx_implplan.views.columns import (
    Column,
    Shows,
    columns_for,
    default_columns,
    find_column,
)


def _described(directive: str) -> list[tuple[str, str, Shows, str, bool]]:
    return [
        (column.key, column.header, column.shows, column.field, column.incoming)
        for column in columns_for(directive).values()
    ]


def test_component_columns() -> None:
    assert _described("impl-component") == [
        ("id", "ID", Shows.ID, "id", False),
        ("title", "Component", Shows.TITLE, "title", False),
        ("change", "Change", Shows.TEXT, "change", False),
        ("purpose", "Purpose", Shows.TEXT, "purpose", False),
        ("description", "Description", Shows.TEXT, "description", False),
        ("status", "Status", Shows.TEXT, "status", False),
        ("tags", "Tags", Shows.TEXT, "tags", False),
        ("plan", "Plan", Shows.IDS, "plan", False),
        ("implements", "Implements", Shows.IDS, "implements", False),
        ("mitigates", "Mitigates", Shows.IDS, "mitigates", False),
        ("affected-by", "Affected by", Shows.IDS, "affects", True),
        ("verified-by", "Verified by", Shows.IDS, "verifies", True),
    ]


def test_risk_columns() -> None:
    assert _described("impl-risk") == [
        ("id", "ID", Shows.ID, "id", False),
        ("title", "Risk", Shows.TITLE, "title", False),
        ("impact", "Impact", Shows.TEXT, "impact", False),
        ("likelihood", "Likelihood", Shows.TEXT, "likelihood", False),
        ("mitigation", "Mitigation", Shows.TEXT, "mitigation", False),
        ("owner", "Owner", Shows.TEXT, "owner", False),
        ("description", "Description", Shows.TEXT, "description", False),
        ("status", "Status", Shows.TEXT, "status", False),
        ("tags", "Tags", Shows.TEXT, "tags", False),
        ("plan", "Plan", Shows.IDS, "plan", False),
        ("score", "Score", Shows.TEXT, "score", False),
        ("band", "Band", Shows.TEXT, "band", False),
        ("affects", "Affects", Shows.IDS, "affects", False),
        ("mitigated-by", "Mitigated by", Shows.IDS, "mitigates", True),
    ]


def test_phase_columns() -> None:
    assert _described("impl-phase") == [
        ("id", "ID", Shows.ID, "id", False),
        ("title", "Phase", Shows.TITLE, "title", False),
        ("goal", "Goal", Shows.TEXT, "goal", False),
        ("start", "Start", Shows.TEXT, "start", False),
        ("end", "End", Shows.TEXT, "end", False),
        ("duration", "Duration", Shows.DURATION, "duration", False),
        ("description", "Description", Shows.TEXT, "description", False),
        ("status", "Status", Shows.TEXT, "status", False),
        ("tags", "Tags", Shows.TEXT, "tags", False),
        ("plan", "Plan", Shows.IDS, "plan", False),
        ("progress", "Progress", Shows.PROGRESS, "progress", False),
        ("implements", "Implements", Shows.IDS, "implements", False),
        ("mitigates", "Mitigates", Shows.IDS, "mitigates", False),
        ("depends", "Depends on", Shows.IDS, "depends", False),
        ("affected-by", "Affected by", Shows.IDS, "affects", True),
        ("verified-by", "Verified by", Shows.IDS, "verifies", True),
        ("required-by", "Required by", Shows.IDS, "depends", True),
    ]


def test_plan_columns() -> None:
    # a plan belongs to no plan: no plan column
    assert _described("impl-plan") == [
        ("id", "ID", Shows.ID, "id", False),
        ("title", "Plan", Shows.TITLE, "title", False),
        ("spec", "Spec", Shows.DOCS, "spec", False),
        ("updated", "Updated", Shows.TEXT, "updated", False),
        ("owner", "Owner", Shows.TEXT, "owner", False),
        ("version", "Version", Shows.TEXT, "version", False),
        ("description", "Description", Shows.TEXT, "description", False),
        ("status", "Status", Shows.TEXT, "status", False),
        ("tags", "Tags", Shows.TEXT, "tags", False),
    ]


def test_decision_description_is_headed_rationale() -> None:
    columns = columns_for("impl-decision")
    assert columns["description"] == Column("description", "Rationale", Shows.TEXT)
    assert columns["superseded-by"] == Column(
        "superseded-by", "Superseded by", Shows.IDS, "supersedes", True
    )


def test_entity_relation_columns() -> None:
    columns = columns_for("impl-entity")
    assert columns["relates"].header == "Relates to"
    assert columns["related-from"] == Column(
        "related-from", "Related from", Shows.IDS, "relates", True
    )


def test_column_field_defaults_to_the_key() -> None:
    assert Column("purpose", "Purpose", Shows.TEXT).field == "purpose"
    assert Column("implemented-by", "Implemented by", Shows.IDS, "implements", True).field == (
        "implements"
    )


def test_unknown_type_has_no_columns() -> None:
    with pytest.raises(KeyError):
        columns_for("req")


@pytest.mark.parametrize(
    ("directive", "headers"),
    [
        ("impl-plan", ["ID", "Plan", "Status", "Updated"]),
        ("impl-component", ["ID", "Component", "Purpose", "Change", "Implements"]),
        ("impl-entity", ["ID", "Entity", "Fields", "Relates to"]),
        ("impl-endpoint", ["ID", "Method", "Path", "Description", "Implements"]),
        ("impl-phase", ["ID", "Phase", "Goal", "Start", "End", "Progress", "Status"]),
        ("impl-decision", ["ID", "Decision", "Choice", "Rationale", "Status"]),
        (
            "impl-risk",
            ["ID", "Risk", "Impact", "Likelihood", "Score", "Mitigation", "Status"],
        ),
        ("impl-test", ["ID", "Level", "Test", "Verifies"]),
        ("impl-rollout", ["Stage", "Rollout", "Audience"]),
        ("impl-metric", ["ID", "Metric", "Target", "Baseline", "Measures"]),
        ("impl-tech", ["Layer", "Technology", "Version", "Purpose"]),
        ("impl-consideration", ["ID", "Kind", "Consideration"]),
        ("impl-change", ["Date", "Change"]),
    ],
)
def test_default_columns(directive: str, headers: list[str]) -> None:
    assert [column.header for column in default_columns(directive)] == headers


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
