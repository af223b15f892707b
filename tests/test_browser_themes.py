"""The review page of the example docs in five Sphinx themes, in headless Chromium.

The stylesheet must hold against each theme's own table rules (sphinx-rtd-theme's cells
that never wrap and its zebra stripes, pydata's and the book theme's stripes and link
underlines): at 1280 px every view table fits its text column with nothing behind a
sideways scroll, the heat map's bands are one opaque colour each, and its text is
readable, in light mode and in the dark mode of the themes that have one.

Each theme is built once, writing only the review page. Screenshots of its heat map and
traceability table go into pytest's tmp dir, and into ``$IMPLPLAN_SCREENSHOTS`` too
when that names a directory (``tox -e screenshots``). Like ``test_browser.py``: without
Chromium, chromedriver, Selenium or a theme the tests skip, and with ``CI=true`` fail.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import unavailable
from test_browser import (
    EXAMPLE_DOCS,
    JS_LIB,
    PNG_SIGNATURE,
    TEXT_CONTRAST,
    Region,
    band_colours,
    chromium_driver,
    contrast,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from selenium.webdriver.chrome.webdriver import WebDriver

PAGE = "demo/review.html"

#: theme, its module, and how it is switched to dark mode (None: it has none)
THEMES = {
    "furo": ("furo", "body"),
    "sphinx_rtd_theme": ("sphinx_rtd_theme", None),
    "pydata_sphinx_theme": ("pydata_sphinx_theme", "html"),
    "sphinx_book_theme": ("sphinx_book_theme", "html"),
    "alabaster": ("alabaster", None),
}

CASES = [
    (theme, mode)
    for theme, (_module, dark) in THEMES.items()
    for mode in ("light", "dark")
    if mode == "light" or dark
]

#: a screenshot of a theme: the heat map above the first rows of the traceability table
SCREENSHOT_LIMIT = 150_000
TRACE_ROWS_SHOWN = 3


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example docs in each theme, only the review page written: every document is
    read once (the page's views show items of all of them), one is written per theme."""
    missing = [module for module, _dark in THEMES.values() if not importlib.util.find_spec(module)]
    if missing:
        unavailable(
            f"themes not installed: {', '.join(missing)}"
            " (pip install sphinx-rtd-theme pydata-sphinx-theme sphinx-book-theme)"
        )
    built = {}
    # one environment for all: the first build reads the documents, the others only
    # write the page in their theme (html_theme changes no document)
    doctrees = tmp_path_factory.mktemp("review-doctrees")
    for theme in THEMES:
        outdir = tmp_path_factory.mktemp(f"review-{theme}")
        result = subprocess.run(
            [
                sys.executable, "-m", "sphinx", "-q", "-b", "html",
                "-D", f"html_theme={theme}",
                "-d", str(doctrees), str(EXAMPLE_DOCS), str(outdir),
                str(EXAMPLE_DOCS / "demo" / "review.md"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        assert result.returncode == 0, f"{theme}: {result.stderr}"
        built[theme] = outdir
    return built


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    with chromium_driver(tmp_path_factory) as browser:
        yield browser


def _open(driver: WebDriver, site: Path, theme: str, mode: str) -> None:
    """The review page in ``mode``: the system's colour scheme, and the theme's own
    switch where it has one (furo's on the body, pydata's on the html element)."""
    driver.get((site / PAGE).as_uri())
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"media": "", "features": [{"name": "prefers-color-scheme", "value": mode}]},
    )
    switch = THEMES[theme][1]
    if switch:
        driver.execute_script(
            "const element = arguments[0] === 'body' ? document.body"
            " : document.documentElement; element.dataset.theme = arguments[1];",
            switch,
            mode,
        )


def _run(driver: WebDriver, script: str, *args: object) -> Any:
    return driver.execute_script(JS_LIB + script, *args)


@pytest.mark.parametrize(("theme", "mode"), CASES)
def test_review_page_in_theme(
    driver: WebDriver, sites: dict[str, Path], theme: str, mode: str
) -> None:
    _open(driver, sites[theme], theme, mode)
    problems = _wide_tables(driver) if mode == "light" else []
    problems += _band_problems(driver)
    problems += _band_text_problems(driver)
    assert not problems, f"{theme} ({mode}):\n" + "\n".join(problems)


def _wide_tables(driver: WebDriver) -> list[str]:
    """Each view table as wide as its text column at most (the view's parent, less its
    padding), and nothing between them scrolled sideways."""
    tables = _run(
        driver,
        """
        return [...document.querySelectorAll("div.implplan-view table.implplan-table")]
          .map((table) => {
            const view = table.closest("div.implplan-view");
            const column = view.parentElement;
            const style = getComputedStyle(column);
            const inner = column.clientWidth - parseFloat(style.paddingLeft)
              - parseFloat(style.paddingRight);
            const scrolled = [];
            for (let e = table; e !== column; e = e.parentElement) {
              if (e.scrollWidth > e.clientWidth + 1) scrolled.push(e.tagName + "." + e.className);
            }
            return {
              name: [...table.classList].filter((c) => c !== "implplan-table"
                && c.startsWith("implplan-")).join(" ") || table.id,
              width: table.getBoundingClientRect().width,
              column: inner,
              view: view.getBoundingClientRect().width,
              scrolled: scrolled,
            };
          });
        """,
    )
    assert len(tables) >= 6, tables
    problems = []
    for table in tables:
        if table["width"] > table["column"] + 0.5 or table["view"] > table["column"] + 0.5:
            problems.append(
                f"{table['name']}: {table['width']:.0f} px in a {table['column']:.0f} px column"
            )
        if table["scrolled"]:
            problems.append(f"{table['name']}: scrolls sideways in {table['scrolled']}")
    return problems


def _band_problems(driver: WebDriver) -> list[str]:
    """Every cell of a band in one opaque colour, whatever row (and stripe) it is in,
    and no two bands alike."""
    colours = {
        band: {
            tuple(round(channel * 255) if index == 3 else round(channel)
                  for index, channel in enumerate(shade))
            for shade in shades
        }
        for band, shades in band_colours(driver).items()
    }  # fmt: skip
    problems = []
    if set(colours) != {"high", "medium", "low"}:
        problems.append(f"bands found: {sorted(colours)}")
    for band, shades in colours.items():
        if len(shades) != 1:
            problems.append(f"band {band}: cells differ in colour: {sorted(shades)}")
        if any(shade[3] != 255 for shade in shades):
            problems.append(f"band {band}: not opaque: {sorted(shades)}")
    if len({min(shades) for shades in colours.values()}) != len(colours):
        problems.append(f"two bands share a colour: {colours}")
    return problems


def _band_text_problems(driver: WebDriver) -> list[str]:
    """Every text on the heat map's cells at WCAG AA contrast (4.5:1) at least."""
    samples = _run(
        driver, "return textSamples(document.querySelectorAll(\"td[class*='implplan-band-']\"));"
    )
    assert samples, "no text on the heat map"
    problems = []
    for sample in samples:
        ratio = contrast(sample["colour"], sample["background"])
        if ratio < TEXT_CONTRAST:
            problems.append(f"{sample['text']!r}: contrast {ratio:.2f} < {TEXT_CONTRAST}")
    return problems


def test_screenshots(driver: WebDriver, sites: dict[str, Path], tmp_path: Path) -> None:
    """Per theme, in light mode: the heat map above the first rows of the traceability
    table, one small PNG."""
    targets = [tmp_path]
    if os.environ.get("IMPLPLAN_SCREENSHOTS"):
        targets.append(Path(os.environ["IMPLPLAN_SCREENSHOTS"]))
    for theme, site in sites.items():
        _open(driver, site, theme, "light")
        # a sticky header (pydata's, the book theme's) would cover the top of a capture
        _run(
            driver,
            """
            for (const element of document.querySelectorAll("body *")) {
              if (["fixed", "sticky"].includes(getComputedStyle(element).position)) {
                element.style.visibility = "hidden";
              }
            }
            """,
        )
        heat_map = _region(driver, "div.implplan-impl-risk-matrix table", 0)
        trace = _region(driver, "div.implplan-impl-traceability table", TRACE_ROWS_SHOWN)
        png = _stack(driver, [_capture(driver, heat_map), _capture(driver, trace)])
        assert png.startswith(PNG_SIGNATURE), theme
        assert len(png) < SCREENSHOT_LIMIT, f"{theme}: {len(png)} bytes"
        for target in targets:
            target.mkdir(parents=True, exist_ok=True)
            (target / f"theme-{theme.replace('_', '-')}.png").write_bytes(png)


def _region(driver: WebDriver, selector: str, rows: int, margin: float = 8) -> Region:
    """The element, or its header and first ``rows`` body rows, plus a margin."""
    box = _run(
        driver,
        """
        const [selector, rows] = arguments;
        const element = document.querySelector(selector);
        const top = element.getBoundingClientRect();
        let bottom = top.bottom;
        if (rows) {
          // the last cell of the row: in a stacked table the rows are no boxes
          const row = element.querySelectorAll("tbody > tr")[rows - 1];
          bottom = Math.max(...[...row.children].map((c) => c.getBoundingClientRect().bottom));
        }
        return [top.left + scrollX, top.top + scrollY, top.width, bottom - top.top];
        """,
        selector,
        rows,
    )
    return Region(box[0] - margin, box[1] - margin, box[2] + 2 * margin, box[3] + 2 * margin)


def _capture(driver: WebDriver, region: Region) -> str:
    """A PNG of ``region`` as base64, scrolled to first."""
    driver.execute_script("window.scrollTo(0, arguments[0]);", region.top)
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "clip": {
                "x": region.left,
                "y": region.top,
                "width": region.width,
                "height": region.height,
                "scale": 1,
            },
        },
    )
    return str(shot["data"])


def _stack(driver: WebDriver, pngs: list[str]) -> bytes:
    """The PNGs one below the other on a white canvas, as one PNG."""
    data = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        Promise.all(arguments[0].map((data) => new Promise((resolve) => {
          const image = new Image();
          image.onload = () => resolve(image);
          image.src = "data:image/png;base64," + data;
        }))).then((images) => {
          const gap = 12;
          const canvas = document.createElement("canvas");
          canvas.width = Math.max(...images.map((i) => i.width));
          canvas.height = images.reduce((sum, i) => sum + i.height, 0)
            + gap * (images.length - 1);
          const context = canvas.getContext("2d");
          context.fillStyle = "#fff";
          context.fillRect(0, 0, canvas.width, canvas.height);
          let top = 0;
          for (const image of images) {
            context.drawImage(image, 0, top);
            top += image.height + gap;
          }
          done(canvas.toDataURL("image/png").split(",")[1]);
        });
        """,
        pngs,
    )
    return base64.b64decode(data)
