"""What a risk's text says in labels: ``**Mitigation**: retry``, ``Impact: High``,
read into fields, each with the option it gives (the columns of a risk table)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.markdown import Label, Text, normal_header
from sphinx_implplan.authoring.conversion.risk_levels import read_level
from sphinx_implplan.authoring.conversion.risk_scales import Scale, stated_scale
from sphinx_implplan.authoring.conversion.table_sections import Column, TableShape
from sphinx_implplan.plan.itemtypes import RISK


def _column(option: str, names: str, check: checks.Check = checks.text) -> Column:
    return Column(option, _names(names), check)


def _names(names: str) -> frozenset[str]:
    return frozenset(names.split("|"))


#: single-letter level columns of a risk table or an FMEA (``S``, ``O``, ``P``, ``I``):
#: read as a column's name only, never as a label in running text
_LETTERS = {"impact": "s|i", "likelihood": "p|o"}

RISK_TABLE = TableShape(
    RISK,
    title=_names(
        "risk|risks|description|risk description|threat|risque|risiko|riesgo|rischio"
        "|risico|risco|omschrijving|descri\u00e7\u00e3o"
        # what a register calls the risk, and the word in more languages
        "|risk statement|risk item|risk name|risk title|failure mode|failure modes"
        "|potential failure mode|threats|issue|issues|concern|concerns|hazard|hazards"
        "|risiken|riziko|rizika|ryzyko|ryzyka|risker|risici|riski|riskler"
        "|kock\u00e1zat|riesgos|risques|rischi"
        "|\u0440\u0438\u0441\u043a|\u0440\u0438\u0441\u043a\u0438"
        # Ukrainian
        "|\u0440\u0438\u0437\u0438\u043a|\u0440\u0438\u0437\u0438\u043a\u0438"
        # Vietnamese
        "|r\u1ee7i ro"
        "|\u30ea\u30b9\u30af|\u30ea\u30b9\u30af\u5185\u5bb9|\u30ea\u30b9\u30af\u9805\u76ee"
        "|\uc704\ud5d8|\uc704\ud5d8 \uc694\uc18c|\ub9ac\uc2a4\ud06c|\u98ce\u9669|\u98a8\u96aa"
        # Albanian, Slovenian, Latvian, Macedonian and Hausa
        "|rreziku|rreziqet|rrezik|tveganje|tveganja|risks|\u0440\u0438\u0437\u0438\u0446\u0438|ha\u0257ari|hadari"
        # Bulgarian, Welsh and Swahili
        "|\u0440\u0438\u0441\u043a\u043e\u0432\u0435|risg|risgiau|hatari"
        # Icelandic and Tagalog
        "|\u00e1h\u00e6tta|\u00e1h\u00e6ttur|panganib|mga panganib"
    ),
    options=(
        _column(
            "impact",
            "impact|severity|s\u00e9v\u00e9rit\u00e9|gravit\u00e9|auswirkung|impacto|gevolg|ernst"
            "|effect|effects|consequence|consequences|konsekvens|konsekvenser|etki|dopad"
            "|z\u00e1va\u017enost|wp\u0142yw|vaikutus|hat\u00e1s|impatto|gravit\u00e0|gravedad"
            "|severidad|\u5f71\u97ff|\u5f71\u97ff\u5ea6|\u5f71\u54cd"
            "|\uc601\ud5a5|\uc601\ud5a5\ub3c4"
            "|\uc2ec\uac01\ub3c4|\u0432\u043b\u0438\u044f\u043d\u0438\u0435"
            "|\u0432\u043f\u043b\u0438\u0432"
            # Vietnamese: impact, level (of severity), effect
            "|\u1ea3nh h\u01b0\u1edfng|m\u1ee9c \u0111\u1ed9|m\u1ee9c \u0111\u1ed9 \u1ea3nh h\u01b0\u1edfng"
            "|t\u00e1c \u0111\u1ed9ng"
            # Malay and Indonesian, Catalan, Croatian, Hindi
            "|kesan|impak|dampak|impacte|utjecaj|posljedica|\u092a\u094d\u0930\u092d\u093e\u0935"
            # Albanian, Slovenian, Latvian and Macedonian
            "|ndikimi|ndikim|vpliv|ietekme|\u0432\u043b\u0438\u0458\u0430\u043d\u0438\u0435"
            # Bulgarian, Welsh and Swahili
            "|\u0432\u044a\u0437\u0434\u0435\u0439\u0441\u0442\u0432\u0438\u0435|effaith|athari"
            # Icelandic and Tagalog
            "|\u00e1hrif|aflei\u00f0ingar|epekto|" + _LETTERS["impact"],
            read_level,
        ),
        _column(
            "likelihood",
            "likelihood|probability|chance|probabilit\u00e9|wahrscheinlichkeit"
            "|eintrittswahrscheinlichkeit|probabilidad|probabilidade|kans|waarschijnlijkheid"
            "|occurrence|olas\u0131l\u0131k|olasilik|pravd\u011bpodobnost"
            "|prawdopodobie\u0144stwo|sannolikhet|sandsynlighed|sannsynlighet"
            "|toden\u00e4k\u00f6isyys|val\u00f3sz\u00edn\u0171s\u00e9g|probabilit\u00e0"
            "|\u767a\u751f\u53ef\u80fd\u6027|\u767a\u751f\u78ba\u7387|\u53ef\u80fd\u6027"
            "|\u78ba\u7387|\u6982\u7387|\uac00\ub2a5\uc131|\ubc1c\uc0dd \uac00\ub2a5\uc131"
            "|\ubc1c\uc0dd\uac00\ub2a5\uc131|\ud655\ub960"
            "|\u0432\u0435\u0440\u043e\u044f\u0442\u043d\u043e\u0441\u0442\u044c"
            "|kh\u1ea3 n\u0103ng|kh\u1ea3 n\u0103ng x\u1ea3y ra|x\u00e1c su\u1ea5t"
            "|\u0439\u043c\u043e\u0432\u0456\u0440\u043d\u0456\u0441\u0442\u044c"
            # Malay and Indonesian, Catalan, Croatian, Hindi
            "|kebarangkalian|kemungkinan|probabilitat|vjerojatnost"
            "|\u0938\u0902\u092d\u093e\u0935\u0928\u093e"
            # Albanian, Slovenian, Latvian and Macedonian
            "|gjasat|gjasa|probabiliteti|verjetnost|varb\u016bt\u012bba|\u0432\u0435\u0440\u043e\u0458\u0430\u0442\u043d\u043e\u0441\u0442"
            # Bulgarian, Welsh and Swahili
            "|\u0432\u0435\u0440\u043e\u044f\u0442\u043d\u043e\u0441\u0442|tebygolrwydd|uwezekano"
            # Icelandic and Tagalog
            "|l\u00edkur|l\u00edkindi|posibilidad|tsansa|probabilidad|" + _LETTERS["likelihood"],
            read_level,
        ),
        _column(
            "mitigation",
            "mitigation|mitigations|mitigation strategy|mitigated by|response|plan|contingency"
            "|att\u00e9nuation|parade|ma\u00dfnahme|ma\u00dfnahmen|gegenma\u00dfnahme|mitigaci\u00f3n|mitigazione"
            "|mitigatie|maatregel|maatregelen|mitiga\u00e7\u00e3o"
            "|action|actions|countermeasure|countermeasures|mitigation plan|response plan"
            "|contingency plan|massnahme|massnahmen|mitigacion|mesure|mesures|contramedida"
            # a watch list's answer to a trigger: the lever pulled, the fallback
            "|lever|levers|fallback|fallback plan|plan b|what we do|what we will do"
            # Malay and Indonesian, Catalan, Croatian, Hindi
            "|mitigasi|tindakan|tindakan mitigasi|langkah mitigasi|mitigaci\u00f3|mesura|mesures"
            "|mjere|mjera|ubla\u017eavanje|\u0936\u092e\u0928|\u0928\u093f\u0935\u093e\u0930\u0923"
            "|\u00f6nlem|\u00f6nlemler|onlem|opat\u0159en\u00ed|opatreni"
            "|dzia\u0142anie|dzia\u0142ania"
            "|\u00e5tg\u00e4rd|\u00e5tg\u00e4rder|tiltag|tiltak|toimenpide|toimenpiteet"
            "|int\u00e9zked\u00e9s|\u5bfe\u7b56|\u5bfe\u5fdc\u7b56|\u5e94\u5bf9\u63aa\u65bd"
            "|\u5c0d\u7b56|\ub300\uc751|\ub300\uc751 \ubc29\uc548|\ub300\ucc45"
            "|\u043c\u0435\u0440\u044b"
            "|bi\u1ec7n ph\u00e1p|bi\u1ec7n ph\u00e1p gi\u1ea3m thi\u1ec3u|gi\u1ea3i ph\u00e1p"
            "|ph\u01b0\u01a1ng \u00e1n|\u0437\u0430\u0445\u043e\u0434\u0438|\u0437\u0430\u0445\u0456\u0434"
            # Albanian, Slovenian, Latvian and Macedonian
            "|masat|masa|ukrepi|ukrep|pas\u0101kumi|\u043c\u0435\u0440\u043a\u0438"
            # Welsh and Swahili
            "|lliniaru|camau lliniaru|hatua|hatua za kupunguza"
            # Icelandic and Tagalog
            "|vi\u00f0br\u00f6g\u00f0|m\u00f3tv\u00e6gisa\u00f0ger\u00f0ir|a\u00f0ger\u00f0ir"
            "|tugon|hakbang|solusyon",
        ),
        _column(
            "owner",
            "owner|assignee|responsible|responsable|verantwortlich|eigenaar|respons\u00e1vel"
            "|sorumlu|vlastn\u00edk|w\u0142a\u015bciciel|odpowiedzialny|ansvarig"
            "|\u62c5\u5f53|\u62c5\u5f53\u8005|\ub2f4\ub2f9|\ub2f4\ub2f9\uc790|\u8d1f\u8d23\u4eba"
            "|ng\u01b0\u1eddi ph\u1ee5 tr\u00e1ch|ph\u1ee5 tr\u00e1ch",
        ),
        _column("status", "status|statut|estado|durum|stav", checks.risk_status),
        _column("affects", "affects|requirements", checks.ids),
    ),
)

#: a label's words (lower case) -> the option it gives
OPTION_OF = {name: column for column in RISK_TABLE.options for name in column.names}
#: the column names that are one letter: a table's, never a label's
LETTERS = frozenset("|".join(_LETTERS.values()).split("|"))
_LABEL_NAMES = sorted({*OPTION_OF, *RISK_TABLE.title} - {"plan"} - LETTERS, key=len, reverse=True)
#: a scale after a label's name: ``Impact (1-5):``, ``Likelihood [1-3]:``
_LABEL_SCALE = r"\s*[(\[]\s*\d{1,3}\s*[-\u2013]\s*\d{1,3}\s*[)\]]"
#: ``**Mitigation**:``, ``**Mitigation:**`` or ``Mitigation:`` in an item's text, a
#: level's name perhaps with its scale (``Impact (1-5):``); CJK text writes the colon
#: full width
LABEL = re.compile(
    r"(?<![\w*])(?P<bold>\*\*|__)?(?P<name>"
    + "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in _LABEL_NAMES)
    + rf")(?P<scale>{_LABEL_SCALE})?"
    + r"\s*(?(bold)(?:(?P=bold)\s*[:\uff1a]|[:\uff1a]\s*(?P=bold))|[:\uff1a])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Field:
    """A value for one risk: its name as written, its option (``None``: the body's)."""

    name: str
    column: Column | None
    value: Text
    #: a plain label other than its option's name (``Probability:``): the body keeps it
    keep: bool = False
    #: the text stays in the body where it was written: only the option is taken
    shown: bool = False
    #: shown, and whole sentences, which a text option takes too
    whole: bool = False
    #: the scale its name or a legend states, on which a number is a level
    scale: Scale | None = None


#: a remark in parentheses (also full width) or brackets, or a scale after the name
#: (``Likelihood 1-3``)
_REMARK = re.compile(
    r"\([^()]*\)|\uff08[^\uff08\uff09]*\uff09|\[[^\[\]]*\]"
    r"|\s\d{1,3}\s*[-\u2013]\s*\d{1,3}\s*$"
)


def column_of(name: str) -> Column | None:
    """The option a column or label name gives; a remark or a scale aside
    (``Likelihood (1-5)``, ``Severity [1-10]``); else the one option a word of a
    longer name gives (``Proposed risk-mitigation measures``, ``Level of
    likelihood``)."""
    column = OPTION_OF.get(normal_header(name))
    column = column or OPTION_OF.get(normal_header(_REMARK.sub(" ", name)))
    if column is not None:
        return column
    found = {
        id(OPTION_OF[word]): OPTION_OF[word]
        for word in _name_words(name)
        if word in OPTION_OF and word not in RISK_TABLE.title and word not in LETTERS
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _name_words(name: str) -> list[str]:
    return normal_header(_REMARK.sub(" ", name)).replace("-", " ").replace("/", " ").split()


def label_column(name: str) -> Column | None:
    """The option a label gives (``impact``), also where its name states a scale
    (``impact (1-5)``); a label with another remark gives none."""
    return OPTION_OF.get(normal_header(name)) or OPTION_OF.get(
        normal_header(re.sub(_LABEL_SCALE + "$", "", name))
    )


def field_of(name: str, value: Text, *, lead: bool = True, legend: Scale | None = None) -> Field:
    """``lead``: a bold label starting its line, which reads as a field's name;
    ``legend``: the scale a legend gives a level column whose name states none."""
    column = column_of(name)
    keep = not lead and column is not None and normal_header(name) != column.option
    scale = stated_scale(name) if column is not None else None
    return Field(name, column, value, keep, scale=scale or legend)


#: labels read inside an item's text, not only at its start: ``... Mitigation: ...``
_INNER_LABELS = frozenset(
    name
    for column in RISK_TABLE.options[:4]
    for name in column.names
    # words a sentence uses with a colon after them
    if name not in {"plan", "response", "chance", "contingency", "responsible", "assignee"}
    and name not in {"action", "actions", "effect", "effects", "consequence", "consequences"}
    and name not in {"occurrence", "mesure", "mesures"}
    and name not in LETTERS
)
#: labels read without bold marks; one the output does not name stays in the body
_PLAIN_LABELS = (frozenset(OPTION_OF) - LETTERS) | {"risk", "risks"}


def split_labels(raw: str) -> tuple[str, list[Field]]:
    """The text before the first label, then each label's name and value."""
    matches = _label_matches(raw)
    if not matches:
        return raw, []
    fields = []
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        value = raw[match.end() : after.start() if after is not None else len(raw)]
        name = " ".join((match.group("name") + (match.group("scale") or "")).split())
        lead = bool(match.group("bold")) and raw[: match.start()][-1:] in {"", "\n"}
        fields.append(field_of(name, Text.parse(value.rstrip(" \t\n,;")), lead=lead))
    return raw[: matches[0].start()], fields


def closing_label(raw: str) -> Field | None:
    """A paragraph's last label when it gives a text option after a sentence's end
    and runs to the paragraph's end (``... allocated. **Mitigation**: sagas with
    ...``): that option, the sentences staying where they are written."""
    matches = _label_matches(raw)
    if not matches:
        return None
    last = matches[-1]
    column = column_of(last.group("name"))
    value = Text.parse(" ".join(raw[last.end() :].split()))
    if (
        column is None
        or column.check is not checks.text
        or not raw[: last.start()].rstrip().endswith((".", "!", "?"))
        or not value.plain
    ):
        return None
    return Field(" ".join(last.group("name").split()), column, value, shown=True, whole=True)


def _label_matches(raw: str) -> list[re.Match[str]]:
    """The labels of a text, but those a sentence holds."""
    return [
        match
        for match in LABEL.finditer(raw)
        # not inside a code span, and a plain label inside the text only where a
        # sentence would hardly use the word so
        if raw[: match.start()].count("`") % 2 == 0
        # a plain label in an open parenthesis is part of the sentence
        and (
            match.group("bold")
            or raw[: match.start()].count("(") <= raw[: match.start()].count(")")
        )
        and (
            match.group("bold")
            or match.start() == 0
            or normal_header(match.group("name")) in _INNER_LABELS
        )
        and (match.group("bold") or normal_header(match.group("name")) in _PLAIN_LABELS)
    ]


def label_extent(lines: list[str], labels: list[Label | None], index: int, *, text: bool) -> int:
    """How many lines a paragraph's label line takes when it leaves the paragraph
    without breaking a sentence; 0 where it cannot. It holds one label, the line
    before is a label or ends a sentence, and the next is a label or the end; a text
    label (``**Mitigation**:``) also takes the lines that go on with its sentence,
    up to the paragraph's end."""
    label = labels[index]
    assert label is not None
    if split_labels(label.value.raw)[1]:
        return 0
    before = labels[index - 1] if index > 0 else None
    if index > 0 and before is None and not lines[label.line - 1].rstrip().endswith(_ENDS):
        return 0
    ends = lines[label.line].rstrip().endswith(_ENDS)
    if index + 1 == len(labels) or labels[index + 1] is not None or ends:
        return 1
    rest = range(index + 1, len(labels))
    if text and all(
        labels[n] is None and not split_labels(lines[label.line + n - index])[1] for n in rest
    ):
        return len(labels) - index
    return 0


_ENDS = (".", "!", "?", ":", ";", "  ", "\\")


def is_title_column(header: str) -> bool:
    """Whether a table's column holds its risks' titles (``Risk``, ``Failure mode``,
    ``Risk (what could happen)``)."""
    if any(normal_header(name) in RISK_TABLE.title for name in (header, _REMARK.sub(" ", header))):
        return True
    # ``Description of risk``, ``Risk description``: a title's word and no option's
    words = _name_words(header)
    return any(word in RISK_TABLE.title for word in words) and column_of(header) is None


def is_title_label(name: str) -> bool:
    return normal_header(name) in RISK_TABLE.title - {"description"}


def label_fields(raw: str) -> list[Field] | None:
    """The fields of a text made only of option labels (``Mitigation: retry``)."""
    lead, fields = split_labels(raw)
    if lead.strip() or not fields or any(found.column is None for found in fields):
        return None
    return fields
