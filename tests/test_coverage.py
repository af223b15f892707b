"""Coverage of requirements by the items of the plans in scope, counted by hand.
No Sphinx build."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_implplan.plan.coverage import (
    Coverage,
    Scope,
    coverage_of,
    percent,
    plan_spec,
    trace_matrix,
    trace_rows,
    uncovered,
)
from sphinx_implplan.plan.model import REQUIREMENT_LINKING_TYPES, Corpus, Item


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (7, 12, 58.3),
        (1, 3, 33.3),
        (2, 3, 66.7),
        (1, 8, 12.5),
        (3, 8, 37.5),
        (1, 6, 16.7),
        (5, 6, 83.3),
        (4, 7, 57.1),
        (0, 5, 0.0),
        (5, 5, 100.0),
        # halves round up
        (1, 16, 6.3),
        (7, 16, 43.8),
        (1, 80, 1.3),
        (1, 400, 0.3),
        (1, 2000, 0.1),
        # just below a half rounds down
        (1, 2001, 0.0),
        (1, 32, 3.1),
    ],
)
def test_percent(part: int, whole: int, expected: float) -> None:
    assert percent(part, whole) == expected


@pytest.mark.parametrize(("part", "whole"), [(0, 0), (3, 0), (1, -4)])
def test_percent_of_nothing_is_none(part: int, whole: int) -> None:
    assert percent(part, whole) is None


@given(whole=st.integers(min_value=1, max_value=10**6), data=st.data())
def test_percent_is_exact_half_up_rounding(whole: int, data: st.DataObject) -> None:
    part = data.draw(st.integers(min_value=0, max_value=whole))
    result = percent(part, whole)
    assert result is not None
    assert 0.0 <= result <= 100.0
    tenths = math.floor(Fraction(1000 * part, whole) + Fraction(1, 2))
    assert result == tenths / 10


def test_coverage_percentages() -> None:
    coverage = Coverage(requirements=12, implemented=7, verified=1, measured=0)
    assert coverage.percent == 58.3
    assert coverage.verified_percent == 8.3
    assert coverage.measured_percent == 0.0
    empty = Coverage(requirements=0, implemented=0, verified=0, measured=0)
    assert empty.percent is None
    assert empty.verified_percent is None
    assert empty.measured_percent is None


def _item(
    item_id: str,
    item_type: str,
    plan: str | None = None,
    docname: str | None = "plan",
    **links: tuple[str, ...],
) -> Item:
    return Item(item_id, item_type, item_id.lower(), docname=docname, plan=plan, links=links)


def _corpus() -> Corpus:
    """Two plans over three local requirements and one external one.

    ============  ================  ============  ============  ===========
    requirement   implemented by    verified by   measured by   other
    ============  ================  ============  ============  ===========
    EXT_1         PH_1 (A)
    REQ_1         CMP_1 (A),        TEST_1 (A)    MET_1 (A)
                  CMP_2 (B)
    REQ_2         CMP_2 (B)         TEST_2 (A)                  RISK_1 (A)
    REQ_3                                                       DEC_1 (B)
    ============  ================  ============  ============  ===========

    CMP_3 (A) "verifies" REQ_3 and PH_2 (A) "measures" REQ_3: neither is a test or a
    metric, so neither counts. CMP_9 implements REQ_3 but belongs to no plan.
    """
    return Corpus(
        [
            Item("PLAN_A", "impl-plan", "A", docname="plan_a", fields={"spec": ["spec/core"]}),
            Item("PLAN_B", "impl-plan", "B", docname="plan_b"),
            Item(
                "PLAN_C",
                "impl-plan",
                "C",
                docname="plan_c",
                fields={"spec": ["spec/extra", "spec/core"]},
            ),
            _item("REQ_1", "req", docname="spec/core"),
            _item("REQ_2", "req", docname="spec/core"),
            _item("REQ_3", "req", docname="spec/extra"),
            Item("EXT_1", "req", "external", external=True),
            _item("CMP_1", "impl-component", "PLAN_A", implements=("REQ_1",)),
            _item("CMP_2", "impl-component", "PLAN_B", implements=("REQ_1", "REQ_2")),
            _item("CMP_3", "impl-component", "PLAN_A", verifies=("REQ_3",)),
            _item("CMP_9", "impl-component", None, implements=("REQ_3",)),
            _item("TEST_1", "impl-test", "PLAN_A", verifies=("REQ_1",)),
            _item("TEST_2", "impl-test", "PLAN_A", verifies=("REQ_2",)),
            _item("MET_1", "impl-metric", "PLAN_A", measures=("REQ_1",)),
            _item("PH_1", "impl-phase", "PLAN_A", implements=("EXT_1",)),
            _item("PH_2", "impl-phase", "PLAN_A", measures=("REQ_3",)),
            _item("RISK_1", "impl-risk", "PLAN_A", affects=("REQ_2",)),
            _item("DEC_1", "impl-decision", "PLAN_B", addresses=("REQ_3",)),
        ]
    )


def _links(corpus: Corpus, scope: Scope) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per requirement, its non-empty link columns."""
    return {
        row.requirement.id: {name: ids for name, ids in row.links().items() if ids}
        for row in trace_rows(corpus, scope)
    }


def test_scope_defaults() -> None:
    scope = Scope(plans=("PLAN_A",))
    assert scope.types == frozenset(REQUIREMENT_LINKING_TYPES)
    assert scope.spec is None


def test_one_plan_counts_only_its_own_items() -> None:
    corpus = _corpus()
    scope = Scope(plans=("PLAN_A",))
    assert _links(corpus, scope) == {
        "EXT_1": {"implements": ("PH_1",)},
        "REQ_1": {"implements": ("CMP_1",), "verifies": ("TEST_1",), "measures": ("MET_1",)},
        "REQ_2": {"verifies": ("TEST_2",), "affects": ("RISK_1",)},
        "REQ_3": {},
    }
    rows = trace_rows(corpus, scope)
    assert coverage_of(rows) == Coverage(requirements=4, implemented=2, verified=2, measured=1)
    assert coverage_of(rows).percent == 50.0
    assert coverage_of(rows).verified_percent == 50.0
    assert coverage_of(rows).measured_percent == 25.0
    assert uncovered(rows) == ["REQ_2", "REQ_3"]


def test_the_other_plan() -> None:
    corpus = _corpus()
    scope = Scope(plans=("PLAN_B",))
    assert _links(corpus, scope) == {
        "EXT_1": {},
        "REQ_1": {"implements": ("CMP_2",)},
        "REQ_2": {"implements": ("CMP_2",)},
        "REQ_3": {"addresses": ("DEC_1",)},
    }
    rows = trace_rows(corpus, scope)
    assert coverage_of(rows) == Coverage(requirements=4, implemented=2, verified=0, measured=0)
    assert uncovered(rows) == ["EXT_1", "REQ_3"]


def test_a_scope_of_both_plans_counts_both() -> None:
    corpus = _corpus()
    scope = Scope(plans=("PLAN_A", "PLAN_B"))
    assert _links(corpus, scope) == {
        "EXT_1": {"implements": ("PH_1",)},
        "REQ_1": {
            "implements": ("CMP_1", "CMP_2"),
            "verifies": ("TEST_1",),
            "measures": ("MET_1",),
        },
        "REQ_2": {"implements": ("CMP_2",), "verifies": ("TEST_2",), "affects": ("RISK_1",)},
        "REQ_3": {"addresses": ("DEC_1",)},
    }
    rows = trace_rows(corpus, scope)
    assert coverage_of(rows) == Coverage(requirements=4, implemented=3, verified=2, measured=1)
    assert coverage_of(rows).percent == 75.0
    assert uncovered(rows) == ["REQ_3"]


def test_items_of_no_plan_never_count() -> None:
    rows = trace_rows(_corpus(), Scope(plans=()))
    assert [row.requirement.id for row in rows] == ["EXT_1", "REQ_1", "REQ_2", "REQ_3"]
    assert coverage_of(rows) == Coverage(requirements=4, implemented=0, verified=0, measured=0)
    assert coverage_of(rows).percent == 0.0


def test_types_filter_the_counted_items() -> None:
    corpus = _corpus()
    tests_only = trace_rows(corpus, Scope(plans=("PLAN_A",), types=frozenset({"impl-test"})))
    assert coverage_of(tests_only) == Coverage(
        requirements=4, implemented=0, verified=2, measured=0
    )
    assert coverage_of(tests_only).percent == 0.0
    components = trace_rows(corpus, Scope(plans=("PLAN_A",), types=frozenset({"impl-component"})))
    # CMP_3's ":verifies:" is still no verification: only a test verifies
    assert coverage_of(components) == Coverage(
        requirements=4, implemented=1, verified=0, measured=0
    )
    assert coverage_of(components).percent == 25.0
    assert uncovered(components) == ["EXT_1", "REQ_2", "REQ_3"]


def test_spec_documents_restrict_the_requirements() -> None:
    corpus = _corpus()
    core_and_extra = frozenset({"spec/core", "spec/extra"})
    rows = trace_rows(corpus, Scope(plans=("PLAN_A",), spec=core_and_extra))
    # the external requirement has no document, so no spec names it
    assert [row.requirement.id for row in rows] == ["REQ_1", "REQ_2", "REQ_3"]
    assert coverage_of(rows) == Coverage(requirements=3, implemented=1, verified=2, measured=1)
    assert coverage_of(rows).percent == 33.3
    assert coverage_of(rows).verified_percent == 66.7

    both = trace_rows(corpus, Scope(plans=("PLAN_A", "PLAN_B"), spec=core_and_extra))
    assert coverage_of(both).percent == 66.7

    core = trace_rows(corpus, Scope(plans=("PLAN_A",), spec=frozenset({"spec/core"})))
    assert coverage_of(core) == Coverage(requirements=2, implemented=1, verified=2, measured=1)
    assert coverage_of(core).percent == 50.0


def test_a_plan_without_requirements() -> None:
    corpus = _corpus()
    rows = trace_rows(corpus, Scope(plans=("PLAN_A",), spec=frozenset({"spec/empty"})))
    assert rows == []
    assert coverage_of(rows) == Coverage(requirements=0, implemented=0, verified=0, measured=0)
    assert coverage_of(rows).percent is None
    assert uncovered(rows) == []


def test_an_empty_corpus() -> None:
    rows = trace_rows(Corpus([]), Scope(plans=("PLAN_A",)))
    assert rows == []
    assert coverage_of(rows).percent is None
    assert trace_matrix(Corpus([]), rows).columns == ()


def test_external_requirements_count_like_local_ones() -> None:
    corpus = Corpus(
        [
            Item("PLAN_1", "impl-plan", "P", docname="plan"),
            Item("EXT_1", "req", "remote one", external=True),
            Item("EXT_2", "req", "remote two", external=True),
            Item("REQ_1", "req", "local", docname="spec"),
            _item("CMP_1", "impl-component", "PLAN_1", implements=("EXT_1", "EXT_2")),
        ]
    )
    rows = trace_rows(corpus, Scope(plans=("PLAN_1",)))
    assert coverage_of(rows) == Coverage(requirements=3, implemented=2, verified=0, measured=0)
    assert coverage_of(rows).percent == 66.7
    assert uncovered(rows) == ["REQ_1"]


def test_plan_spec() -> None:
    corpus = _corpus()
    assert plan_spec(corpus, ["PLAN_A"]) == frozenset({"spec/core"})
    assert plan_spec(corpus, ["PLAN_A", "PLAN_C"]) == frozenset({"spec/core", "spec/extra"})
    # one plan without a spec: every requirement
    assert plan_spec(corpus, ["PLAN_A", "PLAN_B"]) is None
    assert plan_spec(corpus, ["PLAN_B", "PLAN_A"]) is None
    assert plan_spec(corpus, ["PLAN_A", "PLAN_MISSING"]) is None


def test_trace_matrix_orders_columns_by_type_then_id() -> None:
    corpus = Corpus(
        [
            Item("REQ_1", "req", "one", docname="spec"),
            Item("REQ_2", "req", "two", docname="spec"),
            _item("TEST_10", "impl-test", "P", verifies=("REQ_1",)),
            _item("TEST_2", "impl-test", "P", verifies=("REQ_2",)),
            _item("MET_1", "impl-metric", "P", measures=("REQ_1",)),
            _item("RISK_1", "impl-risk", "P", affects=("REQ_1", "REQ_2")),
            _item("PH_1", "impl-phase", "P", implements=("REQ_2",)),
            _item("CMP_1", "impl-component", "P", implements=("REQ_1",)),
            _item("DEC_1", "impl-decision", "P", addresses=("REQ_2",)),
            _item("CMP_5", "impl-component", "OTHER", implements=("REQ_1",)),
        ]
    )
    rows = trace_rows(corpus, Scope(plans=("P",)))
    matrix = trace_matrix(corpus, rows)
    assert matrix.rows == tuple(rows)
    assert [item.id for item in matrix.columns] == [
        "CMP_1",
        "PH_1",
        "DEC_1",
        "RISK_1",
        "TEST_2",
        "TEST_10",
        "MET_1",
    ]
    assert matrix.cells == {
        ("REQ_1", "CMP_1"): ("implements",),
        ("REQ_1", "TEST_10"): ("verifies",),
        ("REQ_1", "MET_1"): ("measures",),
        ("REQ_1", "RISK_1"): ("affects",),
        ("REQ_2", "PH_1"): ("implements",),
        ("REQ_2", "TEST_2"): ("verifies",),
        ("REQ_2", "RISK_1"): ("affects",),
        ("REQ_2", "DEC_1"): ("addresses",),
    }


def test_trace_matrix_cell_with_two_links() -> None:
    # one item linking to a requirement in two ways gets both names, in column order
    corpus = Corpus(
        [
            Item("REQ_1", "req", "one", docname="spec"),
            _item("TEST_1", "impl-test", "P", verifies=("REQ_1",), implements=("REQ_1",)),
        ]
    )
    matrix = trace_matrix(corpus, trace_rows(corpus, Scope(plans=("P",))))
    assert matrix.cells == {("REQ_1", "TEST_1"): ("implements", "verifies")}
