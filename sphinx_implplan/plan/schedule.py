"""The phase schedule (guide: Values). No Sphinx imports.

A phase with ``:start:`` starts then; without it, the day after the latest end of
the phases it depends on, or, with no dependencies, at the plan's first phase start
(the earliest ``:start:`` written on a phase of the same plan), unless its ``:end:``
is before that day: then its start is not known. End days are
inclusive and ``:end:`` wins over ``:duration:``, unless it is further from the start
than the longest duration allowed. Calendar days only, up to 9999-12-31. A phase of
another project is taken with the dates it has.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sphinx_implplan.plan.values import MAX_DURATION_DAYS


@dataclass(frozen=True)
class PhaseInput:
    id: str
    plan: str | None
    start: datetime.date | None = None
    end: datetime.date | None = None
    duration: int | None = None
    #: ids of the phases it depends on (unknown ids already removed by the caller)
    depends: tuple[str, ...] = ()
    #: a phase of another project: its dates are taken as they are (nothing computed
    #: or checked for it), and it is no plan's first phase start
    external: bool = False


@dataclass(frozen=True)
class Scheduled:
    start: datetime.date | None
    end: datetime.date | None
    #: whole days, first and last day included
    duration: int | None


@dataclass(frozen=True)
class ScheduleProblem:
    phase_id: str
    message: str


@dataclass
class Schedule:
    phases: dict[str, Scheduled] = field(default_factory=dict)
    #: each cycle as the ids along it, starting at its smallest id
    cycles: list[list[str]] = field(default_factory=list)
    problems: list[ScheduleProblem] = field(default_factory=list)


def find_cycles(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Every dependency cycle once, as a path from its smallest id back to it.

    Strongly connected components (Tarjan, iterative so that long chains cannot hit
    Python's recursion limit); a component of one node is a cycle only if the node
    depends on itself.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child_pos = work.pop()
            if child_pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = graph.get(node, ())
            if child_pos < len(children):
                work.append((node, child_pos + 1))
                child = children[child_pos]
                if child not in graph:
                    continue
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if work and work[-1][0] != node:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    cycles = []
    for component in components:
        members = set(component)
        start = min(component)
        if len(component) == 1 and start not in graph.get(start, ()):
            continue
        cycles.append(_path_back(graph, start, members))
    return sorted(cycles)


def _path_back(graph: Mapping[str, Sequence[str]], start: str, members: set[str]) -> list[str]:
    """A shortest path from ``start`` back to itself inside one component."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph.get(node, ())):
                if child not in members:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start, start]  # not reached for a real component


def plan_anchors(phases: Iterable[PhaseInput]) -> dict[str | None, datetime.date]:
    """Each plan's first phase start: the earliest ``:start:`` among its phases."""
    anchors: dict[str | None, datetime.date] = {}
    for phase in phases:
        if phase.external:
            continue
        if phase.start is not None and (
            phase.plan not in anchors or phase.start < anchors[phase.plan]
        ):
            anchors[phase.plan] = phase.start
    return anchors


def compute_schedule(phases: Sequence[PhaseInput]) -> Schedule:
    """Start, end and duration of every phase, and what is wrong with the schedule."""
    by_id = {phase.id: phase for phase in phases}
    graph = {phase.id: [dep for dep in phase.depends if dep in by_id] for phase in phases}
    result = Schedule(cycles=find_cycles(graph))
    anchors = plan_anchors(phases)

    # Kahn's order: a phase is placed once every phase it depends on is placed;
    # phases on or behind a cycle are never released and keep only what they state.
    waiting = {phase_id: len(set(deps)) for phase_id, deps in graph.items()}
    dependants: dict[str, list[str]] = {phase_id: [] for phase_id in graph}
    for phase_id, deps in graph.items():
        for dep in set(deps):
            dependants[dep].append(phase_id)
    ready = sorted(phase_id for phase_id, count in waiting.items() if count == 0)
    placed_in_order: set[str] = set()
    while ready:
        phase_id = ready.pop()
        phase = by_id[phase_id]
        result.phases[phase_id] = _place(phase, graph[phase_id], result.phases, anchors)
        placed_in_order.add(phase_id)
        for child in sorted(dependants[phase_id], reverse=True):
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    for phase in phases:
        if phase.id not in result.phases:
            result.phases[phase.id] = _dated(phase, phase.start)

    for phase in phases:
        if phase.external:
            continue
        released = phase.id in placed_in_order
        _check_calendar(phase, graph[phase.id], result, released=released)
        _check(phase, graph[phase.id], result)
    return result


def _place(
    phase: PhaseInput,
    deps: Sequence[str],
    placed: Mapping[str, Scheduled],
    anchors: Mapping[str | None, datetime.date],
) -> Scheduled:
    start = phase.start
    if start is None and deps:
        ends = [placed[dep].end for dep in deps]
        if all(end is not None for end in ends):
            start = _shift(max(end for end in ends if end is not None), 1)
    elif start is None:
        start = anchors.get(phase.plan)
        if start is not None and phase.end is not None and phase.end < start:
            # a deadline before the plan's first start (``due end of February``,
            # listed before a phase dated from March) says when it ends, not that
            # it starts in March: its start is not known
            start = None
    return _dated(phase, start)


def _dated(phase: PhaseInput, start: datetime.date | None) -> Scheduled:
    if phase.external:
        return Scheduled(phase.start, phase.end, phase.duration)
    end = phase.end
    if end is not None and start is not None and _span(start, end) > MAX_DURATION_DAYS:
        # a :duration: that long is refused, and so is such an end: it is left out
        # (reported by _check_calendar)
        end = None
    if end is None and start is not None and phase.duration is not None:
        end = _shift(start, phase.duration - 1)
    duration = phase.duration
    if start is not None and end is not None:
        # an end before the start is reported as a problem; no negative length is stored
        duration = (end - start).days + 1 if end >= start else None
    return Scheduled(start, end, duration)


def _span(start: datetime.date, end: datetime.date) -> int:
    """The days from ``start`` to ``end``, both included."""
    return (end - start).days + 1


def _shift(day: datetime.date, days: int) -> datetime.date | None:
    """``day`` moved by ``days``, or ``None`` past the calendar's ends (year 1 to 9999)."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return None


def _check_calendar(
    phase: PhaseInput, deps: Sequence[str], result: Schedule, *, released: bool
) -> None:
    """The dates a phase has not, and why: a start (for a phase ``released`` in
    dependency order) or an end past the calendar's last day, an ``:end:`` too far
    from its start."""
    placed = result.phases[phase.id]
    last = datetime.date.max
    after_last = [dep for dep in sorted(set(deps)) if result.phases[dep].end == last]
    if released and phase.start is None and after_last:
        # the day after the latest end among them is past the calendar's last day
        result.problems.append(
            ScheduleProblem(
                phase.id,
                f"phase {phase.id!r} would start the day after phase {after_last[0]!r} "
                f"it depends on ends, past the calendar's end ({last.isoformat()}); it "
                "has no start",
            )
        )
    if placed.start is None:
        return
    if phase.end is not None and _span(placed.start, phase.end) > MAX_DURATION_DAYS:
        result.problems.append(
            ScheduleProblem(
                phase.id,
                f"phase {phase.id!r} ends {phase.end.isoformat()}, "
                f"{_span(placed.start, phase.end)} days from its start "
                f"{placed.start.isoformat()}: longer than {MAX_DURATION_DAYS} days (100 "
                "years), which no :duration: may be either; its :end: is left out",
            )
        )
    if placed.end is None and phase.duration is not None:
        result.problems.append(
            ScheduleProblem(
                phase.id,
                f"phase {phase.id!r} starts {placed.start.isoformat()} and lasts "
                f"{phase.duration} days: its end falls past the calendar's end "
                f"({last.isoformat()}); it has no end",
            )
        )


def _check(phase: PhaseInput, deps: Sequence[str], result: Schedule) -> None:
    placed = result.phases[phase.id]
    if placed.start is not None and placed.end is not None and placed.end < placed.start:
        result.problems.append(
            ScheduleProblem(
                phase.id,
                f"phase {phase.id!r} ends {placed.end.isoformat()} before it starts "
                f"{placed.start.isoformat()}",
            )
        )
    if phase.start is None:
        return
    for dep in sorted(set(deps)):
        dep_end = result.phases[dep].end
        if dep_end is not None and phase.start <= dep_end:
            result.problems.append(
                ScheduleProblem(
                    phase.id,
                    f"phase {phase.id!r} starts {phase.start.isoformat()}, before phase "
                    f"{dep!r} it depends on ends ({dep_end.isoformat()})",
                )
            )
