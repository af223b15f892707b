"""The text of ``implplan.json``: readable, deterministic and quick to write.

Python's encoder indents in pure Python, one call per value, which took 0.3 to 0.6 s
a build for the report of 3,000 requirements. Here only the outer levels are
indented, by hand, and each record (one requirement, one phase, one plan's
coverage, ...) is written on one line by the C encoder:

- an object at the top two levels (the report, ``plans``, ``requirements``,
  ``scopes``) has one key a line;
- deeper, an object that holds an object or a list of objects (a plan) has one
  key a line too, and a list of objects (a plan's phases) one object a line;
- anything else is written on one line: ``{"docname": "spec", "title": "..."}``,
  ``["PR_1", "PR_2"]``.

Keys are sorted at every level and nothing is escaped that need not be, so the same
data gives the same bytes; ``json.loads`` reads back exactly the data written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeGuard

#: one value on one line, by the C encoder
_ONE_LINE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": ")).encode

#: objects this shallow always have one key a line
_OPEN_DEPTH = 2


def _records(value: object) -> TypeGuard[list[Mapping[str, Any]]]:
    """A non-empty list of objects."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(entry, Mapping) for entry in value)
    )


def _open(value: Mapping[str, Any], depth: int) -> bool:
    return bool(value) and (
        depth < _OPEN_DEPTH
        or any(isinstance(entry, Mapping) or _records(entry) for entry in value.values())
    )


def _write(value: object, depth: int, out: list[str]) -> None:
    inner = "\n" + "  " * (depth + 1)
    if isinstance(value, Mapping) and _open(value, depth):
        separator = "{"
        for key in sorted(value):
            out.append(f"{separator}{inner}{_ONE_LINE(key)}: ")
            _write(value[key], depth + 1, out)
            separator = ","
        out.append("\n" + "  " * depth + "}")
    elif _records(value):
        entries = ",".join(inner + _ONE_LINE(entry) for entry in value)
        out.append("[" + entries + "\n" + "  " * depth + "]")
    else:
        out.append(_ONE_LINE(value))


def dump_json(data: object) -> str:
    """``data`` (string keys only) as the text of a report file, with a final newline."""
    out: list[str] = []
    _write(data, 0, out)
    out.append("\n")
    return "".join(out)
