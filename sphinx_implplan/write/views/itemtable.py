"""``impl-table``: one seed-shaped table of one item type, per plan in scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_implplan.plan.columns import Column, Shows, columns_for, default_columns
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE, PHASE, PLAN, ROLLOUT
from sphinx_implplan.plan.rollup import timeline
from sphinx_implplan.plan.values import days_text, display_text
from sphinx_implplan.write.views.progress import progress_nodes
from sphinx_implplan.write.views.scope import nothing_in_scope, plans_in_scope
from sphinx_implplan.write.views.table_nodes import Cell, make_table, sentence

if TYPE_CHECKING:
    from sphinx_implplan.plan.model import Item
    from sphinx_implplan.write.views.render import ViewContext
    from sphinx_implplan.write.views.spec import ViewSpec


def _mitigation(context: ViewContext, risk: Item) -> Cell:
    """The mitigation as written, and the items that mitigate the risk, so a risk
    mitigated only through ``:mitigates:`` links does not look unmitigated."""
    text = display_text(risk.get("mitigation"))
    by = context.corpus.sources(risk.id, "mitigates")
    if not by:
        return text
    shown: list[nodes.Node] = [nodes.Text(f"{text} (mitigated by " if text else "Mitigated by ")]
    shown += [*context.refs(by), nodes.Text(")" if text else "")]
    return shown


def cell(context: ViewContext, item: Item, column: Column) -> Cell:
    match column.shows:
        case Shows.ID:
            return [context.ref(item.id)]
        case Shows.TITLE:
            return item.title
        case Shows.IDS:
            if column.key == "plan":
                return context.refs([item.plan] if item.plan else [])
            if column.incoming:
                return context.refs(context.corpus.sources(item.id, column.field))
            return context.refs(item.links_of(column.field))
        case Shows.DOCS:
            return context.doc_refs(item.get(column.field) or ())
        case Shows.PROGRESS:
            return progress_nodes(item, builder_format=context.builder_format)
        case Shows.DURATION:
            return days_text(item.get(column.field))
        case Shows.TEXT:
            if column.key == "description":
                return item.description
            if column.key == "status":
                return item.status or ""
            if column.key == "mitigation":
                return _mitigation(context, item)
            return display_text(item.get(column.field))
    raise AssertionError(column)  # pragma: no cover - every kind is handled above


def _ordered(items: list[Item]) -> list[Item]:
    """As written (by document, then line), except phases in schedule order and
    rollout stages in stage order (ties as written)."""
    if items and items[0].type == PHASE:
        scheduled, unscheduled = timeline(items)
        return [*scheduled, *unscheduled]
    if items and items[0].type == ROLLOUT:
        return sorted(items, key=lambda item: item.get("stage") or 0)
    return items


def render(context: ViewContext, spec: ViewSpec) -> list[nodes.Node]:
    corpus = context.corpus
    if spec.item_type is None:
        return [sentence("No item type given: nothing to list.")]
    if (nothing := nothing_in_scope(corpus, spec, "nothing to list")) is not None:
        return nothing
    available = columns_for(spec.item_type)
    columns = (
        [available[key] for key in spec.columns]
        if spec.columns
        else default_columns(spec.item_type)
    )
    headers = [column.header for column in columns]
    title = ITEM_TYPES_BY_DIRECTIVE[spec.item_type].title
    plan_ids = plans_in_scope(corpus, spec)
    if spec.item_type == PLAN:
        groups = [("", [corpus.items[plan_id] for plan_id in plan_ids])]
    else:
        groups = [
            (
                f"{title} items of {corpus.items[plan_id].title} ({plan_id})",
                corpus.of_type(spec.item_type, (plan_id,)),
            )
            for plan_id in plan_ids
        ]
    drawn: list[nodes.Node] = []
    for caption, items in groups:
        if not items:
            where = f" in {caption.partition(' items of ')[2]}" if caption else ""
            drawn.append(sentence(f"No {title.lower()} items{where}."))
            continue
        ordered = _ordered(items)
        rows = [[cell(context, item, column) for column in columns] for item in ordered]
        column_classes = [[f"implplan-col-{column.key}"] for column in columns]
        drawn.append(
            make_table(
                headers,
                rows,
                cell_classes=[column_classes] * len(rows),
                caption=spec.caption or caption,
                classes=[f"implplan-table-{spec.item_type.removeprefix('impl-')}"],
            )
        )
    if not drawn:
        drawn.append(sentence("No plan in this project: nothing to list."))
    return drawn
