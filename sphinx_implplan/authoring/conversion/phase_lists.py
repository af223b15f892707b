"""Phases written as a top-level ordered list: each item names the phase
(``1. **Foundations** (week 1)``) and holds its tasks as a nested checkbox list,
perhaps with a line saying when it runs (``- When: April\u2013June 2027``).

A list is read so only where every item has a one-line name and a nested list, and
some nested item is a checkbox; the item's nested blocks are the phase's body, so
its checkboxes are deliverables. Other such lists stay as written, with a note.
"""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.context import Conversion, Phase
from sphinx_implplan.authoring.conversion.lists import task_box
from sphinx_implplan.authoring.conversion.markdown import (
    ListItem,
    Section,
    Text,
    item_rest,
    list_items,
    span,
)
from sphinx_implplan.authoring.conversion.phases import phase_id, read_schedule_items
from sphinx_implplan.authoring.conversion.section_kinds import phase_heading


def convert_phase_lists(conversion: Conversion, section: Section) -> None:
    """The section's own ordered lists whose items are phases."""
    for block in section.blocks:
        if block.type != "ordered_list":
            continue
        items = list_items(block, conversion.lines)
        boxes = [_has_boxes(item) for item in items]
        if not any(boxes):
            continue
        if len(items) < 2 or not all(_is_phase_item(item) for item in items):
            conversion.note(
                items[0].start,
                "ordered list kept as written: not each item is a one-line name "
                "with a nested list, as a list of phases is",
            )
            continue
        directives = [_phase(conversion, item).directive for item in items]
        conversion.replace(*span(block), directives)
        conversion.claimed.add(span(block)[0])


def _nested_lists(item: ListItem) -> list[SyntaxTreeNode]:
    return [child for child in item.node.children[1:] if child.type.endswith("_list")]


def _has_boxes(item: ListItem) -> bool:
    for nested in _nested_lists(item):
        for entry in nested.children:
            first = entry.children[0] if entry.children else None
            if first is not None and first.type == "paragraph" and first.children:
                text = first.children[0].content
                if task_box_state(text) is not None:
                    return True
    return False


def task_box_state(raw: str) -> bool | None:
    """Whether ``[x] Name`` is checked; ``None`` for text with no task box."""
    checked, _ = task_box(Text(raw.strip(), raw.strip(), False))
    return checked


def _is_phase_item(item: ListItem) -> bool:
    first = item.node.children[0] if item.node.children else None
    return (
        item.text is not None
        and first is not None
        and span(first)[1] - span(first)[0] == 1
        and span(first)[0] == item.start
        and bool(_nested_lists(item))
    )


def _phase(conversion: Conversion, item: ListItem) -> Phase:
    assert item.text is not None
    assert item.number is not None
    number = str(item.number)
    read = phase_heading(f"Phase {number}: {item.text.plain}")
    name = read.name if read is not None else item.text.plain
    marker = f"{item.node.info}{item.node.markup}" if item.node.info else f"{number}."
    directive = conversion.item(
        "impl-phase", f"{marker} {item.text.plain}", phase_id(conversion, number)
    )
    directive.body = item_rest(item, conversion.lines)
    for nested in _nested_lists(item):
        # a ``- When:`` line among the tasks, read as under a heading
        read_schedule_items(conversion, directive, nested)
    phase = Phase(number, name, directive, read.span if read is not None else None)
    conversion.phases.append(phase)
    conversion.phase_depends.append((phase, []))
    return phase
