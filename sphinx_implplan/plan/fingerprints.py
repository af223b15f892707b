"""The fingerprint of a need: a SHA-256 digest of what its author wrote, so that an
approval can tell later whether the need changed. No Sphinx imports.

A fingerprint covers the need's type, title, body (sphinx-needs' ``content``, the
text as written), status, tags, the project's fields that hold a value (the
extension's options among them) and its outgoing links by link type. It leaves out
everything that says where the need stands or how it is shown (its document, line,
section, layout, style) and what is computed from the rest: a risk's score and band,
a phase's deliverable counts and share done (its body, which holds the checkboxes,
is covered), and a phase's dates where the schedule works them out (the dates as
written are covered instead, see :func:`need_fingerprint`'s ``written``).

The digest is of canonical JSON (sorted keys, ASCII, no spaces), with line endings
made ``\\n``, white space at the end of each line and blank lines around the body
dropped, and empty values left out; so two builds, serial or parallel, incremental
or clean, on any Python or Sphinx, give the same digest for the same text, and a
field a new release adds, empty on every need, changes no fingerprint.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from sphinx_implplan.plan.itemtypes import COMPUTED_FIELDS

#: the fields the extension computes from others, never written: left out. ``plan``
#: stays, as it names the plan an item belongs to
COMPUTED: Final = frozenset(COMPUTED_FIELDS.keys() - {"plan"} | {"completion"})

#: the length of a fingerprint: a SHA-256 digest in lowercase hexadecimal
FINGERPRINT_LENGTH: Final = 64


@dataclass(frozen=True)
class FingerprintFields:
    """Which fields of a need its fingerprint reads, besides type, title, body,
    status and tags: the project's fields (sphinx-needs' extra fields) and the link
    types an author writes."""

    fields: tuple[str, ...]
    links: tuple[str, ...]


def normalised_text(text: str) -> str:
    """``text`` with ``\\n`` line endings, no white space at the end of a line and no
    blank lines at its start or end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def _canonical(value: Any) -> Any:
    """``value`` as plain JSON, or ``None`` for an empty one."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return normalised_text(value).strip() or None
    if isinstance(value, list | tuple):
        items = [_canonical(item) for item in value]
        return [item for item in items if item is not None] or None
    if isinstance(value, Mapping):
        pairs = {str(key): _canonical(item) for key, item in value.items()}
        return {key: item for key, item in pairs.items() if item is not None} or None
    return _canonical(str(value))


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return []
    return sorted({text for item in value if (text := str(item).strip())})


def base_id(target: str) -> str:
    """The need a link names: ``ID.part`` names a part of need ``ID``."""
    return target.partition(".")[0]


def linked_ids(need: Mapping[str, Any], link_names: Iterable[str]) -> tuple[str, ...]:
    """The ids of the needs ``need`` links to by any of ``link_names``, each once."""
    return tuple(
        sorted({base_id(target) for name in link_names for target in _texts(need.get(name))})
    )


def need_fingerprint(
    need: Mapping[str, Any],
    chosen: FingerprintFields,
    written: Mapping[str, Any] | None = None,
) -> str:
    """The fingerprint of ``need`` (a mapping of its fields, as sphinx-needs gives
    them); ``written``: values as the author wrote them, where the need now holds
    values the build worked out (a phase's scheduled dates)."""
    fields = {name: need.get(name) for name in chosen.fields if name not in COMPUTED}
    if written is not None:
        fields.update(written)
    record = {
        "type": _canonical(need.get("type")),
        "title": _canonical(need.get("title")),
        "body": _canonical(need.get("content")),
        "status": _canonical(need.get("status")),
        "tags": _texts(need.get("tags")),
        "fields": _canonical(fields),
        "links": {name: ids for name in chosen.links if (ids := _texts(need.get(name)))},
    }
    return fingerprint_of(record)


def fingerprint_of(record: Mapping[str, Any]) -> str:
    """The SHA-256 digest of ``record`` as canonical JSON."""
    text = json.dumps(record, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def is_fingerprint(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) == FINGERPRINT_LENGTH
        and all(char in "0123456789abcdef" for char in value)
    )
