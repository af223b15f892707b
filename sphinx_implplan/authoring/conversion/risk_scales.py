"""Numeric risk levels on the scale a plan states: a number becomes low, medium or
high by the third of its scale it falls in. The scale is written by the value
(``4/5``, ``4 of 5``, ``4 out of 5``), by a column's or a label's name (``Impact
(1-5)``, ``P (1\u20135)``, ``Severity [1-10]``, ``Likelihood 1-3``) or by a legend
line (``Scale 1-5``, ``1 = very low ... 5 = very high``); a number without one is
no level. A scale's number is read, never evaluated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from sphinx_implplan.plan.values import DEFAULT_RISK_LEVELS

#: a number that is no part of a longer one, a date or a version (``2027-03``, ``v1``)
_START = r"(?<![\w.,/])"
_END = r"(?![\w%]|[.,]\d)"
#: the words and marks that join the two ends of a scale: ``1-5``, ``1 to 5``,
#: ``1 bis 5``, ``de 1 \u00e0 5``, ``1\u301c5``
_JOIN = r"(?:[-\u2010-\u2015~\u301c\uff5e]|\.\.|to|bis|\u00e0|a|tot|till|til|do)"
#: a remark an end may carry: ``1 (rare) to 5 (almost certain)``
_REMARK = r"(?:\s*[(\uff08][^()\uff08\uff09]*[)\uff09])?"
_RANGE = re.compile(
    rf"{_START}(\d{{1,3}}){_REMARK}\s*{_JOIN}\s*(\d{{1,3}}){_END}{_REMARK}", re.IGNORECASE
)
#: ``1 = very low``, ``5: almost certain``: one end of a scale, named
_DEFINED = re.compile(rf"{_START}(\d{{1,3}})\s*[=:]\s*[^\W\d_]")
_NUMBER = re.compile(r"\s*(\d{1,3}(?:[.,]\d+)?)\s*\.?\s*")
#: what joins a number to its scale's top: ``4/5``, ``4 of 5``, ``4 out of 5``,
#: also in the languages plans are written in
_OF = r"(?:/|out\s+of|of|von|sur|de|su|van|av|af|z|\u0438\u0437)"
_SCORED = re.compile(rf"\s*(\d{{1,3}}(?:[.,]\d+)?)\s*{_OF}\s*(\d{{1,3}})\s*\.?\s*", re.IGNORECASE)
#: a number with its scale in running text; one that counts things (``3 of 5
#: regions``) is followed by a word, but a level may be by ``and`` another
SCORE = (
    rf"\d{{1,3}}(?:[.,]\d+)?\s*{_OF}\s*\d{{1,3}}(?!\w)"
    r"(?!\s+(?!(?:and|und|et|y|e|en|och|og|i|ve|a)\b)[^\W\d_])"
)
#: the highest end a scale of levels has; a wider range is a count or a year
_WIDEST = 100


@dataclass(frozen=True)
class Scale:
    """A scale of levels from ``lowest`` (0 or 1) to ``highest``."""

    lowest: int
    highest: int

    def level(self, raw: str) -> str | None:
        """The level of a number on this scale: its lower third low, its upper third
        high, the middle medium, a number on a border between two thirds medium
        (on 1-5: 1-2 low, 3 medium, 4-5 high; on 1-10: 1-3, 4-7, 8-10). ``None``
        for anything but a number on the scale."""
        match = _NUMBER.fullmatch(raw)
        if match is None:
            return None
        number = Fraction(match.group(1).replace(",", "."))
        if not self.lowest <= number <= self.highest:
            return None
        width = self.highest - self.lowest
        low, medium, high = DEFAULT_RISK_LEVELS
        if 3 * (number - self.lowest) < width:
            return low
        if 3 * (self.highest - number) < width:
            return high
        return medium


def scale_of(lowest: int, highest: int) -> Scale | None:
    """A scale of levels, where the two ends can be one: it starts at 0 or 1 and
    has room for three levels; ``2025-2027`` or ``1-2`` is none."""
    if lowest not in {0, 1} or not lowest + 2 <= highest <= _WIDEST:
        return None
    return Scale(lowest, highest)


def stated_scale(text: str) -> Scale | None:
    """The scale a name or a legend states: a range (``(1-5)``, ``1 to 10``), else
    at least two numbers named (``1 = low, 5 = high``), the lowest and the highest."""
    ranges = [scale_of(int(low), int(high)) for low, high in _RANGE.findall(text)]
    found = next((scale for scale in ranges if scale is not None), None)
    if found is not None:
        return found
    defined = sorted({int(number) for number in _DEFINED.findall(text)})
    if len(defined) < 2:
        return None
    return scale_of(defined[0], defined[-1])


def scored_level(raw: str) -> str | None:
    """The level of a number that writes its scale: ``4/5`` or ``4 of 5`` high,
    ``2 out of 10`` low. The scale starts at 1, as scores do, or at 0 for a 0."""
    match = _SCORED.fullmatch(raw)
    if match is None:
        return None
    number = Fraction(match.group(1).replace(",", "."))
    scale = scale_of(0 if number < 1 else 1, int(match.group(2)))
    return scale.level(match.group(1)) if scale is not None else None
