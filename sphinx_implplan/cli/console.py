"""Writing a command's report to the console, whatever encoding it has. No Sphinx
imports: ``implplan diff`` on two files writes through this without loading Sphinx."""

from __future__ import annotations

import sys
from typing import TextIO


def write_text(stream: TextIO, text: str) -> None:
    # a console that cannot show every character gets escapes, not an encoding error
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def write_bytes(data: bytes) -> None:
    """``data`` on stdout as it is (a file's bytes), UTF-8 text where stdout takes
    text only."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        # stdout replaced by a text-only stream: the same text, decoded
        write_text(sys.stdout, data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()
