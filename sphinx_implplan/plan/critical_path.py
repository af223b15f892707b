"""The critical path of a plan's phases: the chain of dependencies that fixes the
plan's end. No Sphinx imports.

It starts at the phases that end last and goes back, from each phase, to the
phases it depends on that leave it no slack: those that end latest among the ones
ending on or after the day before it starts. A phase whose own ``:start:`` lies
later than that day starts on its own date, not because of its dependencies, and
the chain ends at it. Ties are kept, so the path may branch; a cycle is walked
once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A phase with dates: its first and last day as ordinals, and the phases it
    depends on (ids; those without a span are passed over)."""

    first: int
    last: int
    depends: Sequence[str] = ()


@dataclass(frozen=True)
class CriticalPath:
    phases: frozenset[str]
    #: (dependency, dependant) of each step along the path
    links: frozenset[tuple[str, str]]


def critical_path(spans: Mapping[str, Span]) -> CriticalPath:
    if not spans:
        return CriticalPath(frozenset(), frozenset())
    plan_end = max(span.last for span in spans.values())
    waiting = sorted(phase for phase, span in spans.items() if span.last == plan_end)
    phases: set[str] = set(waiting)
    links: set[tuple[str, str]] = set()
    while waiting:
        phase = waiting.pop()
        span = spans[phase]
        # ending on or after the day before it starts: no slack between them
        driving = [
            dep for dep in span.depends if dep in spans and spans[dep].last >= span.first - 1
        ]
        if not driving:
            continue
        latest = max(spans[dep].last for dep in driving)
        for dep in sorted(set(driving)):
            if spans[dep].last != latest:
                continue
            links.add((dep, phase))
            if dep not in phases:
                phases.add(dep)
                waiting.append(dep)
    return CriticalPath(frozenset(phases), frozenset(links))
