"""Items left out because another need already has their id: the same in every build.

sphinx-needs refuses a need whose id is taken. The extension keeps, per document,
each item left out that way and warns about it once every document is read, naming
the need that kept the id, so that:

- a serial and a parallel build keep the same item (the first in document order)
  and give the same warning;
- an incremental build that does not read the document again still warns;
- when the need that kept the id changes or goes, the documents whose items were
  left out are read again, and one of them may now take the id;
- an item moved to a document read earlier does not meet its old self: the needs
  of every document to be read are taken out before the first is read, as a
  parallel read does (``needs_bridge``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sphinx_implplan import needs_bridge
from sphinx_implplan.diagnostics import Subtype, at_source, warn
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE
from sphinx_implplan.read.domain import get_domain

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.needs_bridge import NeedData


class LeftOut(NamedTuple):
    id: str
    line: int | None
    directive: str
    #: the included file the line is in (absolute path); ``None``: the document's own
    included: str | None = None


def note_left_out(
    env: BuildEnvironment, need_id: str, line: int, directive: str, included: str | None = None
) -> None:
    get_domain(env).duplicates.setdefault(env.docname, []).append(
        LeftOut(need_id, line, directive, included)
    )


def keep_first_of_parallel_duplicates(
    _app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``, before sphinx-needs merges the needs."""
    domain = get_domain(env)
    for dropped in needs_bridge.drop_parallel_duplicates(
        env, other, frozenset(docnames), frozenset(ITEM_TYPES_BY_DIRECTIVE)
    ):
        # what its document recorded of the item goes with it, as if never created
        domain.descriptions.get(dropped.docname, {}).pop(dropped.id, None)
        included = domain.included.get(dropped.docname, {}).pop(dropped.id, None)
        domain.duplicates.setdefault(dropped.docname, []).append(
            LeftOut(dropped.id, dropped.lineno, dropped.type, included)
        )


def documents_to_read_again(
    _app: Sphinx,
    env: BuildEnvironment,
    _added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """``env-get-outdated``: the documents with an item left out for an id whose
    holder is read again or gone."""
    needs = needs_bridge.needs_as_read(env)
    going = changed | removed
    again: set[str] = set()
    for docname, left_out in get_domain(env).duplicates.items():
        for item in left_out:
            holder = needs.get(item.id)
            if holder is None or holder["docname"] in going:
                again.add(docname)
    return sorted(again - removed)


def warn_left_out(_app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: one warning per item left out, in every build."""
    needs = needs_bridge.needs_as_read(env)
    duplicates = get_domain(env).duplicates
    for docname in sorted(duplicates):
        for item in sorted(duplicates[docname], key=lambda item: (item.line or 0, item.id)):
            holder = needs.get(item.id)
            where = (
                f" by the need at {_holder_file(env, holder)}:{holder.get('lineno')}"
                if holder is not None and holder["docname"]
                else ""
            )
            warn(
                Subtype.VALUE,
                f"{item.directive}: the id {item.id!r} is already taken{where}; "
                "this item is left out",
                at_source((docname, item.line), item.included),
            )


def _holder_file(env: BuildEnvironment, holder: NeedData) -> str:
    """The document of the need that kept the id, or the file it includes that the
    need stands in (relative to the source folder), which its line is a line of."""
    included = get_domain(env).included.get(holder["docname"], {}).get(holder["id"])
    if included is None:
        return str(holder["docname"])
    return Path(os.path.relpath(included, env.srcdir)).as_posix()
