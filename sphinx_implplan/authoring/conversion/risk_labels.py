"""What a risk's text says in labels: ``**Mitigation**: retry``, ``Impact: High``,
read into fields, each with the option it gives (the columns of a risk table)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.markdown import Label, Text, normal_header
from sphinx_implplan.authoring.conversion.risk_levels import read_level
from sphinx_implplan.authoring.conversion.table_sections import Column, TableShape
from sphinx_implplan.plan.itemtypes import RISK


def _column(option: str, names: str, check: checks.Check = checks.text) -> Column:
    return Column(option, _names(names), check)


def _names(names: str) -> frozenset[str]:
    return frozenset(names.split("|"))


RISK_TABLE = TableShape(
    RISK,
    title=_names(
        "risk|risks|description|risk description|threat|risque|risiko|riesgo|rischio"
        "|risico|risco|omschrijving|descri\u00e7\u00e3o"
    ),
    options=(
        _column(
            "impact",
            "impact|severity|s\u00e9v\u00e9rit\u00e9|gravit\u00e9|auswirkung|impacto|gevolg|ernst",
            read_level,
        ),
        _column(
            "likelihood",
            "likelihood|probability|chance|probabilit\u00e9|wahrscheinlichkeit"
            "|eintrittswahrscheinlichkeit|probabilidad|probabilidade|kans|waarschijnlijkheid",
            read_level,
        ),
        _column(
            "mitigation",
            "mitigation|mitigations|mitigation strategy|mitigated by|response|plan|contingency"
            "|att\u00e9nuation|parade|ma\u00dfnahme|ma\u00dfnahmen|gegenma\u00dfnahme|mitigaci\u00f3n|mitigazione"
            "|mitigatie|maatregel|maatregelen|mitiga\u00e7\u00e3o",
        ),
        _column(
            "owner",
            "owner|assignee|responsible|responsable|verantwortlich|eigenaar|respons\u00e1vel",
        ),
        _column("status", "status|statut|estado", checks.risk_status),
        _column("affects", "affects|requirements", checks.ids),
    ),
)

#: a label's words (lower case) -> the option it gives
OPTION_OF = {name: column for column in RISK_TABLE.options for name in column.names}
_LABEL_NAMES = sorted({*OPTION_OF, *RISK_TABLE.title} - {"plan"}, key=len, reverse=True)
#: ``**Mitigation**:``, ``**Mitigation:**`` or ``Mitigation:`` in an item's text
LABEL = re.compile(
    r"(?<![\w*])(?P<bold>\*\*|__)?(?P<name>"
    + "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in _LABEL_NAMES)
    + r")\s*(?(bold)(?:(?P=bold)\s*:|:\s*(?P=bold))|:)",
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


def field_of(name: str, value: Text, *, lead: bool = True) -> Field:
    """``lead``: a bold label starting its line, which reads as a field's name."""
    column = OPTION_OF.get(normal_header(name))
    keep = not lead and column is not None and normal_header(name) != column.option
    return Field(name, column, value, keep)


#: labels read inside an item's text, not only at its start: ``... Mitigation: ...``
_INNER_LABELS = frozenset(
    name
    for column in RISK_TABLE.options[:4]
    for name in column.names
    if name not in {"plan", "response", "chance", "contingency", "responsible", "assignee"}
)
#: labels read without bold marks; one the output does not name stays in the body
_PLAIN_LABELS = frozenset(OPTION_OF) | {"risk", "risks"}


def split_labels(raw: str) -> tuple[str, list[Field]]:
    """The text before the first label, then each label's name and value."""
    matches = [
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
    if not matches:
        return raw, []
    fields = []
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        value = raw[match.end() : after.start() if after is not None else len(raw)]
        name = " ".join(match.group("name").split())
        lead = bool(match.group("bold")) and raw[: match.start()][-1:] in {"", "\n"}
        fields.append(field_of(name, Text.parse(value.rstrip(" \t\n,;")), lead=lead))
    return raw[: matches[0].start()], fields


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


def is_title_label(name: str) -> bool:
    return normal_header(name) in RISK_TABLE.title - {"description"}


def label_fields(raw: str) -> list[Field] | None:
    """The fields of a text made only of option labels (``Mitigation: retry``)."""
    lead, fields = split_labels(raw)
    if lead.strip() or not fields or any(found.column is None for found in fields):
        return None
    return fields
