"""The records a spec-kit feature folder is read into. No Sphinx imports.

Every record is frozen and says where it was read (:class:`Source`: the file, relative
to the feature folder, and its 1-based line). Text fields (a requirement's ``text``, a
story's prose, a task's description, a decision's rationale) keep their inline
Markdown as written, the lines of a paragraph joined by one space; titles and names
are plain text, what a reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Source:
    """Where a record was read: ``tasks.md`` or ``contracts/api.md``, and a line from 1."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class RequirementKind(Enum):
    """What a requirement id's prefix (or, for another prefix, its section) says."""

    FUNCTIONAL = "functional"
    NON_FUNCTIONAL = "non-functional"
    SUCCESS_CRITERION = "success criterion"
    OTHER = "other"


@dataclass(frozen=True)
class Requirement:
    #: as written: ``FR-001``, ``NFR-004``, ``SC-002``, ``FR-012a``
    id: str
    kind: RequirementKind
    #: plain text made from the sentence: its first sentence, without a leading
    #: "System MUST", the clarification markers left out, at most 80 characters
    title: str
    #: the whole sentence after the id, as written
    text: str
    #: the questions of its ``[NEEDS CLARIFICATION: ...]`` markers, in order
    clarifications: tuple[str, ...]
    source: Source

    @property
    def prefix(self) -> str:
        """``FR`` of ``FR-001``: the id up to its last hyphen."""
        return self.id.rpartition("-")[0]


@dataclass(frozen=True)
class Clarification:
    """An open question: a ``[NEEDS CLARIFICATION: ...]`` marker in any file, or a
    Technical Context value left as ``NEEDS CLARIFICATION`` (its label as question)."""

    question: str
    source: Source


@dataclass(frozen=True)
class UserStory:
    number: int
    title: str
    #: ``P1``, or ``None`` where the heading gives no priority
    priority: str | None
    #: the story's prose before its labelled lines
    text: str
    why_priority: str | None
    independent_test: str | None
    #: each Given/When/Then item as written
    acceptance_scenarios: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Task:
    #: ``T012`` or ``T020a``; ``None`` in a file whose tasks carry no ids
    id: str | None
    done: bool
    #: marked ``[P]``
    parallel: bool
    #: ``1`` for ``[US1]``
    story: int | None
    #: the description, the id and the ``[P]`` and ``[USn]`` marks left out
    text: str
    #: every requirement id the text names, ranges expanded, in order, once each
    requirements: tuple[str, ...]
    #: under a heading whose title starts with "Tests" ("Tests for User Story 1")
    is_test: bool
    #: the number of the phase it stands in, as written, or ``None``
    phase: str | None
    source: Source


@dataclass(frozen=True)
class Phase:
    #: as written: ``3``, ``3.1``, or ``Final`` for a "Final Phase"
    number: str
    #: the heading after its "Phase N:" part, as written (emoji kept)
    title: str
    #: the ``**Goal**:`` or ``**Purpose**:`` line
    goal: str | None
    checkpoint: str | None
    tasks: tuple[Task, ...]
    #: the user story the title names ("User Story 2", "US2")
    story: int | None
    #: numbers of the phases it depends on, where the dependency section says so
    #: unambiguously; empty where it says nothing readable (or "No dependencies")
    depends_on: tuple[str, ...]
    source: Source

    @property
    def done(self) -> int:
        return sum(task.done for task in self.tasks)


@dataclass(frozen=True)
class Decision:
    """A research topic's decision, or a Complexity Tracking row of plan.md (the
    violation as title and choice, why it is needed as rationale, the simpler
    alternative and why it was rejected as the one alternative)."""

    title: str
    choice: str
    rationale: str
    alternatives: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class StackItem:
    technology: str
    version: str | None
    #: the Technical Context label it came from: ``Primary Dependencies``
    label: str
    #: what a parenthesis or the words after the version add: ``cache`` of
    #: ``Redis 7 (cache)``
    note: str | None
    source: Source


class ConsiderationKind(Enum):
    PERFORMANCE = "performance"
    OPERATIONS = "operations"
    OTHER = "other"


@dataclass(frozen=True)
class Consideration:
    kind: ConsiderationKind
    text: str
    #: the Technical Context label it came from: ``Performance Goals``
    label: str
    source: Source


@dataclass(frozen=True)
class EntityField:
    name: str
    type: str | None
    description: str | None
    source: Source


@dataclass(frozen=True)
class Entity:
    name: str
    fields: tuple[EntityField, ...]
    #: each relationship as written
    relationships: tuple[str, ...]
    description: str | None
    source: Source


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    description: str | None
    source: Source


@dataclass(frozen=True)
class Problem:
    """Something the folder holds that cannot be read as meant.

    ``code`` is one of ``missing-file``, ``file-too-large``, ``unreadable-file``,
    ``malformed-task``, ``duplicate-task``, ``duplicate-requirement``,
    ``duplicate-story``, ``unknown-requirement``, ``unknown-story`` and
    ``reader-error`` (a file the reader could not follow: a fault of the reader, read
    no further); ``source`` is ``None`` for a problem of the folder or of a whole
    file.
    """

    code: str
    message: str
    source: Source | None


@dataclass(frozen=True)
class Feature:
    #: the folder's name: ``001-magic-link-login``
    folder: str
    title: str
    branch: str | None
    #: ``YYYY-MM-DD``: spec.md's creation date, else plan.md's date
    date: str | None
    #: spec.md's ``**Status**``
    status: str | None
    #: plan.md's Summary section as written
    summary: str | None
    requirements: tuple[Requirement, ...]
    clarifications: tuple[Clarification, ...]
    stories: tuple[UserStory, ...]
    phases: tuple[Phase, ...]
    #: every task, those outside any phase included
    tasks: tuple[Task, ...]
    decisions: tuple[Decision, ...]
    stack: tuple[StackItem, ...]
    considerations: tuple[Consideration, ...]
    entities: tuple[Entity, ...]
    endpoints: tuple[Endpoint, ...]
    files_read: tuple[str, ...]
    #: which of spec.md, plan.md, tasks.md, research.md and data-model.md are absent
    missing_files: tuple[str, ...]
    problems: tuple[Problem, ...]
    #: ``YYYY-MM-DD``: plan.md's own date (its header line), when it has one
    plan_date: str | None = None
