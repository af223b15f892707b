"""Each plan item rendered as a card: title, id, type (and for a phase late or not
started against the build's today), its own fields (a test's result among them,
where the project reads results) and its links both ways, then its body.

Built from plain docutils nodes (container, paragraph, field list, reference) in
``doctree-resolved``, before sphinx-needs would draw its own table for the need, so
every builder renders the card without a visitor of ours.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_implplan import needs_bridge
from sphinx_implplan.plan.itemtypes import (
    ITEM_TYPES_BY_DIRECTIVE,
    PHASE,
    PROGRESS,
    RESULT,
    TEST,
    ItemType,
    Kind,
)
from sphinx_implplan.plan.today import timing_of
from sphinx_implplan.plan.values import days_text, display_text
from sphinx_implplan.today_config import build_today
from sphinx_implplan.write.approval_marks import approval_text
from sphinx_implplan.write.approval_states import build_approvals
from sphinx_implplan.write.corpus import build_corpus
from sphinx_implplan.write.freeing import note_drawn
from sphinx_implplan.write.references import (
    PageLinks,
    doc_reference,
    item_reference,
    joined,
)
from sphinx_implplan.write.result_marks import result_nodes, timing_word

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_implplan.plan.approvals import ApprovalStates, ItemApproval
    from sphinx_implplan.plan.model import Corpus, Item
    from sphinx_implplan.plan.outcomes import TestOutcome
    from sphinx_implplan.plan.today import Timing


def _field(name: str, value: list[nodes.Node] | str, field_class: str) -> nodes.field:
    body = nodes.paragraph()
    if isinstance(value, str):
        body += nodes.Text(value)
    else:
        body.extend(value)
    return nodes.field(
        "",
        nodes.field_name(name, name),
        nodes.field_body("", body),
        classes=[f"implplan-field-{field_class}"],
    )


def _progress_text(item: Item) -> str:
    total = item.get("deliverables_total") or 0
    done = item.get("deliverables_done") or 0
    if total:
        return f"{done}/{total} deliverables done ({item.get('completion')} %)"
    return "no deliverables listed"


def own_fields(
    item_type: ItemType,
    item: Item,
    doc_link: Callable[[str], nodes.Node],
    outcome: TestOutcome | None = None,
) -> list[nodes.field]:
    """The type's own fields in table order, with the computed ones where they belong;
    ``outcome``: a test's result, where the project reads results."""
    rows: list[nodes.field] = []
    for name in item_type.card_fields():
        value = item.get(name)
        kind = item_type.options.get(name)
        if name == PROGRESS:
            rows.append(_field(name, _progress_text(item), name))
        elif name == RESULT:
            if outcome is not None:
                rows.append(_field(name, result_nodes(outcome), name))
        elif name == "score":
            if value is not None:
                rows.append(_field(name, f"{value} ({item.get('band')})", name))
        elif kind is Kind.DOCS:
            if value:
                rows.append(_field(name, joined([doc_link(doc) for doc in value]), name))
        elif kind is Kind.DURATION:
            if value:
                rows.append(_field(name, days_text(value), name))
        elif text := display_text(value):
            rows.append(_field(name, text, name))
    return rows


def link_fields(
    link_titles: Sequence[tuple[str, str, str]],
    item: Item,
    reference: Callable[[str], nodes.Node],
) -> list[nodes.field]:
    rows: list[nodes.field] = []
    for name, outgoing, incoming in link_titles:
        targets = item.written_links.get(name, ())
        if targets:
            rows.append(_field(outgoing, joined([reference(t) for t in targets]), name))
        sources = item.backlinks.get(name, ())
        if sources:
            rows.append(_field(incoming, joined([reference(s) for s in sources]), f"{name}-back"))
    return rows


def build_card(
    links: PageLinks,
    item: Item,
    *,
    corpus: Corpus,
    link_titles: Sequence[tuple[str, str, str]],
    body: list[nodes.Node],
    approval: ItemApproval | None = None,
    outcome: TestOutcome | None = None,
    timing: Timing | None = None,
) -> nodes.container:
    """``outcome``: a test's result; ``timing``: a phase late or not started."""
    item_type = ITEM_TYPES_BY_DIRECTIVE[item.type]

    def reference(target_id: str) -> nodes.Node:
        return item_reference(links, corpus, target_id)

    def doc_link(docname: str) -> nodes.Node:
        return doc_reference(links, docname)

    classes = ["implplan-card", f"implplan-{item_type.short}"]
    if band := item.get("band"):
        # before the card's class: in LaTeX each class opens an environment, and the
        # band's sets the colour the card's rule is drawn in
        classes.insert(0, f"implplan-band-{band}")
    # a class name, which LaTeX also reads: letters, digits and hyphens only
    if style := nodes.make_id(item.style):
        classes.append(style)
    card = nodes.container("", classes=classes)
    # the anchor every link to the item points at, as a target so LaTeX labels it too
    card += nodes.target("", "", ids=[item.id])

    header = nodes.paragraph(classes=["implplan-card-header"])
    # the project's own definition of the type, if it has one, names it
    header += nodes.inline(item.type_title, item.type_title, classes=["implplan-card-type"])
    header += nodes.Text(" ")
    header += nodes.strong(item.title, item.title, classes=["implplan-card-title"])
    header += nodes.Text(" ")
    header += nodes.literal(item.id, item.id, classes=["implplan-card-id"])
    if item.status:
        status = item.status
        header += nodes.Text(" ")
        # a class name is written unescaped by some writers (LaTeX's \DUrole), and a
        # free-text status may hold anything: only its id form goes into the class
        status_class = f"implplan-status-{nodes.make_id(status)}"
        header += nodes.inline(status, status, classes=["implplan-status", status_class])
    if timing is not None:
        header += [nodes.Text(" "), timing_word(timing)]
    card += header

    rows = own_fields(item_type, item, doc_link, outcome)
    if item.plan and item_type.belongs_to_plan:
        rows.append(_field("plan", [reference(item.plan)], "plan"))
    if tags := item.get("tags"):
        rows.append(_field("tags", ", ".join(tags), "tags"))
    rows += link_fields(link_titles, item, reference)
    if approval is not None:
        rows.append(_field("approval", approval_text(approval, reference), "approval"))
    if rows:
        card += nodes.field_list("", *rows, classes=["implplan-card-fields"])
    if body:
        card += nodes.container("", *body, classes=["implplan-card-body"])
    return card


def render_cards(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Replace the need node of every plan item in ``doctree`` by its card, drawn from
    the same records as the views (:func:`~sphinx_implplan.write.corpus.build_corpus`)."""
    corpus: Corpus | None = None
    approvals: ApprovalStates | None = None
    link_titles: list[tuple[str, str, str]] = []
    links = PageLinks(app, fromdocname)
    cards: list[nodes.Element] = []
    for node in needs_bridge.need_nodes(doctree):
        if corpus is None:
            # once per page, and only on pages that hold needs
            corpus = build_corpus(app)
            approvals = build_approvals(app)
            link_titles = needs_bridge.link_titles(app)
            today = build_today(app.config)
        item = corpus.items.get(node["refid"])
        if (
            item is None
            or item.type not in ITEM_TYPES_BY_DIRECTIVE
            or item.hidden
            # under -j a duplicate id read elsewhere: sphinx-needs removes this node
            or (node.get("docname") and node["docname"] != item.docname)
        ):
            continue
        card = build_card(
            links,
            item,
            corpus=corpus,
            link_titles=link_titles,
            body=list(node.children),
            approval=approvals.of(item.id) if approvals is not None else None,
            outcome=corpus.test_outcome(item.id)
            if item.type == TEST and corpus.shows_results
            else None,
            timing=timing_of(item, today) if item.type == PHASE else None,
        )
        # not replace_self: it would copy the need node's ids onto the card, and the
        # anchor must stand once, on the card's target
        node.parent.replace(node, card)
        cards.append(card)
    note_drawn(doctree, cards)
