"""What writes MyST for authors, used by the command line and never by a build: the
Markdown plan converter (:mod:`.conversion`), the plan skeleton of ``implplan new``,
the directive writer and readable ids."""

from __future__ import annotations
