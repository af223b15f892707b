"""The synthetic projects the benchmark builds, at a scale S (a number of requirements).

Both projects hold the same documents:

- ``spec/sNNNN.md``: S/10 spec documents of 10 ``req`` needs each;
- ``plan/pNNNN.md``: S/10 plan documents, each with an ``impl-plan`` and one item of
  every other type (two phases), every item linking to 1-3 requirements of its own
  spec document and the next one.

They differ only where a user would: the extension's project enables
sphinx-implplan and has one page each for a traceability view over everything, a
risk matrix, a timeline and a summary; the baseline configures the same need types,
options and links as plain sphinx-needs in ``conf.py`` and shows a ``needtable``
with back-link columns on each of those four pages instead.

A third form, the text-only project, holds the same documents with every need
written as a plain section (its title a heading, its options a line of text, its
body as it is) and the overview pages with their headings only, built by Sphinx
and MyST alone: what the same text costs without any need.

A second shape, "many plans without ``:spec:``", is the same but for the plans: no
``impl-plan`` names a ``:spec:``, so each counts every one of the S requirements,
as a project with many plans over one spec does.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

REQS_PER_SPEC = 10

#: directive, title, prefix of every plan item type (the contract's table)
ITEM_TYPES = (
    ("impl-plan", "Plan", "PLAN_"),
    ("impl-component", "Component", "CMP_"),
    ("impl-entity", "Entity", "ENT_"),
    ("impl-endpoint", "Endpoint", "API_"),
    ("impl-phase", "Phase", "PH_"),
    ("impl-decision", "Decision", "DEC_"),
    ("impl-risk", "Risk", "RISK_"),
    ("impl-test", "Test", "TEST_"),
    ("impl-rollout", "Rollout", "RO_"),
    ("impl-metric", "Metric", "MET_"),
    ("impl-tech", "Technology", "TECH_"),
    ("impl-consideration", "Consideration", "CON_"),
    ("impl-change", "Change", "CHG_"),
)

#: option, outgoing, incoming of every link type (the contract's table)
LINK_TYPES = (
    ("implements", "implements", "implemented by"),
    ("addresses", "addresses", "addressed by"),
    ("affects", "affects", "affected by"),
    ("mitigates", "mitigates", "mitigated by"),
    ("verifies", "verifies", "verified by"),
    ("measures", "measures", "measured by"),
    ("depends", "depends on", "required by"),
    ("supersedes", "supersedes", "superseded by"),
    ("relates", "relates to", "related from"),
)

#: every item type's own options that are not links (``duration`` is sphinx-needs' own)
TEXT_OPTIONS = (
    *("spec", "updated", "owner", "version", "change", "purpose", "fields", "method"),
    *("path", "goal", "start", "end", "choice", "alternatives", "impact", "likelihood"),
    *("mitigation", "level", "stage", "audience", "target", "baseline", "layer", "kind"),
    *("date", "plan"),
)

_LEVELS = ("low", "medium", "high")

#: the four pages that show the whole plan: name, title, the view, the baseline's
#: ``needtable`` columns (back-link columns where the view shows incoming links)
OVERVIEW_PAGES = (
    (
        "traceability",
        "Traceability",
        "impl-traceability",
        (
            "req",
            (
                "id",
                "title",
                'implements_back as "Implemented by"',
                'verifies_back as "Verified by"',
                'measures_back as "Measured by"',
                'addresses_back as "Addressed by"',
                'affects_back as "Affected by"',
            ),
        ),
    ),
    (
        "risks",
        "Risk matrix",
        "impl-risk-matrix",
        (
            "impl-risk",
            ("id", "title", "impact", "likelihood", "status", 'mitigates_back as "Mitigated by"'),
        ),
    ),
    (
        "timeline",
        "Timeline",
        "impl-timeline",
        ("impl-phase", ("id", "title", "start", "duration", "depends", "status")),
    ),
    (
        "summary",
        "Summary",
        "impl-summary",
        ("impl-plan", ("id", "title", "status", "updated", "owner", "spec")),
    ),
)


@dataclass(frozen=True)
class Scale:
    requirements: int

    @property
    def documents(self) -> int:
        """Spec documents, and as many plan documents."""
        return max(1, self.requirements // REQS_PER_SPEC)


def requirement_id(document: int, index: int) -> str:
    return f"R_{document:05d}_{index}"


def spec_document(document: int) -> str:
    needs = "\n".join(
        textwrap.dedent(
            f"""\
            ```{{req}} Requirement {index} of area {document}
            :id: {requirement_id(document, index)}
            :status: open

            The system shall handle case {index} of area {document} within one second.
            ```
            """
        )
        for index in range(REQS_PER_SPEC)
    )
    return f"# Spec {document}\n\nThe requirements of area {document}.\n\n{needs}"


def _links(document: int, documents: int, seed: int) -> str:
    """1-3 requirements of this document's spec and the next one."""
    count = 1 + seed % 3
    following = (document + 1) % documents
    chosen = []
    for offset in range(count):
        spec = document if offset % 2 == 0 else following
        chosen.append(requirement_id(spec, (seed + 3 * offset) % REQS_PER_SPEC))
    return ", ".join(dict.fromkeys(chosen))


def plan_document(document: int, documents: int, *, baseline: bool, spec: bool = True) -> str:
    """``spec=False``: the plan names no ``:spec:``, so it counts every requirement."""
    n = f"{document:05d}"
    following = (document + 1) % documents
    spec_docs = f"/spec/s{document:05d}" + (f", /spec/s{following:05d}" if documents > 1 else "")
    impact = _LEVELS[document % 3]
    likelihood = _LEVELS[(document // 3) % 3]

    # sphinx-needs' own ``duration`` field is a whole number of days
    first, second = ("14", "10") if baseline else ("2w", "10d")

    def links(seed: int) -> str:
        return _links(document, documents, seed)

    text = textwrap.dedent(
        f"""\
        # Plan {document}

        ```{{impl-plan}} Plan for area {document}
        :id: PLAN_{n}
        :spec: {spec_docs}
        :status: in-progress
        :updated: 2026-11-02
        :owner: Team {document % 7}
        :version: 1.{document % 5}

        How area {document} gets built.
        ```

        ```{{impl-component}} Store {document}
        :id: CMP_{n}
        :change: new
        :purpose: Keeps the records of area {document}
        :implements: {links(1)}
        ```

        ```{{impl-entity}} Record {document}
        :id: ENT_{n}
        :fields: id, title, created
        :implements: {links(2)}
        ```

        ```{{impl-endpoint}} POST /api/area{document}/records
        :id: API_{n}
        :implements: {links(3)}

        Creates a record.
        ```

        ```{{impl-phase}} Foundation {document}
        :id: PH_{n}_1
        :goal: The store works
        :start: 2027-01-04
        :duration: {first}
        :implements: {links(4)}

        - [x] Schema written
        - [ ] Store tested
        ```

        ```{{impl-phase}} Interface {document}
        :id: PH_{n}_2
        :goal: The endpoint answers
        :duration: {second}
        :depends: PH_{n}_1
        :implements: {links(5)}

        - [ ] Endpoint written
        ```

        ```{{impl-decision}} Storage engine {document}
        :id: DEC_{n}
        :choice: SQLite
        :alternatives: PostgreSQL, files
        :status: accepted
        :addresses: {links(6)}

        Small and embedded.
        ```

        ```{{impl-risk}} Data loss {document}
        :id: RISK_{n}
        :impact: {impact}
        :likelihood: {likelihood}
        :mitigation: Nightly backups
        :affects: {links(7)}
        ```

        ```{{impl-test}} Store round trip {document}
        :id: TEST_{n}
        :level: integration
        :verifies: {links(8)}
        :mitigates: RISK_{n}
        ```

        ```{{impl-rollout}} Beta {document}
        :id: RO_{n}
        :stage: 1
        :audience: Internal users
        :implements: {links(9)}
        ```

        ```{{impl-metric}} Latency {document}
        :id: MET_{n}
        :target: under 200 ms
        :baseline: 450 ms
        :measures: {links(10)}
        ```

        ```{{impl-tech}} SQLite {document}
        :id: TECH_{n}
        :layer: database
        :version: 3.45
        :purpose: Local storage
        :implements: {links(11)}
        ```

        ```{{impl-consideration}} Encryption at rest {document}
        :id: CON_{n}
        :kind: security
        :addresses: {links(12)}
        ```

        ```{{impl-change}} First draft {document}
        :id: CHG_{n}
        :date: 2026-11-02
        ```
        """
    )
    # the plan then counts every requirement, as without a spec
    return text if spec else text.replace(f":spec: {spec_docs}\n", "", 1)


def _index(scale: Scale) -> str:
    return textwrap.dedent(
        """\
        # Benchmark

        ```{toctree}
        :maxdepth: 1
        :glob:

        overview/*
        spec/*
        plan/*
        ```
        """
    )


_COMMON_CONF = """\
project = "benchmark"
extensions = {extensions!r}
exclude_patterns = ["_build"]
# the theme's navigation is drawn on every page and grows with pages squared; it is
# off on both sides so that what is measured is the needs and the views
html_sidebars = {{"**": []}}
"""

_BASELINE_CONF = """\
needs_types = {types!r}
needs_links = {links!r}
needs_fields = {fields!r}
"""


def _extension_conf() -> str:
    return _COMMON_CONF.format(extensions=["myst_parser", "sphinx_implplan"])


def _baseline_conf() -> str:
    types = [{"directive": "req", "title": "Requirement", "prefix": "R_"}] + [
        {"directive": directive, "title": title, "prefix": prefix}
        for directive, title, prefix in ITEM_TYPES
    ]
    links = {
        option: {"outgoing": outgoing, "incoming": incoming}
        for option, outgoing, incoming in LINK_TYPES
    }
    return _COMMON_CONF.format(extensions=["myst_parser", "sphinx_needs"]) + _BASELINE_CONF.format(
        types=types, links=links, fields={name: {"nullable": True} for name in TEXT_OPTIONS}
    )


#: a need as the projects write it: directive, title, option lines, body
_NEED = re.compile(
    r"^```\{(?P<directive>[\w-]+)\} (?P<title>[^\n]*)\n(?P<options>(?::[^\n]*\n)*)\n?"
    r"(?P<body>.*?)^```\n",
    re.MULTILINE | re.DOTALL,
)


def _as_text(need: re.Match[str]) -> str:
    options = [line[1:] for line in need["options"].splitlines()]
    lines = [f"## {need['title']}", "", "; ".join(options)]
    body = need["body"].strip()
    return "\n".join([*lines, *(["", body] if body else [])]) + "\n"


def text_only(document: str) -> str:
    """``document`` with every need written as a plain section."""
    return _NEED.sub(_as_text, document)


def write_project(
    root: Path,
    scale: Scale,
    *,
    baseline: bool,
    views: bool = True,
    spec: bool = True,
    text: bool = False,
) -> None:
    """The project's source folder (``views=False``: the overview pages keep their
    headings but lose their views, to measure what the views cost; ``spec=False``:
    the shape of many plans without ``:spec:``; ``text=True``: the text-only project,
    the baseline's documents without any need, built by Sphinx and MyST alone)."""
    documents = scale.documents
    conf = _baseline_conf() if baseline else _extension_conf()
    if text:
        conf, views = _COMMON_CONF.format(extensions=["myst_parser"]), False
    files: dict[str, str] = {"conf.py": conf, "index.md": _index(scale)}
    for name, title, view, (table_types, columns) in OVERVIEW_PAGES:
        if baseline:
            shown = f"```{{needtable}}\n:types: {table_types}\n:style: table\n:columns: {';'.join(columns)}\n```"
        else:
            shown = f"```{{{view}}}\n```"
        if not views:
            shown = ""
        files[f"overview/{name}.md"] = f"# {title}\n\n{shown}\n"
    for document in range(documents):
        files[f"spec/s{document:05d}.md"] = spec_document(document)
        files[f"plan/p{document:05d}.md"] = plan_document(
            document, documents, baseline=baseline, spec=spec
        )
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text_only(content) if text else content, encoding="utf-8")


def edit_requirement(root: Path, document: int, revision: int) -> str:
    """Change the title of the first requirement of one spec document, as an author
    would; returns its id."""
    path = root / f"spec/s{document:05d}.md"
    text = path.read_text(encoding="utf-8")
    old_title = text.split("```{req} ", 1)[1].split("\n", 1)[0]
    new_title = f"Requirement 0 of area {document}, revision {revision}"
    path.write_text(text.replace(f"```{{req}} {old_title}\n", f"```{{req}} {new_title}\n", 1))
    return requirement_id(document, 0)
