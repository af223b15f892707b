"""The spec-kit reader (``sphinx_implplan.speckit``) on the feature folders of
``tests/speckit/``: the counts a reviewer wrote in each ``expected.json``, the exact
records of one folder, the source line of every record, and any text at all."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from speckit_texts import SPECKIT_FILES, speckit_file_texts

from sphinx_implplan.speckit import (
    Feature,
    Phase,
    RequirementKind,
    Source,
    read_feature,
    read_feature_texts,
)
from sphinx_implplan.speckit.requirement_ids import references, short_title
from sphinx_implplan.speckit.stack_entries import StackEntry, entries

CORPUS = Path(__file__).parent / "speckit"
FOLDERS = sorted(path for path in CORPUS.iterdir() if path.is_dir())
KINDS = [kind.value for kind in RequirementKind]
_LINE_END = re.compile(r"\r\n|\r|\n")


def _line_count(text: str) -> int:
    return len(_LINE_END.split(text))


def counts(feature: Feature) -> dict[str, Any]:
    """What ``expected.json`` holds, as the reader counts it."""
    kinds = Counter(requirement.kind.value for requirement in feature.requirements)
    return {
        "requirements": {kind: kinds[kind] for kind in KINDS},
        "clarifications": len(feature.clarifications),
        "stories": len(feature.stories),
        "phases": {phase.number: f"{phase.done}/{len(phase.tasks)}" for phase in feature.phases},
        "tasks": len(feature.tasks),
        "decisions": len(feature.decisions),
        "stack": len(feature.stack),
        "considerations": len(feature.considerations),
        "entities": len(feature.entities),
        "endpoints": len(feature.endpoints),
        "problems": sorted(problem.code for problem in feature.problems),
    }


def accuracy() -> tuple[dict[str, tuple[int, int]], list[str]]:
    """For each kind of count, in how many folders the reader gives what the reviewer
    counted, out of how many; and a line per difference."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    differences: list[str] = []
    for folder in FOLDERS:
        expected = json.loads((folder / "expected.json").read_text(encoding="utf8"))
        got = counts(read_feature(folder))
        for kind, value in expected.items():
            total[kind] += 1
            if got[kind] == value:
                right[kind] += 1
            else:
                differences.append(f"{folder.name} {kind}: expected {value}, read {got[kind]}")
    return {kind: (right[kind], total[kind]) for kind in total}, differences


def test_the_corpus_is_varied() -> None:
    assert len(FOLDERS) >= 8
    for folder in FOLDERS:
        assert (folder / "expected.json").is_file(), folder.name
    crlf = [path for path in CORPUS.rglob("*.md") if b"\r\n" in path.read_bytes()]
    assert crlf, "one file of the corpus keeps CRLF line endings"
    assert len(list(CORPUS.glob("*/contracts/*.md"))) >= 5


def test_the_reader_counts_what_a_reviewer_counts() -> None:
    summary, differences = accuracy()
    report = "\n".join(
        f"{kind:>15}: {right}/{total} folders" for kind, (right, total) in summary.items()
    )
    print(f"\nspec-kit reader accuracy on {len(FOLDERS)} folders\n{report}")
    assert set(summary) == {*counts(read_feature(FOLDERS[0]))}
    assert not differences, "\n".join([report, *differences])


def _records(value: object) -> Iterator[object]:
    """Every record within a feature, the feature included."""
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _records(getattr(value, field.name))
    elif isinstance(value, tuple):
        for entry in value:
            yield from _records(entry)


def _sources(feature: Feature) -> list[Source]:
    return [record for record in _records(feature) if isinstance(record, Source)]


def _texts(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes().decode("utf-8-sig")
        for path in sorted(folder.rglob("*.md"))
    }


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_each_record_stands_on_the_line_it_names(folder: Path) -> None:
    feature = read_feature(folder)
    lines = {name: _LINE_END.split(text) for name, text in _texts(folder).items()}

    def line(source: Source) -> str:
        return lines[source.file][source.line - 1]

    for requirement in feature.requirements:
        assert f"{requirement.id}" in line(requirement.source)
    for story in feature.stories:
        assert story.title.split()[0] in line(story.source) or "Primary" in line(story.source)
    for phase in feature.phases:
        assert re.search(r"Phase", line(phase.source))
    for task in feature.tasks:
        assert line(task.source).lstrip().startswith(("- [", "* ["))
        assert task.id is None or task.id in line(task.source)
    for item in feature.stack:
        assert item.technology.split()[0] in line(item.source)
    for entity in feature.entities:
        assert entity.name in line(entity.source)
        for field in entity.fields:
            assert field.name in line(field.source)
    for endpoint in feature.endpoints:
        assert endpoint.method in line(endpoint.source)
        assert endpoint.path in line(endpoint.source)
    for question in feature.clarifications:
        assert question.question in line(question.source)
    for problem in feature.problems:
        assert problem.source is None or problem.source.file in lines


def test_read_feature_and_read_feature_texts_agree() -> None:
    for folder in FOLDERS:
        assert read_feature(folder) == read_feature_texts(folder.name, _texts(folder))


def test_crlf_line_endings_read_as_lf() -> None:
    folder = CORPUS / "004-offline-cache"
    texts = _texts(folder)
    assert "\r\n" in texts["spec.md"]
    as_lf = {name: text.replace("\r\n", "\n") for name, text in texts.items()}
    assert read_feature_texts(folder.name, as_lf) == read_feature(folder)


def _phase(feature: Feature, number: str) -> Phase:
    return next(phase for phase in feature.phases if phase.number == number)


def test_exact_records_of_the_magic_link_feature() -> None:
    feature = read_feature(CORPUS / "001-magic-link-login")
    assert (feature.folder, feature.title, feature.branch, feature.date, feature.status) == (
        "001-magic-link-login",
        "Magic-Link Sign-In",
        "001-magic-link-login",
        "2025-11-03",
        "Draft",
    )
    assert feature.summary is not None
    assert feature.summary.startswith("Replace password sign-in with single-use links")
    assert [(r.id, r.kind.value, r.source.line) for r in feature.requirements][::5] == [
        ("FR-001", "functional", 65),
        ("FR-006", "functional", 70),
        ("FR-011", "functional", 75),
    ]
    fr010 = next(r for r in feature.requirements if r.id == "FR-010")
    assert fr010.title == "Keep a member signed in for"
    assert fr010.clarifications == ("session lifetime not decided - 7 days or 30 days?",)
    assert [(c.question[:7], c.source) for c in feature.clarifications] == [
        ("session", Source("spec.md", 74))
    ]
    assert feature.requirements[0].title == (
        "Let a member request a sign-in link by entering an email address"
    )
    assert [r.id for r in feature.requirements if r.kind is RequirementKind.SUCCESS_CRITERION] == [
        "SC-001",
        "SC-002",
        "SC-003",
    ]
    assert [(s.number, s.title, s.priority, s.source.line) for s in feature.stories] == [
        (1, "Request and use a sign-in link", "P1", 10),
        (2, "Expired and reused links", "P2", 27),
        (3, "Sign out everywhere", "P3", 43),
    ]
    first = feature.stories[0]
    assert first.text.startswith("A member who has forgotten their password")
    assert first.why_priority is not None
    assert first.why_priority.startswith("Without it nobody can sign in")
    assert len(first.acceptance_scenarios) == 3
    assert first.acceptance_scenarios[1].startswith("**Given** a link that was just sent")

    assert [
        (p.number, p.story, p.depends_on, p.source.line, len(p.tasks)) for p in feature.phases
    ] == [
        ("1", None, (), 15, 2),
        ("2", None, ("1",), 24, 3),
        ("3", 1, ("2",), 38, 6),
        ("4", 2, ("3",), 60, 2),
        ("5", 3, ("2",), 71, 2),
        ("6", None, (), 80, 2),
    ]
    foundational = _phase(feature, "2")
    assert foundational.title == "Foundational (Blocking Prerequisites)"
    assert foundational.goal == "The link model every story uses"
    assert foundational.checkpoint == "Links can be created and looked up by hash"
    assert _phase(feature, "3").title == (
        "User Story 1 - Request and use a sign-in link (Priority: P1) 🎯 MVP"
    )

    tasks = {task.id: task for task in feature.tasks}
    assert list(tasks) == [f"T{number:03d}" for number in range(1, 18)]
    t006 = tasks["T006"]
    assert (t006.done, t006.parallel, t006.story, t006.is_test, t006.phase) == (
        False,
        True,
        1,
        True,
        "3",
    )
    assert t006.text == "Contract test for POST /auth/links in `tests/contract/test_links.py`"
    assert t006.source == Source("tasks.md", 46)
    assert tasks["T001"].done
    assert not tasks["T008"].is_test
    assert tasks["T008"].requirements == ("FR-001", "FR-005")
    assert tasks["T016"].requirements == ("FR-011", "SC-003")
    assert [task.id for task in feature.tasks if task.is_test] == ["T006", "T007"]

    assert [(d.title, d.source) for d in feature.decisions] == [
        ("Token format", Source("research.md", 3)),
        ("Rate limiting", Source("research.md", 14)),
        ("Session lifetime", Source("research.md", 22)),
        ("A second queue for sign-in email", Source("plan.md", 63)),
    ]
    token = feature.decisions[0]
    assert token.choice.startswith("32 random bytes")
    assert len(token.alternatives) == 2
    assert feature.decisions[2].alternatives == ()
    assert feature.decisions[3].alternatives == (
        "Priority within one queue is not supported by the broker in use",
    )

    assert [(s.technology, s.version, s.label, s.source.line) for s in feature.stack][:4] == [
        ("Python", "3.12", "Language/Version", 14),
        ("Django", "5.1", "Primary Dependencies", 15),
        ("django-ratelimit", "4.1", "Primary Dependencies", 15),
        ("Celery", "5.4", "Primary Dependencies", 15),
    ]
    assert feature.stack[3].note == "email sending"
    assert [(c.kind.value, c.label) for c in feature.considerations] == [
        ("performance", "Performance Goals"),
        ("other", "Constraints"),
        ("operations", "Scale/Scope"),
    ]
    link, event = feature.entities
    assert (link.name, link.source, len(link.fields)) == (
        "SignInLink",
        Source("data-model.md", 3),
        6,
    )
    assert (link.fields[2].name, link.fields[2].type, link.fields[2].source.line) == (
        "token_hash",
        "char(64)",
        11,
    )
    assert link.relationships == ("Belongs to one Member (many-to-one)",)
    assert event.description == "One row per sign-in attempt, kept for audit."
    assert [(e.method, e.path, e.source.line) for e in feature.endpoints] == [
        ("POST", "/auth/links", 5),
        ("GET", "/auth/links/{token}", 16),
        ("DELETE", "/auth/sessions", 20),
    ]
    assert feature.files_read == (
        "spec.md",
        "plan.md",
        "tasks.md",
        "research.md",
        "data-model.md",
        "contracts/auth-api.md",
    )
    assert feature.missing_files == ()
    assert feature.problems == ()


def test_problems_name_their_lines() -> None:
    limiter = read_feature(CORPUS / "003-api-rate-limiter")
    assert [(p.code, p.source) for p in limiter.problems] == [
        ("unknown-requirement", Source("tasks.md", 34)),
        ("unknown-story", Source("tasks.md", 34)),
    ]
    cache = read_feature(CORPUS / "004-offline-cache")
    assert [(p.code, p.source) for p in cache.problems] == [
        ("duplicate-requirement", Source("spec.md", 78)),
        ("malformed-task", Source("tasks.md", 21)),
        ("malformed-task", Source("tasks.md", 34)),
    ]
    digest = read_feature(CORPUS / "009-notification-digest")
    (missing,) = digest.problems
    assert missing.message == "the feature folder has no spec.md and no tasks.md"
    assert digest.missing_files == ("spec.md", "tasks.md", "data-model.md")


def test_dependencies_read_from_chains_and_lines() -> None:
    limiter = read_feature(CORPUS / "003-api-rate-limiter")
    assert {p.number: p.depends_on for p in limiter.phases} == {
        "1": (),
        "2": ("1",),
        "3": ("2",),
        "4": ("3",),
        "5": ("2",),
        "6": ("3", "4", "5"),
    }
    retention = read_feature(CORPUS / "008-audit-log-retention")
    assert {p.number: p.depends_on for p in retention.phases} == {
        "1": (),
        "2": ("1",),
        "3": ("2",),
        "Final": ("3",),
    }
    older = read_feature(CORPUS / "002-csv-export")
    assert [p.number for p in older.phases] == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    assert all(p.depends_on == () for p in older.phases)
    assert [t.id for t in older.tasks if t.is_test] == ["T003", "T004", "T005"]


def test_the_older_plan_workflow_sections_are_no_phases() -> None:
    scheduler = read_feature(CORPUS / "006-report-scheduler")
    assert scheduler.phases == ()
    assert scheduler.tasks == ()
    assert [p.code for p in scheduler.problems] == ["missing-file"]


def test_the_older_spec_has_one_primary_story() -> None:
    (story,) = read_feature(CORPUS / "002-csv-export").stories
    assert (story.number, story.priority, story.source) == (1, None, Source("spec.md", 21))
    assert len(story.acceptance_scenarios) == 3


def test_a_spec_in_another_language() -> None:
    feature = read_feature(CORPUS / "005-billing-webhook")
    assert feature.title == "Webhook de facturation"
    assert feature.status == "Brouillon"
    assert [(s.number, s.title, s.priority) for s in feature.stories] == [
        (1, "Paiement accepté", "P1"),
        (2, "Paiement refusé", "P2"),
    ]
    assert feature.stories[0].acceptance_scenarios[0].startswith("**Étant donné**")
    assert [e.name for e in feature.entities] == ["Événement de paiement", "Abonnement"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(FR-004)", ["FR-004"]),
        ("FR-034, FR-188", ["FR-034", "FR-188"]),
        ("FR-056-059", ["FR-056", "FR-057", "FR-058", "FR-059"]),
        ("FR-101 through FR-103", ["FR-101", "FR-102", "FR-103"]),
        ("FR-7..FR-9 and SC-001", ["FR-7", "FR-8", "FR-9", "SC-001"]),
        ("FR-010 - 15 minutes", ["FR-010"]),
        ("NFR-002, not FR-002X, UTF-8 or ISO-8601", ["NFR-002"]),
        ("FR-012a and FR-004-style", ["FR-012a", "FR-004"]),
        ("FR-009-001", ["FR-009", "FR-001"]),
    ],
)
def test_requirement_references(text: str, expected: list[str]) -> None:
    assert list(references(text, ("FR", "NFR", "SC"))) == expected


def test_short_titles() -> None:
    assert short_title("System MUST export contacts. Then more.") == "Export contacts"
    assert short_title("Users MUST be able to pause schedules") == "Pause schedules"
    assert short_title("System MUST NOT log tokens") == "System MUST NOT log tokens"
    long = short_title("word " * 40)
    assert len(long) <= 80
    # ASCII, as everything the extension writes into a page (pdflatex)
    assert long.endswith("...")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Python 3.12", [("Python", "3.12", None)]),
        (
            "Django 5.1, Celery 5.4 (workers)",
            [("Django", "5.1", None), ("Celery", "5.4", "workers")],
        ),
        (
            "TypeScript 5.4 on Node.js 20 LTS",
            [("TypeScript", "5.4", None), ("Node.js", "20 LTS", None)],
        ),
        ("TypeScript 5.6 (Node.js 22)", [("TypeScript", "5.6", None), ("Node.js", "22", None)]),
        ("S3-compatible object storage", [("S3-compatible object storage", None, None)]),
        ("pytest + hypothesis", [("pytest", None, None), ("hypothesis", None, None)]),
        ("iOS 17+ / Android 14", [("iOS", "17+", None), ("Android", "14", None)]),
        ("go-redis v9", [("go-redis", "v9", None)]),
        ("N/A", []),
        ("NEEDS CLARIFICATION", []),
        ("[e.g., Python 3.11 or NEEDS CLARIFICATION]", []),
    ],
)
def test_stack_entries(value: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert entries(value) == [StackEntry(*entry) for entry in expected]


def test_read_feature_refuses_large_and_undecodable_files(tmp_path: Path) -> None:
    source = CORPUS / "003-api-rate-limiter"
    folder = tmp_path / "003-api-rate-limiter"
    folder.mkdir()
    for name in ("spec.md", "plan.md", "tasks.md"):
        (folder / name).write_bytes((source / name).read_bytes())
    limit = max(len((source / name).read_bytes()) for name in ("spec.md", "plan.md"))
    with (folder / "tasks.md").open("ab") as tasks:
        tasks.write(b"\n" * limit)
    (folder / "research.md").write_bytes(b"# Research\n\n**Decision**: \xff\xfe\n")
    feature = read_feature(folder, max_bytes=limit)
    assert [(p.code, p.source) for p in feature.problems] == [
        ("file-too-large", None),
        ("unreadable-file", None),
    ]
    assert "tasks.md" in feature.problems[0].message
    assert "tasks.md" not in feature.files_read
    assert "tasks.md" not in feature.missing_files
    assert feature.phases == ()
    assert [p.code for p in read_feature(folder).problems] == [
        "unreadable-file",
        "unknown-requirement",
        "unknown-story",
    ]


def test_a_missing_folder_is_a_feature_with_every_file_missing(tmp_path: Path) -> None:
    feature = read_feature(tmp_path / "010-nothing-here")
    assert feature.title == "010-nothing-here"
    assert feature.files_read == ()
    assert [p.code for p in feature.problems] == ["missing-file"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(speckit_file_texts())
def test_any_text_reads_without_error_and_with_lines_inside_it(texts: Mapping[str, str]) -> None:
    feature = read_feature_texts("000-any", texts)
    assert not [problem for problem in feature.problems if problem.code == "reader-error"]
    for source in _sources(feature):
        assert source.file in texts, source
        assert 1 <= source.line <= _line_count(texts[source.file]), source
    assert feature.files_read == tuple(name for name in SPECKIT_FILES if name in texts)
