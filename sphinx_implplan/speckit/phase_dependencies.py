"""Which phases of tasks.md depend on which, where the file says so unambiguously.

The lines read are those of a section whose heading names dependencies
("Dependencies & Execution Order", "Phase Dependencies", "User Story Dependencies"),
and a ``**Depends on**:`` line inside a phase. A line names one phase, then what it
depends on: ``- **Phase 3 (US1)**: depends on Phase 2``, ``Setup (Phase 1): No
dependencies``, ``User Story 2 can start after Foundational (Phase 2)``; or a chain
``Setup (Phase 1) -> Foundational (Phase 2)``, with an arrow sign as well. A phase is named by its number
(``Phase 2``), by its user story (``User Story 1``, ``US1``) or by the first words of
its title (``Setup``, ``Foundational``). Only the first clause after the phase counts
(up to a dash, a semicolon or a full stop), and a line is skipped where a name fits
no phase or several, or where it speaks of several phases at once ("User Stories
(Phase 3+)", "all desired user stories"). Task-level orderings (``T008 blocks
T009``) are not read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from sphinx_implplan.speckit.bold_labels import paragraph_labels
from sphinx_implplan.speckit.markdown_blocks import Document, plain
from sphinx_implplan.speckit.records import Phase
from sphinx_implplan.speckit.tasks_file import phase_heading

_PHASE_NUMBER = re.compile(r"\bPhase\s+([0-9]{1,4}(?:\.[0-9]{1,4})*[a-z]?)(\+?)", re.IGNORECASE)
_FINAL = re.compile(r"\bFinal\s+Phase\b", re.IGNORECASE)
_STORY = re.compile(r"\b(?:User\s+Story|US)\s*-?\s*([0-9]{1,4})(?![0-9])", re.IGNORECASE)
_SEVERAL = re.compile(
    r"\b(?:all|any|every|each|other|others|remaining|stories|phases)\b|\+", re.IGNORECASE
)
_NOTHING = re.compile(
    r"\bno\s+dependenc|\bnone\b|\bindependent\b|\bstart\s+immediately", re.IGNORECASE
)
_VERB = re.compile(
    r"\b(?:depends?\s+on|can\s+start\s+after|starts?\s+after|after|requires?|blocked\s+by"
    r"|needs?|waits?\s+for)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"\s[-\u2013\u2014]\s|;|\.(?:\s|$)|\bbut\b", re.IGNORECASE)
_ARROW = re.compile(r"\s*(?:\u2192|->|\u21d2|=>|\u27f6)\s*")
_NAME_END = re.compile(r"\s*(?:\(|\s[-\u2013\u2014]\s|:|&|\band\b)")


class _Names:
    """What a text may call a phase: its number, its story, the start of its title."""

    def __init__(self, phases: Sequence[Phase]) -> None:
        self.numbers = {phase.number.lower(): phase.number for phase in phases}
        self.stories: dict[int, list[str]] = {}
        self.titles: dict[str, list[str]] = {}
        for phase in phases:
            if phase.story is not None:
                self.stories.setdefault(phase.story, []).append(phase.number)
            name = _NAME_END.split(phase.title, maxsplit=1)[0].strip().lower()
            if len(name) >= 3:
                self.titles.setdefault(name, []).append(phase.number)
        self.title_patterns = {
            name: re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
            for name in self.titles
        }

    def named(self, text: str) -> list[list[str]]:
        """The candidates of each phase name in ``text``."""
        found: list[list[str]] = []
        for match in _PHASE_NUMBER.finditer(text):
            number = self.numbers.get(match.group(1).lower())
            found.append([number] if number else [])
        if _FINAL.search(text):
            found.append(["Final"] if "final" in self.numbers else [])
        found += [self.stories.get(int(match.group(1)), []) for match in _STORY.finditer(text)]
        found += [
            self.titles[name]
            for name, pattern in self.title_patterns.items()
            if pattern.search(text)
        ]
        return found

    def one(self, text: str) -> str | None:
        """The single phase ``text`` names, every name that fits one phase counted."""
        if _SEVERAL.search(text):
            return None
        fitting = {candidates[0] for candidates in self.named(text) if len(candidates) == 1}
        return fitting.pop() if len(fitting) == 1 else None

    def each(self, text: str) -> list[str] | None:
        """The phases ``text`` names, or ``None`` where one name fits none or several."""
        if _SEVERAL.search(text):
            return None
        named = self.named(text)
        if not named or any(len(candidates) != 1 for candidates in named):
            return None
        return list(dict.fromkeys(candidates[0] for candidates in named))


def _split(text: str) -> tuple[str, str] | None:
    subject, colon, predicate = text.partition(":")
    if colon and len(subject) <= 80:
        return subject, predicate
    match = _VERB.search(text)
    return (text[: match.start()], text[match.start() :]) if match else None


def _dependencies(text: str, names: _Names) -> Iterator[tuple[str, list[str]]]:
    """``(phase, phases it depends on)`` of one line."""
    chain = _ARROW.split(text)
    if len(chain) > 1:
        links = [names.one(part) for part in chain]
        for before, after in itertools.pairwise(links):
            if before is not None and after is not None:
                yield after, [before]
        return
    parts = _split(text)
    if parts is None:
        return
    subject = names.one(parts[0])
    clause = _CLAUSE_END.split(parts[1], maxsplit=1)[0]
    if subject is None:
        return
    if _NOTHING.search(clause):
        yield subject, []
        return
    phases = names.each(clause)
    if phases is not None:
        yield subject, [number for number in phases if number != subject]


def _lines(document: Document, phases: Sequence[Phase]) -> Iterator[tuple[str | None, str]]:
    """The texts to read: ``(None, line)`` of a dependency section, ``(phase, value)``
    of a phase's ``**Depends on**`` line."""
    phase_at = {phase.source.line - 1: phase.number for phase in phases}
    for heading in document.headings:
        if heading.line in phase_at:
            for paragraph in document.paragraphs_in(heading):
                if document.heading_at(paragraph.start) is heading:
                    for label in paragraph_labels(paragraph):
                        if label.key.startswith("depend"):
                            yield phase_at[heading.line], plain(label.value)
            continue
        if "dependenc" not in heading.title.lower() or phase_heading(heading.title):
            continue
        for item in document.items_in(heading):
            if document.heading_at(item.start) is heading and item.text:
                yield None, plain(item.text)
        for paragraph in document.paragraphs_in(heading):
            if paragraph.item is None and document.heading_at(paragraph.start) is heading:
                for text_line in paragraph.lines:
                    yield None, plain(text_line.text)


def with_dependencies(document: Document, phases: Sequence[Phase]) -> list[Phase]:
    """``phases`` with the dependencies the file gives them."""
    names = _Names(phases)
    found: dict[str, list[str]] = {}
    for subject, text in _lines(document, phases):
        pairs: list[tuple[str, list[str]]]
        if subject is None:
            pairs = list(_dependencies(text, names))
        elif _NOTHING.search(text):
            pairs = [(subject, [])]
        else:
            named = names.each(_CLAUSE_END.split(text, maxsplit=1)[0])
            pairs = [] if named is None else [(subject, named)]
        for phase, depends_on in pairs:
            known = found.setdefault(phase, [])
            known += [number for number in depends_on if number not in known and number != phase]
    return [replace(phase, depends_on=tuple(found.get(phase.number, ()))) for phase in phases]
