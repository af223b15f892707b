"""Done when: a project written from the contract alone builds, and needs.json holds it all.

``roots/test-contract`` is a plan written only from the guide's Directives, Values and Warnings pages: a
specification in a subfolder, the plan in MyST (both fence styles), its phases in
another MyST document and its risks in rST, each of those naming the plan by
``:plan:``. It must build without a warning with ``-b html`` and ``-b needs``, and
``needs.json`` must hold every item with its normalised fields, its links and the
back-links on their targets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import (
    assert_no_traceback,
    build_warnings,
    card_html,
    read_html,
    read_needs,
    visible_text,
)

from sphinx_implplan.plan.itemtypes import COMPUTED_FIELDS, ITEM_TYPES, LINK_TYPES, option_fields

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

#: the fields the contract speaks of: options, computed fields, links and back-links
CONTRACT_FIELDS = (
    set(option_fields())
    | set(COMPUTED_FIELDS)
    | {"type", "status", "tags", "duration", "completion"}
    | {link.name for link in LINK_TYPES}
    | {f"{link.name}_back" for link in LINK_TYPES}
)

#: every need of the project, with every contract field that holds a value
EXPECTED: dict[str, dict[str, Any]] = {
    "API_CHANGES": {
        "implements": ["FR_002"],
        "method": "GET",
        "path": "/api/changes",
        "plan": "PLAN_SYNC",
        "type": "impl-endpoint",
    },
    "API_SYNC": {
        "implements": ["FR_002"],
        "method": "POST",
        "path": "/api/sync",
        "plan": "PLAN_SYNC",
        "type": "impl-endpoint",
        "verifies_back": ["TEST_1"],
    },
    "CHG_1": {"date": "2026-11-02", "plan": "PLAN_SYNC", "type": "impl-change"},
    "CMP_STORE": {
        "change": "new",
        "implements": ["FR_001"],
        "plan": "PLAN_SYNC",
        "purpose": "Keeps notes on the device",
        "type": "impl-component",
    },
    "CMP_SYNC": {
        "affects_back": ["RISK_CONFLICT"],
        "change": "modified",
        "implements": ["FR_002", "FR_003"],
        "mitigates": ["RISK_CONFLICT"],
        "plan": "PLAN_SYNC",
        "purpose": "Pushes and pulls changes",
        "type": "impl-component",
        "verifies_back": ["TEST_1"],
    },
    "CON_1": {
        "addresses": ["FR_001"],
        "kind": "security",
        "plan": "PLAN_SYNC",
        "type": "impl-consideration",
    },
    "DEC_0": {
        "choice": "Refuse conflicting writes",
        "plan": "PLAN_SYNC",
        "status": "superseded",
        "supersedes_back": ["DEC_2"],
        "type": "impl-decision",
    },
    "DEC_1": {
        "addresses": ["FR_003"],
        "alternatives": ["CRDT", "manual merge"],
        "choice": "Last writer wins with revisions kept",
        "mitigates": ["RISK_CONFLICT"],
        "plan": "PLAN_SYNC",
        "status": "accepted",
        "type": "impl-decision",
    },
    "DEC_2": {
        "choice": "Keep DEC_1",
        "plan": "PLAN_SYNC",
        "status": "accepted",
        "supersedes": ["DEC_0"],
        "type": "impl-decision",
    },
    "ENT_NOTE": {
        "fields": ["id", "title", "body", "updated_at"],
        "implements": ["FR_001"],
        "plan": "PLAN_SYNC",
        "relates_back": ["ENT_REVISION"],
        "type": "impl-entity",
    },
    "ENT_REVISION": {
        "fields": ["note_id", "created_at"],
        "plan": "PLAN_SYNC",
        "relates": ["ENT_NOTE"],
        "type": "impl-entity",
    },
    "FR_001": {
        "addresses_back": ["CON_1"],
        "implements_back": ["CMP_STORE", "ENT_NOTE", "PH_1", "TECH_1"],
        "type": "req",
    },
    "FR_002": {
        "implements_back": ["API_CHANGES", "API_SYNC", "CMP_SYNC", "PH_2", "RO_1"],
        "type": "req",
        "verifies_back": ["TEST_1"],
    },
    "FR_003": {
        "addresses_back": ["DEC_1"],
        "affects_back": ["RISK_CONFLICT"],
        "implements_back": ["CMP_SYNC", "PH_2"],
        "type": "req",
        "verifies_back": ["TEST_2"],
    },
    "MET_1": {
        "baseline": "5 s",
        "measures": ["NFR_001"],
        "plan": "PLAN_SYNC",
        "target": "p95 under 2 s",
        "type": "impl-metric",
    },
    "NFR_001": {"measures_back": ["MET_1"], "type": "req"},
    "PH_1": {
        "completion": 67,
        "deliverables_done": 2,
        "deliverables_total": 3,
        "depends_back": ["PH_2"],
        "duration": 14,
        "end": "2027-01-17",
        "goal": "Notes stored locally",
        "implements": ["FR_001"],
        "plan": "PLAN_SYNC",
        "start": "2027-01-04",
        "status": "in-progress",
        "type": "impl-phase",
    },
    "PH_2": {
        "affects_back": ["RISK_OFFLINE"],
        "completion": 0,
        "deliverables_done": 0,
        "deliverables_total": 2,
        "depends": ["PH_1"],
        "depends_back": ["PH_3"],
        "duration": 21,
        "end": "2027-02-07",
        "goal": "Changes reach the server",
        "implements": ["FR_002", "FR_003"],
        "plan": "PLAN_SYNC",
        "start": "2027-01-18",
        "status": "planned",
        "type": "impl-phase",
        "verifies_back": ["TEST_2"],
    },
    "PH_3": {
        "completion": 100,
        "deliverables_done": 1,
        "deliverables_total": 1,
        "depends": ["PH_2"],
        "duration": 21,
        "end": "2027-02-28",
        "mitigates": ["RISK_OFFLINE"],
        "plan": "PLAN_SYNC",
        "start": "2027-02-08",
        "status": "done",
        "type": "impl-phase",
    },
    "PLAN_SYNC": {
        "owner": "Dana",
        "plan": "PLAN_SYNC",
        "spec": ["specs/sync"],
        "status": "in-progress",
        "type": "impl-plan",
        "updated": "2026-11-02",
        "version": "0.3",
    },
    "RISK_BATTERY": {
        "band": "low",
        "impact": "low",
        "likelihood": "medium",
        "mitigation": "Sync only on Wi-Fi when the battery is low",
        "plan": "PLAN_SYNC",
        "score": 2,
        "status": "open",
        "type": "impl-risk",
    },
    "RISK_CONFLICT": {
        "affects": ["CMP_SYNC", "FR_003"],
        "band": "high",
        "impact": "high",
        "likelihood": "medium",
        "mitigates_back": ["CMP_SYNC", "DEC_1", "TEST_2"],
        "owner": "Sam",
        "plan": "PLAN_SYNC",
        "score": 6,
        "status": "open",
        "type": "impl-risk",
    },
    "RISK_OFFLINE": {
        "affects": ["PH_2"],
        "band": "high",
        "impact": "medium",
        "likelihood": "high",
        "mitigates_back": ["PH_3"],
        "plan": "PLAN_SYNC",
        "score": 6,
        "status": "mitigated",
        "type": "impl-risk",
    },
    "RO_1": {
        "audience": "Staff",
        "implements": ["FR_002"],
        "plan": "PLAN_SYNC",
        "stage": 1,
        "type": "impl-rollout",
    },
    "TECH_1": {
        "implements": ["FR_001"],
        "layer": "database",
        "plan": "PLAN_SYNC",
        "purpose": "Local storage",
        "type": "impl-tech",
        "version": "3.45",
    },
    "TEST_1": {
        "level": "e2e",
        "plan": "PLAN_SYNC",
        # no test results are read: every test is not run
        "result": "not run",
        "type": "impl-test",
        "verifies": ["API_SYNC", "CMP_SYNC", "FR_002"],
    },
    "TEST_2": {
        "level": "integration",
        "mitigates": ["RISK_CONFLICT"],
        "plan": "PLAN_SYNC",
        "result": "not run",
        "type": "impl-test",
        "verifies": ["FR_003", "PH_2"],
    },
}


def contract_view(need: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in need.items()
        if key in CONTRACT_FIELDS and value is not None and value != []
    }


def check_needs(needs: dict[str, dict[str, Any]]) -> None:
    assert set(needs) == set(EXPECTED)
    for need_id, expected in EXPECTED.items():
        assert contract_view(needs[need_id]) == expected, need_id
    # every item type of the contract is there
    assert {need["type"] for need in needs.values()} == {
        *(item.directive for item in ITEM_TYPES),
        "req",
    }
    assert {needs[i]["docname"] for i in ("PH_1", "RISK_OFFLINE", "FR_001")} == {
        "phases",
        "risks",
        "specs/sync",
    }


@pytest.mark.sphinx("needs", testroot="contract", freshenv=True)
def test_needs_build(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    assert build_warnings(app) == []
    check_needs(read_needs(app))


@pytest.mark.sphinx(
    "html", testroot="contract", freshenv=True, confoverrides={"needs_build_json": True}
)
def test_html_build(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    assert build_warnings(app) == []
    needs = read_needs(app)
    check_needs(needs)
    pages: dict[str, str] = {}
    for need_id, need in needs.items():
        if need["type"] == "req":
            continue
        html = pages.setdefault(need["docname"], read_html(app, need["docname"]))
        assert visible_text(card_html(html, need_id)).startswith(
            f"{need['type_name']} {need['title']} {need_id}"
        )
    spec = visible_text(read_html(app, "specs/sync"))
    assert "implemented by: CMP_STORE , ENT_NOTE , PH_1 , TECH_1" in spec
    assert "measured by: MET_1" in spec
