"""plan.md: the header, the summary, the Technical Context and Complexity Tracking.

- The header's ``**Branch**``, ``**Date**`` and ``**Spec**`` may stand on one line
  with any separator or on lines of their own.
- Each Technical Context label of a technology (``Language/Version``, ``Primary
  Dependencies``, ``Storage``, ``Testing``, ``Target Platform``, and the like of
  ``Frontend`` or ``Infrastructure``) gives one stack item per entry of its value (or
  of the list after it); ``Performance Goals`` gives a performance consideration,
  ``Scale/Scope`` an operations one and ``Constraints`` one of kind other. A value
  ``N/A`` gives nothing, a value ``NEEDS CLARIFICATION`` an open question. ``Project
  Type`` and labels of other names are not read.
- Each row of the Complexity Tracking table is a decision (``N/A`` rows aside).

The Constitution Check and the Project Structure are not read: the plan keeps them as
written. Nor are the sections named "Phase 0", "Phase 1", "Phase 2" or "Phase 3+":
they describe how the documents were produced, and a feature's phases come from
tasks.md alone, whether or not there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sphinx_implplan.speckit.bold_labels import Label, label_item_texts, paragraph_labels
from sphinx_implplan.speckit.markdown_blocks import Document, Heading, plain
from sphinx_implplan.speckit.records import (
    Clarification,
    Consideration,
    ConsiderationKind,
    Decision,
    Source,
    StackItem,
)
from sphinx_implplan.speckit.spec_file import branch_of, date_of, header_labels, title_of
from sphinx_implplan.speckit.stack_entries import entries, is_nothing, open_question

FILE = "plan.md"
_STACK_LABELS = frozenset(
    {
        "language/version",
        "language / version",
        "language",
        "languages",
        "primary dependencies",
        "dependencies",
        "additional dependencies",
        "key dependencies",
        "storage",
        "database",
        "testing",
        "target platform",
        "platform",
        "frontend",
        "backend",
        "framework",
        "frameworks",
        "infrastructure",
        "hosting",
        "deployment",
        "tooling",
        "runtime",
        "ci/cd",
        "libraries",
        "messaging",
        "caching",
    }
)
_CONSIDERATION_LABELS = {
    "performance goals": ConsiderationKind.PERFORMANCE,
    "performance": ConsiderationKind.PERFORMANCE,
    "scale/scope": ConsiderationKind.OPERATIONS,
    "scale / scope": ConsiderationKind.OPERATIONS,
    "scale": ConsiderationKind.OPERATIONS,
    "constraints": ConsiderationKind.OTHER,
}
_SUMMARY_TITLES = ("summary", "r\u00e9sum\u00e9", "resumen", "zusammenfassung", "resumo")


@dataclass
class PlanContent:
    title: str | None = None
    branch: str | None = None
    date: str | None = None
    summary: str | None = None
    stack: list[StackItem] = field(default_factory=list)
    considerations: list[Consideration] = field(default_factory=list)
    clarifications: list[Clarification] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


def read_plan(document: Document) -> PlanContent:
    labels = header_labels(document)
    content = PlanContent(title_of(document), branch_of(labels), date_of(labels))
    for heading in document.headings:
        title = heading.title.lower()
        if content.summary is None and title.startswith(_SUMMARY_TITLES):
            content.summary = _section_text(document, heading)
        elif "technical context" in title or "contexte technique" in title:
            _read_technical_context(document, heading, content)
        elif "complexity" in title:
            _read_complexity(document, heading, content)
    return content


def _section_text(document: Document, heading: Heading) -> str | None:
    lines = document.visible_lines(heading.line + 1, heading.end)
    return "\n".join(line.rstrip() for line in lines).strip("\n") or None


def _context_labels(document: Document, heading: Heading) -> list[Label]:
    return [
        label
        for paragraph in document.paragraphs_in(heading)
        for label in paragraph_labels(paragraph)
    ]


def _read_technical_context(document: Document, heading: Heading, content: PlanContent) -> None:
    for label in _context_labels(document, heading):
        question = open_question(label.value)
        if question is not None:
            content.clarifications.append(
                Clarification(question or label.name, Source(FILE, label.line + 1))
            )
            continue
        if label.key not in _STACK_LABELS and label.key not in _CONSIDERATION_LABELS:
            continue
        values = [(label.value, label.line)] if label.value.strip() else []
        if not values:
            values = label_item_texts(document, label)
        for value, line in values:
            _add_context_value(content, label, value, line)


def _add_context_value(content: PlanContent, label: Label, value: str, line: int) -> None:
    source = Source(FILE, line + 1)
    if label.key in _STACK_LABELS:
        content.stack.extend(
            StackItem(found.technology, found.version, label.name, found.note, source)
            for found in entries(value)
        )
    elif not is_nothing(value):
        kind = _CONSIDERATION_LABELS[label.key]
        content.considerations.append(Consideration(kind, value.strip(), label.name, source))


def _column(headers: tuple[str, ...], *words: str) -> int | None:
    for index, header in enumerate(headers):
        if any(word in header for word in words):
            return index
    return None


def _read_complexity(document: Document, heading: Heading, content: PlanContent) -> None:
    for table in document.tables:
        if not document.within(heading, table.start):
            continue
        what = _column(table.headers, "violation", "complexity", "deviation") or 0
        why = _column(table.headers, "why", "need", "justification", "reason")
        rejected = _column(table.headers, "alternative", "simpler", "rejected")
        for row in table.rows:

            def cell(index: int | None, cells: tuple[str, ...] = row.cells) -> str:
                return cells[index].strip() if index is not None and index < len(cells) else ""

            choice = cell(what)
            if is_nothing(choice) or plain(choice).lower().startswith(("none", "no violation")):
                continue
            alternative = cell(rejected)
            content.decisions.append(
                Decision(
                    plain(choice),
                    choice,
                    cell(why),
                    () if is_nothing(alternative) else (alternative,),
                    Source(FILE, row.line + 1),
                )
            )
