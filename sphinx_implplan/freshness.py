"""Incremental builds that never go stale: which unchanged pages to write again.

A page shows more than its own source: a card shows the titles of the needs it links
to and of those linking to it, a requirement shows its back-links, a view shows the
whole plan. Sphinx writes only the pages whose source changed, so after each read
the extension compares what every need looks like now with what it looked like in
the last build and hands Sphinx (``env-get-updated``) exactly the pages that show a
need that changed, appeared or disappeared:

- the pages of the needs it links to and of those linking to it, before and after;
- for a phase, the pages of every phase of its plan (their dates move together);
- every page with a view, as soon as anything changed.

A build where nothing changed finds no difference and writes no page.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx_implplan import needs_bridge
from sphinx_implplan.domain import get_domain
from sphinx_implplan.itemtypes import COMPUTED_FIELDS, NEEDS_BUILTIN_FIELDS, OPTION_FIELDS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: what a need shows of itself to other pages, besides its links
_SHOWN_FIELDS = (
    "type",
    "title",
    "docname",
    "status",
    "tags",
    "plan",
    "hide",
    "is_external",
    "external_url",
    *OPTION_FIELDS,
    *COMPUTED_FIELDS,
    *sorted(NEEDS_BUILTIN_FIELDS),
)


class NeedState(NamedTuple):
    """What the pages around a need depend on (a plain tuple: pickled with the env)."""

    digest: str
    docname: str | None
    #: the needs it links to (and its plan): their pages show it as a back-link
    targets: tuple[str, ...]
    #: the plan of a phase, whose phases are scheduled together; else ``None``
    schedule_group: str | None


def need_state(
    need: Mapping[str, Any], link_names: Iterable[str], description: str = ""
) -> NeedState:
    shown = {name: need.get(name) for name in _SHOWN_FIELDS}
    links = {name: need.get(name) or [] for name in link_names}
    text = json.dumps([shown, links, description], sort_keys=True, default=str)
    targets = sorted(
        {str(target).partition(".")[0] for value in links.values() for target in value}
        | ({str(need["plan"])} if need.get("plan") else set())
    )
    return NeedState(
        digest=hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest(),
        docname=need.get("docname") or None,
        targets=tuple(targets),
        schedule_group=str(need.get("plan")) if need.get("type") == "impl-phase" else None,
    )


def pages_to_rewrite(
    previous: Mapping[str, NeedState],
    current: Mapping[str, NeedState],
    view_pages: Iterable[str],
) -> set[str]:
    """The pages showing a need whose state differs between the two builds."""
    changed = {
        need_id
        for need_id in previous.keys() | current.keys()
        if previous.get(need_id) != current.get(need_id)
    }
    if not changed:
        return set()

    sources: dict[str, list[str]] = {}
    phases_of: dict[str, list[str]] = {}
    for need_id, state in current.items():
        for target in state.targets:
            sources.setdefault(target, []).append(need_id)
        if state.schedule_group is not None:
            phases_of.setdefault(state.schedule_group, []).append(need_id)

    affected = set(changed)
    for need_id in changed:
        affected.update(sources.get(need_id, ()))
        for seen in (previous.get(need_id), current.get(need_id)):
            if seen is None:
                continue
            affected.update(seen.targets)
            if seen.schedule_group is not None:
                affected.update(phases_of.get(seen.schedule_group, ()))

    pages = {
        now.docname
        for need_id in affected
        if (now := current.get(need_id)) is not None and now.docname
    }
    return pages | set(view_pages)


def current_states(app: Sphinx, env: BuildEnvironment) -> dict[str, NeedState]:
    descriptions = get_domain(env).all_descriptions()
    link_names = needs_bridge.link_names(env)
    return {
        need_id: need_state(need, link_names, descriptions.get(need_id, ""))
        for need_id, need in needs_bridge.needs_as_read(env).items()
    }


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The ``env-get-updated`` handler: remember this build's states, return the
    pages that show a need that changed since the last build."""
    domain = get_domain(env)
    current = current_states(app, env)
    pages = pages_to_rewrite(domain.states, current, domain.views)
    domain.data["states"] = current
    return sorted(page for page in pages if page in env.found_docs)
