"""The item and link type tables against the guide's Directives and Links pages, written out by hand."""

from __future__ import annotations

import pytest

from sphinx_implplan.plan.itemtypes import (
    COMPUTED_FIELDS,
    ITEM_TYPES,
    ITEM_TYPES_BY_DIRECTIVE,
    LINK_TYPES_BY_NAME,
    Kind,
    links_from,
    option_fields,
)

# The guide's directive pages: directive -> prefix and own options with their
# value forms (section 3), in the table's order. "ids" options are link types.
DIRECTIVES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "impl-plan": (
        "PLAN_",
        [
            ("spec", "docs"),
            ("requirements", "requirement entries"),
            ("updated", "date"),
            ("owner", "text"),
            ("version", "text"),
        ],
    ),
    "impl-component": ("CMP_", [("change", "change"), ("purpose", "text")]),
    "impl-entity": ("ENT_", [("relates", "ids"), ("fields", "text list")]),
    "impl-endpoint": ("API_", [("method", "method"), ("path", "text")]),
    "impl-phase": (
        "PH_",
        [
            ("goal", "text"),
            ("start", "date"),
            ("end", "date"),
            ("duration", "duration"),
            ("depends", "ids"),
        ],
    ),
    "impl-decision": (
        "DEC_",
        [("choice", "text"), ("alternatives", "text list"), ("supersedes", "ids")],
    ),
    "impl-risk": (
        "RISK_",
        [("impact", "level"), ("likelihood", "level"), ("mitigation", "text"), ("owner", "text")],
    ),
    "impl-test": ("TEST_", [("level", "test level"), ("cases", "test case patterns")]),
    "impl-rollout": ("RO_", [("stage", "positive integer"), ("audience", "text")]),
    "impl-metric": ("MET_", [("target", "text"), ("baseline", "text")]),
    "impl-tech": ("TECH_", [("layer", "layer"), ("version", "text"), ("purpose", "text")]),
    "impl-consideration": ("CON_", [("kind", "kind")]),
    "impl-change": ("CHG_", [("date", "date")]),
}

# the contract's value forms and the parser kind that reads each
FORMS = {
    "text": Kind.TEXT,
    "text list": Kind.TEXT_LIST,
    "date": Kind.DATE,
    "duration": Kind.DURATION,
    "level": Kind.LEVEL,
    "change": Kind.CHANGE,
    "method": Kind.METHOD,
    "test level": Kind.TEST_LEVEL,
    "layer": Kind.LAYER,
    "kind": Kind.KIND,
    "positive integer": Kind.STAGE,
    "docs": Kind.DOCS,
    "requirement entries": Kind.REQUIREMENTS,
    "test case patterns": Kind.CASES,
}

# The guide's Links page: option -> outgoing, incoming, from, to
LINKS: dict[str, tuple[str, str, set[str], set[str]]] = {
    "implements": (
        "implements",
        "implemented by",
        {"component", "entity", "endpoint", "phase", "rollout", "tech"},
        {"requirement"},
    ),
    "addresses": ("addresses", "addressed by", {"decision", "consideration"}, {"requirement"}),
    "affects": (
        "affects",
        "affected by",
        {"risk"},
        {"requirement", "phase", "component", "endpoint"},
    ),
    "mitigates": (
        "mitigates",
        "mitigated by",
        {"phase", "decision", "component", "test"},
        {"risk"},
    ),
    "verifies": (
        "verifies",
        "verified by",
        {"test"},
        {"requirement", "component", "endpoint", "phase"},
    ),
    "measures": ("measures", "measured by", {"metric"}, {"requirement"}),
    "depends": ("depends on", "required by", {"phase"}, {"phase"}),
    "supersedes": ("supersedes", "superseded by", {"decision"}, {"decision"}),
    "relates": ("relates to", "related from", {"entity"}, {"entity"}),
}

# The guide's Values page: statuses per type and the default when absent
STATUSES: dict[str, tuple[tuple[str, ...] | None, str | None]] = {
    "impl-plan": (("draft", "in-progress", "complete"), "draft"),
    "impl-phase": (("planned", "in-progress", "done", "blocked"), None),
    "impl-decision": (("proposed", "accepted", "rejected", "superseded"), "proposed"),
    "impl-risk": (("open", "mitigated", "accepted", "closed"), "open"),
}

# The guide's Warnings page, subtype "missing"
REQUIRED = {"impl-risk": {"impact", "likelihood"}, "impl-decision": {"choice"}}

REQUIREMENT_TYPES = frozenset({"req", "spec-req"})
NEED_TYPES = [*DIRECTIVES, "req", "spec-req", "story"]


def _short(directive: str) -> str:
    return directive.removeprefix("impl-")


# -- item types -------------------------------------------------------------------------


def test_prefixes_are_distinct() -> None:
    prefixes = [item.prefix for item in ITEM_TYPES]
    assert len(set(prefixes)) == len(prefixes)


@pytest.mark.parametrize("directive", DIRECTIVES)
def test_id_options_are_link_options_of_the_type(directive: str) -> None:
    id_options = {name for name, form in DIRECTIVES[directive][1] if form == "ids"}
    taken = {link.name for link in links_from(directive)}
    assert id_options <= taken
    for name in id_options:
        assert name not in ITEM_TYPES_BY_DIRECTIVE[directive].options


@pytest.mark.parametrize("directive", DIRECTIVES)
def test_links_from_each_type(directive: str) -> None:
    expected = [name for name, (_, _, sources, _) in LINKS.items() if _short(directive) in sources]
    assert [link.name for link in links_from(directive)] == expected


def test_an_option_shared_by_types_is_read_the_same_way() -> None:
    kinds: dict[str, set[str]] = {}
    for _, options in DIRECTIVES.values():
        for name, form in options:
            kinds.setdefault(name, set()).add(form)
    assert all(len(forms) == 1 for forms in kinds.values())
    expected = {name: FORMS[form] for name, (form,) in kinds.items() if form != "ids"}
    assert option_fields() == expected


def test_no_option_collides_with_a_link_option() -> None:
    assert not set(option_fields()) & set(LINKS)


def test_computed_fields_include_the_plan() -> None:
    assert "plan" in COMPUTED_FIELDS
    assert not set(COMPUTED_FIELDS) & set(option_fields())


def test_option_tables_cannot_be_changed() -> None:
    options = ITEM_TYPES_BY_DIRECTIVE["impl-risk"].options
    with pytest.raises(TypeError):
        options["extra"] = Kind.TEXT  # type: ignore[index]


# -- link types -------------------------------------------------------------------------


@pytest.mark.parametrize("need_type", NEED_TYPES)
@pytest.mark.parametrize("name", LINKS)
def test_allows_target(name: str, need_type: str) -> None:
    targets = LINKS[name][3]
    expected = _short(need_type) in targets or (
        "requirement" in targets and need_type in REQUIREMENT_TYPES
    )
    assert LINK_TYPES_BY_NAME[name].allows_target(need_type, REQUIREMENT_TYPES) is expected


def test_requirement_types_come_from_the_configuration() -> None:
    implements = LINK_TYPES_BY_NAME["implements"]
    assert implements.allows_target("req", frozenset({"req"}))
    assert not implements.allows_target("req", frozenset({"spec"}))
    assert implements.allows_target("spec", frozenset({"spec"}))
    assert not implements.allows_target("impl-phase", frozenset({"req"}))


def test_a_type_named_requirement_is_no_requirement_unless_configured() -> None:
    implements = LINK_TYPES_BY_NAME["implements"]
    assert not implements.allows_target("requirement", frozenset({"req"}))
    assert implements.allows_target("requirement", frozenset({"requirement"}))


@pytest.mark.parametrize("name", LINKS)
def test_describe_targets_names_every_target(name: str) -> None:
    description = LINK_TYPES_BY_NAME[name].describe_targets(frozenset({"req", "spec"}))
    for word in LINKS[name][3]:
        if word == "requirement":
            # the placeholder stands for the configured requirement types
            assert "req" in description
            assert "spec" in description
            assert "requirement" not in description
        else:
            assert f"impl-{word}" in description
