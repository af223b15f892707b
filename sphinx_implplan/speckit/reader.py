"""Reading a spec-kit feature folder (``specs/NNN-feature/``) into a :class:`Feature`.

What each file gives is said where it is read: spec.md in :mod:`.spec_file`, plan.md in
:mod:`.plan_file`, tasks.md in :mod:`.tasks_file` and :mod:`.phase_dependencies`,
research.md in :mod:`.research_file`, data-model.md in :mod:`.data_model_file` and
``contracts/*.md`` in :mod:`.contract_files`. Other files (quickstart.md, checklists,
contracts in YAML or JSON) are not read. The choices that concern the whole folder:

- Success criteria (``SC-001``) are requirements of the kind "success criterion",
  beside the functional and non-functional ones, so that each reader of the feature
  decides how they count (as requirements to cover, or as measures of success).
- Phases come from tasks.md alone. plan.md's sections named after phases (the older
  template's "Phase 0: Outline & Research", "Phase 1: Design & Contracts", "Phase 2:
  Task Planning Approach") describe how the documents were produced: they are never
  read as phases, with or without a tasks.md, and a folder without tasks.md has none.
- The title is spec.md's, else plan.md's, else tasks.md's, else the folder's name; the
  branch is spec.md's, else plan.md's; the date is spec.md's creation date, else
  plan.md's date, as ``YYYY-MM-DD`` (a date written otherwise is not read).
- Entities come from data-model.md; where there is none, from spec.md's Key Entities
  (a name and a description each).
- Every ``[NEEDS CLARIFICATION: ...]`` is an open question: counted, never a problem.
- A folder without spec.md or tasks.md has one ``missing-file`` problem naming what
  is missing; references to requirements and stories are checked against spec.md
  only where it was read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TypeVar

from sphinx_implplan.speckit.contract_files import read_contract, unique
from sphinx_implplan.speckit.cross_checks import unknown_references
from sphinx_implplan.speckit.data_model_file import read_data_model
from sphinx_implplan.speckit.markdown_blocks import Document, parse_document
from sphinx_implplan.speckit.phase_dependencies import with_dependencies
from sphinx_implplan.speckit.plan_file import PlanContent, read_plan
from sphinx_implplan.speckit.records import (
    Clarification,
    Decision,
    Endpoint,
    Entity,
    Feature,
    Phase,
    Problem,
    Source,
)
from sphinx_implplan.speckit.requirement_ids import DEFAULT_PREFIXES, clarifications
from sphinx_implplan.speckit.research_file import read_research
from sphinx_implplan.speckit.spec_file import SpecContent, read_spec
from sphinx_implplan.speckit.tasks_file import TasksContent, read_tasks

SPEC, PLAN, TASKS, RESEARCH, DATA_MODEL = (
    "spec.md",
    "plan.md",
    "tasks.md",
    "research.md",
    "data-model.md",
)
#: the files of a feature folder, in the order they are read
FILES = (SPEC, PLAN, TASKS, RESEARCH, DATA_MODEL)
#: the files without which a folder is incomplete
REQUIRED = (SPEC, TASKS)
CONTRACTS = "contracts"
MAX_BYTES = 2_000_000

_T = TypeVar("_T")


def is_contract(name: str) -> bool:
    """``contracts/api.md``: a Markdown file of the contracts folder."""
    return name.startswith(f"{CONTRACTS}/") and name.lower().endswith(".md")


def _guarded(problems: list[Problem], file: str, read: Callable[[], _T], empty: _T) -> _T:
    """What ``read`` returns, or ``empty`` and a ``reader-error`` problem where it fails:
    a file the reader cannot follow never stops a build."""
    try:
        return read()
    except Exception as error:  # noqa: BLE001 - the build goes on, the problem is shown
        problems.append(
            Problem("reader-error", f"{file} could not be read: {error!r}", Source(file, 1))
        )
        return empty


def _open_questions(document: Document, file: str) -> list[Clarification]:
    found: list[tuple[int, str]] = []
    for heading in document.headings:
        found += [(heading.line, question) for question in clarifications(heading.raw)]
    for paragraph in document.paragraphs:
        for text_line in paragraph.lines:
            found += [(text_line.line, question) for question in clarifications(text_line.text)]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += [(row.line, question) for question in clarifications(cell)]
    return [Clarification(question, Source(file, line + 1)) for line, question in sorted(found)]


def read_feature_texts(folder_name: str, texts: Mapping[str, str]) -> Feature:
    """The feature whose files hold ``texts`` (by name relative to the folder:
    ``spec.md``, ``contracts/api.md``; other names are not read). Never raises."""
    return _read(folder_name, texts, {})


def _read(folder_name: str, texts: Mapping[str, str], refused: Mapping[str, Problem]) -> Feature:
    texts = {posixpath.normpath(name.replace("\\", "/")): text for name, text in texts.items()}
    problems = list(refused.values())
    absent = [name for name in FILES if name not in texts and name not in refused]
    missing_required = [name for name in REQUIRED if name in absent]
    if missing_required:
        problems.append(
            Problem(
                "missing-file",
                f"the feature folder has no {' and no '.join(missing_required)}",
                None,
            )
        )
    contract_names = sorted(name for name in texts if is_contract(name))
    read = [name for name in (*FILES, *contract_names) if name in texts]
    documents: dict[str, Document] = {}
    questions: list[Clarification] = []
    for name in read:
        document = _guarded(problems, name, partial(parse_document, texts[name]), None)
        if document is not None:
            documents[name] = document
            questions += _guarded(problems, name, partial(_open_questions, document, name), [])

    def content(name: str, reader: Callable[[Document], _T], empty: _T) -> _T:
        if name not in documents:
            return empty
        return _guarded(problems, name, partial(reader, documents[name]), empty)

    spec = content(SPEC, read_spec, SpecContent())
    plan = content(PLAN, read_plan, PlanContent())
    questions += plan.clarifications
    problems += spec.problems
    prefixes = {*DEFAULT_PREFIXES, *(requirement.prefix for requirement in spec.requirements)}
    tasks = content(TASKS, partial(_tasks, prefixes=prefixes), TasksContent())
    problems += tasks.problems
    phases: list[Phase] = content(TASKS, partial(_phases, phases=tasks.phases), [])
    if SPEC in documents:
        checks = partial(unknown_references, tasks.tasks, phases, spec.requirements, spec.stories)
        problems += _guarded(problems, TASKS, checks, [])
    entities: list[Entity] = list(spec.key_entities)
    if DATA_MODEL in texts:
        entities = content(DATA_MODEL, read_data_model, [])
    endpoints: list[Endpoint] = []
    for name in contract_names:
        endpoints += content(name, partial(_contract, file=name), [])
    decisions: list[Decision] = content(RESEARCH, read_research, [])
    return Feature(
        folder=folder_name,
        title=spec.title or plan.title or tasks.title or folder_name,
        branch=spec.branch or plan.branch,
        date=spec.date or plan.date,
        status=spec.status,
        summary=plan.summary,
        requirements=tuple(spec.requirements),
        clarifications=tuple(sorted(questions, key=lambda found: _order(found.source, read))),
        stories=tuple(spec.stories),
        phases=tuple(phases),
        tasks=tuple(tasks.tasks),
        decisions=(*decisions, *plan.decisions),
        stack=tuple(plan.stack),
        considerations=tuple(plan.considerations),
        entities=tuple(entities),
        endpoints=tuple(unique(endpoints)),
        files_read=tuple(read),
        missing_files=tuple(absent),
        problems=tuple(problems),
        plan_date=plan.date,
    )


def _tasks(document: Document, prefixes: set[str]) -> TasksContent:
    return read_tasks(document, prefixes)


def _phases(document: Document, phases: list[Phase]) -> list[Phase]:
    return with_dependencies(document, phases)


def _contract(document: Document, file: str) -> list[Endpoint]:
    return read_contract(document, file)


def _order(source: Source, files: list[str]) -> tuple[int, int]:
    return (files.index(source.file) if source.file in files else len(files), source.line)


def read_feature(folder: Path, *, max_bytes: int = MAX_BYTES) -> Feature:
    """The feature of the folder ``folder``: whichever of its files exist, and
    ``contracts/*.md``. A file larger than ``max_bytes``, or one that is not UTF-8
    text, is a problem and is not read. Raises nothing for a missing folder: it is a
    feature with every file missing."""
    texts: dict[str, str] = {}
    refused: dict[str, Problem] = {}
    contracts = folder / CONTRACTS
    paths = [folder / name for name in FILES]
    if contracts.is_dir():
        paths += sorted(path for path in contracts.glob("*.md") if path.is_file())
    for path in paths:
        name = path.relative_to(folder).as_posix()
        if not path.is_file():
            continue
        problem, text = _read_file(path, name, max_bytes)
        if problem is not None:
            refused[name] = problem
        elif text is not None:
            texts[name] = text
    return _read(folder.name, texts, refused)


def _read_file(path: Path, name: str, max_bytes: int) -> tuple[Problem | None, str | None]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _too_large(name, size, max_bytes), None
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            return _too_large(name, len(data), max_bytes), None
        return None, data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Problem("unreadable-file", f"{name} is not UTF-8 text ({error.reason})", None), None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return Problem("unreadable-file", f"{name} could not be read: {reason}", None), None


def _too_large(name: str, size: int, max_bytes: int) -> Problem:
    return Problem(
        "file-too-large",
        f"{name} holds more than {max_bytes:,} bytes ({size:,}); it is not read",
        None,
    )
