"""The Gantt chart's pure parts: today, late and not started phases, the critical
path, the date axis, the chart model and its geometry (guide: Views, impl-timeline)."""

from __future__ import annotations

import datetime
import html
from typing import Any

import pytest
from docutils import nodes

from sphinx_implplan.plan.critical_path import Span, critical_path
from sphinx_implplan.plan.date_axis import MAX_TICKS, date_axis
from sphinx_implplan.plan.gantt import chart_description, gantt_chart, row_description
from sphinx_implplan.plan.model import Item
from sphinx_implplan.plan.today import (
    Timing,
    configured_day,
    effective_today,
    epoch_day,
    phase_timing,
)
from sphinx_implplan.plan.values import InvalidValue
from sphinx_implplan.write.views.gantt_layout import WIDTH, lay_out, shortened
from sphinx_implplan.write.views.gantt_svg import gantt_svg, number
from sphinx_implplan.write.views.gantt_tikz import (
    ROWS_PER_PICTURE,
    gantt_tikz,
    link_target,
    parts_of,
)
from sphinx_implplan.write.views.markup_pieces import Plain, joined_text, piece_nodes

D = datetime.date.fromisoformat
CLOCK = D("2026-12-07")


def _phase(phase_id: str, start: str | None, end: str | None, **more: Any) -> Item:
    fields = {key: value for key, value in (("start", start), ("end", end)) if value}
    fields.update(more.pop("fields", {}))
    return Item(
        id=phase_id,
        type="impl-phase",
        title=more.pop("title", f"Phase {phase_id}"),
        status=more.pop("status", "planned"),
        fields=fields,
        links={"depends": tuple(more.pop("depends", ()))},
    )


# today


def test_today_is_the_configured_day() -> None:
    assert effective_today("2027-03-08", "1801612800", CLOCK).day == D("2027-03-08")
    assert effective_today(datetime.date(2027, 3, 8), None, CLOCK).day == D("2027-03-08")
    assert effective_today(datetime.datetime(2027, 3, 8, 23, 0), None, CLOCK).day == D("2027-03-08")


def test_without_a_configured_day_source_date_epoch_gives_it() -> None:
    # 2027-02-03T00:00:00Z, and its last second
    assert effective_today(None, "1801612800", CLOCK).day == D("2027-02-03")
    assert effective_today(None, "1801699199", CLOCK).day == D("2027-02-03")
    assert effective_today(None, None, CLOCK) == effective_today(None, "", CLOCK)
    assert effective_today(None, None, CLOCK).day == CLOCK


@pytest.mark.parametrize("value", ["tomorrow", "2027-02-30", "", 20270301, ["2027-03-01"]])
def test_a_bad_configured_day_gives_way_to_the_build_day(value: object) -> None:
    today = effective_today(value, None, CLOCK)
    assert today.day == CLOCK
    assert [source for source, _ in today.problems] == ["implplan_today"]


@pytest.mark.parametrize("epoch", ["soon", "-5", "1e9", "9" * 12, "9" * 4000, "\u0661\u0662"])
def test_a_bad_source_date_epoch_gives_way_to_the_build_day(epoch: str) -> None:
    today = effective_today(None, epoch, CLOCK)
    assert today.day == CLOCK
    assert [source for source, _ in today.problems] == ["SOURCE_DATE_EPOCH"]


def test_epoch_and_configured_day_parsers() -> None:
    assert epoch_day("0") == D("1970-01-01")
    assert configured_day(None) is None
    with pytest.raises(InvalidValue, match="not a real calendar date"):
        configured_day("2027-02-29")


# late and not started

TODAY = D("2027-02-01")


@pytest.mark.parametrize(
    ("first", "last", "status", "done", "expected"),
    [
        # ended yesterday, not done: late, started or not
        ("2027-01-18", "2027-01-31", "in-progress", 1, Timing.LATE),
        ("2027-01-18", "2027-01-31", "planned", 0, Timing.LATE),
        ("2027-01-18", "2027-01-31", "blocked", 0, Timing.LATE),
        # done is never late
        ("2027-01-18", "2027-01-31", "done", 2, None),
        # ends today: not late yet
        ("2027-01-18", "2027-02-01", "planned", 0, Timing.NOT_STARTED),
        # started before today with nothing done: not started
        ("2027-01-25", "2027-02-03", "planned", 0, Timing.NOT_STARTED),
        ("2027-01-25", "2027-02-03", "blocked", 0, Timing.NOT_STARTED),
        # something done, or in-progress by hand: started
        ("2027-01-25", "2027-02-03", "planned", 1, None),
        ("2027-01-25", "2027-02-03", "in-progress", 0, None),
        # starts today or later
        ("2027-02-01", "2027-02-07", "planned", 0, None),
        ("2027-03-01", "2027-03-07", "planned", 0, None),
        # without dates nothing can be said
        (None, None, "planned", 0, None),
        ("2027-01-25", None, "planned", 0, Timing.NOT_STARTED),
    ],
)
def test_phase_timing(
    first: str | None, last: str | None, status: str, done: int, expected: Timing | None
) -> None:
    timing = phase_timing(
        first=D(first) if first else None,
        last=D(last) if last else None,
        status=status,
        deliverables_done=done,
        today=TODAY,
    )
    assert timing is expected


# the critical path


def _spans(**phases: tuple[str, str, tuple[str, ...]]) -> dict[str, Span]:
    return {
        name: Span(D(first).toordinal(), D(last).toordinal(), depends)
        for name, (first, last, depends) in phases.items()
    }


def test_the_critical_path_is_the_chain_that_fixes_the_end() -> None:
    spans = _spans(
        A=("2027-01-04", "2027-01-17", ()),
        B=("2027-01-18", "2027-01-31", ("A",)),
        # ends before B: C has slack, and so has the branch before it
        C=("2027-01-18", "2027-01-24", ("A",)),
        D=("2027-02-01", "2027-02-07", ("B", "C")),
    )
    path = critical_path(spans)
    assert path.phases == {"A", "B", "D"}
    assert path.links == {("A", "B"), ("B", "D")}


def test_an_own_start_later_than_its_dependencies_ends_the_chain() -> None:
    spans = _spans(
        A=("2027-01-04", "2027-01-17", ()),
        B=("2027-03-01", "2027-03-14", ("A",)),
    )
    assert critical_path(spans).phases == {"B"}


def test_ties_keep_every_chain_and_cycles_end() -> None:
    spans = _spans(
        A=("2027-01-04", "2027-01-10", ("D",)),
        B=("2027-01-04", "2027-01-10", ()),
        C=("2027-01-11", "2027-01-17", ("A", "B", "unknown")),
        # a cycle through A: walked once
        D=("2027-01-11", "2027-01-17", ("A",)),
    )
    path = critical_path(spans)
    assert path.phases == {"A", "B", "C", "D"}
    assert critical_path({}).phases == frozenset()


# the axis


def test_a_week_gets_day_ticks() -> None:
    axis = date_axis(D("2027-01-04"), D("2027-01-10"))
    assert axis.unit == "day"
    assert [tick.label for tick in axis.ticks][:3] == ["4 Jan", "5 Jan", "6 Jan"]
    assert axis.ticks[0].year == "2027"


def test_a_quarter_gets_week_ticks_on_mondays() -> None:
    axis = date_axis(D("2027-01-06"), D("2027-03-10"))
    assert axis.unit == "week"
    assert all(datetime.date.fromordinal(tick.day).weekday() == 0 for tick in axis.ticks)
    assert axis.ticks[0].label == "11 Jan"


def test_a_year_gets_month_ticks_with_the_year_where_it_changes() -> None:
    axis = date_axis(D("2027-06-15"), D("2028-03-01"))
    assert axis.unit == "month"
    labels = [(tick.label, tick.year) for tick in axis.ticks]
    assert labels[0] == ("Jul", "2027")
    assert ("Jan", "2028") in labels
    assert [year for _, year in labels if year] == ["2027", "2028"]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2000-01-01", "2049-12-31"),
        ("1900-03-01", "2099-12-31"),
        ("0001-01-01", "9999-12-31"),
        ("9999-01-01", "9999-12-31"),
        ("2027-01-01", "2027-01-01"),
    ],
)
def test_any_span_gets_a_bounded_readable_axis(first: str, last: str) -> None:
    axis = date_axis(D(first), D(last))
    assert 1 <= len(axis.ticks) <= MAX_TICKS
    days = [tick.day for tick in axis.ticks]
    assert days == sorted(days)
    assert all(axis.first <= day < axis.after for day in days)


def test_decades_get_year_ticks() -> None:
    axis = date_axis(D("2001-05-01"), D("2040-05-01"))
    assert axis.unit == "year"
    assert [tick.label for tick in axis.ticks] == [str(year) for year in range(2005, 2041, 5)]


# the chart


def _plan_phases() -> list[Item]:
    return [
        _phase("PH_1", "2027-01-04", "2027-01-17", status="done"),
        _phase(
            "PH_2",
            "2027-01-18",
            "2027-01-31",
            status="in-progress",
            depends=["PH_1"],
            fields={"deliverables_done": 1, "deliverables_total": 4},
        ),
        _phase("PH_3", "2027-02-01", "2027-02-07", depends=["PH_2"]),
        _phase("PH_4", "2027-01-25", "2027-02-03"),
        _phase("PH_5", "2027-02-08", "2027-02-14", depends=["PH_3", "PH_4"]),
        _phase("PH_X", None, None, depends=["PH_Y"]),
    ]


def test_the_chart_of_a_plan() -> None:
    chart = gantt_chart(_plan_phases(), TODAY)
    rows = {row.id: row for row in chart.rows}
    assert [row.id for row in chart.rows] == ["PH_1", "PH_2", "PH_3", "PH_4", "PH_5", "PH_X"]
    assert rows["PH_1"].done == 1.0
    assert rows["PH_2"].done == 0.25
    assert rows["PH_2"].progress == "1/4 done (25 %)"
    assert rows["PH_2"].timing is Timing.LATE
    assert rows["PH_4"].timing is Timing.NOT_STARTED
    assert {row.id for row in chart.rows if row.critical} == {"PH_1", "PH_2", "PH_3", "PH_5"}
    assert not rows["PH_X"].has_bar
    assert [(link.source, link.target, link.critical) for link in chart.links] == [
        ("PH_1", "PH_2", True),
        ("PH_2", "PH_3", True),
        ("PH_3", "PH_5", True),
        ("PH_4", "PH_5", False),
    ]
    assert chart.today_shown
    assert chart_description(chart) == (
        "6 phases from 2027-01-04 to 2027-02-14; today is 2027-02-01. Late: PH_2. "
        "Not started: PH_4. Critical path: PH_1, PH_2, PH_3, PH_5. "
        "Without dates to draw: PH_X."
    )
    assert row_description(rows["PH_2"]) == (
        "PH_2 Phase PH_2: 2027-01-18 to 2027-01-31 (14 days); 1/4 done (25 %); "
        "in-progress; late; on the critical path"
    )
    assert row_description(rows["PH_X"]) == "PH_X Phase PH_X: not scheduled; planned"


def test_a_chart_without_dates_has_no_axis() -> None:
    chart = gantt_chart([_phase("PH_1", None, None)], TODAY)
    assert chart.axis is None
    assert not chart.today_shown
    assert "today is 2027-02-01" in chart_description(chart)


def test_the_geometry_keeps_within_the_chart() -> None:
    chart = gantt_chart(_plan_phases(), TODAY)
    layout = lay_out(chart)
    assert layout.width == WIDTH
    bars = {box.row.id: box.bar for box in layout.rows}
    assert bars["PH_X"] is None
    placed = [bar for bar in bars.values() if bar is not None]
    assert all(layout.time_left <= left < right <= layout.time_right for left, right in placed)
    # a bar ends where the next day's starts
    first, second, third = bars["PH_1"], bars["PH_2"], bars["PH_3"]
    assert first is not None
    assert second is not None
    assert third is not None
    assert first[1] == pytest.approx(second[0])
    assert layout.today_x is not None
    assert second[1] < layout.today_x < third[1]
    assert len(layout.arrows) == 4
    assert all(0 <= x <= layout.width for arrow in layout.arrows for x, _ in arrow.points)
    notes = {box.row.id: box.note for box in layout.rows}
    assert notes == {
        "PH_1": "",
        "PH_2": "late",
        "PH_3": "",
        "PH_4": "not started",
        "PH_5": "",
        "PH_X": "not scheduled",
    }


def test_a_day_on_an_axis_of_centuries_still_shows() -> None:
    chart = gantt_chart(
        [_phase("PH_1", "1950-01-01", "1950-01-01"), _phase("PH_2", "2040-01-01", "2049-12-31")],
        TODAY,
    )
    layout = lay_out(chart)
    (left, right) = layout.rows[0].bar or (0, 0)
    assert right - left >= 2
    # 2027 lies between them
    assert chart.today_shown
    assert layout.today_x is not None
    assert right < layout.today_x < (layout.rows[1].bar or (0, 0))[0]


def test_shortened_titles() -> None:
    assert shortened("Short", 10) == "Short"
    assert shortened("A title far too long", 10) == "A title..."
    assert shortened("  spaces\n inside ", 20) == "spaces inside"


def test_svg_is_the_same_every_time_and_leaves_user_text_to_the_writer() -> None:
    phases = [*_plan_phases(), _phase("PH_Q", "2027-01-04", "2027-01-05", title='<b>&"x"')]
    chart = gantt_chart(phases, TODAY)
    uris = {"PH_1": "plan.html#PH_1", "PH_Q": 'p.html#"q"'}
    pieces = gantt_svg(chart, title="T <1>", chart_id="c-1", uris=uris)
    assert pieces == gantt_svg(chart, title="T <1>", chart_id="c-1", uris=uris)
    # no user text in the markup: titles and ids are pieces of their own
    markup = "".join(piece for piece in pieces if isinstance(piece, str))
    assert "<b>" not in markup
    assert "T <1>" not in markup
    assert {piece.text for piece in pieces if isinstance(piece, Plain)} >= {'<b>&"x"', "T <1>"}
    text = joined_text(pieces, html.escape)
    assert "&lt;b&gt;&amp;&quot;x&quot;" in text
    assert 'href="p.html#&quot;q&quot;"' in text
    assert '<title id="c-1-title">T &lt;1&gt;</title>' in text
    # one link per phase with an address, one bar per phase with dates
    assert text.count("<a href=") == 2
    assert text.count('class="implplan-gantt-outline"') == 6
    # markup as raw nodes, text as text nodes
    drawn = piece_nodes(pieces, "html")
    assert [type(node).__name__ for node in drawn[:4]] == ["raw", "Text", "raw", "Text"]
    assert all(node["format"] == "html" for node in drawn if isinstance(node, nodes.raw))


def test_tikz_leaves_user_text_to_the_writer() -> None:
    phases = [_phase("PH_1", "2027-01-04", "2027-01-17", title=r"\input{x} & 100%")]
    pieces = gantt_tikz(gantt_chart(phases, TODAY), uris={"PH_1": "%plan#PH_1"})
    markup = "".join(piece for piece in pieces if isinstance(piece, str))
    assert "input" not in markup
    assert r"\hyperref[\detokenize{plan:PH_1}]{\sphinxcode{\sphinxupquote{" in markup
    assert markup.startswith("\\ifdefined\\tikzpicture\n")
    assert markup.count(r"\begin{tikzpicture}") == 1
    # in one inline node, so that the writer adds no line breaks inside a picture
    (inline,) = piece_nodes(pieces, "latex")
    assert isinstance(inline, nodes.inline)


@pytest.mark.parametrize(
    ("value", "text"), [(1.0, "1"), (0.5, "0.5"), (12.345, "12.35"), (-0.001, "0"), (3, "3")]
)
def test_numbers_are_written_the_same_everywhere(value: float, text: str) -> None:
    assert number(value) == text


def test_latex_link_targets_and_parts() -> None:
    assert link_target("%demo/plan#PH_1") == r"\detokenize{demo/plan:PH_1}"
    assert link_target("plan.html#PH_1") is None
    assert link_target(None) is None
    many = [_phase(f"PH_{n}", "2027-01-04", "2027-01-05") for n in range(ROWS_PER_PICTURE * 2 + 1)]
    parts = parts_of(gantt_chart(many, TODAY))
    assert [len(part) for part in parts] == [ROWS_PER_PICTURE, ROWS_PER_PICTURE, 1]
