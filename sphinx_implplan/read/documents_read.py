"""Which documents this build reads: the warnings of the others are repeated
(:mod:`.warning_replay`), and what their needs show is known from the last build
(:mod:`sphinx_implplan.write.freshness`)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: per environment, the documents this build reads (main process only: the list is
#: complete before a parallel read hands it out)
_READ_NOW: WeakKeyDictionary[BuildEnvironment, frozenset[str]] = WeakKeyDictionary()


def note_documents_read(_app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``, last: every handler has added what it wants read."""
    _READ_NOW[env] = frozenset(docnames)


def documents_read_now(env: BuildEnvironment) -> frozenset[str] | None:
    """The documents this build reads; ``None`` before the read phase has begun."""
    return _READ_NOW.get(env)
