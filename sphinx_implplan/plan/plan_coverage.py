"""One plan's coverage, in time that grows with the plan's own links rather than with
the requirements in its scope. No Sphinx imports.

Hundreds of plans without ``:spec:`` each count every requirement of the project.
Building one :class:`.coverage.TraceRow` per requirement in scope per plan made the
report and the summary grow with plans times requirements. Here the requirements of
a scope are found once per selection that defines it (``:spec:`` and
``:requirements:``) and shared by every plan with that selection, and a plan's
figures come from walking its own items' links into that set. The figures are those
of :func:`.coverage.trace_rows` and :func:`.coverage.coverage_of` over the plan's
own scope (:func:`.rollup.plan_scope`).
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from sphinx_implplan.plan.coverage import (
    Coverage,
    OpenQuestion,
    TraceRow,
    linked_rows,
    plan_spec,
)
from sphinx_implplan.plan.model import REQUIREMENT_LINKING_TYPES, Corpus, Item, natural_key
from sphinx_implplan.plan.requirement_entries import Selector
from sphinx_implplan.plan.requirement_selection import selectors_of, selects

#: what defines a plan's scope: its ``:spec:`` documents (``None``: every
#: requirement) and its ``:requirements:`` entries (``None``: no such option)
_Selection = tuple[frozenset[str] | None, tuple[Selector, ...] | None]


@dataclass(frozen=True)
class ScopeRequirements:
    """The requirements one selection counts, made once however many plans share it."""

    #: in id order
    requirements: tuple[Item, ...]
    ids: frozenset[str]
    #: the markers in them, by requirement id then as written
    open_questions: tuple[OpenQuestion, ...]


@dataclass(frozen=True)
class PlanTrace:
    """A plan's coverage of its own scope."""

    scope: ScopeRequirements
    coverage: Coverage
    #: one row per requirement in scope that an item of the plan implements,
    #: verifies or measures, in id order; the other requirements have empty rows
    linked: tuple[TraceRow, ...]


_SCOPES: WeakKeyDictionary[Corpus, dict[_Selection, ScopeRequirements]] = WeakKeyDictionary()


def _selection(corpus: Corpus, plan: Item) -> _Selection:
    return plan_spec(corpus, (plan.id,)), selectors_of(plan)


def scope_requirements(corpus: Corpus, plan: Item) -> ScopeRequirements:
    """The requirements in ``plan``'s own scope, shared with every plan of the same
    ``:spec:`` and ``:requirements:`` (kept as long as the corpus lives)."""
    known = _SCOPES.setdefault(corpus, {})
    selection = _selection(corpus, plan)
    found = known.get(selection)
    if found is None:
        spec, selectors = selection
        requirements = tuple(
            requirement
            for requirement in corpus.requirements(spec)
            if selectors is None or selects(selectors, requirement)
        )
        found = known[selection] = ScopeRequirements(
            requirements=requirements,
            ids=frozenset(requirement.id for requirement in requirements),
            open_questions=tuple(
                OpenQuestion(requirement.id, question)
                for requirement in requirements
                for question in requirement.open_questions
            ),
        )
    return found


def _linked_rows(corpus: Corpus, plan_id: str, in_scope: frozenset[str]) -> list[TraceRow]:
    rows = linked_rows(corpus, (plan_id,), REQUIREMENT_LINKING_TYPES, in_scope)
    # a requirement only a risk affects or an item addresses is no coverage
    return [
        rows[rid]
        for rid in sorted(rows, key=natural_key)
        if rows[rid].implemented or rows[rid].verified or rows[rid].measured
    ]


def plan_trace(corpus: Corpus, plan: Item) -> PlanTrace:
    scope = scope_requirements(corpus, plan)
    linked = _linked_rows(corpus, plan.id, scope.ids)
    return PlanTrace(
        scope=scope,
        coverage=Coverage(
            requirements=len(scope.requirements),
            implemented=sum(row.implemented for row in linked),
            verified=sum(row.verified for row in linked),
            measured=sum(row.measured for row in linked),
            open_questions=len(scope.open_questions),
            passing=sum(row.passing for row in linked),
        ),
        linked=tuple(linked),
    )
