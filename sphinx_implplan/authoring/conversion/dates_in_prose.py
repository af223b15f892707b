"""The one date, or range of dates, a schedule value names among other words:
``nach den Osterferien, 12.04.\u201328.05.2027, in vier Gruppen``, ``Apr\u2013Jun
2027, two zones a fortnight``. A value naming two or more names no one date: which
of them the phase runs by is the author's to say, so none is taken, unless one
clause of a deadline's value says it is the deadline (``100 % before Black Friday
(28 Nov 2025), with code freeze from 17 Nov``: :func:`deadline_among`).
"""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.dated_ranges import Dated, dated
from sphinx_implplan.authoring.conversion.fiscal_years import fiscal_part_alone

#: the words of a value looked at: a schedule line is short, and a long one is prose
_MOST_WORDS = 60
#: the words one date or range takes at most (``from 3 March 2027 to 14 March 2027``)
_RUN_WORDS = 8
#: what may stand around a date as punctuation of the sentence it is in; a full stop
#: may be the date's own (``15.3.``), and the reading of dates strips what it needs
_EDGES = " ,;:!?()[]{}\"'"


def one_date_among(text: str, year: int | None, *, range_only: bool) -> str | None:
    """The words of ``text`` that are its one date or range (dated in ``year``, the
    plan's, where they state none); ``None`` where it names none or several, and,
    with ``range_only``, where its one date is a single one (``12 April``)."""
    words = text.split()[:_MOST_WORDS]
    trimmed = [_trimmed(word) for word in words]
    runs: list[tuple[int, int, Dated]] = []
    for first in range(len(words)):
        for last in range(first + 1, min(first + _RUN_WORDS, len(words)) + 1):
            written = _trimmed(" ".join(words[first:last]))
            found = dated(written, year) if written else None
            # ``Q3`` of ``FY27 Q3``: a fiscal quarter's days depend on when the
            # organisation's year begins (read whole where the plan says so)
            if (
                found is not None
                and _names_a_date(written, found)
                and not (last - first == 1 and fiscal_part_alone(trimmed, first))
            ):
                runs.append((first, last, found))
    # ``Oct 6`` is part of ``Oct 6 - Oct 17``: a date inside a longer one is that one
    widest = [
        run
        for run in runs
        if not any(
            other[:2] != run[:2] and other[0] <= run[0] and run[1] <= other[1] for other in runs
        )
    ]
    if len(widest) != 1:
        return None
    first, last, found = widest[0]
    if range_only and found.single:
        return None
    return _trimmed(" ".join(words[first:last]))


def _trimmed(text: str) -> str:
    return text.strip(_EDGES)


def _names_a_date(written: str, found: Dated) -> bool:
    """Whether the words are a date, not a word spelt like a month: ``may`` and
    ``mars`` alone are words of a sentence, ``May 2027`` and ``Apr\u2013Jun`` dates."""
    return any(char.isdigit() for char in written) or not found.single


#: where a value is cut into clauses: a comma or a semicolon before a space
_CLAUSE_END = re.compile(r"[,;]\s+")
#: the words that make a date a deadline, in English, German, French, Spanish,
#: Italian, Dutch, Swedish, Polish and Czech; ``do`` and ``\u0434\u043e`` (until)
#: only right before the date, ``do`` being an English word too
_DEADLINE_WORDS = re.compile(
    r"\b(?:before|by|until|till|no later than|prior to|ahead of|bis|vor|avant|jusqu"
    r"|antes de|hasta|entro|prima di|voor|uiterlijk|f\u00f6re|innan|senast|przed"
    r"|p\u0159ed|nejpozd\u011bji)\b|(?:\bdo|\u0434\u043e)\s+(?=\d)",
    re.IGNORECASE,
)


def clauses(text: str) -> list[str]:
    """``text`` cut at its commas and semicolons, none inside brackets."""
    found, start, depth = [], 0, 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        if depth == 0 and _CLAUSE_END.match(text, index):
            found.append(text[start:index].strip())
            start = index + 1
    return [clause for clause in [*found, text[start:].strip()] if clause]


def deadline_among(text: str, year: int | None) -> str | None:
    """The one date of the one clause of ``text`` that says it is a deadline
    (``before``, ``by``, ``until``, ...) and names one; ``None`` where none or
    several do."""
    found = [
        date
        for clause in clauses(text)
        if _DEADLINE_WORDS.search(clause)
        and (date := one_date_among(clause, year, range_only=False)) is not None
    ]
    return found[0] if len(found) == 1 else None
