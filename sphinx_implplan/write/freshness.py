"""Incremental builds that never go stale: which unchanged pages to write again.

A page shows more than its own source: a card shows the titles of the needs it links
to and of those linking to it, a requirement shows its back-links, a view shows the
whole plan. Sphinx writes only the pages whose source changed, so after each read
the extension compares what every need looks like now with what it looked like in
the last build and hands Sphinx (``env-get-updated``) exactly the pages that show a
need that changed, appeared or disappeared:

- the pages of the needs it links to and of those linking to it, before and after;
- for a phase, the pages of every phase of its plan (their dates move together);
- every page with a view that shows such a need (``view_shows``): a timeline only
  when a phase or a plan changed, a summary not for a requirement's new title, but
  for a requirement's open questions (``[NEEDS CLARIFICATION]`` markers) counted
  anew, and for its new tags, which may move it into a plan's ``:requirements:``.

A plan also changes when a document it names in ``:spec:`` gets a new title, which
its card and the views show as the text of their links.

An item's approval state, which its card and the traceability views show, is
followed by :mod:`.approval_pages`; a test's result, which its card and the views
show, by :mod:`.result_pages`.

A build where nothing changed finds no difference and writes no page.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx_implplan import needs_bridge
from sphinx_implplan.config import requirement_types
from sphinx_implplan.plan.itemtypes import (
    CHANGE,
    COMPUTED_FIELDS,
    ITEM_TYPES_BY_DIRECTIVE,
    NEEDS_BUILTIN_FIELDS,
    OPTION_FIELDS,
    PHASE,
    PLAN,
    RISK,
)
from sphinx_implplan.plan.open_questions import questions_in
from sphinx_implplan.read.documents_read import documents_read_now
from sphinx_implplan.read.domain import get_domain
from sphinx_implplan.write.approval_pages import approval_inputs, approval_pages
from sphinx_implplan.write.references import document_title
from sphinx_implplan.write.result_pages import result_inputs, result_pages
from sphinx_implplan.write.views.spec import ViewKind, ViewSpec

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the extension's item types, which a ``needextend`` with a filter may change
_OURS = frozenset(ITEM_TYPES_BY_DIRECTIVE)

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
    need_type: str = ""
    #: the markers in the body of a need not the extension's, which the summary
    #: counts; last and defaulted, so the states of an older build still load
    open_questions: int = 0
    #: its tags, by which a plan's ``:requirements:`` may take it into its coverage
    tags: tuple[str, ...] = ()


def need_state(
    need: Mapping[str, Any],
    link_names: Iterable[str],
    description: str = "",
    spec_titles: Sequence[str] = (),
) -> NeedState:
    """``spec_titles``: the titles of the documents a plan names in ``:spec:``, which
    its card and the views show as the text of their links."""
    shown = {name: need.get(name) for name in _SHOWN_FIELDS}
    links = {name: need.get(name) or [] for name in link_names}
    text = json.dumps([shown, links, description, spec_titles], sort_keys=True, default=str)
    targets = sorted(
        {str(target).partition(".")[0] for value in links.values() for target in value}
        | ({str(need["plan"])} if need.get("plan") else set())
    )
    return NeedState(
        digest=hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest(),
        docname=need.get("docname") or None,
        targets=tuple(targets),
        schedule_group=str(need.get("plan")) if need.get("type") == PHASE else None,
        need_type=str(need.get("type") or ""),
        open_questions=len(questions_in(str(need.get("content") or "")))
        if need.get("type") not in _OURS
        else 0,
        tags=tuple(str(tag) for tag in tags) if isinstance(tags := need.get("tags"), list) else (),
    )


class Change(NamedTuple):
    """One need that changed, as the views see it."""

    #: its type before and after
    types: frozenset[str]
    #: the types of the needs linking to it, which show its title beside its id
    source_types: frozenset[str]
    #: the types of the needs it links to, before and after, which show it as a
    #: back-link (an ``impl-table`` column of incoming links)
    target_types: frozenset[str]
    #: it appeared, went, or moved to another page or type
    moved: bool
    #: its number of open questions changed
    questions: bool = False
    #: its tags changed, which may move it into or out of a plan's ``:requirements:``
    tags: bool = False


#: the views that show only some item types (besides plans, which every view shows)
_SHOWN_TYPES = {ViewKind.RISK_MATRIX: RISK, ViewKind.TIMELINE: PHASE}


def view_shows(spec: ViewSpec, change: Change, requirement_types: frozenset[str]) -> bool:
    """Whether ``spec``'s view may look different after ``change``."""
    if PLAN in change.types:
        return True
    if spec.kind in _SHOWN_TYPES:
        return _SHOWN_TYPES[spec.kind] in change.types
    if spec.kind is ViewKind.TABLE:
        return spec.item_type in change.types | change.source_types | change.target_types
    unlisted = change.types - {CHANGE}
    if spec.kind is ViewKind.SUMMARY:
        # it counts requirements and their open questions but shows none of their text
        return (
            bool(unlisted - requirement_types)
            or (bool(unlisted) and (change.moved or change.tags))
            or change.questions
        )
    return bool(unlisted)


def pages_to_rewrite(
    previous: Mapping[str, NeedState],
    current: Mapping[str, NeedState],
    views: Mapping[str, Sequence[ViewSpec]],
    requirement_types: frozenset[str] = frozenset({"req"}),
    extended: Iterable[str] = (),
) -> set[str]:
    """The pages showing a need whose state differs between the two builds, or that
    a ``needextend`` may have changed (``extended``)."""
    changed = {
        need_id
        for need_id in previous.keys() | current.keys()
        if previous.get(need_id) != current.get(need_id)
    } | (set(extended) & (previous.keys() | current.keys()))
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
    changes = {_change(previous, current, sources, need_id) for need_id in changed}
    pages.update(
        page
        for page, specs in views.items()
        if any(view_shows(spec, change, requirement_types) for spec in specs for change in changes)
    )
    return pages


def _change(
    previous: Mapping[str, NeedState],
    current: Mapping[str, NeedState],
    sources: Mapping[str, list[str]],
    need_id: str,
) -> Change:
    before, now = previous.get(need_id), current.get(need_id)
    seen = [state for state in (before, now) if state is not None]
    return Change(
        types=frozenset(state.need_type for state in seen),
        source_types=frozenset(current[source].need_type for source in sources.get(need_id, ())),
        target_types=frozenset(
            target_state.need_type
            for state in seen
            for target in state.targets
            if (target_state := current.get(target) or previous.get(target)) is not None
        ),
        moved=before is None
        or now is None
        or (before.docname, before.need_type) != (now.docname, now.need_type),
        questions=(before.open_questions if before else 0) != (now.open_questions if now else 0),
        tags=(before.tags if before else ()) != (now.tags if now else ()),
    )


def current_states(
    env: BuildEnvironment, previous: Mapping[str, NeedState], read_now: frozenset[str] | None
) -> dict[str, NeedState]:
    """Every need's state. A need of a document this build did not read, with the
    same link types as the last build, is the need that build saw: its state is
    taken from there, unless it shows other documents' titles (a plan's ``:spec:``).
    A need of no document (``needs_external_needs``) is loaded anew in every build."""
    domain = get_domain(env)
    descriptions = domain.all_descriptions()
    link_names = needs_bridge.link_names(env)
    if read_now is None or domain.data.get("state_link_names") != link_names:
        previous, read_now = {}, frozenset()
    domain.data["state_link_names"] = link_names
    states = {}
    for need_id, need in needs_bridge.needs_as_read(env).items():
        before = previous.get(need_id)
        if (
            before is not None
            and before.docname is not None
            and before.docname not in read_now
            and need.get("docname") == before.docname
            and not need.get("spec")
        ):
            states[need_id] = before
            continue
        fields = needs_bridge.flat_fields(need)
        spec = fields.get("spec")
        spec_titles = [document_title(env, doc) for doc in spec] if isinstance(spec, list) else []
        states[need_id] = need_state(fields, link_names, descriptions.get(need_id, ""), spec_titles)
    return states


def extended_needs(
    previous: Mapping[str, Sequence[tuple[str, str]]],
    current: Mapping[str, Sequence[tuple[str, str]]],
    states: Mapping[str, NeedState],
) -> set[str]:
    """The needs a ``needextend`` that appeared, changed or went may have changed:
    sphinx-needs applies them after this check, so the needs' states cannot show it.
    ``previous`` and ``current``: per document, each ``needextend`` as the id it names
    (``*`` for a filter, which may change any plan item) and what it sets."""
    named: set[str] = set()
    for docname in previous.keys() | current.keys():
        before, now = set(previous.get(docname, ())), set(current.get(docname, ()))
        named.update(target for target, _sets in before ^ now)
    if "*" in named:
        named.discard("*")
        named.update(need_id for need_id, state in states.items() if state.need_type in _OURS)
    return named


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The ``env-get-updated`` handler: remember this build's states, return the
    pages that show a need that changed since the last build."""
    domain = get_domain(env)
    current = current_states(env, domain.states, documents_read_now(env))
    targets = needs_bridge.extend_targets_by_document(env)
    extended = extended_needs(domain.data["extend_targets"], targets, current)
    pages = pages_to_rewrite(
        domain.states, current, domain.views, requirement_types(app.config), extended
    )
    approvals = approval_inputs(app, env)
    pages |= approval_pages(domain.data.get("approvals"), approvals, current, domain.views)
    results = result_inputs(app, env)
    pages |= result_pages(domain.data.get("test_results"), results, current, domain.views)
    domain.data["states"] = current
    domain.data["extend_targets"] = targets
    domain.data["approvals"] = approvals
    domain.data["test_results"] = results
    return sorted(page for page in pages if page in env.found_docs)
