"""The phase a schedule, a dependency or a gantt chart names: by its number or letter
(``Phase 2``, ``2`` in a Phase column), by its title written again, by its number and
name (``A. Discovery``), or by a word and its number (``Increment 2``)."""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.context import Conversion, Phase
from sphinx_implplan.authoring.conversion.folding import fold
from sphinx_implplan.authoring.conversion.phase_series import roman_value
from sphinx_implplan.authoring.conversion.section_kinds import PHASE_WORDS, without_emoji

_PHASE_REFERENCE = re.compile(
    r"(?:" + "|".join(PHASE_WORDS) + r")\s+(\d+(?:\.\d+)*|(?-i:[A-Z])\b)", re.IGNORECASE
)
#: a phase named by its number or letter alone, which its id holds
BARE_NUMBER = re.compile(r"\d+(?:\.\d+)*|[A-Z]")
#: ``II``, ``Etapa IV``: a Roman numeral, after a word or alone
_ROMAN_REFERENCE = re.compile(r"(?:[^\W\d_]+\s+)?(?P<roman>[IVX]{1,5})")
#: a word of a table cell or list entry: what the options must hold for it to go
WORD = re.compile(r"[^\W_]+")
#: the words of a name as names are compared, a dotted number (``7.1``) one of them
_NAME_WORD = re.compile(r"\d+(?:\.\d+)+|[^\W_]+")
#: a reference by a word and a number (``Increment 2``, ``Gate 1``) or by a number and
#: its suffix word (``1\ub2e8\uacc4``), as names compare
_NUMBERED_REFERENCE = re.compile(r"(?:\S+ ){1,2}\d+(?:\.\d+)*|\d+[^\W\d_]+")
#: a phase named by its number or letter and its name, as a schedule table's rows
#: write it: ``A. Discovery``, ``2) Configuration``, ``3 Shadow run``
_NUMBERED_NAME = re.compile(
    r"\s*(\d+(?:\.\d+)*|(?-i:[A-Z]))(?:[.)]|\s+[-\u2013\u2014:\u00b7])?\s+(?P<name>\S.*)"
)


def phase_of(conversion: Conversion, reference: str, column: str = "") -> Phase | None:
    """The phase ``Phase 2``, ``2`` (in a Phase column) or ``Core features`` names; also
    by its title written again (``A. Collector rollout``, ``1\ub2e8\uacc4 \uc900\ube44``),
    or by a word and its number (``Increment 2``, or ``2`` in an Increment column)."""
    # ``2`` in an Increment column is ``Increment 2``; in a Stage column of ``1. Stage
    # 0``, ``2. Stage 1``, ``1`` is ``Stage 1``, where a title names it so, before
    # the list's number
    in_column = bool(column) and BARE_NUMBER.fullmatch(reference.strip()) is not None
    if in_column:
        worded = _named(conversion, f"{_name_key(column).removesuffix('s')} {reference.strip()}")
        if worded is not None:
            return worded
    number = _PHASE_REFERENCE.search(reference) or BARE_NUMBER.fullmatch(reference.strip())
    if number is not None:
        wanted_number = number.group(number.lastindex or 0)
        found = next((p for p in conversion.phases if p.number == wanted_number), None)
        if found is not None or _PHASE_REFERENCE.search(reference):
            return found
    # ``II`` in an Etapa column, or ``Etapa II``: a phase of a Roman series by its place
    roman = _ROMAN_REFERENCE.fullmatch(reference.strip())
    if roman is not None and (value := roman_value(roman.group("roman"))) is not None:
        # a series' phase is numbered ``series etapa:2`` (see ``phases.py``)
        found = _only(
            [
                p
                for p in conversion.phases
                if p.number == str(value)
                or (p.number.startswith("series") and p.number.endswith(f":{value}"))
            ]
        )
        if found is not None:
            return found
    wanted = " ".join(reference.lower().split())
    found = next((p for p in conversion.phases if p.name.lower() == wanted), None)
    if found is not None:
        return found
    # ``M2`` of ``M2 \u2014 Typed errors``: a phase of a series (:mod:`.phase_lead_series`)
    found = next((p for p in conversion.phases if p.number.lower() == f"series:{wanted}"), None)
    if found is not None:
        return found
    numbered = _numbered_name(conversion, reference)
    if numbered is not None:
        return numbered
    # a number in a named column was looked for as its word and number above
    return None if in_column else _named(conversion, _name_key(reference))


def _named(conversion: Conversion, key: str) -> Phase | None:
    if not key:
        return None
    named = [p for p in conversion.phases if key in {_name_key(p.name), *_title_keys(p)}]
    if named or not _NUMBERED_REFERENCE.fullmatch(key):
        return _only(named)
    # ``Gate 1`` of ``Gate 1: Bench validation``, ``Increment 2`` of ``3.2 Increment 2``
    return _only(
        [p for p in conversion.phases if any(f" {key} " in f" {t} " for t in _title_keys(p))]
    )


def _numbered_name(conversion: Conversion, reference: str) -> Phase | None:
    """``A. Discovery & inventory`` of ``Phase A \u2014 Discovery & inventory``,
    ``1 \u2014 Setup`` of ``Stage 1 \u2014 Setup of the schools``, ``2. Configuration`` of ``Stage 2: Configuration of the platform`` or of ``Trin 2
    \u00b7 Configuration``: the phase of that number or letter whose title holds every
    word of the name."""
    match = _NUMBERED_NAME.fullmatch(reference)
    if match is None:
        return None
    number, words = match.group(1), set(_name_key(match.group("name")).split())
    return _only(
        [
            phase
            for phase in conversion.phases
            if _numbered(phase, number)
            and words
            and any(words <= set(key.split()) for key in _title_keys(phase))
        ]
    )


def _numbered(phase: Phase, number: str) -> bool:
    """Whether ``phase`` is numbered ``number``: ``2``, or the ``2`` of a series of
    headings (``Trin 2 \u00b7 ...``, numbered ``series trin:2``)."""
    series, colon, in_series = phase.number.partition(":")
    return phase.number == number or (
        bool(colon) and series.startswith("series ") and in_series == number
    )


def _name_key(text: str) -> str:
    """A name as names are compared: no emoji, case, accents or punctuation."""
    return " ".join(_NAME_WORD.findall(fold(without_emoji(text))))


def _title_keys(phase: Phase) -> set[str]:
    title = phase.directive.argument
    keys = {_name_key(title)}
    if phase.span and phase.span in title:
        keys.add(_name_key(title.replace(phase.span, " ")))
    return keys - {""}


def _only(phases: list[Phase]) -> Phase | None:
    return phases[0] if len(phases) == 1 else None
