"""The same warnings in every build: a document's read warnings, repeated when it is
not read again.

Sphinx reports a document's problems only in the build that reads it, so an
incremental build (or a CI job that keeps its ``_build``) passes ``-W`` while the
plan still holds a bad value. Each warning a directive gives is kept with its
document; a build that does not read that document again gives it once more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from sphinx_implplan.diagnostics import Subtype, at_source, warn
from sphinx_implplan.read.documents_read import documents_read_now
from sphinx_implplan.read.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class ReadWarning(NamedTuple):
    subtype: Subtype
    message: str
    line: int
    #: the included file the line is in (absolute path); ``None``: the document's own
    included: str | None = None


def note_read_warning(
    env: BuildEnvironment, subtype: Subtype, message: str, line: int, included: str | None = None
) -> None:
    """Give the warning at ``line`` of the current document, or of the file it includes
    that the line is in, and keep it for later builds."""
    warn(subtype, message, at_source((env.docname, line), included))
    get_domain(env).read_warnings.setdefault(env.docname, []).append(
        ReadWarning(subtype, message, line, included)
    )


def repeat_read_warnings(_app: Sphinx, env: BuildEnvironment) -> None:
    """Once every document is read: the kept warnings of the documents not read now."""
    read_now = documents_read_now(env) or frozenset()
    kept = get_domain(env).read_warnings
    for docname in sorted(kept.keys() - read_now):
        for subtype, message, line, included in kept[docname]:
            warn(subtype, message, at_source((docname, line), included))
