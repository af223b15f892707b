"""Vietnamese dates in the forms the rest of :mod:`.written_dates` reads: a month is
written by its number after ``th\u00e1ng`` (``th\u00e1ng 3/2027``, ``th\u00e1ng 3
n\u0103m 2027``: March 2027), and a range opens with ``t\u1eeb`` (from) and joins its
ends with ``\u0111\u1ebfn`` (to). The text comes folded (:func:`.written_dates.fold`):
``thang``, ``tu``, ``den``."""

from __future__ import annotations

import calendar
import re

#: ``thang 3``, ``thang 3/2027``, ``thang 3 nam 2027``
_MONTH = re.compile(r"\bthang\s+(\d{1,2})(?:\s*/\s*(\d{4})|\s+nam\s+(\d{4}))?\b")
#: ``tu X den Y``; ``den`` alone between two dates: a Swedish or Danish ``den`` (the)
#: stands before a day, never after one
_FROM_TO = re.compile(r"^tu\s+(?=\S)(.*?\S)\s+den\s+(?=\S)")
_TO = re.compile(r"(?<=\d)\s+den\s+(?=\d)")


def as_read_elsewhere(folded: str) -> str:
    """``folded`` with its Vietnamese months named and its range joined by a dash:
    ``tu thang 2 den thang 3/2027`` -> ``february - march 2027``."""
    folded = _MONTH.sub(_month_name, folded)
    folded = _FROM_TO.sub(r"\1 - ", folded)
    return _TO.sub(" - ", folded)


def _month_name(match: re.Match[str]) -> str:
    number = int(match.group(1))
    if not 1 <= number <= 12:
        return match.group(0)
    year = match.group(2) or match.group(3)
    name = calendar.month_name[number].lower()
    return f"{name} {year}" if year else name
