"""Every directive written three ways: MyST backtick fences, MyST colon fences, rST.

``roots/test-syntaxes`` holds the same items in ``backtick.md``, ``colon.md`` and
``restructured.rst``; their ids end in ``_BT``, ``_CF`` and ``_RS``. With that suffix
normalised away, the three must give the same need (but for where it was written)
and the same card.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_warnings, card_html, read_html, read_needs

from sphinx_implplan.plan.itemtypes import ITEM_TYPES

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

SUFFIXES = {"_BT": "backtick", "_CF": "colon", "_RS": "restructured"}
_SUFFIX = re.compile(r"_(BT|CF|RS)\b")
_DOC_URI = re.compile(r"\b(backtick|colon|restructured)\.html")
#: where an item was written: the only fields allowed to differ between the syntaxes
LOCATION_FIELDS = {"docname", "lineno", "doctype"}

needs_build = pytest.mark.sphinx("needs", testroot="syntaxes", freshenv=True)
html_build = pytest.mark.sphinx("html", testroot="syntaxes", freshenv=True)


def normalised(value: Any) -> Any:
    """``value`` with every id suffix replaced by ``_X``."""
    if isinstance(value, str):
        return _SUFFIX.sub("_X", value)
    if isinstance(value, list):
        return [normalised(entry) for entry in value]
    if isinstance(value, dict):
        return {normalised(key): normalised(entry) for key, entry in value.items()}
    return value


def by_syntax(needs: dict[str, dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """normalised id -> suffix -> normalised need, for the items with a suffix."""
    groups: dict[str, dict[str, dict[str, Any]]] = {}
    for need_id, need in needs.items():
        for suffix in SUFFIXES:
            if need_id.endswith(suffix):
                groups.setdefault(normalised(need_id), {})[suffix] = normalised(need)
    return groups


@needs_build
def test_same_need_from_every_syntax(app: SphinxTestApp) -> None:
    app.build()
    assert build_warnings(app) == []
    needs = read_needs(app)
    for suffix, docname in SUFFIXES.items():
        in_doc = {need["type"] for need in needs.values() if need["docname"] == docname}
        assert in_doc == {item.directive for item in ITEM_TYPES}, suffix
        assert all(
            need_id.endswith(suffix)
            for need_id, need in needs.items()
            if need["docname"] == docname
        )

    groups = by_syntax(needs)
    assert len(groups) == 16
    for need_id, versions in groups.items():
        assert set(versions) == set(SUFFIXES), need_id
        backtick = {k: v for k, v in versions["_BT"].items() if k not in LOCATION_FIELDS}
        for suffix in ("_CF", "_RS"):
            other = {k: v for k, v in versions[suffix].items() if k not in LOCATION_FIELDS}
            assert other == backtick, f"{need_id}{suffix} differs from its backtick twin"
        doctypes = {suffix: version["doctype"] for suffix, version in versions.items()}
        assert doctypes == {"_BT": ".md", "_CF": ".md", "_RS": ".rst"}


#: what the backtick items must hold (the others equal them, see above)
EXPECTED_FIELDS: dict[str, dict[str, Any]] = {
    "PLAN_X": {
        "type": "impl-plan",
        "spec": ["requirements"],
        "updated": "2026-11-02",
        "owner": "Dana",
        "version": "1.2",
        "status": "in-progress",
        "tags": ["sync", "mobile"],
        "plan": "PLAN_X",
        "content": "Approach summary in one paragraph.",
    },
    "CMP_X": {
        "change": "modified",
        "purpose": "Keeps the local copy",
        "implements": ["FR_001"],
        "mitigates": ["RISK_X"],
        "plan": "PLAN_X",
        "content": "Body of the component.",
    },
    "ENT_X": {
        "fields": ["id", "title", "body"],
        "implements": ["FR_001"],
        "relates": ["ENT_2_X"],
    },
    "ENT_2_X": {"fields": ["note_id", "created"], "relates_back": ["ENT_X"]},
    "API_X": {"method": "POST", "path": "/api/sessions", "implements": ["FR_002"]},
    "PH_1_X": {
        "goal": "A working local store",
        "start": "2027-01-04",
        "end": "2027-01-17",
        "duration": 14,
        "deliverables_done": 1,
        "deliverables_total": 2,
        "completion": 50,
        "status": "in-progress",
        "depends_back": ["PH_2_X"],
    },
    "PH_2_X": {
        "depends": ["PH_1_X"],
        "start": "2027-01-18",
        "end": "2027-01-31",
        "duration": 14,
        "status": "planned",
    },
    "DEC_X": {
        "choice": "Last writer wins",
        "alternatives": ["CRDT", "manual merge"],
        "supersedes": ["DEC_OLD_X"],
        "addresses": ["FR_002"],
        "status": "accepted",
    },
    "DEC_OLD_X": {"status": "superseded", "supersedes_back": ["DEC_X"]},
    "RISK_X": {
        "impact": "high",
        "likelihood": "medium",
        "score": 6,
        "band": "high",
        "mitigation": "Keep every revision",
        "owner": "Sam",
        "status": "open",
        "affects": ["API_X", "CMP_X", "FR_001", "PH_1_X"],
    },
    "TEST_X": {"level": "e2e", "verifies": ["API_X", "CMP_X", "FR_001", "PH_1_X"]},
    "RO_X": {"stage": 2, "audience": "Beta users", "implements": ["FR_001"]},
    "MET_X": {"target": "under 2 s", "baseline": "5 s", "measures": ["FR_001"]},
    "TECH_X": {"layer": "database", "version": "3.45", "purpose": "Local storage"},
    "CON_X": {"kind": "security", "addresses": ["FR_001"]},
    "CHG_X": {"date": "2026-11-02", "plan": "PLAN_X"},
}


@needs_build
def test_stored_values(app: SphinxTestApp) -> None:
    app.build()
    groups = by_syntax(read_needs(app))
    assert set(EXPECTED_FIELDS) == set(groups)
    for need_id, expected in EXPECTED_FIELDS.items():
        need = groups[need_id]["_BT"]
        assert {key: need.get(key) for key in expected} == expected, need_id
    mitigated_by = sorted(groups["RISK_X"]["_BT"]["mitigates_back"])
    assert mitigated_by == ["CMP_X", "DEC_X", "PH_1_X", "TEST_X"]


@html_build
def test_same_card_from_every_syntax(app: SphinxTestApp) -> None:
    app.build()
    assert build_warnings(app) == []
    pages = {suffix: read_html(app, docname) for suffix, docname in SUFFIXES.items()}
    for need_id in EXPECTED_FIELDS:
        cards = {
            suffix: _DOC_URI.sub("DOC.html", normalised(card_html(page, need_id[:-1] + suffix[1:])))
            for suffix, page in pages.items()
        }
        assert "implplan-card-header" in cards["_BT"]
        assert cards["_CF"] == cards["_BT"], need_id
        assert cards["_RS"] == cards["_BT"], need_id
