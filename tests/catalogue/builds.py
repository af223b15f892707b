"""``sphinx-build`` run in-process through its own entry point, so that the exit code
is the command line's, with what it printed kept apart: status on stdout, warnings
and errors on stderr."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from build_helpers import BuildWarning, assert_no_traceback_in, line_in, needs_in, parse_warnings
from sphinx.cmd.build import build_main

if TYPE_CHECKING:
    from pathlib import Path

#: the builder that writes ``needs.json``
BUILDER = "needs"


@dataclass(frozen=True)
class BuildRun:
    """One finished run of ``sphinx-build``."""

    srcdir: Path
    outdir: Path
    exit_code: int
    status: str
    #: the warning stream: warnings, errors and any traceback
    stderr: str

    @property
    def warnings(self) -> list[BuildWarning]:
        return parse_warnings(self.stderr)

    def warnings_in(self, filename: str) -> list[BuildWarning]:
        in_file = [warning for warning in self.warnings if warning.file == filename]
        return sorted(in_file, key=lambda warning: (warning.line or 0, warning.subtype))

    def needs(self) -> dict[str, dict[str, Any]]:
        return needs_in(self.outdir)

    def line_of(self, document: str, marker: str) -> int:
        return line_in(self.srcdir / document, marker)

    def assert_no_traceback(self) -> None:
        assert_no_traceback_in(self.status + self.stderr)


def sphinx_build(srcdir: Path, outdir: Path, *, strict: bool) -> BuildRun:
    """Build ``srcdir`` as ``sphinx-build [-W] -b needs`` would; ``strict`` adds ``-W``
    (warnings are errors; Sphinx still reports them all before it fails)."""
    status, stderr = io.StringIO(), io.StringIO()
    # --color: otherwise sphinx-build, printing to no terminal, switches colour off
    # for the whole process, and later tests of the session could no longer see it;
    # parse_warnings removes the colour codes
    argv = ["-b", BUILDER, "--color", str(srcdir), str(outdir)]
    with redirect_stdout(status), redirect_stderr(stderr):
        exit_code = build_main(["-W", *argv] if strict else argv)
    return BuildRun(srcdir, outdir, exit_code, status.getvalue(), stderr.getvalue())
