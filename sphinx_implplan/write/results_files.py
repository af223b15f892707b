"""Reading the test results files (``implplan_test_results``), once per build.

Each entry is a path or a glob pattern (``**`` for any folders) relative to the
folder of ``conf.py``; the files found are read in path order, each once. A file
that cannot be used (missing, a folder, unreadable, larger than
:data:`~.junit_reader.MAX_RESULTS_BYTES`, not XML, not JUnit XML, holding a document
type declaration), and a pattern that matches no file, is one ``implplan.results``
warning at that file in every build; the build goes on with the cases of the other
files, and the tests that named only its cases are not run. The files are never
written.

Read the first time a build asks (when it looks for the pages to write again), and
kept until the next build starts, like the approval baseline.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx_implplan.config import test_results_patterns
from sphinx_implplan.diagnostics import Subtype, warn
from sphinx_implplan.plan.outcomes import CaseIndex, CaseRecord
from sphinx_implplan.write.junit_reader import MAX_RESULTS_BYTES, ResultsError, read_cases

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class ResultsProblem:
    """Why a file (or a pattern) gives no cases, and where to say so."""

    #: the file, or the pattern that matched none, as a message names it
    shown: str
    #: where the warning points: ``path:line``, or ``path:`` where no line is known
    #: (Sphinx reads a location without a colon as a document name); ``None`` for a
    #: pattern, which names no file
    location: str | None
    reason: str


@dataclass(frozen=True)
class LoadedResults:
    #: the cases of every file read; ``None`` where the project reads no results
    index: CaseIndex | None
    problems: tuple[ResultsProblem, ...] = ()


NO_RESULTS_FILES = LoadedResults(None)


def _shown(path: Path, confdir: Path) -> str:
    """A file as a message names it: relative to the folder of ``conf.py`` where it
    is inside it."""
    try:
        return path.relative_to(confdir).as_posix()
    except ValueError:
        return path.as_posix()


def _files(confdir: Path, pattern: str) -> list[Path] | ResultsProblem:
    if not glob.has_magic(pattern):
        return [Path(confdir, pattern)]
    # the folder's own name matched as written; an absolute pattern replaces it
    joined = str(Path(glob.escape(str(confdir))) / pattern)
    try:
        # glob.glob, not Path.glob: a pattern may be absolute
        found = sorted(glob.glob(joined, recursive=True))  # noqa: PTH207
    except (OSError, ValueError) as error:
        return ResultsProblem(repr(pattern), None, f"cannot be searched ({error})")
    files = [Path(name) for name in found if not Path(name).is_dir()]
    if not files:
        return ResultsProblem(repr(pattern), None, "matches no file")
    return files


def _read(path: Path) -> bytes | str:
    """The file's bytes, or why it cannot be read; never more than one byte over the
    limit."""
    try:
        if path.is_dir():
            return "is a folder, not a file"
        with path.open("rb") as file:
            data = file.read(MAX_RESULTS_BYTES + 1)
    except FileNotFoundError:
        return "does not exist"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    except ValueError as error:  # a name the system refuses (a NUL byte)
        return f"cannot be read ({error})"
    if len(data) > MAX_RESULTS_BYTES:
        return f"is larger than {MAX_RESULTS_BYTES // (1024 * 1024)} MB, refused unread"
    return data


def load_results(confdir: Path, patterns: Sequence[str]) -> LoadedResults:
    """The cases of the files ``patterns`` find, and the problems met; never raises."""
    if not patterns:
        return NO_RESULTS_FILES
    records: list[CaseRecord] = []
    problems: list[ResultsProblem] = []
    seen: set[Path] = set()
    for pattern in patterns:
        files = _files(confdir, pattern)
        if isinstance(files, ResultsProblem):
            problems.append(files)
            continue
        for path in files:
            if path in seen:
                continue
            seen.add(path)
            shown = _shown(path, confdir)
            data = _read(path)
            if isinstance(data, str):
                problems.append(ResultsProblem(repr(shown), f"{path}:", data))
                continue
            try:
                records += read_cases(data)
            except ResultsError as error:
                location = f"{path}:{error.line or ''}"
                problems.append(ResultsProblem(repr(shown), location, str(error)))
    return LoadedResults(CaseIndex(records), tuple(problems))


def warn_problems(loaded: LoadedResults) -> None:
    for problem in loaded.problems:
        what = "pattern" if problem.location is None else "file"
        warn(
            Subtype.RESULTS,
            f"implplan_test_results: the {what} {problem.shown} {problem.reason}; "
            "the tests whose cases it would give are not run",
            problem.location,
        )


_LOADED: WeakKeyDictionary[BuildEnvironment, LoadedResults] = WeakKeyDictionary()


def build_results(app: Sphinx) -> LoadedResults:
    """This build's test results: the files are read, and their problems warned
    about, the first time a build asks."""
    loaded = _LOADED.get(app.env)
    if loaded is None:
        loaded = load_results(Path(app.confdir), test_results_patterns(app.config))
        _LOADED[app.env] = loaded
        warn_problems(loaded)
    return loaded


def forget_results(_app: Sphinx, env: BuildEnvironment) -> None:
    """Every build reads the files anew (``env-updated``: after reading, before the
    pages to write again are looked for)."""
    _LOADED.pop(env, None)
