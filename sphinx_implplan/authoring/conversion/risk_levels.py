"""The level of a risk as plans write it: ``High``, ``Med``, ``medium-high``, ``H``,
``\u00e9lev\u00e9``; and the level a heading like ``### High Risk`` gives the risks under it."""

from __future__ import annotations

import re

from sphinx_implplan.plan.values import DEFAULT_RISK_LEVELS

_WORD = re.compile(r"[^\W_]+")

#: words that name a level, in the languages plans are written in
_LEVEL_WORDS = {
    **dict.fromkeys(
        [
            "low",
            "lo",
            "l",
            "minor",
            "minimal",
            "negligible",
            "faible",
            "faibles",
            "bas",
            "basse",
            "niedrig",
            "niedrige",
            "gering",
            "geringe",
            "bajo",
            "baja",
            "bajos",
            "bajas",
            "basso",
            # Dutch and Portuguese
            "laag",
            "lage",
            "baixo",
            "baixa",
        ],
        "low",
    ),
    **dict.fromkeys(
        [
            "medium",
            "med",
            "mid",
            "m",
            "moderate",
            "moyen",
            "moyenne",
            "moyens",
            "mod\u00e9r\u00e9",
            "mod\u00e9r\u00e9e",
            "mittel",
            "mittlere",
            "mittleres",
            "medio",
            "media",
            "medios",
            "moderado",
            "moderada",
            "middel",
            "gemiddeld",
            "gemiddelde",
            "m\u00e9dio",
            "m\u00e9dia",
        ],
        "medium",
    ),
    **dict.fromkeys(
        [
            "high",
            "hi",
            "h",
            "major",
            "\u00e9lev\u00e9",
            "\u00e9lev\u00e9e",
            "\u00e9lev\u00e9s",
            "\u00e9lev\u00e9es",
            "haut",
            "haute",
            "fort",
            "forte",
            "hoch",
            "hohe",
            "hohes",
            "alto",
            "alta",
            "altos",
            "altas",
            "elevado",
            "elevada",
            "hoog",
            "hoge",
        ],
        "high",
    ),
}
#: words a level value may hold besides its levels (``very high``, ``low to medium``)
_LEVEL_FILLER = frozenset(["very", "to", "\u00e0", "bis", "a", "sehr", "tr\u00e8s", "muy"])
#: words a severity heading (``### High-risk items``) may hold besides its level
_HEADING_FILLER = frozenset(
    [
        "risk",
        "risks",
        "risque",
        "risques",
        "risiko",
        "risiken",
        "riesgo",
        "riesgos",
        "rischio",
        "rischi",
        "risico",
        "risico's",
        "risicos",
        "s",
        "risco",
        "riscos",
        "items",
        "item",
        "priority",
        "level",
        "severity",
        "impact",
        "de",
        "\u00e0",
    ]
)


def read_level(raw: str) -> str | None:
    """``high`` from ``High``, ``HIGH``, ``H`` or ``\u00e9lev\u00e9``; the higher of two
    neighbouring levels from ``medium-high``; ``None`` for anything else."""
    words = [word for word in _WORD.findall(raw.lower()) if word not in _LEVEL_FILLER]
    found = [_LEVEL_WORDS.get(word) for word in words]
    if not found or None in found:
        return None
    ranks = sorted({DEFAULT_RISK_LEVELS.index(level) for level in found if level is not None})
    if ranks[-1] - ranks[0] > 1:
        return None
    return DEFAULT_RISK_LEVELS[ranks[-1]]


def severity_of(heading: str) -> str | None:
    """The level a heading like ``High Risk`` or ``Risques \u00e9lev\u00e9s`` names."""
    words = [word for word in _WORD.findall(heading.lower()) if word not in _HEADING_FILLER]
    if len(words) != 1 or len(words[0]) == 1:
        return None
    return _LEVEL_WORDS.get(words[0])
