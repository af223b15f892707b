"""A small Sphinx extension used only by this documentation.

``implplan-warnings-table``
    The table of warning types, generated from
    :class:`sphinx_implplan.diagnostics.Subtype`, so that the page always lists
    exactly what the extension emits.

``implplan-config-table``
    The settings of the extension, their defaults and what they do, generated
    from :data:`sphinx_implplan.config.CONFIG_VALUES`.

``implplan-columns-table``
    The columns ``impl-table`` can show for each item type, with their headers and
    the default set, generated from :mod:`sphinx_implplan.plan.columns`.

``live-example``
    Shows its MyST content as a code block and renders the same content under
    it, so that every example on a page is the very source of the card beside it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_implplan.config import CONFIG_VALUES
from sphinx_implplan.diagnostics import WARNING_TYPE, Subtype
from sphinx_implplan.plan.columns import columns_for
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata, OptionSpec

#: the only markup the descriptions use: ``literal`` text
_LITERAL = re.compile(r"``(.+?)``")


def inline_nodes(text: str) -> list[nodes.Node]:
    """``text`` as inline nodes, its double back-quoted parts as literals."""
    result: list[nodes.Node] = []
    for index, part in enumerate(_LITERAL.split(text)):
        if index % 2:
            result.append(nodes.literal(part, part))
        elif part:
            result.append(nodes.Text(part))
    return result


def table_row(*cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", nodes.paragraph("", "", *cell))
    return row


def generated_table(
    directive: SphinxDirective, columns: list[tuple[str, int]], rows: list[nodes.row]
) -> list[nodes.Node]:
    """A table of ``rows`` under ``columns`` (header, relative width)."""
    tgroup = nodes.tgroup(cols=len(columns))
    for _, width in columns:
        tgroup += nodes.colspec(colwidth=width)
    tgroup += nodes.thead("", table_row(*([nodes.Text(header)] for header, _ in columns)))
    tgroup += nodes.tbody("", *rows)
    table = nodes.table("", tgroup)
    directive.set_source_info(table)
    return [table]


class WarningsTable(SphinxDirective):
    """``implplan-warnings-table``: every warning type and when it is emitted."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {}

    def run(self) -> list[nodes.Node]:
        rows = []
        for subtype in Subtype:
            name = f"{WARNING_TYPE}.{subtype.value}"
            rows.append(table_row([nodes.literal(name, name)], inline_nodes(subtype.description)))
        return generated_table(self, [("Warning type", 30), ("Emitted when", 70)], rows)


class ConfigTable(SphinxDirective):
    """``implplan-config-table``: every ``implplan_*`` setting, its default and use."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {}

    def run(self) -> list[nodes.Node]:
        rows = []
        for value in CONFIG_VALUES:
            default = repr(value.default)
            rows.append(
                table_row(
                    [nodes.literal(value.name, value.name)],
                    [nodes.literal(default, default)],
                    inline_nodes(value.help),
                )
            )
        columns = [("Setting", 30), ("Default", 25), ("What it sets", 45)]
        return generated_table(self, columns, rows)


def literals(texts: list[str]) -> list[nodes.Node]:
    """``texts`` as literals separated by commas."""
    result: list[nodes.Node] = []
    for index, text in enumerate(texts):
        if index:
            result.append(nodes.Text(", "))
        result.append(nodes.literal(text, text))
    return result


class ColumnsTable(SphinxDirective):
    """``implplan-columns-table``: per item type, every column of ``impl-table``."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {}

    def run(self) -> list[nodes.Node]:
        rows = []
        for directive in sorted(ITEM_TYPES_BY_DIRECTIVE):
            columns = columns_for(directive)
            every: list[nodes.Node] = []
            for index, column in enumerate(columns.values()):
                if index:
                    every.append(nodes.Text(", "))
                every.append(nodes.literal(column.key, column.key))
                if column.header.lower() != column.key.replace("-", " "):
                    every += [nodes.Text(" ("), nodes.emphasis(column.header, column.header)]
                    every.append(nodes.Text(")"))
            rows.append(
                table_row(
                    [nodes.literal(directive, directive)],
                    every,
                    literals(list(ITEM_TYPES_BY_DIRECTIVE[directive].default_columns)),
                )
            )
        columns = [
            ("Item type", 18),
            ("Columns: key (header, where it differs)", 52),
            ("Default columns", 30),
        ]
        return generated_table(self, columns, rows)


class LiveExample(SphinxDirective):
    """``live-example``: the MyST source as a code block, then what it renders."""

    has_content = True
    option_spec: ClassVar[OptionSpec] = {}

    def run(self) -> list[nodes.Node]:
        source = "\n".join(self.content)
        code = nodes.literal_block(source, source, language="markdown")
        self.set_source_info(code)
        label = nodes.paragraph("", "", nodes.emphasis("Renders as:", "Renders as:"))
        rendered = nodes.container(classes=["live-example"])
        self.state.nested_parse(self.content, self.content_offset, rendered)
        return [code, label, rendered]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("implplan-warnings-table", WarningsTable)
    app.add_directive("implplan-config-table", ConfigTable)
    app.add_directive("implplan-columns-table", ColumnsTable)
    app.add_directive("live-example", LiveExample)
    # nothing is stored in the environment, so parallel reading and writing are safe
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
