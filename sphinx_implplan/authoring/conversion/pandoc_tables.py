"""Pandoc's own tables, as ``pandoc -t markdown`` writes a Word document's: a simple
table (a header line over dashes per column, its rows up to a blank line) or a
multiline one (the same between two full lines of dashes).

CommonMark knows neither: it reads the header over the column dashes as a heading
and a full line of dashes as a thematic break, so that a Word plan's phase ends at
its first table and the rest of the phase, its checklist included, falls outside it,
and the converted plan would hold headings and transitions inside a directive. The
converter indents each such table by four spaces before it reads the plan, line for
line: Markdown then shows it as written, in a fixed-width block, as Pandoc's plain
text has it.
"""

from __future__ import annotations

import re

#: the dashes under a header, one run per column: ``  ------ -----------``
_COLUMN_RULE = re.compile(r" {0,3}-{3,}(?: +-{3,})+ *\n?")
#: a multiline table's top and bottom line: dashes only, across the table
_BORDER = re.compile(r" {0,3}-{10,} *\n?")
_INDENT = "    "
#: a fenced code block's opening or closing line: what it holds is no table
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def _blank(line: str) -> bool:
    return not line.strip()


def _table_at(lines: list[str], rule: int) -> tuple[int, int] | None:
    """The first and last line of the table whose column rule is line ``rule``."""
    start = rule
    while start > 0 and not _blank(lines[start - 1]):
        start -= 1
        if _BORDER.fullmatch(lines[start]):
            break
    if start == rule:
        # a rule with no header over it is no table's
        return None
    bordered = _BORDER.fullmatch(lines[start]) is not None
    end = rule
    while end + 1 < len(lines):
        following = lines[end + 1]
        if bordered and _BORDER.fullmatch(following):
            return start, end + 1
        if not bordered and _blank(following):
            break
        end += 1
    # a multiline table never closed is taken to its last line, as Pandoc would not
    # have written it: none of it is a heading all the same
    return start, end


def indent_pandoc_tables(source: str) -> str:
    """``source`` with each Pandoc table indented by four spaces; as many lines."""
    lines = source.splitlines(keepends=True)
    ranges: list[tuple[int, int]] = []
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if opening is not None and (fence is None or opening.group(1).startswith(fence)):
            fence = None if fence is not None else opening.group(1)
            continue
        if fence is not None or (ranges and number <= ranges[-1][1]):
            continue
        if _COLUMN_RULE.fullmatch(line):
            found = _table_at(lines, number)
            if found is not None:
                ranges.append(found)
    for first, last in ranges:
        for number in range(first, last + 1):
            if not _blank(lines[number]):
                lines[number] = _INDENT + lines[number]
    return "".join(lines)


def two_column_rows(lines: list[str], first: int) -> list[tuple[int, str]]:
    """``(line number, "Label: value")`` for each row of a two-column Pandoc table
    (``Timeframe    1 February 2027 -- 30 April 2027``) among ``lines``, which start
    at line ``first``: a Word plan's table of a phase's particulars, read as the
    label lines it stands for. A line with an empty first column goes on with the
    value above it (a multiline table's cell); any other table gives none."""
    rule = next(
        (index for index, line in enumerate(lines) if _COLUMN_RULE.fullmatch(line.lstrip())),
        None,
    )
    if rule is None:
        return []
    columns = [match.start() for match in re.finditer(r"-+", lines[rule])]
    if len(columns) != 2:
        return []
    second = columns[1]
    rows: list[tuple[int, str]] = []
    for index in range(rule + 1, len(lines)):
        line = lines[index].rstrip("\n")
        if _blank(line) or _BORDER.fullmatch(line.lstrip()):
            continue
        label, value = line[:second].strip(), line[second:].strip()
        if label:
            rows.append((first + index, f"{label}: {value}"))
        elif rows and value:
            number, text = rows[-1]
            rows[-1] = (number, f"{text} {value}")
    return rows
