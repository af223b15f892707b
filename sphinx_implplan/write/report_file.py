"""``implplan.json`` at the root of every HTML build's output."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_implplan.plan.report import REPORT_FILE, dump_report
from sphinx_implplan.write.corpus import build_plan_report
from sphinx_implplan.write.files import write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def write_report(app: Sphinx, exception: BaseException | None) -> None:
    """The ``build-finished`` handler: the report of this build, written only when it
    differs from the one there, so a build with no change touches no file."""
    if (
        exception is not None
        or app.builder.format != "html"
        or getattr(app.builder, "embedded", False)
    ):
        # not for HTML packed into a book (epub): the report belongs to a web site
        return
    text = dump_report(build_plan_report(app))
    write_if_changed(Path(app.outdir) / REPORT_FILE, text)
