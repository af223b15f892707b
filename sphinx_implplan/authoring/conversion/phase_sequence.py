"""Phases that follow one another, where the plan says so outside them: ``Phases run
back to back``, ``Each phase starts when the previous one ends``, ``A phase is only
started when every box in the previous one is ticked``.

A phase with neither a start nor an end of its own (a duration at most) then depends
on the phase before it, so that the build places it the day after that one ends;
the first phase, with neither, starts on the plan's start date where the plan states
one. A phase that names its dependencies keeps them, and a phase of a number nested
in another's (``Phase 7.1``) is part of that one's time, not after it.
"""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.context import Conversion, Phase

_WORD = r"(?:phases?|stages?|steps?|milestones?|waves?)"
#: the words a plan says its phases run in sequence with
_IN_SEQUENCE = re.compile(
    rf"\b{_WORD}\s+(?:run|are|follow|happen|go|come)\s+(?:strictly\s+)?"
    r"(?:sequential(?:ly)?|in sequence|back[- ]to[- ]back|one after (?:the )?(?:other|another))"
    rf"|\b(?:a|each|every|the next)\s+{_WORD}\s+(?:only\s+)?(?:is\s+(?:only\s+)?)?"
    r"(?:starts?|started|begins?|begun)\s+(?:only\s+)?(?:when|once|after)\b"
    r"[^.;]{0,80}?\b(?:previous|prior|preceding|one before)\b",
    re.IGNORECASE,
)
_OWN = frozenset({"start", "end", "depends"})


def in_sequence(texts: list[str]) -> bool:
    """Whether the plan's texts (its lines, a sentence running on from one to the
    next) say its phases run one after another."""
    return bool(_IN_SEQUENCE.search(" ".join(texts)))


def chain_phases(conversion: Conversion) -> None:
    """Where the plan runs its phases in sequence: each phase with no start or end of
    its own after the one before it, the first from the plan's start date."""
    if not conversion.in_sequence:
        return
    phases = sorted(
        (phase for phase in conversion.phases if "." not in phase.number),
        key=lambda phase: _line_of(conversion, phase),
    )
    for index, phase in enumerate(phases):
        options = dict(phase.directive.options)
        if _OWN & options.keys():
            continue
        if index > 0:
            phase.directive.option("depends", dict(phases[index - 1].directive.options)["id"])
        elif conversion.plan_start is not None:
            phase.directive.option("start", conversion.plan_start)


def _line_of(conversion: Conversion, phase: Phase) -> int:
    return next(
        (
            replacement.start
            for replacement in conversion.replacements
            if any(directive is phase.directive for directive in replacement.directives)
        ),
        0,
    )
