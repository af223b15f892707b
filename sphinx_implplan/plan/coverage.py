"""Requirements against the plan items that link to them, and the coverage numbers.
No Sphinx imports.

The requirements in scope are those of the scope's documents that the plans'
``:requirements:`` select (:mod:`.requirement_selection`). Only the items of the
plans in scope count. A requirement is implemented when one of them links to it by
``:implements:``, verified when an ``impl-test`` of them does by ``:verifies:``,
measured when an ``impl-metric`` of them does by ``:measures:``, passing when it is
verified and every test of them that verifies it passed (:mod:`.outcomes`).
The open questions in scope are the markers in the text of the requirements in
scope (:mod:`.open_questions`), whoever links to them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sphinx_implplan.plan.itemtypes import METRIC, RISK, TEST
from sphinx_implplan.plan.model import REQUIREMENT_LINKING_TYPES, Corpus, Item, natural_key
from sphinx_implplan.plan.outcomes import TestResult


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent to one decimal, halves rounded up (7 of 12 is
    58.3); ``None`` when there is no whole to take a part of."""
    if whole <= 0:
        return None
    # in whole tenths, so no float rounding moves a half: (1000 p + w) // 2w
    tenths = (part * 2000 + whole) // (whole * 2)
    return tenths / 10


@dataclass(frozen=True)
class Scope:
    """Which plans' items count, and which requirements they are measured against."""

    plans: tuple[str, ...]
    #: item types whose links count
    types: frozenset[str] = frozenset(REQUIREMENT_LINKING_TYPES)
    #: documents to take requirements from; ``None`` for every requirement
    spec: frozenset[str] | None = None
    #: of those, the ids of the requirements the plans' ``:requirements:`` select;
    #: ``None`` where no plan narrows its requirements
    selected: frozenset[str] | None = None


@dataclass(frozen=True)
class TraceRow:
    requirement: Item
    implemented_by: tuple[str, ...]
    verified_by: tuple[str, ...]
    measured_by: tuple[str, ...]
    affected_by: tuple[str, ...]
    addressed_by: tuple[str, ...]
    #: verified, and every test of ``verified_by`` passed
    passing: bool = False

    @property
    def implemented(self) -> bool:
        return bool(self.implemented_by)

    @property
    def verified(self) -> bool:
        return bool(self.verified_by)

    @property
    def measured(self) -> bool:
        return bool(self.measured_by)

    def links(self) -> dict[str, tuple[str, ...]]:
        """Link name -> the items of this row linking by it."""
        return {
            "implements": self.implemented_by,
            "verifies": self.verified_by,
            "measures": self.measured_by,
            "affects": self.affected_by,
            "addresses": self.addressed_by,
        }


@dataclass(frozen=True)
class Coverage:
    requirements: int
    implemented: int
    verified: int
    measured: int
    #: the ``[NEEDS CLARIFICATION]`` markers in the requirements counted, each one
    open_questions: int = 0
    #: verified, and every test verifying it passed
    passing: int = 0

    @property
    def percent(self) -> float | None:
        return percent(self.implemented, self.requirements)

    @property
    def verified_percent(self) -> float | None:
        return percent(self.verified, self.requirements)

    @property
    def measured_percent(self) -> float | None:
        return percent(self.measured, self.requirements)

    @property
    def passing_percent(self) -> float | None:
        return percent(self.passing, self.requirements)


def plan_spec(corpus: Corpus, plan_ids: Iterable[str]) -> frozenset[str] | None:
    """The documents the plans take requirements from: the union of their ``:spec:``,
    or ``None`` (every requirement) as soon as one of them names none, or when there
    is no plan at all."""
    plan_ids = list(plan_ids)
    if not plan_ids:
        return None
    docs: set[str] = set()
    for plan_id in plan_ids:
        plan = corpus.items.get(plan_id)
        spec = plan.get("spec") if plan is not None else None
        if not spec:
            return None
        docs.update(spec)
    return frozenset(docs)


def scoped_requirements(corpus: Corpus, scope: Scope) -> list[Item]:
    requirements = corpus.requirements(scope.spec)
    if scope.selected is None:
        return requirements
    return [requirement for requirement in requirements if requirement.id in scope.selected]


#: link name -> the only item type whose links of that name count (``None``: any)
_COUNTED_LINKS: dict[str, str | None] = {
    "implements": None,
    "verifies": TEST,
    "measures": METRIC,
    "affects": RISK,
    "addresses": None,
}


def linked_rows(
    corpus: Corpus, plans: Sequence[str], types: Collection[str], in_scope: Collection[str]
) -> dict[str, TraceRow]:
    """The row of each requirement of ``in_scope`` that an item of ``plans`` (of
    ``types``) links to, by requirement id: found by walking those items' own links,
    so the time grows with the plans' items, not with the requirements in scope."""
    sources: dict[str, dict[str, set[str]]] = {}
    for item_type in types:
        for item in corpus.of_type(item_type, plans):
            for link, only_type in _COUNTED_LINKS.items():
                if only_type is not None and item.type != only_type:
                    continue
                for target in item.links_of(link):
                    if target in in_scope:
                        sources.setdefault(target, {}).setdefault(link, set()).add(item.id)
    rows = {}
    for requirement_id, by_link in sources.items():
        found = {link: tuple(sorted(ids, key=natural_key)) for link, ids in by_link.items()}
        verified_by = found.get("verifies", ())
        rows[requirement_id] = TraceRow(
            requirement=corpus.items[requirement_id],
            implemented_by=found.get("implements", ()),
            verified_by=verified_by,
            measured_by=found.get("measures", ()),
            affected_by=found.get("affects", ()),
            addressed_by=found.get("addresses", ()),
            passing=all_passed(corpus, verified_by),
        )
    return rows


def trace_rows(corpus: Corpus, scope: Scope) -> list[TraceRow]:
    """One row per requirement in scope, in id order."""
    requirements = scoped_requirements(corpus, scope)
    in_scope = {requirement.id for requirement in requirements}
    linked = linked_rows(corpus, scope.plans, scope.types, in_scope)
    return [
        linked.get(requirement.id) or TraceRow(requirement, (), (), (), (), ())
        for requirement in requirements
    ]


def all_passed(corpus: Corpus, test_ids: Sequence[str]) -> bool:
    """Whether there is a test among ``test_ids`` and every one of them passed."""
    return bool(test_ids) and all(
        corpus.test_outcome(test_id).result is TestResult.PASSED for test_id in test_ids
    )


def coverage_of(rows: Collection[TraceRow]) -> Coverage:
    return Coverage(
        requirements=len(rows),
        implemented=sum(row.implemented for row in rows),
        verified=sum(row.verified for row in rows),
        measured=sum(row.measured for row in rows),
        open_questions=sum(len(row.requirement.open_questions) for row in rows),
        passing=sum(row.passing for row in rows),
    )


@dataclass(frozen=True)
class OpenQuestion:
    """One marker: the requirement it stands in and its question (``""`` for none)."""

    requirement: str
    question: str


def open_questions_of(rows: Iterable[TraceRow]) -> list[OpenQuestion]:
    """Every marker of the rows' requirements: in the rows' order (by id), then in
    the order written."""
    return [
        OpenQuestion(row.requirement.id, question)
        for row in rows
        for question in row.requirement.open_questions
    ]


def uncovered(rows: Iterable[TraceRow]) -> list[str]:
    """The ids of the requirements no item of the scope implements."""
    return [row.requirement.id for row in rows if not row.implemented]


@dataclass(frozen=True)
class Matrix:
    """Requirements (rows) against the plan items that link to them (columns)."""

    rows: tuple[TraceRow, ...]
    columns: tuple[Item, ...]
    #: (requirement id, item id) -> the link names from the item to the requirement
    cells: dict[tuple[str, str], tuple[str, ...]]


def trace_matrix(corpus: Corpus, rows: Sequence[TraceRow]) -> Matrix:
    """The items linking to any of ``rows``, ordered by type (as the item table lists
    them) and then by id."""
    cells: dict[tuple[str, str], list[str]] = {}
    column_ids: set[str] = set()
    for row in rows:
        for link, sources in row.links().items():
            for source in sources:
                cells.setdefault((row.requirement.id, source), []).append(link)
                column_ids.add(source)
    type_order = {name: index for index, name in enumerate(REQUIREMENT_LINKING_TYPES)}
    columns = sorted(
        (corpus.items[item_id] for item_id in column_ids),
        key=lambda item: (type_order.get(item.type, len(type_order)), natural_key(item.id)),
    )
    return Matrix(
        rows=tuple(rows),
        columns=tuple(columns),
        cells={key: tuple(links) for key, links in cells.items()},
    )
