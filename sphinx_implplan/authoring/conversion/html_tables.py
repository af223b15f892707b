"""Tables written in HTML inside a Markdown plan: a notebook's data frame exported to
Markdown (``<table class="dataframe">``), a wiki page saved as Markdown, a README
that needed merged cells. Markdown shows them as they are; the converter reads the
one table of an HTML block as it reads a Markdown table, by its column names, and
keeps the HTML as written. A data frame's missing values (``NaN``, ``NaT``) are
empty cells, and its whole floats (``3.0``) whole numbers.

The standard library's HTML parser reads it: it takes any text without raising, and
a block that holds no table, or more than one, is no table here. Merged cells are
laid out on the grid they cover: a header over two columns (``colspan``) names both
until a header row under it names them apart, and a cell over two rows
(``rowspan``) names its column in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.markdown import Table, TableRow, Text, span, table

_CELLS = frozenset({"td", "th"})
#: how a data frame writes a missing value
_MISSING = frozenset({"NaN", "NaT", "None", "<NA>", "nan"})
#: a whole number a data frame of floats writes with its decimal point: ``3.0``
_WHOLE_FLOAT = re.compile(r"(\d+)\.0+")
#: the most rows or columns a merged cell is taken to cover
_MOST_MERGED = 50


@dataclass
class _Row:
    #: its line in the block, from 0
    line: int
    #: whether the table's ``<thead>`` holds it
    in_head: bool
    #: each cell's text, and the columns and rows it covers
    cells: list[tuple[str, int, int]] = field(default_factory=list)
    only_header_cells: bool = True


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables = 0
        self.rows: list[_Row] = []
        self._in_head = False
        self._cell: list[str] | None = None
        self._spans = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
        elif tag in {"thead", "tbody"}:
            self._in_head = tag == "thead"
        elif tag == "tr":
            self.rows.append(_Row(self.getpos()[0] - 1, self._in_head))
        elif tag in _CELLS and self.rows:
            self._cell = []
            found = dict(attrs)
            self._spans = (_count(found.get("colspan")), _count(found.get("rowspan")))
            self.rows[-1].only_header_cells &= tag == "th"

    def handle_endtag(self, tag: str) -> None:
        if tag in _CELLS and self._cell is not None and self.rows:
            text = " ".join("".join(self._cell).split())
            self.rows[-1].cells.append((text, *self._spans))
            self._cell = None
        elif tag == "thead":
            self._in_head = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _count(value: str | None) -> int:
    """A ``colspan`` or ``rowspan`` as a count of at least 1 and at most
    :data:`_MOST_MERGED`; anything else (``"x"``, ``"\u00b2"``, a thousand digits) 1."""
    digits = (value or "").strip()
    if not (digits.isdecimal() and len(digits) <= len(str(_MOST_MERGED))):
        return 1
    return min(max(int(digits), 1), _MOST_MERGED)


def _grid(rows: list[_Row], heads: int) -> list[list[str]]:
    """Each row's text per column, a merged cell's text in every column it covers and,
    in the first ``heads`` rows (the header), every row; in the body only in its first,
    as a reader reads it."""
    grid: list[list[str]] = []
    # the columns the cells of rows above take in each row below, and their text
    below: dict[int, dict[int, str]] = {}
    for number, row in enumerate(rows):
        header = number < heads
        laid = below.pop(number, {})
        column = 0
        for text, columns, down in row.cells:
            while column in laid:
                column += 1
            for step in range(columns):
                laid[column + step] = text if step == 0 or header else ""
                for lower in range(number + 1, number + down):
                    below.setdefault(lower, {})[column + step] = text if header else ""
            column += columns
        grid.append([laid.get(index, "") for index in range(max(laid, default=-1) + 1)])
    return grid


def html_table(block: SyntaxTreeNode) -> Table | None:
    """The one table of an HTML block, its header the rows of its ``<thead>`` or, where
    it has none, its first rows of header cells only (else its first row); ``None``
    where the block holds no table, or more than one."""
    if block.type != "html_block" or "<table" not in block.content.lower():
        return None
    parsed = _Rows()
    parsed.feed(block.content)
    parsed.close()
    if parsed.tables != 1 or len(parsed.rows) < 2:
        return None
    rows = parsed.rows
    heads = max(1, min(_header_rows(rows), len(rows) - 1))
    grid = _grid(rows, heads)
    headers: list[str] = []
    for cells in grid[:heads]:
        # a lower header row names apart what one above it names together
        width = max(len(headers), len(cells))
        headers = [_at(cells, index) or _at(headers, index) for index in range(width)]
    start, end = span(block)
    body = tuple(
        TableRow(start + row.line, tuple(Text.parse(_escaped(_value(text))) for text in cells))
        for row, cells in zip(rows[heads:], grid[heads:], strict=True)
    )
    return Table(start, end, tuple(headers), body, as_written=True)


def _header_rows(rows: list[_Row]) -> int:
    """How many rows its ``<thead>`` holds, or where it has none, how many rows of
    header cells only it starts with."""
    in_head = next((n for n, row in enumerate(rows) if not row.in_head), len(rows))
    if in_head:
        return in_head
    return next((n for n, row in enumerate(rows) if not row.only_header_cells), len(rows))


def _at(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def any_table(block: SyntaxTreeNode) -> Table | None:
    """A Markdown table, or the one table of an HTML block."""
    return table(block) if block.type == "table" else html_table(block)


def _value(cell: str) -> str:
    """A cell as a data frame meant it: a missing value is an empty cell, ``3.0`` is 3."""
    if cell in _MISSING:
        return ""
    whole = _WHOLE_FLOAT.fullmatch(cell)
    return whole.group(1) if whole is not None else cell


def _escaped(text: str) -> str:
    """The cell's text as Markdown that shows it as it is."""
    return "".join(f"\\{char}" if char in "\\`*_[]<>" else char for char in text)
