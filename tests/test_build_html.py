"""Cards in HTML, under the default theme and furo, and odd input that must not crash.

``roots/test-links`` supplies items linked every way (``plan.md``) to requirements of
sphinx-needs' own types (``specs.md``); ``roots/test-edge`` holds empty, odd and
wrong input in MyST and rST.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from build_helpers import (
    assert_no_traceback,
    build_warnings,
    card_html,
    read_html,
    read_needs,
    visible_text,
)

import sphinx_implplan
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

WITH_JSON = {"needs_build_json": True}
STATIC = Path(sphinx_implplan.__file__).parent / "static"

#: need id -> texts its card shows, in this order (own fields, then links both ways)
CARDS: dict[str, list[str]] = {
    "RISK_1": [
        "Risk Data loss RISK_1 open",
        "impact : high likelihood : medium score : 6 (high)",
        "plan : PLAN_L",
        "affects : API_1 , CMP_1 , FR_001 , PH_1",
        "mitigated by : CMP_1 , DEC_1 , PH_1 , TEST_1",
    ],
    "PH_1": [
        "Phase Foundation PH_1 in-progress",
        "goal : A local store start : 2027-01-04 end : 2027-01-17 duration : 14 days",
        "progress : 1/3 deliverables done (33 %)",
        "implements : FR_001",
        "affected by : RISK_1",
        "mitigates : RISK_1",
        "verified by : TEST_1",
        "required by : PH_2",
        "[x] Schema [ ] Tests [ ] Review",
    ],
    "DEC_1": [
        "Decision Conflicts DEC_1 accepted",
        "choice : Last writer wins alternatives : CRDT, manual merge",
        "addresses : FR_001",
        "superseded by : DEC_2",
    ],
    "DEC_2": ["Decision Conflicts, revised DEC_2 proposed", "supersedes : DEC_1"],
    "ENT_1": ["Entity Note ENT_1", "implements : FR_001", "related from : ENT_2"],
    "ENT_2": ["Entity Revision ENT_2", "relates to : ENT_1"],
    "API_1": ["API endpoint POST /api/sync API_1", "method : POST path : /api/sync"],
    "TEST_1": ["Test Round trip TEST_1", "level : e2e", "verifies : API_1 , CMP_1 , FR_001 , PH_1"],
    "MET_1": ["Success metric Latency MET_1", "target : 2 s", "measures : SPEC_1"],
    "PLAN_L": ["Implementation plan Linked plan PLAN_L draft", "spec : Specification"],
}  # fmt: skip


def in_order(text: str, parts: list[str]) -> bool:
    position = 0
    for part in parts:
        position = text.find(part, position)
        if position == -1:
            return False
        position += len(part)
    return True


@pytest.mark.sphinx("html", testroot="links", freshenv=True, confoverrides=WITH_JSON)
def test_cards(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    assert {warning.file for warning in build_warnings(app)} == {"wrong.md"}
    html = read_html(app, "plan")
    needs = read_needs(app)

    # every item of the page has a card headed by its type, title, id (and status)
    for need_id, need in needs.items():
        if need["docname"] != "plan":
            continue
        header = f"{ITEM_TYPES_BY_DIRECTIVE[need['type']].title} {need['title']} {need_id}"
        assert visible_text(card_html(html, need_id)).startswith(header), need_id

    for need_id, parts in CARDS.items():
        text = visible_text(card_html(html, need_id))
        assert in_order(text, parts), f"{need_id}: {text}"

    # the links are links: to the same page, and to the requirement's page
    risk = card_html(html, "RISK_1")
    assert 'href="#PH_1"' in risk
    assert 'href="specs.html#FR_001"' in risk
    assert 'href="#TEST_1"' in risk
    assert "implplan-band-high" in risk.split(">", 1)[0]
    plan = card_html(html, "PLAN_L")
    assert 'href="specs.html"' in plan
    assert '<span class="target" id="PLAN_L"></span>' in plan

    # sphinx-needs' own requirement shows the back-links of the plan items
    specs = read_html(app, "specs")
    requirement = visible_text(specs[specs.find('id="FR_001"') : specs.find('id="SPEC_1"')])
    assert "implemented by: CMP_1 , ENT_1 , PH_1 , RO_1" in requirement
    assert "addressed by: DEC_1" in requirement
    assert "verified by: TEST_1" in requirement
    assert 'href="plan.html#CMP_1"' in specs

    # the stylesheet is linked and copied
    assert "_static/implplan.css" in html
    assert (app.outdir / "_static" / "implplan.css").is_file()


@pytest.mark.sphinx(
    "html",
    testroot="links",
    freshenv=True,
    confoverrides={**WITH_JSON, "html_theme": "furo"},
)
def test_cards_under_furo(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    assert {warning.file for warning in build_warnings(app)} == {"wrong.md"}
    html = read_html(app, "plan")
    assert "furo" in html
    assert "_static/implplan.css" in html
    for need_id, parts in CARDS.items():
        assert in_order(visible_text(card_html(html, need_id)), parts), need_id


#: items of roots/test-edge that must be kept, whatever is odd about them
EDGE_ITEMS = (
    "API_EMPTY_PATH",
    "PH_EMPTY",
    "PLAN_EMPTY",
    "PH_OUTSIDE",
    "PLAN_OUTSIDE",
    "PH_OUTER",
    "RISK_NESTED",
    "PH_NESTED",
    "RISK_HIDDEN",
    "RISK_COLLAPSED",
    "CHG_TWICE",
    "PH_MARKUP",
    "PH_CALENDAR_END",
    "PH_HUGE",
    "PH_AFTER_END",
    "RO_HUGE",
    "PH_UPPER",
    "RISK_PART",
    "PH_RST_MARKUP",
    "RISK_RST_NESTED",
    "PH_LONELY",
)


def check_edge_needs(needs: dict[str, dict[str, object]]) -> None:
    for need_id in EDGE_ITEMS:
        assert need_id in needs, need_id
    # the untitled items, in both documents, each kept under an id of its own
    untitled = sorted(
        (need["docname"], need["type"]) for need in needs.values() if not need["title"]
    )
    assert untitled == [
        ("odd", "impl-decision"),
        ("odd", "impl-phase"),
        ("odd", "impl-plan"),
        ("odd", "impl-risk"),
        ("odd-rst", "impl-phase"),
        ("odd-rst", "impl-plan"),
        ("odd-rst", "impl-risk"),
    ]
    # a phase counts its own deliverables, not those of a phase nested in it
    outer = needs["PH_OUTER"]
    assert (outer["deliverables_done"], outer["deliverables_total"], outer["status"]) == (
        1,
        1,
        "done",
    )
    assert needs["PH_NESTED"]["deliverables_total"] == 1
    assert needs["PH_MARKUP"]["tags"] == ["a", "b"]


@pytest.mark.sphinx("html", testroot="edge", freshenv=True, confoverrides=WITH_JSON)
def test_odd_input_html(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    warnings = build_warnings(app)
    assert {warning.subtype for warning in warnings} <= {
        "implplan.value",
        "implplan.missing",
        "implplan.plan",
        "implplan.link",
        "implplan.unmitigated",
        "implplan.schedule",
        "docutils",
    }
    assert [w.file for w in warnings if w.subtype == "docutils"] == ["odd-rst.rst"]
    # the one schedule problem: a phase whose end would fall past the calendar's end
    scheduled = [w.message for w in warnings if w.subtype == "implplan.schedule"]
    assert len(scheduled) == 1
    assert scheduled[0].startswith("PH_CALENDAR_END:")
    needs = read_needs(app)
    check_edge_needs(needs)
    html = read_html(app, "odd")
    # a card for every visible item on the page, a nested item's card inside its parent's
    for need_id, need in needs.items():
        if need["docname"] == "odd" and need_id not in {"RISK_HIDDEN", "CHG_TWICE"}:
            assert f"{need_id}" in visible_text(card_html(html, need_id))
    assert 'id="RISK_NESTED"' in card_html(html, "PH_OUTER")
    assert 'id="RISK_HIDDEN"' not in html
    assert "Same id twice" in visible_text(card_html(html, "CHG_TWICE"))


@pytest.mark.sphinx("needs", testroot="edge", freshenv=True)
def test_odd_input_needs(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    check_edge_needs(read_needs(app))


@pytest.mark.sphinx("html", testroot="minimal", freshenv=True)
def test_stylesheet_of_an_older_release_is_replaced(app: SphinxTestApp) -> None:
    app.build()
    stylesheet = app.outdir / "_static" / "implplan.css"
    stylesheet.write_text("/* left by an older release */\n", encoding="utf8")
    app.build()
    assert build_warnings(app) == []
    assert stylesheet.read_bytes() == (STATIC / "implplan.css").read_bytes()
