"""The entries of an ``impl-plan``'s ``:requirements:``, read and matched. No Sphinx
imports.

An entry is one of:

- an id, ``FR_001``: that requirement;
- an id pattern, ``FR_00*``: the requirements whose whole id it matches, ``*`` for
  any run of characters and ``?`` for one, letter case as written;
- a tag, ``tag:offline``: the requirements with that tag among their ``:tags:``.

Nothing of an entry is ever evaluated. sphinx-needs' filter strings are Python
expressions, so the option takes none; these three forms are its whole syntax.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Final

from sphinx_implplan.plan.values import split_list

#: what starts a tag entry; an id holds no colon, so no id starts like one
TAG_PREFIX: Final = "tag:"

# an id as a link option takes it, and the two wildcards: no space, bracket or quote
_ID_OR_PATTERN = re.compile(r"[A-Za-z0-9_*?][A-Za-z0-9_.\-*?]*")
_WILDCARD = re.compile(r"([*?])")


class SelectorKind(Enum):
    ID = "id"
    PATTERN = "id pattern"
    TAG = "tag"


@dataclass(frozen=True)
class Selector:
    """One entry, as stored (``tag:offline``) and as read."""

    entry: str
    kind: SelectorKind
    #: the id, the pattern or the tag
    value: str

    def selects(self, requirement_id: str, tags: Collection[str]) -> bool:
        match self.kind:
            case SelectorKind.ID:
                return requirement_id == self.value
            case SelectorKind.PATTERN:
                return _pattern(self.value).fullmatch(requirement_id) is not None
        return self.value in tags


@lru_cache(maxsize=1024)
def _pattern(pattern: str) -> re.Pattern[str]:
    # every other character stands for itself: the wildcards are the whole syntax
    parts = (
        ".*" if part == "*" else "." if part == "?" else re.escape(part)
        for part in _WILDCARD.split(pattern)
    )
    return re.compile("".join(parts))


def read_entry(entry: str) -> Selector | str:
    """The selector one entry writes, or why it writes none."""
    entry = entry.strip()
    if entry[: len(TAG_PREFIX)].lower() == TAG_PREFIX:
        tag = entry[len(TAG_PREFIX) :].strip()
        if not tag:
            return f"{entry!r} names no tag; write tag:NAME"
        return Selector(f"{TAG_PREFIX}{tag}", SelectorKind.TAG, tag)
    if not _ID_OR_PATTERN.fullmatch(entry):
        return (
            f"{entry!r} is no requirement id, id pattern or tag:NAME (an id holds letters, "
            "digits, '_', '-' and '.'; a pattern also '*' and '?')"
        )
    kind = SelectorKind.PATTERN if _WILDCARD.search(entry) else SelectorKind.ID
    return Selector(entry, kind, entry)


def parse_requirement_entries(raw: str) -> tuple[list[str], list[str]]:
    """The entries of a ``:requirements:`` value in their stored form, each once, and
    a problem message per entry refused (or for a value with none)."""
    entries, had_empty = split_list(raw)
    kept: list[str] = []
    problems: list[str] = []
    for entry in entries:
        read = read_entry(entry)
        if isinstance(read, str):
            problems.append(read)
        elif read.entry not in kept:
            kept.append(read.entry)
    if had_empty:
        problems.append(f"{raw.strip()!r} has an empty entry between its separators")
    if not entries and not problems:
        problems.append("the list of requirements is empty")
    return kept, problems


def selectors_from(stored: object) -> tuple[Selector, ...] | None:
    """The selectors of a stored ``:requirements:`` value; ``None`` where there is
    none (the plan counts every requirement of its ``:spec:``)."""
    if not isinstance(stored, list | tuple) or not stored:
        return None
    read = [read_entry(str(entry)) for entry in stored]
    # a stored value went through the parser: an entry it refuses selects nothing
    return tuple(selector for selector in read if isinstance(selector, Selector))
