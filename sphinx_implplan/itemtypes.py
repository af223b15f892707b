"""The thirteen plan item types and nine link types of contract section 1. No Sphinx imports.

This table is the single source for directive names, prefixes, options and their
value kinds, statuses and which link option may go from which type to which.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Final


class Kind(Enum):
    """How an option's raw text is read (contract section 3)."""

    TEXT = "text"
    TEXT_LIST = "text list"
    DATE = "date"
    DURATION = "duration"
    LEVEL = "level"
    CHANGE = "change"
    METHOD = "method"
    TEST_LEVEL = "test level"
    LAYER = "layer"
    KIND = "kind"
    STAGE = "stage"
    DOCS = "docs"


@dataclass(frozen=True)
class ItemType:
    directive: str
    title: str
    prefix: str
    color: str
    #: own (non-link) options and how their values are read, in display order
    options: MappingProxyType[str, Kind]
    #: allowed statuses, or ``None`` where the status is free text
    statuses: tuple[str, ...] | None = None
    #: the status when none is given (a phase derives its own from its deliverables)
    default_status: str | None = None
    #: options that must be given
    required: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        """``risk`` for ``impl-risk``: the word views and CSS classes use."""
        return self.directive.removeprefix("impl-")


def _item(
    directive: str,
    title: str,
    prefix: str,
    color: str,
    options: dict[str, Kind],
    **extra: object,
) -> ItemType:
    return ItemType(directive, title, prefix, color, MappingProxyType(options), **extra)  # type: ignore[arg-type]


PLAN_STATUSES = ("draft", "in-progress", "complete")
PHASE_STATUSES = ("planned", "in-progress", "done", "blocked")
DECISION_STATUSES = ("proposed", "accepted", "rejected", "superseded")
RISK_STATUSES = ("open", "mitigated", "accepted", "closed")

ITEM_TYPES: Final[tuple[ItemType, ...]] = (
    _item(
        "impl-plan",
        "Implementation plan",
        "PLAN_",
        "#9AC1E5",
        {"spec": Kind.DOCS, "updated": Kind.DATE, "owner": Kind.TEXT, "version": Kind.TEXT},
        statuses=PLAN_STATUSES,
        default_status="draft",
    ),
    _item(
        "impl-component",
        "Component",
        "CMP_",
        "#B5D99C",
        {"change": Kind.CHANGE, "purpose": Kind.TEXT},
    ),
    _item(
        "impl-entity",
        "Entity",
        "ENT_",
        "#D6C4E8",
        {"fields": Kind.TEXT_LIST},
    ),
    _item(
        "impl-endpoint",
        "API endpoint",
        "API_",
        "#F2D492",
        {"method": Kind.METHOD, "path": Kind.TEXT},
    ),
    _item(
        "impl-phase",
        "Phase",
        "PH_",
        "#8FD3C8",
        {"goal": Kind.TEXT, "start": Kind.DATE, "end": Kind.DATE, "duration": Kind.DURATION},
        statuses=PHASE_STATUSES,
    ),
    _item(
        "impl-decision",
        "Decision",
        "DEC_",
        "#F4B183",
        {"choice": Kind.TEXT, "alternatives": Kind.TEXT_LIST},
        statuses=DECISION_STATUSES,
        default_status="proposed",
        required=("choice",),
    ),
    _item(
        "impl-risk",
        "Risk",
        "RISK_",
        "#F08080",
        {
            "impact": Kind.LEVEL,
            "likelihood": Kind.LEVEL,
            "mitigation": Kind.TEXT,
            "owner": Kind.TEXT,
        },
        statuses=RISK_STATUSES,
        default_status="open",
        required=("impact", "likelihood"),
    ),
    _item("impl-test", "Test", "TEST_", "#C9E4F5", {"level": Kind.TEST_LEVEL}),
    _item(
        "impl-rollout",
        "Rollout stage",
        "RO_",
        "#E8E49A",
        {"stage": Kind.STAGE, "audience": Kind.TEXT},
    ),
    _item(
        "impl-metric",
        "Success metric",
        "MET_",
        "#A9D8B8",
        {"target": Kind.TEXT, "baseline": Kind.TEXT},
    ),
    _item(
        "impl-tech",
        "Technology",
        "TECH_",
        "#CFCFCF",
        {"layer": Kind.LAYER, "version": Kind.TEXT, "purpose": Kind.TEXT},
    ),
    _item("impl-consideration", "Consideration", "CON_", "#F7C6D9", {"kind": Kind.KIND}),
    _item("impl-change", "Change", "CHG_", "#E0E0E0", {"date": Kind.DATE}),
)

ITEM_TYPES_BY_DIRECTIVE: Final = MappingProxyType({t.directive: t for t in ITEM_TYPES})

#: stands for "any type in ``implplan_requirement_types``" among link targets
REQUIREMENT: Final = "requirement"


@dataclass(frozen=True)
class LinkType:
    name: str
    outgoing: str
    incoming: str
    sources: frozenset[str]
    #: directive names, or :data:`REQUIREMENT`
    targets: frozenset[str]

    def allowed_types(self, requirement_types: frozenset[str]) -> frozenset[str]:
        """The need types a link may point to, with the placeholder replaced by the
        configured requirement types (so a project type named "requirement" counts
        only if it is one of them)."""
        named = self.targets - {REQUIREMENT}
        return named | requirement_types if REQUIREMENT in self.targets else named

    def allows_target(self, need_type: str, requirement_types: frozenset[str]) -> bool:
        return need_type in self.allowed_types(requirement_types)

    def describe_targets(self, requirement_types: frozenset[str]) -> str:
        return ", ".join(sorted(self.allowed_types(requirement_types)))


def _link(name: str, outgoing: str, incoming: str, sources: str, targets: str) -> LinkType:
    def directives(words: str) -> frozenset[str]:
        return frozenset(w if w == REQUIREMENT else f"impl-{w}" for w in words.split())

    return LinkType(name, outgoing, incoming, directives(sources), directives(targets))


LINK_TYPES: Final[tuple[LinkType, ...]] = (
    _link(
        "implements",
        "implements",
        "implemented by",
        "component entity endpoint phase rollout tech",
        REQUIREMENT,
    ),
    _link("addresses", "addresses", "addressed by", "decision consideration", REQUIREMENT),
    _link("affects", "affects", "affected by", "risk", f"{REQUIREMENT} phase component endpoint"),
    _link("mitigates", "mitigates", "mitigated by", "phase decision component test", "risk"),
    _link("verifies", "verifies", "verified by", "test", f"{REQUIREMENT} component endpoint phase"),
    _link("measures", "measures", "measured by", "metric", REQUIREMENT),
    _link("depends", "depends on", "required by", "phase", "phase"),
    _link("supersedes", "supersedes", "superseded by", "decision", "decision"),
    _link("relates", "relates to", "related from", "entity", "entity"),
)

LINK_TYPES_BY_NAME: Final = MappingProxyType({link.name: link for link in LINK_TYPES})


def links_from(directive: str) -> tuple[LinkType, ...]:
    """The link options an item type takes, in table order."""
    return tuple(link for link in LINK_TYPES if directive in link.sources)


#: fields computed by the extension, beside the options: name -> JSON schema type
COMPUTED_FIELDS: Final = MappingProxyType(
    {
        "plan": "string",
        "score": "integer",
        "band": "string",
        "deliverables_done": "integer",
        "deliverables_total": "integer",
    }
)

#: sphinx-needs' own fields that the extension fills but never registers
NEEDS_BUILTIN_FIELDS: Final = frozenset({"duration", "completion"})


def _option_fields() -> MappingProxyType[str, Kind]:
    fields: dict[str, Kind] = {}
    for item_type in ITEM_TYPES:
        for name, kind in item_type.options.items():
            fields.setdefault(name, kind)
    return MappingProxyType(fields)


#: every own option across the types, as one sphinx-needs field each (computed once)
OPTION_FIELDS: Final = _option_fields()


def option_fields() -> MappingProxyType[str, Kind]:
    """Every own option across the types, as one sphinx-needs field each."""
    return OPTION_FIELDS
