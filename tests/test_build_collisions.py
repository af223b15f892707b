"""Projects that define what the extension would add: their definition wins.

``roots/test-own-field`` declares its own ``owner`` field in ``needs_fields``;
``roots/test-own-type`` its own ``impl-risk`` need type (title ``Project risk``,
prefix ``PR_``). Both build without a single warning and the items still work.
Listing ``sphinx_needs`` in ``extensions`` beside ``sphinx_implplan`` works too.

``roots/test-own-field-forms`` declares fields of the extension's names in a form
that cannot hold what it stores (a text ``score``, a whole-number ``plan``, a text
``stage``): each is warned about once, left to the project, and every item is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from build_helpers import (
    build_again,
    build_warnings,
    card_html,
    copy_root,
    line_of,
    needs_in,
    read_html,
    read_needs,
    read_needs_schema,
    view_text,
    visible_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

#: the HTML builder writes needs.json too, so one build shows both
WITH_JSON = {"needs_build_json": True}


@pytest.mark.sphinx("html", testroot="own-field", freshenv=True, confoverrides=WITH_JSON)
def test_project_defines_the_owner_field(app: SphinxTestApp) -> None:
    app.build()
    assert build_warnings(app) == []
    needs = read_needs(app)
    owners = {need_id: need["owner"] for need_id, need in needs.items()}
    # on the project's own need, on items that take :owner:, and on one that does not
    # (the project's field is every type's)
    assert owners == {
        "FR_001": "Platform team",
        "PLAN_1": "Dana",
        "RISK_1": "Sam",
        "PH_1": "Platform team",
    }
    owner = read_needs_schema(app)["properties"]["owner"]
    assert owner["description"] == "The team that answers for the need"
    # the items still work
    assert (needs["RISK_1"]["score"], needs["RISK_1"]["band"]) == (3, "medium")
    assert needs["PH_1"]["end"] == "2027-01-08"
    assert needs["FR_001"]["affects_back"] == ["RISK_1"]
    card = visible_text(card_html(read_html(app, "index"), "RISK_1"))
    assert "owner : Sam" in card


@pytest.mark.sphinx("html", testroot="own-type", freshenv=True, confoverrides=WITH_JSON)
def test_project_defines_the_impl_risk_type(app: SphinxTestApp) -> None:
    app.build()
    assert build_warnings(app) == []
    needs = read_needs(app)
    risks = {need_id: need for need_id, need in needs.items() if need["type"] == "impl-risk"}
    assert {need["type_name"] for need in risks.values()} == {"Project risk"}
    (generated,) = [need_id for need_id in risks if need_id != "RISK_1"]
    assert generated.startswith("PR_")
    # the items still work: levels, score, plan, links both ways
    assert (risks["RISK_1"]["impact"], risks["RISK_1"]["score"]) == ("high", 9)
    assert risks["RISK_1"]["band"] == "high"
    assert (risks[generated]["score"], risks[generated]["band"]) == (2, "low")
    assert {need["plan"] for need in risks.values()} == {"PLAN_1"}
    assert risks["RISK_1"]["mitigates_back"] == ["PH_1"]
    assert needs["FR_001"]["affects_back"] == ["RISK_1"]
    html = read_html(app, "index")
    for need_id in risks:
        card = visible_text(card_html(html, need_id))
        assert card.startswith("Project risk ")
    assert "mitigated by : PH_1" in visible_text(card_html(html, "RISK_1"))


def listing(*extensions: str) -> pytest.MarkDecorator:
    return pytest.mark.sphinx(confoverrides={**WITH_JSON, "extensions": list(extensions)})


@pytest.mark.parametrize(
    "first",
    [
        pytest.param("sphinx_needs", marks=listing("sphinx_needs", "myst_parser", "sphinx_implplan")),
        pytest.param("sphinx_implplan", marks=listing("myst_parser", "sphinx_implplan", "sphinx_needs")),
    ],
)  # fmt: skip
@pytest.mark.sphinx("html", testroot="minimal", freshenv=True)
def test_sphinx_needs_listed_too(app: SphinxTestApp, first: str) -> None:
    app.build()
    names = [name for name in app.config.extensions if name.startswith("sphinx_")]
    assert names[0] == first
    assert build_warnings(app) == []
    needs = read_needs(app)
    assert needs["PH_1"]["plan"] == "PLAN_MIN"
    assert needs["PH_1"]["end"] == "2027-01-10"
    assert needs["FR_001"]["implements_back"] == ["PH_1"]
    assert "Only phase" in visible_text(card_html(read_html(app, "index"), "PH_1"))


#: the project's fields of other forms, and what the warning says goes without each
OWN_FORMS = {
    "plan": ("'integer'", "text", "no item belongs to a plan in the views, the cards and the report"),
    "score": ("'string'", "a whole number", "risks get no score"),
    "stage": ("'string'", "a whole number", ":stage: is passed on to it as written"),
}  # fmt: skip


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_project_field_of_another_form_is_left_to_the_project(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, parallel: int
) -> None:
    """sphinx-needs refuses a need whose value its field's schema cannot hold: the
    extension never stores its own values there, so no item is lost."""
    project = copy_root("own-field-forms", tmp_path / "own-field-forms")
    app = build_again(
        make_app, project, parallel=parallel, confoverrides={"needs_build_json": True}
    )
    warnings = build_warnings(app)
    config = sorted(warning for warning in warnings if warning.subtype == "implplan.config")
    # once each, with no place in a document: the configuration is read once
    assert [(warning.file, warning.line) for warning in config] == [("", None)] * 3
    expected = sorted(OWN_FORMS.items())
    for warning, (name, (theirs, ours, without)) in zip(config, expected, strict=True):
        assert warning.message == (
            f"needs_fields defines the field {name!r} as {theirs}, which cannot hold what "
            f"sphinx-implplan stores there ({ours}); the project's field is kept as it is, "
            f"and sphinx-implplan neither fills nor reads it: {without}"
        )
    # a :plan: the project's field cannot read: the item is kept without it
    kept_without, unmitigated = sorted(warning for warning in warnings if warning not in config)
    assert kept_without[:3] == (
        "plans.md",
        line_of(app, "plans.md", "cannot take"),
        "implplan.value",
    )
    assert kept_without.message.endswith("; the item is kept without :plan:")
    # a risk in band high, of no score the extension stores
    assert unmitigated == (
        "risks.md",
        line_of(app, "risks.md", "High and unmitigated"),
        "implplan.unmitigated",
        (
            "RISK_2: the risk is in band high and has neither :mitigation: nor an item "
            "that :mitigates: it"
        ),
    )

    needs = needs_in(app.outdir)
    assert set(needs) == {
        "FR_001", "PLAN_1", "PLAN_K", "PLAN_P", "PLAN_R", "RISK_1", "RISK_2", "PH_1", "RO_1",
        "RO_2", "RO_3", "CMP_NUMBER", "CMP_TEXT",
    }  # fmt: skip
    # nothing computed goes into the project's fields; what they take as written stays
    assert {need["plan"] for need_id, need in needs.items() if need_id != "CMP_NUMBER"} == {None}
    assert needs["CMP_NUMBER"]["plan"] == 3
    assert needs["CMP_TEXT"]["purpose"] == "kept"
    assert (needs["RISK_1"]["score"], needs["RISK_1"]["band"]) == (None, "medium")
    assert [needs[f"RO_{n}"]["stage"] for n in (1, 2, 3)] == ["1", "second", None]
    # a field of the project's in the extension's form is the extension's, as before
    assert needs["PLAN_1"]["owner"] == "Dana"
    # the rest of the items works
    phase = needs["PH_1"]
    assert (phase["deliverables_done"], phase["deliverables_total"]) == (1, 2)
    assert (phase["status"], phase["end"]) == ("in-progress", "2027-01-10")
    assert needs["FR_001"]["affects_back"] == ["RISK_1"]
    # the views show the plan's items: none belongs to it
    html = read_html(app, "tables")
    assert view_text(html, "impl-table", 0) == "No rollout stage items in Rollout plan (PLAN_R)."


#: the fields of ``roots/test-own-field-forms`` but its ``plan``
WITHOUT_PLAN = {
    "score": {"description": "A score of the project's", "schema": {"type": "string"}},
    "stage": {"description": "A stage name of the project's", "schema": {"type": "string"}},
}


@pytest.mark.sphinx("html", testroot="own-field-forms", freshenv=True)
@pytest.mark.sphinx(confoverrides={"needs_fields": WITHOUT_PLAN})
def test_the_views_never_read_a_value_of_the_project_s_form(app: SphinxTestApp) -> None:
    """The stages the project's text field holds, "1" and "second", are not the whole
    numbers the rollout table orders by, nor is there a score for the card to show."""
    app.build()
    warnings = build_warnings(app)
    assert sorted(warning.subtype for warning in warnings) == [
        *["implplan.config"] * 2,
        "implplan.plan",
        "implplan.unmitigated",
    ]
    (plan,) = [warning for warning in warnings if warning.subtype == "implplan.plan"]
    assert plan.message == "CMP_NUMBER: :plan: '3' is not the id of an impl-plan"
    html = read_html(app, "tables")
    rollouts = view_text(html, "impl-table", 0)
    for title in ("Second stage", "First stage", "Unstaged"):
        assert title in rollouts
    assert "Scored by the extension, stored nowhere" in view_text(html, "impl-table", 1)
    card = visible_text(card_html(read_html(app, "risks"), "RISK_1"))
    assert "likelihood : low" in card
    assert "score :" not in card
    stages = visible_text(card_html(read_html(app, "rollout"), "RO_2"))
    assert "stage :" not in stages
