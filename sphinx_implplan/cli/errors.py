"""Exit statuses and the error every command raises for a one-line reason."""

from __future__ import annotations

EXIT_OK = 0
EXIT_GAP = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A usage or build error: the message is the one line printed on stderr."""


def shown(text: str) -> str:
    """A path as typed, or quoted with escapes where it holds a line break or another
    control character, so an error stays one line."""
    return text if text.isprintable() else repr(text)
