"""Lists whose items become items (component overviews, endpoints, rollout stages,
metrics, stack, considerations, changelog entries).

An item is read as a lead and a rest: ``**Lead**: rest``, ``Lead: rest`` or
``Lead - rest``, split at the first separator outside parentheses, brackets and
inline code; the lead is the title, the rest an option or the body. Items that do
not fit stay in the list as written; the items made follow what is kept.

A task box (``- [x] Name``) never reaches the title: the state becomes the item's
status. An ordered list's number stays at the head of the title (``2. Name``),
except for a rollout stage, whose ``:stage:`` holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import ListItem, Text, item_rest, span
from sphinx_implplan.authoring.myst_writer import Directive

_SEPARATORS = (": ", " - ", " \u2013 ", " \u2014 ")
_OPENING, _CLOSING = "([{", ")]}"
_TASK_BOX = re.compile(r"\[([ xX])\]\s+")

#: directive -> status of a checked and of an unchecked task box
_BOX_STATUSES = {
    "impl-metric": ("met", "not met"),
    "impl-decision": ("accepted", "proposed"),
    "impl-risk": ("mitigated", "open"),
}
_DEFAULT_BOX_STATUSES = ("done", "planned")


def split_outside(raw: str, separator: str) -> tuple[str, str] | None:
    """``raw`` split at the first ``separator`` outside parentheses, brackets and
    inline code (a backtick run up to the next run of the same length). A parenthesis
    never closed nests nothing: then only inline code does."""
    return _split(raw, separator, nesting=True)


def _split(raw: str, separator: str, *, nesting: bool) -> tuple[str, str] | None:
    depth, index = 0, 0
    while index < len(raw):
        char = raw[index]
        if char == "`":
            run = len(raw[index:]) - len(raw[index:].lstrip("`"))
            closing = raw.find("`" * run, index + run)
            while closing >= 0 and raw[closing + run : closing + run + 1] == "`":
                closing = raw.find("`" * run, closing + run + 1)
            index = closing + run if closing >= 0 else index + run
            continue
        if nesting and char in _OPENING:
            depth += 1
        elif nesting and char in _CLOSING:
            depth = max(depth - 1, 0)
        elif depth == 0 and raw.startswith(separator, index):
            return raw[:index], raw[index + len(separator) :]
        index += 1
    if depth > 0 and nesting:
        return _split(raw, separator, nesting=False)
    return None


def lead_and_rest(text: Text) -> tuple[Text, Text]:
    """``(Lead, rest)`` of an item's text; the rest is empty when there is no lead."""
    raw = text.raw
    for marker in ("**", "__"):
        if raw.startswith(marker):
            closing = raw.find(marker, len(marker))
            if closing > len(marker):
                lead = raw[len(marker) : closing]
                rest = raw[closing + len(marker) :].lstrip()
                lead = lead.removesuffix(":")
                if rest.startswith((":", "-", "\u2013", "\u2014")):
                    rest = rest[1:]
                return Text.parse(lead), Text.parse(rest)
    for separator in _SEPARATORS:
        found = split_outside(raw, separator)
        if found is not None and found[0].strip() and found[1].strip():
            return Text.parse(found[0]), Text.parse(found[1])
    return text, Text("", "", False)


def task_box(text: Text) -> tuple[bool | None, Text]:
    """``(True, Name)`` from ``[x] Name``, ``(False, Name)`` from ``[ ] Name``, and
    ``(None, text)`` from an item with no task box."""
    match = _TASK_BOX.match(text.raw)
    if match is None or not text.raw[match.end() :].strip():
        return None, text
    return match.group(1) != " ", Text.parse(text.raw[match.end() :])


#: makes the item of one list item, or ``None`` to keep the list item as written
ItemMaker = Callable[[ListItem, Text], "Directive | None"]


def convert_list(
    conversion: Conversion, block_lines: tuple[int, int], items: list[ListItem], make: ItemMaker
) -> list[Directive]:
    """Replace the list by the items ``make`` returns; items it refuses stay listed."""
    directives: list[Directive] = []
    kept: list[ListItem] = []
    for item in items:
        if _text_starts_late(item):
            kept.append(item)
            continue
        checked, text = task_box(item.text) if item.text is not None else (None, None)
        directive = make(item, text) if text is not None else None
        if directive is None:
            kept.append(item)
            continue
        keep_marks(directive, item, checked)
        rest = item_rest(item, conversion.lines)
        if rest:
            directive.body = "\n\n".join(part for part in (directive.body, rest) if part)
        directives.append(directive)
    if directives:
        rewrite_list(conversion, block_lines, kept, directives)
    return directives


def _text_starts_late(item: ListItem) -> bool:
    """Whether lines come before the item's first paragraph that are none of it (a
    link definition, which Markdown takes out of the paragraph)."""
    first = item.node.children[0] if item.node.children else None
    return first is not None and first.type == "paragraph" and span(first)[0] != item.start


def keep_marks(directive: Directive, item: ListItem, checked: bool | None) -> None:
    """The task box's state as the item's status (unless it has one), and the list
    item's number at the head of its title (a rollout stage's is its stage)."""
    if checked is not None and all(name != "status" for name, _ in directive.options):
        done, open_ = _BOX_STATUSES.get(directive.name, _DEFAULT_BOX_STATUSES)
        directive.option("status", done if checked else open_)
    if item.number is not None and directive.name != "impl-rollout":
        marker = f"{item.node.info}{item.node.markup}" if item.node.info else f"{item.number}."
        directive.argument = f"{marker} {directive.argument}"


def rewrite_list(
    conversion: Conversion,
    block_lines: tuple[int, int],
    kept: list[ListItem],
    directives: list[Directive],
) -> None:
    """The list becomes its ``kept`` items as written, then ``directives``."""
    keep = "".join("".join(conversion.lines[item.start : item.end]) for item in kept)
    conversion.replace(block_lines[0], block_lines[1], directives, keep=keep)
