"""The plan records (``model``): ids in natural order, the corpus and its incoming-link
index, and the record made from a sphinx-needs need. No Sphinx build."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_implplan.plan.model import (
    LINK_NAMES,
    REQUIREMENT_LINKING_TYPES,
    Corpus,
    Item,
    item_from_need,
    natural_key,
)


def test_natural_key_reads_digits_as_numbers() -> None:
    assert natural_key("PH_2") < natural_key("PH_10") < natural_key("PH_100")
    assert natural_key("FR_1.9") < natural_key("FR_1.10")
    # a number longer than Python converts to int still orders by value
    assert natural_key("N_" + "9" * 5000) < natural_key("N_1" + "0" * 5000)
    # a digit that is not ASCII is text, not a number (and never raises)
    assert natural_key("X\N{SUPERSCRIPT TWO}") == natural_key("X\N{SUPERSCRIPT TWO}")
    assert natural_key("") == ((-1, ""),)


def test_natural_key_orders_numbers_as_numbers() -> None:
    ids = ["PH_10", "PH_2", "PH_1a", "PH_", "PH_1", "A", "PH_100", "FR_1.10", "FR_1.9"]
    assert sorted(ids, key=natural_key) == [
        "A",
        "FR_1.9",
        "FR_1.10",
        "PH_",
        "PH_1",
        "PH_1a",
        "PH_2",
        "PH_10",
        "PH_100",
    ]


def test_ids_equal_as_numbers_still_sort_one_way() -> None:
    # PH_02 and PH_2 read the same number: the text breaks the tie, whatever the order
    assert sorted(["PH_2", "PH_02", "PH_10", "PH_1"], key=natural_key) == [
        "PH_1",
        "PH_02",
        "PH_2",
        "PH_10",
    ]
    assert sorted(["PH_02", "PH_2", "PH_10", "PH_1"], key=natural_key) == [
        "PH_1",
        "PH_02",
        "PH_2",
        "PH_10",
    ]


@given(
    prefix=st.text(alphabet="AB_.", max_size=4),
    number=st.integers(min_value=0, max_value=10**6),
    zeros=st.integers(min_value=1, max_value=3),
    suffix=st.text(alphabet="AB_.0123456789", max_size=4),
)
def test_leading_zeros_never_tie(prefix: str, number: int, zeros: int, suffix: str) -> None:
    # ids equal as numbers are still different keys, ordered by their text
    short, padded = f"{prefix}{number}{suffix}", f"{prefix}{'0' * zeros}{number}{suffix}"
    assert natural_key(short) != natural_key(padded)
    assert (natural_key(padded) < natural_key(short)) == (padded < short)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=10**12))
def test_natural_key_compares_numbers(first: int, second: int) -> None:
    assert (natural_key(f"PH_{first}") < natural_key(f"PH_{second}")) == (first < second)


def test_requirement_linking_types() -> None:
    # every type with a link that may point to a requirement, in the table's order
    assert REQUIREMENT_LINKING_TYPES == (
        "impl-component",
        "impl-entity",
        "impl-endpoint",
        "impl-phase",
        "impl-decision",
        "impl-risk",
        "impl-test",
        "impl-rollout",
        "impl-metric",
        "impl-tech",
        "impl-consideration",
    )
    assert "impl-plan" not in REQUIREMENT_LINKING_TYPES
    assert "impl-change" not in REQUIREMENT_LINKING_TYPES


def test_link_names() -> None:
    assert LINK_NAMES == (
        "implements",
        "addresses",
        "affects",
        "mitigates",
        "verifies",
        "measures",
        "depends",
        "supersedes",
        "relates",
    )


def test_item_accessors() -> None:
    item = Item(
        "PH_3",
        "impl-phase",
        "Build",
        docname="plan",
        lineno=12,
        fields={"start": "2024-01-01"},
        links={"depends": ("PH_1", "PH_2")},
    )
    assert item.get("start") == "2024-01-01"
    assert item.get("end") is None
    assert item.links_of("depends") == ("PH_1", "PH_2")
    assert item.links_of("implements") == ()
    assert item.position == ("plan", 12, natural_key("PH_3"))
    assert Item("EXT_1", "req", "Remote").position == ("", 0, natural_key("EXT_1"))


def _corpus() -> Corpus:
    return Corpus(
        [
            Item("PLAN_B", "impl-plan", "B", docname="b", lineno=1),
            Item("PLAN_A", "impl-plan", "A", docname="a", lineno=1),
            Item("PLAN_X", "impl-plan", "Remote", external=True),
            Item("REQ_10", "req", "Ten", docname="spec/one"),
            Item("REQ_2", "req", "Two", docname="spec/two"),
            Item("SPEC_1", "spec", "Spec one", docname="spec/one"),
            Item("EXT_1", "req", "Remote", external=True),
            Item(
                "CMP_2",
                "impl-component",
                "Two",
                docname="a",
                lineno=20,
                plan="PLAN_A",
                # the same target twice counts once
                links={"implements": ("REQ_2", "REQ_10", "REQ_2")},
            ),
            Item(
                "CMP_10",
                "impl-component",
                "Ten",
                docname="a",
                lineno=5,
                plan="PLAN_A",
                links={"implements": ("REQ_2",)},
            ),
            Item(
                "CMP_1",
                "impl-component",
                "One",
                docname="b",
                lineno=3,
                plan="PLAN_B",
                links={"implements": ("REQ_2",), "verifies": ("REQ_2",)},
            ),
        ]
    )


def test_corpus_sources_are_deduplicated_and_in_id_order() -> None:
    corpus = _corpus()
    assert corpus.sources("REQ_2", "implements") == ("CMP_1", "CMP_2", "CMP_10")
    assert corpus.sources("REQ_10", "implements") == ("CMP_2",)
    assert corpus.sources("REQ_2", "verifies") == ("CMP_1",)
    assert corpus.sources("REQ_2", "measures") == ()
    assert corpus.sources("NOPE", "implements") == ()


def test_corpus_defaults() -> None:
    corpus = Corpus([])
    assert dict(corpus.items) == {}
    assert corpus.requirement_types == frozenset({"req"})
    assert corpus.risk_levels == ("low", "medium", "high")
    assert corpus.plans == []
    assert corpus.requirements() == []


def test_corpus_items_cannot_be_changed() -> None:
    corpus = _corpus()
    with pytest.raises(TypeError):
        corpus.items["NEW"] = Item("NEW", "req", "New")  # type: ignore[index]


def test_of_type_in_document_order_and_by_plan() -> None:
    corpus = _corpus()
    components = corpus.of_type("impl-component")
    assert [item.id for item in components] == ["CMP_10", "CMP_2", "CMP_1"]
    assert [item.id for item in corpus.of_type("impl-component", ["PLAN_B"])] == ["CMP_1"]
    # several plans (one named twice): their items, still in document order
    several = corpus.of_type("impl-component", ["PLAN_B", "PLAN_A", "PLAN_B"])
    assert several == [item for item in components if item.plan in {"PLAN_A", "PLAN_B"}]
    assert corpus.of_type("impl-component", []) == []
    assert corpus.of_type("impl-risk") == []


def test_plans_leave_out_external_plans() -> None:
    assert [plan.id for plan in _corpus().plans] == ["PLAN_A", "PLAN_B"]


def test_requirements_by_type_and_document() -> None:
    corpus = _corpus()
    assert [item.id for item in corpus.requirements()] == ["EXT_1", "REQ_2", "REQ_10"]
    assert [item.id for item in corpus.requirements(["spec/one"])] == ["REQ_10"]
    assert corpus.requirements([]) == []
    assert corpus.is_requirement(corpus.items["REQ_2"])
    assert not corpus.is_requirement(corpus.items["SPEC_1"])


def test_configured_requirement_types_and_levels() -> None:
    corpus = Corpus(
        _corpus().items.values(),
        requirement_types=("spec", "req"),
        risk_levels=("minor", "major"),
    )
    assert [item.id for item in corpus.requirements()] == ["EXT_1", "REQ_2", "REQ_10", "SPEC_1"]
    assert [item.id for item in corpus.requirements(["spec/one"])] == ["REQ_10", "SPEC_1"]
    assert corpus.risk_levels == ("minor", "major")


def _risk_need() -> dict[str, Any]:
    """A resolved need as sphinx-needs hands it over: many keys besides our own."""
    return {
        "id": "RISK_1",
        "type": "impl-risk",
        "type_name": "Risk",
        "title": "Vendor lock-in",
        "docname": "plans/alpha",
        "lineno": 42,
        "plan": "PLAN_1",
        "status": "open",
        "tags": ["vendor"],
        "impact": "high",
        "likelihood": "medium",
        "mitigation": "",
        "owner": None,
        "score": 6,
        "band": "high",
        # an option of another type, and sphinx-needs' own fields: not kept
        "goal": "not a risk option",
        "content": "Long body text.",
        "sections": ["Risks"],
        "affects": ["FR_1.login", "FR_1", "FR_2", "FR_1.logout"],
        "mitigates_back": ["PH_1"],
        "implements": [],
        "is_external": False,
        "external_url": "https://example.org/ignored",
    }


def test_item_from_need_keeps_own_fields_and_base_link_ids() -> None:
    item = item_from_need(_risk_need(), "The vendor may raise prices.")
    assert item == Item(
        id="RISK_1",
        type="impl-risk",
        title="Vendor lock-in",
        docname="plans/alpha",
        lineno=42,
        plan="PLAN_1",
        status="open",
        fields={
            "impact": "high",
            "likelihood": "medium",
            "score": 6,
            "band": "high",
            "tags": ["vendor"],
        },
        links={"affects": ("FR_1", "FR_2")},
        external=False,
        external_url=None,
        description="The vendor may raise prices.",
        tags=("vendor",),
        # what only its card shows: every link as written, and the links to it
        type_title="Risk",
        written_links={"affects": ("FR_1.login", "FR_1", "FR_2", "FR_1.logout")},
        backlinks={"mitigates": ("PH_1",)},
    )


def test_item_from_need_keeps_zero_counts() -> None:
    need = {
        "id": "PH_1",
        "type": "impl-phase",
        "title": "Start",
        "start": "2024-01-01",
        "end": "",
        "deliverables_done": 0,
        "deliverables_total": 3,
        "depends": ["PH_0"],
    }
    item = item_from_need(need)
    assert dict(item.fields) == {
        "start": "2024-01-01",
        "deliverables_done": 0,
        "deliverables_total": 3,
    }
    assert dict(item.links) == {"depends": ("PH_0",)}
    assert item.description == ""


def test_item_from_external_need() -> None:
    need = {
        "id": "EXT_7",
        "type": "req",
        "title": "Remote requirement",
        "docname": None,
        "lineno": None,
        "status": "",
        "start": "2024-01-01",
        "is_external": True,
        "external_url": "https://other.example.org/spec.html#EXT_7",
    }
    assert item_from_need(need) == Item(
        id="EXT_7",
        type="req",
        title="Remote requirement",
        docname=None,
        lineno=0,
        plan=None,
        status=None,
        # a type that is not ours keeps no option fields
        fields={},
        links={},
        external=True,
        external_url="https://other.example.org/spec.html#EXT_7",
    )


def test_item_from_sparse_need() -> None:
    item = item_from_need({"id": 5, "type": "impl-plan", "title": None, "plan": ["PLAN_1"]})
    assert item == Item(
        id="5",
        type="impl-plan",
        title="",
        docname=None,
        lineno=0,
        plan=None,
        type_title="Implementation plan",
    )
