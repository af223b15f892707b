"""What a view directive asks for, as read from its options. No Sphinx imports."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ViewKind(Enum):
    TRACEABILITY = "impl-traceability"
    RISK_MATRIX = "impl-risk-matrix"
    TIMELINE = "impl-timeline"
    TABLE = "impl-table"
    SUMMARY = "impl-summary"


#: the options each view takes besides ``:plan:``
VIEW_OPTIONS: dict[ViewKind, tuple[str, ...]] = {
    ViewKind.TRACEABILITY: ("layout", "types", "show", "min-coverage", "spec"),
    ViewKind.RISK_MATRIX: ("include-closed",),
    ViewKind.TIMELINE: ("chart",),
    ViewKind.TABLE: ("type", "columns"),
    ViewKind.SUMMARY: (),
}

LAYOUTS = ("table", "matrix")
SHOW = ("all", "uncovered")
#: where a timeline draws its Gantt chart: above its table, instead of it, or not
CHART_PLACES = ("above", "only", "none")


@dataclass(frozen=True)
class ViewSpec:
    """One view as written: where it stands and its options, already checked.

    Kept in the environment (pickled) and on the placeholder node it leaves in the
    document until the page is written.
    """

    kind: ViewKind
    docname: str
    lineno: int
    #: its place among the document's views, counted from 1 (names its CSV file)
    serial: int
    caption: str = ""
    #: the plan named by ``:plan:``; ``None``: the document's plan, or every plan
    plan: str | None = None
    layout: str = "table"
    show: str = "all"
    #: item types to count; ``None``: every type that links to requirements
    types: tuple[str, ...] | None = None
    min_coverage: float | None = None
    #: documents to take requirements from; ``None``: the plans' own ``:spec:``
    spec: tuple[str, ...] | None = None
    #: the item type of an ``impl-table``; ``None`` when missing or unknown
    item_type: str | None = None
    #: the column keys of an ``impl-table``; ``None``: the type's default columns
    columns: tuple[str, ...] | None = None
    include_closed: bool = False
    #: an ``impl-timeline``'s Gantt chart: ``above`` its table, ``only`` the chart, or
    #: ``none``
    chart: str = "above"
    #: the file the document includes that the view stands in (absolute path), which
    #: ``lineno`` is a line of; ``None``: the document's own file
    included: str | None = None

    @property
    def location(self) -> tuple[str, int]:
        """The document and line (see ``included``)."""
        return (self.docname, self.lineno)
