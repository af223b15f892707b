"""``implplan convert`` on schedule tables written in HTML: a data frame a notebook
exported, a README's table with merged header cells. Read as a Markdown table is,
and kept as written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from build_helpers import build_warnings, read_needs
from convert_helpers import build_converted_plan, directive_items, lossless

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

PHASES = """\
# Tide gauge upgrade

## Phase 1 \u2013 Survey the gauges

- [ ] Photograph each stilling well

## Phase 2 \u2013 New loggers

- [ ] Fit the loggers

## Phase 3 \u2013 Hand over

- [ ] Train the harbour staff
"""

DATA_FRAME = """
## Schedule

<div>
<table border="1" class="dataframe">
  <thead>
    <tr style="text-align: right;">
      <th></th>
      <th>phase</th>
      <th>start</th>
      <th>weeks</th>
    </tr>
  </thead>
  <tbody>
    <tr><th>0</th><td>1 Survey</td><td>2027-05-03</td><td>2.0</td></tr>
    <tr><th>1</th><td>2 New loggers</td><td>2027-05-17</td><td>3.0</td></tr>
    <tr><th>2</th><td>3 Hand over</td><td>NaT</td><td>NaN</td></tr>
  </tbody>
</table>
</div>
"""

MERGED_HEADERS = """
## Dates

<table>
  <tr><th rowspan="2">Phase</th><th colspan="2">Dates</th></tr>
  <tr><th>Start</th><th>End</th></tr>
  <tr><td>1</td><td>2027-05-03</td><td>2027-05-14</td></tr>
  <tr><td>2</td><td colspan="2">when the loggers arrive</td></tr>
</table>
"""


def _schedules(text: str) -> dict[str, dict[str, Any]]:
    return {
        phase["title"]: {
            name: phase[name] for name in ("start", "end", "duration") if name in phase
        }
        for phase in directive_items(text)
    }


def test_a_data_frames_table_dates_the_phases_it_names_and_stays_as_written() -> None:
    result = lossless(PHASES + DATA_FRAME)
    assert list(_schedules(result.text).values()) == [
        {"start": "2027-05-03", "duration": "2 weeks"},
        {"start": "2027-05-17", "duration": "3 weeks"},
        # a missing value is an empty cell: nothing to read, nothing to note
        {},
    ]
    # the HTML is kept line for line, and the timeline view follows it
    assert "".join(DATA_FRAME.splitlines(keepends=True)[3:]) in result.text
    assert "```{impl-timeline}" in result.text.split("</div>", 1)[1]
    assert not result.notes


def test_merged_header_cells_name_the_columns_under_them() -> None:
    result = lossless(PHASES + MERGED_HEADERS)
    assert list(_schedules(result.text).values())[:2] == [
        {"start": "2027-05-03", "end": "2027-05-14"},
        {},
    ]
    # a cell over two columns is read once, in its first, and named in a note
    assert [message for _, message in result.notes] == [
        "timeline row kept: 'when the loggers arrive' is no start"
    ]


def test_html_that_is_not_one_table_is_kept_as_written() -> None:
    table = MERGED_HEADERS.split("\n\n", 1)[1].strip()
    two_tables = f"{table}\n{table}\n"
    for html in (two_tables, "<div>\n<p>Phase 1 starts 2027-05-03</p>\n</div>\n"):
        result = lossless(f"{PHASES}\n## Dates\n\n{html}")
        assert html in result.text
        assert all(not schedule for schedule in _schedules(result.text).values())


def test_a_plan_with_an_html_schedule_builds_without_new_warnings(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    source = PHASES + DATA_FRAME
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", source)
    converted, app = build_converted_plan(make_app, tmp_path / "converted", lossless(source).text)
    assert converted <= plain
    assert not [w for w in build_warnings(app) if w.subtype.startswith("implplan")]
    phases = sorted(
        (need["title"], need["start"], need["duration"])
        for need in read_needs(app).values()
        if need["type"] == "impl-phase"
    )
    assert phases[:2] == [
        ("Phase 1 \u2013 Survey the gauges", "2027-05-03", 14),
        ("Phase 2 \u2013 New loggers", "2027-05-17", 21),
    ]


def test_malformed_html_tables_convert_without_error_or_loss() -> None:
    for html in (
        # a merged cell over more columns and rows than any table has, and spans no
        # number names
        (
            f'<table><tr><th colspan="{"9" * 5000}">Phase</th><th rowspan="\u00b2">Start</th>'
            '</tr><tr><td rowspan="999">1</td><td>2027-05-03</td></tr></table>'
        ),
        # tags left open, a table inside a table
        "<table><tr><th>Phase<th>Start<tr><td>1<td>2027-05-03",
        "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>",
    ):
        result = lossless(f"{PHASES}\n## Dates\n\n{html}\n")
        assert html in result.text
