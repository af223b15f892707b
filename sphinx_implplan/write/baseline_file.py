"""Reading the approval baseline file (``implplan_baseline``), once per build.

A missing file is no baseline. A file that cannot be used (a folder, unreadable,
larger than any baseline, not UTF-8, not JSON, of another version, of a wrong shape)
is no baseline either, with the reason in one line: the build warns once, as
``implplan.config``, and goes on as without one. The file is never written here:
only ``implplan approve`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx_implplan.config import baseline_path
from sphinx_implplan.plan.approvals import (
    MAX_BASELINE_BYTES,
    Baseline,
    BaselineError,
    parse_baseline,
)

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class LoadedBaseline:
    """The baseline of a project, as its file was found."""

    #: the file, ``None`` where the project reads none
    path: Path | None
    baseline: Baseline | None
    #: why the file cannot be used, one line; ``None`` when it can, or is missing
    problem: str | None = None
    #: the line of the file the problem stands at, where known
    line: int | None = None


def load_baseline(path: Path | None) -> LoadedBaseline:
    """The baseline in ``path``; never raises."""
    if path is None:
        return LoadedBaseline(None, None)
    try:
        if path.is_dir():
            return LoadedBaseline(path, None, "a folder, not a file")
        with path.open("rb") as file:
            data = file.read(MAX_BASELINE_BYTES + 1)
    except FileNotFoundError:
        return LoadedBaseline(path, None)
    except OSError as error:
        return LoadedBaseline(path, None, f"unreadable ({error.strerror or error})")
    except ValueError as error:  # a name the system refuses (a NUL byte)
        return LoadedBaseline(path, None, f"unreadable ({error})")
    if len(data) > MAX_BASELINE_BYTES:
        return LoadedBaseline(path, None, f"larger than {MAX_BASELINE_BYTES} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return LoadedBaseline(path, None, "not UTF-8 text")
    try:
        return LoadedBaseline(path, parse_baseline(text))
    except BaselineError as error:
        return LoadedBaseline(path, None, str(error), error.line)


_LOADED: WeakKeyDictionary[BuildEnvironment, LoadedBaseline] = WeakKeyDictionary()


def build_baseline(app: Sphinx) -> LoadedBaseline:
    """This build's baseline: the file is read the first time a build asks (when it
    looks for the pages to write again), and kept until the next build starts."""
    loaded = _LOADED.get(app.env)
    if loaded is None:
        loaded = _LOADED[app.env] = load_baseline(baseline_path(app))
    return loaded


def forget_baseline(_app: Sphinx, env: BuildEnvironment) -> None:
    """Every build reads the file anew (``env-updated``: after reading, before the
    pages to write again are looked for)."""
    _LOADED.pop(env, None)
