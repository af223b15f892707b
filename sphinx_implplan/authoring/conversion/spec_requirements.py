"""The requirement ids a spec defines, read from its text, for the links
``implplan convert`` writes (:mod:`.requirement_links`).

Two forms are read, in any mix:

- sphinx-needs requirement directives with an ``:id:`` option, in MyST (a backtick,
  tilde or colon fence ``{req}``, its options as ``:id: REQ-1`` lines or a ``---``
  YAML block) or in reStructuredText (``.. req:: Title`` with an indented
  ``:id: REQ-1``), of the types ``req``, ``requirement`` and ``spec`` and any other
  the caller names;
- spec-kit definitions (``- **FR-001**: System MUST ...``), read by the spec-kit
  reader that ``impl-speckit`` uses.

The ids are kept as the spec writes them, the directives' first, each once.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from sphinx_implplan.speckit import read_feature_texts

#: the need types read as requirements, beside those the caller names
REQUIREMENT_TYPES = ("req", "requirement", "spec")

_MYST_START = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\s*\{([\w-]+)\}")
_RST_START = re.compile(r"^(\s*)\.\.\s+([\w-]+)::")
_OPTION = re.compile(r"^\s*:([\w-]+):(?:\s+(.*?))?\s*$")
_YAML_ID = re.compile(r"^\s*id\s*:\s*['\"]?(.*?)['\"]?\s*$")
#: what sphinx-needs takes as an id: no spaces, no commas
_ID = re.compile(r"[^\s,;'\"`]+")


def defined_ids(text: str, types: Collection[str] = ()) -> tuple[str, ...]:
    """Every requirement id ``text`` defines, directives first, in order, once each.
    Never raises."""
    wanted = {name.lower() for name in (*REQUIREMENT_TYPES, *types) if name}
    found = [*_directive_ids(text.splitlines(), wanted), *_speckit_ids(text)]
    return tuple(dict.fromkeys(found))


def _speckit_ids(text: str) -> list[str]:
    feature = read_feature_texts("spec", {"spec.md": text})
    return [requirement.id for requirement in feature.requirements]


def _directive_ids(lines: list[str], types: set[str]) -> list[str]:
    found: list[str] = []
    for number, line in enumerate(lines):
        myst = _MYST_START.match(line)
        if myst is not None and myst.group(1).lower() in types:
            given = _myst_id(lines, number + 1)
        else:
            rst = _RST_START.match(line)
            if rst is None or rst.group(2).lower() not in types:
                continue
            given = _rst_id(lines, number + 1, len(rst.group(1)))
        if given is not None and _ID.fullmatch(given):
            found.append(given)
    return found


def _myst_id(lines: list[str], start: int) -> str | None:
    """The ``:id:`` of the option lines after a MyST directive's first line, or the
    ``id`` of its ``---`` YAML block."""
    if start < len(lines) and lines[start].strip() == "---":
        for line in lines[start + 1 :]:
            if line.strip() == "---":
                return None
            match = _YAML_ID.match(line)
            if match is not None:
                return match.group(1)
        return None
    for line in lines[start:]:
        option = _OPTION.match(line)
        if option is None:
            return None
        if option.group(1) == "id":
            return option.group(2)
    return None


def _rst_id(lines: list[str], start: int, indent: int) -> str | None:
    """The ``:id:`` among the indented option lines after an rST directive's first
    line."""
    for line in lines[start:]:
        if not line.strip():
            return None
        if len(line) - len(line.lstrip()) <= indent:
            return None
        option = _OPTION.match(line)
        if option is None:
            continue  # the title runs on to a second line
        if option.group(1) == "id":
            return option.group(2)
    return None
