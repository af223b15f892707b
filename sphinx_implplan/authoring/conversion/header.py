"""The plan itself: its title from the first heading and its options from the
``**Spec**:``, ``**Status**:`` and ``**Last Updated**:`` lines under it."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import (
    Section,
    links,
    paragraph_labels,
    parse_inline,
    span,
)
from sphinx_implplan.authoring.myst_writer import Directive

_TITLE_PREFIX = re.compile(
    r"(implementation plan|technical plan|implementation|plan)\s*(:|-|\u2013|\u2014)\s*",
    re.IGNORECASE,
)

#: label -> (option, check)
_HEADER_LABELS: dict[str, tuple[str, checks.Check]] = {
    "spec": ("spec", checks.doc),
    "specification": ("spec", checks.doc),
    "status": ("status", checks.plan_status),
    "last updated": ("updated", checks.date),
    "updated": ("updated", checks.date),
    "last modified": ("updated", checks.date),
    "date": ("updated", checks.date),
    "owner": ("owner", checks.text),
    "author": ("owner", checks.text),
    "authors": ("owner", checks.text),
    "lead": ("owner", checks.text),
    "version": ("version", checks.text),
}


def plan_title(root: Section, fallback: str) -> tuple[str, Section | None]:
    """The plan's title and the section of the document's title heading."""
    title_section = next((section for section in root.walk() if section.heading is not None), None)
    if title_section is None:
        return fallback, None
    text = title_section.title.plain
    return _TITLE_PREFIX.sub("", text, count=1).strip() or text or fallback, title_section


def _header_paragraph(section: Section) -> SyntaxTreeNode | None:
    if section.blocks and section.blocks[0].type == "paragraph":
        return section.blocks[0]
    return None


def convert_header(conversion: Conversion, plan: Directive, title_section: Section | None) -> None:
    """Put the plan after the title heading, replacing the header lines it takes."""
    if title_section is None:
        conversion.replace(0, 0, [plan])
        return
    paragraph = _header_paragraph(title_section)
    labels = paragraph_labels(paragraph, conversion.lines) if paragraph is not None else []
    if not any(label is not None and label.name in _HEADER_LABELS for label in labels):
        at = title_section.body_start
        conversion.replace(at, at, [plan])
        return
    assert paragraph is not None
    start, end = span(paragraph)
    kept: list[str] = []
    for number, label in zip(range(start, end), labels, strict=True):
        line = conversion.lines[number]
        entry = _HEADER_LABELS.get(label.name) if label is not None else None
        if label is None or entry is None or any(name == entry[0] for name, _ in plan.options):
            kept.append(line)
            continue
        option, check = entry
        raw = label.value
        value = check(_link_target(raw.raw) if option == "spec" else raw.plain)
        if value is None:
            kept.append(line)
            conversion.note(number, f"{label.name} kept in the plan's text: {raw.plain!r}")
        else:
            plan.option(option, value)
            if raw.rich:
                kept.append(line)  # the link stays a link, in the plan's text
    plan.body = "".join(line.rstrip(" ") for line in kept).strip("\n")
    conversion.replace(start, end, [plan])


def _link_target(raw: str) -> str:
    """``spec.md`` from ``[spec.md](spec.md)``; the text itself when no link."""
    targets = links(parse_inline(raw))
    return targets[0] if targets else raw.strip().strip("`")
