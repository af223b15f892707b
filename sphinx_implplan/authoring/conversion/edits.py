"""Line edits: the converter replaces whole source lines and copies all others."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace source lines ``[start, end)`` with ``text`` (an insertion when equal)."""

    start: int
    end: int
    text: str


class EditsOverlapError(AssertionError):
    """Two recognisers claimed the same lines: a fault of the converter, not the input."""


def apply_edits(lines: list[str], edits: Iterable[Edit]) -> str:
    """The source with every edit made. A replacement gets a blank line on each side
    where its neighbours are not blank, so Markdown reads it as its own block."""
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    out: list[str] = []
    position = 0
    for edit in ordered:
        if edit.start < position:
            raise EditsOverlapError(f"lines {edit.start + 1}-{edit.end} are edited twice")
        out.extend(lines[position : edit.start])
        if edit.text:
            if out and out[-1].strip():
                if not out[-1].endswith("\n"):
                    out[-1] += "\n"
                out.append("\n")
            out.append(edit.text if edit.text.endswith("\n") else edit.text + "\n")
            if edit.end < len(lines) and lines[edit.end].strip():
                out.append("\n")
        position = edit.end
    out.extend(lines[position:])
    return "".join(out)
