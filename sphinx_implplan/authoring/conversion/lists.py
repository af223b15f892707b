"""Lists whose items become items (component overviews, endpoints, rollout stages,
metrics, stack, considerations, changelog entries).

An item is read as a lead and a rest: ``**Lead**: rest``, ``Lead: rest`` or
``Lead - rest``; the lead is the title, the rest an option or the body. Items that
do not fit stay in the list as written; the items made follow what is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import ListItem, Text, item_rest
from sphinx_implplan.authoring.myst_writer import Directive

_SEPARATORS = (": ", " - ", " \u2013 ", " \u2014 ")


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
        before, found, after = raw.partition(separator)
        if found and before.strip() and after.strip():
            return Text.parse(before), Text.parse(after)
    return text, Text("", "", False)


#: makes the item of one list item, or ``None`` to keep the list item as written
ItemMaker = Callable[[ListItem, Text], "Directive | None"]


def convert_list(
    conversion: Conversion, block_lines: tuple[int, int], items: list[ListItem], make: ItemMaker
) -> list[Directive]:
    """Replace the list by the items ``make`` returns; items it refuses stay listed."""
    directives: list[Directive] = []
    kept: list[ListItem] = []
    for item in items:
        directive = make(item, item.text) if item.text is not None else None
        if directive is None:
            kept.append(item)
            continue
        rest = item_rest(item, conversion.lines)
        if rest:
            directive.body = "\n\n".join(part for part in (directive.body, rest) if part)
        directives.append(directive)
    if directives:
        rewrite_list(conversion, block_lines, kept, directives)
    return directives


def rewrite_list(
    conversion: Conversion,
    block_lines: tuple[int, int],
    kept: list[ListItem],
    directives: list[Directive],
) -> None:
    """The list becomes its ``kept`` items as written, then ``directives``."""
    keep = "".join("".join(conversion.lines[item.start : item.end]) for item in kept)
    conversion.replace(block_lines[0], block_lines[1], directives, keep=keep)
