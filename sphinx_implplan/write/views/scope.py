"""Which plans and requirements a view covers, and the sentence a view shows
instead when it covers nothing.

``:plan:`` names one plan; without it a view covers the plan of its own document,
and in a document with no plan every plan of the project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_implplan.plan.coverage import Scope, plan_spec
from sphinx_implplan.plan.itemtypes import PLAN
from sphinx_implplan.plan.model import REQUIREMENT_LINKING_TYPES, Corpus
from sphinx_implplan.plan.requirement_selection import selected_requirements
from sphinx_implplan.write.views.spec import ViewSpec
from sphinx_implplan.write.views.table_nodes import sentence

if TYPE_CHECKING:
    from docutils import nodes


def unknown_plan(corpus: Corpus, spec: ViewSpec) -> bool:
    if spec.plan is None:
        return False
    plan = corpus.items.get(spec.plan)
    return plan is None or plan.type != PLAN


def plans_in_scope(corpus: Corpus, spec: ViewSpec) -> tuple[str, ...]:
    """The ids of the plans the view covers, in document order."""
    if spec.plan is not None:
        return () if unknown_plan(corpus, spec) else (spec.plan,)
    plans = corpus.plans
    own = [plan.id for plan in plans if plan.docname == spec.docname]
    return tuple(own[:1]) if own else tuple(plan.id for plan in plans)


def trace_scope(corpus: Corpus, spec: ViewSpec) -> Scope:
    """The plans' items and requirements; a view's ``:spec:`` replaces the plans' own
    documents, and each plan's ``:requirements:`` still narrows what it takes."""
    plans = plans_in_scope(corpus, spec)
    view_spec = frozenset(spec.spec) if spec.spec is not None else None
    return Scope(
        plans=plans,
        types=frozenset(spec.types or REQUIREMENT_LINKING_TYPES),
        spec=view_spec if view_spec is not None else plan_spec(corpus, plans),
        selected=selected_requirements(corpus, plans, view_spec),
    )


def nothing_in_scope(
    corpus: Corpus, spec: ViewSpec, nothing: str, *, needs_a_plan: bool = False
) -> list[nodes.Node] | None:
    """The sentence a view shows instead of itself when its ``:plan:`` is no plan (or,
    for a view drawn per plan, the project has none); ``None`` when there is a
    scope to draw. ``nothing`` ends the sentence: "nothing to list"."""
    if unknown_plan(corpus, spec):
        return [sentence(f"No plan {spec.plan} in this project: {nothing}.")]
    if needs_a_plan and not plans_in_scope(corpus, spec):
        return [sentence(f"No plan in this project: {nothing}.")]
    return None
