"""Option values through a real build (guide: Values).

``roots/test-values``: ``accepted.md`` writes every kind of value in an accepted,
often loose, spelling; ``rejected.md`` and ``rejected-rst.rst`` give each item one
value that is not allowed beside one that is. Accepted values are stored in their
normal form; each rejected one warns at its directive's line, is dropped, and the
item is kept with the rest of its values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_again, build_warnings, copy_root, edit, line_of, read_needs

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

#: need id -> fields as needs.json must store them
ACCEPTED: dict[str, dict[str, Any]] = {
    "PLAN_OK": {"status": "complete", "updated": "2026-02-28", "spec": ["requirements"]},
    "PH_SPACE": {"status": "in-progress"},
    "PH_UNDERSCORE": {"status": "in-progress"},
    "PH_BLOCKED": {"status": "blocked"},
    "PH_2_WEEKS": {"duration": 14, "start": "2027-01-04", "end": "2027-01-17"},
    "PH_10D": {"duration": 10, "end": "2027-01-13"},
    "PH_3W": {"duration": 21, "end": "2027-01-24"},
    "PH_5_DAYS": {"duration": 5, "end": "2027-01-08"},
    "PH_1_DAY": {"duration": 1, "end": "2027-01-04"},
    "DEC_OK": {"status": "accepted", "alternatives": ["polling", "webhooks", "push"]},
    "RISK_OK": {
        "impact": "high",
        "likelihood": "low",
        "score": 3,
        "band": "medium",
        "status": "mitigated",
    },
    "TEST_E2E": {"level": "e2e", "verifies": ["FR_001", "FR_002"]},
    "TEST_PERF": {"level": "performance"},
    "API_TITLE": {"method": "POST", "path": "/api/sessions", "title": "POST /api/sessions"},
    "API_PLAIN": {"method": None, "path": None, "title": "Health check of the service"},
    "API_LOWER": {"method": "POST", "path": "/api/sessions"},
    "API_DELETE": {"method": "DELETE", "path": "/api/sessions/{id}"},
    "CMP_OK": {"change": "new"},
    "TECH_OK": {"layer": "infrastructure"},
    "CON_OK": {"kind": "accessibility"},
    "CHG_OK": {"date": "2024-02-29"},
    "RO_OK": {"stage": 12},
    "ENT_OK": {"fields": ["id", "user", "expires"]},
}

#: (file, text on the directive's line, what the warning says, need id, stored fields)
REJECTED: list[tuple[str, str, str, str, dict[str, Any]]] = [
    ("rejected.md", "Plan with bad values", ":status: 'wip'", "PLAN_BAD", {"status": "draft"}),
    ("rejected.md", "Plan with bad values", ":updated: '02/11/2026'", "PLAN_BAD", {"updated": None}),
    ("rejected.md", "Plan with bad values", ":spec: 'nowhere'", "PLAN_BAD", {"spec": None, "owner": "kept"}),
    ("rejected.md", "Bad phase status", ":status: 'Finished'", "PH_BAD_STATUS", {"status": "planned", "goal": "kept"}),
    ("rejected.md", "Bad decision status", ":status: 'maybe'", "DEC_BAD_STATUS", {"status": "proposed", "choice": "kept"}),
    ("rejected.md", "Bad risk status", ":status: 'whatever'", "RISK_BAD_STATUS", {"status": "open", "score": 1}),
    ("rejected.md", "Bad impact", ":impact: 'severe'", "RISK_BAD_IMPACT", {"impact": None, "likelihood": "low", "score": None, "band": None}),
    ("rejected.md", "Bad likelihood", ":likelihood: '7'", "RISK_BAD_LIKELIHOOD", {"likelihood": None, "impact": "low", "score": None}),
    ("rejected.md", "Bad change", ":change: 'changed'", "CMP_BAD", {"change": None, "purpose": "kept"}),
    ("rejected.md", "Bad method", ":method: 'FETCH'", "API_BAD", {"method": None, "path": "/kept"}),
    ("rejected.md", "Bad test level", ":level: 'smoke'", "TEST_BAD", {"level": None, "verifies": ["FR_001"]}),
    ("rejected.md", "Bad layer", ":layer: 'cloud'", "TECH_BAD", {"layer": None, "purpose": "kept"}),
    ("rejected.md", "Bad kind", ":kind: 'legal'", "CON_BAD", {"kind": None, "addresses": ["FR_001"]}),
    ("rejected.md", "Not a real date", ":date: '2026-02-30'", "CHG_BAD_DATE", {"date": None}),
    ("rejected.md", "Not a date form", ":date: '2 Nov 2026'", "CHG_BAD_FORM", {"date": None}),
    ("rejected.md", "Bad start", ":start: '2027-13-01'", "PH_BAD_START", {"start": None, "goal": "kept"}),
    ("rejected.md", "Bad end", ":end: 'tomorrow'", "PH_BAD_END", {"end": None, "goal": "kept"}),
    ("rejected.md", "Zero duration", ":duration: '0d'", "PH_BAD_ZERO", {"duration": None, "goal": "kept"}),
    ("rejected.md", "Months", ":duration: '2 months'", "PH_BAD_MONTHS", {"duration": None, "goal": "kept"}),
    ("rejected.md", "Negative duration", ":duration: '-3d'", "PH_BAD_NEGATIVE", {"duration": None, "goal": "kept"}),
    ("rejected.md", "Fraction of a week", ":duration: '1.5w'", "PH_BAD_FRACTION", {"duration": None, "goal": "kept"}),
    ("rejected.md", "Stage zero", ":stage: '0'", "RO_BAD_ZERO", {"stage": None, "audience": "kept"}),
    ("rejected.md", "Stage in words", ":stage: 'two'", "RO_BAD_WORD", {"stage": None, "audience": "kept"}),
    ("rejected.md", "Unknown option", ":colour:", "CMP_UNKNOWN", {"purpose": "kept"}),
    ("rejected.md", "Option of another type", ":goal:", "RISK_FOREIGN", {"goal": None, "score": 1}),
    ("rejected.md", "Option of another type", ":duration:", "RISK_FOREIGN", {"duration": None}),
    ("rejected.md", "Bad link entry", "'FR 001'", "CMP_BAD_LINK", {"implements": [], "purpose": "kept"}),
    ("rejected.md", "FETCH /api/things", ":method: 'FETCH', read from the title 'FETCH /api/things', is not an HTTP method; use one of: GET, POST", "API_BAD_TITLE", {"method": None, "path": "/kept", "title": "FETCH /api/things"}),
    ("rejected-rst.rst", "Bad impact in rST", ":impact: 'severe'", "RISK_RST", {"impact": None, "likelihood": "low"}),
    ("rejected-rst.rst", "Bad duration in rST", ":duration: 'soon'", "PH_RST", {"duration": None, "goal": "kept", "content": "Body text stays."}),
    ("rejected-rst.rst", "FETCH /api/things", ":method: 'fetch'", "API_RST", {"method": None, "path": None}),
]  # fmt: skip


@pytest.mark.sphinx("needs", testroot="values", freshenv=True)
def test_values_through_a_build(app: SphinxTestApp) -> None:
    app.build()
    needs = read_needs(app)
    warnings = build_warnings(app)

    # accepted spellings: stored in normal form, and no warning for them
    assert [warning for warning in warnings if warning.file == "accepted.md"] == []
    for need_id, expected in ACCEPTED.items():
        assert {key: needs[need_id].get(key) for key in expected} == expected, need_id

    # rejected: a value warning at the directive's line; the rest of the item is kept
    expected_warnings = []
    for file, marker, says, need_id, stored in REJECTED:
        line = line_of(app, file, marker)
        found = [
            warning
            for warning in warnings
            if (warning.file, warning.line) == (file, line) and says in warning.message
        ]
        assert len(found) == 1, f"{need_id}: {says}"
        # each names its item by the item's id, dates as every other value
        assert found[0].message.startswith(f"{need_id}: "), found[0].message
        expected_warnings += found
        assert needs[need_id]["lineno"] == line
        assert {key: needs[need_id].get(key) for key in stored} == stored, need_id
    assert {warning.subtype for warning in expected_warnings} == {"implplan.value"}

    # an id that is not valid is replaced by a generated one of the type's prefix
    line = line_of(app, "rejected.md", "{impl-component} Bad id")
    bad_id = [w for w in warnings if (w.file, w.line) == ("rejected.md", line)]
    assert [w.subtype for w in bad_id] == ["implplan.value"]
    # named by its type: it has no id of its own
    assert bad_id[0].message.startswith("impl-component: 'bad id' is not a valid id")
    (generated,) = [need for need in needs.values() if need["title"] == "Bad id"]
    assert generated["id"].startswith("CMP_")
    assert generated["purpose"] == "kept"

    # nothing else was warned about
    assert sorted(warnings) == sorted([*expected_warnings, *bad_id])


def test_a_number_of_thousands_of_digits_is_refused_through_a_build(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """More digits than Python converts to a number: refused at the item's line, the
    item kept, and no traceback (``build_again`` checks that)."""
    project = copy_root("minimal", tmp_path / "minimal")
    huge = "9" * 5000
    edit(project / "index.md", ":duration: 1w", f":duration: {huge}d")
    with (project / "index.md").open("a", encoding="utf8") as index:
        index.write(f"\n```{{impl-rollout}} Far stage\n:id: RO_FAR\n:stage: {huge}\n```\n")
    app = build_again(make_app, project, "needs")
    duration, stage = sorted(build_warnings(app))
    assert duration[:3] == ("index.md", line_of(app, "index.md", "Only phase"), "implplan.value")
    assert duration.message.startswith(f"PH_1: :duration: {huge[:20]!r} ... ")
    assert duration.message.endswith("(5,001 characters) is longer than 36525 days (100 years)")
    assert stage[:3] == ("index.md", line_of(app, "index.md", "Far stage"), "implplan.value")
    assert stage.message.endswith(
        "(5,000 characters) is not a valid stage: it has more than 100 digits; use a whole "
        "number from 1"
    )
    needs = read_needs(app)
    assert needs["PH_1"]["duration"] is None
    assert needs["PH_1"]["deliverables_total"] == 2
    assert needs["RO_FAR"]["stage"] is None
    assert needs["RO_FAR"]["plan"] == "PLAN_MIN"
