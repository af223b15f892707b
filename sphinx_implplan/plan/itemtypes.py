"""The thirteen plan item types and nine link types. No Sphinx imports.

This table is the single owner of everything that differs from one item type to
the next: directive name, prefix, colour, options and their value kinds, statuses,
required options, the fields the extension computes, what a title may hold, how the
card and the ``impl-table`` columns show the item, and which link option may go
from which type to which. Adding an item type means adding a row here (and its
page in the guide); the directive, the card, the tables, the report and the
sphinx-needs registration all read it from here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Final

from sphinx_implplan.plan.values import (
    METHODS,
    InvalidValue,
    split_endpoint_title,
    unknown_endpoint_method,
)

#: the directive names that other modules give a meaning of their own: the plan that
#: items belong to, the phases a schedule and a timeline place, the risks a heat map
#: places, the tests that verify and the metrics that measure, the changes no view lists
PLAN: Final = "impl-plan"
PHASE: Final = "impl-phase"
RISK: Final = "impl-risk"
DECISION: Final = "impl-decision"
TEST: Final = "impl-test"
METRIC: Final = "impl-metric"
ROLLOUT: Final = "impl-rollout"
CHANGE: Final = "impl-change"


class Kind(Enum):
    """How an option's raw text is read (guide: Values)."""

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
    REQUIREMENTS = "requirement entries"
    CASES = "test case patterns"


#: a computed pseudo-field of a card and a table: a phase's deliverables done
PROGRESS: Final = "progress"
#: the field a test's result is kept in: ``passed``, ``failed``, ``skipped``, ``not run``
RESULT: Final = "result"


def _endpoint_title(title: str, written: Collection[str]) -> dict[str, str]:
    """``method`` and ``path`` from a title like ``POST /api/sessions``.

    A title shaped like one whose first word is no HTTP method (``FETCH /api/x``) is
    refused, unless the item writes its ``:method:``: then the title is a plain title,
    and the option is judged on its own.
    """
    parsed = split_endpoint_title(title)
    if parsed is not None:
        return {"method": parsed[0], "path": parsed[1]}
    word = unknown_endpoint_method(title)
    if word is not None and "method" not in written:
        raise InvalidValue(
            f":method: {word!r}, read from the title {title.strip()!r}, is not an HTTP "
            f"method; use one of: {', '.join(METHODS)}. The title is kept as written, and "
            "gives no method or path"
        )
    return {}


@dataclass(frozen=True)
class ItemType:
    directive: str
    title: str
    prefix: str
    color: str
    #: own (non-link) options and how their values are read, in display order
    options: MappingProxyType[str, Kind]
    #: the header of the title column in an ``impl-table`` (``Component``, ``Risk``)
    title_header: str
    #: the columns an ``impl-table`` shows when ``:columns:`` is not given
    default_columns: tuple[str, ...]
    #: allowed statuses, or ``None`` where the status is free text
    statuses: tuple[str, ...] | None = None
    #: the status when none is given (a phase derives its own from its deliverables)
    default_status: str | None = None
    #: options that must be given
    required: tuple[str, ...] = ()
    #: fields the extension computes for the type: name -> JSON schema type
    computed: Mapping[str, str] = field(default_factory=dict)
    #: option values a title may carry, where the option is not given: called with the
    #: title and the options the item writes; raises ``InvalidValue`` for a title shaped
    #: like such values that cannot be read
    fields_from_title: Callable[[str, Collection[str]], dict[str, str]] | None = None
    #: the task-list items of the body are deliverables, and the status derives from them
    has_deliverables: bool = False
    #: computed values a card shows as fields, each after the option it follows
    #: (``None``: after every option)
    card_computed: tuple[tuple[str, str | None], ...] = ()
    #: computed values an ``impl-table`` offers as columns (after the plan column)
    table_computed: tuple[str, ...] = ()
    #: headers of the type's own for a column (``description`` of a decision)
    column_headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def short(self) -> str:
        """``risk`` for ``impl-risk``: the word views and CSS classes use."""
        return self.directive.removeprefix("impl-")

    @property
    def belongs_to_plan(self) -> bool:
        """Every item but a plan belongs to a plan (its ``plan`` field names it)."""
        return self.directive != PLAN

    @property
    def scored(self) -> bool:
        """Scored from ``:impact:`` and ``:likelihood:``, and placed in a band."""
        return "score" in self.computed

    def card_fields(self) -> list[str]:
        """The options and shown computed values in the order a card lists them."""
        after: dict[str | None, list[str]] = {}
        for name, follows in self.card_computed:
            after.setdefault(follows, []).append(name)
        ordered: list[str] = []
        for option in self.options:
            ordered += [option, *after.get(option, ())]
        return ordered + after.get(None, [])


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
        PLAN,
        "Implementation plan",
        "PLAN_",
        "#9AC1E5",
        {
            "spec": Kind.DOCS,
            "requirements": Kind.REQUIREMENTS,
            "updated": Kind.DATE,
            "owner": Kind.TEXT,
            "version": Kind.TEXT,
        },
        title_header="Plan",
        default_columns=("id", "title", "status", "updated"),
        statuses=PLAN_STATUSES,
        default_status="draft",
    ),
    _item(
        "impl-component",
        "Component",
        "CMP_",
        "#B5D99C",
        {"change": Kind.CHANGE, "purpose": Kind.TEXT},
        title_header="Component",
        default_columns=("id", "title", "purpose", "change", "implements"),
    ),
    _item(
        "impl-entity",
        "Entity",
        "ENT_",
        "#D6C4E8",
        {"fields": Kind.TEXT_LIST},
        title_header="Entity",
        default_columns=("id", "title", "fields", "relates"),
    ),
    _item(
        "impl-endpoint",
        "API endpoint",
        "API_",
        "#F2D492",
        {"method": Kind.METHOD, "path": Kind.TEXT},
        title_header="Endpoint",
        default_columns=("id", "method", "path", "description", "implements"),
        fields_from_title=_endpoint_title,
    ),
    _item(
        PHASE,
        "Phase",
        "PH_",
        "#8FD3C8",
        {"goal": Kind.TEXT, "start": Kind.DATE, "end": Kind.DATE, "duration": Kind.DURATION},
        title_header="Phase",
        default_columns=("id", "title", "goal", "start", "end", "progress", "status"),
        statuses=PHASE_STATUSES,
        computed={"deliverables_done": "integer", "deliverables_total": "integer"},
        has_deliverables=True,
        card_computed=((PROGRESS, None),),
        table_computed=(PROGRESS,),
    ),
    _item(
        DECISION,
        "Decision",
        "DEC_",
        "#F4B183",
        {"choice": Kind.TEXT, "alternatives": Kind.TEXT_LIST},
        title_header="Decision",
        default_columns=("id", "title", "choice", "description", "status"),
        statuses=DECISION_STATUSES,
        default_status="proposed",
        required=("choice",),
        column_headers={"description": "Rationale"},
    ),
    _item(
        RISK,
        "Risk",
        "RISK_",
        "#F08080",
        {
            "impact": Kind.LEVEL,
            "likelihood": Kind.LEVEL,
            "mitigation": Kind.TEXT,
            "owner": Kind.TEXT,
        },
        title_header="Risk",
        default_columns=("id", "title", "impact", "likelihood", "score", "mitigation", "status"),
        statuses=RISK_STATUSES,
        default_status="open",
        required=("impact", "likelihood"),
        computed={"score": "integer", "band": "string"},
        card_computed=(("score", "likelihood"),),
        table_computed=("score", "band"),
    ),
    _item(
        TEST,
        "Test",
        "TEST_",
        "#C9E4F5",
        {"level": Kind.TEST_LEVEL, "cases": Kind.CASES},
        title_header="Test",
        default_columns=("id", "level", "title", "verifies"),
        computed={RESULT: "string"},
        card_computed=((RESULT, None),),
        table_computed=(RESULT,),
    ),
    _item(
        ROLLOUT,
        "Rollout stage",
        "RO_",
        "#E8E49A",
        {"stage": Kind.STAGE, "audience": Kind.TEXT},
        title_header="Rollout",
        default_columns=("stage", "title", "audience"),
    ),
    _item(
        METRIC,
        "Success metric",
        "MET_",
        "#A9D8B8",
        {"target": Kind.TEXT, "baseline": Kind.TEXT},
        title_header="Metric",
        default_columns=("id", "title", "target", "baseline", "measures"),
    ),
    _item(
        "impl-tech",
        "Technology",
        "TECH_",
        "#CFCFCF",
        {"layer": Kind.LAYER, "version": Kind.TEXT, "purpose": Kind.TEXT},
        title_header="Technology",
        default_columns=("layer", "title", "version", "purpose"),
    ),
    _item(
        "impl-consideration",
        "Consideration",
        "CON_",
        "#F7C6D9",
        {"kind": Kind.KIND},
        title_header="Consideration",
        default_columns=("id", "kind", "title"),
    ),
    _item(
        CHANGE,
        "Change",
        "CHG_",
        "#E0E0E0",
        {"date": Kind.DATE},
        title_header="Change",
        default_columns=("date", "title"),
    ),
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
#: (``plan`` for every item, and each type's own)
COMPUTED_FIELDS: Final = MappingProxyType(
    {"plan": "string"} | {name: json for t in ITEM_TYPES for name, json in t.computed.items()}
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
