"""``implplan diff``: what changed in the plans between two reports, for a reviewer.

``implplan diff OLD NEW`` compares two ``implplan.json`` files. ``implplan diff --rev
REV [SRCDIR]`` checks out git revision REV in a temporary worktree, builds its docs
and those of the working tree as ``implplan check`` builds them, and compares the
two; the worktree is removed again whatever happens. The comparison and the JSON are
:mod:`sphinx_implplan.plan.report_diff`'s, the text and the Markdown (a pull request
comment) :mod:`sphinx_implplan.plan.report_diff_text`'s.

Exit status 0, or 1 on a regression (coverage dropped, a new high risk without
mitigation) unless ``--no-gate``; 2 on a usage or build error: a file that is no
report, a report of a version other than 1 and 2, a revision that does not exist.
Sphinx is imported only for ``--rev``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_implplan.cli.console import write_text
from sphinx_implplan.cli.errors import EXIT_GAP, EXIT_OK, CommandError, shown
from sphinx_implplan.plan.report_diff import diff_reports, dump_diff
from sphinx_implplan.plan.report_diff_text import render_markdown, render_text
from sphinx_implplan.plan.report_reading import ReportError, read_report

if TYPE_CHECKING:
    from sphinx_implplan.plan.report import Report

#: far above any real report, and a bound on what a wrong file (a device) makes us read
MAX_REPORT_BYTES = 256 * 1024 * 1024
#: where ``--rev`` looks for the docs without SRCDIR, from the repository's root
DOCS_FOLDERS = ("docs", "doc", ".")


# -- the two reports ------------------------------------------------------------------


def read_report_file(text: str) -> Report:
    """The report in the file ``text`` names, or a one-line error."""
    name = shown(text)
    path = Path(text)
    try:
        if path.is_dir():
            raise CommandError(f"{name}: is a folder, not an implplan.json report")
        with path.open("rb") as file:
            data = file.read(MAX_REPORT_BYTES + 1)
    except FileNotFoundError:
        raise CommandError(f"{name}: no such file") from None
    except OSError as error:
        raise CommandError(f"{name}: cannot read: {error.strerror or error}") from None
    except ValueError as error:  # a name the system refuses (a NUL byte)
        raise CommandError(f"{name}: {error}") from None
    if len(data) > MAX_REPORT_BYTES:
        raise CommandError(f"{name}: larger than {MAX_REPORT_BYTES} bytes, no report")
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise CommandError(f"{name}: not JSON, so no implplan.json report ({error})") from None
    try:
        return read_report(parsed)
    except ReportError as error:
        raise CommandError(f"{name}: {error}") from None


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as error:
        raise CommandError(f"cannot run git: {error.strerror or error}") from None


def _git_output(folder: Path, *args: str) -> str:
    done = _git(folder, *args)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise CommandError(f"git {args[0]}: {lines[0]}")
    return done.stdout.strip()


def _forget_modules_from(folder: Path) -> None:
    """Drop the modules imported from ``folder`` (a ``conf.py``'s own extension), so
    that the next build imports its own copy rather than this one."""
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and Path(file).is_relative_to(folder):
            del sys.modules[name]


def _repository_root(folder: Path, name: str) -> Path:
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0 or not done.stdout.strip():
        raise CommandError(f"{name} is not in a git work tree")
    return Path(done.stdout.strip()).resolve()


def _docs_folder(srcdir: str | None) -> tuple[Path, Path, str]:
    """The working tree's docs folder, the root of its repository and the folder's
    name in messages."""
    from sphinx_implplan.cli.check import source_folder

    if srcdir is not None:
        docs = source_folder(srcdir)
        return docs, _repository_root(docs, shown(srcdir)), shown(srcdir)
    top = _repository_root(Path.cwd(), "the current folder")
    for folder in DOCS_FOLDERS:
        if (top / folder / "conf.py").is_file():
            return (top / folder).resolve(), top, folder
    raise CommandError(
        f"no conf.py in {', '.join(DOCS_FOLDERS[:-1])} or the repository's root: give SRCDIR"
    )


def build_reports(rev: str, srcdir: str | None) -> tuple[Report, Report]:
    """The reports of the docs at ``rev`` and in the working tree, built in
    temporary folders."""
    from sphinx_implplan.cli.check import build

    docs, top, name = _docs_folder(srcdir)
    try:
        relative = docs.relative_to(top)
    except ValueError:
        raise CommandError(f"{name} is not inside its git repository's work tree") from None
    found = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if found.returncode != 0:
        raise CommandError(f"no such revision: {shown(rev)}")
    label = f"{name} at {shown(rev)}"
    removed = None
    try:
        with tempfile.TemporaryDirectory(
            prefix="implplan-diff-", ignore_cleanup_errors=True
        ) as tmp:
            workdir = Path(tmp).resolve()
            tree = workdir / "tree"
            commit = found.stdout.strip()
            _git_output(top, "worktree", "add", "--detach", "--quiet", str(tree), commit)
            try:
                if not (tree / relative / "conf.py").is_file():
                    raise CommandError(f"{label} is not a Sphinx project: no conf.py")
                try:
                    old = build(tree / relative, workdir / "old", label).report
                finally:
                    _forget_modules_from(tree)
                new = build(docs, workdir / "new", name).report
            finally:
                removed = _git(top, "worktree", "remove", "--force", str(tree))
    finally:
        if removed is not None and removed.returncode != 0:
            # the folder went with the temporary one: let git forget the worktree too
            _git(top, "worktree", "prune")
    return old, new


# -- the command ----------------------------------------------------------------------


def run_diff(args: argparse.Namespace) -> int:
    paths: list[str] = args.paths
    if args.rev is not None:
        if len(paths) > 1:
            raise CommandError("with --rev, give at most one folder, SRCDIR")
        old, new = build_reports(args.rev, paths[0] if paths else None)
    elif len(paths) != 2:
        raise CommandError("give two reports, OLD and NEW, or --rev REV")
    else:
        old, new = read_report_file(paths[0]), read_report_file(paths[1])
    diff = diff_reports(old, new)
    if args.format == "json":
        write_text(sys.stdout, dump_diff(diff))
    elif args.format == "markdown":
        write_text(sys.stdout, render_markdown(diff))
    else:
        write_text(sys.stdout, render_text(diff))
    return EXIT_GAP if diff.regressions and not args.no_gate else EXIT_OK
