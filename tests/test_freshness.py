"""Which unchanged pages an incremental build writes again: the pure parts,
``need_state`` and ``pages_to_rewrite``, on needs written by hand. No Sphinx build."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sphinx_implplan.plan.model import LINK_NAMES
from sphinx_implplan.write.freshness import NeedState, need_state, pages_to_rewrite
from sphinx_implplan.write.views.spec import ViewKind, ViewSpec


def _need(need_id: str, need_type: str, docname: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "id": need_id,
        "type": need_type,
        "title": need_id.lower(),
        "docname": docname,
        "lineno": 1,
        "status": None,
        **extra,
    }


def _needs() -> dict[str, dict[str, Any]]:
    needs = [
        _need("PLAN_1", "impl-plan", "plan"),
        _need("PLAN_2", "impl-plan", "other"),
        _need("REQ_1", "req", "spec", title="Login"),
        _need("REQ_9", "req", "spec9"),
        _need("EXT_1", "req", None, is_external=True),
        _need("CMP_1", "impl-component", "design", plan="PLAN_1", implements=["REQ_1", "EXT_1"]),
        _need("TEST_1", "impl-test", "tests", plan="PLAN_1", verifies=["REQ_1.login"]),
        _need("PH_1", "impl-phase", "phases/one", plan="PLAN_1", start="2024-01-01"),
        _need("PH_2", "impl-phase", "phases/two", plan="PLAN_1", depends=["PH_1"]),
        _need("PH_4", "impl-phase", "phases/four", plan="PLAN_1"),
        _need("PH_3", "impl-phase", "phases/three", plan="PLAN_2"),
        _need("RISK_1", "impl-risk", "risks", plan="PLAN_2", affects=["REQ_9"]),
    ]
    return {need["id"]: need for need in needs}


def _states(needs: dict[str, dict[str, Any]]) -> dict[str, NeedState]:
    return {need_id: need_state(need, LINK_NAMES) for need_id, need in needs.items()}


def _views(*kinds: ViewKind, **table_types: str) -> dict[str, list[ViewSpec]]:
    """One page per view, named after its kind (an ``impl-table`` after its type)."""
    views = {kind.value: [ViewSpec(kind, kind.value, 1, 1)] for kind in kinds}
    for page, item_type in table_types.items():
        views[page] = [ViewSpec(ViewKind.TABLE, page, 1, 1, item_type=item_type)]
    return views


VIEWS = _views(ViewKind.TRACEABILITY, ViewKind.SUMMARY)
ALL_VIEWS = _views(
    *ViewKind, risk_table="impl-risk", component_table="impl-component", plan_table="impl-plan"
)


def test_nothing_changed_rewrites_nothing() -> None:
    previous = _states(_needs())
    assert pages_to_rewrite(previous, previous, VIEWS) == set()
    # states computed again from equal needs are equal
    assert pages_to_rewrite(previous, _states(_needs()), VIEWS) == set()
    assert pages_to_rewrite({}, {}, VIEWS) == set()


def test_a_requirement_title_rewrites_the_pages_linking_to_it() -> None:
    previous = _states(_needs())
    needs = _needs()
    needs["REQ_1"]["title"] = "Sign in"
    # the summary counts requirements but shows none of their titles
    assert pages_to_rewrite(previous, _states(needs), VIEWS) == {
        "spec",
        "design",
        "tests",
        "impl-traceability",
    }
    assert pages_to_rewrite(previous, _states(needs), {}) == {"spec", "design", "tests"}


def test_an_external_need_has_no_page_of_its_own() -> None:
    previous = _states(_needs())
    needs = _needs()
    needs["EXT_1"]["title"] = "Renamed elsewhere"
    assert pages_to_rewrite(previous, _states(needs), {}) == {"design"}


def test_a_removed_item_rewrites_its_old_targets() -> None:
    previous = _states(_needs())
    needs = _needs()
    del needs["CMP_1"]
    # its own page is gone; the plan and the requirement showed it as a back-link
    assert pages_to_rewrite(previous, _states(needs), VIEWS) == {
        "plan",
        "spec",
        "impl-traceability",
        "impl-summary",
    }


def test_a_removed_link_rewrites_the_old_target() -> None:
    previous = _states(_needs())
    needs = _needs()
    needs["CMP_1"]["implements"] = ["EXT_1"]
    assert pages_to_rewrite(previous, _states(needs), {}) == {"design", "plan", "spec"}


def test_a_new_need_rewrites_the_pages_linking_to_it() -> None:
    needs = _needs()
    needs["CMP_1"]["implements"] = ["REQ_1", "REQ_2"]
    previous = _states(needs)
    needs["REQ_2"] = _need("REQ_2", "req", "spec2")
    assert pages_to_rewrite(previous, _states(needs), {}) == {"spec2", "design"}
    assert pages_to_rewrite(previous, _states(needs), VIEWS) == {
        "spec2",
        "design",
        "impl-traceability",
        "impl-summary",
    }


def test_a_phase_change_rewrites_every_phase_of_its_plan() -> None:
    previous = _states(_needs())
    needs = _needs()
    needs["PH_1"]["start"] = "2024-02-01"
    # PH_2 depends on PH_1; PH_4 is only scheduled with it; PH_3 is another plan's
    assert pages_to_rewrite(previous, _states(needs), {}) == {
        "phases/one",
        "phases/two",
        "phases/four",
        "plan",
    }


def test_a_phase_moved_to_another_plan_rewrites_both_plans_phases() -> None:
    previous = _states(_needs())
    needs = _needs()
    needs["PH_4"]["plan"] = "PLAN_2"
    assert pages_to_rewrite(previous, _states(needs), {}) == {
        "phases/four",
        "phases/one",
        "phases/two",
        "phases/three",
        "plan",
        "other",
    }


def test_need_state_fields() -> None:
    need = _need(
        "PH_7",
        "impl-phase",
        "phases/seven",
        plan="PLAN_1",
        depends=["PH_2", "PH_1.kickoff", "PH_1"],
        implements=["REQ_1"],
    )
    state = need_state(need, LINK_NAMES)
    assert state.docname == "phases/seven"
    # the linked needs (parts read as their need) and the plan, sorted
    assert state.targets == ("PH_1", "PH_2", "PLAN_1", "REQ_1")
    assert state.schedule_group == "PLAN_1"
    assert re.fullmatch(r"[0-9a-f]{40}", state.digest)


def test_need_state_of_a_need_outside_phases_and_plans() -> None:
    state = need_state(_need("REQ_1", "req", ""), LINK_NAMES)
    assert state.docname is None
    assert state.targets == ()
    assert state.schedule_group is None
    component = need_state(_need("CMP_1", "impl-component", "d", plan="PLAN_1"), LINK_NAMES)
    assert component.targets == ("PLAN_1",)
    assert component.schedule_group is None


def test_only_the_given_link_names_are_read() -> None:
    need = _need("CMP_1", "impl-component", "d", implements=["REQ_1"], custom=["X_1"])
    assert need_state(need, ["implements"]).targets == ("REQ_1",)
    assert need_state(need, ["implements", "custom"]).targets == ("REQ_1", "X_1")


def _digest(need: dict[str, Any], description: str = "") -> str:
    return need_state(need, LINK_NAMES, description).digest


BASE = _need("RISK_1", "impl-risk", "risks", plan="PLAN_1", status="open", affects=["REQ_1"])


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("title", "Another title"),
        ("status", "closed"),
        ("docname", "elsewhere"),
        ("plan", "PLAN_2"),
        ("affects", ["REQ_1", "REQ_2"]),
        ("mitigates", ["PH_1"]),
        ("impact", "high"),
        ("score", 6),
        ("band", "high"),
        ("tags", ["vendor"]),
    ],
)
def test_digest_changes_with_what_other_pages_show(name: str, value: Any) -> None:
    assert _digest({**BASE, name: value}) != _digest(BASE)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("lineno", 99),
        ("content", "A longer body that no other page shows."),
        ("affects_back", ["PH_1"]),
        ("mitigates_back", ["PH_2"]),
        ("sections", ["Risks"]),
    ],
)
def test_digest_ignores_what_no_other_page_shows(name: str, value: Any) -> None:
    assert _digest({**BASE, name: value}) == _digest(BASE)


def test_state_counts_the_open_questions_of_a_requirement_only() -> None:
    asked = "Within [NEEDS CLARIFICATION: how long?] or [NEEDS CLARIFICATION]."
    assert need_state({**BASE, "type": "req", "content": asked}, LINK_NAMES).open_questions == 2
    # a plan item's marker is no open question of a spec
    assert need_state({**BASE, "content": asked}, LINK_NAMES).open_questions == 0


def test_digest_changes_with_the_description() -> None:
    assert _digest(BASE, "First paragraph.") != _digest(BASE)
    assert _digest(BASE, "First paragraph.") == _digest(BASE, "First paragraph.")


def test_state_changes_only_with_what_is_shown() -> None:
    moved_line = {**BASE, "lineno": 40}
    assert need_state(moved_line, LINK_NAMES) == need_state(BASE, LINK_NAMES)
    previous = {"RISK_1": need_state(BASE, LINK_NAMES)}
    current = {"RISK_1": need_state(moved_line, LINK_NAMES)}
    assert pages_to_rewrite(previous, current, VIEWS) == set()


@pytest.mark.parametrize(
    ("need_id", "field", "value", "views"),
    [
        # a plan's change shows in every view
        ("PLAN_1", "title", "Renamed", set(ALL_VIEWS)),
        (
            "RISK_1",
            "impact",
            "high",
            # every item links to its plan, whose table may show it
            {"impl-traceability", "impl-risk-matrix", "impl-summary", "risk_table", "plan_table"},
        ),
        (
            "PH_1",
            "start",
            "2024-02-01",
            {"impl-traceability", "impl-timeline", "impl-summary", "plan_table"},
        ),
        # the component table shows the requirement's title beside the id it links to
        ("REQ_1", "title", "Sign in", {"impl-traceability", "component_table"}),
        ("REQ_1", "docname", "spec2", {"impl-traceability", "component_table", "impl-summary"}),
        ("REQ_9", "title", "Export", {"impl-traceability", "risk_table"}),
        # the summary counts a requirement's open questions, not other body text
        (
            "REQ_9",
            "content",
            "Export as [NEEDS CLARIFICATION: CSV or JSON?]",
            {"impl-traceability", "impl-summary", "risk_table"},
        ),
        # a plan's :requirements: may select it by a tag: its coverage may change
        ("REQ_9", "tags", ["sync"], {"impl-traceability", "impl-summary", "risk_table"}),
        (
            "CMP_1",
            "title",
            "Store",
            {"impl-traceability", "impl-summary", "component_table", "plan_table"},
        ),
        # the component table's column of incoming links ("verified by") shows TEST_1
        (
            "TEST_1",
            "verifies",
            ["REQ_1.login", "CMP_1"],
            {"impl-traceability", "impl-summary", "component_table", "plan_table"},
        ),
    ],
)
def test_a_view_page_is_written_again_only_when_its_view_shows_the_change(
    need_id: str, field: str, value: str, views: set[str]
) -> None:
    previous = _states(_needs())
    needs = _needs()
    needs[need_id][field] = value
    assert pages_to_rewrite(previous, _states(needs), ALL_VIEWS) & set(ALL_VIEWS) == views


def test_a_change_item_shows_in_no_view_but_the_tables() -> None:
    needs = _needs()
    needs["CHG_1"] = _need("CHG_1", "impl-change", "changes", plan="PLAN_1")
    previous = _states(needs)
    needs["CHG_1"]["title"] = "Second draft"
    views = {**ALL_VIEWS, **_views(change_table="impl-change")}
    assert pages_to_rewrite(previous, _states(needs), views) == {
        "changes",
        "plan",
        "change_table",
        "plan_table",
    }
