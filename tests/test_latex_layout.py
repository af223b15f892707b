"""How view tables are fitted to the printed page: widths, column groups, line
length (the PDF tests check the result on paper)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes

from sphinx_implplan.write.views.latex_layout import (
    BAR,
    KEEP_LINES,
    PADDING,
    PART_NAME,
    TIGHT_CLASS,
    column_groups,
    column_needs,
    fit_table,
    fit_to_page,
    fitted_widths,
    line_characters,
    table_lines,
)
from sphinx_implplan.write.views.progress import NO_BREAK
from sphinx_implplan.write.views.table_nodes import make_table


def test_line_length_follows_engine_and_point_size() -> None:
    assert line_characters("pdflatex", "10pt") == 95
    # FreeMono, xelatex's default, is wider
    assert line_characters("xelatex", "10pt") == 83
    assert line_characters("pdflatex", "12pt") < line_characters("pdflatex", "11pt") < 95
    # an unknown size reads as the default
    assert line_characters("lualatex", "9pt") == 95


def test_natural_widths_when_they_fit() -> None:
    assert fitted_widths([2, 5], [6, 20], 95) == [6 + PADDING, 20 + PADDING]


def test_room_left_is_shared_by_need_and_no_column_below_its_longest_word() -> None:
    widths = fitted_widths([10, 10, 10], [10, 40, 70], 60)
    assert widths[0] == 10 + PADDING
    assert widths[1] < widths[2]
    assert sum(widths) <= 60


def test_groups_repeat_the_first_column_and_fit_the_line() -> None:
    least = [6] + [12] * 10
    groups = column_groups(least, 60)
    assert all(group[0] == 0 for group in groups)
    assert [c for group in groups for c in group[1:]] == list(range(1, 11))
    assert all(sum(least[c] + PADDING for c in group) <= 60 for group in groups)
    # a column wider than the line still gets a group of its own
    assert column_groups([5, 200, 3], 60) == [[0, 1], [0, 2]]
    # a matrix repeats its requirement and its verdict in every group
    assert column_groups([5, 3, 30, 30], 60, lead=2) == [[0, 1, 2], [0, 1, 3]]


def _ids(count: int) -> nodes.table:
    headers = ["Requirement", *(f"ITEM_NUMBER_{n:02d}" for n in range(count))]
    rows = [[f"REQ_{r}", *("impl" for _ in range(count))] for r in range(3)]
    return make_table(headers, rows, caption="Matrix")


def test_a_table_too_wide_is_split_with_captions_and_widths() -> None:
    parts = fit_table(_ids(12), 83)
    assert len(parts) > 1
    titles = [title.astext() for part in parts for title in part.findall(nodes.title)]
    assert titles == [f"Matrix ({n} of {len(parts)})" for n in range(1, len(parts) + 1)]
    for part in parts:
        assert {"longtable", "colwidths-given"} <= set(part["classes"])
        least, _natural = column_needs(part)
        assert least[0] == len("Requirement")
        widths = [spec["colwidth"] for spec in part.findall(nodes.colspec)]
        assert sum(widths) <= 83
        assert all(w >= m + PADDING for w, m in zip(widths, least, strict=True))


def test_parts_of_an_untitled_table_name_its_view_and_plan() -> None:
    table = _ids(12)
    (caption,) = table.findall(nodes.title)
    table.remove(caption)
    table[PART_NAME] = "Traceability of Big plan (PLAN_BIG)"
    parts = fit_table(table, 83)
    titles = [title.astext() for part in parts for title in part.findall(nodes.title)]
    count = len(parts)
    assert count > 1
    assert titles == [
        f"Traceability of Big plan (PLAN_BIG) ({n} of {count})" for n in range(1, count + 1)
    ]


def test_a_table_that_fits_in_the_smaller_type_is_not_split() -> None:
    # 4 columns of 13 characters: 64 with padding, more than 60, less than 70
    headers = [f"HEADER_NUMB_{n}" for n in range(4)]
    table = make_table(headers, [["x"] * 4])
    (fitted,) = fit_table(table, 60, 70)
    assert TIGHT_CLASS in fitted["classes"]
    assert sum(spec["colwidth"] for spec in fitted.findall(nodes.colspec)) <= 70
    # set in \footnotesize, inside a group of its own
    drawn = fit_to_page([make_table(headers, [["x"] * 4])], 60, 70)
    raws = [node.astext().strip() for node in drawn if isinstance(node, nodes.raw)]
    assert raws[-2:] == [r"\begingroup\footnotesize", r"\endgroup"]
    # too wide for both: split, in the views' own type
    parts = fit_table(make_table(headers, [["x"] * 4]), 40, 50)
    assert len(parts) > 1
    assert all(TIGHT_CLASS not in part["classes"] for part in parts)


def test_a_short_table_is_kept_on_one_page() -> None:
    short = make_table(["ID", "Phase"], [[f"PH_{n}", "A phase"] for n in range(6)], caption="T")
    drawn = fit_to_page([short], 95)
    assert isinstance(drawn[0], nodes.raw)
    lines = table_lines(short)
    assert drawn[0].astext().strip() == rf"\Needspace{{{int(-(-lines // 1))}\baselineskip}}"
    assert 6 < lines <= KEEP_LINES
    # a long one breaks where the page ends
    long = make_table(["ID", "Phase"], [[f"PH_{n}", "A phase"] for n in range(60)])
    assert table_lines(long) > KEEP_LINES
    assert not any(isinstance(node, nodes.raw) for node in fit_to_page([long], 95))


def test_a_progress_bar_and_its_text_are_one_word() -> None:
    text = f"5/5{NO_BREAK}(100{NO_BREAK}%)"
    cell = [
        nodes.raw("", r"\implplanprogressbar{5}{5}", format="latex"),
        nodes.Text(NO_BREAK),
        nodes.inline(text, text),
    ]
    least, _natural = column_needs(make_table(["Progress"], [[cell]]))
    assert least == [BAR + 1 + len(text)]


def test_the_heat_map_gets_a_rule_around_every_cell() -> None:
    table = make_table(["A", "B"], [["x", "y"]], classes=["implplan-risk-grid"])
    (fitted,) = fit_table(table, 95)
    assert {"standard", "nocolorrows"} <= set(fitted["classes"])
    (other,) = fit_table(make_table(["A", "B"], [["x", "y"]]), 95)
    assert "standard" not in other["classes"]


@pytest.mark.parametrize("text", ["x", ""])
def test_band_cells_get_their_colour(text: str) -> None:
    # an empty cell holds no paragraph: one is made for its colour
    table = make_table(["A", "B"], [[text, "y"]], cell_classes=[[["implplan-band-high"], []]])
    (fitted,) = fit_table(table, 95)
    raws = [raw.astext() for raw in fitted.findall(nodes.raw)]
    assert raws == [r"\implplancellcolor{bandhigh}"]


def test_the_extension_writes_only_ascii() -> None:
    # every text the extension adds to a page comes from these files: pdflatex sets
    # all of ASCII, and nothing else without being told
    package = Path(__file__).resolve().parent.parent / "sphinx_implplan"
    offending = [
        f"{path.name}:{number}"
        for path in sorted([*package.rglob("*.py"), *package.rglob("*.sty")])
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if not line.isascii()
    ]
    assert offending == []
