"""The approval state of every plan item in a build, against the project's baseline.

Worked out once per build, when sphinx-needs has resolved every need (where the
corpus is made), and warned about from there in every build, so that a page not
read again still warns: ``implplan.suspect`` for an item a linked need of which
changed since its approval, ``implplan.changed`` for an item that changed itself.
An item not approved is shown, never warned about: a new item must not fail a
``-W`` build.

The fingerprints are of the resolved needs (``needextend`` applied), but a phase's
dates are taken as written: the schedule works out the dates of a phase from those
it depends on, and a phase whose author changed nothing must not change with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary, WeakSet

from sphinx_implplan import needs_bridge
from sphinx_implplan.diagnostics import Subtype, at_source, warn
from sphinx_implplan.plan.approvals import (
    NO_APPROVALS,
    ApprovalState,
    ApprovalStates,
    ItemPrints,
    judge_approvals,
)
from sphinx_implplan.plan.fingerprints import linked_ids, need_fingerprint
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE, PHASE, PLAN
from sphinx_implplan.read.domain import get_domain
from sphinx_implplan.write.baseline_file import build_baseline

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.needs_bridge import MutableNeeds
    from sphinx_implplan.plan.model import Corpus, Item

#: the fields of a phase the schedule may fill, kept as written for its fingerprint
_SCHEDULE_FIELDS = ("start", "end", "duration")

_WRITTEN: WeakKeyDictionary[BuildEnvironment, dict[str, dict[str, Any]]] = WeakKeyDictionary()
_STATES: WeakKeyDictionary[BuildEnvironment, ApprovalStates] = WeakKeyDictionary()
#: the applications whose builds keep the fingerprints of every plan item
_KEEPING: WeakSet[Sphinx] = WeakSet()
_PRINTS: WeakKeyDictionary[BuildEnvironment, dict[str, ItemPrints]] = WeakKeyDictionary()


def note_written_schedules(app: Sphinx, needs: MutableNeeds) -> None:
    """``needs-before-post-processing``, after the imported items are checked and
    before the schedule is worked out: each phase's dates as written."""
    _WRITTEN[app.env] = {
        need_id: {name: need.get(name) for name in _SCHEDULE_FIELDS}
        for need_id, need in needs.items()
        if need.get("type") == PHASE
    }


def item_prints(app: Sphinx, needs: Mapping[str, Mapping[str, Any]]) -> dict[str, ItemPrints]:
    """The fingerprints of every plan item of the project and of each need it links
    to, from the resolved ``needs``."""
    chosen = needs_bridge.fingerprint_fields(app.env)
    written = _WRITTEN.get(app.env, {})
    flat: dict[str, Mapping[str, Any]] = {}
    prints: dict[str, str] = {}

    def fields_of(need_id: str) -> Mapping[str, Any]:
        if need_id not in flat:
            flat[need_id] = needs_bridge.flat_fields(needs[need_id])
        return flat[need_id]

    def print_of(need_id: str) -> str:
        if need_id not in prints:
            prints[need_id] = need_fingerprint(fields_of(need_id), chosen, written.get(need_id))
        return prints[need_id]

    found: dict[str, ItemPrints] = {}
    for need_id, need in needs.items():
        if need.get("type") not in ITEM_TYPES_BY_DIRECTIVE or need.get("is_external"):
            continue
        targets = linked_ids(fields_of(need_id), chosen.links)
        found[need_id] = ItemPrints(
            print_of(need_id),
            # an id that is no need has no fingerprint
            {target: print_of(target) if target in needs else None for target in targets},
        )
    return found


def item_plans(corpus: Corpus) -> dict[str, str | None]:
    """Every plan item of the project and its plan (a plan's is itself)."""
    return {
        item.id: item.id if item.type == PLAN else item.plan
        for item in corpus.items.values()
        if item.type in ITEM_TYPES_BY_DIRECTIVE and not item.external
    }


def evaluate_approvals(app: Sphinx, needs: Mapping[str, Mapping[str, Any]], corpus: Corpus) -> None:
    """Once per build, with the corpus: the state of every item under approval, and
    the warnings of the baseline and of the items."""
    loaded = build_baseline(app)
    if loaded.problem is not None and loaded.path is not None:
        # a file and a line, as for an included file (a bare name would be a document)
        where = f"{loaded.path}:{loaded.line or ''}"
        warn(
            Subtype.CONFIG,
            f"the approval baseline {loaded.path.name} cannot be used: {loaded.problem}; "
            "the build goes on as without a baseline, and the file is left as it is",
            where,
        )
    keeping = app in _KEEPING
    if loaded.baseline is None and not keeping:
        # no fingerprint is worked out: a project that does not approve pays nothing
        _STATES[app.env] = NO_APPROVALS
        return
    prints = item_prints(app, needs)
    if keeping:
        _PRINTS[app.env] = prints
    if loaded.baseline is None:
        _STATES[app.env] = NO_APPROVALS
        return
    states = judge_approvals(loaded.baseline, prints, item_plans(corpus))
    _STATES[app.env] = states
    _warn_states(states, corpus, get_domain(app.env).included)


def _names(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"


def _warn_states(
    states: ApprovalStates, corpus: Corpus, included: Mapping[str, Mapping[str, str]]
) -> None:
    items: list[Item] = sorted(
        (corpus.items[item_id] for item_id in states.items if item_id in corpus.items),
        key=lambda item: item.position,
    )
    for item in items:
        found = states.items[item.id]
        if found.entry is None or item.docname is None:
            continue
        where = at_source((item.docname, item.lineno), included.get(item.docname, {}).get(item.id))
        again = f"approve it again once reviewed (implplan approve --item {item.id})"
        if found.state is ApprovalState.SUSPECT:
            changed = [
                target if target in corpus.items else f"{target} (no longer a need)"
                for target in found.changed
            ]
            warn(
                Subtype.SUSPECT,
                f"{item.id} is suspect: {_names(changed)} changed since {item.id} was "
                f"approved on {found.entry.approved}; {again}",
                where,
            )
        elif found.state is ApprovalState.CHANGED:
            warn(
                Subtype.CHANGED,
                f"{item.id} changed since its approval on {found.entry.approved}; {again}",
                where,
            )


def build_approvals(app: Sphinx) -> ApprovalStates:
    """This build's states (write phase, or once the build has finished)."""
    return _STATES.get(app.env, NO_APPROVALS)


def keep_item_prints(app: Sphinx) -> None:
    """Have the builds of ``app`` keep the fingerprints of every plan item, for
    ``implplan approve``: they are taken while the needs are resolved, as once the
    build has finished sphinx-needs would resolve them again from what they hold."""
    _KEEPING.add(app)


def kept_item_prints(app: Sphinx) -> dict[str, ItemPrints]:
    """The fingerprints the last build of ``app`` kept (:func:`keep_item_prints`)."""
    return _PRINTS.get(app.env, {})


def forget_approvals(_app: Sphinx, env: BuildEnvironment) -> None:
    """Every build works them out anew (``env-updated``)."""
    _STATES.pop(env, None)
    _WRITTEN.pop(env, None)
    _PRINTS.pop(env, None)
