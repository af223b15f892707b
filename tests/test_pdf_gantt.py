"""The Gantt chart in print: ``roots/test-gantt`` and a plan of many phases through
LaTeX with pdflatex and xelatex, read back from the PDF as ``test_pdf.py`` does:
the chart's words where they stand on the page (``pdftotext -bbox``), its links, and
the colours of its bars and of the today line (``pdftoppm``)."""

from __future__ import annotations

import itertools

import pytest
from build_helpers import copy_root, edit, require_programs
from test_pdf import ENGINES, TOOLS, Pdf, Word, build_pdf

from sphinx_implplan.write.views.gantt_tikz import ROWS_PER_PICTURE

#: the colours of ``implplan.sty``'s chart
DONE_RGB = (0x3B, 0x73, 0xB9)
TODO_RGB = (0xD8, 0xE3, 0xF1)
TODAY_RGB = (0xBF, 0x87, 0x00)
#: a plan long enough for three pictures
LONG_PHASES = 2 * ROWS_PER_PICTURE + 5
CAPTION = "Gantt chart of Gantt plan (PLAN_G)"


def _long_plan() -> str:
    parts = ["# A long plan\n\n```{impl-plan} Long plan\n:id: PLAN_LONG\n```\n\n"]
    for number in range(1, LONG_PHASES + 1):
        when = ":start: 2027-01-04" if number == 1 else f":depends: PH_L{number - 1:02d}"
        parts.append(
            f"```{{impl-phase}} Long phase {number}\n:id: PH_L{number:02d}\n{when}\n"
            ":duration: 3d\n```\n\n"
        )
    parts.append("```{impl-timeline}\n:chart: only\n```\n")
    return "".join(parts)


@pytest.fixture(scope="module", params=ENGINES)
def gantt_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    require_programs(*TOOLS, reason="the PDF tests need TeX and poppler-utils")
    folder = tmp_path_factory.mktemp(f"gantt-{request.param}")
    srcdir = copy_root("gantt", folder / "src")
    (srcdir / "long.md").write_text(_long_plan(), encoding="utf8")
    edit(srcdir / "index.md", "views\n", "views\nlong\n")
    return build_pdf(srcdir, folder / "out", request.param)


def _close(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 8 for a, b in zip(colour, expected, strict=True))


def _chart_words(pdf: Pdf) -> tuple[int, list[Word]]:
    """The page of the plan's chart, and the words above its table's caption."""
    page = next(n for n, text in enumerate(pdf.pages) if CAPTION in " ".join(text.split()))
    caption = next(w for w in pdf.words if w.page == page and w.text == "Timeline")
    return page, [w for w in pdf.words if w.page == page and w.y_max < caption.y_min]


def _in_chart(words: list[Word], text: str) -> Word:
    return next(word for word in words if word.text == text)


def test_the_chart_is_drawn_above_the_table(gantt_pdf: Pdf) -> None:
    page, chart = _chart_words(gantt_pdf)
    texts = [word.text for word in chart]
    for phase in ("PH_1", "PH_2", "PH_3", "PH_4", "PH_5"):
        assert phase in texts
    for label in ("2027", "Jan", "Feb", "today", "late", "started", "critical", "path"):
        assert label in texts, label
    # the word "late" on PH_2's row, right of its bar
    late, ph2 = _in_chart(chart, "late"), _in_chart(chart, "PH_2")
    assert ph2.y_min < (late.y_min + late.y_max) / 2 < ph2.y_max
    assert late.x_min > ph2.x_max
    # the table follows on the same page, every phase in it as well (in xelatex's
    # wider ids, in two parts: the status in the second)
    table = " ".join(gantt_pdf.pages[page].split()).split("Timeline of Gantt plan")[1]
    assert all(f"PH_{n}" in table.split() for n in range(1, 6))
    assert "in-progress, late" in gantt_pdf.text[gantt_pdf.text.index("Timeline of Gantt plan") :]


def _tick(chart: list[Word], day: str, month: str) -> float:
    """Where the tick labelled ``day month`` stands: its label starts just right of it."""
    for first, second in itertools.pairwise(chart):
        if (first.text, second.text) == (day, month) and abs(first.y_min - second.y_min) < 1:
            return first.x_min - 1
    raise AssertionError(f"no tick {day} {month}")


def test_the_bars_and_the_today_line_are_drawn(gantt_pdf: Pdf) -> None:
    page, chart = _chart_words(gantt_pdf)
    # PH_2 runs from the tick of 18 January to that of 1 February, one of its two
    # deliverables done: its bar's first half filled, its second half to do
    start, end = _tick(chart, "18", "Jan"), _tick(chart, "1", "Feb")
    label = _in_chart(chart, "PH_2")
    middle = (label.y_min + label.y_max) / 2
    assert _close(gantt_pdf.pixel(page, start + 0.25 * (end - start), middle), DONE_RGB)
    assert _close(gantt_pdf.pixel(page, start + 0.75 * (end - start), middle), TODO_RGB)
    # the today line, above its label, across PH_4's row
    today = _in_chart(chart, "today")
    centre = (today.x_min + today.x_max) / 2
    side_work = _in_chart(chart, "Side")
    pixels = gantt_pdf.strip(page, centre - 3, centre + 3, (side_work.y_min + side_work.y_max) / 2)
    assert any(_close(pixel, TODAY_RGB) for pixel in pixels)


def test_ids_in_the_chart_link_to_their_cards(gantt_pdf: Pdf) -> None:
    page, _chart = _chart_words(gantt_pdf)
    on_page = [(text, target) for number, text, target in gantt_pdf.links if number == page]
    # PH_1 linked from the chart and from the table
    targets = [target for text, target in on_page if text == "PH_1"]
    assert len(targets) >= 2
    assert all("PH_1" in gantt_pdf.pages[target] for target in targets)


def test_a_long_plan_breaks_into_pictures_across_pages(gantt_pdf: Pdf) -> None:
    assert "Overfull \\hbox" not in gantt_pdf.log
    width, _height = gantt_pdf.page_size
    left = min(word.x_min for word in gantt_pdf.words)
    assert [w.text for w in gantt_pdf.words if w.x_max > width - left + 1] == []
    ids = [f"PH_L{number:02d}" for number in range(1, LONG_PHASES + 1)]
    pages = {w.text: w.page for w in gantt_pdf.words if w.text in ids}
    # every phase drawn (:chart: only: no table), over more than one page, in order
    assert sorted(pages) == ids
    assert len(set(pages.values())) >= 2
    assert [pages[phase] for phase in ids] == sorted(pages[phase] for phase in ids)
    long_chart = gantt_pdf.text.split("Gantt chart of Long plan (PLAN_LONG)")[1]
    assert "Timeline of Long plan" not in long_chart
    # each of the three pictures has the axis and the legend
    assert long_chart.count("critical path") == 3
