"""The benchmark at a tiny scale, as a smoke test: it runs from the command line,
builds both projects without a warning, prints its whole table, and its
incremental build writes again exactly the pages that show the edited
requirement. Times are not judged here (see the docs' Performance page)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).parent.parent / "benchmarks" / "run.py"

MEASURES = (
    "clean build",
    "the views' share of the clean build",
    "clean build, against the text-only build",
    "shares of the clean build",
    "clean build, -j 2",
    "clean build, -j 4",
    "clean build, parallel against serial",
    "incremental build, one spec document changed",
    "pages written again",
    "peak memory, clean build",
    "implplan.json",
    "clean build, many plans without :spec:",
    "peak memory, many plans without :spec:",
    "implplan.json, many plans without :spec:",
    "warnings",
)


def _benchmark(*arguments: str) -> subprocess.CompletedProcess[str]:
    """``benchmarks/run.py`` run from the command line, which must succeed."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_the_benchmark_runs_and_its_incremental_build_is_exact(tmp_path: Path) -> None:
    results_file = tmp_path / "results.json"
    table_file = tmp_path / "results.md"
    result = _benchmark(
        *("--sizes", "10", "20", "--repeat", "1", "--report-only"),
        *("--work", str(tmp_path / "work")),
        *("--json", str(results_file), "--markdown", str(table_file)),
    )

    table = table_file.read_text(encoding="utf-8")
    assert table in result.stdout
    for size in ("10", "20"):
        rows = [line for line in table.splitlines() if line.startswith(f"| {size} |")]
        for measure in MEASURES:
            assert any(f"| {measure}" in row for row in rows), (size, measure, table)
        # -j 2 against the serial build is reported at every scale, and judged only
        # from 1,000 requirements up, where the target is set
        (parallel,) = [row for row in rows if "| clean build, parallel against serial |" in row]
        assert "| -j 2: " in parallel, parallel
        assert parallel.endswith("|  |  |"), parallel
    assert "growth from S = 10" in table
    assert "Command: python benchmarks/run.py --sizes 10 20 --repeat 1" in table

    for scale in json.loads(results_file.read_text(encoding="utf-8")):
        for name, builds in scale["clean"].items():
            assert [build["warnings"] for build in builds] == [0], (scale["size"], name)
        assert set(scale["clean"]) == {
            "extension",
            "baseline",
            "many-plans",
            "many-plans-baseline",
            "text-only",
        }
        assert set(scale["parallel_wide"]) == {"extension", "baseline"}
        assert all(size > 0 for size in scale["report_bytes"].values())
        (step,) = scale["incremental"]["extension"]
        written = set(step["rewritten"])
        # every page that shows the edited requirement, and no page that shows none
        # of its document's requirements
        assert set(step["showing_edited"]) <= written, step
        assert written <= set(step["showing_document"]), step
        assert {
            "overview/traceability",
            "spec/s00000" if scale["size"] == 10 else "spec/s00001",
        } <= written


def test_the_views_cost_and_the_growth_compare_builds_of_the_same_run() -> None:
    # run.py puts its folder on the path itself; the suite's path is left as it was
    saved_path = list(sys.path)
    sys.path.insert(0, str(BENCHMARK.parent))
    try:
        import run
    finally:
        sys.path[:] = saved_path

    def builds(*seconds: float) -> list[run.Build]:
        return [run.Build(value, 100.0, 0) for value in seconds]

    # the second pair ran while the machine was slow: each pair's difference still
    # holds, while the difference of the medians (12 - 9 = 3) does not
    with_views, without = builds(10, 20, 12), builds(8, 19, 9)
    assert run._paired_difference(with_views, without) == 2
    assert run._growth(builds(2, 4, 3), builds(10, 12, 15)) == 5


def test_the_growth_run_builds_three_projects_and_tells_their_growth(tmp_path: Path) -> None:
    table_file = tmp_path / "growth.md"
    _benchmark(
        *("--growth", "--sizes", "10", "30", "--report-only"),
        *("--work", str(tmp_path / "work"), "--markdown", str(table_file)),
    )
    table = table_file.read_text(encoding="utf-8")
    for measure in ("clean build", "peak memory, clean build"):
        assert f"| 10 | {measure} |" in table
        assert f"| 30 | {measure} |" in table
    # three times the requirements: linear within 10 % is at most 3.3 times
    assert "| 30 | growth of the time from S = 10 |" in table
    assert "| 30 | growth of the peak memory from S = 10 |" in table
    assert "| 30 | growth of the text-only build's time from S = 10 |" in table
    assert "| 30 | clean build, against the text-only build |" in table
    assert "≤ 3.3" in table
    assert "Command: python benchmarks/run.py --growth --sizes 10 30 --repeat 1" in table
    # only these projects were written
    assert sorted(path.name for path in (tmp_path / "work" / "s30").iterdir()) == [
        "baseline",
        "extension",
        "text-only",
    ]
