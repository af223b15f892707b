"""research.md: one decision per ``**Decision**:`` line.

A decision takes the ``**Rationale**:`` and ``**Alternatives considered**:`` lines
that follow it in its section (each may hold its text, or have it in the list after
it: every item of an alternatives list is one alternative; "none" is none). Its title is its topic:
the heading it stands under (``## Token storage``, a leading ``1.`` or ``R2:`` left
out), or where that heading already titles a decision, or there is none, a title
made from the choice. Other lines of a topic are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sphinx_implplan.speckit.bold_labels import Label, label_item_texts, paragraph_labels
from sphinx_implplan.speckit.markdown_blocks import Document, Heading
from sphinx_implplan.speckit.records import Decision, Source
from sphinx_implplan.speckit.requirement_ids import short_title
from sphinx_implplan.speckit.stack_entries import is_nothing

FILE = "research.md"
_DECISION = frozenset({"decision", "decision made", "choice", "chosen", "chosen approach"})
_RATIONALE = ("rationale", "why", "reasoning", "reason")
_ALTERNATIVES = ("alternative", "rejected alternative", "options considered")
_NUMBERING = re.compile(
    r"^(?:[0-9]{1,3}[.)]|[A-Z]{1,3}-?[0-9]{1,3}[:.)]|(?:research\s+)?(?:topic|task|question)"
    r"\s*[0-9]{0,3}\s*[:.)])\s*",
    re.IGNORECASE,
)


@dataclass
class _Open:
    heading: Heading | None
    title: str
    choice: str
    line: int
    rationale: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)

    def decision(self) -> Decision:
        return Decision(
            self.title,
            self.choice,
            " ".join(self.rationale),
            tuple(text for text in self.alternatives if not is_nothing(text)),
            Source(FILE, self.line + 1),
        )


def _items(document: Document, label: Label) -> list[str]:
    return [text for text, _ in label_item_texts(document, label)]


def read_research(document: Document) -> list[Decision]:
    decisions: list[Decision] = []
    current: _Open | None = None
    titled: set[int] = set()
    labels = [label for paragraph in document.paragraphs for label in paragraph_labels(paragraph)]
    for label in sorted(labels, key=lambda found: found.line):
        if label.key in _DECISION:
            if current is not None:
                decisions.append(current.decision())
            current = _start(document, label, titled)
        elif current is None or not document.within(current.heading, label.line):
            continue
        elif label.key.startswith(_RATIONALE):
            current.rationale += [label.value] if label.value else []
            current.rationale += _items(document, label)
        elif label.key.startswith(_ALTERNATIVES):
            current.alternatives += [label.value] if label.value else []
            current.alternatives += _items(document, label)
    if current is not None:
        decisions.append(current.decision())
    return decisions


def _start(document: Document, label: Label, titled: set[int]) -> _Open:
    choice = label.value or "; ".join(_items(document, label))
    heading = document.heading_at(label.line)
    if heading is not None and heading.level > 1 and heading.index not in titled:
        titled.add(heading.index)
        title = _NUMBERING.sub("", heading.title).strip() or heading.title
        return _Open(heading, title, choice, heading.line)
    return _Open(heading, short_title(choice) or label.name, choice, label.line)
