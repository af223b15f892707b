"""Readable, unique ids for the items the commands write.

A plan's id is ``PLAN_`` and its title's first words (``PLAN_OFFLINE_NOTE_SYNC``).
Its items share a short key, so that two plans converted into one project do not
collide: the key is what follows ``PLAN_`` in an id given with ``--id``, else the
initials of the title (``ONS``), or its one word (its initial when that word is
longer than 12 letters). An item's id is its type's prefix, the key and a number or
a short name: ``PH_ONS_1``, ``CMP_ONS_SYNC_ENGINE``. Ids are made of whole words: a
word that would make an id too long is dropped, never cut.
"""

from __future__ import annotations

import re
import unicodedata

from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE

_WORD = re.compile(r"[A-Z0-9]+")
#: id parts beyond this many characters make view tables wide
_MAX_SLUG = 24
#: longer runs of letters and digits are no word (a hash, an encoded value)
_MAX_WORD = 40
#: a one-word title is its plan's key when no longer than this
_MAX_KEY_WORD = 12
#: words of a title that say nothing about the plan
_FILLER_WORDS = frozenset({"A", "AN", "AND", "FOR", "OF", "THE", "TO", "IN", "ON", "WITH"})
#: what an id given on the command line may be: sphinx-implplan's default id rule
ID_PATTERN = re.compile(r"[A-Z0-9_]{3,}")


def words(text: str) -> list[str]:
    """Upper-case ASCII words of ``text``; accents dropped, other scripts ignored."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _WORD.findall(ascii_text.upper())


def slug(text: str, max_words: int = 4) -> str:
    """``SYNC_ENGINE`` from ``Sync engine (v2)``; empty when no ASCII word is left.
    Made of whole words: a word that would pass the length limit is dropped with the
    words after it, never cut (the first word is kept whole when it alone is longer)."""
    kept: list[str] = []
    for word in words(text)[:max_words]:
        if kept and len("_".join([*kept, word])) > _MAX_SLUG:
            break
        if len(word) > _MAX_WORD:
            break  # no word but a hash or a run of digits
        kept.append(word)
    return "_".join(kept)


def plan_id_for(title: str) -> str:
    meaningful = [word for word in words(title) if word not in _FILLER_WORDS]
    return "PLAN_" + (slug(" ".join(meaningful), max_words=3) or "1")


def plan_key(title: str, plan_id: str | None = None) -> str:
    """The key the plan's item ids share."""
    if plan_id:
        key = plan_id.removeprefix("PLAN_").strip("_")
        if key:
            return key
    title_words = [word for word in words(title) if word not in _FILLER_WORDS] or words(title)
    if len(title_words) >= 2:
        return "".join(word[0] for word in title_words[:4])
    if title_words and len(title_words[0]) <= _MAX_KEY_WORD:
        return title_words[0]
    if title_words:
        return title_words[0][0]  # its initial, as a longer title gives its words'
    return "PLAN"


class IdMaker:
    """Hands out ids that are unique within one plan file."""

    def __init__(self, key: str) -> None:
        self.key = key
        self._taken: set[str] = set()
        self._counters: dict[str, int] = {}

    def reserve(self, item_id: str) -> None:
        self._taken.add(item_id)

    def _unique(self, base: str) -> str:
        candidate, number = base, 2
        while candidate in self._taken:
            candidate = f"{base}_{number}"
            number += 1
        self._taken.add(candidate)
        return candidate

    def numbered(self, directive: str, number: int | None = None) -> str:
        """``RISK_ONS_3``: the given number, or the type's next one."""
        if number is None:
            number = self._counters.get(directive, 0) + 1
        self._counters[directive] = max(self._counters.get(directive, 0), number)
        return self._unique(f"{ITEM_TYPES_BY_DIRECTIVE[directive].prefix}{self.key}_{number}")

    def named(self, directive: str, name: str) -> str:
        """``CMP_ONS_SYNC_ENGINE`` from a short name; numbered when the name has no
        ASCII word."""
        name_slug = slug(name, max_words=3)
        if not name_slug:
            return self.numbered(directive)
        return self._unique(f"{ITEM_TYPES_BY_DIRECTIVE[directive].prefix}{self.key}_{name_slug}")
