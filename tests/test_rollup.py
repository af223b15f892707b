"""A plan's roll-up, its timeline order and its risk grid, counted by hand.
No Sphinx build."""

from __future__ import annotations

from typing import Any

from sphinx_implplan.plan.coverage import Coverage, Scope
from sphinx_implplan.plan.model import REQUIREMENT_LINKING_TYPES, Corpus, Item
from sphinx_implplan.plan.rollup import plan_rollup, plan_scope, risk_grid, timeline

THREE = ("low", "medium", "high")
FIVE = ("very-low", "low", "medium", "high", "very-high")


def _phase(
    phase_id: str,
    plan: str = "PLAN_1",
    status: str | None = None,
    lineno: int = 0,
    depends: tuple[str, ...] = (),
    **fields: Any,
) -> Item:
    return Item(
        phase_id,
        "impl-phase",
        phase_id.lower(),
        docname="plan",
        lineno=lineno,
        plan=plan,
        status=status,
        fields=fields,
        links={"depends": depends} if depends else {},
    )


def _risk(
    risk_id: str,
    impact: str | None = None,
    likelihood: str | None = None,
    *,
    status: str | None = "open",
    band: str | None = None,
    plan: str = "PLAN_1",
) -> Item:
    fields = {"impact": impact, "likelihood": likelihood, "band": band}
    return Item(
        risk_id,
        "impl-risk",
        risk_id.lower(),
        docname="plan",
        plan=plan,
        status=status,
        fields={name: value for name, value in fields.items() if value is not None},
    )


def _decision(decision_id: str, status: str | None, plan: str = "PLAN_1") -> Item:
    return Item(decision_id, "impl-decision", decision_id.lower(), plan=plan, status=status)


def test_plan_scope() -> None:
    corpus = Corpus(
        [
            Item("PLAN_1", "impl-plan", "One", fields={"spec": ["spec/a", "spec/b"]}),
            Item("PLAN_2", "impl-plan", "Two"),
        ]
    )
    assert plan_scope(corpus, "PLAN_1") == Scope(
        plans=("PLAN_1",),
        types=frozenset(REQUIREMENT_LINKING_TYPES),
        spec=frozenset({"spec/a", "spec/b"}),
    )
    assert plan_scope(corpus, "PLAN_2") == Scope(plans=("PLAN_2",), spec=None)


def _rollup_corpus() -> Corpus:
    return Corpus(
        [
            Item("PLAN_1", "impl-plan", "One", docname="plan"),
            Item("PLAN_2", "impl-plan", "Two", docname="other"),
            Item("REQ_1", "req", "r1", docname="spec"),
            Item("REQ_2", "req", "r2", docname="spec"),
            Item("REQ_3", "req", "r3", docname="spec"),
            _phase("PH_1", status="done", deliverables_done=3, deliverables_total=3),
            _phase("PH_2", status="in-progress", deliverables_done=1, deliverables_total=4),
            _phase("PH_3", status="planned"),
            # a flag is no count
            _phase("PH_4", status="blocked", deliverables_done=True, deliverables_total=True),
            _phase("PH_9", plan="PLAN_2", status="done", deliverables_done=5, deliverables_total=5),
            Item(
                "CMP_1",
                "impl-component",
                "c1",
                plan="PLAN_1",
                links={"implements": ("REQ_1",)},
            ),
            Item(
                "CMP_2",
                "impl-component",
                "c2",
                plan="PLAN_2",
                links={"implements": ("REQ_2", "REQ_3")},
            ),
            _risk("RISK_1", status="open", band="high"),
            _risk("RISK_2", status="open", band="high"),
            _risk("RISK_3", status="open", band="low"),
            _risk("RISK_4", status="mitigated", band="high"),
            _risk("RISK_5", status="open"),
            _risk("RISK_6", status="closed", band="medium"),
            _risk("RISK_7", status="accepted", band="medium"),
            _risk("RISK_8", status="open", band="medium", plan="PLAN_2"),
            _decision("DEC_1", "accepted"),
            _decision("DEC_2", "accepted"),
            _decision("DEC_3", "superseded"),
            _decision("DEC_4", "rejected"),
            _decision("DEC_5", None),
            _decision("DEC_6", "proposed", plan="PLAN_2"),
        ]
    )


def test_plan_rollup_counts() -> None:
    corpus = _rollup_corpus()
    rollup = plan_rollup(corpus, corpus.items["PLAN_1"])
    assert rollup.plan is corpus.items["PLAN_1"]
    assert rollup.phases_done == 1
    assert rollup.phases_total == 4
    assert rollup.deliverables_done == 4
    assert rollup.deliverables_total == 7
    assert rollup.deliverables_percent == 57.1
    # REQ_1 of three requirements (the plan names no spec: all of them)
    assert rollup.coverage == Coverage(requirements=3, implemented=1, verified=0, measured=0)
    assert rollup.coverage.percent == 33.3
    assert list(rollup.open_risks.items()) == [("high", 2), ("medium", 0), ("low", 1)]
    assert list(rollup.decisions.items()) == [
        ("proposed", 0),
        ("accepted", 2),
        ("rejected", 1),
        ("superseded", 1),
    ]


def test_plan_rollup_of_the_other_plan() -> None:
    corpus = _rollup_corpus()
    rollup = plan_rollup(corpus, corpus.items["PLAN_2"])
    assert (rollup.phases_done, rollup.phases_total) == (1, 1)
    assert (rollup.deliverables_done, rollup.deliverables_total) == (5, 5)
    assert rollup.deliverables_percent == 100.0
    assert rollup.coverage == Coverage(requirements=3, implemented=2, verified=0, measured=0)
    assert rollup.coverage.percent == 66.7
    assert list(rollup.open_risks.items()) == [("high", 0), ("medium", 1), ("low", 0)]
    assert list(rollup.decisions.items()) == [
        ("proposed", 1),
        ("accepted", 0),
        ("rejected", 0),
        ("superseded", 0),
    ]


def test_rollup_of_an_empty_plan() -> None:
    corpus = Corpus([Item("PLAN_1", "impl-plan", "Empty", docname="plan")])
    rollup = plan_rollup(corpus, corpus.items["PLAN_1"])
    assert (rollup.phases_done, rollup.phases_total) == (0, 0)
    assert (rollup.deliverables_done, rollup.deliverables_total) == (0, 0)
    assert rollup.deliverables_percent is None
    assert rollup.coverage == Coverage(requirements=0, implemented=0, verified=0, measured=0)
    assert rollup.coverage.percent is None
    assert list(rollup.open_risks.items()) == [("high", 0), ("medium", 0), ("low", 0)]
    assert list(rollup.decisions.items()) == [
        ("proposed", 0),
        ("accepted", 0),
        ("rejected", 0),
        ("superseded", 0),
    ]


def _ids(items: list[Item]) -> list[str]:
    return [item.id for item in items]


def test_timeline_orders_by_start_then_end_then_id() -> None:
    phases = [
        _phase("PH_1", lineno=1, start="2024-03-01", end="2024-03-10"),
        _phase("PH_2", lineno=2, start="2024-01-15"),
        _phase("PH_3", lineno=30),
        _phase("PH_4", lineno=4, start="2024-01-15", end="2024-01-20"),
        _phase("PH_5", lineno=10),
        _phase("PH_10", lineno=6, start="2024-01-15", end="2024-01-20"),
        _phase("PH_11", lineno=7, start="2024-01-15", end="2024-01-16"),
    ]
    scheduled, unscheduled = timeline(phases)
    # no end sorts first among equal starts
    assert _ids(scheduled) == ["PH_2", "PH_11", "PH_4", "PH_10", "PH_1"]
    assert _ids(unscheduled) == ["PH_5", "PH_3"]


def test_timeline_ignores_dependencies() -> None:
    phases = [
        # starts first although it depends on the phase that starts later
        _phase("PH_A", lineno=1, depends=("PH_B",), start="2024-02-01"),
        _phase("PH_B", lineno=2, start="2024-05-01"),
        # a cycle between two unscheduled phases: kept in document order
        _phase("PH_D", lineno=9, depends=("PH_C",)),
        _phase("PH_C", lineno=8, depends=("PH_D",)),
        # a dependency on a phase that does not exist
        _phase("PH_E", lineno=3, depends=("PH_99",)),
        _phase("PH_F", lineno=4, depends=("PH_99",), start="2024-01-01"),
    ]
    scheduled, unscheduled = timeline(phases)
    assert _ids(scheduled) == ["PH_F", "PH_A", "PH_B"]
    assert _ids(unscheduled) == ["PH_E", "PH_C", "PH_D"]


def test_timeline_unscheduled_in_document_order_across_documents() -> None:
    phases = [
        Item("PH_1", "impl-phase", "x", docname="b", lineno=1),
        Item("PH_2", "impl-phase", "y", docname="a", lineno=50),
        Item("PH_3", "impl-phase", "z", docname="a", lineno=5, fields={"start": None}),
    ]
    assert timeline(phases) == ([], [phases[2], phases[1], phases[0]])


def test_timeline_of_no_phases() -> None:
    assert timeline([]) == ([], [])


def test_risk_grid_three_levels() -> None:
    risks = [
        _risk("RISK_10", "high", "high"),
        _risk("RISK_5", "medium", "low"),
        _risk("RISK_4", "critical", "low"),
        _risk("RISK_2", "low", "medium"),
        _risk("RISK_3", None, "high"),
        _risk("RISK_1", "high", "high"),
        _risk("RISK_6", "high"),
    ]
    grid = risk_grid(risks, THREE)
    assert grid.impacts == ("high", "medium", "low")
    assert grid.likelihoods == ("low", "medium", "high")
    assert grid.cells == {
        ("high", "high"): ("RISK_1", "RISK_10"),
        ("medium", "low"): ("RISK_5",),
        ("low", "medium"): ("RISK_2",),
    }
    assert grid.unplaced == ("RISK_3", "RISK_4", "RISK_6")
    # scores: 1 2 3 / 2 4 6 / 3 6 9
    assert grid.bands == {
        ("low", "low"): "low",
        ("low", "medium"): "low",
        ("low", "high"): "medium",
        ("medium", "low"): "low",
        ("medium", "medium"): "medium",
        ("medium", "high"): "high",
        ("high", "low"): "medium",
        ("high", "medium"): "high",
        ("high", "high"): "high",
    }


# five levels, highest score 25: high from 17 (>= 50/3), medium from 9 (>= 25/3)
FIVE_LEVEL_BANDS = {
    # impact: bands by likelihood very-low .. very-high   (scores)
    "very-low": ("low", "low", "low", "low", "low"),  # 1 2 3 4 5
    "low": ("low", "low", "low", "low", "medium"),  # 2 4 6 8 10
    "medium": ("low", "low", "medium", "medium", "medium"),  # 3 6 9 12 15
    "high": ("low", "low", "medium", "medium", "high"),  # 4 8 12 16 20
    "very-high": ("low", "medium", "medium", "high", "high"),  # 5 10 15 20 25
}


def test_risk_grid_five_levels() -> None:
    risks = [
        _risk("RISK_1", "very-high", "very-high"),
        _risk("RISK_2", "high", "high"),
        _risk("RISK_3", "medium", "medium"),
        _risk("RISK_4", "very-low", "low"),
        _risk("RISK_5", "extreme", "low"),
    ]
    grid = risk_grid(risks, FIVE)
    assert grid.impacts == ("very-high", "high", "medium", "low", "very-low")
    assert grid.likelihoods == FIVE
    assert grid.cells == {
        ("very-high", "very-high"): ("RISK_1",),
        ("high", "high"): ("RISK_2",),
        ("medium", "medium"): ("RISK_3",),
        ("very-low", "low"): ("RISK_4",),
    }
    assert grid.unplaced == ("RISK_5",)
    assert grid.bands == {
        (impact, likelihood): band
        for impact, bands in FIVE_LEVEL_BANDS.items()
        for likelihood, band in zip(FIVE, bands, strict=True)
    }
    assert len(grid.bands) == 25


def test_risk_grid_without_risks() -> None:
    grid = risk_grid([], THREE)
    assert grid.cells == {}
    assert grid.unplaced == ()
    assert len(grid.bands) == 9
