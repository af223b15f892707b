"""Drawing the views when a page is written: each placeholder is replaced by its
view's nodes, for every builder (``doctree-resolved``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_implplan.plan.approvals import NO_APPROVALS, ApprovalStates
from sphinx_implplan.write.approval_states import build_approvals
from sphinx_implplan.write.corpus import build_corpus
from sphinx_implplan.write.freeing import note_drawn
from sphinx_implplan.write.references import PageLinks, doc_reference, item_reference, joined
from sphinx_implplan.write.views.directive import view_placeholder
from sphinx_implplan.write.views.latex_layout import fit_to_page, line_characters
from sphinx_implplan.write.views.spec import ViewKind, ViewSpec

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx

    from sphinx_implplan.plan.model import Corpus


@dataclass(frozen=True)
class ViewContext:
    """What a view needs to draw itself on one page."""

    corpus: Corpus
    #: links from the page being written (for the LaTeX builder, its master document)
    links: PageLinks
    #: the approval state of each item under approval, which marks suspect links
    approvals: ApprovalStates = NO_APPROVALS

    @property
    def app(self) -> Sphinx:
        return self.links.app

    @property
    def fromdocname(self) -> str:
        return self.links.fromdocname

    def ref(self, item_id: str) -> nodes.Node:
        return item_reference(self.links, self.corpus, item_id)

    def refs(self, item_ids: Iterable[str]) -> list[nodes.Node]:
        return joined([self.ref(item_id) for item_id in item_ids])

    def doc_refs(self, docnames: Iterable[str]) -> list[nodes.Node]:
        return joined([doc_reference(self.links, doc) for doc in docnames])

    @property
    def builder_format(self) -> str:
        return self.app.builder.format

    @property
    def is_html(self) -> bool:
        return self.builder_format == "html"

    @property
    def offers_downloads(self) -> bool:
        """A web site's HTML, not HTML packed into a book (epub), which has no use
        for a CSV file beside its pages."""
        builder = self.app.builder
        embedded = getattr(builder, "embedded", False)
        return self.is_html and not embedded and hasattr(builder, "get_outfilename")


def _renderers() -> dict[ViewKind, Callable[[ViewContext, ViewSpec], list[nodes.Node]]]:
    from sphinx_implplan.write.views import itemtable, riskmatrix, summary, timeline, traceability

    return {
        ViewKind.TRACEABILITY: traceability.render,
        ViewKind.RISK_MATRIX: riskmatrix.render,
        ViewKind.TIMELINE: timeline.render,
        ViewKind.TABLE: itemtable.render,
        ViewKind.SUMMARY: summary.render,
    }


def render_views(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """The ``doctree-resolved`` handler."""
    placeholders = list(doctree.findall(view_placeholder))
    if not placeholders:
        return
    context = ViewContext(build_corpus(app), PageLinks(app, fromdocname), build_approvals(app))
    renderers = _renderers()
    engine = app.config.latex_engine
    pointsize = app.config.latex_elements.get("pointsize", "10pt")
    line = line_characters(engine, pointsize)
    tight_line = line_characters(engine, pointsize, tight=True)
    containers: list[nodes.Element] = []
    for placeholder in placeholders:
        spec: ViewSpec = placeholder["spec"]
        drawn = renderers[spec.kind](context, spec)
        if context.builder_format == "latex":
            drawn = fit_to_page(drawn, line, tight_line)
        # a view's tables are among its top nodes (as fit_to_page expects), not
        # searched for through its thousands of cells
        for index, table in enumerate(node for node in drawn if isinstance(node, nodes.table)):
            # a captioned table needs an id; unique across pages for single-page builds
            table["ids"] = [nodes.make_id(f"implplan-{spec.docname}-{spec.serial}-{index}")]
        # no-search: left out of Sphinx's search index, which leads to the items'
        # own pages; a view repeats their ids and titles (thousands, in a traceability
        # table), and indexing them cost more than drawing the view
        container = nodes.container(
            "", *drawn, classes=["implplan-view", f"implplan-{spec.kind.value}", "no-search"]
        )
        placeholder.replace_self(container)
        containers.append(container)
    note_drawn(doctree, containers)
