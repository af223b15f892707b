"""Risk levels as plans write them in the text: in parentheses at the end of a risk
(``... (likelihood: high, impact: medium)``) or inline (``Impact high, likelihood
medium``); and the looser shapes a risk section takes: Markdown inside a
``<details>`` block, and definition-list-like risks (a ``Term`` line, then
``: description`` lines)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.markdown import TableRow, Text, normal_header, parse, span
from sphinx_implplan.authoring.conversion.risk_labels import LETTERS, OPTION_OF, Field
from sphinx_implplan.authoring.conversion.risk_levels import read_level, severity_of
from sphinx_implplan.authoring.conversion.risk_scales import SCORE

#: the names of the two levels, also in Dutch and Portuguese
_LEVEL_NAMES = {
    **{name: column for name, column in OPTION_OF.items() if column.option == "impact"},
    **{name: column for name, column in OPTION_OF.items() if column.option == "likelihood"},
}
_EXTRA = {
    "prob": "likelihood",
    "probabilidade": "likelihood",
    "kans": "likelihood",
    "waarschijnlijkheid": "likelihood",
    "impacto": "impact",
    "gevolg": "impact",
    "sev": "impact",
}
_COLUMNS = {
    **_LEVEL_NAMES,
    **{
        name: next(c for c in _LEVEL_NAMES.values() if c.option == option)
        for name, option in _EXTRA.items()
    },
}
#: names a sentence uses for other things (``the effect is high``): read in a
#: parenthesis or a label, not in running text
_NOT_IN_SENTENCES = LETTERS | {"effect", "effects", "consequence", "consequences", "occurrence"}


def _alternatives(names: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(name) for name in names), key=len, reverse=True))


_NAME = _alternatives(_COLUMNS)
_SENTENCE_NAME = _alternatives(set(_COLUMNS) - _NOT_IN_SENTENCES)
#: a level in words (``high``, ``low to medium``) or a number with its scale (``4/5``)
_LEVEL = rf"(?:{SCORE}|[^\W\d_]+(?:[- ](?:to[- ])?[^\W\d_]+)?)"
_ONE_LEVEL = r"[^\W\d_]+(?:-[^\W\d_]+)?"
#: ``likelihood: high``, ``Impact = Med``, ``impact is high``, ``high impact``
_PAIR = re.compile(
    rf"(?:(?P<name>{_NAME})\s*(?:[:=\uff1a]|\bis\b|-)?\s*(?P<level>{_LEVEL})"
    rf"|(?P<level2>{_ONE_LEVEL})\s+(?P<name2>{_NAME}))",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\s*\(([^()]*)\)")
#: what parts levels: a comma, a slash but the one of a score (``4/5``), ``and``
_PARTS = re.compile(r"\s*(?:[,;|]|(?<!\d)(?<!\d\s)/(?!\s?\d)|\band\b)\s*", re.IGNORECASE)


def _pair(text: str, *, letters: bool = False) -> tuple[str, str, str] | None:
    """``(name, option, level as written)`` of a text that is one level pair;
    ``letters``: the name may be one letter (``P: high``), as in a parenthesis."""
    match = _PAIR.fullmatch(text.strip().rstrip("."))
    if match is None:
        return None
    name = match.group("name") or match.group("name2")
    level = match.group("level") or match.group("level2")
    if read_level(level) is None or (not letters and normal_header(name) in LETTERS):
        return None
    return name, _COLUMNS[normal_header(name)].option, level


def _fields(pairs: list[tuple[str, str, str]], *, shown: bool) -> list[Field]:
    # a name other than the option's (``Probability``) stays in the body with its level
    return [
        Field(
            name,
            _COLUMNS[normal_header(name)],
            Text.parse(level),
            keep=not shown and normal_header(name) != option,
            shown=shown,
        )
        for name, option, level in pairs
    ]


def level_parens(raw: str) -> tuple[str, list[Field]]:
    """``raw`` without each parenthesis made only of levels, and those levels."""
    fields: list[Field] = []
    kept: list[str] = []
    position = 0
    for match in _PARENS.finditer(raw):
        if raw[: match.start()].count("`") % 2:
            continue
        parts = [part for part in _PARTS.split(match.group(1)) if part.strip()]
        pairs = [_pair(part, letters=True) for part in parts]
        if not pairs or None in pairs:
            continue
        kept.append(raw[position : match.start()])
        position = match.end()
        fields += _fields([pair for pair in pairs if pair is not None], shown=False)
    kept.append(raw[position:])
    return "".join(kept), fields


#: a level alone before a risk's text, set apart in bold, in brackets or both:
#: ``**[High]** The card reader ...``, ``[Medium] Staff leave ...``, ``**Low:** ...``
_LEADING_LEVEL = re.compile(
    r"\s*(?P<open>\*\*|__)?\s*(?:\[(?P<bracketed>[^\]\n]{1,30})\]|(?P<bold>[^\W\d_][^*_:\n]{0,29}?))"
    r"\s*:?\s*(?P<close>\*\*|__)?\s*[:\-\u2013\u2014]?\s+(?=\S)"
)


def leading_level(raw: str) -> tuple[str, list[Field]]:
    """``**[High]** The card reader ...`` -> ``The card reader ...`` and its level, as
    the impact a heading such as ``### High`` gives the risks under it."""
    match = _LEADING_LEVEL.match(raw)
    if match is None or bool(match.group("open")) != bool(match.group("close")):
        return raw, []
    level = match.group("bracketed") or (match.group("bold") if match.group("open") else None)
    if level is None or severity_of(level) is None:
        return raw, []
    return raw[match.end() :], [Field("Level", OPTION_OF["impact"], Text.parse(level.strip()))]


def trailing_levels(raw: str) -> tuple[str, list[Field]]:
    """``Token expiry. Impact medium, likelihood high`` -> ``Token expiry.`` and the
    two levels, where the text ends with nothing but levels."""
    for match in re.finditer(r"(?:^|[.;:,\u2013\u2014-]|\s)", raw):
        tail = raw[match.end() :]
        parts = [part for part in _PARTS.split(tail.strip().rstrip(".")) if part.strip()]
        pairs = [_pair(part) for part in parts]
        if parts and None not in pairs and raw[: match.end()].count("`") % 2 == 0:
            return raw[: match.end()], _fields([p for p in pairs if p is not None], shown=False)
    return raw, []


_INLINE = re.compile(
    rf"\b(?:(?P<name>{_SENTENCE_NAME})\s*(?:\bis\b|[:=\uff1a])?\s*(?P<level>{_LEVEL})"
    rf"|(?P<level2>{_ONE_LEVEL})\s+(?P<name2>{_SENTENCE_NAME}))\b",
    re.IGNORECASE,
)


def inline_levels(text: str) -> list[Field]:
    """The levels a risk's text states in words (``Impact high, likelihood medium``):
    options only, as the text stays where it is."""
    pairs = []
    position = 0
    while (match := _INLINE.search(text, position)) is not None:
        found = _pair(match.group(0))
        words = match.group(0).split()
        for count in range(len(words) - 1, 1, -1):
            # "impact high and" read with a word too many: try the shorter level
            found = found or _pair(" ".join(words[:count]))
        if found is None:
            # "queries Impact" is no pair, but "Impact high" may follow
            position = match.start() + len(words[0])
            continue
        pairs.append(found)
        position = match.end()
    return _fields(pairs, shown=True)


#: the tags that wrap Markdown in an HTML block: ``<details>``, ``<summary>More</summary>``
_WRAPPERS = frozenset({"details", "summary", "div", "section", "aside", "br"})
_TAG = re.compile(r"</?([A-Za-z][\w-]*)[^<>]*>")
_LOOKS_LISTED = re.compile(r"<(li|tr|dt|p)\b", re.IGNORECASE)


def _is_wrapper(line: str) -> bool:
    """A line of wrapping tags only, a summary's text aside."""
    names = _TAG.findall(line)
    if not names or not line.lstrip().startswith("<"):
        return False
    return all(name.lower() in _WRAPPERS for name in names) and (
        "summary" in {name.lower() for name in names} or not _TAG.sub("", line).strip()
    )


def looks_listed(block: SyntaxTreeNode) -> bool:
    """Whether an HTML block holds list items, rows or paragraphs of its own."""
    return bool(_LOOKS_LISTED.search(block.content))


def html_inner_blocks(lines: list[str], block: SyntaxTreeNode) -> list[SyntaxTreeNode] | None:
    """The Markdown blocks between an HTML block's opening and closing tag lines, at
    their own line numbers; ``None`` where what is inside is HTML too."""
    start, end = span(block)
    first, last = start, end
    while first < last and _is_wrapper(lines[first]):
        first += 1
    while last > first and _is_wrapper(lines[last - 1]):
        last -= 1
    inner = lines[first:last]
    if not any(line.strip() for line in inner):
        return []
    if any(line.lstrip().startswith("<") for line in inner):
        return None
    # blank lines before keep the line numbers of the document
    tree = parse("\n" * first + "".join(inner))
    return [node for node in tree.children if node.map is not None]


def definition_groups(lines: list[str], block: SyntaxTreeNode) -> list[tuple[int, list[int]]]:
    """``(term line, description lines)`` of a paragraph written as a definition
    list: each term line followed by ``: description`` lines, each of which may go on
    in indented lines; ``[]`` for another paragraph."""
    start, end = span(block)
    groups: list[tuple[int, list[int]]] = []
    for number in range(start, end):
        if _is_description(lines[number]):
            if not groups:
                return []
            groups[-1][1].append(number)
        elif groups and groups[-1][1] and _goes_on(lines[number]):
            continue
        else:
            if groups and not groups[-1][1]:
                return []
            groups.append((number, []))
    return groups if groups and groups[-1][1] else []


def _is_description(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith(":") and stripped[1:2] in {" ", "\t"}


def _goes_on(line: str) -> bool:
    """An indented line that continues the description above it."""
    return line[:1] in {" ", "\t"} and bool(line.strip()) and not _is_description(line)


def description_text(lines: list[str], number: int) -> str:
    """The text of the ``: description`` at line ``number``, with the indented lines
    that go on with it."""
    parts = [lines[number].lstrip()[1:].strip()]
    while number + 1 < len(lines) and _goes_on(lines[number + 1]):
        number += 1
        parts.append(lines[number].strip())
    return "\n".join(parts)


def _descriptions_only(lines: list[str], block: SyntaxTreeNode) -> bool:
    start, end = span(block)
    return _is_description(lines[start]) and all(
        _is_description(lines[number]) or _goes_on(lines[number]) for number in range(start, end)
    )


def definitions(
    lines: list[str], blocks: list[SyntaxTreeNode], index: int
) -> tuple[int, int, list[tuple[int, list[int]]], SyntaxTreeNode | None] | None:
    """The definition-list-like entries the paragraph ``blocks[index]`` starts:
    ``(start, end, groups, the next block when it holds the descriptions)``."""
    block = blocks[index]
    start, end = span(block)
    groups = definition_groups(lines, block)
    if groups:
        return start, end, groups, None
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if (
        end - start == 1
        and following is not None
        and following.type == "paragraph"
        and _descriptions_only(lines, following)
    ):
        # ``Term``, a blank line, then ``: description`` lines
        described = [n for n in range(*span(following)) if _is_description(lines[n])]
        return start, span(following)[1], [(start, described)], following
    return None


def block_lines(lines: list[str], block: SyntaxTreeNode) -> list[str]:
    """A block's source lines without their indent."""
    return [line.lstrip() for line in lines[slice(*span(block))]]


#: a RAID log's kinds of entry: risks, assumptions, issues, dependencies (or decisions)
_RAID_KINDS = frozenset(
    {"r", "a", "i", "d", "risk", "assumption", "issue", "dependency", "decision", "action"}
)
_RAID_RISKS = frozenset({"r", "risk"})
_KIND_COLUMNS = frozenset({"type", "kind", "category", "raid"})


def raid_column(headers: tuple[str, ...], rows: Sequence[TableRow]) -> int | None:
    """The column of a RAID log's kinds (``| ID | Type | Description |`` with ``R``,
    ``A``, ``I``, ``D``), where every row names one; only its risks are risks."""
    for index, header in enumerate(headers):
        if normal_header(header) not in _KIND_COLUMNS:
            continue
        kinds = {normal_header(row.cells[index].plain) for row in rows if index < len(row.cells)}
        if kinds and kinds <= _RAID_KINDS and kinds & _RAID_RISKS:
            return index
    return None


def raid_risk(kind: str) -> bool:
    """Whether a RAID log's kind of entry (``R``, ``Risk``) is a risk."""
    return normal_header(kind) in _RAID_RISKS
