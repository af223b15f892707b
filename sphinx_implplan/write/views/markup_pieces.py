"""Markup the extension writes itself (an SVG, a TikZ picture) with user text inside
it, kept apart: the markup becomes raw nodes, each user text a ``Text`` node between
them, which the builder's writer escapes as it escapes any text. So a title reaches
the chart as it reaches a table, and no raw node holds what an author wrote."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docutils import nodes


@dataclass(frozen=True)
class Plain:
    """User text inside markup, escaped by the writer."""

    text: str


#: markup the extension made (a ``str``), or user text in it
Piece = str | Plain


def piece_nodes(pieces: Sequence[Piece], builder_format: str) -> list[nodes.Node]:
    """Raw nodes of ``builder_format`` for the markup, ``Text`` nodes for the text.

    In LaTeX they stand in one inline node, so that the writer adds no line breaks
    around each raw part (a TikZ node's text may hold no empty line).
    """
    drawn: list[nodes.Node] = []
    markup: list[str] = []
    for piece in pieces:
        if isinstance(piece, Plain):
            if markup:
                drawn.append(nodes.raw("", "".join(markup), format=builder_format))
                markup = []
            if piece.text:
                drawn.append(nodes.Text(piece.text))
        else:
            markup.append(piece)
    if markup:
        drawn.append(nodes.raw("", "".join(markup), format=builder_format))
    if builder_format == "latex":
        return [nodes.inline("", "", *drawn)]
    return drawn


def joined_text(pieces: Sequence[Piece], escape: Callable[[str], str]) -> str:
    """The pieces as one text, each user text through ``escape``: what the writer
    makes of them, for tests and for reading."""
    return "".join(escape(piece.text) if isinstance(piece, Plain) else piece for piece in pieces)
