"""Open questions: the ``[NEEDS CLARIFICATION: question]`` markers in a requirement's
text, as GitHub spec-kit writes them. No Sphinx imports.

A marker is counted where it is written, once per marker: a requirement with two
has two open questions. ``[NEEDS CLARIFICATION]`` without a question is one too,
its question empty. The words are matched in capitals only, as spec-kit writes
them, so prose that merely mentions the need for clarification is not one.
"""

from __future__ import annotations

import re

#: the words may wrap onto the next line of the source; ``\uff1a`` is the
#: full-width colon some editors type
_MARKER = re.compile(r"\[NEEDS\s+CLARIFICATION(?:\s*[:\uff1a]([^\]]*))?\s*\]")
#: what every marker holds: a text without it is not searched any further
_WORD = "CLARIFICATION"


def questions_in(text: str) -> tuple[str, ...]:
    """The question of each marker in ``text``, in order, its spaces and line breaks
    made single spaces; ``""`` for a marker without a question."""
    if _WORD not in text:
        return ()
    return tuple(" ".join((match.group(1) or "").split()) for match in _MARKER.finditer(text))
