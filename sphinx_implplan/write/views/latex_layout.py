"""View tables fitted to the printed page, for the LaTeX builder.

Sphinx sets a table without given widths in ``l`` columns that never wrap, so a
wide table runs off the page. Each view table here gets:

- the ``longtable`` class: it breaks across pages and repeats its header;
- column widths from its text: every column at least as wide as its longest word
  (an id never breaks: LaTeX wraps only at spaces), the room left shared by need;
- when even the longest words do not fit side by side (a matrix of many items),
  several tables of the columns that fit, each repeating the leading columns (the
  first, or as many as the table's ``LEAD_COLUMNS`` attribute says);
- when they do not fit in the views' type but would in the next smaller one
  (``\\footnotesize``), that type rather than several tables;
- its heat map and coverage colours as ``\\cellcolor`` (``implplan.sty``), and the
  heat map's cells framed, so that two cells of one band stay two;
- a table short enough for a page kept on one (``\\Needspace`` before it).

Widths are counted in monospaced characters of the views' type (``\\small``, as
set by ``implplan.sty``), the widest of the fonts a table shows; how many fit a
line depends on the engine's default font and the point size.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from docutils import nodes

from sphinx_implplan.write.views.table_nodes import MAX_COLUMN_WIDTH

#: ``\linewidth`` in points on A4 with Sphinx's margins, the narrower of its two
#: default papers
LINE_WIDTH = 453
#: ``\small`` for each of LaTeX's point sizes
SMALL_SIZE = {"10pt": 9.0, "11pt": 10.0, "12pt": 10.95}
#: ``\footnotesize``, the type of a table that does not fit in ``\small``
FOOTNOTE_SIZE = {"10pt": 8.0, "11pt": 9.0, "12pt": 10.0}
#: a monospaced character's width in ems: FreeMono (xelatex's default) is wider than
#: txtt (pdflatex) and Latin Modern Mono (lualatex)
MONO_EM = {"xelatex": 0.6}
DEFAULT_MONO_EM = 0.525
#: what a column spends on its padding and rule, in the same characters
PADDING = 3
#: the width a progress bar takes in its cell (``\implplanbarwidth``)
BAR = 7
#: the raw LaTeX of a progress bar (``progress.py``), the one raw a cell's width counts
BAR_MACRO = "\\implplanprogressbar"
#: a table at most this many lines high is kept on one page: about two thirds of a
#: page of ``\small`` type, so that a table moved to the next page leaves no page
#: nearly empty (a table of more lines breaks where the page ends)
KEEP_LINES = 36
#: the heat map, drawn as a grid of framed cells
GRID_CLASS = "implplan-risk-grid"
#: the attribute naming a table without a caption in its parts' captions
PART_NAME = "implplan_part_name"
#: the attribute giving how many leading columns every part repeats (default 1)
LEAD_COLUMNS = "implplan_lead_columns"
#: a table set in ``\footnotesize`` (``implplan.sty``)
TIGHT_CLASS = "implplan-tight"
#: where LaTeX may break a cell's line: spaces, not the no-break space of a progress
#: text (``progress.py``)
_BREAKS = re.compile(r"[ \t\r\n]+")

#: cell classes drawn as a background colour, and the colour's name in the package
CELL_COLOURS = {
    "implplan-band-high": "bandhigh",
    "implplan-band-medium": "bandmedium",
    "implplan-band-low": "bandlow",
    "implplan-covered-no": "coveredno",
}


def line_characters(engine: str, pointsize: str, *, tight: bool = False) -> int:
    """How many monospaced characters of the views' type fit across a line (of their
    smaller type with ``tight``)."""
    sizes = FOOTNOTE_SIZE if tight else SMALL_SIZE
    size = sizes.get(pointsize, sizes["10pt"])
    return int(LINE_WIDTH / (size * MONO_EM.get(engine, DEFAULT_MONO_EM)))


def _piece(node: nodes.Node) -> str:
    if isinstance(node, nodes.raw):
        # a bar counts; a cell's colour takes no room
        latex = "latex" in node.get("format", "") and node.astext().startswith(BAR_MACRO)
        return "#" * BAR if latex else ""
    return "" if isinstance(node.parent, nodes.raw) else str(node)


def _words(entry: nodes.entry) -> list[int]:
    """The widths of the unbreakable pieces of a cell: its words, a progress bar with
    the text it is tied to."""
    widths: list[int] = []
    for paragraph in entry.findall(nodes.paragraph):
        text = "".join(
            _piece(node)
            for node in paragraph.findall(lambda n: isinstance(n, (nodes.Text, nodes.raw)))
        )
        widths += [len(word) for word in _BREAKS.split(text) if word]
    return widths


def column_needs(table: nodes.table) -> tuple[list[int], list[int]]:
    """Per column: the width its longest word needs, and the width it would like (its
    longest text, up to the limit the text builder's columns have too)."""
    least: list[int] = []
    natural: list[int] = []
    for row in table.findall(nodes.row):
        for index, entry in enumerate(row.findall(nodes.entry)):
            if index == len(least):
                least.append(1)
                natural.append(1)
            words = _words(entry)
            length = sum(words) + max(len(words) - 1, 0)
            least[index] = max([least[index], *words])
            natural[index] = max(natural[index], least[index], min(length, MAX_COLUMN_WIDTH))
    return least, natural


def fitted_widths(least: Sequence[int], natural: Sequence[int], line: int) -> list[int]:
    """Widths for the columns within ``line``, or the least widths where even those
    do not fit (the caller splits such a table first)."""
    wanted = [width + PADDING for width in natural]
    if sum(wanted) <= line:
        return wanted
    floor = [width + PADDING for width in least]
    spare = line - sum(floor)
    extra = [n - m for n, m in zip(natural, least, strict=True)]
    total_extra = sum(extra)
    if spare <= 0 or not total_extra:
        return floor
    return [f + spare * e // total_extra for f, e in zip(floor, extra, strict=True)]


def column_groups(least: Sequence[int], line: int, lead: int = 1) -> list[list[int]]:
    """The columns split into groups that fit ``line``, each led by the first
    ``lead`` columns."""
    lead = max(1, min(lead, len(least)))
    key = sum(least[:lead]) + PADDING * lead
    groups: list[list[int]] = []
    current: list[int] = []
    used = key
    for column in range(lead, len(least)):
        width = least[column] + PADDING
        if current and used + width > line:
            groups.append(current)
            current, used = [], key
        current.append(column)
        used += width
    groups.append(current)
    return [[*range(lead), *group] for group in groups]


def _part(table: nodes.table, columns: Sequence[int], number: int, count: int) -> nodes.table:
    """A table of ``columns`` of ``table``, titled as part ``number`` of ``count``."""
    part = nodes.table(classes=list(table["classes"]))
    title = table.next_node(nodes.title)
    # an untitled table says which view and plan its parts are of (``PART_NAME``)
    caption = title.astext() if title is not None else table.get(PART_NAME, "")
    label = f"{caption} ({number} of {count})" if caption else f"Part {number} of {count}"
    part += nodes.title(label, label)
    source = table.next_node(nodes.tgroup)
    assert source is not None
    group = nodes.tgroup(cols=len(columns))
    part += group
    colspecs = list(source.findall(nodes.colspec))
    for column in columns:
        group += colspecs[column].deepcopy()
    for section in (nodes.thead, nodes.tbody):
        original = source.next_node(section)
        if original is None:
            continue
        copied = section()
        for row in original.findall(nodes.row):
            entries = list(row.findall(nodes.entry))
            copied.append(nodes.row("", *(entries[c].deepcopy() for c in columns)))
        group += copied
    return part


def _colour_cells(table: nodes.table) -> None:
    for entry in table.findall(nodes.entry):
        for cls in entry["classes"]:
            if cls in CELL_COLOURS:
                paragraph = entry.next_node(nodes.paragraph)
                if paragraph is None:
                    # an empty cell has none (``tables._entry``)
                    paragraph = nodes.paragraph()
                    entry.append(paragraph)
                colour = rf"\implplancellcolor{{{CELL_COLOURS[cls]}}}"
                paragraph.insert(0, nodes.raw("", colour, format="latex"))
                break


def _set_widths(
    table: nodes.table, least: Sequence[int], natural: Sequence[int], line: int
) -> None:
    widths = fitted_widths(least, natural, line)
    for colspec, width in zip(table.findall(nodes.colspec), widths, strict=True):
        colspec["colwidth"] = width
    table["classes"] += ["longtable", "colwidths-given"]


def _cell_lines(entry: nodes.entry, width: int) -> int:
    words = _words(entry)
    length = sum(words) + max(len(words) - 1, 0)
    return max(1, math.ceil(length / max(width - PADDING, 1)))


def table_lines(table: nodes.table) -> float:
    """About how many lines of its type a fitted table takes: its caption, and each
    row as high as its fullest cell, with the room a row takes above and below.
    Counted only until it is more than ``KEEP_LINES`` (a table of thousands of rows
    is not measured twice)."""
    widths = [spec["colwidth"] for spec in table.findall(nodes.colspec)]
    lines = 3.0 if table.next_node(nodes.title) is not None else 1.0
    for row in table.findall(nodes.row):
        entries = row.findall(nodes.entry)
        tallest = max((_cell_lines(e, w) for e, w in zip(entries, widths, strict=False)), default=1)
        lines += tallest + 0.5
        if lines > KEEP_LINES:
            break
    return lines


def fit_table(table: nodes.table, line: int, tight_line: int = 0) -> list[nodes.table]:
    """``table`` ready for the page: one table, or its column groups. A table too
    wide for ``line`` that fits ``tight_line`` (in the smaller type) is set in that
    type instead."""
    _colour_cells(table)
    if GRID_CLASS in table["classes"]:
        # Sphinx's style with rules around every cell; implplan.sty draws them white
        table["classes"] += ["standard", "nocolorrows"]
    # measured once: a part's columns need what they needed in the whole table
    least, natural = column_needs(table)
    lead = table.get(LEAD_COLUMNS, 1)
    groups = column_groups(least, line, lead)
    if tight_line and len(groups) > 1 and len(column_groups(least, tight_line, lead)) == 1:
        table["classes"].append(TIGHT_CLASS)
        line = tight_line
        groups = [list(range(len(least)))]
    if len(groups) == 1:
        _set_widths(table, least, natural, line)
        return [table]
    parts = []
    for number, columns in enumerate(groups, 1):
        part = _part(table, columns, number, len(groups))
        _set_widths(part, [least[c] for c in columns], [natural[c] for c in columns], line)
        parts.append(part)
    return parts


def _raw(latex: str) -> nodes.raw:
    return nodes.raw("", f"\n{latex}\n", format="latex")


def fit_to_page(drawn: Sequence[nodes.Node], line: int, tight_line: int = 0) -> list[nodes.Node]:
    """A view's nodes with each of its tables fitted to a line of ``line`` characters
    (``tight_line`` in the smaller type), a short one kept on one page."""
    fitted: list[nodes.Node] = []
    for node in drawn:
        if not isinstance(node, nodes.table):
            fitted.append(node)
            continue
        for table in fit_table(node, line, tight_line):
            lines = table_lines(table)
            if lines <= KEEP_LINES:
                # the table moves to the next page unless the rest of this one holds it
                fitted.append(_raw(rf"\Needspace{{{math.ceil(lines)}\baselineskip}}"))
            if TIGHT_CLASS in table["classes"]:
                fitted += [_raw(r"\begingroup\footnotesize"), table, _raw(r"\endgroup")]
            else:
                fitted.append(table)
    return fitted
