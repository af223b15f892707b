"""The plain Markdown plan as markdown-it sees it: sections, blocks, lists, tables.

Everything here keeps the source line numbers of what it describes, so that the
converter can replace exactly the lines it turns into directives and copy every
other line as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

#: CommonMark with GitHub's tables, as MyST reads a plan
_PARSER = MarkdownIt("commonmark").enable("table")
#: the same with YAML front matter, which MyST reads as the document's metadata, and
#: the admonitions other tools write (Pandoc and Quarto ``:::`` divs, MkDocs ``!!!``),
#: so that what they hold is known as theirs and a heading in one starts no section
_DOCUMENT_PARSER = (
    MarkdownIt("commonmark")
    .enable("table")
    .use(front_matter_plugin)
    .use(container_plugin, "div", validate=lambda params, *_: bool(params.strip()))
    .use(admon_plugin)
)
#: the node types of those admonitions: a ``:::`` div and a ``!!!`` admonition
ADMONITIONS = frozenset({"container_div", "admonition"})


def parse(text: str) -> SyntaxTreeNode:
    """The document's blocks; YAML front matter, when the text starts with it, is its
    first block (``front_matter``), not a heading."""
    return SyntaxTreeNode(_DOCUMENT_PARSER.parse(text))


def parse_inline(text: str) -> SyntaxTreeNode:
    """Inline Markdown only (a cell, a line's value): ``> x`` or ``- x`` stay text."""
    return SyntaxTreeNode(_PARSER.parseInline(text.strip())).children[0]


def span(node: SyntaxTreeNode) -> tuple[int, int]:
    """The source lines ``[start, end)`` of a block node."""
    start, end = node.map  # type: ignore[misc]
    return start, end


def plain_text(inline: SyntaxTreeNode) -> str:
    """The text a reader sees: emphasis marks and link targets gone, code kept."""
    parts: list[str] = []
    for node in inline.walk():
        if node.type in {"text", "code_inline"}:
            parts.append(node.content)
        elif node.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return " ".join("".join(parts).split())


def shown_text(inline: SyntaxTreeNode) -> str:
    """The plain text with inline code kept as written, backticks and all: what a title
    or a text option takes, so that ``Migrate `users` table`` keeps its code."""
    parts: list[str] = []
    for node in inline.walk():
        if node.type == "text":
            parts.append(node.content)
        elif node.type == "code_inline":
            code = node.content
            pad = " " if code.startswith("`") or code.endswith("`") else ""
            parts.append(f"{node.markup}{pad}{code}{pad}{node.markup}")
        elif node.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return " ".join("".join(parts).split())


#: a footnote reference, which MyST reads in a body but not in an option's value
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]+\]")


def is_rich(inline: SyntaxTreeNode) -> bool:
    """Whether the plain text loses something: a link target, an image, raw HTML, a
    footnote reference."""
    return any(
        node.type in {"link", "image", "html_inline"}
        or (node.type == "text" and _FOOTNOTE_REFERENCE.search(node.content) is not None)
        for node in inline.walk()
    )


def links(inline: SyntaxTreeNode) -> list[str]:
    return [str(node.attrs.get("href", "")) for node in inline.walk() if node.type == "link"]


@dataclass(frozen=True)
class Text:
    """A run of inline Markdown: what was written, and what a reader sees."""

    raw: str
    plain: str
    rich: bool

    @classmethod
    def of(cls, inline: SyntaxTreeNode) -> Text:
        return cls(inline.content.strip(), plain_text(inline), is_rich(inline))

    @classmethod
    def parse(cls, raw: str) -> Text:
        return cls.of(parse_inline(raw)) if raw.strip() else cls("", "", False)

    @property
    def shown(self) -> str:
        """:func:`shown_text` of the text: the plain text with its inline code."""
        return shown_text(parse_inline(self.raw)) if self.raw.strip() else self.plain


@dataclass
class Section:
    """A heading and what follows it up to the next heading of its level or higher."""

    level: int
    heading: SyntaxTreeNode | None
    #: blocks before the first subsection
    blocks: list[SyntaxTreeNode] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    end: int = 0

    @property
    def title(self) -> Text:
        if self.heading is None:
            return Text("", "", False)
        return Text.of(self.heading.children[0])

    @property
    def start(self) -> int:
        if self.heading is not None:
            return span(self.heading)[0]
        return span(self.blocks[0])[0] if self.blocks else 0

    @property
    def body_start(self) -> int:
        return span(self.heading)[1] if self.heading is not None else self.start

    @property
    def body_end(self) -> int:
        """Where the section's own blocks end: its first subsection, or its end."""
        return self.subsections[0].start if self.subsections else self.end

    def walk(self) -> Iterator[Section]:
        yield self
        for subsection in self.subsections:
            yield from subsection.walk()

    def nodes(self) -> Iterator[SyntaxTreeNode]:
        """The top-level blocks of the section in source order: its heading, its
        blocks, then those of its subsections, their headings included."""
        if self.heading is not None:
            yield self.heading
        yield from self.blocks
        for subsection in self.subsections:
            yield from subsection.nodes()


def sections(tree: SyntaxTreeNode, line_count: int) -> Section:
    """The document as a tree of sections under a root of level 0."""
    root = Section(level=0, heading=None, end=line_count)
    open_sections = [root]
    for block in tree.children:
        if block.type == "heading":
            level = int(block.tag[1])
            while open_sections[-1].level >= level:
                open_sections.pop().end = span(block)[0]
            section = Section(level=level, heading=block, end=line_count)
            open_sections[-1].subsections.append(section)
            open_sections.append(section)
        else:
            open_sections[-1].blocks.append(block)
    return root


@dataclass(frozen=True)
class ListItem:
    node: SyntaxTreeNode
    start: int
    end: int
    #: the item's first paragraph, or ``None`` when it starts with something else
    text: Text | None
    #: the item's number in an ordered list
    number: int | None


def list_items(block: SyntaxTreeNode, lines: list[str]) -> list[ListItem]:
    start_number = int(block.attrs.get("start", 1)) if block.type == "ordered_list" else None
    items = []
    for index, item in enumerate(block.children):
        first, last = span(item)
        while last > first + 1 and not lines[last - 1].strip():
            last -= 1  # a loose list's blank line belongs between items, not to one
        paragraph = item.children[0] if item.children else None
        text = (
            Text.of(paragraph.children[0])
            if paragraph is not None and paragraph.type == "paragraph"
            else _definition_text(lines[first:last])
            if paragraph is None
            else None
        )
        number = None if start_number is None else start_number + index
        items.append(ListItem(item, first, last, text, number))
    return items


def _definition_text(item_lines: list[str]) -> Text | None:
    """An item like ``- [Component 1]: [Description]`` holds only what Markdown reads
    as a link definition, and so no paragraph; the seed templates write items so.
    Its text is taken as written."""
    raw = item_lines[0][_content_indent(item_lines[0]) :].strip() if item_lines else ""
    if len(item_lines) != 1 or not raw.startswith("["):
        return None
    return Text(raw, raw, False)


def item_rest(item: ListItem, lines: list[str]) -> str:
    """An item's content after its first paragraph (nested lists, more paragraphs),
    moved left to where the item's text starts."""
    children = item.node.children
    if len(children) < 2:
        return ""
    rest_start = span(children[1])[0]
    indent = _content_indent(lines[item.start])
    rest = [_dedent(line, indent) for line in lines[rest_start : item.end]]
    return "".join(rest).strip("\n")


def _content_indent(first_line: str) -> int:
    """Columns before an item's text: its indent, marker and the spaces after."""
    stripped = first_line.lstrip(" ")
    indent = len(first_line) - len(stripped)
    marker_length = 0
    while marker_length < len(stripped) and stripped[marker_length].isdigit():
        marker_length += 1
    marker_length += 1  # "-", "*", "+", "." or ")"
    after = stripped[marker_length:]
    spaces = len(after) - len(after.lstrip(" "))
    return indent + marker_length + min(max(spaces, 1), 4)


def _dedent(line: str, columns: int) -> str:
    leading = len(line) - len(line.lstrip(" "))
    return line[min(leading, columns) :]


@dataclass(frozen=True)
class TableRow:
    line: int
    cells: tuple[Text, ...]


@dataclass(frozen=True)
class Table:
    start: int
    end: int
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    #: kept as written whatever its rows give: an HTML table (:mod:`.html_tables`)
    as_written: bool = False


def table(block: SyntaxTreeNode) -> Table:
    head = block.children[0]
    headers = tuple(plain_text(cell.children[0]) for cell in head.children[0].children)
    rows: list[TableRow] = []
    for section in block.children[1:]:
        for row in section.children:
            cells = tuple(Text.of(cell.children[0]) for cell in row.children)
            rows.append(TableRow(span(row)[0], cells))
    start, end = span(block)
    return Table(start, end, headers, tuple(rows))


def normal_header(text: str) -> str:
    """A column name as columns are matched: case, spaces and marks ignored."""
    return " ".join(text.lower().replace("*", " ").replace(":", " ").split())


def column_index(headers: tuple[str, ...], names: frozenset[str]) -> int | None:
    """The first column named one of ``names`` (already normalised)."""
    for index, header in enumerate(headers):
        if normal_header(header) in names:
            return index
    return None


@dataclass(frozen=True)
class Label:
    """A ``**Label**: value`` line: the label's words and the value as written."""

    name: str
    value: Text
    line: int


#: a line that is bold and nothing else: ``**Stage 1 \u2014 Survey**``
_BOLD_ONLY = re.compile(r"\*\*([^*]+)\*\*|__([^_]+)__")


def bold_only(raw_line: str) -> str | None:
    """The words of a line in bold alone, spaces folded; ``None`` for any other line."""
    match = _BOLD_ONLY.fullmatch(raw_line.strip())
    return " ".join((match.group(1) or match.group(2)).split()) if match else None


def label_line(raw_line: str, line_number: int) -> Label | None:
    """``**Goal**: Sync notes`` -> ``Label("goal", "Sync notes")``; ``None`` for a line
    of another shape. The label may end inside or after the bold part."""
    children = parse_inline(raw_line).children
    if len(children) >= 2 and children[0].type == "text" and not children[0].content:
        children = children[1:]
    if not children or children[0].type != "strong":
        return None
    strong = children[0]
    label = plain_text(strong)
    stripped = raw_line.strip()
    marker = strong.markup or "**"
    closing = stripped.find(marker, len(marker))
    if closing < 0:
        return None
    rest = stripped[closing + len(marker) :]
    if label.endswith(":"):
        label = label[:-1]
    elif rest.lstrip().startswith(":"):
        rest = rest.lstrip()[1:]
    else:
        return None
    return Label(normal_header(label), Text.parse(rest), line_number)


def paragraph_labels(block: SyntaxTreeNode, lines: list[str]) -> list[Label | None]:
    """Each source line of a paragraph as a label, or ``None`` where it is not one."""
    start, end = span(block)
    return [label_line(lines[number], number) for number in range(start, end)]
