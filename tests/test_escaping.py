"""User text reaches every output only as text: escaped in HTML, escaped in LaTeX
(and printed literally in the PDF), quoted in CSV and JSON.

``roots/test-hostile-text``: in ``plan.md`` one item of each of the thirteen types
(PLAN_HOSTILE, CMP_HOSTILE, ...) holds :data:`HOSTILE` in its title and in every
text option, status, tag, body and deliverable, each after a label naming the place
(``component-purpose <script>...``); so do the requirements and the heading of
``spec.md``. ``views.md`` draws every view with no ``:plan:``, so each shows every
plan, PLAN_EMPTY (a plan with no items) too: captions, titles, cells and the
sentences made of a plan's title.

A rendering that inserted user text as ``nodes.raw`` or as hand-built markup would
put the payloads' tags, attributes or TeX commands into the output, and these tests
would fail; one that dropped a text would fail the tests that look for it.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import (
    BuildWarning,
    assert_no_traceback_in,
    card_html,
    parse_warnings,
    require_programs,
)
from docutils import nodes
from sphinx.util import texescape

from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.testing.util import SphinxTestApp

    #: ``sphinx.testing``'s ``app_params`` fixture: the ``sphinx`` mark's arguments
    AppParams = tuple[list[Any], dict[str, Any]]

SCRIPT = '<script>alert("x")</script>'
IMAGE = "<img src=x onerror=alert(1)>"
ATTRIBUTE = '" onmouseover="alert(1)'
HTML_PAYLOADS = (SCRIPT, IMAGE, ATTRIBUTE, "&amp;", "]]>", "{{ jinja }}", "${x}")
LATEX_PAYLOADS = ("& % $ # _ { } ~ ^ \\", r"\input{/etc/passwd}", r"\write18{ls}", r"\def\x{}")
#: the text every place of ``plan.md`` holds
HOSTILE = " ".join((*HTML_PAYLOADS, *LATEX_PAYLOADS))
#: in a list option (``:fields:``, ``:alternatives:``, ``:tags:``): a ``;`` would
#: split ``&amp;`` into two entries
HOSTILE_IN_LIST = HOSTILE.replace(" &amp;", "")
#: a requirement's title a spreadsheet would run as a formula
FORMULA = '=HYPERLINK("https://example.invalid","formula")'
#: what no output may hold as markup or as a command (raw nodes, TeX)
MARKERS = ("alert(", "onerror", "onmouseover", "]]>", "jinja", "${x}", "passwd", "write18")

#: the documents that hold only accepted hostile text: no warning may come from them
HOSTILE_FILES = {"spec.md", "plan.md", "empty-plan.md", "views.md"}

#: the source folders (copies of the test root) are unique across the suite
HTML_BUILD = pytest.mark.sphinx(
    "html", testroot="hostile-text", srcdir="hostile-text-html", freshenv=True
)
LATEX_BUILD = pytest.mark.sphinx(
    "latex", testroot="hostile-text", srcdir="hostile-text-latex", freshenv=True
)
PDF_TOOLS = ("make", "latexmk", "pdflatex", "kpsewhich", "pdftotext")


def at(label: str) -> str:
    """The text of one place: its label, then the hostile text."""
    return f"{label} {HOSTILE}"


def listed(*labels: str) -> str:
    """A list option's entries as cards and tables show them."""
    return ", ".join(f"{label} {HOSTILE_IN_LIST}" for label in labels)


PLAN = at("Plan")
EMPTY_PLAN = at("Empty plan")
SPEC_TITLE = at("Spec")

#: item id -> every text its card shows
CARD_TEXTS: dict[str, tuple[str, ...]] = {
    "PLAN_HOSTILE": (
        PLAN, at("plan-owner"), at("plan-version"), listed("plan-tag"), at("plan-body"),
        SPEC_TITLE,
    ),
    "CMP_HOSTILE": (
        at("Component"), at("component-purpose"), at("component-status"),
        listed("component-tag"), at("component-body"),
    ),
    "ENT_HOSTILE": (
        at("Entity"), listed("entity-fields-a", "entity-fields-b"), at("entity-status"),
    ),
    "API_HOSTILE": (
        at("Endpoint"), at("endpoint-path"), at("endpoint-status"), at("endpoint-body"),
    ),
    "PH_HOSTILE": (
        at("Phase"), at("phase-goal"), at("phase-body"), at("deliverable-done"),
        at("deliverable-open"),
    ),
    "DEC_HOSTILE": (
        at("Decision"), at("decision-choice"),
        listed("decision-alternative-a", "decision-alternative-b"), at("decision-body"),
    ),
    "RISK_HOSTILE": (at("Risk"), at("risk-mitigation"), at("risk-owner"), at("risk-body")),
    "TEST_HOSTILE": (at("Test"), at("test-status")),
    "RO_HOSTILE": (at("Rollout"), at("rollout-audience"), at("rollout-status")),
    "MET_HOSTILE": (
        at("Metric"), at("metric-target"), at("metric-baseline"), at("metric-status"),
    ),
    "TECH_HOSTILE": (
        at("Technology"), at("tech-version"), at("tech-purpose"), at("tech-status"),
    ),
    "CON_HOSTILE": (at("Consideration"), at("consideration-status"), at("consideration-body")),
    "CHG_HOSTILE": (at("Change"), at("change-status"), at("change-body")),
}  # fmt: skip

#: item id -> titles shown in its card as the ``title`` attribute of a link
CARD_LINK_TITLES: dict[str, tuple[str, ...]] = {
    "CMP_HOSTILE": (at("Requirement"), PLAN),
    "PH_HOSTILE": (at("Risk"),),
    "RISK_HOSTILE": (at("Phase"), at("Requirement")),
}

#: per item type, the texts its ``impl-table`` with the default columns shows
TABLE_TEXTS: dict[str, tuple[str, ...]] = {
    "impl-plan": (PLAN, EMPTY_PLAN),
    "impl-component": (at("Component"), at("component-purpose")),
    "impl-entity": (at("Entity"), listed("entity-fields-a", "entity-fields-b")),
    "impl-endpoint": (at("endpoint-path"), at("endpoint-body")),
    "impl-phase": (at("Phase"), at("phase-goal")),
    "impl-decision": (at("Decision"), at("decision-choice"), at("decision-body")),
    # the mitigation as written, then the items mitigating the risk
    "impl-risk": (at("Risk"), f"{at('risk-mitigation')} (mitigated by "),
    "impl-test": (at("Test"),),
    "impl-rollout": (at("Rollout"), at("rollout-audience")),
    "impl-metric": (at("Metric"), at("metric-target"), at("metric-baseline")),
    "impl-tech": (at("Technology"), at("tech-version"), at("tech-purpose")),
    "impl-consideration": (at("Consideration"),),
    "impl-change": (at("Change"),),
}


def _table_view(directive: str) -> tuple[str, ...]:
    texts = TABLE_TEXTS[directive]
    if directive == "impl-plan":
        return texts
    title = ITEM_TYPES_BY_DIRECTIVE[directive].title
    return (
        *texts,
        f"{title} items of {PLAN} (PLAN_HOSTILE)",
        f"No {title.lower()} items in {EMPTY_PLAN} (PLAN_EMPTY).",
    )


#: the views of ``views.md`` in page order: (kind, texts shown, link titles shown)
VIEWS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "impl-traceability",
        (at("Traceability caption"), at("Requirement"), at("Uncovered requirement"), FORMULA),
        (at("Component"), at("Requirement")),
    ),
    ("impl-traceability", (at("Matrix caption"),), (at("Component"), at("Requirement"))),
    ("impl-risk-matrix", (at("Risk matrix caption"),), (at("Risk"),)),
    (
        "impl-timeline",
        (
            f"Timeline of {PLAN} (PLAN_HOSTILE)",
            at("Phase"),
            f"{EMPTY_PLAN} (PLAN_EMPTY) has no phases.",
        ),
        (at("Phase"),),
    ),
    *(("impl-table", _table_view(directive), ()) for directive in TABLE_TEXTS),
    (
        "impl-table",
        (
            at("Plan columns caption"),
            at("plan-owner"),
            at("plan-version"),
            SPEC_TITLE,
            listed("plan-tag"),
            at("plan-body"),
        ),
        (PLAN,),
    ),
    (
        "impl-summary",
        (
            f"Summary of {PLAN} (PLAN_HOSTILE)",
            PLAN,
            SPEC_TITLE,
            f"Summary of {EMPTY_PLAN} (PLAN_EMPTY)",
        ),
        (PLAN,),
    ),
]


def html_escaped(text: str) -> str:
    """``text`` as Sphinx's HTML writer escapes it, in content and in attributes."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def latex_escaped(text: str) -> str:
    """``text`` as Sphinx's LaTeX writer escapes it (pdflatex, the default engine)."""
    texescape.init()
    return texescape.escape(text, "pdflatex")


# -- the builds ---------------------------------------------------------------------


@dataclass(frozen=True)
class RawNode:
    docname: str
    format: str
    text: str


@dataclass
class ResolvedDoctrees:
    """What the pages' final doctrees held, as each was written."""

    raw_nodes: list[RawNode]
    #: docname -> the text of every ``Text`` node
    texts: dict[str, list[str]]

    def record(self, _app: Sphinx, doctree: nodes.document, docname: str) -> None:
        self.raw_nodes += [
            RawNode(docname, raw.get("format", ""), raw.astext())
            for raw in doctree.findall(nodes.raw)
        ]
        self.texts[docname] = [text.astext() for text in doctree.findall(nodes.Text)]


@dataclass(frozen=True)
class HostileBuild:
    outdir: Path
    #: the build's status and warning streams
    output: str
    warnings: list[BuildWarning]
    resolved: ResolvedDoctrees


#: srcdir -> its build: each builder's build is shared by the tests of this module
_BUILDS: dict[Path, HostileBuild] = {}


def build_once(app_params: AppParams, make_app: Callable[..., SphinxTestApp]) -> HostileBuild:
    """The build the test's ``sphinx`` mark asks for, made by whichever test comes
    first (``sphinx.testing``'s ``app`` fixture, without building twice). It records
    every page's doctree after every other handler of ``doctree-resolved``."""
    args, kwargs = app_params
    srcdir = Path(kwargs["srcdir"])
    if srcdir not in _BUILDS:
        app = make_app(*args, **kwargs)
        resolved = ResolvedDoctrees([], {})
        app.connect("doctree-resolved", resolved.record, priority=900)
        app.build()
        warnings = app.warning.getvalue()
        _BUILDS[srcdir] = HostileBuild(
            app.outdir, app.status.getvalue() + warnings, parse_warnings(warnings), resolved
        )
    return _BUILDS[srcdir]


@pytest.fixture
def html_build(app_params: AppParams, make_app: Callable[..., SphinxTestApp]) -> HostileBuild:
    return build_once(app_params, make_app)


class _Markup(HTMLParser):
    """Every start tag with its attributes, and the content of every script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse_markup(text: str) -> _Markup:
    markup = _Markup()
    markup.feed(text)
    markup.close()
    return markup


def html_pages(build: HostileBuild) -> dict[str, str]:
    return {
        path.relative_to(build.outdir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(build.outdir.rglob("*.html"))
    }


def read_page(build: HostileBuild, docname: str) -> str:
    return (build.outdir / f"{docname}.html").read_text(encoding="utf-8")


def view_chunks(page: str) -> list[str]:
    """The HTML of each view of a page, from its container to the next view."""
    starts = [match.start() for match in re.finditer(r'<div class="implplan-view ', page)]
    return [page[start:end] for start, end in zip(starts, [*starts[1:], len(page)], strict=True)]


def link_title(text: str) -> str:
    return f'title="{html_escaped(text)}"'


@HTML_BUILD
def test_html_holds_no_markup_made_of_user_text(html_build: HostileBuild) -> None:
    assert_no_traceback_in(html_build.output)
    pages = html_pages(html_build)
    assert {"plan.html", "views.html", "spec.html", "empty-plan.html"} <= set(pages)
    for name, page in pages.items():
        # not one payload as written: each was escaped wherever it went
        for payload in (SCRIPT, IMAGE, ATTRIBUTE, "<img src=x"):
            assert payload not in page, (name, payload)
        markup = parse_markup(page)
        for tag, attributes in markup.tags:
            assert "onerror" not in attributes, (name, tag, attributes)
            assert "onmouseover" not in attributes, (name, tag, attributes)
            assert not (tag == "img" and attributes.get("src") == "x"), name
            # every script is a file of the build (user text names none)
            if tag == "script" and attributes.get("src"):
                script = str(attributes["src"]).partition("?")[0]
                assert (html_build.outdir / name).parent.joinpath(script).is_file(), name
        assert not [script for script in markup.scripts if "alert" in script], name


@HTML_BUILD
def test_cards_show_every_text_escaped(html_build: HostileBuild) -> None:
    # every hostile value was taken: none was dropped with a warning
    assert [w for w in html_build.warnings if w.file in HOSTILE_FILES] == []
    page = read_page(html_build, "plan")
    for item_id, texts in CARD_TEXTS.items():
        card = card_html(page, item_id)
        for text in texts:
            assert html_escaped(text) in card, (item_id, text)
        for title in CARD_LINK_TITLES.get(item_id, ()):
            assert link_title(title) in card, (item_id, title)
    empty = read_page(html_build, "empty-plan")
    assert html_escaped(EMPTY_PLAN) in card_html(empty, "PLAN_EMPTY")
    # the requirements, drawn by sphinx-needs, and the spec's heading
    spec = read_page(html_build, "spec")
    for text in (at("Requirement"), at("Uncovered requirement"), SPEC_TITLE):
        assert html_escaped(text) in spec, text


@HTML_BUILD
def test_views_show_every_text_escaped(html_build: HostileBuild) -> None:
    page = read_page(html_build, "views")
    chunks = view_chunks(page)
    assert len(chunks) == len(VIEWS)
    for index, (chunk, (kind, texts, link_titles)) in enumerate(zip(chunks, VIEWS, strict=True)):
        assert chunk.startswith(f'<div class="implplan-view implplan-{kind} '), index
        for text in texts:
            assert html_escaped(text) in chunk, (index, kind, text)
        for title in link_titles:
            assert link_title(title) in chunk, (index, kind, title)


@HTML_BUILD
def test_resolved_doctrees_hold_no_raw_user_text(html_build: HostileBuild) -> None:
    resolved = html_build.resolved
    # the doctrees were seen, with the hostile text in them as text
    assert {"plan", "views", "spec", "payloads"} <= set(resolved.texts)
    for docname in ("plan", "views"):
        assert sum(HOSTILE in text for text in resolved.texts[docname]) >= 20, docname
    # the only raw nodes: the progress bars and the checkboxes of task lists
    assert resolved.raw_nodes
    assert [raw for raw in resolved.raw_nodes if has_marker(raw.text)] == []


def has_marker(text: str) -> bool:
    return any(marker in text for marker in MARKERS)


@HTML_BUILD
def test_csv_holds_user_text_as_plain_csv(html_build: HostileBuild) -> None:
    folder = html_build.outdir / "_implplan"
    expected_titles = {
        "FR_001": at("Requirement"),
        "FR_002": at("Uncovered requirement"),
        # a text, not a formula, in a spreadsheet
        "FR_003": "'" + FORMULA,
    }
    # the table's download and the matrix's
    for name in ("views.traceability-1.csv", "views.traceability-2.csv"):
        text = (folder / name).read_text(encoding="utf-8")
        rows = list(csv.reader(text.splitlines()))
        assert rows[0][:2] == ["ID", "Requirement"]
        assert {row[0]: row[1] for row in rows[1:]} == expected_titles, name
        assert all(len(row) == len(rows[0]) for row in rows), name
        # CSV quoting only, no HTML escaping
        assert "&lt;" not in text
        assert "&quot;" not in text


@HTML_BUILD
def test_report_holds_user_text_as_plain_json(html_build: HostileBuild) -> None:
    report = json.loads((html_build.outdir / "implplan.json").read_text(encoding="utf-8"))
    plan = report["plans"]["PLAN_HOSTILE"]
    assert plan["title"] == PLAN
    assert {row["id"]: row["title"] for row in plan["requirements"]}["FR_001"] == at("Requirement")
    assert plan["decisions"][0]["choice"] == at("decision-choice")
    assert plan["risks"][0]["title"] == at("Risk")
    assert report["plans"]["PLAN_EMPTY"]["title"] == EMPTY_PLAN


# -- the LaTeX build and its PDF -----------------------------------------------------


def latex_expected_texts() -> list[str]:
    """Every text of the cards and views, as LaTeX receives it."""
    texts = [text for card in CARD_TEXTS.values() for text in card]
    texts += [text for _kind, view_texts, _titles in VIEWS for text in view_texts]
    return sorted(set(texts))


@pytest.fixture
def latex_build(app_params: AppParams, make_app: Callable[..., SphinxTestApp]) -> HostileBuild:
    return build_once(app_params, make_app)


@LATEX_BUILD
def test_latex_gets_user_text_escaped(latex_build: HostileBuild) -> None:
    assert_no_traceback_in(latex_build.output)
    assert [w for w in latex_build.warnings if w.file in HOSTILE_FILES] == []
    tex = (latex_build.outdir / "hostile.tex").read_text(encoding="utf-8")
    for text in latex_expected_texts():
        assert latex_escaped(text) in tex, text
    # the escaped forms, once per place at least
    places = sum(len(texts) for texts in CARD_TEXTS.values())
    assert tex.count(r"\textbackslash{}input\{/etc/passwd\}") >= places
    assert tex.count(r"\textbackslash{}write18\{ls\}") >= places
    assert tex.count(r"\textbackslash{}def\textbackslash{}x\{\}") >= places
    assert tex.count(r"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{}") >= places
    # the raw LaTeX the extension makes (bars, cell colours) holds none of it
    assert latex_build.resolved.raw_nodes
    assert [raw for raw in latex_build.resolved.raw_nodes if has_marker(raw.text)] == []
    # and never a command of the user text, anywhere in the file
    for command in (r"\input{/etc/passwd}", r"\write18{", r"\def\x", "{{ jinja }}"):
        assert command not in tex, command


@dataclass(frozen=True)
class CompiledPdf:
    #: ``pdftotext``'s text, compatibility forms folded (ligatures)
    text: str
    #: TeX's log
    log: str
    #: every file TeX opened to read (latexmk's ``.fls`` recorder file), resolved
    inputs: list[Path]
    #: where TeX may read: the output folder and TeX's own trees
    allowed: tuple[Path, ...]


class PdfCompiler:
    """Compiles a LaTeX build's output once, however many tests read the PDF."""

    def __init__(self) -> None:
        #: outdir -> its PDF, or why it could not be made (not tried twice either)
        self._compiled: dict[Path, CompiledPdf | str] = {}

    def compile(self, outdir: Path) -> CompiledPdf:
        if outdir not in self._compiled:
            try:
                self._compiled[outdir] = self._run(outdir)
            except AssertionError as error:
                self._compiled[outdir] = str(error)
        compiled = self._compiled[outdir]
        if isinstance(compiled, str):
            pytest.fail(f"the PDF could not be made:\n{compiled}", pytrace=False)
        return compiled

    @staticmethod
    def _run(outdir: Path) -> CompiledPdf:
        # stop at TeX's first error rather than asking a terminal what to do
        environment = {**os.environ, "LATEXOPTS": "-interaction=nonstopmode -halt-on-error"}
        result = subprocess.run(
            ["make", "-C", str(outdir), "LATEXMKOPTS=-silent"],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            env=environment,
            timeout=600,
            check=False,
        )
        log_file = outdir / "hostile.log"
        log = log_file.read_text(encoding="latin-1") if log_file.is_file() else ""
        assert result.returncode == 0, result.stdout[-3000:] + log[-3000:]
        pdf_text = subprocess.run(
            ["pdftotext", str(outdir / "hostile.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        recorded = (outdir / "hostile.fls").read_text(encoding="utf-8", errors="replace")
        inputs = [
            (outdir / line.removeprefix("INPUT ")).resolve()
            for line in recorded.splitlines()
            if line.startswith("INPUT ")
        ]
        allowed = (outdir.resolve(), *tex_trees())
        return CompiledPdf(unicodedata.normalize("NFKC", pdf_text), log, inputs, allowed)


def tex_trees() -> list[Path]:
    """The folders TeX reads its macros, fonts and configuration from, as kpathsea
    names them (``!!``: searched through its file database only)."""
    found = []
    for variable in ("$TEXMF", "$TEXMFCNF"):
        expanded = subprocess.run(
            ["kpsewhich", f"--expand-braces={variable}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found += [
            Path(entry.removeprefix("!!")).resolve()
            for entry in expanded.strip().split(os.pathsep)
            if entry
        ]
    return found


@pytest.fixture(scope="module")
def pdf_compiler() -> PdfCompiler:
    return PdfCompiler()


@pytest.fixture
def hostile_pdf(latex_build: HostileBuild, pdf_compiler: PdfCompiler) -> CompiledPdf:
    require_programs(*PDF_TOOLS, reason="the PDF of hostile text needs TeX and poppler-utils")
    return pdf_compiler.compile(latex_build.outdir)


def _comparable(text: str) -> str:
    """Spaces and hyphens left out: TeX breaks lines at both, and hyphenates words."""
    return re.sub(r"[\s\-]", "", text)


@LATEX_BUILD
def test_pdf_prints_user_text_literally(hostile_pdf: CompiledPdf) -> None:
    printed = _comparable(hostile_pdf.text)
    for text in latex_expected_texts():
        assert _comparable(text) in printed, text
    # the whole hostile text, every character of it, in reading order
    assert " ".join(hostile_pdf.text.split()).count(HOSTILE) >= len(CARD_TEXTS)


@LATEX_BUILD
def test_tex_neither_reads_nor_runs_what_user_text_names(hostile_pdf: CompiledPdf) -> None:
    # the recorder lists every file TeX read: Sphinx's and TeX's own, never the one
    # user text names, nor any other
    assert any(path.name == "hostile.tex" for path in hostile_pdf.inputs)
    assert [path for path in hostile_pdf.inputs if "passwd" in str(path)] == []
    elsewhere = [
        str(path)
        for path in hostile_pdf.inputs
        if not any(path.is_relative_to(folder) for folder in hostile_pdf.allowed)
    ]
    assert elsewhere == []
    # and ran no shell command (``\write18``, which TeX logs as ``runsystem``)
    assert "runsystem" not in hostile_pdf.log
