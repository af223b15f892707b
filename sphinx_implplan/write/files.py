"""Files the extension writes beside a build's pages (stylesheet, report, CSV)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def write_if_changed(target: Path, content: str | bytes) -> None:
    """Write ``content`` unless ``target`` already holds it: a build with no change
    then touches no file, and a newer release still replaces an older file (Sphinx's
    own asset copy refuses to overwrite from Sphinx 8 on)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
