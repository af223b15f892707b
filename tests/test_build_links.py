"""The nine link types: outgoing links, back-links and allowed targets, in needs.json.

``roots/test-links`` declares its own need types (``req``, ``spec``, ``story``) and
``implplan_requirement_types = ["req", "spec"]``. ``plan.md`` uses every link type
to every kind of target it allows; ``wrong.md`` gives each link type one target of a
type it does not allow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from build_helpers import build_warnings, line_of, read_needs

from sphinx_implplan.plan.itemtypes import LINK_TYPES

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

#: link type -> (source, target) pairs written in plan.md: every allowed target kind
LINKS: dict[str, set[tuple[str, str]]] = {
    "implements": {
        ("CMP_1", "FR_001"),
        ("ENT_1", "FR_001"),
        ("API_1", "SPEC_1"),
        ("PH_1", "FR_001"),
        ("RO_1", "FR_001"),
        ("TECH_1", "SPEC_1"),
    },
    "addresses": {("DEC_1", "FR_001"), ("CON_1", "SPEC_1")},
    "affects": {("RISK_1", "FR_001"), ("RISK_1", "PH_1"), ("RISK_1", "CMP_1"), ("RISK_1", "API_1")},
    "mitigates": {("CMP_1", "RISK_1"), ("PH_1", "RISK_1"), ("DEC_1", "RISK_1"), ("TEST_1", "RISK_1")},
    "verifies": {("TEST_1", "FR_001"), ("TEST_1", "CMP_1"), ("TEST_1", "API_1"), ("TEST_1", "PH_1")},
    "measures": {("MET_1", "SPEC_1")},
    "depends": {("PH_2", "PH_1")},
    "supersedes": {("DEC_2", "DEC_1")},
    "relates": {("ENT_2", "ENT_1")},
}  # fmt: skip

#: (text on the item's line in wrong.md, link type, target, the target's type)
WRONG: list[tuple[str, str, str, str]] = [
    ("Implements a phase", "implements", "PH_1", "impl-phase"),
    ("Implements a user story", "implements", "STORY_1", "story"),
    ("Addresses a component", "addresses", "CMP_1", "impl-component"),
    ("Affects a test", "affects", "TEST_1", "impl-test"),
    ("Mitigates a requirement", "mitigates", "FR_001", "req"),
    ("Verifies a metric", "verifies", "MET_1", "impl-metric"),
    ("Measures a phase", "measures", "PH_1", "impl-phase"),
    ("Depends on a risk", "depends", "RISK_1", "impl-risk"),
    ("Supersedes a phase", "supersedes", "PH_1", "impl-phase"),
    ("Relates to a component", "relates", "CMP_1", "impl-component"),
]


@pytest.mark.sphinx("needs", testroot="links", freshenv=True)
def test_links_and_back_links(app: SphinxTestApp) -> None:
    app.build()
    needs = read_needs(app)
    assert set(LINKS) == {link.name for link in LINK_TYPES}

    in_plan = {need_id for need_id, need in needs.items() if need["docname"] == "plan"}
    for link_type, pairs in LINKS.items():
        written = {(need_id, target) for need_id in in_plan for target in needs[need_id][link_type]}
        assert written == pairs, link_type
        # each back-link stands on the target, from every item of the plan linking to it
        for source, target in pairs:
            assert source in needs[target][f"{link_type}_back"], (link_type, source, target)
        back = {
            (source, need_id)
            for need_id, need in needs.items()
            for source in need[f"{link_type}_back"]
            if source in in_plan
        }
        assert back == pairs, link_type

    # the examples of the contract, spelled out
    assert sorted(needs["FR_001"]["implements_back"]) == ["CMP_1", "ENT_1", "PH_1", "RO_1"]
    assert sorted(needs["SPEC_1"]["implements_back"]) == ["API_1", "TECH_1"]
    assert needs["SPEC_1"]["measures_back"] == ["MET_1"]
    assert needs["CMP_1"]["verifies_back"] == ["TEST_1"]
    # the phase depending on another starts the day after it ends
    assert (needs["PH_2"]["start"], needs["PH_2"]["end"]) == ("2027-01-18", "2027-01-24")


@pytest.mark.sphinx("needs", testroot="links", freshenv=True)
def test_targets_of_the_wrong_type(app: SphinxTestApp) -> None:
    app.build()
    warnings = build_warnings(app)
    # nothing in plan.md is warned about: a spec is a requirement here
    assert [warning for warning in warnings if warning.file != "wrong.md"] == []
    assert len(warnings) == len(WRONG)
    for marker, link_type, target, target_type in WRONG:
        line = line_of(app, "wrong.md", marker)
        (warning,) = [w for w in warnings if w.line == line]
        assert warning.subtype == "implplan.link"
        assert f":{link_type}: {target!r} is of type {target_type}" in warning.message
    # a story is not a requirement: the warning names the types that are
    (story,) = [w for w in warnings if "STORY_1" in w.message]
    assert story.message.endswith(":implements: links to req, spec; the link is dropped")


@pytest.mark.sphinx("needs", testroot="links", freshenv=True)
def test_wrong_type_links_are_dropped(app: SphinxTestApp) -> None:
    app.build()
    needs = read_needs(app)
    wrong_items = {need_id for need_id, need in needs.items() if need["docname"] == "wrong"}
    assert wrong_items
    for _marker, link_type, target, _target_type in WRONG:
        # no item of wrong.md keeps the link, and so no false back-link appears
        assert not [i for i in wrong_items if target in needs[i][link_type]], link_type
        assert not wrong_items & set(needs[target][f"{link_type}_back"]), link_type


@pytest.mark.sphinx(
    "needs",
    testroot="links",
    freshenv=True,
    confoverrides={"implplan_requirement_types": ["req", "story"]},
)
def test_requirement_types_decide_the_targets(app: SphinxTestApp) -> None:
    app.build()
    warnings = build_warnings(app)
    # a story is a requirement now, and a spec is not
    assert not [w for w in warnings if "STORY_1" in w.message]
    spec_links = sorted(w.message.split(":")[0] for w in warnings if "'SPEC_1'" in w.message)
    assert spec_links == ["API_1", "CON_1", "MET_1", "TECH_1"]
    assert all(w.subtype == "implplan.link" for w in warnings)
