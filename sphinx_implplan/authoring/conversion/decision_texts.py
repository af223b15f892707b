"""Decisions written as text rather than as a table: ``**Decision**: X`` and
``**Rationale**: Y`` lines under a decisions heading, or a ``### Decision: X``
subsection whose content is the decision's body.

The decision (or choice) is the item's ``:choice:``, and its title unless a
``**Question**:`` or ``**Topic**:`` line gives one; ``**Status**:`` and
``**Alternatives**:`` become options; every other line (the rationale, the context)
stays in the body as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, set_title_text
from sphinx_implplan.authoring.conversion.markdown import Label, Section, paragraph_labels
from sphinx_implplan.authoring.myst_writer import Directive

_DECISION = "impl-decision"
_HEADING = re.compile(
    r"(?:decision|adr)\s*[-#]?\s*\d*\s*(?::|-|\u2013|\u2014|\.)\s*(\S.*)", re.IGNORECASE
)
_CHOICE_LABELS = frozenset({"decision", "choice", "chosen", "chosen option", "decided", "outcome"})
_TITLE_LABELS = frozenset({"question", "topic", "problem", "issue"})
#: labels that may come before the decision in its group, kept in the body
_LEADING_LABELS = _TITLE_LABELS | {"context", "background"}
_OPTION_LABELS: dict[str, tuple[str, checks.Check]] = {
    "status": ("status", checks.decision_status),
    "alternatives": ("alternatives", checks.text),
    "alternatives considered": ("alternatives", checks.text),
    "options considered": ("alternatives", checks.text),
    "rejected": ("alternatives", checks.text),
    "rejected options": ("alternatives", checks.text),
}


@dataclass
class _Group:
    """The label lines of one decision, in the order written."""

    labels: list[Label] = field(default_factory=list)

    def has(self, names: frozenset[str]) -> bool:
        return any(label.name in names for label in self.labels)


def convert_text_decisions(conversion: Conversion, section: Section) -> bool:
    """Decisions of the section's own text; ``True`` when the section is a
    ``Decision: X`` heading and so one decision whole."""
    match = _HEADING.fullmatch(section.title.shown) if section.heading is not None else None
    if match is not None:
        _heading_decision(conversion, section, match.group(1))
        return True
    for group in _groups(conversion, section):
        choice = next(label for label in group.labels if label.name in _CHOICE_LABELS)
        title = next((label for label in group.labels if label.name in _TITLE_LABELS), choice)
        directive = conversion.item(
            _DECISION, title.value.shown, conversion.ids.numbered(_DECISION)
        )
        kept = _take_options(directive, group.labels, skip=title)
        lines = [conversion.lines[label.line].strip() for label in kept if label is not title]
        set_title_text(directive, "Decision", title.value)
        directive.body = "\n\n".join(part for part in (directive.body, *lines) if part)
        start, end = group.labels[0].line, group.labels[-1].line + 1
        conversion.replace(start, end, [directive])
    return False


def _groups(conversion: Conversion, section: Section) -> list[_Group]:
    """Runs of paragraphs made only of label lines; a group starts at a decision (or
    a question or context before one) and takes the labels after it."""
    groups: list[_Group] = []
    current: _Group | None = None
    for block in section.blocks:
        labels = paragraph_labels(block, conversion.lines) if block.type == "paragraph" else []
        if not labels or any(label is None for label in labels):
            current = None
            continue
        for label in labels:
            assert label is not None
            opens = label.name in _CHOICE_LABELS or label.name in _LEADING_LABELS
            if current is not None and not (opens and current.has(_CHOICE_LABELS)):
                current.labels.append(label)
            elif opens:
                current = _Group([label])
                groups.append(current)
            else:
                current = None
                break
    return [group for group in groups if group.has(_CHOICE_LABELS)]


def _take_options(directive: Directive, labels: list[Label], skip: Label | None) -> list[Label]:
    """Set the choice, status and alternatives the labels give; the labels whose line
    must stay in the body (a value no option takes, or a link) are returned."""
    kept: list[Label] = []
    for label in labels:
        option = (
            ("choice", checks.text)
            if label.name in _CHOICE_LABELS
            else _OPTION_LABELS.get(label.name)
        )
        taken = False
        if option is not None and all(name != option[0] for name, _ in directive.options):
            name, check = option
            value = check(label.value.shown if check is checks.text else label.value.plain)
            if value is not None:
                directive.option(name, value)
                taken = True
        if label is not skip and (not taken or label.value.rich):
            kept.append(label)
    return kept


def _heading_decision(conversion: Conversion, section: Section, title: str) -> None:
    """``### Decision: Use Postgres``: the heading stays, the decision takes its
    content; label paragraphs give the choice and options, the title the choice when
    none does."""
    labels: list[Label] = []
    for block in section.blocks:
        found = paragraph_labels(block, conversion.lines) if block.type == "paragraph" else []
        if found and all(label is not None for label in found):
            labels += [label for label in found if label is not None]
    directive = conversion.item(_DECISION, title, conversion.ids.numbered(_DECISION))
    kept = _take_options(directive, labels, skip=None)
    if all(name != "choice" for name, _ in directive.options):
        directive.option("choice", title)
    consumed = {label.line for label in labels} - {label.line for label in kept}
    start, end = section.body_start, section.body_end
    lines = [conversion.lines[number] for number in range(start, end) if number not in consumed]
    directive.body = "".join(lines).strip("\n")
    conversion.replace(start, end, [directive])
