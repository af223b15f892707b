"""User text placed in GitHub-flavoured Markdown so that it shows as written, for the
Markdown reports of ``implplan check`` and ``implplan diff``. No Sphinx imports."""

from __future__ import annotations

import re

#: ASCII punctuation that Markdown (or GitHub's math) may read as markup
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!$])")
_SPACE = re.compile(r"\s+")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written, on one line (a table cell, a heading)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def markdown_code(text: str, *, in_table: bool = False) -> str:
    """An id as a code span, on one line; escaped text where no code span can hold it."""
    text = _SPACE.sub(" ", text).strip()
    if "`" in text or not text:
        return escape_markdown(text)
    if in_table:
        # GitHub splits table cells at ``|`` even inside a code span
        text = text.replace("|", "\\|")
    return f"`{text}`"
