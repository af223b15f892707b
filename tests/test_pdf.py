"""PDF through LaTeX, with real pdflatex and xelatex, read back with poppler.

Two projects: the example docs, and a project made to stress the page
(``print_project.py``: 200 requirements in one table, a matrix of 30 items, an item
longer than a page, LaTeX's special characters in user text, box drawing). What a
reader would see is checked in the PDF itself: its text (``pdftotext``), where each
word sits on the page (``-bbox``), its links (``pdftohtml -xml``) and the colour of
its pixels (``pdftoppm``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from build_helpers import require_programs
from print_project import (
    BIG_REQUIREMENTS,
    HOSTILE_TITLE,
    LONG_PARAGRAPHS,
    MATRIX_ITEMS,
    SMALL_REQUIREMENTS,
    TASK_PHASE,
    TASKS,
    write_print_project,
)

EXAMPLE_DOCS = Path(__file__).resolve().parent.parent / "example_docs"
ENGINES = ["pdflatex", "xelatex"]
TOOLS = ("latexmk", "pdflatex", "xelatex", "make", "pdftotext", "pdftoppm", "pdftohtml")

#: the colours of ``implplan.sty``, as a reader sees them
BAND_RGB = {"high": (0xF4, 0xC7, 0xC3), "medium": (0xFC, 0xE8, 0xB2), "low": (0xCD, 0xEB, 0xD3)}
BAR_RGB = (0x3B, 0x73, 0xB9)
WHITE = (255, 255, 255)


@dataclass(frozen=True)
class Word:
    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


@dataclass(frozen=True)
class Pdf:
    path: Path
    #: LaTeX's log of the last run
    log: str

    def _run(self, *command: str) -> str:
        return subprocess.run(
            [*command, str(self.path), "-"], capture_output=True, text=True, check=True
        ).stdout

    @cached_property
    def pages(self) -> list[str]:
        return self._run("pdftotext").split("\f")[:-1]

    @cached_property
    def text(self) -> str:
        return " ".join(" ".join(self.pages).split())

    @cached_property
    def page_size(self) -> tuple[float, float]:
        match = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', self._bbox)
        assert match is not None
        return float(match[1]), float(match[2])

    @cached_property
    def _bbox(self) -> str:
        return self._run("pdftotext", "-bbox")

    @cached_property
    def words(self) -> list[Word]:
        found = []
        for number, page in enumerate(self._bbox.split("<page ")[1:]):
            for match in re.finditer(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                r"([^<]*)</word>",
                page,
            ):
                x_min, y_min, x_max, y_max = (float(value) for value in match.groups()[:4])
                found.append(Word(number, x_min, y_min, x_max, y_max, match[5]))
        return found

    def word(self, text: str) -> Word:
        return next(word for word in self.words if word.text == text)

    @cached_property
    def links(self) -> list[tuple[int, str, int]]:
        """(page, link text, target page) of every link inside the document."""
        xml = self._run("pdftohtml", "-xml", "-i", "-stdout")
        found = []
        for number, page in enumerate(xml.split("<page ")[1:]):
            # the text without its font tags (xelatex sets ids in italics here)
            found += [
                (number, re.sub(r"<[^>]+>", "", match[2]), int(match[1]) - 1)
                for match in re.finditer(r'<a href="[^"#]*#(\d+)">(.*?)</a>', page)
            ]
        return found

    def between(self, start: str, end: str) -> str:
        """The text from the first ``start`` to the next ``end``."""
        first = self.text.index(start)
        return self.text[first : self.text.index(end, first)]

    def pixel(self, page: int, x: float, y: float) -> tuple[int, int, int]:
        """The colour at (x, y) points of a page, rendered at one pixel per point."""
        ppm = subprocess.run(
            [
                *("pdftoppm", "-r", "72", "-f", str(page + 1), "-l", str(page + 1)),
                *("-x", str(int(x)), "-y", str(int(y)), "-W", "1", "-H", "1", str(self.path)),
            ],
            capture_output=True,
            check=True,
        ).stdout
        red, green, blue = ppm[-3:]
        return red, green, blue

    def strip(self, page: int, x_from: float, x_to: float, y: float) -> list[tuple[int, int, int]]:
        """The colours of a line of pixels from ``x_from`` to ``x_to`` at height ``y``,
        one pixel per point."""
        width = int(x_to) - int(x_from)
        ppm = subprocess.run(
            [
                *("pdftoppm", "-r", "72", "-f", str(page + 1), "-l", str(page + 1)),
                *("-x", str(int(x_from)), "-y", str(int(y)), "-W", str(width), "-H", "1"),
                str(self.path),
            ],
            capture_output=True,
            check=True,
        ).stdout
        data = ppm[-3 * width :]
        return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]

    def line_of(self, word: Word) -> list[Word]:
        """The words on the line of ``word``, left to right."""
        middle = (word.y_min + word.y_max) / 2
        return sorted(
            (w for w in self.words if w.page == word.page and w.y_min < middle < w.y_max),
            key=lambda w: w.x_min,
        )


def build_pdf(srcdir: Path, outdir: Path, engine: str) -> Pdf:
    result = subprocess.run(
        [
            *(sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(outdir)),
            *("-q", "-D", f"latex_engine={engine}"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    latex = outdir / "latex"
    logs = sorted(latex.glob("*.log"))
    log = logs[0].read_text(encoding="latin-1") if logs else ""
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (pdf,) = latex.glob("*.pdf")
    return Pdf(pdf, log)


def _close(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 6 for a, b in zip(colour, expected, strict=True))


@pytest.fixture(scope="module", params=ENGINES)
def print_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    require_programs(*TOOLS, reason="the PDF tests need TeX and poppler-utils")
    folder = tmp_path_factory.mktemp(f"print-{request.param}")
    srcdir = write_print_project(folder / "src")
    return build_pdf(srcdir, folder / "out", request.param)


def test_nothing_runs_past_the_margin(print_pdf: Pdf) -> None:
    # TeX reports every line it had to set wider than its column
    assert "Overfull \\hbox" not in print_pdf.log
    # and every word stays within the text area: margins as wide on the right as on
    # the left
    width, _height = print_pdf.page_size
    left = min(word.x_min for word in print_pdf.words)
    outside = [w.text for w in print_pdf.words if w.x_max > width - left + 1]
    assert outside == []


def test_a_table_of_200_rows_breaks_across_pages(print_pdf: Pdf) -> None:
    table = print_pdf.between("Coverage: 200 of 200", "Coverage: 10 of 10")
    words = set(table.split())
    assert [req for req in BIG_REQUIREMENTS if req not in words] == []
    # the header again on every page
    assert table.count("continued from previous page") >= 3
    assert table.count("Implemented by") >= 4


def test_a_matrix_of_30_items_prints_every_column(print_pdf: Pdf) -> None:
    matrix = print_pdf.between("Coverage: 10 of 10", "Score = impact rank")
    words = set(matrix.split())
    assert [item for item in MATRIX_ITEMS if item not in words] == []
    assert [req for req in SMALL_REQUIREMENTS if req not in words] == []
    # split into groups of columns, each led by the requirement and coverage columns
    parts = re.findall(r"Thirty items \((\d+) of (\d+)\)", matrix)
    count = int(parts[0][1])
    assert count > 1
    assert parts == [(str(n), str(count)) for n in range(1, count + 1)]
    assert matrix.count("Requirement") >= count
    assert matrix.count("Covered") >= count
    last = matrix[matrix.index(f"({count} of {count})") :]
    assert last.split().count("yes") == len(SMALL_REQUIREMENTS)


def test_an_item_longer_than_a_page_breaks(print_pdf: Pdf) -> None:
    def page_of(text: str) -> int:
        return next(n for n, page in enumerate(print_pdf.pages) if text in " ".join(page.split()))

    first = page_of("Paragraph 1 of the long decision")
    last = page_of(f"Paragraph {LONG_PARAGRAPHS} of the long decision")
    assert last > first
    assert all(f"Paragraph {n} of the long" in print_pdf.text for n in range(1, LONG_PARAGRAPHS))
    assert "DEC_LONG" in print_pdf.pages[first]


def test_user_text_is_escaped(print_pdf: Pdf) -> None:
    assert HOSTILE_TITLE in print_pdf.text
    # the box-drawing diagram and the symbols of the body, set by both engines
    assert "Client" in print_pdf.text
    assert "Server" in print_pdf.text


def test_heat_map_cells_are_coloured_by_band(print_pdf: Pdf) -> None:
    # RISK_BIG_1 high x high, RISK_BIG_3 medium x medium, RISK_BIG_4 low x low
    page = next(n for n, text in enumerate(print_pdf.pages) if "Impact / likelihood" in text)
    for risk_id, band in (("RISK_BIG_1", "high"), ("RISK_BIG_3", "medium"), ("RISK_BIG_4", "low")):
        word = next(w for w in print_pdf.words if w.text == risk_id and w.page == page)
        colour = print_pdf.pixel(word.page, word.x_min - 3, (word.y_min + word.y_max) / 2)
        assert _close(colour, BAND_RGB[band]), (risk_id, colour)


def test_progress_bars_fill_with_the_deliverables_done(print_pdf: Pdf) -> None:
    page = next(n for n, text in enumerate(print_pdf.pages) if "Timeline of Big plan" in text)
    timeline = [w for w in print_pdf.words if w.page >= page]
    # PH_5 has all four deliverables done, PH_1 none; the bar stands before the text
    full = next(w for w in timeline if w.text == "4/4")
    empty = next(w for w in timeline if w.text == "0/4")
    middle = (full.y_min + full.y_max) / 2
    assert _close(print_pdf.pixel(full.page, full.x_min - 12, middle), BAR_RGB)
    middle = (empty.y_min + empty.y_max) / 2
    assert _close(print_pdf.pixel(empty.page, empty.x_min - 12, middle), WHITE)


def test_deliverables_print_as_checked_and_open_boxes(print_pdf: Pdf) -> None:
    # PH_BOXES: two of three done; each box stands where the item's bullet would
    states = {}
    for word in TASKS:
        task = print_pdf.word(word)
        before = [
            w.text for w in print_pdf.line_of(task) if task.x_min - 30 < w.x_max <= task.x_min
        ]
        assert "\u2022" not in before, word
        states[word] = "checked" if "\u2713" in before else "open" if "\u25a1" in before else None
    assert states == {word: "checked" if done else "open" for word, done in TASKS.items()}
    assert print_pdf.text.count("\u2713") >= 2


def test_heat_map_cells_of_one_band_are_framed_apart(print_pdf: Pdf) -> None:
    # high x medium and high x high are both high: a white rule between them
    page = next(n for n, text in enumerate(print_pdf.pages) if "Impact / likelihood" in text)
    header = print_pdf.line_of(
        next(w for w in print_pdf.words if w.text == "Impact" and w.page == page)
    )
    medium, high = (next(w for w in header if w.text == name) for name in ("medium", "high"))
    risk = next(w for w in print_pdf.words if w.text == "RISK_BIG_1" and w.page == page)
    pixels = print_pdf.strip(page, medium.x_max + 2, high.x_min - 1, (risk.y_min + risk.y_max) / 2)
    assert _close(pixels[0], BAND_RGB["high"])
    assert _close(pixels[-1], BAND_RGB["high"])
    assert any(all(c > 240 for c in pixel) for pixel in pixels)


def test_a_timeline_of_six_phases_stays_on_one_page(print_pdf: Pdf) -> None:
    page = next(n for n, text in enumerate(print_pdf.pages) if "Timeline of Big plan" in text)
    text = " ".join(print_pdf.pages[page].split())
    timeline = text[text.index("Timeline of Big plan") :]
    assert "continues on next page" not in timeline
    for phase in ("PH_1", "PH_2", "PH_3", "PH_4", "PH_5", TASK_PHASE):
        assert phase in timeline.split()
    # each bar and its count on one line: "2/3 (67 %)" right of its bar
    _bars_beside_counts(print_pdf, page, ["1/4", "2/4", "3/4", "4/4", "2/3"])


def _bars_beside_counts(pdf: Pdf, page: int, counts: list[str]) -> None:
    """Each of ``counts`` (of phases with something done) has its bar's filled part
    just left of it, on its own line."""
    for count in counts:
        word = next(w for w in pdf.words if w.text == count and w.page >= page)
        middle = (word.y_min + word.y_max) / 2
        pixels = pdf.strip(word.page, word.x_min - 40, word.x_min - 1, middle)
        assert any(_close(pixel, BAR_RGB) for pixel in pixels), count


def test_ids_link_to_their_items(print_pdf: Pdf) -> None:
    links = [(page, text, target) for page, text, target in print_pdf.links if text == "FR_200"]
    # the card of FR_200 and the row of the 200-row table
    assert links
    for _page, text, target in links:
        assert text in print_pdf.pages[target]


# The example docs, with both engines: every view of the demo's review page is there


@pytest.fixture(scope="module")
def demo_ids(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    outdir = tmp_path_factory.mktemp("demo-needs")
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "needs", str(EXAMPLE_DOCS), str(outdir)],
        check=True,
    )
    data = json.loads((outdir / "needs.json").read_text(encoding="utf-8"))
    needs = data["versions"][data["current_version"]]["needs"]
    ids: dict[str, list[str]] = {}
    for need in needs.values():
        if need["docname"].startswith("demo/"):
            ids.setdefault(need["type"], []).append(need["id"])
    return ids


@pytest.fixture(scope="module", params=ENGINES)
def example_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    require_programs(*TOOLS, reason="the PDF tests need TeX and poppler-utils")
    return build_pdf(EXAMPLE_DOCS, tmp_path_factory.mktemp("example-pdf"), request.param)


def test_example_docs_print_the_review_page(
    example_pdf: Pdf, demo_ids: dict[str, list[str]]
) -> None:
    # from the page's heading (not its line in the contents) to the end
    review = example_pdf.text[example_pdf.text.index("Traceability review This page") :]
    words = {word.strip(",") for word in review.split()}
    for item_type in ("req", "impl-risk", "impl-phase", "impl-decision"):
        missing = [item_id for item_id in demo_ids[item_type] if item_id not in words]
        assert missing == [], item_type
    assert "Coverage: 20 of 20 requirements implemented (100.0 %)" in review
    assert "Impact / likelihood" in review
    assert "Score = impact rank x likelihood rank" in review


def test_example_docs_print_their_views_whole(example_pdf: Pdf) -> None:
    text = example_pdf.text
    # no header hyphenated, however narrow its column
    assert "likeli- hood" not in text
    assert "Impact / likelihood" in text
    # a traceability table split into parts names its view and plan on each
    assert "Part 1 of" not in text
    parts = re.findall(
        r"Table \d+: Traceability of Offline note sync \(PLAN_SYNC\) \((\d+) of (\d+)\)", text
    )
    count = int(parts[0][1]) if parts else 0
    # two in pdflatex; three in xelatex, whose ids are wider
    assert count in (2, 3)
    assert parts == [(str(n), str(count)) for n in range(1, count + 1)]
    # the review's timeline of six phases on one page (each part of it, where xelatex's
    # wider ids make two), bars beside their counts
    caption = "Timeline of Offline note sync (PLAN_SYNC)"
    page = next(n for n, page in enumerate(example_pdf.pages) if caption in page)
    parts = " ".join(example_pdf.pages[page].split()).split(caption)[1:]
    assert parts
    for part in parts:
        table = part.split("The phases in the order")[0]
        assert "continues on next page" not in table
        assert all(f"PH_{n}" in table.split() for n in range(1, 7))
    _bars_beside_counts(example_pdf, page, ["5/5", "3/5"])
