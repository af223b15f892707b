"""``implplan check``: real builds of small projects copied into ``tmp_path``, the
command called in-process (and once each as ``python -m`` and as the installed
script); its report on stdout, the build's warnings on stderr, the exit status."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pytest
from build_helpers import ROOTS, copy_root, unavailable

from sphinx_implplan.cli import main
from sphinx_implplan.plan.coverage import Coverage
from sphinx_implplan.plan.report import REPORT_FILE, PlanReport
from sphinx_implplan.plan.report_entries import PhaseEntry, RiskEntry
from sphinx_implplan.plan.verdict import (
    CheckResult,
    DanglingLink,
    GapKind,
    PlanVerdict,
    Ref,
    judge_plan,
)
from sphinx_implplan.plan.verdict_text import render_markdown, render_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

GAP_PAGES = ("uncovered.md", "dangling.md", "risk.md")


class Run(NamedTuple):
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    capsys.readouterr()
    try:
        code = main(["check", *argv])
    except SystemExit as exit_:
        # argparse's usage errors leave through SystemExit, as on the command line
        code = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()
    return Run(code, out, err)


def gaps_project(tmp_path: Path, *keep: str) -> Path:
    """The gaps project with only the pages ``keep`` of its one-gap pages."""
    src = copy_root("check-gaps", tmp_path / "gaps")
    for page in GAP_PAGES:
        if page not in keep:
            (src / page).unlink()
    return src


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder below ``folder``: its size and modification time."""
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
    }


def assert_usage_error(result: Run) -> None:
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err.splitlines()) == 1, result.err
    assert "Traceback" not in result.err


# -- a project where everything holds ------------------------------------------------


def test_all_holds_exit_0_and_source_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = copy_root("check-ok", tmp_path / "ok")
    before = snapshot(src)
    result = run(capsys, str(src))
    assert result.code == 0, result
    assert snapshot(src) == before
    assert result.err == ""
    text = result.out
    assert "PLAN_OK: Offline notes" in text
    assert "coverage: 2/2 requirements implemented (100.0%), 1 verified, 1 measured" in text
    # the plan with no requirement in scope
    assert "PLAN_NOTES: Notes | housekeeping" in text
    assert "coverage: no requirements in scope" in text
    assert "uncovered requirements: none" in text
    assert "unmitigated high risks: none" in text
    assert "dangling links: none" in text
    assert "PH_1  Build the store  1/2  in-progress" in text
    assert "PH_2  Ship sync        0/0  planned" in text
    # plans in the report's order, one verdict each, then the overall one
    assert text.index("PLAN_NOTES") < text.index("PLAN_OK")
    assert text.count("verdict: OK") == 2
    assert text.splitlines()[-1] == "OK: 2 plans, no gaps"


def test_json_is_the_builds_report(
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    make_app: Callable[..., SphinxTestApp],
) -> None:
    src = copy_root("check-ok", tmp_path / "ok")
    code = main(["check", str(src), "--format", "json"])
    out = capsysbinary.readouterr().out
    assert code == 0
    reference = make_app("html", srcdir=copy_root("check-ok", tmp_path / "ref"), freshenv=True)
    reference.build()
    assert out == (reference.outdir / REPORT_FILE).read_bytes()
    assert set(json.loads(out)["plans"]) == {"PLAN_OK", "PLAN_NOTES"}


def test_no_plans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "empty"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_implplan"]\n')
    (src / "index.md").write_text("# Nothing planned\n")
    result = run(capsys, str(src))
    assert result.code == 0, result
    assert result.out == "OK: no plans in this project\n"


# -- one gap at a time ----------------------------------------------------------------


def test_uncovered_requirement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, str(gaps_project(tmp_path, "uncovered.md")))
    assert result.code == 1, result
    assert "uncovered requirements (1):\n    FR_U2  Import notes" in result.out
    assert "verdict: gaps found: uncovered requirement FR_U2" in result.out
    assert result.out.splitlines()[-1] == "gaps found: 1 gap in 1 of 1 plan (PLAN_UNCOVERED)"


def test_coverage_below_the_minimum(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = gaps_project(tmp_path, "uncovered.md")
    below = run(capsys, str(src), "--min-coverage", "60")
    assert below.code == 1, below
    assert "(50.0%; at least 60% required)" in below.out
    assert "verdict: gaps found: coverage below minimum 50.0% < 60%" in below.out
    # a lower bar passes; the uncovered requirement is still listed
    passing = run(capsys, str(src), "--min-coverage", "50")
    assert passing.code == 0, passing
    assert "FR_U2  Import notes" in passing.out
    assert "verdict: OK" in passing.out


def test_dangling_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, str(gaps_project(tmp_path, "dangling.md")))
    assert result.code == 1, result
    assert "dangling links (1):\n    CMP_SHARE -> :implements: FR_404" in result.out
    assert "gaps found: dangling link CMP_SHARE -> :implements: FR_404" in result.out
    # the build's warning, with its file and line, on stderr only
    assert "dangling.md:12: WARNING: CMP_SHARE: :implements: 'FR_404'" in result.err
    assert "WARNING" not in result.out
    assert "\x1b[" not in result.err


def test_unmitigated_high_risk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, str(gaps_project(tmp_path, "risk.md")))
    assert result.code == 1, result
    assert "unmitigated high risks (1):\n    RISK_KEYS  Keys leak" in result.out
    assert "verdict: gaps found: unmitigated high risk RISK_KEYS" in result.out


def test_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = gaps_project(tmp_path, *GAP_PAGES)
    shutil.copy(ROOTS / "test-check-ok" / "notes.md", src)
    result = run(capsys, str(src), "--format", "markdown")
    assert result.code == 1, result
    md = result.out
    assert md.startswith("# implplan check\n")
    assert "## Half done (`PLAN_UNCOVERED`)" in md
    assert "| Requirements | Implemented | Coverage | Verified | Measured |" in md
    assert "| 2 | 1 | 50.0% | 0 | 0 |" in md
    assert "- `FR_U2` Import notes" in md
    assert "- `CMP_SHARE` -> `:implements:` `FR_404`" in md
    assert "- `RISK_KEYS` Keys leak" in md
    # a ``|`` in a title does not split a table or a heading
    assert "## Notes \\| housekeeping (`PLAN_NOTES`)" in md
    assert "| `PH_N1` | Tidy up | 0/0 | planned |" in md
    assert "**Verdict:** OK" in md
    assert "**Verdict:** gaps found: unmitigated high risk RISK\\_KEYS" in md


# -- usage and build errors --------------------------------------------------------------


def test_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, str(tmp_path / "nowhere"))
    assert_usage_error(result)
    assert "no such folder" in result.err


def test_file_instead_of_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "conf.py").write_text("")
    result = run(capsys, str(tmp_path / "conf.py"))
    assert_usage_error(result)
    assert "is not a folder" in result.err


def test_folder_without_conf_py(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, str(tmp_path))
    assert_usage_error(result)
    assert "is not a Sphinx project: no conf.py" in result.err


def test_conf_py_that_raises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "conf.py").write_text('raise ValueError("no settings today")\n')
    result = run(capsys, str(tmp_path))
    assert_usage_error(result)
    assert "ConfigError" in result.err
    assert "ValueError: no settings today" in result.err


def test_project_without_the_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser"]\n')
    (tmp_path / "index.md").write_text("# Plain\n")
    result = run(capsys, str(tmp_path))
    assert_usage_error(result)
    assert "does not use sphinx-implplan" in result.err


@pytest.mark.parametrize(
    ("options", "message"),
    [(["--min-coverage", "120"], "from 0 to 100"), (["--format", "xml"], "invalid choice")],
)
def test_bad_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    result = run(capsys, str(copy_root("check-ok", tmp_path / "ok")), *options)
    assert_usage_error(result)
    assert message in result.err


# -- the verdict on its own, no build ---------------------------------------------------


def _plan_report(
    coverage: Coverage, *, uncovered: int = 0, first_risk_mitigated: bool = True
) -> PlanReport:
    def risk(risk_id: str, band: str, mitigated: bool) -> RiskEntry:
        return RiskEntry(risk_id, "", None, None, None, band, None, mitigated)

    return PlanReport(
        id="PLAN_1",
        title="P",
        docname=None,
        status=None,
        updated=None,
        coverage=coverage,
        requirements=(),
        uncovered=uncovered,
        phases=(PhaseEntry("PH_1", "T", None, None, (), None, None, None),),
        risks=(risk("RISK_1", "high", first_risk_mitigated), risk("RISK_2", "medium", False)),
        decisions=(),
    )


def rendered(verdict: PlanVerdict) -> str:
    """The text and the Markdown of one plan's verdict."""
    result = CheckResult((verdict,), None)
    return render_text(result) + render_markdown(result)


def test_no_requirement_in_scope_is_no_gap_under_a_minimum() -> None:
    verdict = judge_plan(_plan_report(Coverage(0, 0, 0, 0)), (), 90)
    assert verdict.ok
    assert verdict.high_risks == ()
    assert "coverage: no requirements in scope" in rendered(verdict)


def test_the_bar_compares_the_reported_percent() -> None:
    report = _plan_report(Coverage(requirements=3, implemented=2, verified=0, measured=0))
    assert judge_plan(report, (), 66.7).ok
    assert [gap.kind for gap in judge_plan(report, (), 66.8).gaps] == [GapKind.COVERAGE]


def test_every_gap_is_named() -> None:
    report = _plan_report(
        Coverage(requirements=1, implemented=0, verified=0, measured=0),
        uncovered=1,
        first_risk_mitigated=False,
    )
    link = DanglingLink("CMP_1", "implements", "REQ_404")
    verdict = judge_plan(report, [link], None, uncovered=[Ref("REQ_1", "")])
    assert [str(gap) for gap in verdict.gaps] == [
        "uncovered requirement REQ_1",
        "dangling link CMP_1 -> :implements: REQ_404",
        "unmitigated high risk RISK_1",
    ]
    text = rendered(verdict)
    assert "PH_1  T  -  -" in text
    for gap in verdict.gaps:
        assert str(gap) in text


# -- as a program ---------------------------------------------------------------------


def test_python_dash_m(tmp_path: Path) -> None:
    src = gaps_project(tmp_path, "risk.md")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_implplan", "check", str(src)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert "unmitigated high risk RISK_KEYS" in result.stdout
    assert "risk.md:17: WARNING: RISK_KEYS" in result.stderr
    assert "Traceback" not in result.stderr


def test_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / ("implplan.exe" if os.name == "nt" else "implplan")
    if not script.exists():
        unavailable(f"the implplan script is not installed next to {sys.executable}")
    src = copy_root("check-ok", tmp_path / "ok")
    result = subprocess.run(
        [str(script), "check", str(src), "--format", "markdown"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# implplan check\n\n**OK: 2 plans, no gaps**\n")
    assert result.stderr == ""


def test_help_names_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for option in ("SRCDIR", "--min-coverage N", "--format {text,json,markdown}"):
        assert option in out
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert all(command in out for command in ("new", "convert", "check"))


@pytest.mark.parametrize("raised", ["KeyboardInterrupt", "GeneratorExit", "BaseException"])
def test_conf_py_that_raises_beyond_exception(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raised: str
) -> None:
    (tmp_path / "conf.py").write_text(f'raise {raised}("stop here")\n')
    result = run(capsys, str(tmp_path))
    assert_usage_error(result)
    assert f"{raised}: stop here" in result.err
