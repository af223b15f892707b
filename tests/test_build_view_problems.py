"""Invalid view options: each is an ``implplan.view`` warning at the view's line,
and the view is still drawn with the rest (guide: Warnings).

``roots/test-view-problems``: ``index.md`` holds one view per kind of mistake,
``plan.md`` the plan PLAN_A with an open and a closed risk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from build_helpers import assert_no_traceback, build_warnings, line_of, read_html, view_text

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="view-problems", freshenv=True)
def test_every_bad_option_is_warned_at_its_view(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    warnings = build_warnings(app)
    assert {w.subtype for w in warnings} == {"implplan.view"}
    assert {w.file for w in warnings} == {"index.md"}

    def at(marker: str) -> list[str]:
        line = line_of(app, "index.md", marker)
        return sorted(w.message for w in warnings if w.line == line)

    trace = at("{impl-traceability}")
    assert len(trace) == 8
    for expected in (
        "unknown option :colour:",
        ":layout: 'grid' is not a valid layout",
        ":show: 'some' is not a valid show value",
        ":min-coverage: '150' is not a percentage from 0 to 100",
        ":types: 'widget' is not an item type",
        ":types: impl-plan never links to a requirement",
        ":spec: 'nowhere' is not a document of this project",
        ":plan: 'PLAN_X' is not the id of an impl-plan",
    ):
        assert any(expected in message for message in trace), expected

    lines = (app.srcdir / "index.md").read_text(encoding="utf8").splitlines()
    starts = [number for number, text in enumerate(lines, start=1) if text.startswith("```{")]
    by_view = {line: sorted(w.message for w in warnings if w.line == line) for line in starts}
    risk_x, risk_two, table_none, table_gadget, table_cols, timeline, summary = starts[2:]
    assert by_view[risk_x] == [
        "impl-risk-matrix: :plan: 'PLAN_X' is not the id of an impl-plan; the view shows nothing"
    ]
    assert by_view[risk_two] == [
        "impl-risk-matrix: :include-closed: is a flag and takes no value",
        "impl-risk-matrix: :plan: 'PLAN_A, PLAN_B' must name exactly one plan id",
    ]
    assert by_view[table_none] == [
        (
            "impl-table: the required option :type: is missing; name the item type to "
            "list, e.g. :type: impl-risk"
        )
    ]
    assert by_view[table_gadget][0].startswith("impl-table: :type: 'gadget' is not an item type")
    assert by_view[table_cols] == [
        (
            "impl-table: :columns: 'colour' is not a column of impl-risk; it is left out "
            "(columns: id, title, impact, likelihood, mitigation, owner, description, "
            "status, tags, plan, score, band, affects, mitigated-by)"
        )
    ]
    assert by_view[timeline] == ["impl-timeline: unknown option :layout:; it takes :plan:, :chart:"]
    assert by_view[summary] == [
        "impl-summary: :plan: 'PLAN_X' is not the id of an impl-plan; the view shows nothing"
    ]


@pytest.mark.sphinx("html", testroot="view-problems", freshenv=True)
def test_views_draw_what_they_can(app: SphinxTestApp) -> None:
    app.build()
    html = read_html(app, "index")
    assert (
        view_text(html, "impl-traceability") == "No plan PLAN_X in this project: nothing to trace."
    )
    assert view_text(html, "impl-risk-matrix", 0) == (
        "No plan PLAN_X in this project: no risks to show."
    )
    # a bad :plan: and a flag with a value are left out: every plan, closed risks hidden
    second = view_text(html, "impl-risk-matrix", 1)
    assert "RISK_1" in second
    assert "RISK_2" not in second
    assert view_text(html, "impl-table", 0) == "No item type given: nothing to list."
    assert view_text(html, "impl-table", 1) == "No item type given: nothing to list."
    # the columns it could read, in the order written
    assert view_text(html, "impl-table", 2) == (
        "Risk items of Plan A (PLAN_A) \N{PILCROW SIGN} ID Likelihood Risk "
        "RISK_1 low Outage RISK_2 high Closed one"
    )
    assert view_text(html, "impl-timeline") == "Plan A (PLAN_A) has no phases."
    assert view_text(html, "impl-summary") == "No plan PLAN_X in this project: nothing to sum up."


@pytest.mark.sphinx(
    "html",
    testroot="view-problems",
    freshenv=True,
    confoverrides={"suppress_warnings": ["implplan.view"]},
)
def test_suppress_warnings_silences_the_family(app: SphinxTestApp) -> None:
    app.build()
    assert build_warnings(app) == []
