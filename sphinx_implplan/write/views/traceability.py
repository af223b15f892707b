"""``impl-traceability``: requirements against the plan items linking to them, the
coverage line, and in HTML a CSV file of the rows. Where the project reads test
results, each verifying test is followed by its result, in words, and the coverage
line counts the requirements passing."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes

from sphinx_implplan.plan.coverage import Coverage, TraceRow, coverage_of, trace_matrix, trace_rows
from sphinx_implplan.read.domain import get_domain
from sphinx_implplan.write.approval_marks import SUSPECT_LEGEND, SUSPECT_MARK, suspect_mark
from sphinx_implplan.write.files import write_if_changed
from sphinx_implplan.write.result_marks import result_word
from sphinx_implplan.write.views.latex_layout import LEAD_COLUMNS, PART_NAME
from sphinx_implplan.write.views.scope import nothing_in_scope, trace_scope
from sphinx_implplan.write.views.spec import ViewKind
from sphinx_implplan.write.views.table_nodes import Cell, make_table, sentence

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_implplan.write.views.render import ViewContext
    from sphinx_implplan.write.views.spec import ViewSpec

CSV_FOLDER = "_implplan"
#: the verdict right after the requirement, before the columns of ids that may push
#: the end of a row out of sight
HEADERS = (
    "ID",
    "Requirement",
    "Covered",
    "Implemented by",
    "Verified by",
    "Measured by",
    "Affected by risks",
    "Addressed by",
)
#: each column's cell class (``implplan-col-...``), which the stylesheet labels the
#: cells of with when it stacks a row's lists of ids in a narrow text column
COLUMN_KEYS = (
    "id",
    "requirement",
    "covered",
    "implemented-by",
    "verified-by",
    "measured-by",
    "affected-by",
    "addressed-by",
)
#: the matrix cell's word per link, and the sentence explaining them
ABBREVIATIONS = {
    "implements": "impl",
    "verifies": "ver",
    "measures": "meas",
    "addresses": "addr",
    "affects": "aff",
}


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} %"


def coverage_line(coverage: Coverage, *, passing: bool = False) -> str:
    """``passing``: also count the requirements passing (where results are read)."""
    if not coverage.requirements:
        return "Coverage: no requirements in scope."
    passed = (
        f"{coverage.passing} passing ({_percent(coverage.passing_percent)}), " if passing else ""
    )
    return (
        f"Coverage: {coverage.implemented} of {coverage.requirements} requirements "
        f"implemented ({_percent(coverage.percent)}), {coverage.verified} verified "
        f"({_percent(coverage.verified_percent)}), {passed}{coverage.measured} measured "
        f"({_percent(coverage.measured_percent)})."
    )


def render(context: ViewContext, spec: ViewSpec) -> list[nodes.Node]:
    drawn, shown = _drawn(context, spec)
    if context.offers_downloads:
        if shown:
            drawn.append(_csv_link(context, spec, shown))
        else:
            # the file of an earlier build, when the view still had rows
            (Path(context.app.outdir) / CSV_FOLDER / csv_name(spec)).unlink(missing_ok=True)
    return drawn


def _drawn(context: ViewContext, spec: ViewSpec) -> tuple[list[nodes.Node], list[TraceRow]]:
    """The view's nodes, and the rows its table shows (none when it shows no table)."""
    corpus = context.corpus
    if (nothing := nothing_in_scope(corpus, spec, "nothing to trace")) is not None:
        return nothing, []
    rows = trace_rows(corpus, trace_scope(corpus, spec))
    coverage = coverage_of(rows)
    line = coverage_line(coverage, passing=corpus.shows_results)
    drawn: list[nodes.Node] = [sentence(line, "implplan-coverage")]
    shown = rows if spec.show == "all" else [row for row in rows if not row.implemented]
    if not rows:
        return drawn, []
    if not shown:
        drawn.append(sentence("Every requirement in scope is implemented."))
        return drawn, []
    if spec.layout == "matrix":
        drawn += _matrix(context, spec, shown)
    else:
        drawn.append(_table(context, spec, shown))
    if any(_suspect_links(context, row) for row in shown):
        drawn.append(sentence(SUSPECT_LEGEND, "implplan-suspect-legend"))
    if context.builder_format == "latex":
        for table in drawn:
            if isinstance(table, nodes.table):
                table[PART_NAME] = part_name(context, spec)
    return drawn, shown


def part_name(context: ViewContext, spec: ViewSpec) -> str:
    """What each part of a table split for the printed page is captioned with when
    the view has no caption: the view and its plans ("Traceability of Offline note
    sync (PLAN_SYNC)")."""
    view = "Traceability matrix" if spec.layout == "matrix" else "Traceability"
    plans = trace_scope(context.corpus, spec).plans
    if not plans:
        return view
    items = context.corpus.items
    return f"{view} of " + ", ".join(f"{items[plan].title} ({plan})" for plan in plans)


def _suspect_links(context: ViewContext, row: TraceRow) -> bool:
    rid = row.requirement.id
    linking = (
        *row.implemented_by,
        *row.verified_by,
        *row.measured_by,
        *row.affected_by,
        *row.addressed_by,
    )
    return any(context.approvals.is_suspect_link(item_id, rid) for item_id in linking)


def _linked(
    context: ViewContext, requirement: str, item_ids: tuple[str, ...], *, results: bool = False
) -> list[nodes.Node]:
    """The items linking to ``requirement``, each followed by a mark where that link
    is suspect; ``results``: each test also by its result, "TEST_SYNC (passed)"."""
    shown: list[nodes.Node] = []
    for index, item_id in enumerate(item_ids):
        if index:
            shown.append(nodes.Text(", "))
        shown.append(context.ref(item_id))
        if results:
            result = context.corpus.test_outcome(item_id).result
            shown += [nodes.Text(" ("), result_word(result), nodes.Text(")")]
        if context.approvals.is_suspect_link(item_id, requirement):
            shown += [nodes.Text(" "), suspect_mark()]
    return shown


def _table(context: ViewContext, spec: ViewSpec, rows: list[TraceRow]) -> nodes.table:
    cells: list[list[Cell]] = []
    classes: list[list[list[str]]] = []
    for row in rows:
        mark = "yes" if row.implemented else "no"
        rid = row.requirement.id
        cells.append(
            [
                [context.ref(rid)],
                row.requirement.title,
                mark,
                _linked(context, rid, row.implemented_by),
                _linked(context, rid, row.verified_by, results=context.corpus.shows_results),
                _linked(context, rid, row.measured_by),
                _linked(context, rid, row.affected_by),
                _linked(context, rid, row.addressed_by),
            ]
        )
        classes.append([[f"implplan-col-{key}"] for key in COLUMN_KEYS])
        classes[-1][2].append(f"implplan-covered-{mark}")
    return make_table(
        HEADERS, cells, caption=spec.caption, classes=["implplan-trace"], cell_classes=classes
    )


def _matrix(context: ViewContext, spec: ViewSpec, rows: list[TraceRow]) -> list[nodes.Node]:
    matrix = trace_matrix(context.corpus, rows)
    # the verdict follows the requirement, so a wide matrix never hides it
    headers: list[Cell] = [
        "Requirement",
        "Covered",
        *([context.ref(item.id)] for item in matrix.columns),
    ]
    cells: list[list[Cell]] = []
    classes: list[list[list[str]]] = []
    for row in rows:
        rid = row.requirement.id
        mark = "yes" if row.implemented else "no"
        line: list[Cell] = [[context.ref(rid)], mark]
        for item in matrix.columns:
            links = matrix.cells.get((rid, item.id), ())
            text = " ".join(ABBREVIATIONS[link] for link in links)
            if "verifies" in links and context.corpus.shows_results:
                text += f" ({context.corpus.test_outcome(item.id).result.value})"
            if text and context.approvals.is_suspect_link(item.id, rid):
                text += f" {SUSPECT_MARK}"
            line.append(text)
        cells.append(line)
        classes.append([[] for _ in line])
        classes[-1][1].append(f"implplan-covered-{mark}")
    legend = (
        "Cells: " + ", ".join(f"{short} = {link}" for link, short in ABBREVIATIONS.items()) + "."
    )
    table = make_table(
        headers,
        cells,
        caption=spec.caption,
        classes=["implplan-trace-matrix"],
        cell_classes=classes,
    )
    # a matrix split for the printed page repeats the requirement and its verdict
    table[LEAD_COLUMNS] = 2
    return [table, sentence(legend, "implplan-legend")]


def _csv_safe(text: str) -> str:
    # a spreadsheet would read a cell starting with one of these as a formula
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(rows: list[TraceRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(
            [
                _csv_safe(row.requirement.id),
                _csv_safe(row.requirement.title),
                "yes" if row.implemented else "no",
                " ".join(row.implemented_by),
                " ".join(row.verified_by),
                " ".join(row.measured_by),
                " ".join(row.affected_by),
                " ".join(row.addressed_by),
            ]
        )
    return out.getvalue()


#: a document name's characters in a CSV file name: ``/``, which no file name holds,
#: becomes a dot, and a dot or ``~`` of the name itself is escaped by ``~``, so that
#: every document name gives a file name of its own
_NAME_ESCAPES = str.maketrans({"~": "~~", ".": "~.", "/": "."})


def csv_name(spec: ViewSpec) -> str:
    """The CSV file of a view: its document's name, with folders joined by dots
    (``guide/review`` gives ``guide.review.traceability-1.csv``), and its place in the
    document. A dot or ``~`` of the name itself is written ``~.`` or ``~~``, so that
    no two documents share a file (``sub.x`` gives ``sub~.x``, ``sub/x`` ``sub.x``)."""
    return f"{spec.docname.translate(_NAME_ESCAPES)}.traceability-{spec.serial}.csv"


def remove_stale_csv_files(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the CSV files of views that are gone (their document was
    removed, or the view taken out of it), which no page links to any more."""
    folder = Path(app.outdir) / CSV_FOLDER
    if exception is not None or not folder.is_dir():
        return
    current = {
        csv_name(spec)
        for spec in get_domain(app.env).all_views()
        if spec.kind is ViewKind.TRACEABILITY
    }
    for path in folder.glob("*.csv"):
        if path.name not in current:
            path.unlink()


def _csv_link(context: ViewContext, spec: ViewSpec, rows: list[TraceRow]) -> nodes.Node:
    outdir = Path(context.app.outdir)
    target = outdir / CSV_FOLDER / csv_name(spec)
    write_if_changed(target, csv_text(rows))
    page = Path(context.app.builder.get_outfilename(context.fromdocname))  # type: ignore[attr-defined]
    # percent-encoded, as a URL path must be (a document name may be any file name)
    uri = quote(Path(os.path.relpath(target, page.parent)).as_posix())
    paragraph = nodes.paragraph(classes=["implplan-csv"])
    paragraph += nodes.reference("", "Download these rows as CSV", refuri=uri)
    return paragraph
