"""Tables whose rows become items (components, decisions, risks, metrics, stack,
changelog, timeline): columns found by name, in any order and any case.

A row becomes an item when it has a title and every required option is valid; the
other rows stay in the table as written. A cell no option takes, or whose value the
option does not accept, goes to the item's body as ``**Column**: value``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, add_fields, set_title_text
from sphinx_implplan.authoring.conversion.markdown import Table, TableRow, Text, normal_header
from sphinx_implplan.authoring.myst_writer import Directive


@dataclass(frozen=True)
class Column:
    option: str
    names: frozenset[str]
    check: checks.Check = checks.text

    @classmethod
    def of(cls, option: str, *names: str, check: checks.Check = checks.text) -> Column:
        return cls(option, frozenset(names), check)


@dataclass(frozen=True)
class TableShape:
    directive: str
    #: column names of the title
    title: frozenset[str]
    options: tuple[Column, ...] = ()
    #: columns whose text is the body's first paragraph (a decision's rationale)
    body: frozenset[str] = frozenset()
    required: tuple[str, ...] = ()
    #: ids from the title (``CMP_ONS_SYNC``) rather than numbered (``RISK_ONS_2``)
    named_ids: bool = False
    #: more options every item of the table gets
    fixed: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    #: the option the title's cell also gives when no column does (a decision table
    #: of Decision and Rationale: the decision is the choice)
    title_option: str | None = None


_PARENTHESISED = re.compile(r"\([^)]*\)")
#: words a header may add to a column's name: ``Current value``, ``Target (Q3)``
_HEADER_EXTRAS = frozenset({"value", "values", "state", "level", "today", "now"})


def _loose_header(header: str) -> str:
    """A header without a remark in parentheses and without the words that only
    qualify it: ``target`` from ``Target value (Q3)``."""
    words = normal_header(_PARENTHESISED.sub(" ", header)).split()
    kept = [word for word in words if word not in _HEADER_EXTRAS] or words
    return " ".join(kept)


def _find(
    headers: tuple[str, ...], names: frozenset[str], taken: set[int], loose: bool | None = None
) -> int | None:
    """The first column named one of ``names``; else (or with ``loose``, only) the
    first whose name is one of them once qualifiers are dropped (``Current value``,
    ``Success metric``)."""
    if not loose:
        for index, header in enumerate(headers):
            if index not in taken and normal_header(header) in names:
                return index
    if loose is False:
        return None
    for index, header in enumerate(headers):
        bare = _loose_header(header)
        if index not in taken and (bare in names or bare.rpartition(" ")[2] in names):
            return index
    return None


def has_title_column(table: Table, shape: TableShape) -> bool:
    return _find(table.headers, shape.title, set()) is not None


@dataclass(frozen=True)
class _Layout:
    """Which column of one table is the title, the body and each option."""

    table: Table
    shape: TableShape
    title: int
    options: tuple[tuple[Column, int], ...]
    body: int | None

    @classmethod
    def of(cls, table: Table, shape: TableShape) -> _Layout | None:
        taken: set[int] = set()
        title = _find(table.headers, shape.title, taken)
        if title is None:
            return None
        taken.add(title)
        found: dict[Column, int] = {}
        # columns named exactly first, so a qualified name takes only what is left
        for loose in (False, True):
            for column in shape.options:
                index = (
                    None if column in found else _find(table.headers, column.names, taken, loose)
                )
                if index is not None:
                    taken.add(index)
                    found[column] = index
        options = [(column, found[column]) for column in shape.options if column in found]
        if shape.title_option is not None and all(c.option != shape.title_option for c in found):
            options.insert(0, (Column.of(shape.title_option), title))
        body = _find(table.headers, shape.body, taken)
        return cls(table, shape, title, tuple(options), body)

    def used(self) -> set[int | None]:
        return {self.title, self.body, *(index for _, index in self.options)}


def convert_table(
    conversion: Conversion,
    table: Table,
    shape: TableShape,
    *,
    then: Sequence[Directive] = (),
) -> list[Directive]:
    """Replace the table by the rows kept (a smaller table), its rows' items and
    ``then`` (a view), when any row made an item."""
    layout = _Layout.of(table, shape)
    if layout is None:
        conversion.note(table.start, f"table kept: no column named {_names(shape.title)}")
        return []
    directives: list[Directive] = []
    kept_rows: list[TableRow] = []
    for row in table.rows:
        directive = _row_item(conversion, layout, row)
        if directive is None:
            kept_rows.append(row)
        else:
            directives.append(directive)
    if directives:
        kept = kept_table(conversion.lines, table, kept_rows)
        conversion.replace(table.start, table.end, [*directives, *then], keep=kept)
    return directives


def kept_table(lines: list[str], table: Table, rows: Sequence[TableRow]) -> str:
    """The header and delimiter lines as written, then ``rows``; nothing without rows."""
    if not rows:
        return ""
    return "".join([lines[table.start], lines[table.start + 1], *(lines[row.line] for row in rows)])


def _cell(row: TableRow, index: int) -> Text:
    return row.cells[index] if index < len(row.cells) else Text("", "", False)


def _row_item(conversion: Conversion, layout: _Layout, row: TableRow) -> Directive | None:
    shape, headers = layout.shape, layout.table.headers
    title = _cell(row, layout.title)
    if not title.plain:
        return None
    values: list[tuple[str, str]] = []
    leftovers: list[tuple[str, Text]] = []
    for column, index in layout.options:
        cell = _cell(row, index)
        if not cell.raw:
            continue
        # a link in a cell is kept as written; only plain text options take it too
        value = (
            None
            if cell.rich and column.check is not checks.text
            else column.check(cell.shown if column.check is checks.text else cell.plain)
        )
        if value is None:
            leftovers.append((headers[index], cell))
            if column.option in shape.required:
                conversion.note(
                    row.line,
                    f"{shape.directive} {title.plain!r} kept as a table row: "
                    f"{headers[index]} {cell.plain!r} is not a valid :{column.option}:",
                )
                return None
            continue
        values.append((column.option, value))
        if cell.rich and index != layout.title:  # a rich title goes to the body below
            leftovers.append((headers[index], cell))
    given = {option for option, _ in values}
    missing = [option for option in shape.required if option not in given]
    if missing:
        conversion.note(
            row.line, f"{shape.directive} {title.plain!r} kept as a table row: no :{missing[0]}:"
        )
        return None
    item_id = (
        conversion.ids.named(shape.directive, title.plain)
        if shape.named_ids
        else conversion.ids.numbered(shape.directive)
    )
    directive = conversion.item(shape.directive, title.shown, item_id)
    for option, value in (*shape.fixed, *values):
        directive.option(option, value)
    if layout.body is not None and _cell(row, layout.body).raw:
        directive.body = _cell(row, layout.body).raw
    set_title_text(directive, headers[layout.title], title)
    used = layout.used()
    leftovers += [
        (headers[index], cell)
        for index, cell in enumerate(row.cells)
        if index not in used and index < len(headers)
    ]
    add_fields(directive, leftovers)
    return directive


def _names(names: frozenset[str]) -> str:
    return " or ".join(sorted(names))
