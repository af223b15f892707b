"""The phase schedule through a real build (guide: Values, "Schedule").

``roots/test-schedule``: ``plan.md`` holds the plan and four phases; ``a_followup.md``,
read first, holds two phases that depend on phases of ``plan.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from build_helpers import build_warnings, card_html, read_html, read_needs, visible_text

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

#: phase -> (start, end, duration in days)
SCHEDULE: dict[str, tuple[str, str, int]] = {
    # 2w from 2027-01-04, the end day included
    "PH_1": ("2027-01-04", "2027-01-17", 14),
    # the day after its dependency ends
    "PH_2": ("2027-01-18", "2027-01-22", 5),
    # in another document, read before the phase it depends on
    "PH_3": ("2027-01-23", "2027-01-29", 7),
    # :end: wins over :duration: 3d
    "PH_4": ("2027-02-01", "2027-02-10", 10),
    # no start, no dependency: the plan's first phase start
    "PH_5": ("2027-01-04", "2027-01-04", 1),
    # the day after the later of its two dependencies ends
    "PH_6": ("2027-02-11", "2027-02-12", 2),
}


@pytest.mark.sphinx(
    "html", testroot="schedule", freshenv=True, confoverrides={"needs_build_json": True}
)
def test_schedule(app: SphinxTestApp) -> None:
    app.build()
    assert build_warnings(app) == []
    needs = read_needs(app)
    for phase_id, expected in SCHEDULE.items():
        need = needs[phase_id]
        assert (need["start"], need["end"], need["duration"]) == expected, phase_id
    assert needs["PH_3"]["docname"] == "a_followup"
    assert needs["PH_3"]["plan"] == "PLAN_S"
    assert sorted(needs["PH_6"]["depends"]) == ["PH_3", "PH_4"]
    assert needs["PH_2"]["depends_back"] == ["PH_3"]

    # the card shows the computed dates, and links to the phase in the other document
    card = card_html(read_html(app, "plan"), "PH_2")
    text = visible_text(card)
    assert "start : 2027-01-18 end : 2027-01-22 duration : 5 days" in text
    assert "required by : PH_3" in text
    assert 'href="a_followup.html#PH_3"' in card
