"""A Technical Context value as stack entries: ``Django 5.1, Celery 5.4 (workers)`` is
two entries, ``Django`` at ``5.1`` and ``Celery`` at ``5.4`` with the note
``workers``.

A value is split at commas, semicolons, `` + ``, `` and `` and a spaced slash, never
inside brackets. An entry's version is its first word shaped like one (``3.11``,
``5.x``, ``v9``, ``17+``, ``20 LTS``, ``>=2.6``); what its brackets and the words
after the version say is its note, except where they name another technology with a
version (``TypeScript 5.4 on Node.js 20``, ``PostgreSQL 16 with PostGIS 3.4``,
``TypeScript 5.6 (Node.js 22)``): that is an entry of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sphinx_implplan.speckit.markdown_blocks import plain
from sphinx_implplan.speckit.requirement_ids import without_clarifications

_SPLIT_WORDS = re.compile(r"\s+(?:\+|and|&|/)\s+|[,;]\s*")
_VERSION = re.compile(
    r"(?P<version>(?<!\S)[vV]?[0-9]{1,6}(?:\.(?:[0-9]{1,6}|[xX*])){0,4}\+?"
    r"(?:-?(?:rc|beta|alpha|preview)[0-9.]*)?(?:\s+LTS)?"
    r"|[~^<>=!]=?\s*[0-9][\w.*+-]*)"
    r"(?=\s|$)"
)
#: what may join a second technology to an entry: ``PostgreSQL 16 with PostGIS 3.4``
_JOINED = re.compile(r"(?:on|with|via|using|over|plus)\s+(?=[A-Z])", re.IGNORECASE)
_NOTHING = frozenset(
    {"", "n/a", "na", "none", "-", "\u2014", "\u2013", "not applicable", "tbd", "tbc"}
)
_PLACEHOLDER = re.compile(r"^\[.*\]$", re.DOTALL)
_CLARIFY = re.compile(
    r"^\s*NEEDS\s+CLARIFICATION\b[\s:\uff1a(\-\u2013\u2014]*(.*?)[)\s]*$", re.IGNORECASE
)


@dataclass(frozen=True)
class StackEntry:
    technology: str
    version: str | None
    note: str | None


def is_nothing(value: str) -> bool:
    """``N/A``, ``None``, ``-`` and an unfilled ``[e.g., ...]`` placeholder say nothing."""
    text = plain(value).strip().rstrip(".")
    return text.lower() in _NOTHING or bool(_PLACEHOLDER.match(value.strip()))


def open_question(value: str) -> str | None:
    """What follows a value left as ``NEEDS CLARIFICATION`` (may be empty), or ``None``
    for a value that is not one."""
    match = _CLARIFY.match(plain(value))
    return None if match is None else match.group(1).strip()


def _split_outside_brackets(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    start = 0
    position = 0
    while position < len(text):
        char = text[position]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            match = _SPLIT_WORDS.match(text, position)
            if match is not None and match.end() > position:
                parts.append(text[start:position])
                start = position = match.end()
                continue
        position += 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _without_brackets(text: str) -> tuple[str, list[str]]:
    notes: list[str] = []
    kept: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "(":
            depth += 1
            if depth == 1:
                current = []
                continue
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                notes.append("".join(current).strip())
                continue
        (current if depth else kept).append(char)
    if depth:
        kept.append("(" + "".join(current))
    return " ".join("".join(kept).split()), [note for note in notes if note]


def entry(text: str) -> list[StackEntry]:
    """The technology, version and note of one entry; where the words after its
    version, or its brackets, name another technology with a version (``TypeScript
    5.4 on Node.js 20``, ``TypeScript 5.6 (Node.js 22)``), that one too."""
    words, notes = _without_brackets(text)
    words = words.strip(" :-\u2013\u2014").rstrip(".")
    if not words:
        return []
    found: list[StackEntry] = []
    kept_notes: list[str] = []
    for note in notes:
        in_brackets = _versioned(note)
        if in_brackets is not None:
            found.append(in_brackets)
        else:
            kept_notes.append(note)
    for match in _VERSION.finditer(words):
        before = words[: match.start()].strip()
        if not before:
            continue
        after = words[match.end() :].strip()
        joined = _JOINED.match(after)
        second = _versioned(after[joined.end() :]) if joined else None
        if second is not None:
            found.append(second)
            after = ""
        shown = "; ".join([after, *kept_notes] if after else kept_notes) or None
        return [StackEntry(before, match.group("version").strip(), shown), *found]
    return [StackEntry(words, None, "; ".join(kept_notes) or None), *found]


def _versioned(text: str) -> StackEntry | None:
    """``text`` as one technology with a version and nothing after it, or ``None``."""
    match = next(
        (found for found in _VERSION.finditer(text) if text[: found.start()].strip()), None
    )
    if match is None or text[match.end() :].strip():
        return None
    return StackEntry(text[: match.start()].strip(), match.group("version").strip(), None)


def entries(value: str) -> list[StackEntry]:
    """The entries of a Technical Context value (nothing for ``N/A`` and the like)."""
    if is_nothing(value) or open_question(value) is not None:
        return []
    text = plain(without_clarifications(value))
    found: list[StackEntry] = []
    for part in _split_outside_brackets(text):
        if is_nothing(part):
            continue
        found += entry(part)
    return found
