"""The example documentation in a real browser: headless Chromium driven by Selenium.

Checks what only a browser can tell: the heat map's band colours, view tables that fit
furo's text column at 1280 px, text on cards and views readable in light and dark mode,
visible progress bars, colours kept in print. It also takes the screenshots the README
and the docs show: into pytest's tmp dir always, and into ``$IMPLPLAN_SCREENSHOTS`` too
when that names a directory (``tox -e screenshots``).

Without Chromium, chromedriver or Selenium the tests skip, except with ``CI=true``,
where they fail: a CI job that silently skips them would check nothing.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import shutil
import subprocess
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest
from build_helpers import unavailable

if TYPE_CHECKING:
    from collections.abc import Iterator

    from selenium.webdriver.chrome.webdriver import WebDriver

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DOCS = ROOT / "example_docs"

# Debian's packages; found on PATH elsewhere. An explicit driver path keeps Selenium
# Manager from trying to download one.
CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1800",
    # screenshots the same size on every machine
    "--force-device-scale-factor=1",
)

#: light and dark as the system asks (furo's default theme "auto"), and dark as the
#: reader chooses it with furo's toggle: two different selectors in the stylesheet
MODES = ("light", "dark", "dark-chosen")

#: WCAG 2 AA: normal text, large text, and graphics such as a progress bar
TEXT_CONTRAST = 4.5
LARGE_TEXT_CONTRAST = 3.0
GRAPHICS_CONTRAST = 3.0

#: a traceability matrix has a column per linking item, however many: one wider than the
#: text column scrolls inside its view; this bounds how far, so that a bigger type still
#: fails. (A traceability table stacks its lists of ids in a narrow column and fits.)
TRACE_OVERFLOW_LIMIT = 1.3

SCREENSHOT_LIMIT = 300_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Helpers run in the page. Colours arrive as rgb()/rgba() or, from color-mix(), as
# color(srgb ...); anything else is an error rather than a silent pass.
JS_LIB = r"""
const parseColour = (text) => {
  let m = text.match(/^rgba?\(([^)]*)\)$/);
  if (m) {
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  m = text.match(/^color\(srgb ([^)]*)\)$/);
  if (m) {
    const p = m[1].split(/[\s\/]+/).filter(Boolean).map(Number);
    return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
  }
  if (text === "transparent") return [0, 0, 0, 0];
  throw new Error("colour not understood: " + text);
};
const over = (top, below) =>
  [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
// what lies behind an element: its and its ancestors' backgrounds, laid over each
// other up to the first opaque one (the canvas is white)
const backdrop = (element, known = new Map()) => {
  if (!element) return [255, 255, 255, 1];
  if (!known.has(element)) {
    const colour = parseColour(getComputedStyle(element).backgroundColor);
    known.set(element, colour[3] >= 1 ? colour
      : over(colour, backdrop(element.parentElement, known)));
  }
  return known.get(element);
};
const where = (element) => {
  const card = element.closest(".implplan-card");
  const table = element.closest("table");
  const owner = card
    ? "card " + (card.querySelector(".implplan-card-id") || {}).textContent
    : table ? "table #" + table.id : "";
  return owner + " " + element.tagName.toLowerCase() +
    [...element.classList].map((c) => "." + c).join("");
};
// every element holding visible text under the roots, with its colours
const textSamples = (roots) => {
  const samples = [];
  const seen = new Set();
  const known = new Map();
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!node.data.trim() || seen.has(element)) continue;
      seen.add(element);
      const style = getComputedStyle(element);
      if (style.visibility !== "visible" || element.getClientRects().length === 0) continue;
      const background = backdrop(element, known);
      samples.push({
        where: where(element),
        text: node.data.trim().slice(0, 40),
        colour: over(parseColour(style.color), background),
        background: background,
        size: parseFloat(style.fontSize),
        weight: parseInt(style.fontWeight, 10),
      });
    }
  }
  return samples;
};
"""


def _find(candidates: tuple[str, ...]) -> str | None:
    for candidate in candidates:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example docs built to HTML, once for the module."""
    outdir = tmp_path_factory.mktemp("example-html")
    result = subprocess.run(
        [
            sys.executable, "-m", "sphinx", "-q", "-b", "html",
            "-d", str(outdir / ".doctrees"), str(EXAMPLE_DOCS), str(outdir),
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return outdir


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """Headless Chromium, 1280 px wide, with a fresh profile."""
    with chromium_driver(tmp_path_factory) as browser:
        yield browser


@contextmanager
def chromium_driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """Headless Chromium, 1280 px wide, with a fresh profile; the one place that decides
    whether the browser tests (of this module and ``test_browser_themes.py``) can run."""
    chromium, chromedriver = _find(CHROMIUM), _find(CHROMEDRIVER)
    if importlib.util.find_spec("selenium") is None:
        unavailable('Selenium is not installed (pip install "selenium>=4.20")')
    if chromium is None or chromedriver is None:
        missing = " and ".join(
            name
            for name, path in (("Chromium", chromium), ("chromedriver", chromedriver))
            if not path
        )
        unavailable(f"{missing} not found (Debian: apt install chromium chromium-driver)")

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in CHROMIUM_ARGS:
        options.add_argument(argument)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    with pytest.MonkeyPatch.context() as patch:
        # never a download, whatever Selenium Manager would like
        patch.setenv("SE_OFFLINE", "true")
        # installed but failing to start is an error, not a reason to skip
        browser = webdriver.Chrome(service=Service(chromedriver), options=options)
        try:
            yield browser
        finally:
            browser.quit()


def _pages_with(site: Path, marker: str) -> list[str]:
    """The built pages whose HTML holds ``marker``, as paths relative to ``site``."""
    pages = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if "_static" not in path.parts and marker in path.read_text(encoding="utf-8")
    )
    assert pages, f"no page of the example docs holds {marker!r}"
    return pages


def _open(driver: WebDriver, site: Path, page: str, mode: str = "light") -> None:
    driver.get((site / page).as_uri())
    _set_mode(driver, mode)


def _set_mode(driver: WebDriver, mode: str, media: str = "") -> None:
    """Light or dark in the loaded page, on screen or (``media="print"``) in print."""
    scheme = "dark" if mode == "dark" else "light"
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"media": media, "features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    # what furo's toggle sets; "auto" follows prefers-color-scheme
    theme = "dark" if mode == "dark-chosen" else "auto"
    driver.execute_script("document.body.dataset.theme = arguments[0];", theme)


def _run(driver: WebDriver, script: str, *args: object) -> Any:
    return driver.execute_script(JS_LIB + script, *args)


def _luminance(colour: list[float]) -> float:
    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: list[float], second: list[float]) -> float:
    """WCAG 2 contrast ratio of two opaque colours, 1 to 21."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _unreadable(samples: list[dict[str, Any]]) -> list[str]:
    """The samples whose text is below WCAG AA contrast against what lies behind it."""
    problems = []
    for sample in samples:
        large = sample["size"] >= 24 or (sample["size"] >= 18.66 and sample["weight"] >= 700)
        needed = LARGE_TEXT_CONTRAST if large else TEXT_CONTRAST
        ratio = contrast(sample["colour"], sample["background"])
        if ratio < needed:
            problems.append(
                f"{sample['where']} {sample['text']!r}: {ratio:.2f} < {needed}"
                f" (text {_rgb(sample['colour'])} on {_rgb(sample['background'])})"
            )
    return problems


def _report(problems: list[str]) -> str:
    """The problems, each once, with how often it came up."""
    counts = Counter(problems)
    return "\n".join(f"{p} (x{n})" if n > 1 else p for p, n in counts.items())


def _rgb(colour: list[float]) -> str:
    return "rgb({:.0f}, {:.0f}, {:.0f})".format(*colour[:3])


def band_colours(driver: WebDriver) -> dict[str, set[tuple[float, ...]]]:
    """The heat map's cell backgrounds by band, as the browser computes them."""
    found = _run(
        driver,
        """
        return [...document.querySelectorAll("td[class*='implplan-band-']")].map((cell) => [
          [...cell.classList].find((c) => c.startsWith("implplan-band-")),
          parseColour(getComputedStyle(cell).backgroundColor),
        ]);
        """,
    )
    colours: dict[str, set[tuple[float, ...]]] = {}
    for band, colour in found:
        colours.setdefault(band.removeprefix("implplan-band-"), set()).add(tuple(colour))
    return colours


def _check_bands(colours: dict[str, set[tuple[float, ...]]]) -> list[str]:
    problems = []
    if set(colours) != {"high", "medium", "low"}:
        problems.append(f"bands found: {sorted(colours)}")
    for band, shades in colours.items():
        if len(shades) != 1:
            problems.append(f"{band}: cells differ in colour: {sorted(shades)}")
        if any(shade[3] == 0 for shade in shades):
            problems.append(f"{band}: transparent cells")
    firsts = [min(shades) for shades in colours.values()]
    if len(set(firsts)) != len(firsts):
        problems.append(f"two bands share a colour: {colours}")
    return problems


@dataclass(frozen=True)
class Region:
    """A rectangle of the page in CSS pixels, from its top left corner."""

    left: float
    top: float
    width: float
    height: float


def _region(driver: WebDriver, selectors: list[str], margin: float = 12) -> Region:
    """The smallest rectangle around the first match of each selector, plus a margin."""
    box = _run(
        driver,
        """
        const rects = arguments[0].map((selector) => {
          const element = document.querySelector(selector);
          if (!element) throw new Error("nothing matches " + selector);
          return element.getBoundingClientRect();
        });
        const left = Math.min(...rects.map((r) => r.left)) + scrollX;
        const top = Math.min(...rects.map((r) => r.top)) + scrollY;
        const right = Math.max(...rects.map((r) => r.right)) + scrollX;
        const bottom = Math.max(...rects.map((r) => r.bottom)) + scrollY;
        return [left, top, right - left, bottom - top];
        """,
        selectors,
    )
    left, top = max(0.0, box[0] - margin), max(0.0, box[1] - margin)
    return Region(left, top, box[2] + 2 * margin, box[3] + 2 * margin)


def _capture(driver: WebDriver, region: Region) -> bytes:
    """A PNG of ``region``. The page is scrolled to it first: a capture beyond the
    viewport would lay the page out again without its scroll bar, shifting it."""
    driver.execute_script(
        "window.scrollTo({left: 0, top: arguments[0], behavior: 'instant'});", region.top
    )
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": False,
            "clip": {
                "x": region.left,
                "y": region.top,
                "width": region.width,
                "height": region.height,
                "scale": 1,
            },
        },
    )
    return base64.b64decode(shot["data"])


def _pixels(driver: WebDriver, png: bytes) -> tuple[int, list[list[float]]]:
    """Width and RGBA pixels of a PNG, decoded by the browser's own canvas."""
    found = driver.execute_async_script(
        """
        const [data, done] = arguments;
        const image = new Image();
        image.onload = () => {
          const canvas = document.createElement("canvas");
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext("2d");
          context.drawImage(image, 0, 0);
          done([image.width, Array.from(context.getImageData(0, 0, image.width, image.height).data)]);
        };
        image.src = "data:image/png;base64," + data;
        """,
        base64.b64encode(png).decode("ascii"),
    )
    width, flat = cast("list[Any]", found)
    return width, [flat[index : index + 4] for index in range(0, len(flat), 4)]


# a. the heat map


def test_heat_map_cells_are_coloured_by_band(driver: WebDriver, site: Path) -> None:
    pages = _pages_with(site, 'td class="implplan-band-')
    assert "demo/review.html" in pages
    problems = []
    for page in pages:
        _open(driver, site, page)
        for mode in MODES:
            _set_mode(driver, mode)
            problems += [f"{page} ({mode}): {p}" for p in _check_bands(band_colours(driver))]
    assert not problems, _report(problems)


# b. tables that fit


def test_view_tables_fit_the_text_column(driver: WebDriver, site: Path) -> None:
    """At 1280 px the page never scrolls sideways, no id breaks, and every view table
    fits its box, but a traceability matrix: see ``TRACE_OVERFLOW_LIMIT``.
    ``test_browser_themes.py`` checks the review page in other themes."""
    problems = []
    for page in _pages_with(site, 'class="implplan-view'):
        _open(driver, site, page)
        page_width = _run(
            driver,
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];",
        )
        if page_width[0] > page_width[1]:
            problems.append(f"{page}: the page scrolls sideways: {page_width}")
        tables = _run(
            driver,
            """
            const article = document.querySelector("article").getBoundingClientRect();
            return [...document.querySelectorAll("table.implplan-table")].map((table) => {
              // furo wraps tables it sees in div.table-wrapper; the views' own come later
              const box = table.closest("div.table-wrapper, div.implplan-view");
              const outer = box.getBoundingClientRect();
              return {
                id: table.id,
                matrix: table.classList.contains("implplan-trace-matrix"),
                table: table.getBoundingClientRect().width,
                right: table.getBoundingClientRect().right,
                inner: box.clientWidth,
                innerRight: outer.left + box.clientLeft + box.clientWidth,
                boxScrolled: box.scrollWidth > box.clientWidth,
                boxRight: outer.right,
                articleRight: article.right,
                scrolls: ["auto", "scroll"].includes(getComputedStyle(box).overflowX),
                brokenIds: [...table.querySelectorAll("code, .implplan-id")]
                  .filter((code) => code.getClientRects().length > 1)
                  .map((code) => code.textContent),
              };
            });
            """,
        )
        assert tables, f"{page}: no view table"
        for table in tables:
            name = f"{page} #{table['id']}"
            if table["brokenIds"]:
                problems.append(f"{name}: ids broken over lines: {table['brokenIds']}")
            if table["boxRight"] > table["articleRight"] + 0.5:
                problems.append(f"{name}: its box reaches past the text column")
            fits = table["right"] <= table["innerRight"] + 0.5 and not table["boxScrolled"]
            if fits:
                continue
            if not table["matrix"]:
                problems.append(f"{name}: {table['table']:.0f} px in {table['inner']} px")
            elif not table["scrolls"]:
                problems.append(f"{name}: overflows and its box does not scroll")
            elif table["table"] > TRACE_OVERFLOW_LIMIT * table["inner"]:
                problems.append(
                    f"{name}: {table['table']:.0f} px in {table['inner']} px, more than"
                    f" {TRACE_OVERFLOW_LIMIT} times"
                )
    assert not problems, _report(problems)


def test_gantt_charts_fit_the_text_column(driver: WebDriver, site: Path) -> None:
    """Each timeline's chart is as wide as its view at most, inside the text column,
    with no scroll bar; it draws one bar per phase, links each to its card and names
    itself for a screen reader; at 1280 px its labels are at least 9 px high."""
    problems = []
    checked = 0
    for page in _pages_with(site, 'class="implplan-gantt"'):
        _open(driver, site, page)
        for mode in MODES:
            _set_mode(driver, mode)
            charts = _run(
                driver,
                """
                const article = document.querySelector("article").getBoundingClientRect();
                return [...document.querySelectorAll("svg.implplan-gantt")].map((svg) => {
                  const view = svg.closest("div.implplan-view");
                  const box = svg.getBoundingClientRect();
                  const label = svg.querySelector("text.implplan-gantt-label");
                  return {
                    right: box.right,
                    width: box.width,
                    height: box.height,
                    viewRight: view.getBoundingClientRect().right,
                    articleRight: article.right,
                    viewScrolls: view.scrollWidth > view.clientWidth,
                    bars: svg.querySelectorAll("rect.implplan-gantt-outline").length,
                    links: svg.querySelectorAll("a[href]").length,
                    named: Boolean(svg.getAttribute("aria-labelledby")
                      && svg.getAttribute("aria-describedby")
                      && svg.querySelector("title") && svg.querySelector("desc").textContent),
                    labelHeight: label.getBoundingClientRect().height,
                    overflowing: [...svg.querySelectorAll("text")].filter((text) => {
                      const r = text.getBoundingClientRect();
                      return r.width && (r.right > box.right + 1 || r.left < box.left - 1);
                    }).map((text) => text.textContent),
                  };
                });
                """,
            )
            assert charts, page
            for index, chart in enumerate(charts):
                checked += 1
                name = f"{page} ({mode}) chart {index}"
                if chart["right"] > min(chart["viewRight"], chart["articleRight"]) + 0.5:
                    problems.append(f"{name}: reaches past its view or the text column")
                if chart["viewScrolls"]:
                    problems.append(f"{name}: its view scrolls sideways")
                if chart["width"] < 300 or chart["height"] < 50:
                    problems.append(f"{name}: drawn too small: {chart}")
                if chart["bars"] == 0 or chart["links"] != chart["bars"]:
                    problems.append(f"{name}: {chart['bars']} bars, {chart['links']} links")
                if not chart["named"]:
                    problems.append(f"{name}: no title or description")
                if chart["labelHeight"] < 9:
                    problems.append(f"{name}: labels {chart['labelHeight']:.1f} px high")
                if chart["overflowing"]:
                    problems.append(f"{name}: text outside the chart: {chart['overflowing']}")
    assert checked >= len(MODES)
    assert not problems, _report(problems)


def test_the_review_chart_draws_each_phase(driver: WebDriver, site: Path) -> None:
    """The demo's six phases, PH_2 late at the demo's fixed today, the today line inside
    the time axis."""
    _open(driver, site, "demo/review.html")
    found = _run(
        driver,
        """
        const svg = document.querySelector("div.implplan-impl-timeline svg.implplan-gantt");
        const today = svg.querySelector("line.implplan-gantt-today-line").getBBox();
        return {
          ids: [...svg.querySelectorAll("tspan.implplan-gantt-id")].map((t) => t.textContent),
          late: [...svg.querySelectorAll("g.implplan-gantt-late tspan.implplan-gantt-id")]
            .map((t) => t.textContent),
          today: today.x,
          axis: [...svg.querySelectorAll("line.implplan-gantt-grid")].map((l) => l.getBBox().x),
        };
        """,
    )
    assert found["ids"] == [f"PH_{n}" for n in range(1, 7)]
    assert found["late"] == ["PH_2"]
    assert min(found["axis"]) < found["today"] < max(found["axis"])


# c. readable in light and dark mode


def _in_every_mode(driver: WebDriver, site: Path, marker: str) -> Iterator[tuple[str, str]]:
    """Each page holding ``marker``, opened and shown in each mode in turn."""
    for page in _pages_with(site, marker):
        _open(driver, site, page)
        for mode in MODES:
            _set_mode(driver, mode)
            yield page, mode


def test_card_text_is_readable(driver: WebDriver, site: Path) -> None:
    """Title, type, id, status, field names and values, body: on every card."""
    problems = []
    checked = 0
    for page, mode in _in_every_mode(driver, site, 'class="implplan-card-header'):
        samples = _run(
            driver, "return textSamples(document.querySelectorAll('div.implplan-card'));"
        )
        checked += len(samples)
        problems += [f"{page} ({mode}): {p}" for p in _unreadable(samples)]
    assert checked > 100 * len(MODES)
    assert not problems, _report(problems)


def test_view_text_is_readable(driver: WebDriver, site: Path) -> None:
    """Every text of every view: the heat map's ids on their tints, covered yes and no,
    captions, notes."""
    problems = []
    on_heat_map = 0
    for page, mode in _in_every_mode(driver, site, 'class="implplan-view'):
        samples = _run(
            driver, "return textSamples(document.querySelectorAll('div.implplan-view'));"
        )
        on_heat_map += _run(
            driver,
            "return textSamples(document.querySelectorAll(\"td[class*='implplan-band-']\"))"
            ".length;",
        )
        problems += [f"{page} ({mode}): {p}" for p in _unreadable(samples)]
    assert on_heat_map > 0
    assert not problems, _report(problems)


def test_progress_bars_are_visible(driver: WebDriver, site: Path) -> None:
    """A full bar stands out from the page, an empty one does not look filled, a partial
    one is both, and the frame of each is visible."""
    _open(driver, site, "demo/review.html")
    problems = []
    for mode in MODES:
        _set_mode(driver, mode)
        bars = _run(
            driver,
            """
            return [...document.querySelectorAll("progress.implplan-progress")].map((bar, i) => {
              bar.dataset.probe = i;
              const style = getComputedStyle(bar);
              const background = backdrop(bar);
              return {
                probe: i,
                share: bar.value / bar.max,
                width: bar.getBoundingClientRect().width,
                height: bar.getBoundingClientRect().height,
                frame: over(parseColour(style.borderTopColor), background),
                frameWidth: parseFloat(style.borderTopWidth),
                background: background,
              };
            });
            """,
        )
        assert {bar["share"] for bar in bars} >= {0.0, 1.0}
        assert any(0 < bar["share"] < 1 for bar in bars)
        for bar in bars:
            name = f"{mode}: bar {bar['probe']} at {bar['share']:.0%}"
            if bar["width"] < 30 or bar["height"] < 6 or bar["frameWidth"] < 1:
                problems.append(f"{name}: too small: {bar}")
                continue
            if contrast(bar["frame"], bar["background"]) < GRAPHICS_CONTRAST:
                problems.append(f"{name}: frame {_rgb(bar['frame'])} barely visible")
            # the pixels of the bar's middle row, near either end inside its frame
            region = _region(driver, [f"[data-probe='{bar['probe']}']"], margin=0)
            width, pixels = _pixels(driver, _capture(driver, region))
            row = pixels[(len(pixels) // width // 2) * width :][:width]
            filled, empty = row[int(width * 0.1)], row[int(width * 0.9)]
            if bar["share"] >= 0.2 and contrast(filled, bar["background"]) < GRAPHICS_CONTRAST:
                problems.append(f"{name}: filled part {_rgb(filled)} does not stand out")
            if bar["share"] <= 0.8 and contrast(empty, bar["background"]) > 1.2:
                problems.append(f"{name}: empty part {_rgb(empty)} looks filled")
    assert not problems, _report(problems)


# d. print


def test_print_keeps_cards_and_heat_map_colours(driver: WebDriver, site: Path) -> None:
    """Printed (also from a dark screen, which furo prints light): the heat map's tints
    and the progress bars are marked to print exactly, cards keep their accent edge,
    stay whole and readable."""
    problems = []
    _open(driver, site, "demo/review.html")
    printed = {}
    for mode in ("light", "dark"):
        _set_mode(driver, mode, media="print")
        printed[mode] = band_colours(driver)
        problems += [f"print, {mode}: {problem}" for problem in _check_bands(printed[mode])]
        unexact = _run(
            driver,
            """
            return [...document.querySelectorAll(
                "td[class*='implplan-band-'], progress.implplan-progress")]
              .map((e) => [e.tagName + "." + e.className, getComputedStyle(e).printColorAdjust
                || getComputedStyle(e).webkitPrintColorAdjust])
              .filter(([, adjust]) => adjust !== "exact");
            """,
        )
        problems += [f"print, {mode}: {what} print-color-adjust {how}" for what, how in unexact]
    if printed["dark"] != printed["light"]:
        problems.append(f"printed from a dark screen, not the light tints: {printed['dark']}")

    _open(driver, site, "demo/plan.html")
    for mode in ("light", "dark"):
        _set_mode(driver, mode, media="print")
        cards = _run(
            driver,
            """
            return [...document.querySelectorAll("div.implplan-card")].map((card) => {
              const style = getComputedStyle(card);
              return {
                id: card.querySelector(".implplan-card-id").textContent,
                edge: parseColour(style.borderLeftColor),
                edgeWidth: parseFloat(style.borderLeftWidth),
                breaks: style.breakInside,
              };
            });
            """,
        )
        assert cards
        for card in cards:
            if card["edgeWidth"] < 3 or card["edge"][3] == 0:
                problems.append(f"print, {mode}: card {card['id']} lost its accent edge")
            if card["breaks"] not in ("avoid", "avoid-page"):
                problems.append(f"print, {mode}: card {card['id']} may break: {card['breaks']}")
        samples = _run(
            driver, "return textSamples(document.querySelectorAll('div.implplan-card'));"
        )
        problems += [f"print, {mode}: {problem}" for problem in _unreadable(samples)]
    assert not problems, _report(problems)


# e. screenshots


def test_screenshots(driver: WebDriver, site: Path, tmp_path: Path) -> None:
    """The pictures the README and the docs show, small enough to commit."""
    shots: dict[str, bytes] = {}
    _open(driver, site, "demo/review.html")
    # the page as a reader sees it, sidebar and all, at the heat map; first, as furo
    # shows a "back to top" button once the reader scrolls up
    heading = _region(driver, ["#risks"], margin=0)
    viewport = _run(driver, "return document.documentElement.clientWidth;")
    shots["review-page-light.png"] = _capture(
        driver, Region(0, max(0.0, heading.top - 24), viewport, 800)
    )
    shots["review-heatmap-timeline-light.png"] = _capture(
        driver, _region(driver, ["#risks", "div.implplan-impl-timeline"])
    )
    shots["review-gantt-light.png"] = _capture(
        driver, _region(driver, ["p.implplan-gantt-caption", "svg.implplan-gantt"])
    )
    _set_mode(driver, "dark")
    shots["review-heatmap-dark.png"] = _capture(
        driver, _region(driver, ["div.implplan-impl-risk-matrix"])
    )
    shots["review-gantt-dark.png"] = _capture(
        driver, _region(driver, ["p.implplan-gantt-caption", "svg.implplan-gantt"])
    )
    _open(driver, site, "demo/plan.html")
    shots["cards-phase-light.png"] = _capture(
        driver, _region(driver, ["div.implplan-card:has(> #PH_2)"])
    )
    _set_mode(driver, "dark")
    shots["cards-risks-dark.png"] = _capture(
        driver,
        _region(
            driver, ["#risks-and-mitigations > h2", "div.implplan-card:has(> #RISK_CLOCK_SKEW)"]
        ),
    )

    targets = [tmp_path]
    if os.environ.get("IMPLPLAN_SCREENSHOTS"):
        targets.append(Path(os.environ["IMPLPLAN_SCREENSHOTS"]))
    for target in targets:
        target.mkdir(parents=True, exist_ok=True)
        for name, png in shots.items():
            (target / name).write_bytes(png)
    for name, png in shots.items():
        assert png.startswith(PNG_SIGNATURE), name
        assert len(png) < SCREENSHOT_LIMIT, f"{name}: {len(png)} bytes"
