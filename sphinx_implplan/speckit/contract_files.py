"""contracts/*.md: the endpoints they describe.

An endpoint is written ``METHOD /path`` (``METHOD`` one of the HTTP methods, in
capitals) as a heading (``### POST /auth/links``), as a code span anywhere in the text
or a table (`` `GET /exports/{id}` ``), or at the start of a line or list item; or
it is a table row with a Method column and a Path (Endpoint, Route, URL) column. Its
description is what follows it on its line or heading, else the first paragraph
under its heading, else a Description column. An endpoint written twice in the
contracts is kept where it is first written. Code blocks are not read, so the
requests and responses they show add nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sphinx_implplan.plan.values import METHODS
from sphinx_implplan.speckit.markdown_blocks import Document, Heading, Table, plain
from sphinx_implplan.speckit.records import Endpoint, Source

_METHOD = "|".join(METHODS)
_AT_START = re.compile(rf"^\W*?(?:[0-9]{{1,3}}[.)]\s*)?({_METHOD})\s+(/[^\s`]*)(.*)$", re.DOTALL)
_IN_CODE = re.compile(rf"`\s*({_METHOD})\s+(/[^\s`]*)\s*`")
_SEPARATORS = " \t:-\u2013\u2014|"
_PATH_END = ".,;:)"


def _path(raw: str) -> str:
    """The path as written, without a query string or closing punctuation."""
    return raw.split("?", 1)[0].rstrip(_PATH_END) or "/"


def _description(rest: str) -> str | None:
    return rest.strip().lstrip(_SEPARATORS).strip() or None


def _first_paragraph(document: Document, heading: Heading) -> str | None:
    following = heading.index + 1
    stop = heading.end
    if following < len(document.headings) and document.headings[following].line < stop:
        stop = document.headings[following].line
    for paragraph in document.paragraphs_in(heading):
        if paragraph.start < stop and paragraph.item is None:
            return paragraph.text or None
    return None


def _from_headings(document: Document, file: str) -> Iterator[Endpoint]:
    for heading in document.headings:
        match = _AT_START.match(heading.title)
        if match is None:
            continue
        method, path, rest = match.groups()
        description = _description(rest) or _first_paragraph(document, heading)
        yield Endpoint(method, _path(path), description, Source(file, heading.line + 1))


def _from_lines(document: Document, file: str) -> Iterator[Endpoint]:
    for paragraph in document.paragraphs:
        for text_line in paragraph.lines:
            text = text_line.text
            source = Source(file, text_line.line + 1)
            start = _AT_START.match(text) if "`" not in text.split(" ", 2)[0] else None
            if start is not None:
                method, path, rest = start.groups()
                yield Endpoint(method, _path(path), _description(rest), source)
                continue
            for match in _IN_CODE.finditer(text):
                rest = text[match.end() :]
                yield Endpoint(match.group(1), _path(match.group(2)), _description(rest), source)


def _column(table: Table, *words: str) -> int | None:
    return next(
        (i for i, header in enumerate(table.headers) if header.startswith(words)),
        None,
    )


def _from_tables(document: Document, file: str) -> Iterator[Endpoint]:
    for table in document.tables:
        method = _column(table, "method", "verb")
        path = _column(table, "path", "endpoint", "route", "url", "uri")
        about = _column(table, "description", "purpose", "summary", "what")
        for row in table.rows:
            cells = [plain(cell) for cell in row.cells]
            source = Source(file, row.line + 1)
            description = (
                row.cells[about].strip() or None
                if about is not None and about < len(cells)
                else None
            )
            if method is not None and path is not None and max(method, path) < len(cells):
                verb, route = cells[method].strip().upper(), cells[path].strip()
                if verb in METHODS and route.startswith("/"):
                    yield Endpoint(verb, _path(route.split()[0]), description, source)
                    continue
            for cell in row.cells:
                for match in _IN_CODE.finditer(cell):
                    yield Endpoint(match.group(1), _path(match.group(2)), description, source)


def read_contract(document: Document, file: str) -> list[Endpoint]:
    """The endpoints of one contract file, in the order of their lines."""
    found = [
        *_from_headings(document, file),
        *_from_lines(document, file),
        *_from_tables(document, file),
    ]
    return sorted(found, key=lambda endpoint: endpoint.source.line)


def unique(endpoints: list[Endpoint]) -> list[Endpoint]:
    """Each method and path once, where it is first written."""
    seen: set[tuple[str, str]] = set()
    kept: list[Endpoint] = []
    for endpoint in endpoints:
        key = (endpoint.method, endpoint.path)
        if key not in seen:
            seen.add(key)
            kept.append(endpoint)
    return kept
