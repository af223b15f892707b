"""Real docutils tables for the views, so every builder draws them (the LaTeX writer
too, which makes a ``longtable`` of a long one)."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

#: a cell: text, or nodes to put in its paragraph
Cell = str | Sequence[nodes.Node]


def _entry(cell: Cell, classes: Sequence[str] = ()) -> nodes.entry:
    # an empty cell stays empty: a traceability table of thousands of rows has
    # thousands of them, and every node costs time and memory in every builder
    if not cell:
        return nodes.entry("", classes=list(classes))
    if isinstance(cell, str):
        paragraph = nodes.paragraph("", cell)
    else:
        paragraph = nodes.paragraph("", "", *cell)
    return nodes.entry("", paragraph, classes=list(classes))


#: the widest a column gets in characters, in text and in LaTeX (``latex_layout``)
MAX_COLUMN_WIDTH = 40


def _cell_text(cell: Cell) -> str:
    if isinstance(cell, str):
        return cell
    # the text builder quotes each literal (an id): two more characters apiece
    quotes = sum(2 for node in cell for _ in node.findall(nodes.literal))
    return "".join(node.astext() for node in cell) + " " * quotes


def natural_widths(headers: Sequence[Cell], rows: Sequence[Sequence[Cell]]) -> list[int]:
    """Each column as wide as its longest text (up to a limit), and at least as wide
    as the longest word of its header, so that no header word is broken."""
    widths = []
    for column, header in enumerate(headers):
        words = _cell_text(header).split() or [""]
        longest = max((len(_cell_text(row[column])) for row in rows), default=0)
        widths.append(max(1, *(len(word) for word in words), min(longest, MAX_COLUMN_WIDTH)))
    return widths


def make_table(
    headers: Sequence[Cell],
    rows: Sequence[Sequence[Cell]],
    *,
    caption: str = "",
    classes: Sequence[str] = (),
    cell_classes: Sequence[Sequence[Sequence[str]]] | None = None,
    widths: Sequence[int] | None = None,
) -> nodes.table:
    """A table of ``headers`` and ``rows``; ``cell_classes[r][c]`` classes each cell."""
    # built from the leaves up: docutils looks for the document of each parent a
    # child is added to, and a parent not yet in a tree answers at once
    colspecs = [nodes.colspec(colwidth=width) for width in widths or natural_widths(headers, rows)]
    head = nodes.thead("", nodes.row("", *(_entry(header) for header in headers)))
    body = nodes.tbody(
        "",
        *(
            nodes.row(
                "",
                *(
                    _entry(cell, cell_classes[index][column] if cell_classes else ())
                    for column, cell in enumerate(row)
                ),
            )
            for index, row in enumerate(rows)
        ),
    )
    group = nodes.tgroup("", *colspecs, head, body, cols=len(headers))
    table = nodes.table("", classes=["implplan-table", *classes])
    if caption:
        table += nodes.title(caption, caption)
    table += group
    if widths:
        table["classes"].append("colwidths-given")
    return table


def sentence(text: str, *classes: str) -> nodes.paragraph:
    """A view's one-line statement (a coverage line, "nothing to show")."""
    return nodes.paragraph(text, text, classes=["implplan-view-note", *classes])
