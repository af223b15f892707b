"""The scales a risk table's legend gives its level columns: a paragraph right under
the table, or above it in its section, that states a scale (``Scale 1-5``,
``Scores: 1 = very low ... 5 = very high``, ``S = severity, O = occurrence, D =
detection (1-10)``). A column whose name states its own scale keeps that one."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.markdown import Table, Text, normal_header, table
from sphinx_implplan.authoring.conversion.risk_labels import OPTION_OF, Field, column_of
from sphinx_implplan.authoring.conversion.risk_levels import read_level
from sphinx_implplan.authoring.conversion.risk_scales import Scale, stated_scale

_WORD = re.compile(r"[^\W_]+")
#: the fewest rows of a table that defines a scale
_FEWEST_SCORES = 3
#: the first column of a table that defines a scale
_SCORE_HEADERS = frozenset(
    {"score", "scores", "rating", "ratings", "level", "levels", "value", "scale", "points"}
    | {"grade", "punkte", "stufe", "note", "niveau", "nivel", "valor", "wert", "poziom"}
)
_REMARK = re.compile(r"\([^()]*\)|\uff08[^\uff08\uff09]*\uff09|\[[^\[\]]*\]")
#: a legend's parts, each of which may state a scale: split at a semicolon, a line
#: break or a sentence's end (an ellipsis, ``1 = low ... 5 = high``, goes on)
_CLAUSE_END = re.compile(r";|\n|(?<!\.)\.(?!\.)(?:\s+|$)")
#: words that say a range is a scale, in the languages plans are written in
_SCALE_WORDS = frozenset(
    {"scale", "scales", "scaled", "score", "scores", "scored", "scoring", "legend", "key"}
    | {"rate", "rated", "rates", "rating", "ratings", "level", "levels"}
    | {"skala", "skali", "bewertung", "punkte", "\u00e9chelle", "echelle", "escala"}
    | {
        "scala",
        "schaal",
        "skaala",
        "\u00f6l\u00e7ek",
        "\u0161k\u00e1la",
        "\u0448\u043a\u0430\u043b\u0430",
    }
    | {"puntuaci\u00f3n", "pontua\u00e7\u00e3o", "punteggio"}
)
#: the same in scripts that do not space their words: searched as parts of the text
_SCALE_PARTS = (
    "\u6bb5\u968e",
    "\u5c3a\u5ea6",
    "\u8a55\u4fa1",
    "\u7b49\u7ea7",
    "\uc810\uc218",
    "\ucc99\ub3c4",
)
#: ``1 = very low``: a legend that names the ends of its scale
_NAMED_END = re.compile(r"\d\s*[=:]\s*[^\W\d_]")
#: a product (``Score = P \u00d7 I (1-25)``, ``RPN = S x O x D``): its range is the
#: product's, never its factors'
_PRODUCT = re.compile(r"[\u00d7*\u00b7\u22c5]|\bx\b|\bproducts?\b|\brpn\b|multipl", re.IGNORECASE)
#: columns a product, a rank or another number fills: a legend part naming one
#: states that column's scale, not the levels'
_SCORE_COLUMNS = frozenset(
    {"score", "scores", "risk score", "rpn", "rating", "risk rating", "exposure", "total"}
    | {"priority", "rank", "detection", "d", "detectability"}
)


def legend_texts(blocks: list[SyntaxTreeNode], index: int) -> list[str]:
    """The paragraphs that may be the legend of the table ``blocks[index]``: the one
    right under it, then those above it back to the section's start or an earlier
    table, nearest first."""
    after = blocks[index + 1 : index + 2]
    before: list[SyntaxTreeNode] = []
    scales: list[str] = []
    for block in reversed(blocks[:index]):
        if block.type == "table":
            top = scale_table(table(block))
            if top is None:
                break
            # a table of what each score means is part of the legend, and says the scale
            scales.append(f"Scale 1-{top}")
            continue
        before.append(block)
    return [
        Text.of(block.children[0]).plain
        for block in [*after, *before]
        if block.type == "paragraph" and block.children
    ] + scales


def scale_table(found: Table) -> int | None:
    """The top of the scale a table defines, its first column a score from 1 up
    (``| Rating | Severity | Occurrence |`` with rows 1 to 4): what each score of a
    risk table's level columns means, no risks; ``None`` for any other table."""
    if not found.headers or normal_header(found.headers[0]) not in _SCORE_HEADERS:
        return None  # ``| # | Risk |``: numbered risks
    numbers = [row.cells[0].plain.strip() if row.cells else "" for row in found.rows]
    wanted = [str(number) for number in range(1, len(numbers) + 1)]
    if len(numbers) >= _FEWEST_SCORES and numbers in (wanted, wanted[::-1]):
        return len(numbers)
    return None


def legend_scales(headers: tuple[str, ...], legends: list[str]) -> list[Scale | None]:
    """For each column, the scale a legend gives it: a level column whose name
    states no scale, by the first legend part that names it (``S = severity``,
    ``Likelihood 1-3``), else by the first that names no column and says it is a
    scale (``Scale 1-5``, ``1 = very low ... 5 = very high``)."""
    levels = [
        index
        for index, header in enumerate(headers)
        if (column := column_of(header)) is not None
        and column.option in {"impact", "likelihood"}
        and stated_scale(header) is None
    ]
    named: dict[int, Scale] = {}
    general: Scale | None = None
    for clause in (part for text in legends for part in _CLAUSE_END.split(text)):
        scale = stated_scale(clause)
        if scale is None or _PRODUCT.search(clause):
            continue
        names = [index for index in levels if _names(clause, headers[index])]
        for index in names:
            named.setdefault(index, scale)
        if (
            not names
            and general is None
            and _is_scale(clause)
            and not any(
                normal_header(_own_name(header)) in _SCORE_COLUMNS and _names(clause, header)
                for header in headers
            )
        ):
            general = scale
    return [named.get(index, general) if index in levels else None for index in range(len(headers))]


def _names(clause: str, header: str) -> bool:
    """Whether a legend part names a column: by its header (``S``, ``Impact``) or,
    for a level column, by a name of its option (``severity`` for ``S``)."""
    own = _own_name(header)
    # one letter is a column only as written: ``S = severity``, not ``a scale``
    if own and _holds(clause, own, case=len(own) == 1):
        return True
    column = column_of(header)
    if column is None or column.option not in {"impact", "likelihood"}:
        return False
    return any(
        len(name) > 1 and _holds(clause, name, case=False)
        for name, named in OPTION_OF.items()
        if named is column
    )


def _own_name(header: str) -> str:
    """A column's name without its remark: ``Risk score (1-25)`` -> ``Risk score``."""
    return " ".join(_REMARK.sub(" ", header).split())


def _holds(clause: str, name: str, *, case: bool) -> bool:
    """Whether ``name`` is a word (or words) of ``clause``."""
    pattern = r"(?<!\w)" + re.escape(name).replace(r"\ ", r"\s+") + r"(?!\w)"
    return re.search(pattern, clause, 0 if case else re.IGNORECASE) is not None


def _is_scale(clause: str) -> bool:
    """Whether a legend part says its range is a scale: by a word, or by naming the
    scale's ends (``1 = very low``)."""
    words = {word.lower() for word in _WORD.findall(clause)}
    return (
        bool(words & _SCALE_WORDS)
        or any(part in clause for part in _SCALE_PARTS)
        or len(_NAMED_END.findall(clause)) >= 2
    )


def is_legend(found: Field) -> bool:
    """Whether a level label states its scale rather than a level: ``Likelihood: 1
    (rare) to 5 (almost certain)`` is a legend, not a risk's likelihood."""
    value = found.value.plain
    return (
        found.column is not None
        and found.column.check is read_level
        and read_level(value) is None
        and stated_scale(value) is not None
    )
