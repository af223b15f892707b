"""Block quotes in a risk section, GitHub callouts (``> [!WARNING]``) among them: their
lines with the quote marks taken off, so that what they hold reads as the rest of the
section does, and the callout's kind and the title an Obsidian callout gives it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.markdown import span

#: ``> `` before a quoted line: up to three spaces, the mark and one space
_QUOTE_MARK = re.compile(r"^ {0,3}> ?")
#: ``[!WARNING]``, ``[!caution]-`` (folded), ``[!danger] Title`` (Obsidian)
_CALLOUT = re.compile(r"\[!(?P<kind>[A-Za-z][\w-]*)\][+-]?[ \t]*(?P<title>[^\n]*)(?:\n|$)")
#: the callouts that warn; a note or a tip is a remark unless a bold lead names a risk
WARNINGS = frozenset(
    {"warning", "caution", "important", "danger", "attention", "error", "bug", "failure"}
    | {"risk", "alert"}
)


@dataclass(frozen=True)
class Callout:
    #: as written: ``WARNING``
    kind: str
    #: what follows the marker on its line (an Obsidian callout's title), as written
    title: str
    #: the text after the marker's line
    rest: str

    @property
    def warns(self) -> bool:
        return self.kind.lower() in WARNINGS


def unquoted_lines(lines: list[str], block: SyntaxTreeNode) -> list[str]:
    """``lines`` with one level of quote marks taken off the block's lines; a line
    continuing a paragraph without its mark stays as written."""
    start, end = span(block)
    return [
        _QUOTE_MARK.sub("", line, count=1) if start <= number < end else line
        for number, line in enumerate(lines)
    ]


def callout(raw: str) -> Callout | None:
    """The callout a quote's first paragraph (``raw``) starts with; ``None`` for a
    plain quote."""
    match = _CALLOUT.match(raw)
    if match is None:
        return None
    return Callout(match.group("kind"), match.group("title").strip(), raw[match.end() :])
