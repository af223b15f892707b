"""Which requirements a plan answers for, where its ``:requirements:`` narrows them.
No Sphinx imports.

Several plans may share one spec, each covering part of it. ``:requirements:``
narrows what a plan's coverage counts after ``:spec:``: a requirement counts when it
is one of the plan's ``:spec:`` requirements (every requirement without ``:spec:``)
and an entry of the option selects it (:mod:`.requirement_entries`). A plan without
the option counts every requirement of its ``:spec:``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from sphinx_implplan.plan.itemtypes import PLAN
from sphinx_implplan.plan.model import Corpus, Item
from sphinx_implplan.plan.requirement_entries import Selector, SelectorKind, selectors_from

#: the ``impl-plan`` option, and the field that keeps its entries
REQUIREMENTS_OPTION: Final = "requirements"


def selectors_of(plan: Item) -> tuple[Selector, ...] | None:
    """The entries of a plan's ``:requirements:``; ``None`` for a plan without it."""
    return selectors_from(plan.get(REQUIREMENTS_OPTION))


def selects(selectors: Iterable[Selector], requirement: Item) -> bool:
    return any(selector.selects(requirement.id, requirement.tags) for selector in selectors)


def plan_candidates(
    corpus: Corpus, plan: Item, view_spec: frozenset[str] | None = None
) -> list[Item]:
    """The requirements a plan's ``:requirements:`` selects from: those of its own
    ``:spec:``, or of ``view_spec`` where a view names documents instead; every
    requirement where neither names any."""
    if view_spec is not None:
        return corpus.requirements(view_spec)
    spec = plan.get("spec")
    return corpus.requirements(spec if isinstance(spec, list | tuple) and spec else None)


def selected_requirements(
    corpus: Corpus, plan_ids: Iterable[str], view_spec: frozenset[str] | None = None
) -> frozenset[str] | None:
    """The ids of the requirements the plans answer for: each plan's selection from
    its :func:`plan_candidates`, joined. ``None`` when no plan has
    ``:requirements:``, so that the documents alone decide, as without the option."""
    plans = [
        plan
        for plan_id in dict.fromkeys(plan_ids)
        if (plan := corpus.items.get(plan_id)) is not None and plan.type == PLAN
    ]
    chosen = [(plan, selectors_of(plan)) for plan in plans]
    if all(selectors is None for _, selectors in chosen):
        return None
    ids: set[str] = set()
    for plan, selectors in chosen:
        ids.update(
            requirement.id
            for requirement in plan_candidates(corpus, plan, view_spec)
            if selectors is None or selects(selectors, requirement)
        )
    return frozenset(ids)


def _why_nothing(corpus: Corpus, selector: Selector, within: str) -> str:
    """Why ``selector`` selects none of the requirements ``within``, in words."""
    if selector.kind is SelectorKind.TAG:
        return f"no requirement {within} has the tag {selector.value!r}"
    if selector.kind is SelectorKind.PATTERN:
        return f"it matches no requirement {within}"
    need = corpus.items.get(selector.value)
    if need is None:
        return "no need has this id"
    if not corpus.is_requirement(need):
        types = ", ".join(sorted(corpus.requirement_types))
        return f"it is of type {need.type}, which is no requirement type ({types})"
    place = f"document {need.docname!r}" if need.docname else "another project"
    return f"it is a requirement of {place}, not {within}"


def entries_selecting_nothing(corpus: Corpus, plan: Item) -> list[str]:
    """A message per entry of a plan's ``:requirements:`` that selects none of its
    :func:`plan_candidates`, in the order written."""
    selectors = selectors_of(plan)
    if not selectors:
        return []
    candidates = plan_candidates(corpus, plan)
    spec = plan.get("spec")
    within = "of the plan's :spec:" if isinstance(spec, list | tuple) and spec else "at all"
    return [
        f":{REQUIREMENTS_OPTION}: {selector.entry!r} selects nothing: "
        + _why_nothing(corpus, selector, within)
        for selector in selectors
        if not any(selects((selector,), requirement) for requirement in candidates)
    ]
