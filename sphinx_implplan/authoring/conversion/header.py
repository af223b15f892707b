"""The plan itself: its title from the first heading and its options from the
``**Spec**:``, ``**Status**:`` and ``**Last Updated**:`` lines under it, or from the
document's YAML front matter where no such line gives them."""

from __future__ import annotations

import datetime
import re

import yaml  # type: ignore[import-untyped]  # no stubs in the dev dependencies
from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import (
    Section,
    Text,
    bold_only,
    links,
    paragraph_labels,
    parse_inline,
    span,
)
from sphinx_implplan.authoring.myst_writer import Directive

_TITLE_PREFIX = re.compile(
    r"(implementation[ _]plan(\.md)?|technical[ _]plan|implementation|plan)\s*(:|-|\u2013|\u2014)\s*",
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
    "team": ("owner", checks.text),
    "version": ("version", checks.text),
}


def front_matter(root: Section) -> tuple[SyntaxTreeNode | None, dict[str, str]]:
    """The document's front matter block and its values by label (``last updated``
    for ``last_updated``); no values when it is no YAML mapping. MyST reads the block
    itself, so it stays as written."""
    block = root.blocks[0] if root.blocks else None
    if block is None or block.type != "front_matter":
        return None, {}
    try:
        data = yaml.safe_load(block.content)
    except yaml.YAMLError:
        return block, {}
    if not isinstance(data, dict):
        return block, {}
    values: dict[str, str] = {}
    for key, given in data.items():
        # authors: [Ann, Bo]
        value = ", ".join(given) if isinstance(given, list) else given
        if isinstance(value, (str, int, float, datetime.date)) and not isinstance(value, bool):
            name = " ".join(str(key).lower().replace("_", " ").replace("-", " ").split())
            values[name] = str(value)
    return block, values


def plan_title(root: Section, fallback: str) -> tuple[str, Section | None]:
    """The plan's title and the section of the document's title heading. Front matter's
    ``title`` names the plan of a document whose first heading is no level 1 heading."""
    title_section = next((section for section in root.walk() if section.heading is not None), None)
    if title_section is not None and _first_of_parts(root, title_section):
        title_section = None
    given = front_matter(root)[1].get("title", "").strip()
    if given and (title_section is None or title_section.level != 1):
        return _without_prefix(given) or given, None
    if title_section is None:
        bold = _bold_title(root)
        return (_without_prefix(bold) or bold or fallback) if bold else fallback, None
    text = title_section.title.shown
    return _without_prefix(text) or text or fallback, title_section


def _first_of_parts(root: Section, first: Section) -> bool:
    """Whether the document's first heading is the first of its parts, not its title:
    a document written before it (a bold title line, an introduction), whose level 1
    headings are several, the first holding a checklist (``# Kickoff week`` then
    tasks), as Google Docs and Notion export a plan of Heading 1 parts."""
    written = any(block.type == "paragraph" for block in root.blocks)
    parts = [section for section in root.subsections if section.level == 1]
    if not written or first.level != 1 or len(parts) < 2:
        return False
    # a Word document's first part (``# Purpose``) under its bold title lines
    named_part = _PART_NUMBER.sub("", first.title.plain).strip().lower() in _PART_NAMES
    return (named_part and _bold_title(root) is not None) or any(
        _is_task_list(block) for block in first.blocks
    )


#: the names of a document's opening part, not its title
_PART_NAMES = frozenset(
    {"purpose", "introduction", "overview", "background", "summary", "executive summary"}
    | {"scope", "contents", "table of contents", "about this document", "document control"}
)
_PART_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s*")


def _is_task_list(block: SyntaxTreeNode) -> bool:
    return block.type == "bullet_list" and any(
        _TASK.match(item.children[0].children[0].content)
        for item in block.children
        if item.children and item.children[0].children and item.children[0].type == "paragraph"
    )


_TASK = re.compile(r"\[[ xX]\]\s")


def _bold_title(root: Section) -> str | None:
    """The text of the document's first paragraph where that is one bold line; of
    several such paragraphs in a row, the first not in capitals alone, as a Word
    document's cover puts its organisation (``**NORTH VALLEY HEALTH**``) above its
    title."""
    lines: list[str] = []
    for block in root.blocks:
        if block.type != "paragraph" or not block.children:
            break
        line = bold_only(block.children[0].content)
        if line is None:
            break
        lines.append(line)
    return next((line for line in lines if not line.isupper()), lines[0] if lines else None)


def _without_prefix(text: str) -> str:
    return _TITLE_PREFIX.sub("", text, count=1).strip()


def _header_paragraph(section: Section, lines: list[str]) -> SyntaxTreeNode | None:
    """The paragraph of header lines: the title's first, or the first one with a header
    label when a note or a quote comes before it."""
    for index, block in enumerate(section.blocks):
        if block.type != "paragraph":
            continue
        labels = paragraph_labels(block, lines)
        if index == 0 or any(
            label is not None and label.name in _HEADER_LABELS for label in labels
        ):
            return block
    return None


def convert_header(
    conversion: Conversion, plan: Directive, title_section: Section | None, root: Section
) -> None:
    """Put the plan after the title heading, replacing the header lines it takes; what
    they leave out, front matter may give."""
    block, values = front_matter(root)
    if title_section is None:
        at = span(block)[1] if block is not None else 0
        conversion.replace(at, at, [plan])
    else:
        _header_lines(conversion, plan, title_section)
    for name, value in values.items():
        entry = _HEADER_LABELS.get(name)
        if entry is None or any(option == entry[0] for option, _ in plan.options):
            continue
        option, check = entry
        checked = check(Text.parse(value).shown if check is checks.text else value)
        if checked is None:
            conversion.note(0, f"front matter {name} not taken by the plan: {value!r}")
        else:
            plan.option(option, checked)


def _header_lines(conversion: Conversion, plan: Directive, title_section: Section) -> None:
    paragraph = _header_paragraph(title_section, conversion.lines)
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
        value = check(
            _link_target(raw.raw)
            if option == "spec"
            else raw.shown
            if check is checks.text
            else raw.plain
        )
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
