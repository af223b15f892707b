"""``**Label**: value`` lines, the way spec-kit files give a value a name.

A line is labelled when it starts with a bold label ending in a colon (``**Goal**:``
or ``**Goal:**``). One line may hold several, as plan.md's header does
(``**Branch**: `001-x` | **Date**: 2025-10-05 | **Spec**: ...``): a later label is
read where a separator (``|``, a middle dot, a bullet, ``;``, ``,``, a dash) stands before it,
or where it is one of the header's own labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx_implplan.speckit.markdown_blocks import plain

if TYPE_CHECKING:
    from sphinx_implplan.speckit.markdown_blocks import Document, ListItem, Paragraph

_LABEL = re.compile(r"\*\*([^*\n]{1,80}?)\*\*[ \t]*[:\uff1a]|\*\*([^*\n]{1,80}?)[:\uff1a]\*\*")
_SEPARATED = re.compile(r"(?:[|\u00b7\u2022;,]|\s[-\u2013\u2014])\s*$")
_SEPARATORS = " \t|\u00b7\u2022;,-\u2013\u2014"
_HEADER_LABELS = frozenset(
    {"branch", "feature branch", "date", "created", "spec", "input", "status", "plan"}
)


def label_key(name: str) -> str:
    """A label's name as labels are matched: plain, lower case, spaces collapsed."""
    return " ".join(plain(name).lower().replace(":", " ").split())


@dataclass(frozen=True)
class Label:
    #: the name as a reader sees it: ``Primary Dependencies``
    name: str
    #: the name as matched: ``primary dependencies``
    key: str
    #: inline Markdown as written, continuation lines joined with a space
    value: str
    #: 0-based
    line: int
    #: the line after the last one its value takes
    end: int


def labels_in_line(text: str, line: int) -> list[Label]:
    """The labels a line starts with, each with its value; none for another line."""
    stripped = text.lstrip()
    first = _LABEL.match(stripped)
    if first is None:
        return []
    matches = [first]
    for match in _LABEL.finditer(stripped, first.end()):
        key = label_key(match.group(1) or match.group(2))
        if _SEPARATED.search(stripped[matches[-1].end() : match.start()]) or (
            key in _HEADER_LABELS
        ):
            matches.append(match)
    labels: list[Label] = []
    for index, match in enumerate(matches):
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(stripped)
        value = stripped[match.end() : stop].strip(_SEPARATORS)
        if index + 1 == len(matches):
            value = stripped[match.end() : stop].strip()
        name = plain(match.group(1) or match.group(2)).strip().rstrip(":\uff1a").strip()
        labels.append(Label(name, label_key(name), value, line, line + 1))
    return labels


def paragraph_labels(paragraph: Paragraph) -> list[Label]:
    """Each label of a paragraph, a value taking the unlabelled lines after it."""
    labels: list[Label] = []
    for text_line in paragraph.lines:
        found = labels_in_line(text_line.text, text_line.line)
        if found:
            labels.extend(found)
        elif labels and text_line.text.strip():
            last = labels[-1]
            value = f"{last.value} {text_line.text.strip()}".strip()
            labels[-1] = Label(last.name, last.key, value, last.line, text_line.line + 1)
    return labels


def paragraph_prose(paragraph: Paragraph) -> str:
    """The lines of a paragraph before its first label, joined with a space."""
    kept: list[str] = []
    for text_line in paragraph.lines:
        if labels_in_line(text_line.text, text_line.line):
            break
        kept.append(text_line.text.strip())
    return " ".join(part for part in kept if part)


def label_items(document: Document, label: Label) -> list[ListItem]:
    """The items of the list right after a label's paragraph (or nested in its item)."""
    return document.list_after(label.end)


def item_text(item: ListItem) -> str:
    """An item's text up to a line that starts a label: a label line right after a
    list, with no blank line between, continues the last item's paragraph."""
    return paragraph_prose(item.paragraph) if item.paragraph is not None else ""


def label_item_texts(document: Document, label: Label) -> list[tuple[str, int]]:
    """The text and line of each item of the list after a label."""
    return [
        (text, item.start) for item in label_items(document, label) if (text := item_text(item))
    ]


def label_text(document: Document, label: Label) -> str:
    """A label's value, or where it has none, the items of the list after it, joined
    with ``; ``."""
    if label.value:
        return label.value
    return "; ".join(text for text, _ in label_item_texts(document, label))
