"""Which part of a plan a section is, read from the words of its heading."""

from __future__ import annotations

import re
from enum import Enum
from typing import TypeVar

from sphinx_implplan.authoring.conversion.markdown import normal_header

_Name = TypeVar("_Name")


def _patterns(
    pairs: tuple[tuple[_Name, str], ...],
) -> tuple[tuple[_Name, re.Pattern[str]], ...]:
    return tuple((name, re.compile(pattern)) for name, pattern in pairs)


def _first_named(patterns: tuple[tuple[_Name, re.Pattern[str]], ...], heading: str) -> _Name | None:
    """The name of the first pattern the heading's words match (first match wins)."""
    words = normal_header(heading)
    return next((name for name, pattern in patterns if pattern.search(words)), None)


class SectionKind(Enum):
    COMPONENTS = "components"
    DATA_MODEL = "data model"
    RELATIONSHIPS = "relationships"
    API = "api"
    TIMELINE = "timeline"
    DECISIONS = "decisions"
    RISKS = "risks"
    TESTING = "testing"
    ROLLOUT = "rollout"
    METRICS = "metrics"
    STACK = "stack"
    CONSIDERATIONS = "considerations"
    CHANGELOG = "changelog"


# first match wins: "Security Considerations" is a consideration, not a test level,
# and "Risks & Mitigation" a risk section
_KIND_WORDS = _patterns(
    (
        (SectionKind.CHANGELOG, r"\b(change ?log|revision history|version history|history)\b"),
        (SectionKind.CONSIDERATIONS, r"\bconsiderations?\b"),
        (SectionKind.TESTING, r"\btest(s|ing)?\b"),
        (SectionKind.RISKS, r"\brisks?\b"),
        (SectionKind.DECISIONS, r"\bdecisions?\b"),
        (SectionKind.STACK, r"\b(stack|technolog(y|ies)|tech)\b"),
        (SectionKind.METRICS, r"\b(metrics?|kpis?|success criteria)\b"),
        (SectionKind.ROLLOUT, r"\b(roll ?-?out|deployment|release plan|launch)\b"),
        (SectionKind.TIMELINE, r"\b(timeline|schedule|milestones?)\b"),
        (SectionKind.RELATIONSHIPS, r"\brelationships?\b"),
        (SectionKind.API, r"\b(apis?|endpoints?)\b"),
        (SectionKind.DATA_MODEL, r"\b(data model|entities|entity|schema|data structures?)\b"),
        (SectionKind.COMPONENTS, r"\bcomponents?\b"),
    )
)

_PHASE_HEADING = re.compile(r"phase\s+(\d+)\s*(?::|-|\u2013|\u2014|\.|\))?\s*(.*)", re.IGNORECASE)


def kind_of(heading: str) -> SectionKind | None:
    return _first_named(_KIND_WORDS, heading)


def phase_heading(heading: str) -> tuple[int, str] | None:
    """``(1, "Foundation")`` from ``Phase 1: Foundation``; ``None`` for other headings."""
    match = _PHASE_HEADING.fullmatch(heading.strip())
    if match is None:
        return None
    return int(match.group(1)), match.group(2).strip()


_LAYERS = _patterns(
    (
        ("frontend", r"\b(front ?-?end|client|ui|web|mobile|apps?)\b"),
        ("backend", r"\b(back ?-?end|server|services?)\b"),
        ("database", r"\b(databases?|db|data|storage|persistence)\b"),
        ("infrastructure", r"\b(infrastructure|infra|hosting|cloud|platform|operations)\b"),
        ("tooling", r"\b(tooling|tools|ci|cd|build|devops|developer)\b"),
    )
)


def layer_of(heading: str) -> str | None:
    return _first_named(_LAYERS, heading)


_TEST_LEVELS = _patterns(
    (
        ("unit", r"\bunit\b"),
        ("integration", r"\bintegration\b"),
        ("e2e", r"\b(end ?-?to ?-?end|e2e)\b"),
        ("performance", r"\b(performance|load|stress)\b"),
        ("security", r"\b(security|penetration|pen)\b"),
        ("manual", r"\b(manual|acceptance|uat|exploratory)\b"),
    )
)


def test_level_of(heading: str) -> str | None:
    return _first_named(_TEST_LEVELS, heading)


_CONSIDERATION_KINDS = _patterns(
    (
        ("security", r"\b(security|privacy)\b"),
        ("performance", r"\b(performance|scalability)\b"),
        ("accessibility", r"\b(accessibility|a11y)\b"),
        ("operations", r"\b(operations|operational|ops|reliability|monitoring)\b"),
    )
)


def consideration_kind_of(heading: str) -> str | None:
    return _first_named(_CONSIDERATION_KINDS, heading)
