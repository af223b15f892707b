"""The level of a risk as plans write it: ``High``, ``Med``, ``medium-high``, ``H``,
``\u00e9lev\u00e9``; and the level a heading like ``### High Risk`` gives the risks under it."""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.risk_scales import scored_level
from sphinx_implplan.plan.values import DEFAULT_RISK_LEVELS

#: a word; Devanagari's vowel signs and virama are no word characters to ``re``
_WORD = re.compile(r"(?:[^\W_]|[\u0900-\u0963])+")

# the levels in Turkish, Czech, Polish, Swedish, Danish and Norwegian, Finnish,
# Hungarian and Russian plans, then the one-character scales of Japanese, Chinese
# and Korean ones (\u9ad8/\u4e2d/\u4f4e, \u5927/\u4e2d/\u5c0f, \uc0c1/\uc911/\ud558)
_LOW_ELSEWHERE = (
    *("d\u00fc\u015f\u00fck", "n\u00edzk\u00e1", "n\u00edzk\u00e9", "n\u00edzk\u00fd"),
    *("niska", "niskie", "niski", "l\u00e5g", "l\u00e5gt", "l\u00e5ga", "lav", "lavt"),
    *(
        "matala",
        "alacsony",
        "\u043d\u0438\u0437\u043a\u0430\u044f",
        "\u043d\u0438\u0437\u043a\u0438\u0439",
    ),
    *("\u4f4e", "\u5c0f", "\u4f4e\u3044", "\ub0ae\uc74c", "\ud558"),
    # Ukrainian and Vietnamese
    *(
        "\u043d\u0438\u0437\u044c\u043a\u0430",
        "\u043d\u0438\u0437\u044c\u043a\u0438\u0439",
        "\u043d\u0438\u0437\u044c\u043a\u0435",
    ),
    "th\u1ea5p",
    # Catalan, Croatian, Malay and Hindi
    *("baix", "baixa", "nizak", "nisko", "rendah", "\u0928\u093f\u092e\u094d\u0928"),
    # Albanian, Slovenian, Latvian and Macedonian
    *("ul\u00ebt", "nizka", "nizko", "nizek", "zema", "zems"),
    *(
        "\u043d\u0438\u0441\u043a\u0430",
        "\u043d\u0438\u0441\u043a\u043e",
        "\u043d\u0438\u0437\u043e\u043a",
    ),
    # Bulgarian, Welsh and Swahili
    *("\u043d\u0438\u0441\u044a\u043a", "isel", "chini"),
    # Icelandic and Tagalog
    *("l\u00edtil", "l\u00edtill", "l\u00edti\u00f0", "l\u00e1g", "l\u00e1gt", "mababa"),
)
_MEDIUM_ELSEWHERE = (
    *("orta", "st\u0159edn\u00ed", "\u015brednia", "\u015brednie", "\u015bredni", "medel"),
    *("mellan", "moderat", "keskitaso", "kohtalainen", "k\u00f6zepes"),
    *("\u0441\u0440\u0435\u0434\u043d\u044f\u044f", "\u0441\u0440\u0435\u0434\u043d\u0438\u0439"),
    *("\u4e2d", "\u4e2d\u7a0b\u5ea6", "\ubcf4\ud1b5", "\uc911\uac04", "\uc911"),
    *(
        "\u0441\u0435\u0440\u0435\u0434\u043d\u044f",
        "\u0441\u0435\u0440\u0435\u0434\u043d\u0456\u0439",
        "\u0441\u0435\u0440\u0435\u0434\u043d\u0454",
    ),
    # Vietnamese ``trung b\u00ecnh``, as one word (:data:`_PHRASES`)
    "trungb\u00ecnh",
    # Catalan, Croatian, Malay (Indonesian ``sedang``) and Hindi
    *("mitj\u00e0", "mitjana", "srednji", "srednja", "srednje", "sederhana", "sedang"),
    "\u092e\u0927\u094d\u092f\u092e",
    # Albanian, Latvian and Macedonian
    *("mes\u00ebm", "mesme", "vid\u0113ja", "vid\u0113js"),
    *(
        "\u0441\u0440\u0435\u0434\u043d\u0430",
        "\u0441\u0440\u0435\u0434\u043d\u043e",
        "\u0441\u0440\u0435\u0434\u0435\u043d",
    ),
    # Welsh and Swahili
    *("canolig", "wastani"),
    # Icelandic and Tagalog
    *("mi\u00f0lungs", "katamtaman"),
)
_HIGH_ELSEWHERE = (
    *("y\u00fcksek", "vysok\u00e1", "vysok\u00e9", "vysok\u00fd", "wysoka", "wysokie"),
    *("wysoki", "h\u00f6g", "h\u00f6gt", "h\u00f6ga", "h\u00f8j", "h\u00f8jt", "h\u00f8y"),
    *(
        "korkea",
        "magas",
        "\u0432\u044b\u0441\u043e\u043a\u0430\u044f",
        "\u0432\u044b\u0441\u043e\u043a\u0438\u0439",
    ),
    *("\u9ad8", "\u5927", "\u9ad8\u3044", "\ub192\uc74c", "\uc0c1"),
    # Ukrainian and Vietnamese
    *(
        "\u0432\u0438\u0441\u043e\u043a\u0430",
        "\u0432\u0438\u0441\u043e\u043a\u0438\u0439",
        "\u0432\u0438\u0441\u043e\u043a\u0435",
    ),
    "cao",
    # Catalan, Croatian, Malay and Hindi
    *("alt", "alta", "visok", "visoka", "visoko", "tinggi", "\u0909\u091a\u094d\u091a"),
    # Albanian, Latvian and Macedonian
    *("lart\u00eb", "augsta", "augsts"),
    *(
        "\u0432\u0438\u0441\u043e\u043a\u0430",
        "\u0432\u0438\u0441\u043e\u043a\u043e",
        "\u0432\u0438\u0441\u043e\u043a",
    ),
    # Welsh and Swahili
    *("uchel", "juu"),
    # Icelandic and Tagalog
    *("mikil", "mikill", "miki\u00f0", "h\u00e1", "h\u00e1tt", "mataas"),
)
#: the five words of the usual likelihood and consequence scales of a risk register
#: (rare, unlikely, possible, likely, almost certain; insignificant, minor, moderate,
#: major, severe), in English and Spanish, by the third of the scale they fall in
_SCALE_WORDS = {
    **dict.fromkeys(
        ("rare", "unlikely", "insignificant", "raro", "rara", "improbable", "insignificante"),
        "low",
    ),
    **dict.fromkeys(("possible", "posible"), "medium"),
    **dict.fromkeys(
        (
            *("likely", "almostcertain", "certain", "severe", "catastrophic"),
            *("probable", "casiseguro", "casisegura", "grave", "catastr\u00f3fico"),
        ),
        "high",
    ),
}
#: levels of more than one word, joined into one before the words are read
_PHRASES = re.compile(r"\b(almost|casi|trung)\s+(certain|segur[oa]|b\u00ecnh)\b")

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
            *_LOW_ELSEWHERE,
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
            *_MEDIUM_ELSEWHERE,
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
            *_HIGH_ELSEWHERE,
        ],
        "high",
    ),
    **_SCALE_WORDS,
}
#: words a level value may hold besides its levels (``very high``, ``low to medium``)
_LEVEL_FILLER = frozenset(
    # Albanian writes its levels after an article: ``e lart\u00eb``, ``i mes\u00ebm``
    ["very", "to", "\u00e0", "bis", "a", "sehr", "tr\u00e8s", "muy", "r\u1ea5t", "e", "i"]
)
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
        *("riskler", "riskleri", "rizika", "rizik", "ryzyka", "ryzyk", "risker", "risici"),
        *("riskit", "kock\u00e1zatok", "\u0440\u0438\u0441\u043a\u0438"),
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
    """``high`` from ``High``, ``HIGH``, ``H``, ``\u00e9lev\u00e9`` or a number that
    writes its scale (``4/5``, ``4 of 5``); the higher of two neighbouring levels
    from ``medium-high``; ``None`` for anything else."""
    joined = _PHRASES.sub(r"\1\2", raw.lower())
    words = [word for word in _WORD.findall(joined) if word not in _LEVEL_FILLER]
    found = [_LEVEL_WORDS.get(word) for word in words]
    if not found or None in found:
        return scored_level(raw)
    ranks = sorted({DEFAULT_RISK_LEVELS.index(level) for level in found if level is not None})
    if ranks[-1] - ranks[0] > 1:
        return None
    return DEFAULT_RISK_LEVELS[ranks[-1]]


def tries_a_level(raw: str) -> bool:
    """Whether a value no level reads is still written as one: a single word or
    number (``Critical``, ``9``) or words holding a level (``low to critical``),
    rather than a sentence (an FMEA's ``Effect``: ``Corrupted image``)."""
    words = _WORD.findall(raw.lower())
    return len(words) == 1 or any(word in _LEVEL_WORDS for word in words)


def severity_of(heading: str) -> str | None:
    """The level a heading like ``High Risk`` or ``Risques \u00e9lev\u00e9s`` names."""
    words = [word for word in _WORD.findall(heading.lower()) if word not in _HEADING_FILLER]
    # ``Possible risks``, ``Likely risks`` say what the risks are, not how high
    if len(words) != 1 or len(words[0]) == 1 or words[0] in _SCALE_WORDS:
        return None
    return _LEVEL_WORDS.get(words[0])
