"""A spec-kit Markdown file as markdown-it sees it: headings, paragraphs, list items and
tables, each with the lines it stands on.

Lines are counted from 0 here, on the text as markdown-it reads it (``\\r\\n`` and
``\\r`` end a line like ``\\n``); the file readers add 1 when they make a
:class:`~sphinx_implplan.speckit.records.Source`. A YAML front matter block at the
top is left out (its lines stay counted), and code and HTML blocks are never read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: CommonMark with GitHub's tables, as MyST reads a file
_PARSER = MarkdownIt("commonmark").enable("table")
#: the same for blocks only: a block's inline text is read where it is used
_BLOCKS = MarkdownIt("commonmark").enable("table").disable("inline")
#: what may make inline Markdown read otherwise than it is written
_MARKUP = re.compile(r"[*_`\[\]<>&\\!]")
_NEWLINE = re.compile(r"\r\n?|\n")
_FENCE = frozenset({"---", "..."})


def split_lines(text: str) -> list[str]:
    """The lines markdown-it reads: ``\\r\\n``, ``\\r`` and ``\\n`` end one, and NUL is
    replaced as markdown-it replaces it."""
    return _NEWLINE.split(text.replace("\0", "\ufffd"))


def front_matter_end(lines: list[str]) -> int:
    """The first line after a YAML front matter block at the top, or 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].strip() in _FENCE:
            return index + 1
    return 0


def plain(raw: str) -> str:
    """The text a reader sees of inline Markdown: marks and link targets gone, code
    kept, spaces collapsed."""
    if not raw.strip():
        return ""
    if not _MARKUP.search(raw):
        return " ".join(raw.split())
    parts: list[str] = []
    for token in _PARSER.parseInline(raw.strip()):
        for child in token.children or ():
            if child.type in {"text", "code_inline"}:
                parts.append(child.content)
            elif child.type in {"softbreak", "hardbreak"}:
                parts.append(" ")
    return " ".join("".join(parts).split())


@dataclass(frozen=True)
class Heading:
    index: int
    level: int
    line: int
    #: inline Markdown as written
    raw: str
    title: str
    #: the line where its section ends: the next heading of its level or higher
    end: int
    #: the heading whose section holds it
    parent: int | None


@dataclass(frozen=True)
class TextLine:
    line: int
    #: the line's text, list and quote markers left out
    text: str


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    lines: tuple[TextLine, ...]
    #: the innermost list item holding it
    item: int | None

    @property
    def text(self) -> str:
        return " ".join(part for part in (line.text.strip() for line in self.lines) if part)


@dataclass(frozen=True)
class ListItem:
    index: int
    start: int
    end: int
    ordered: bool
    #: every list opened by one list token shares one number
    list_id: int
    #: the list item holding its list
    parent: int | None
    #: the paragraph its text starts with, on its first line
    paragraph: Paragraph | None

    @property
    def text(self) -> str:
        return self.paragraph.text if self.paragraph is not None else ""


@dataclass(frozen=True)
class TableRow:
    line: int
    #: inline Markdown of each cell, as written
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    start: int
    end: int
    #: plain, lower-case header texts
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]


@dataclass
class Document:
    lines: list[str]
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: code and HTML blocks: ``(start, end)``
    hidden: list[tuple[int, int]] = field(default_factory=list)
    #: for each line, the innermost heading whose section holds it (or -1)
    innermost: list[int] = field(default_factory=list)
    #: the items of each list, and the first item starting on each line (made on use)
    lists: dict[int, list[ListItem]] = field(default_factory=dict)
    first_items: dict[int, ListItem] = field(default_factory=dict)
    #: the first line of each paragraph and item, in order
    paragraph_starts: list[int] = field(default_factory=list)
    item_starts: list[int] = field(default_factory=list)

    def heading_at(self, line: int) -> Heading | None:
        """The innermost heading whose section holds ``line`` (its own line included)."""
        if 0 <= line < len(self.innermost) and self.innermost[line] >= 0:
            return self.headings[self.innermost[line]]
        return None

    def headings_around(self, line: int) -> list[Heading]:
        """The headings whose sections hold ``line``, innermost first."""
        found: list[Heading] = []
        heading = self.heading_at(line)
        while heading is not None:
            found.append(heading)
            heading = None if heading.parent is None else self.headings[heading.parent]
        return found

    def within(self, heading: Heading | None, line: int) -> bool:
        """Whether ``line`` stands in the section of ``heading`` (the whole file for
        ``None``), its heading line aside."""
        return heading is None or heading.line < line < heading.end

    def paragraphs_in(self, heading: Heading) -> list[Paragraph]:
        """The paragraphs of the section of ``heading``, its subsections' included."""
        starts = self.paragraph_starts
        low, high = bisect_right(starts, heading.line), bisect_left(starts, heading.end)
        return self.paragraphs[low:high]

    def items_in(self, heading: Heading) -> list[ListItem]:
        """The list items of the section of ``heading``, its subsections' included."""
        starts = self.item_starts
        low, high = bisect_right(starts, heading.line), bisect_left(starts, heading.end)
        return self.items[low:high]

    def list_of(self, item: ListItem) -> list[ListItem]:
        """The items of the list ``item`` stands in."""
        self.list_after(item.start)
        return self.lists.get(item.list_id, [item])

    def list_after(self, line: int) -> list[ListItem]:
        """The items of the list that starts at ``line`` or after blank lines from it."""
        start = line
        while start < len(self.lines) and not self.lines[start].strip():
            start += 1
        if not self.lists:
            for item in self.items:
                self.lists.setdefault(item.list_id, []).append(item)
                self.first_items.setdefault(item.start, item)
        first = self.first_items.get(start)
        return [] if first is None else self.lists[first.list_id]

    def visible_lines(self, start: int, end: int) -> list[str]:
        """The source lines ``[start, end)``, those of code and HTML blocks left out."""
        hidden = {number for a, b in self.hidden for number in range(max(a, start), min(b, end))}
        return [
            self.lines[number]
            for number in range(max(start, 0), min(end, len(self.lines)))
            if number not in hidden
        ]


def _text_lines(inline: Token) -> tuple[TextLine, ...]:
    start, end = inline.map or (0, 1)
    parts = inline.content.split("\n")
    return tuple(
        TextLine(min(start + offset, max(end - 1, start)), part)
        for offset, part in enumerate(parts)
    )


def _add_headings(document: Document, found: list[tuple[int, int, str]]) -> None:
    line_count = len(document.lines)
    ends = [line_count] * len(found)
    parents: list[int | None] = [None] * len(found)
    open_headings: list[int] = []
    for index, (level, line, _) in enumerate(found):
        while open_headings and found[open_headings[-1]][0] >= level:
            ends[open_headings.pop()] = line
        parents[index] = open_headings[-1] if open_headings else None
        open_headings.append(index)
    for index, (level, line, raw) in enumerate(found):
        document.headings.append(
            Heading(index, level, line, raw, plain(raw), ends[index], parents[index])
        )
    innermost = [-1] * line_count
    for heading in document.headings:
        for number in range(heading.line, min(heading.end, line_count)):
            innermost[number] = heading.index
    document.innermost = innermost


def parse_document(text: str) -> Document:
    """The file ``text`` read into headings, paragraphs, list items and tables."""
    lines = split_lines(text)
    skipped = front_matter_end(lines)
    parsed = [""] * skipped + lines[skipped:]
    tokens = _BLOCKS.parse("\n".join(parsed))
    document = Document(lines)
    if skipped:
        document.hidden.append((0, skipped))
    headings: list[tuple[int, int, str]] = []
    open_items: list[int] = []
    list_ids: list[tuple[int, bool]] = []
    # items are made once every token is read, so that each knows its first paragraph
    pending: dict[int, tuple[int, int, bool, int, int | None]] = {}
    first_paragraph: dict[int, Paragraph] = {}
    order: list[int] = []
    table: _TableBuilder | None = None
    row: list[str] | None = None
    row_line = 0
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            inline = tokens[index + 1]
            start = (token.map or (0, 1))[0]
            headings.append((int(token.tag[1:]), start, inline.content))
        elif kind in {"bullet_list_open", "ordered_list_open"}:
            list_ids.append((index, kind == "ordered_list_open"))
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            if list_ids:
                list_ids.pop()
        elif kind == "list_item_open":
            number = len(order)
            order.append(number)
            start, end = token.map or (0, 1)
            list_id, ordered = list_ids[-1] if list_ids else (index, False)
            parent = open_items[-1] if open_items else None
            pending[number] = (start, end, ordered, list_id, parent)
            open_items.append(number)
        elif kind == "list_item_close":
            if open_items:
                open_items.pop()
        elif kind == "paragraph_open":
            inline = tokens[index + 1]
            start, end = token.map or (0, 1)
            item = open_items[-1] if open_items else None
            paragraph = Paragraph(start, end, _text_lines(inline), item)
            document.paragraphs.append(paragraph)
            if item is not None and item not in first_paragraph and pending[item][0] == start:
                first_paragraph[item] = paragraph
        elif kind in {"fence", "code_block", "html_block"}:
            start, end = token.map or (0, 1)
            document.hidden.append((start, end))
        elif kind == "table_open":
            table = _TableBuilder(*(token.map or (0, 1)))
        elif kind == "tr_open":
            row = []
            row_line = (token.map or (0, 1))[0]
        elif kind == "inline" and row is not None:
            row.append(token.content)
        elif kind == "tr_close" and table is not None and row is not None:
            table.add(row_line, row)
            row = None
        elif kind == "table_close" and table is not None:
            document.tables.append(table.built())
            table = None
    for number in order:
        start, end, ordered, list_id, parent = pending[number]
        document.items.append(
            ListItem(number, start, end, ordered, list_id, parent, first_paragraph.get(number))
        )
    _add_headings(document, headings)
    document.paragraph_starts = [paragraph.start for paragraph in document.paragraphs]
    document.item_starts = [item.start for item in document.items]
    return document


@dataclass
class _TableBuilder:
    start: int
    end: int
    headers: tuple[str, ...] | None = None
    rows: list[TableRow] = field(default_factory=list)

    def add(self, line: int, cells: list[str]) -> None:
        if self.headers is None:
            self.headers = tuple(" ".join(plain(cell).lower().split()) for cell in cells)
        else:
            self.rows.append(TableRow(line, tuple(cells)))

    def built(self) -> Table:
        return Table(self.start, self.end, self.headers or (), tuple(self.rows))
