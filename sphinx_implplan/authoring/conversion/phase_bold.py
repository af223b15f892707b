"""Phases written as bold pseudo-headings: a paragraph that is only bold text
(``**Phase 1 - Discovery**``), perhaps with a span after it on the same line
(``(Mar 2 - Mar 13)``, ``- Weeks 1-2``, ``\u00b7 T-8w to T-1w``), followed by a checklist, directly or after
a paragraph or two (a ``Timeline:`` line, a remark).

At least two such in one section's own blocks are phases: each takes its bold line
(the title, without the asterisks) and what follows up to its checklist's end (the
body, so its checkboxes are deliverables). A label (``**Tasks:**``) or a bold line
naming a kind or an aside (``**Testing**``, ``**Notes**``) is none. A lone one stays
as written, with a note.
"""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion, Phase
from sphinx_implplan.authoring.conversion.markdown import Section, normal_header, span
from sphinx_implplan.authoring.conversion.phase_members import ASIDES, has_checkbox
from sphinx_implplan.authoring.conversion.phases import phase_id, read_schedule_line
from sphinx_implplan.authoring.conversion.section_kinds import (
    PHASE_WORDS,
    is_span,
    kind_of,
    phase_heading,
    without_emoji,
)

_BOLD_LINE = re.compile(
    r"\s*(?P<mark>\*\*|__)(?P<bold>[^*_\s](?:[^*_]*[^*_\s])?)(?P=mark)"
    r"(?P<after>\s*(?:\((?P<paren>[^()]*)\)|(?:-|\u2013|\u2014|\u00b7|\|)\s*(?P<dash>[^()]*?)))?\s*"
)
#: ``Milestone A \u2014 Loader & discovery``: a phase's word and its number or letter
#: name a phase, whatever kind its words read as (``milestone`` a timeline's)
_NAMED_PHASE = re.compile(
    r"(?:" + "|".join(PHASE_WORDS) + r")\s+(?:\d+(?:\.\d+)*|(?-i:[A-Z]))\b", re.IGNORECASE
)
#: bold lines that label a checklist rather than name a phase
_LABELS = re.compile(
    r"\b(tasks?|to ?dos?|deliverables?|checklist|done|in progress|backlog|blocked|must have"
    r"|should have|could have|nice to have|exit criteria|entry criteria|done when)\b"
)


def _bold_title(block: SyntaxTreeNode, lines: list[str]) -> tuple[str, str, str | None] | None:
    """``(title, bold text, span)`` of a one-line paragraph that is only bold text."""
    start, end = span(block)
    if block.type != "paragraph" or end - start != 1:
        return None
    match = _BOLD_LINE.fullmatch(lines[start].rstrip("\n"))
    if match is None:
        return None
    bold = match.group("bold").strip()
    after = match.group("paren") or match.group("dash")
    if after is not None and not is_span(after):
        return None
    words = normal_header(bold)
    named = _NAMED_PHASE.match(bold) is not None
    if bold.endswith(":") or (kind_of(bold) is not None and not named) or ASIDES.search(words):
        return None
    if _LABELS.fullmatch(words) or not any(char.isalnum() for char in bold):
        return None
    title = without_emoji(f"{bold}{match.group('after') or ''}")
    return title, bold, after.strip() if after else None


def _checklist_after(
    blocks: list[SyntaxTreeNode], index: int, lines: list[str]
) -> SyntaxTreeNode | None:
    """The checklist a bold title heads: the next list, after at most two paragraphs
    that are not titles themselves (``Timeline: Apr-Jun 2027.``), if it has boxes."""
    for block in blocks[index + 1 : index + 4]:
        if block.type in {"bullet_list", "ordered_list"}:
            return block if has_checkbox(block) else None
        if block.type != "paragraph" or _bold_title(block, lines) is not None:
            return None
    return None


def _bold_heads(
    section: Section, lines: list[str], claimed: set[int]
) -> list[tuple[SyntaxTreeNode, SyntaxTreeNode, tuple[str, str, str | None]]]:
    """``(bold line, its checklist, (title, bold text, span))`` of each bold line of
    the section's own blocks that heads a checklist."""
    blocks = section.blocks
    found = []
    for index, block in enumerate(blocks[:-1]):
        if span(block)[0] in claimed:
            continue
        read = _bold_title(block, lines)
        nested = _checklist_after(blocks, index, lines) if read is not None else None
        if read is not None and nested is not None:
            found.append((block, nested, read))
    return found


def holds_bold_phases(section: Section, lines: list[str]) -> bool:
    """Whether the section's own blocks hold a series of bold phases."""
    return len(_bold_heads(section, lines, set())) >= 2


def convert_bold_phases(conversion: Conversion, section: Section) -> None:
    """The section's own bold lines that head checklists, where there are two or more."""
    lines = conversion.lines
    found = _bold_heads(section, lines, conversion.claimed)
    if len(found) == 1:
        conversion.note(
            span(found[0][0])[0],
            "bold line kept as written: a lone one above a checklist is no series of phases",
        )
    if len(found) < 2:
        return
    for place, (block, nested, (title, bold, span_text)) in enumerate(found):
        start, end = span(block)[0], span(nested)[1]
        heading = phase_heading(bold)
        number = heading.number if heading is not None else str(place + 1)
        name = heading.name if heading is not None else bold
        directive = conversion.item("impl-phase", title, phase_id(conversion, number))
        if heading is None:
            number = f"series bold:{number}"  # answers to no bare ``2`` or ``Phase 2``
        directive.body = "".join(lines[start + 1 : end]).strip("\n")
        # a ``Timeline:`` line between the title and the checklist says when
        for line_number in range(start + 1, span(nested)[0]):
            read_schedule_line(conversion, directive, lines[line_number], line_number)
        phase = Phase(number, name, directive, span_text or (heading.span if heading else None))
        conversion.phases.append(phase)
        conversion.phase_depends.append((phase, []))
        conversion.replace(start, end, [directive])
        conversion.claimed.update({start, span(nested)[0]})
