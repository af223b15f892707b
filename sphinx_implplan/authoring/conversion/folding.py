"""How the converter compares words: folded, so that a plan's accents, case and
compatibility forms do not decide what it reads."""

from __future__ import annotations

import unicodedata

#: letters that no accent folding turns into ASCII
_LETTERS = str.maketrans({"\u0131": "i", "\u0142": "l", "\u00f8": "o", "\u0111": "d"})


def fold(text: str) -> str:
    """``text`` as it is compared: lower case, accents and compatibility forms gone
    (``\u015eubat`` -> ``subat``, a full-width ``\uff5e`` -> ``~``), spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    # composed again: Hangul syllables come apart into letters, not accents
    return " ".join(unicodedata.normalize("NFC", bare).split())
