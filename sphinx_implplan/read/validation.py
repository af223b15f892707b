"""What can only be judged once every document is read, run once per build.

Unknown plans, links to unknown ids or to the wrong type, the phase schedule and
unmitigated high risks. Runs before sphinx-needs builds back-links, so the schedule
it computes is in every table, filter and ``needs.json``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

from sphinx_implplan import needs_bridge
from sphinx_implplan.config import requirement_types
from sphinx_implplan.diagnostics import Subtype, warn
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE, PHASE, PLAN, RISK, links_from
from sphinx_implplan.plan.schedule import PhaseInput, compute_schedule
from sphinx_implplan.plan.scoring import risk_is_mitigated

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_implplan.needs_bridge import MutableNeeds, NeedData


def _location(need: NeedData) -> tuple[str, int | None]:
    return (need["docname"], need.get("lineno"))


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
        if plan is None or need["type"] == PLAN:
            continue
        target = needs.get(plan)
        if target is None or target.get("type") != PLAN:
            warn(
                Subtype.PLAN,
                f"{need['id']}: :plan: {plan!r} is not the id of an impl-plan",
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


def apply_schedule(items: Iterable[NeedData], needs: MutableNeeds) -> None:
    phases = [need for need in items if need["type"] == PHASE]
    phase_ids = {need["id"] for need in phases}
    inputs = [
        PhaseInput(
            id=need["id"],
            plan=need.get("plan"),
            start=_date(need.get("start")),
            end=_date(need.get("end")),
            duration=need.get("duration") if isinstance(need.get("duration"), int) else None,
            depends=tuple(
                dep for dep in needs_bridge.links_of(need, "depends") if dep in phase_ids
            ),
        )
        for need in phases
    ]
    schedule = compute_schedule(inputs)
    for phase_id, placed in schedule.phases.items():
        need = needs[phase_id]
        need["start"] = placed.start.isoformat() if placed.start else None
        need["end"] = placed.end.isoformat() if placed.end else None
        need["duration"] = placed.duration
    for cycle in schedule.cycles:
        warn(
            Subtype.CYCLE,
            f"{cycle[0]}: phases depend on each other in a cycle: {' -> '.join(cycle)}; "
            "their start dates cannot be computed",
            _location(needs[cycle[0]]),
        )
    for problem in schedule.problems:
        warn(
            Subtype.SCHEDULE,
            f"{problem.phase_id}: {problem.message}",
            _location(needs[problem.phase_id]),
        )


def check_unmitigated(items: Iterable[NeedData], needs: Mapping[str, NeedData]) -> None:
    mitigated_by: dict[str, list[str]] = {}
    for need in needs.values():
        for target in needs_bridge.links_of(need, "mitigates"):
            # ``RISK_1.part`` mitigates risk ``RISK_1``, as the report counts it
            base, _ = needs_bridge.resolve_link_target(needs, target)
            mitigated_by.setdefault(base, []).append(need["id"])
    for need in items:
        if (
            need["type"] == RISK
            and need.get("band") == "high"
            and not risk_is_mitigated(need.get("mitigation"), mitigated_by.get(need["id"], ()))
        ):
            warn(
                Subtype.UNMITIGATED,
                f"{need['id']}: the risk scores {need.get('score')} (band high) and has "
                "neither :mitigation: nor an item that :mitigates: it",
                _location(need),
            )


def check_all_items(app: Sphinx, needs: MutableNeeds) -> None:
    """The ``needs-before-post-processing`` handler."""
    items = plan_items(needs)
    check_plans(items, needs)
    check_links(items, needs, requirement_types(app.config))
    apply_schedule(items, needs)
    check_unmitigated(items, needs)
