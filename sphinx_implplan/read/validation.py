"""What can only be judged once every document is read, run once per build.

Unknown plans, links to unknown ids or to the wrong type, the phase schedule and
unmitigated high risks. Runs before sphinx-needs builds back-links, so the schedule
it computes is in every table, filter and ``needs.json``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Mapping, MutableMapping
from contextvars import ContextVar
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from sphinx_implplan import needs_bridge
from sphinx_implplan.config import requirement_types
from sphinx_implplan.diagnostics import Subtype, at_source, warn
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE, PHASE, PLAN, RISK, links_from
from sphinx_implplan.plan.schedule import PhaseInput, Schedule, compute_schedule
from sphinx_implplan.plan.scoring import risk_is_mitigated
from sphinx_implplan.read.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_implplan.needs_bridge import MutableNeeds, NeedData


#: where a warning points: a document and line, or an included file's ``path:line``
Location = tuple[str, int | None] | str

#: while the checks run: docname -> item id -> the included file the item stands in,
#: for the items that stand in one (sphinx-needs keeps only their document and line)
_included_files: ContextVar[Mapping[str, Mapping[str, str]]] = ContextVar(
    "included_files", default=MappingProxyType({})
)


def _location(need: NeedData) -> Location:
    included = _included_files.get().get(need["docname"], {}).get(need["id"])
    return at_source((need["docname"], need.get("lineno")), included)


def plan_items(needs: MutableNeeds) -> list[MutableMapping[str, Any]]:
    """The extension's own items in document order, so warnings come out stable."""
    items = [
        need
        for need in needs.values()
        if need.get("type") in ITEM_TYPES_BY_DIRECTIVE and not need.get("is_external")
    ]
    return sorted(
        items, key=lambda need: (need["docname"] or "", need.get("lineno") or 0, need["id"])
    )


def check_plans(items: Iterable[NeedData], needs: Mapping[str, NeedData]) -> None:
    for need in items:
        plan = need.get("plan")
        # a value that is no text is of a ``plan`` field the project defines itself
        if not isinstance(plan, str) or need["type"] == PLAN:
            continue
        target = needs.get(plan)
        if target is None or target.get("type") != PLAN:
            warn(
                Subtype.PLAN,
                f"{need['id']}: :plan: {plan!r} is not the id of an impl-plan",
                _location(need),
            )
        elif target.get("is_external"):
            # no report shows it: this project's report holds its own plans only
            warn(
                Subtype.PLAN,
                f"{need['id']}: :plan: {plan!r} is a plan of another project (an external "
                "need); an item belongs to a plan of this project",
                _location(need),
            )


def check_links(
    items: Iterable[MutableMapping[str, Any]],
    needs: Mapping[str, NeedData],
    req_types: frozenset[str],
) -> None:
    """Warn about each bad link target, and drop those to the item itself or to a need
    of a type the link does not allow, so they make no false back-link. A link to an
    unknown id is kept: it makes no back-link, the card shows it struck through, and
    it may name a requirement of a project that is not loaded yet."""
    for need in items:
        for link in links_from(need["type"]):
            targets = needs_bridge.links_of(need, link.name)
            kept = []
            for target_id in targets:
                where = f"{need['id']}: :{link.name}: {target_id!r}"
                _, target = needs_bridge.resolve_link_target(needs, target_id)
                if target_id == need["id"] and link.name == "depends":
                    # a phase depending on itself is a cycle of one, reported as a cycle
                    kept.append(target_id)
                elif target_id == need["id"]:
                    warn(Subtype.LINK, f"{where} links the item to itself", _location(need))
                elif target is None:
                    warn(Subtype.LINK, f"{where} is not the id of any need", _location(need))
                    kept.append(target_id)
                elif not link.allows_target(target["type"], req_types):
                    warn(
                        Subtype.LINK,
                        f"{where} is of type {target['type']}; :{link.name}: links to "
                        f"{link.describe_targets(req_types)}; the link is dropped",
                        _location(need),
                    )
                else:
                    kept.append(target_id)
            if kept != targets:
                need[link.name] = kept


def _date(value: Any) -> datetime.date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _phase_input(need: NeedData, known: set[str], *, external: bool = False) -> PhaseInput:
    return PhaseInput(
        id=need["id"],
        plan=need.get("plan") if isinstance(need.get("plan"), str) else None,
        start=_date(need.get("start")),
        end=_date(need.get("end")),
        duration=need.get("duration") if isinstance(need.get("duration"), int) else None,
        depends=tuple(dep for dep in needs_bridge.links_of(need, "depends") if dep in known),
        external=external,
    )


def compute_phase_schedule(
    items: Iterable[NeedData], needs: Mapping[str, NeedData]
) -> tuple[Schedule, frozenset[str]]:
    """The schedule of the phases among ``items``, from the dates they hold, and the
    ids of those phases."""
    phases = [need for need in items if need["type"] == PHASE]
    phase_ids = {need["id"] for need in phases}
    # the phases of another project (sphinx-needs' external needs) that a phase here
    # depends on: their dates are the ones its needs.json gives
    others = sorted(
        {
            dep
            for need in phases
            for dep in needs_bridge.links_of(need, "depends")
            if dep in needs and needs[dep].get("is_external") and needs[dep]["type"] == PHASE
        }
    )
    known = phase_ids | set(others)
    inputs = [_phase_input(need, known) for need in phases]
    inputs += [_phase_input(needs[dep], set(), external=True) for dep in others]
    return compute_schedule(inputs), frozenset(phase_ids)


def write_schedule(
    schedule: Schedule, phase_ids: Collection[str], needs: MutableNeeds, owned: Collection[str]
) -> None:
    """Each phase's start, end and duration as scheduled; ``owned``: the fields the
    project defines itself in another form, never filled."""
    for phase_id, placed in schedule.phases.items():
        if phase_id not in phase_ids:
            continue  # another project's phase, as it was loaded
        need = needs[phase_id]
        for name, day in (("start", placed.start), ("end", placed.end)):
            if name not in owned:
                need[name] = day.isoformat() if day else None
        need["duration"] = placed.duration


def warn_schedule_problems(
    schedule: Schedule,
    locate: Callable[[str], Location | None],
    note: str = "",
) -> None:
    """A warning per cycle and per problem of a phase that ``locate`` places (``None``:
    a phase not to warn about)."""
    for cycle in schedule.cycles:
        located = [(phase_id, where) for phase_id in cycle if (where := locate(phase_id))]
        if located:
            warn(
                Subtype.CYCLE,
                f"{located[0][0]}: phases depend on each other in a cycle: "
                f"{' -> '.join(cycle)}; their start dates cannot be computed{note}",
                located[0][1],
            )
    for problem in schedule.problems:
        if (where := locate(problem.phase_id)) is not None:
            warn(Subtype.SCHEDULE, f"{problem.phase_id}: {problem.message}{note}", where)


def apply_schedule(
    items: Iterable[NeedData], needs: MutableNeeds, owned: Collection[str] = ()
) -> None:
    """The schedule computed into each phase, its problems warned about."""
    schedule, phase_ids = compute_phase_schedule(items, needs)
    write_schedule(schedule, phase_ids, needs, owned)
    warn_schedule_problems(schedule, lambda phase_id: _location(needs[phase_id]))


def mitigations(needs: Mapping[str, NeedData]) -> dict[str, list[str]]:
    """Risk id -> the needs that ``:mitigates:`` it; ``RISK_1.part`` mitigates risk
    ``RISK_1``, as the report counts it."""
    mitigated_by: dict[str, list[str]] = {}
    for need in needs.values():
        for target in needs_bridge.links_of(need, "mitigates"):
            base, _ = needs_bridge.resolve_link_target(needs, target)
            mitigated_by.setdefault(base, []).append(need["id"])
    return mitigated_by


def check_unmitigated(items: Iterable[NeedData], needs: Mapping[str, NeedData]) -> None:
    mitigated_by = mitigations(needs)
    for need in items:
        if (
            need["type"] == RISK
            and need.get("band") == "high"
            and not risk_is_mitigated(need.get("mitigation"), mitigated_by.get(need["id"], ()))
        ):
            # no score where the project keeps a ``score`` field of its own
            score = need.get("score")
            scored = f"scores {score} (band high)" if isinstance(score, int) else "is in band high"
            warn(
                Subtype.UNMITIGATED,
                f"{need['id']}: the risk {scored} and has neither :mitigation: nor an item "
                "that :mitigates: it",
                _location(need),
            )


def check_all_items(app: Sphinx, needs: MutableNeeds) -> None:
    """The ``needs-before-post-processing`` handler."""
    token = _included_files.set(get_domain(app.env).included)
    try:
        items = plan_items(needs)
        check_plans(items, needs)
        check_links(items, needs, requirement_types(app.config))
        apply_schedule(items, needs, needs_bridge.project_owned_fields(app.config))
        check_unmitigated(items, needs)
    finally:
        _included_files.reset(token)
