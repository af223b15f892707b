"""The same warnings in every build: a document's read warnings, repeated when it is
not read again.

Sphinx reports a document's problems only in the build that reads it, so an
incremental build (or a CI job that keeps its ``_build``) passes ``-W`` while the
plan still holds a bad value. Each warning a directive gives is kept with its
document; a build that does not read that document again gives it once more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakKeyDictionary

from sphinx_implplan.diagnostics import Subtype, at_source, warn
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


#: per environment, the documents this build reads (main process only: the list is
#: complete before a parallel read hands it out)
_READ_NOW: WeakKeyDictionary[BuildEnvironment, frozenset[str]] = WeakKeyDictionary()


def note_read_warning(
    env: BuildEnvironment, subtype: Subtype, message: str, line: int, included: str | None = None
) -> None:
    """Give the warning at ``line`` of the current document, or of the file it includes
    that the line is in, and keep it for later builds."""
    warn(subtype, message, at_source((env.docname, line), included))
    get_domain(env).read_warnings.setdefault(env.docname, []).append(
        ReadWarning(subtype, message, line, included)
    )


def note_documents_read(_app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _READ_NOW[env] = frozenset(docnames)


def repeat_read_warnings(_app: Sphinx, env: BuildEnvironment) -> None:
    """Once every document is read: the kept warnings of the documents not read now."""
    read_now = _READ_NOW.pop(env, frozenset())
    kept = get_domain(env).read_warnings
    for docname in sorted(kept.keys() - read_now):
        for subtype, message, line, included in kept[docname]:
            warn(subtype, message, at_source((docname, line), included))
