"""Benchmark sphinx-implplan against the same project in plain sphinx-needs.

    python benchmarks/run.py                       # S = 1,000 and 5,000, one run each
    python benchmarks/run.py --sizes 1000 5000 20000 --repeat 2
    python benchmarks/run.py --sizes 20 50 --repeat 1 --report-only   # a smoke run
    python benchmarks/run.py --growth --sizes 5000 20000   # growth alone, at large S

For each scale S it writes four projects (``project.py``): the extension's, the same
without its four views, the plain sphinx-needs baseline, and the text-only project
(the same text without any need, built by Sphinx and MyST alone); and the
extension's and the baseline in the shape of many plans without ``:spec:``, each
plan counting every requirement. It times, with ``sphinx-build`` in a child process
each time:

- clean HTML builds, serial, ``-j 2`` and ``-j 4``, with the peak memory of the
  serial ones (serial only for the shape of many plans and the text-only project),
  and the size of ``implplan.json``; the serial clean build against the text-only
  one, and the shares of its time: Sphinx and MyST (the text-only build),
  sphinx-needs (the baseline beyond it) and the extension (beyond the baseline);
- the four overview pages drawn again (an incremental build after touching them),
  with and without their views, three times a run: the difference is what the
  views cost;
- an incremental build after changing one requirement's title in one spec document,
  noting which pages were written again.

``--growth`` times only the serial clean builds of the extension's project, the
baseline and the text-only build at each scale, with their peak memory, and how they
grow from one scale to the next against the growth of S (linear within 10 %; the
text-only build's growth is reported, to tell what Sphinx itself adds): the run at
20,000, where every other measure would take hours.

The package's bytecode is compiled first, as an installed package has it: a build
would otherwise compile every module of it that changed since it was last imported,
a cost that no user's build pays.

Each figure is the median of the runs; the projects take turns, and the serial clean
builds of every scale too, so that a slow moment of the machine falls on all of them.
The growth from one scale to the next is the median of each run's ratio, and the
views' cost the median of each pair of redraws' difference. It prints a
Markdown table with the ratios extension / baseline and whether each target holds,
and exits 1 when one does not (``--report-only``: always 0, for a smoke run where
times mean nothing).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from project import REQS_PER_SPEC, Scale, edit_requirement, requirement_id, write_project

#: the shape of many plans without ``:spec:``, each counting every requirement
MANY_PLANS = ("many-plans", "many-plans-baseline")
#: the same text without any need: Sphinx and MyST alone
TEXT_ONLY = "text-only"
PROJECTS = ("extension", "no-views", "baseline", *MANY_PLANS, TEXT_ONLY)
#: the projects whose clean builds are timed with ``-j``, and incremental builds
TIMED = ("extension", "baseline")
#: the second parallel build, beside ``--jobs``: reported, not judged
WIDE_JOBS = 4
#: the most a -j 2 clean build with the extension may take, as a share of its serial one
PARALLEL_LIMIT = 0.85
#: the smallest scale whose parallel build is judged: the scales the target names
PARALLEL_FROM = 1000
#: the smallest scale whose incremental build is judged
INCREMENTAL_JUDGED_FROM = 500
#: the projects whose ``implplan.json`` is measured
REPORTS = ("extension", "many-plans")
#: the overview pages are drawn again this many times a run, with and without the
#: views: a few seconds' difference between two builds of a few seconds each, which
#: a moment of a busy machine could hide in a single pair
REDRAWS_PER_RUN = 3
#: pages written again whatever changed: Sphinx's indexes, sphinx-needs' permalink
#: page, and the page whose table of contents lists the changed document
SPHINX_PAGES = frozenset({"genindex", "search", "py-modindex", "permalink", "index"})


@dataclass
class Build:
    seconds: float
    peak_mib: float
    warnings: int


@dataclass
class Incremental:
    seconds: float
    rewritten: list[str]
    #: pages that show the edited requirement, and pages that show any requirement
    #: of the edited document (the document itself included)
    showing_edited: list[str]
    showing_document: list[str]

    @property
    def stale(self) -> list[str]:
        return sorted(set(self.showing_edited) - set(self.rewritten))

    @property
    def needless(self) -> list[str]:
        return sorted(set(self.rewritten) - set(self.showing_document))


@dataclass
class Results:
    size: int
    clean: dict[str, list[Build]] = field(default_factory=dict)
    parallel: dict[str, list[Build]] = field(default_factory=dict)
    #: clean builds with ``-j 4`` (``WIDE_JOBS``)
    parallel_wide: dict[str, list[Build]] = field(default_factory=dict)
    incremental: dict[str, list[Incremental]] = field(default_factory=dict)
    #: an incremental build after touching the four overview pages, with and
    #: without their views: the difference is what drawing the views costs
    redraw: dict[str, list[Build]] = field(default_factory=dict)
    #: the size of ``implplan.json`` in bytes, by project
    report_bytes: dict[str, int] = field(default_factory=dict)


def sphinx_build(source: Path, *options: str) -> Build:
    """One ``sphinx-build -b html`` in a child process: wall time and peak memory."""
    output = source / "_build" / "html"
    warnings = source / "_build" / "warnings.txt"
    output.parent.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-w", str(warnings)]
    started = time.perf_counter()
    child = subprocess.Popen([*command, *options, str(source), str(output)])
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"sphinx-build failed on {source} ({child.returncode})")
    lines = warnings.read_text(encoding="utf-8").splitlines()
    # ru_maxrss is in KiB on Linux
    return Build(seconds, usage.ru_maxrss / 1024, sum("WARNING" in line for line in lines))


def clean_build(source: Path, *options: str) -> Build:
    shutil.rmtree(source / "_build", ignore_errors=True)
    return sphinx_build(source, *options)


def page_times(output: Path) -> dict[str, int]:
    return {
        path.relative_to(output).with_suffix("").as_posix(): path.stat().st_mtime_ns
        for path in output.rglob("*.html")
        if not path.relative_to(output).parts[0].startswith("_")
    }


def pages_containing(output: Path, needles: list[str]) -> list[str]:
    found = []
    for path in sorted(output.rglob("*.html")):
        page = path.relative_to(output).with_suffix("").as_posix()
        if page in SPHINX_PAGES or page.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        if any(needle in text for needle in needles):
            found.append(page)
    return found


def incremental_build(source: Path, scale: Scale, revision: int) -> Incremental:
    """Change one requirement of the middle spec document and build again."""
    output = source / "_build" / "html"
    document = scale.documents // 2
    before = page_times(output)
    edited = edit_requirement(source, document, revision)
    build = sphinx_build(source)
    after = page_times(output)
    rewritten = sorted(page for page, mtime in after.items() if before.get(page) != mtime)
    of_document = [requirement_id(document, index) for index in range(REQS_PER_SPEC)]
    return Incremental(
        seconds=build.seconds,
        rewritten=[page for page in rewritten if page not in SPHINX_PAGES],
        showing_edited=pages_containing(output, [f"{edited}<", f'{edited}"']),
        showing_document=sorted({*pages_containing(output, of_document), f"spec/s{document:05d}"}),
    )


def redraw_overview(source: Path) -> Build:
    """Build again after touching the four overview pages."""
    for page in (source / "overview").glob("*.md"):
        page.touch()
    return sphinx_build(source)


#: one project at one scale
Turn = tuple[int, str]


def take_turns(
    repeat: int, turns: list[Turn], what: str, step: Callable[[Turn], Build]
) -> dict[Turn, list[Build]]:
    """``step`` for each project ``repeat`` times; the projects take turns, starting
    with a different one each run."""
    builds: dict[Turn, list[Build]] = {}
    for run in range(repeat):
        for turn in turns[:: 1 if run % 2 == 0 else -1]:
            build = step(turn)
            builds.setdefault(turn, []).append(build)
            size, name = turn
            print(f"S={size} run {run + 1}: {name} {what} {build.seconds:.1f} s", flush=True)
    return builds


def write_projects(size: int, work: Path, names: tuple[str, ...] = PROJECTS) -> dict[str, Path]:
    scale = Scale(size)
    sources = {name: work / f"s{size}" / name for name in names}
    for name, source in sources.items():
        shutil.rmtree(source, ignore_errors=True)
        write_project(
            source,
            scale,
            baseline=name in ("baseline", "many-plans-baseline", TEXT_ONLY),
            views=name != "no-views",
            spec=name not in MANY_PLANS,
            text=name == TEXT_ONLY,
        )
    return sources


def clean_builds(
    sources: dict[int, dict[str, Path]],
    repeat: int,
    names: tuple[str, ...] = (*TIMED, *MANY_PLANS, TEXT_ONLY),
) -> dict[int, dict[str, list[Build]]]:
    """The clean builds of every scale take turns too: the growth from one scale to
    the next compares builds of the same run, minutes apart rather than a quarter
    of an hour."""
    turns = [(size, name) for size in sorted(sources) for name in names]
    builds = take_turns(repeat, turns, "clean", lambda turn: clean_build(sources[turn[0]][turn[1]]))
    return {size: {name: builds[size, name] for name in names} for size in sources}


def measure(
    size: int, sources: dict[str, Path], clean: dict[str, list[Build]], repeat: int, jobs: int
) -> Results:
    scale = Scale(size)
    results = Results(size, clean=clean)

    def turns(*names: str) -> list[Turn]:
        return [(size, name) for name in names]

    def by_name(builds: dict[Turn, list[Build]]) -> dict[str, list[Build]]:
        return {name: runs for (_size, name), runs in builds.items()}

    # two builds of 60 to 90 s differ by more than the views cost from run to run,
    # so the views are measured by drawing the overview pages again: the same small
    # build with and without the views
    clean_build(sources["no-views"])
    results.redraw = by_name(
        take_turns(
            repeat * REDRAWS_PER_RUN,
            turns("extension", "no-views"),
            "overview pages",
            lambda turn: redraw_overview(sources[turn[1]]),
        )
    )

    def parallel(processes: int) -> dict[str, list[Build]]:
        return by_name(
            take_turns(
                repeat,
                turns(*TIMED),
                f"-j {processes}",
                lambda turn: clean_build(sources[turn[1]], "-j", str(processes)),
            )
        )

    results.parallel = parallel(jobs)
    results.parallel_wide = parallel(WIDE_JOBS)
    for name in TIMED:
        clean_build(sources[name])
        for run in range(repeat):
            step = incremental_build(sources[name], scale, run + 1)
            results.incremental.setdefault(name, []).append(step)
            print(
                f"S={size} run {run + 1}: {name} incremental {step.seconds:.1f} s, "
                f"{len(step.rewritten)} pages written",
                flush=True,
            )
    results.report_bytes = {
        name: (sources[name] / "_build" / "html" / "implplan.json").stat().st_size
        for name in REPORTS
    }
    return results


@dataclass
class Row:
    measure: str
    extension: str
    baseline: str
    ratio: str
    target: str
    met: bool | None


def _seconds(builds: list[Build] | list[Incremental]) -> float:
    return statistics.median([build.seconds for build in builds])


def _growth(smaller: list[Build], larger: list[Build]) -> float:
    """The median of each run's ratio of the larger scale's time to the smaller's."""
    return statistics.median(
        big.seconds / small.seconds for small, big in zip(smaller, larger, strict=True)
    )


def _paired_difference(builds: list[Build], others: list[Build]) -> float:
    """The median of the differences of builds that ran one after the other."""
    return statistics.median(
        build.seconds - other.seconds for build, other in zip(builds, others, strict=True)
    )


def _compared(
    measure: str,
    extension: float,
    baseline: float,
    unit: str,
    *,
    limit: float | None,
    decimals: int = 1,
) -> Row:
    """A row of one figure on both sides and their ratio, judged against ``limit``
    (``None``: not judged at this scale)."""
    ratio = extension / baseline
    return Row(
        measure,
        f"{extension:,.{decimals}f} {unit}",
        f"{baseline:,.{decimals}f} {unit}",
        f"{ratio:.2f}",
        "" if limit is None else f"≤ {limit:.2f}",
        None if limit is None else ratio <= limit,
    )


def rows_for(results: Results, largest: bool, smallest: Results | None) -> list[Row]:
    def judged(limit: float) -> float | None:
        return limit if largest else None

    clean_ext = _seconds(results.clean["extension"])
    clean_base = _seconds(results.clean["baseline"])
    rows = [_compared("clean build", clean_ext, clean_base, "s", limit=judged(1.10))]
    if largest and smallest is not None and smallest is not results:
        growth = _growth(smallest.clean["extension"], results.clean["extension"])
        base_growth = _growth(smallest.clean["baseline"], results.clean["baseline"])
        limit = 1.1 * results.size / smallest.size
        rows.append(
            Row(
                f"growth from S = {smallest.size:,}",
                f"{growth:.2f} x",
                f"{base_growth:.2f} x",
                "",
                f"≤ {limit:.1f}",
                growth <= limit,
            )
        )
    views = _paired_difference(results.redraw["extension"], results.redraw["no-views"])
    share = views / clean_ext
    rows.append(
        Row(
            "the views' share of the clean build",
            f"{100 * share:.1f} % ({views:.1f} s)",
            "",
            "",
            "< 5 %" if largest else "",
            share < 0.05 if largest else None,
        )
    )
    rows += text_only_rows(results)
    rows += parallel_rows(results)
    ext_steps = results.incremental["extension"]
    base_steps = results.incremental["baseline"]
    rows.append(
        _compared(
            "incremental build, one spec document changed",
            _seconds(ext_steps),
            _seconds(base_steps),
            "s",
            # judged from 500 requirements on: below, both builds take about a second
            limit=1.50 if results.size >= INCREMENTAL_JUDGED_FROM else None,
        )
    )
    rows.append(
        Row(
            "pages written again (stale: showing the change, not written)",
            _pages(ext_steps),
            _pages(base_steps),
            "",
            "only pages showing the document's requirements, none stale",
            all(not step.stale and not step.needless for step in ext_steps),
        )
    )
    rows.append(
        _compared(
            "peak memory, clean build",
            max(build.peak_mib for build in results.clean["extension"]),
            max(build.peak_mib for build in results.clean["baseline"]),
            "MiB",
            limit=judged(1.20),
            decimals=0,
        )
    )
    rows += many_plans_rows(results)
    every_build = [
        *results.clean.items(),
        *results.redraw.items(),
        *results.parallel.items(),
        *results.parallel_wide.items(),
    ]
    warnings = dict.fromkeys(PROJECTS, 0)
    for name, builds in every_build:
        warnings[name] = max(warnings[name], *(build.warnings for build in builds))
    rows.append(
        Row(
            "warnings",
            str(max(warnings["extension"], warnings["no-views"])),
            f"{warnings['baseline']} (text-only: {warnings[TEXT_ONLY]})",
            "",
            "none",
            not any(warnings.values()),
        )
    )
    return rows


def text_only_rows(results: Results) -> list[Row]:
    """The serial clean build against the same text without any need, and the shares
    of its time: Sphinx and MyST (the text-only build), sphinx-needs (what the
    baseline takes beyond it) and the extension (what it takes beyond the baseline;
    below zero where it is the faster)."""
    extension = _seconds(results.clean["extension"])
    baseline = _seconds(results.clean["baseline"])
    text = _seconds(results.clean[TEXT_ONLY])

    def share(seconds: float) -> str:
        return f"{100 * seconds / extension:.0f} % ({seconds:.1f} s)"

    shares = (
        f"Sphinx and MyST {share(text)}, sphinx-needs {share(baseline - text)}, "
        f"the extension {share(extension - baseline)}"
    )
    return [
        _compared("clean build, against the text-only build", extension, text, "s", limit=None),
        Row("shares of the clean build", shares, "", "", "", None),
    ]


def parallel_rows(results: Results) -> list[Row]:
    """The parallel clean builds, each side against the other and against its own
    serial build; the extension's ``-j 2`` against its serial build is judged."""
    jobs = {
        "-j 2": results.parallel,
        f"-j {WIDE_JOBS}": results.parallel_wide,
    }
    rows = [
        _compared(
            f"clean build, {option}",
            _seconds(builds["extension"]),
            _seconds(builds["baseline"]),
            "s",
            limit=None,
        )
        for option, builds in jobs.items()
    ]

    def against_serial(name: str) -> str:
        serial = _seconds(results.clean[name])
        return ", ".join(
            f"{option}: {_seconds(builds[name]) / serial:.2f}" for option, builds in jobs.items()
        )

    # judged from PARALLEL_FROM requirements up: the extension's -j 2 build against
    # its own serial one; below, starting the processes is most of the cost
    gain = _seconds(results.parallel["extension"]) / _seconds(results.clean["extension"])
    judged = results.size >= PARALLEL_FROM
    rows.append(
        Row(
            "clean build, parallel against serial",
            against_serial("extension"),
            against_serial("baseline"),
            f"{gain:.2f}",
            f"-j 2 ≤ {PARALLEL_LIMIT:.2f}" if judged else "",
            gain <= PARALLEL_LIMIT if judged else None,
        )
    )
    return rows


def compile_package() -> None:
    """The extension's bytecode, written as installing the package writes it."""
    spec = importlib.util.find_spec("sphinx_implplan")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def _kib(size: int) -> str:
    return f"{size / 1024:,.0f} KiB"


def many_plans_rows(results: Results) -> list[Row]:
    """The size of ``implplan.json`` in both shapes, and the clean build and memory of
    the shape of many plans without ``:spec:``, none judged: each plan there counts
    every requirement, which must cost plans plus requirements, not their product."""
    plans = Scale(results.size).documents
    many = "many plans without :spec:"
    return [
        Row("implplan.json", _kib(results.report_bytes["extension"]), "", "", "", None),
        _compared(
            f"clean build, {many}",
            _seconds(results.clean["many-plans"]),
            _seconds(results.clean["many-plans-baseline"]),
            "s",
            limit=None,
        ),
        _compared(
            f"peak memory, {many}",
            max(build.peak_mib for build in results.clean["many-plans"]),
            max(build.peak_mib for build in results.clean["many-plans-baseline"]),
            "MiB",
            limit=None,
            decimals=0,
        ),
        Row(
            f"implplan.json, {many} ({plans:,} plans x {results.size:,} requirements in scope)",
            _kib(results.report_bytes["many-plans"]),
            "",
            "",
            "",
            None,
        ),
    ]


def _pages(steps: list[Incremental]) -> str:
    step = steps[-1]
    stale = f", {len(step.stale)} stale" if step.stale else ""
    return f"{len(step.rewritten)}{stale}"


def table(all_results: list[Results]) -> tuple[str, bool]:
    smallest, largest = all_results[0], all_results[-1]
    lines = [
        "| S | measure | extension | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    every_target_met = True
    for results in all_results:
        for row in rows_for(results, results is largest, smallest):
            met = {None: "", True: "yes", False: "**no**"}[row.met]
            every_target_met &= row.met is not False
            lines.append(
                f"| {results.size:,} | {row.measure} | {row.extension} | {row.baseline} "
                f"| {row.ratio} | {row.target} | {met} |"
            )
    return "\n".join(lines), every_target_met


def growth_table(sizes: list[int], clean: dict[int, dict[str, list[Build]]]) -> tuple[str, bool]:
    """The serial clean builds at each scale (the extension's, the baseline's and the
    text-only one), and their growth from the scale before against S's (linear within
    10 %), in time and in peak memory."""
    lines = [
        "| S | measure | extension | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    every_target_met = True
    for index, size in enumerate(sizes):
        builds = clean[size]
        seconds = [_seconds(builds[name]) for name in TIMED]
        memory = [statistics.median(b.peak_mib for b in builds[name]) for name in TIMED]
        rows = [
            _compared("clean build", seconds[0], seconds[1], "s", limit=None),
            _compared(
                "peak memory, clean build", memory[0], memory[1], "MiB", limit=None, decimals=0
            ),
        ]
        rows.append(
            _compared(
                "clean build, against the text-only build",
                seconds[0],
                _seconds(builds[TEXT_ONLY]),
                "s",
                limit=None,
            )
        )
        if index:
            before = clean[sizes[index - 1]]
            limit = 1.1 * size / sizes[index - 1]
            time_growth = [_growth(before[n], builds[n]) for n in TIMED]
            memory_growth = [
                statistics.median(b.peak_mib for b in builds[n])
                / statistics.median(b.peak_mib for b in before[n])
                for n in TIMED
            ]
            text_growth = _growth(before[TEXT_ONLY], builds[TEXT_ONLY])
            rows.append(
                Row(
                    f"growth of the text-only build's time from S = {sizes[index - 1]:,}",
                    "",
                    f"{text_growth:.2f} x",
                    "",
                    "",
                    None,
                )
            )
            for measure, (extension, baseline) in (
                ("time", time_growth),
                ("peak memory", memory_growth),
            ):
                every_target_met &= extension <= limit
                rows.append(
                    Row(
                        f"growth of the {measure} from S = {sizes[index - 1]:,}",
                        f"{extension:.2f} x",
                        f"{baseline:.2f} x",
                        "",
                        f"≤ {limit:.1f}",
                        extension <= limit,
                    )
                )
        for row in rows:
            met = {None: "", True: "yes", False: "**no**"}[row.met]
            lines.append(
                f"| {size:,} | {row.measure} | {row.extension} | {row.baseline} "
                f"| {row.ratio} | {row.target} | {met} |"
            )
    return "\n".join(lines), every_target_met


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    packages = ", ".join(
        f"{name} {version(name)}" for name in ("sphinx", "sphinx-needs", "myst-parser")
    )
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()}; "
        f"Python {platform.python_version()}; {packages}; "
        f"sphinx-implplan {version('sphinx-implplan')}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("benchmarks/_work"))
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    parser.add_argument(
        "--report-only", action="store_true", help="exit 0 even when a target is missed"
    )
    parser.add_argument(
        "--growth", action="store_true", help="only the serial clean builds and their growth"
    )
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))

    compile_package()
    all_results: list[Results] = []
    if args.growth:
        growing = (*TIMED, TEXT_ONLY)
        sources = {size: write_projects(size, args.work, growing) for size in sizes}
        clean = clean_builds(sources, args.repeat, growing)
        text, every_target_met = growth_table(sizes, clean)
    else:
        sources = {size: write_projects(size, args.work) for size in sizes}
        clean = clean_builds(sources, args.repeat)
        all_results = [
            measure(size, sources[size], clean[size], args.repeat, args.jobs) for size in sizes
        ]
        text, every_target_met = table(all_results)
    about = (
        f"Median of {args.repeat} run(s) on {machine()}.\n"
        f"Command: python benchmarks/run.py {'--growth ' * args.growth}"
        f"--sizes {' '.join(map(str, sizes))} --repeat {args.repeat}"
    )
    print()
    print(text)
    print()
    print(about)
    if args.markdown:
        args.markdown.write_text(f"{text}\n\n{about}\n", encoding="utf-8")
    if args.json:
        args.json.write_text(
            json.dumps([asdict(results) for results in all_results], indent=1) + "\n",
            encoding="utf-8",
        )
    return 0 if every_target_met or args.report_only else 1


if __name__ == "__main__":
    raise SystemExit(main())
