"""Merging a parallel reader's needs: of two items with one id, the one a serial
read keeps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from sphinx_needs.data import SphinxNeedsData

from sphinx_implplan.needs_bridge.access import NeedData

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class DroppedNeed:
    id: str
    type: str
    docname: str
    lineno: int | None


def _read_order(need: NeedData) -> tuple[str, int]:
    return (need["docname"] or "", need.get("lineno") or 0)


def drop_parallel_duplicates(
    env: BuildEnvironment,
    other: BuildEnvironment,
    docnames: frozenset[str],
    types: frozenset[str],
) -> list[DroppedNeed]:
    """Before sphinx-needs merges what a parallel reader read (``docnames``, into
    ``other``): of two needs of ``types`` with one id, keep the one a serial read
    keeps, the first in document order, and take the other out of both sides.

    sphinx-needs keeps whichever reader finished first, so the kept item, its
    page and the warning would change from one ``-j`` build to the next.
    """
    held_data, other_data = SphinxNeedsData(env), SphinxNeedsData(other)
    held = cast("dict[str, NeedData]", held_data._env_needs)
    incoming = cast("dict[str, NeedData]", other_data._env_needs)
    held_nodes, incoming_nodes = held_data._needs_all_nodes, other_data._needs_all_nodes
    dropped: list[DroppedNeed] = []
    for need_id in sorted(held.keys() & incoming.keys()):
        first, second = held[need_id], incoming[need_id]
        # a need the reader inherited from this environment is the same need
        if second["docname"] not in docnames or second["docname"] == first["docname"]:
            continue
        if first["type"] not in types or second["type"] not in types:
            continue
        if first["is_external"] or second["is_external"]:
            continue
        if _read_order(second) < _read_order(first):
            held[need_id] = second
            held_nodes.pop(need_id, None)
            if need_id in incoming_nodes:
                held_nodes[need_id] = incoming_nodes[need_id]
            first, second = second, first
        del incoming[need_id]
        incoming_nodes.pop(need_id, None)
        dropped.append(
            DroppedNeed(need_id, second["type"], second["docname"] or "", second.get("lineno"))
        )
    return dropped


#: the attributes of the environment where sphinx-needs keeps a mapping per need
_NEED_MAPPINGS = ("_needs_all_needs", "_needs_all_nodes")


def wrap_need_mappings(
    env: BuildEnvironment, wrap: Callable[[dict[Any, Any]], dict[Any, Any]]
) -> None:
    """Replace each of sphinx-needs' mappings of one entry per need with
    ``wrap(mapping)``, which holds the same entries. A release of sphinx-needs that
    keeps them elsewhere is left as it is: its readers then send back everything."""
    for name in _NEED_MAPPINGS:
        mapping = getattr(env, name, None)
        if isinstance(mapping, dict):
            setattr(env, name, wrap(mapping))
