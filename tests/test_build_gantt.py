"""``impl-timeline``'s Gantt chart and today, through real builds (guide: Views,
impl-timeline; Configuration, implplan_today).

``roots/test-gantt``: ``plan.md`` holds a plan of five phases and a timeline;
``conf.py`` fixes today at 2027-02-01, when PH_2 (ended 2027-01-31, one of two
deliverables done) is late and PH_4 (started 2027-01-25, nothing done) is not
started; the critical path is PH_1, PH_2, PH_3, PH_5. ``views.md`` holds a timeline
with ``:chart: only``, one with ``:chart: none`` and one with a bad ``:chart:``;
``undated.md`` a plan whose phases have no dates, with ``:chart: only``.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from build_helpers import (
    BuildWarning,
    build_again,
    build_warnings,
    copy_root,
    edit,
    line_in,
    parse_warnings,
    read_html,
    view_text,
    visible_text,
    warnings_of,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

PHASES = ("PH_1", "PH_2", "PH_3", "PH_4", "PH_5")
_SVG = re.compile(
    r'<svg xmlns="http://www.w3.org/2000/svg" class="implplan-gantt".*?</svg>', re.DOTALL
)


def charts(html: str) -> list[str]:
    return _SVG.findall(html)


def row_of(svg: str, phase: str) -> str:
    """The markup of one phase's row, from its group's start to the next row's."""
    (row,) = [
        row for row in svg.split('<g class="implplan-gantt-row')[1:] if f">{phase}</tspan>" in row
    ]
    return row.split("</g>\n</g>")[0]


def bar(svg: str, phase: str) -> tuple[float, float]:
    """The left and right edge of a phase's bar."""
    outline = re.search(
        r'class="implplan-gantt-outline" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"',
        row_of(svg, phase),
    )
    assert outline is not None, phase
    return float(outline[1]), float(outline[1]) + float(outline[2])


def today_x(svg: str) -> float:
    match = re.search(r'<line class="implplan-gantt-today-line" x1="([\d.]+)"', svg)
    assert match is not None
    return float(match[1])


def description(svg: str) -> str:
    match = re.search(r'<desc id="[^"]+">([^<]*)</desc>', svg)
    assert match is not None
    return match[1]


@dataclass(frozen=True)
class Site:
    srcdir: Path
    outdir: Path
    warnings: list[BuildWarning]

    def page(self, docname: str) -> str:
        return (self.outdir / f"{docname}.html").read_text(encoding="utf8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The test project built to HTML once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("gantt-site")
    srcdir = copy_root("gantt", folder / "src")
    outdir = folder / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return Site(srcdir, outdir, parse_warnings(result.stderr))


def test_one_bar_per_phase_above_the_table(site: Site) -> None:
    assert [(w.file, w.subtype) for w in site.warnings] == [("views.md", "implplan.view")]
    html = site.page("plan")
    (svg,) = charts(html)
    # above its table, under a caption of its own
    view = html[html.index('<div class="implplan-view implplan-impl-timeline') :]
    assert (
        view.index("Gantt chart of Gantt plan (PLAN_G)") < view.index("<svg") < view.index("<table")
    )
    assert svg.count('class="implplan-gantt-outline"') == len(PHASES)
    assert svg.count('class="implplan-gantt-done"') == 2
    for phase in PHASES:
        # each phase a link to its card (on this page), with its dates in words
        assert f'<a href="#{phase}">' in row_of(svg, phase)
        assert f"<title>{phase} " in row_of(svg, phase)
    # a text alternative: the group is named by the title and described in words
    assert 'role="group" aria-labelledby="' in svg
    assert "<title id=" in svg
    assert description(svg) == (
        "5 phases from 2027-01-04 to 2027-02-14; today is 2027-02-01. Late: PH_2. "
        "Not started: PH_4. Critical path: PH_1, PH_2, PH_3, PH_5."
    )
    # user text escaped
    assert (
        "Merging &lt;&amp; &quot;quoted&quot;&gt;" in svg or 'Merging &lt;&amp; "quoted"&gt;' in svg
    )
    assert "<& " not in svg


def test_today_line_late_marks_and_critical_path(site: Site) -> None:
    (svg,) = charts(site.page("plan"))
    # the line on today, 2027-02-01: after PH_2's last day, inside PH_3's first
    assert bar(svg, "PH_2")[1] < today_x(svg) < bar(svg, "PH_3")[1]
    assert bar(svg, "PH_2")[1] == pytest.approx(bar(svg, "PH_3")[0], abs=0.02)
    assert "implplan-gantt-late" in row_of(svg, "PH_2")
    assert ">late</text>" in row_of(svg, "PH_2")
    assert ">not started</text>" in row_of(svg, "PH_4")
    assert ">late<" not in row_of(svg, "PH_3") + row_of(svg, "PH_1")
    critical = {phase for phase in PHASES if "implplan-gantt-critical" in row_of(svg, phase)}
    assert critical == {"PH_1", "PH_2", "PH_3", "PH_5"}
    assert svg.count('class="implplan-gantt-dependency implplan-gantt-critical"') == 3
    assert svg.count('class="implplan-gantt-dependency"') == 1
    # the table says it in words too
    table = view_text(site.page("plan"), "impl-timeline")
    assert "1/2 (50 %) in-progress late PH_4" in table
    assert "0/1 (0 %) planned not started PH_3" in table
    assert '<span class="implplan-late implplan-timing-line">late</span>' in site.page("plan")
    assert "2/2 (100 %) done PH_2" in table


def test_chart_only_none_and_a_bad_value(site: Site) -> None:
    html = site.page("views")
    views = html.split('<div class="implplan-view implplan-impl-timeline')[1:]
    only, none, bad = views
    assert len(charts(only)) == 1
    assert "<table" not in only
    assert "Only the chart (Gantt chart)" in visible_text(only)
    assert charts(none) == []
    assert "<table" in none
    # a bad value is left out: the chart above the table
    assert len(charts(bad)) == 1
    assert "<table" in bad
    (warning,) = warnings_of(site.warnings, "view")
    assert warning.line == line_in(site.srcdir / "views.md", "A bad chart")
    assert warning.message == (
        "impl-timeline: :chart: 'sideways' is not a valid chart placement; use one of: "
        "above, only, none"
    )


def test_a_plan_without_dates_keeps_its_table(site: Site) -> None:
    # nothing to draw on an axis: the table, :chart: only or not
    html = site.page("undated")
    assert charts(html) == []
    assert "Someday not scheduled 7 days" in view_text(html, "impl-timeline")


@pytest.mark.sphinx("text", testroot="gantt", freshenv=True)
def test_text_builders_keep_the_table(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "views.txt").read_text(encoding="utf8")
    # every timeline a table, :chart: only too
    assert text.count("Depends on") == 3
    assert "<svg" not in text
    assert "in-progress, late" in (app.outdir / "plan.txt").read_text(encoding="utf8")


@pytest.mark.sphinx(
    "html", testroot="gantt", freshenv=True, confoverrides={"implplan_today": "tomorrow"}
)
def test_a_bad_today_is_reported_and_the_build_day_used(
    app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.date.today()
    app.build()
    after = datetime.date.today()
    config = warnings_of(build_warnings(app), "config")
    assert len(config) == 1
    assert config[0].file == ""
    assert config[0].message.startswith(
        "implplan_today = 'tomorrow' is not valid: 'tomorrow' is not a date; write it as "
        "YYYY-MM-DD; the build takes "
    )
    (svg,) = charts(read_html(app, "plan"))
    shown = re.findall(r"today is ([\d-]+)\.", description(svg))
    assert shown[0] in (before.isoformat(), after.isoformat())


def test_source_date_epoch_gives_today_without_implplan_today(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_root("gantt", tmp_path / "gantt")
    edit(project / "conf.py", 'implplan_today = "2027-02-01"', "")
    # 2027-02-10T12:00:00Z: PH_3 (to 2027-02-07) is late now too
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1802260800")
    app = build_again(make_app, project)
    assert warnings_of(build_warnings(app), "config") == []
    (svg,) = charts(read_html(app, "plan"))
    assert "today is 2027-02-10. Late: PH_2, PH_4, PH_3. Not started: PH_5." in description(svg)


def _chart_and_report(app: SphinxTestApp) -> tuple[list[str], bytes]:
    pages = [chart for page in ("plan", "views") for chart in charts(read_html(app, page))]
    return pages, (app.outdir / "implplan.json").read_bytes()


def test_serial_parallel_and_incremental_builds_draw_the_same_chart(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    serial = build_again(make_app, copy_root("gantt", tmp_path / "serial"))
    parallel = build_again(make_app, copy_root("gantt", tmp_path / "parallel"), parallel=2)
    assert _chart_and_report(parallel) == _chart_and_report(serial)
    assert len(_chart_and_report(serial)[0]) == 3

    # another today reads every document again: the pages show the new day, on which
    # nothing is late yet
    project = tmp_path / "serial"
    edit(project / "conf.py", '"2027-02-01"', '"2027-01-20"')
    later = build_again(make_app, project)
    (svg, *_) = charts(read_html(later, "plan"))
    assert description(svg) == (
        "5 phases from 2027-01-04 to 2027-02-14; today is 2027-01-20. "
        "Critical path: PH_1, PH_2, PH_3, PH_5."
    )
    assert "late" not in view_text(read_html(later, "views"), "impl-timeline", 1)

    # a deliverable ticked: the incremental build draws what a clean one does
    edit(project / "plan.md", "- [ ] push", "- [x] push")
    incremental = build_again(make_app, project)
    clean_project = copy_root("gantt", tmp_path / "clean")
    edit(clean_project / "conf.py", '"2027-02-01"', '"2027-01-20"')
    edit(clean_project / "plan.md", "- [ ] push", "- [x] push")
    clean = build_again(make_app, clean_project)
    assert _chart_and_report(incremental) == _chart_and_report(clean)
    assert 'class="implplan-gantt-done"' in row_of(charts(read_html(clean, "plan"))[0], "PH_2")
    assert json.loads(_chart_and_report(clean)[1])
