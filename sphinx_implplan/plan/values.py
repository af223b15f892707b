"""Parsing and normalising option values (guide: Values). No Sphinx imports.

Every parser takes the raw option text and returns the stored form, or raises
:class:`InvalidValue` with a message that names the bad value and what is allowed.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from collections.abc import Sequence

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
CHANGES = ("new", "modified", "removed")
TEST_LEVELS = ("unit", "integration", "e2e", "performance", "security", "manual")
LAYERS = ("frontend", "backend", "database", "infrastructure", "tooling", "other")
KINDS = ("security", "performance", "accessibility", "operations", "other")
DEFAULT_RISK_LEVELS = ("low", "medium", "high")
#: no plan phase lasts a century; beyond it a typo is far likelier than a plan
MAX_DURATION_DAYS = 36_525
#: the most digits of a stage: far more than any plan has stages, and far fewer than
#: Python converts to a number (it refuses more than a few thousand)
MAX_STAGE_DIGITS = 100
#: how much of a long value a message quotes, at its start and at its end
_QUOTED_ENDS = 20

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DURATION = re.compile(r"([0-9]+)\s*(d|days?|w|weeks?)", re.IGNORECASE)
_POSITIVE_INTEGER = re.compile(r"[0-9]+")
# what a need id may hold: no spaces, brackets or quotes, so that nothing in a link
# value can reach sphinx-needs' link conditions or dynamic functions
_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
_INNER_SEPARATORS = re.compile(r"[\s_]+")
_LIST_SEPARATORS = re.compile(r"[,;]")
_ENDPOINT_TITLE = re.compile(r"\s*([A-Za-z]+)\s+(/\S*)\s*")


class InvalidValue(ValueError):  # noqa: N818 - reads as "raise InvalidValue(...)"
    """The raw text is not of the value's form; the message says why."""


def normalise_enum_text(raw: str) -> str:
    """Case and surrounding spaces ignored, inner spaces and underscores as hyphens."""
    return _INNER_SEPARATORS.sub("-", raw.strip()).lower()


def shown(text: str) -> str:
    """A value as a message quotes it; an empty one described, not quoted."""
    return repr(text) if text else "an empty value"


def _shown_short(text: str) -> str:
    """A value as a message quotes it, its middle left out where it is long."""
    if len(text) <= 3 * _QUOTED_ENDS:
        return shown(text)
    return f"{text[:_QUOTED_ENDS]!r} ... {text[-_QUOTED_ENDS:]!r} ({len(text):,} characters)"


def _whole_number(digits: str, max_digits: int) -> int | None:
    """The number ``digits`` writes, or ``None`` where it has more than ``max_digits``
    digits (leading zeros aside): the lengths are compared before any conversion, so a
    value of thousands of digits never reaches Python's limit on converting them."""
    significant = digits.lstrip("0") or "0"
    if len(significant) > max_digits:
        return None
    return int(significant)


def parse_enum(raw: str, allowed: Sequence[str], what: str) -> str:
    """One of ``allowed`` (lower-case forms), matched loosely; the stored form returned."""
    value = normalise_enum_text(raw)
    if value in allowed:
        return value
    raise InvalidValue(
        f"{shown(raw.strip())} is not a valid {what}; use one of: {', '.join(allowed)}"
    )


def parse_method(raw: str) -> str:
    value = raw.strip().upper()
    # ASCII only: Python upper-cases some other letters into ASCII ones
    if raw.isascii() and value in METHODS:
        return value
    raise InvalidValue(
        f"{shown(raw.strip())} is not an HTTP method; use one of: {', '.join(METHODS)}"
    )


def parse_date(raw: str) -> datetime.date:
    text = raw.strip()
    if _DATE.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise InvalidValue(f"{text!r} is not a real calendar date") from None
    raise InvalidValue(f"{shown(text)} is not a date; write it as YYYY-MM-DD")


def parse_duration(raw: str) -> int:
    """A positive whole number of days or weeks, returned as whole days."""
    text = raw.strip()
    match = _DURATION.fullmatch(text)
    if match is None:
        raise InvalidValue(
            f"{shown(text)} is not a duration; write a positive whole "
            "number and a unit, like 10d, 3w, 2 weeks or 5 days"
        )
    count = _whole_number(match.group(1), len(str(MAX_DURATION_DAYS)))
    if count == 0:
        raise InvalidValue(f"{_shown_short(text)} is not a positive duration")
    per_count = 7 if match.group(2).lower().startswith("w") else 1
    days = None if count is None else count * per_count
    if days is None or days > MAX_DURATION_DAYS:
        raise InvalidValue(
            f"{_shown_short(text)} is longer than {MAX_DURATION_DAYS} days (100 years)"
        )
    return days


def parse_positive_integer(raw: str, what: str) -> int:
    """A whole number from 1, of at most :data:`MAX_STAGE_DIGITS` digits."""
    text = raw.strip()
    if not _POSITIVE_INTEGER.fullmatch(text):
        raise InvalidValue(f"{shown(text)} is not a valid {what}; use a whole number from 1")
    number = _whole_number(text, MAX_STAGE_DIGITS)
    if number is None:
        raise InvalidValue(
            f"{_shown_short(text)} is not a valid {what}: it has more than "
            f"{MAX_STAGE_DIGITS} digits; use a whole number from 1"
        )
    if number == 0:
        raise InvalidValue(f"{shown(text)} is not a valid {what}; use a whole number from 1")
    return number


def split_list(raw: str) -> tuple[list[str], bool]:
    """Comma- (or semicolon-) separated entries, stripped; and whether any was empty."""
    parts = [part.strip() for part in _LIST_SEPARATORS.split(raw)]
    entries = [part for part in parts if part]
    had_empty = len(entries) != len(parts) and bool(raw.strip())
    return entries, had_empty


def parse_text_list(raw: str) -> list[str]:
    entries, _ = split_list(raw)
    return entries


def parse_ids(raw: str) -> tuple[list[str], list[str]]:
    """The valid ids of a link option, and a problem message per rejected entry."""
    entries, had_empty = split_list(raw)
    ids: list[str] = []
    problems: list[str] = []
    for entry in entries:
        if _ID.fullmatch(entry):
            if entry not in ids:
                ids.append(entry)
        else:
            problems.append(
                f"{entry!r} is not a need id (letters, digits, '_', '-' and '.', no spaces)"
            )
    if had_empty:
        problems.append(f"{raw.strip()!r} has an empty entry between its separators")
    if not entries and not problems:
        problems.append("the list of ids is empty")
    return ids, problems


def resolve_docnames(raw: str, current_docname: str, suffixes: Sequence[str]) -> list[str]:
    """Document names of a ``docs`` value, relative to ``current_docname``.

    ``spec``, ``../specs/auth.md`` and ``/specs/auth`` are all accepted; a known
    source suffix is dropped, and a name that leaves the source folder is refused.
    """
    docnames: list[str] = []
    base = posixpath.dirname(current_docname)
    for entry in parse_text_list(raw):
        name = entry.replace("\\", "/")
        for suffix in sorted(suffixes, key=len, reverse=True):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        joined = name.lstrip("/") if name.startswith("/") else posixpath.join(base, name)
        normal = posixpath.normpath(joined)
        if normal.startswith("../") or normal in {"..", ".", ""}:
            raise InvalidValue(f"{entry!r} is not a document inside the source folder")
        if normal not in docnames:
            docnames.append(normal)
    if not docnames:
        raise InvalidValue("the list of documents is empty")
    return docnames


def split_endpoint_title(title: str) -> tuple[str, str] | None:
    """``("POST", "/api/x")`` from a title like ``POST /api/x``, else ``None``."""
    match = _ENDPOINT_TITLE.fullmatch(title)
    if match is None or match.group(1).upper() not in METHODS:
        return None
    return match.group(1).upper(), match.group(2)


def unknown_endpoint_method(title: str) -> str | None:
    """The word of a title shaped like ``WORD /path`` (``WORD`` all letters) that is no
    HTTP method, ``FETCH`` of ``FETCH /api/x``; ``None`` for any other title."""
    match = _ENDPOINT_TITLE.fullmatch(title)
    if match is None or match.group(1).upper() in METHODS:
        return None
    return match.group(1)


def display_text(value: object) -> str:
    """A field's value as cards and tables show it: a list joined with commas,
    nothing for a missing value."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(entry) for entry in value)
    return str(value)


def days_text(days: object) -> str:
    """``1 day``, ``14 days``; empty for a value that is no whole number of days."""
    if not isinstance(days, int) or isinstance(days, bool):
        return ""
    return f"{days} day" if days == 1 else f"{days} days"
