"""Values that reach plan items without their directive: loaded by ``needimport`` or
set by ``needextend``. Each is checked with the directive's own rules and warned
about at the line of the ``needimport`` or ``needextend`` that brought it, with the
directive's subtype; a value that fails is dropped, as the directive drops it. The
values the extension computes (a risk's score and band, a phase's progress and
dates) are worked out again from what the item then holds, so every view, card,
report and ``needs.json`` agree.

- Imported items are checked when every document is read, before the other checks
  (``needs-before-post-processing``, priority 400), so the schedule, the links and
  the unmitigated risks are judged on checked values, as for written items.
- ``needextend`` is applied by sphinx-needs after that, so the fields each one set
  are checked when sphinx-needs is done (``needs-before-sealing``, first). A value
  the extension computes cannot be set: the computed one is kept. The phase
  schedule is worked out again when a ``needextend`` changed a phase's dates or
  dependencies, and a risk it changed is checked for mitigation again.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx_implplan import needs_bridge
from sphinx_implplan.config import requirement_types, risk_levels
from sphinx_implplan.diagnostics import Subtype, warn
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE, PHASE, ItemType, links_from
from sphinx_implplan.plan.scoring import risk_band, risk_is_mitigated, risk_score
from sphinx_implplan.plan.stored_forms import stored_value
from sphinx_implplan.plan.values import InvalidValue, parse_enum
from sphinx_implplan.read.deliverables import Progress
from sphinx_implplan.read.validation import (
    Location,
    compute_phase_schedule,
    mitigations,
    warn_schedule_problems,
    write_schedule,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.needs_bridge import MutableNeeds, NeedData


#: the most deliverables a phase can list: more is a typo or a hostile value, which
#: would also overflow LaTeX's counters when printed
MAX_DELIVERABLES = 100_000
#: the fields of a phase the schedule reads, as written before it is worked out
_SCHEDULE_FIELDS = ("start", "end", "duration")

#: per environment, what the read phase left of each item before ``needextend``:
#: the schedule's inputs of each phase and every computed value (main process only)
_BEFORE_EXTEND: WeakKeyDictionary[BuildEnvironment, dict[str, dict[str, Any]]] = WeakKeyDictionary()


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 <= value <= MAX_DELIVERABLES:
        return value
    return None


def _ours(needs: MutableNeeds) -> list[MutableMapping[str, Any]]:
    items = [
        need
        for need in needs.values()
        if need.get("type") in ITEM_TYPES_BY_DIRECTIVE and not need.get("is_external")
    ]
    return sorted(items, key=lambda need: (need["docname"] or "", need.get("lineno") or 0))


class _Checker:
    """Checks the values of one item given by one source, and warns at its line."""

    def __init__(
        self,
        app: Sphinx,
        need: MutableMapping[str, Any],
        source: str,
        owned: frozenset[str],
        fallback: Mapping[str, Any] | None = None,
    ) -> None:
        self.need = need
        self.item_type: ItemType = ITEM_TYPES_BY_DIRECTIVE[need["type"]]
        self.source = source
        self.levels = risk_levels(app.config)
        #: the project's own fields of another form: neither checked nor filled
        self.owned = owned
        #: what a refused value gives way to: the item as written, for a needextend
        self.fallback = fallback or {}

    def fill(self, name: str, value: Any) -> None:
        if name not in self.owned:
            self.need[name] = value

    def refused(self, name: str) -> str:
        kept = self.fallback.get(name)
        self.fill(name, kept)
        return "the value is dropped" if kept in (None, "", []) else f"{kept!r} is kept"

    def problem(self, subtype: Subtype, message: str, location: Location) -> None:
        warn(subtype, f"{self.need['id']}: {message} ({self.source})", location)

    def check_option(self, name: str, location: Location) -> None:
        kind = self.item_type.options.get(name)
        if kind is None or name in self.owned:
            return
        try:
            self.need[name] = stored_value(kind, self.need.get(name), self.levels)
        except InvalidValue as error:
            self.problem(Subtype.VALUE, f":{name}: {error}; {self.refused(name)}", location)

    def check_status(self, location: Location) -> None:
        statuses = self.item_type.statuses
        status = self.need.get("status")
        if statuses is None or status is None:
            return
        try:
            self.need["status"] = parse_enum(
                str(status), statuses, f"{self.item_type.short} status"
            )
        except InvalidValue as error:
            self.problem(Subtype.VALUE, f":status: {error}; {self.refused('status')}", location)

    def score(self) -> None:
        """A risk's score and band from its impact and likelihood as they now stand."""
        if not self.item_type.scored:
            return
        impact, likelihood = self.need.get("impact"), self.need.get("likelihood")
        score = None
        if impact in self.levels and likelihood in self.levels:
            score = risk_score(impact, likelihood, self.levels)
        self.fill("score", score)
        self.fill("band", None if score is None else risk_band(score, len(self.levels)))

    def deliverables(self, location: Location) -> None:
        """Imported counts kept only when they can be a phase's: whole numbers, done
        no more than listed; the completion worked out from them."""
        if not self.item_type.has_deliverables:
            return
        done = _count(self.need.get("deliverables_done"))
        total = _count(self.need.get("deliverables_total"))
        given = (self.need.get("deliverables_done"), self.need.get("deliverables_total"))
        if given != (None, None) and (done is None or total is None or done > total):
            self.problem(
                Subtype.VALUE,
                f"deliverables {given[0]!r} of {given[1]!r} are not counts of a phase's "
                f"deliverables (whole numbers up to {MAX_DELIVERABLES:,}, done no more "
                "than listed); they are dropped",
                location,
            )
            done = total = None
        self.fill("deliverables_done", done)
        self.fill("deliverables_total", total)
        if not self.need.get("status"):
            self.need["status"] = Progress(done or 0, total or 0).derived_status()
        counted = Progress(done, total) if done is not None and total is not None else None
        self.fill("completion", counted.percent if counted is not None else None)


# -- needimport -------------------------------------------------------------------------


def check_imported_items(app: Sphinx, needs: MutableNeeds) -> None:
    """``needs-before-post-processing``, before the other checks: every value of an
    imported item, and what the extension computes from them. Also notes what each
    item holds before ``needextend`` is applied."""
    before: dict[str, dict[str, Any]] = {}
    owned = needs_bridge.project_owned_fields(app.config)
    # what an item held before needextend is kept only when a needextend may change it
    extended = bool(needs_bridge.extends_by_location(app.env))
    for need in _ours(needs):
        if need.get("is_import"):
            location: Location = (need["docname"], need.get("lineno"))
            checker = _Checker(app, need, "loaded by needimport", owned)
            for name in checker.item_type.options:
                checker.check_option(name, location)
            checker.check_status(location)
            checker.score()
            checker.deliverables(location)
        if not extended:
            continue
        item_type = ITEM_TYPES_BY_DIRECTIVE[need["type"]]
        names = (*item_type.options, *item_type.computed, "status", "completion")
        kept = {name: need.get(name) for name in names}
        for link in links_from(item_type.directive):
            kept[link.name] = needs_bridge.links_of(need, link.name)
        before[need["id"]] = kept
    _BEFORE_EXTEND[app.env] = before


# -- needextend -------------------------------------------------------------------------


def check_extended_items(app: Sphinx, needs: MutableNeeds) -> None:
    """``needs-before-sealing``, first: the fields each ``needextend`` set on a plan
    item, and what the extension computes from them."""
    before = _BEFORE_EXTEND.pop(app.env, {})
    extends = needs_bridge.extends_by_location(app.env)
    if not extends:
        return
    owned = needs_bridge.project_owned_fields(app.config)
    req_types = requirement_types(app.config)
    rescheduled: dict[str, tuple[frozenset[str], Location]] = {}
    rechecked_risks: list[tuple[MutableMapping[str, Any], Location]] = []
    for need in _ours(needs):
        set_by = _fields_set_by_extends(need, extends)
        if not set_by:
            continue
        kept = before.get(need["id"], {})
        checker = _Checker(app, need, "set by needextend", owned, kept)
        for name, location in set_by.items():
            if name in checker.item_type.computed or name == "completion":
                checker.problem(
                    Subtype.VALUE,
                    f":{name}: is worked out by the extension and cannot be set; "
                    "the value set is ignored",
                    location,
                )
                checker.fill(name, kept.get(name))
            elif name == "status":
                checker.check_status(location)
            elif name in checker.item_type.options:
                checker.check_option(name, location)
        checker.score()
        if checker.item_type.has_deliverables:
            schedule_fields = set(_SCHEDULE_FIELDS) | {"depends"}
            touched = [name for name in set_by if name in schedule_fields]
            if touched:
                rescheduled[need["id"]] = (frozenset(touched), set_by[touched[0]])
        judged = {"impact", "likelihood", "mitigation"} & set_by.keys()
        if checker.item_type.scored and judged:
            # warned about already if it was high and unmitigated as written
            was_warned = kept.get("band") == "high" and "mitigation" not in set_by
            if not was_warned:
                rechecked_risks.append((need, set_by[min(judged)]))
        _check_extended_links(need, set_by, kept, needs, req_types)
    if rescheduled:
        _schedule_again(needs, before, rescheduled, owned)
    _check_mitigated_again(rechecked_risks, needs)


def _fields_set_by_extends(
    need: NeedData, extends: Mapping[tuple[str, int | None], frozenset[str]]
) -> dict[str, Location]:
    """Each field a ``needextend`` set on ``need``, with the line of the last one."""
    set_by: dict[str, Location] = {}
    for location in needs_bridge.modification_locations(need):
        for name in extends.get(location, ()):
            set_by[name] = location
    return set_by


def _check_extended_links(
    need: MutableMapping[str, Any],
    set_by: Mapping[str, Location],
    before: Mapping[str, Any],
    needs: MutableNeeds,
    req_types: frozenset[str],
) -> None:
    """A link a ``needextend`` added (the written ones were checked already): to a need
    of a type the link does not take, it is dropped with its back-link; to an unknown
    id, warned about and kept, as written."""
    for link in links_from(need["type"]):
        if link.name not in set_by:
            continue
        location = set_by[link.name]
        targets = needs_bridge.links_of(need, link.name)
        kept = []
        for target_id in targets:
            if target_id in before.get(link.name, ()):
                kept.append(target_id)
                continue
            where = f"{need['id']}: :{link.name}: {target_id!r} (set by needextend)"
            base, target = needs_bridge.resolve_link_target(needs, target_id)
            if target is None:
                warn(Subtype.LINK, f"{where} is not the id of any need", location)
                kept.append(target_id)
            elif not link.allows_target(target["type"], req_types) or (
                # a phase depending on itself is a cycle, warned about as such
                base == need["id"] and link.name != "depends"
            ):
                warn(
                    Subtype.LINK,
                    f"{where} links to {target['type']} {base}; :{link.name}: links to "
                    f"{link.describe_targets(req_types)}; the link is dropped",
                    location,
                )
                back = f"{link.name}_back"
                sources = [source for source in target.get(back) or () if source != need["id"]]
                target[back] = sources  # type: ignore[index]
            else:
                kept.append(target_id)
        if kept != targets:
            need[link.name] = kept


def _schedule_again(
    needs: MutableNeeds,
    before: Mapping[str, Mapping[str, Any]],
    rescheduled: Mapping[str, tuple[frozenset[str], Location]],
    owned: frozenset[str],
) -> None:
    """The schedule worked out again from what each phase held as written, with the
    fields a ``needextend`` set; problems warned about for the phases it changed."""
    phases = [need for need in _ours(needs) if need["type"] == PHASE]
    for need in phases:
        extended = rescheduled[need["id"]][0] if need["id"] in rescheduled else frozenset()
        for name in _SCHEDULE_FIELDS:
            if name not in extended and name not in owned:
                need[name] = before.get(need["id"], {}).get(name)
    schedule, phase_ids = compute_phase_schedule(phases, needs)
    write_schedule(schedule, phase_ids, needs, owned)
    warn_schedule_problems(
        schedule,
        lambda phase_id: rescheduled[phase_id][1] if phase_id in rescheduled else None,
        " (set by needextend)",
    )


def _check_mitigated_again(
    risks: Iterable[tuple[MutableMapping[str, Any], Location]], needs: Mapping[str, NeedData]
) -> None:
    if not risks:
        return
    mitigated_by = mitigations(needs)
    for risk, location in risks:
        if risk.get("band") == "high" and not risk_is_mitigated(
            risk.get("mitigation"), mitigated_by.get(risk["id"], ())
        ):
            warn(
                Subtype.UNMITIGATED,
                f"{risk['id']}: the risk scores {risk.get('score')} (band high) and has "
                "neither :mitigation: nor an item that :mitigates: it (set by needextend)",
                location,
            )
