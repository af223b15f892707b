"""Projects that define what the extension would add: their definition wins, silently.

``roots/test-own-field`` declares its own ``owner`` field in ``needs_fields``;
``roots/test-own-type`` its own ``impl-risk`` need type (title ``Project risk``,
prefix ``PR_``). Both build without a single warning and the items still work.
Listing ``sphinx_needs`` in ``extensions`` beside ``sphinx_implplan`` works too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from build_helpers import (
    build_warnings,
    card_html,
    read_html,
    read_needs,
    read_needs_schema,
    visible_text,
)

if TYPE_CHECKING:
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
