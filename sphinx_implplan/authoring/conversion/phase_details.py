"""Phases written as collapsible ``<details>`` blocks, as roadmaps on GitHub write
their milestones: ``<details>``, a ``<summary>`` naming the phase
(``<strong>0.9 - Config file</strong> \u00b7 target: March 2025``), Markdown with a
checklist, then ``</details>``.

At least two such in one section's own blocks are phases. The HTML stays as written
around each: the phase takes the Markdown between the summary and ``</details>``,
titled by the summary's text, so its checkboxes are its deliverables and a span in
the summary says when it runs. A block whose summary names a kind or an aside
(``Things that could derail this``, ``After 1.0 (ideas)``) is none.
"""

from __future__ import annotations

import html
import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion, Phase
from sphinx_implplan.authoring.conversion.markdown import Section, span
from sphinx_implplan.authoring.conversion.phase_members import has_checkbox, names_work
from sphinx_implplan.authoring.conversion.phase_spans import span_in_title
from sphinx_implplan.authoring.conversion.phases import phase_id
from sphinx_implplan.authoring.conversion.section_kinds import without_emoji

_OPENING = re.compile(r"\s*<details\b[^>]*>", re.IGNORECASE)
_SUMMARY = re.compile(r"<summary\b[^>]*>(?P<text>.*?)</summary>", re.IGNORECASE | re.DOTALL)
CLOSING = re.compile(r"\s*</details>\s*$", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")


def summary_text(block: SyntaxTreeNode) -> str | None:
    """The plain text of the summary an opening ``<details>`` block holds."""
    if block.type != "html_block" or not _OPENING.match(block.content):
        return None
    found = _SUMMARY.search(block.content)
    if found is None or CLOSING.search(block.content):
        return None
    text = " ".join(html.unescape(_TAG.sub("", found.group("text"))).split())
    return without_emoji(text) or None


def _groups(blocks: list[SyntaxTreeNode]) -> list[tuple[str, SyntaxTreeNode, list[SyntaxTreeNode]]]:
    """``(summary, opening block, inner blocks)`` of each details block holding a
    checklist and naming work."""
    found = []
    index = 0
    while index < len(blocks):
        summary = summary_text(blocks[index])
        if summary is None:
            index += 1
            continue
        inner: list[SyntaxTreeNode] = []
        end = index + 1
        while end < len(blocks) and not (
            blocks[end].type == "html_block" and CLOSING.match(blocks[end].content)
        ):
            inner.append(blocks[end])
            end += 1
        closed = end < len(blocks)
        if closed and inner and names_work(summary) and any(has_checkbox(b) for b in inner):
            found.append((summary, blocks[index], inner))
        index = end + 1
    return found


def convert_details_phases(conversion: Conversion, section: Section) -> None:
    """The section's own details blocks that are phases, where there are two or more."""
    groups = [
        group for group in _groups(section.blocks) if span(group[1])[0] not in conversion.claimed
    ]
    if len(groups) < 2:
        return
    lines = conversion.lines
    for place, (summary, opening, inner) in enumerate(groups, 1):
        start, end = span(inner[0])[0], span(inner[-1])[1]
        directive = conversion.item("impl-phase", summary, phase_id(conversion, str(place)))
        directive.body = "".join(lines[start:end]).strip("\n")
        # answers to its summary in a timeline, not to a bare number
        when = span_in_title(summary, conversion.sprint_days, conversion.plan_year)
        phase = Phase(f"series details:{place}", summary, directive, when)
        conversion.phases.append(phase)
        conversion.phase_depends.append((phase, []))
        conversion.replace(start, end, [directive])
        conversion.claimed.add(span(opening)[0])
