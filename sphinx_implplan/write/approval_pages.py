"""Incremental builds and approvals: the unchanged pages to write again because the
approval state of an item they show may have changed.

A card shows its item's approval state and a traceability view marks its suspect
links. That state changes when the item's entry in the baseline changes (approved,
approved again, dropped, the file added, removed or no longer readable), when the
item comes under approval or leaves it, and when a need it links to changes in a way
only its fingerprint sees: its body, or a field of the project's that no page shows.
The pages of those items and every page with a traceability view are written again.
What the rest of :mod:`.freshness` finds (titles, links, options) is not repeated.

Without a baseline nothing is computed here, so a project that does not approve pays
nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from sphinx_implplan import needs_bridge
from sphinx_implplan.plan.approvals import under_approval
from sphinx_implplan.plan.fingerprints import need_fingerprint
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE, PLAN
from sphinx_implplan.write.baseline_file import build_baseline
from sphinx_implplan.write.views.spec import ViewKind, ViewSpec

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.write.freshness import NeedState


class ApprovalInputs(NamedTuple):
    """What the approval states of a build are worked out from, as the read phase
    leaves it (a plain tuple: pickled with the environment)."""

    #: each item under approval: its entry in the baseline as text, ``""`` for none
    entries: dict[str, str]
    #: each need's fingerprint as read; ``None`` where no baseline is in effect
    prints: dict[str, str] | None


NO_INPUTS = ApprovalInputs({}, None)


def approval_inputs(app: Sphinx, env: BuildEnvironment) -> ApprovalInputs:
    baseline = build_baseline(app).baseline
    if baseline is None:
        return NO_INPUTS
    chosen = needs_bridge.fingerprint_fields(env)
    prints: dict[str, str] = {}
    plans: dict[str, str | None] = {}
    for need_id, need in needs_bridge.needs_as_read(env).items():
        fields = needs_bridge.flat_fields(need)
        prints[need_id] = need_fingerprint(fields, chosen)
        need_type = fields.get("type")
        if need_type in ITEM_TYPES_BY_DIRECTIVE and not fields.get("is_external"):
            plan = fields.get("plan")
            plans[need_id] = (
                need_id if need_type == PLAN else plan if isinstance(plan, str) else None
            )
    entries = {}
    for item_id in under_approval(baseline, plans):
        entry = baseline.items.get(item_id)
        entries[item_id] = "" if entry is None else json.dumps(entry.to_json(), sort_keys=True)
    return ApprovalInputs(entries, prints)


def approval_pages(
    previous: ApprovalInputs | None,
    current: ApprovalInputs,
    states: Mapping[str, NeedState],
    views: Mapping[str, Sequence[ViewSpec]],
) -> set[str]:
    """The pages of the items whose approval state may differ between the two builds,
    and the pages with a traceability view, when there is such an item."""
    before = previous or NO_INPUTS
    items = {
        item_id
        for item_id in before.entries.keys() | current.entries.keys()
        if before.entries.get(item_id) != current.entries.get(item_id)
    }
    if before.prints is not None and current.prints is not None:
        changed = {
            need_id
            for need_id in before.prints.keys() | current.prints.keys()
            if before.prints.get(need_id) != current.prints.get(need_id)
        }
        items |= changed & current.entries.keys()
        items.update(
            item_id
            for item_id in current.entries
            if (state := states.get(item_id)) is not None and not changed.isdisjoint(state.targets)
        )
    if not items:
        return set()
    pages = {state.docname for item_id in items if (state := states.get(item_id)) and state.docname}
    pages.update(
        page
        for page, specs in views.items()
        if any(spec.kind is ViewKind.TRACEABILITY for spec in specs)
    )
    return pages
