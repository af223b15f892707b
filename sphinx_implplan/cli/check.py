"""``implplan check SRCDIR``: build a project quietly and judge its plans.

The project is built in-process with the HTML builder into a temporary folder (output
and doctrees both), so nothing is written into the source folder. The build's
warnings go to stderr, so a CI log shows the file and line of each problem; stdout
carries only the report: ``text`` and ``markdown`` are rendered from the verdict,
``json`` is the build's ``implplan.json`` byte for byte.

Exit status 0 when every plan holds, 1 when a gap is found (see
:mod:`sphinx_implplan.plan.verdict` for what a gap is; a suspect item is one unless
``--allow-suspect``, a late phase with ``--fail-late``, a verified requirement not
passing with ``--require-passing``), 2 on a usage or build error:
no such folder, no ``conf.py``, a ``conf.py`` or build that raises, a project that
does not use ``sphinx_implplan``, or no ``implplan.json`` written. A build error is
one line naming the exception's type and the first line of its message, never a
traceback.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from sphinx_implplan.cli.console import write_bytes, write_text
from sphinx_implplan.cli.errors import EXIT_GAP, EXIT_OK, CommandError, shown
from sphinx_implplan.config import baseline_path
from sphinx_implplan.plan.model import Corpus
from sphinx_implplan.plan.report import REPORT_FILE, Report
from sphinx_implplan.plan.verdict import judge
from sphinx_implplan.plan.verdict_text import render_markdown, render_text
from sphinx_implplan.write.approval_states import keep_item_prints, kept_item_prints
from sphinx_implplan.write.corpus import build_corpus, build_plan_report

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx_implplan.plan.approvals import ItemPrints

_EXTENSION = "sphinx_implplan"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Build:
    #: the bytes of the ``implplan.json`` the build wrote
    report_bytes: bytes
    #: the records that file was written from
    report: Report
    corpus: Corpus
    #: the project's approval baseline file, ``None`` where it reads none
    baseline: Path | None = None
    #: the fingerprints of every plan item, where asked for (``implplan approve``)
    prints: Mapping[str, ItemPrints] = field(default_factory=dict)


def source_folder(text: str) -> Path:
    """``SRCDIR`` checked to be a Sphinx project's folder (a ``conf.py`` in it)."""
    path = Path(text)
    text = shown(text)
    try:
        if not path.exists():
            raise CommandError(f"{text}: no such folder")
        if not path.is_dir():
            raise CommandError(f"{text} is not a folder")
        if not (path / "conf.py").is_file():
            raise CommandError(f"{text} is not a Sphinx project: no conf.py")
        return path.resolve()
    except (OSError, ValueError, RuntimeError) as error:
        # an unreadable folder, a name the system refuses (a NUL byte), a symlink loop
        raise CommandError(f"{text}: {_first_line(error)}") from None


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0].strip() if lines else "(no message)"


def describe_error(error: BaseException) -> str:
    """``Type: first line`` of an exception, and of its cause where it has one: a
    ``conf.py`` that raises reaches us as Sphinx's ``ConfigError``, whose first line
    does not say what went wrong, and whose message holds the traceback."""
    text = f"{type(error).__name__}: {_first_line(error)}"
    cause = error.__cause__
    if cause is not None and cause is not error:
        text += f" ({type(cause).__name__}: {_first_line(cause)})"
    return text


def build(srcdir: Path, workdir: Path, label: str, *, prints: bool = False) -> Build:
    """Build ``srcdir`` (named ``label`` in errors) with the HTML builder into
    ``workdir``; the build's warnings are echoed to stderr whether it succeeds or not.
    ``prints``: also fingerprint every plan item, for an approval."""
    outdir = workdir / "html"
    warnings = io.StringIO()
    saved_path = list(sys.path)
    try:
        # as sphinx-build does: directives and roles registered by this project are
        # dropped again afterwards, so a second build in the process starts clean;
        # anything an extension prints goes with the warnings, off stdout
        with patch_docutils(srcdir), docutils_namespace(), redirect_stdout(warnings):
            app = Sphinx(
                srcdir,
                srcdir,
                outdir,
                workdir / "doctrees",
                "html",
                status=None,
                warning=warnings,
                freshenv=True,
            )
            if _EXTENSION not in app.extensions:
                raise CommandError(
                    f"{label} does not use sphinx-implplan: "
                    f"add {_EXTENSION!r} to extensions in its conf.py"
                )
            if prints:
                keep_item_prints(app)
            app.build()
            corpus = build_corpus(app)
            report = build_plan_report(app)
            baseline = baseline_path(app)
            found = kept_item_prints(app) if prints else {}
    except CommandError:
        raise
    # whatever conf.py, an extension or a document makes Sphinx raise, a build error:
    # SystemExit, and KeyboardInterrupt or any other BaseException, which Sphinx lets
    # through from a conf.py, are reported in one line too, never as a traceback
    except BaseException as error:  # noqa: BLE001 - reported in one line
        raise CommandError(f"building {label} failed: {describe_error(error)}") from None
    finally:
        # conf.py often puts its own folders on sys.path
        sys.path[:] = saved_path
        write_text(sys.stderr, _ANSI.sub("", warnings.getvalue()))
    report_file = outdir / REPORT_FILE
    if not report_file.is_file():
        raise CommandError(f"building {label} wrote no {REPORT_FILE}")
    return Build(report_file.read_bytes(), report, corpus, baseline, found)


def run_check(args: argparse.Namespace) -> int:
    srcdir = source_folder(args.srcdir)
    with tempfile.TemporaryDirectory(
        prefix="implplan-check-", ignore_cleanup_errors=True
    ) as workdir:
        built = build(srcdir, Path(workdir), shown(args.srcdir))
    result = judge(
        built.report,
        built.corpus,
        args.min_coverage,
        allow_suspect=args.allow_suspect,
        fail_late=args.fail_late,
        require_passing=args.require_passing,
    )
    if args.format == "json":
        write_bytes(built.report_bytes)
    elif args.format == "markdown":
        write_text(sys.stdout, render_markdown(result))
    else:
        write_text(sys.stdout, render_text(result))
    return EXIT_OK if result.ok else EXIT_GAP
