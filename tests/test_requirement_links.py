"""Requirement references in a plain plan's prose become links of the converted items,
where the spec the plan points to defines the id: the matching, the spec's ids, the
``convert`` command with a spec-kit and a MyST spec, and a build of the result."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import BuildWarning, build_again, build_warnings, copy_root
from convert_helpers import lost_words
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_implplan.authoring.conversion import SpecIds, convert, defined_ids
from sphinx_implplan.authoring.conversion.requirement_links import named_ids
from sphinx_implplan.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

SPEC = SpecIds(("FR-001", "FR-002", "FR_003", "FR-004", "FR-012a", "NFR-10", "REQ_LOGIN", "login"))

# -- matching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("implements FR-001", ["FR-001"]),
        # the spellings of one id, each written as the spec writes it
        ("FR_001, fr-001, Fr_001 and FR-1", ["FR-001"]),
        ("fr-003", ["FR_003"]),
        ("fr-012a and FR-012A", ["FR-012a"]),
        ("nfr_10", ["NFR-10"]),
        # lists and ranges, as requirement_ids.references reads them
        ("(FR-004, FR-001)", ["FR-004", "FR-001"]),
        ("FR-001-003", ["FR-001", "FR-002", "FR_003"]),
        ("FR-002 through FR-004", ["FR-002", "FR_003", "FR-004"]),
        ("FR-1..FR-2", ["FR-001", "FR-002"]),
        # emphasis and inline code around an id: it counts
        ("_FR_002_ and **FR-004**", ["FR-002", "FR-004"]),
        ("`FR-001`", ["FR-001"]),
        # an id without a number at its end: only as written
        ("REQ_LOGIN first", ["REQ_LOGIN"]),
        ("req_login, REQ-LOGIN, REQ_LOGIN_2", []),
        # a plain word is no id of its own, whatever the spec says
        ("members login here", []),
        # no id: a word that only starts like one, a version, a prefix of no spec
        ("FR-0010, XFR-001, FR-001x, covid-19, utf-8", []),
    ],
)
def test_ids_are_found_in_the_spellings_people_use(text: str, known: list[str]) -> None:
    assert named_ids(text, SPEC)[0] == known


def test_ids_the_spec_does_not_define_are_unknown_once_each() -> None:
    known, unknown = named_ids("FR-001, FR-009, fr_009, SC-2 and FR-010 through FR-011", SPEC)
    assert known == ["FR-001"]
    assert unknown == ["FR-009", "SC-2", "FR-010", "FR-011"]
    # a prefix neither the spec nor spec-kit uses is no reference at all
    assert named_ids("TICKET-12, JIRA-4", SPEC) == ([], [])


# -- the ids a spec defines ----------------------------------------------------------

MYST_SPEC = """\
# Specification

```{req} Sign in
:id: REQ-1
:status: open

Members sign in.
```

:::{requirement} Sign out
---
id: REQ_2
---
:::

````{spec} Nested
:id: REQ-3
```text
:id: NOT-1
```
````

```{impl-phase} Not a requirement
:id: PH_1
```

```{req} Without an id
```
"""

RST_SPEC = """\
Specification
=============

.. req:: Sign in
   :id: R-10
   :status: open

   Members sign in.

- item

  .. requirement:: Indented
     in two lines
     :id: R-11

.. need:: Not a requirement type
   :id: N-1
"""

SPECKIT_SPEC = """\
# Feature Specification: Notes

## Requirements

- **FR-001**: System MUST let members write notes.
- **FR-002**: System MUST keep notes.

### Measurable Outcomes

- **SC-001**: Members find a note in 2 seconds.
"""


def test_a_spec_defines_requirement_directives_and_spec_kit_lines() -> None:
    assert defined_ids(MYST_SPEC) == ("REQ-1", "REQ_2", "REQ-3")
    assert defined_ids(RST_SPEC) == ("R-10", "R-11")
    assert defined_ids(SPECKIT_SPEC) == ("FR-001", "FR-002", "SC-001")
    # a type of the project's own, when named
    assert defined_ids(RST_SPEC, ("need",)) == ("R-10", "R-11", "N-1")
    assert defined_ids("") == ()
    assert defined_ids("```{req} Cut off\n:id:") == ()


# -- convert with a spec ---------------------------------------------------------------

PLAN = """\
---
spec: front.md
---
# Implementation Plan: Notes

**Spec**: [spec.md](spec.md)

## Components

| Component | Purpose | Implements |
|---|---|---|
| Sync engine | Keeps notes in step (fr_002) | FR-004 |
| Search | Finds notes | |

## Phase 1: Writing (FR-001)

**Goal**: members write notes, as `FR-003` asks

- [ ] editor for FR-009
- [x] storage

```text
FR-004 in an example: no link
```

## Phase 2: The rest

Covers FR-002 through FR-004 and FR-009, FR-010.

## Testing

### Unit tests

Checks fr-001 and REQ_LOGIN.
"""


def _options(text: str, head: str) -> dict[str, str]:
    block = text.split(head + "\n", 1)[1].split("\n\n", 1)[0]
    return dict(line[1:].split(": ", 1) for line in block.splitlines() if line.startswith(":"))


def test_the_items_text_gives_their_links() -> None:
    asked: list[str | None] = []

    def lookup(given: str | None) -> SpecIds:
        asked.append(given)
        return SpecIds(SPEC.ids, "spec.md")

    result = convert(PLAN, "plan", spec=lookup)
    # the header's Spec line wins over the front matter
    assert asked == ["spec.md"]
    text = result.text
    sync = _options(text, "```{impl-component} Sync engine")
    # the column's link stays, the text's follows
    assert sync["implements"] == "FR-004, FR-002"
    assert "implements" not in _options(text, "```{impl-component} Search")
    first = _options(text, "````{impl-phase} Phase 1: Writing (FR-001)")
    assert first["implements"] == "FR-001, FR_003"
    second = _options(text, "```{impl-phase} Phase 2: The rest")
    assert second["implements"] == "FR-002, FR_003, FR-004"
    assert _options(text, "```{impl-test} Unit tests")["verifies"] == "FR-001, REQ_LOGIN"
    # each id the spec lacks is named once, at the first line naming it
    assert [note for note in result.notes if "no such" in note[1]] == [
        (19, "FR-009 named, but spec.md defines no such requirement: not linked"),
        (28, "FR-010 named, but spec.md defines no such requirement: not linked"),
    ]
    assert not lost_words(PLAN, text)


def test_without_a_spec_nothing_is_linked() -> None:
    plain = convert(PLAN, "plan")
    assert convert(PLAN, "plan", spec=lambda given: None) == plain
    assert convert(PLAN, "plan", spec=lambda given: SpecIds(())) == plain
    assert ":verifies:" not in plain.text
    assert plain.text.count(":implements:") == 1  # the column's


def test_the_front_matter_names_the_spec_where_no_header_line_does() -> None:
    asked: list[str | None] = []
    convert(PLAN.replace("**Spec**: [spec.md](spec.md)\n", ""), "plan", spec=asked.append)
    assert asked == ["front.md"]
    convert("# Plan\n\n## Phase 1: A\n", "plan", spec=asked.append)
    assert asked == ["front.md", None]


_LINES = [
    "# Plan",
    "## Phase 1: Start (FR-001)",
    "## Components",
    "- Sync: does FR_002 and fr-9",
    "## Testing",
    "### Unit tests",
    "FR-001 through FR-004, `FR-003`",
    "| Component | Implements |",
    "|---|---|",
    "| Search | FR-001, FR-404 |",
    "```",
    "FR-002",
    "- [ ] FR-001-999",
    "REQ_LOGIN req_login",
    "",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=30), max_size=30))
def test_any_markdown_with_a_spec_converts_without_error_or_loss(lines: list[str]) -> None:
    source = "\n".join(lines) + "\n"
    result = convert(source, fallback_title="plan", spec=lambda given: SPEC)
    assert not lost_words(source, result.text)
    assert result.counts["impl-plan"] == 1


# -- the command -------------------------------------------------------------------------


def _plan(folder: Path, spec_line: str = "**Spec**: [spec.md](spec.md)") -> Path:
    path = folder / "plan.md"
    path.write_text(
        f"# Implementation Plan: Notes\n\n{spec_line}\n\n"
        "## Phase 1: Writing\n\nDelivers FR-001 and fr_002 (REQ-1).\n\n"
        "## Testing\n\n### Unit tests\n\nChecks FR-001 and REQ_2.\n",
        encoding="utf8",
    )
    return path


def _run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    assert main(["convert", *argv]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.out, captured.err.splitlines()


def test_a_plan_beside_its_spec_kit_spec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "spec.md").write_text(SPECKIT_SPEC, encoding="utf8")
    out, err = _run(str(_plan(tmp_path)), capsys=capsys)
    assert _options(out, "```{impl-phase} Phase 1: Writing")["implements"] == "FR-001, FR-002"
    assert _options(out, "```{impl-test} Unit tests")["verifies"] == "FR-001"
    # REQ-1 has a prefix neither the spec nor spec-kit uses: no reference, no note
    assert err == ["converted into plan PLAN_NOTES: 1 phase, 1 plan, 1 test"]


def test_a_plan_with_a_myst_spec_of_req_directives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "requirements.md").write_text(MYST_SPEC, encoding="utf8")
    plan = _plan(tmp_path, "**Spec**: docs/requirements")
    out, err = _run(str(plan), capsys=capsys)
    assert ":spec: docs/requirements" in out
    assert _options(out, "```{impl-phase} Phase 1: Writing")["implements"] == "REQ-1"
    assert _options(out, "```{impl-test} Unit tests")["verifies"] == "REQ_2"
    # FR-001 and FR-002 are spec-kit's prefixes: named, not defined
    assert len(err) == 2
    assert "FR-001 through FR-002 named, but" in err[1]


def test_the_spec_option_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "spec.md").write_text(SPECKIT_SPEC, encoding="utf8")
    (tmp_path / "other.rst").write_text(".. req:: A\n   :id: REQ_2\n", encoding="utf8")
    out, _ = _run(str(_plan(tmp_path)), "--spec", str(tmp_path / "other.rst"), capsys=capsys)
    assert "implements" not in _options(out, "```{impl-phase} Phase 1: Writing")
    assert _options(out, "```{impl-test} Unit tests")["verifies"] == "REQ_2"


@pytest.mark.parametrize(
    ("spec_line", "option", "reason"),
    [
        ("**Spec**: [spec.md](spec.md)", None, "spec.md: no such file"),
        ("**Spec**: spec.md", "missing.md", "missing.md: no such file"),
        ("**Spec**: spec.md", ".", ".: is a folder, not a Markdown file"),
        ("**Spec**: [folder](.)", None, "is a folder, not a Markdown file"),
    ],
)
def test_a_spec_that_cannot_be_read_is_one_note(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    spec_line: str,
    option: str | None,
    reason: str,
) -> None:
    plan = _plan(tmp_path, spec_line)
    out, err = _run(str(plan), *(["--spec", option] if option else []), capsys=capsys)
    assert ":implements:" not in out
    assert len(err) == 2
    assert err[1].startswith(f"{plan}: cannot read the spec: ")
    assert reason in err[1]
    assert err[1].endswith("; requirement references are not linked")


def test_a_spec_without_ids_and_a_plan_without_a_spec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "spec.md").write_text("# Notes\n\nNo requirement here.\n", encoding="utf8")
    out, err = _run(str(_plan(tmp_path)), capsys=capsys)
    assert ":implements:" not in out
    note = (
        f"{tmp_path}/plan.md: {tmp_path}/spec.md defines no requirement id; "
        "requirement references are not linked"
    )
    assert err[1:] == [note]
    out, err = _run(str(_plan(tmp_path, "")), capsys=capsys)
    assert ":implements:" not in out
    assert len(err) == 1


def test_spec_is_no_option_of_a_feature_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "feature").mkdir()
    (tmp_path / "feature" / "spec.md").write_text(SPECKIT_SPEC, encoding="utf8")
    code = main(["convert", str(tmp_path / "feature"), "-o", str(tmp_path / "out")])
    capsys.readouterr()
    assert code == 0
    code = main(["convert", str(tmp_path / "feature"), "-o", str(tmp_path / "o"), "--spec", "x.md"])
    assert code == 2
    assert capsys.readouterr().err.startswith("implplan convert: error: --spec: only for")


# -- a build of the converted plan -------------------------------------------------------------

BUILD_SPEC = """\
# Specification

```{req} Write notes
:id: FR_001
```

```{req} Keep notes
:id: FR_002
```

```{req} Share notes
:id: FR_003
```

```{req} Search notes
:id: FR_004
```
"""

BUILD_PLAN = """\
# Implementation Plan: Notes

**Spec**: [spec.md](spec.md)

## Phase 1: Writing (FR-001)

- [ ] editor, also for fr-002
- [ ] storage

## Phase 2: Sharing

Implements FR-003; FR-042 is a typo.

## Testing

### Unit tests

Checks FR-001 through FR-002.
"""


def _build(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp], name: str, plan: str
) -> tuple[list[BuildWarning], dict[str, Any]]:
    srcdir = copy_root("convert", tmp_path / name)
    (srcdir / "spec.md").write_text(BUILD_SPEC, encoding="utf8")
    (srcdir / "plan.md").write_text(plan, encoding="utf8")
    app = build_again(make_app, srcdir)
    report: dict[str, Any] = json.loads((app.outdir / "implplan.json").read_text("utf-8"))
    return build_warnings(app), report


def test_the_converted_plan_covers_what_its_text_names(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "spec.md").write_text(BUILD_SPEC, encoding="utf8")
    (tmp_path / "plan.md").write_text(BUILD_PLAN, encoding="utf8")
    converted, err = _run(str(tmp_path / "plan.md"), capsys=capsys)
    note = (
        f"{tmp_path}/plan.md:12: FR-042 named, but {tmp_path}/spec.md defines no such "
        "requirement: not linked"
    )
    assert err[1:] == [note]
    plain_warnings, _ = _build(tmp_path, make_app, "plain", BUILD_PLAN)
    warnings, report = _build(tmp_path, make_app, "converted", converted)
    assert Counter(warnings) - Counter(plain_warnings) == Counter()
    plan = report["plans"]["PLAN_NOTES"]
    assert plan["coverage"]["requirements"] == 4
    assert plan["coverage"]["implemented"] == 3
    assert plan["coverage"]["verified"] == 2
    assert plan["coverage"]["percent"] == 75.0
    by_id = {entry["id"]: entry for entry in plan["requirements"]}
    assert by_id["FR_001"]["implemented_by"] == ["PH_NOTES_1"]
    assert by_id["FR_002"]["implemented_by"] == ["PH_NOTES_1"]
    assert by_id["FR_003"]["implemented_by"] == ["PH_NOTES_2"]
    # in scope, linked by no item: listed in the scope only
    assert "FR_004" not in by_id
    assert "FR_004" in report["scopes"][plan["scope"]]
    assert by_id["FR_002"]["verified_by"] == ["TEST_NOTES_1"]
    assert plan["uncovered"] == 1
