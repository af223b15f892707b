"""``implplan convert`` on phases found by the plan's shape rather than by a phase
word: a marked series of sibling headings (``Wave 1``, ``Part II``, ``M0``,
keycaps, CJK ordinals), sibling headings each holding a checklist under a delivery
section, bold pseudo-headings above checklists, and phases inside a rollout. The
negative cases (spec-kit's ``Tests for User Story 1``, FAQ entries, ``Option A``
under Decisions, numbered sections) stay as written. Each plan is checked as text;
one plan holding them all is built with Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from build_helpers import read_needs
from convert_helpers import build_converted_plan, directive_items, lossless, lost_words
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_implplan.authoring.conversion import convert

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp


def _titles(source: str) -> list[str]:
    return [phase["title"] for phase in directive_items(lossless(source).text)]


def _plan(*sections: str) -> str:
    return "# Plan\n\n" + "\n".join(sections)


@pytest.mark.parametrize(
    ("sections", "titles"),
    [
        (
            (
                "## Delivery\n\n### Wave 1 - Discovery (Weeks 1-2)\n\n- [ ] Interviews\n\n"
                "### Wave 2 - Build\n\n- [ ] Code\n"
            ),
            ["Wave 1 - Discovery (Weeks 1-2)", "Wave 2 - Build"],
        ),
        (
            (
                "## Work\n\n### Workstream A: Ingest\n\nPipelines.\n\n"
                "### Workstream B: Serve\n\nAPIs.\n"
            ),
            ["Workstream A: Ingest", "Workstream B: Serve"],
        ),
        (
            (
                "## Parts\n\n### Part I: Setup\n\nText.\n\n### Part II: Run\n\nText.\n\n"
                "### Part III: Close\n\nText.\n"
            ),
            ["Part I: Setup", "Part II: Run", "Part III: Close"],
        ),
        (
            "## M0 Kickoff\n\n- [ ] Charter\n\n## M1 Launch\n\n- [ ] Ship\n",
            ["M0 Kickoff", "M1 Launch"],
        ),
        (
            "## Etapp 1: Analys\n\n- [ ] a\n\n## Etapp 2: Bygg\n\n- [ ] b\n",
            ["Etapp 1: Analys", "Etapp 2: Bygg"],
        ),
        ("## Krok I\n\n- [ ] a\n\n## Krok II\n\n- [ ] b\n", ["Krok I", "Krok II"]),
        (
            (
                "## Roadmap\n\n### :one: Milestone \u2014 Alpha\n\n- [ ] A\n\n"
                "### :two: Milestone \u2014 Beta\n\n- [ ] B\n"
            ),
            [":one: Milestone \u2014 Alpha", ":two: Milestone \u2014 Beta"],
        ),
        (
            (
                "## \u7b2c\u4e00\u6bb5\u968e \u6e96\u5099\n\n- [ ] a\n\n"
                "## \u7b2c\u4e8c\u6bb5\u968e \u958b\u767a\n\n- [ ] b\n"
            ),
            ["\u7b2c\u4e00\u6bb5\u968e \u6e96\u5099", "\u7b2c\u4e8c\u6bb5\u968e \u958b\u767a"],
        ),
        (
            (
                "## Implementation\n\n### Discovery\n\n- [ ] Interviews\n\n"
                "### Build\n\n- [x] Code\n\n### Background\n\nWhy we do it.\n"
            ),
            ["Discovery", "Build"],
        ),
    ],
)
def test_a_series_of_sibling_headings_is_a_series_of_phases(
    sections: str, titles: list[str]
) -> None:
    assert _titles(_plan(sections)) == titles


@pytest.mark.parametrize(
    "sections",
    [
        # spec-kit's task file: its sections hold checklists, but name tests
        (
            "## Tasks\n\n### Tests for User Story 1\n\n- [ ] T001 Contract test\n\n"
            "### Implementation for User Story 1\n\n- [ ] T002 Model\n"
        ),
        "## FAQ\n\n### Question 1\n\nWhy?\n\n### Question 2\n\nHow?\n",
        "## Decisions\n\n### Option A\n\nUse X.\n\n### Option B\n\nUse Y.\n",
        "## Risks\n\n### Wave 1\n\nA.\n\n### Wave 2\n\nB.\n",
        "## 1. Overview\n\nText.\n\n## 2. Architecture\n\nText.\n",
        "## Implementation\n\n### Edge cases\n\n- [ ] Empty input\n\n### Notes\n\n- [ ] Ask\n",
        "## Goals\n\n### Backend\n\n- [ ] a\n\n### Frontend\n\n- [ ] b\n",
        "## Parts\n\n### Wave 2\n\nA.\n\n### Wave 3\n\nB.\n",
        "## Parts\n\n### User Story 1\n\nA.\n\n### User Story 2\n\nB.\n",
    ],
)
def test_other_series_stay_as_written(sections: str) -> None:
    source = _plan(sections)
    result = lossless(source)
    assert not directive_items(result.text)
    for line in sections.splitlines():
        assert line in result.text.splitlines()


HEADING_ONE_PARTS = """\
**Tool Library \u2014 Launch Plan**

We open in May.

# \U0001f4e6 Collecting (Mar 2\u201315)

- [x] Flyers

# \U0001f511 Lending desk

- [ ] Shelves

# Who does what

Dana leads.
"""


def test_level_one_parts_after_a_bold_title_line_are_phases() -> None:
    result = lossless(HEADING_ONE_PARTS)
    # the first heading is a part, not the title: the bold line names the plan
    assert result.text.startswith("```{impl-plan} Tool Library \u2014 Launch Plan\n")
    assert [item["title"] for item in directive_items(result.text)] == [
        "Collecting (Mar 2\u201315)",
        "Lending desk",
    ]
    # a level 1 heading first in the document is its title, whatever follows
    titled = lossless(HEADING_ONE_PARTS.split("\n\n", 2)[2])
    assert titled.text.splitlines()[0] == "# \U0001f4e6 Collecting (Mar 2\u201315)"


def test_a_word_documents_cover_lines_title_the_plan_over_its_opening_part() -> None:
    source = (
        "**HARBOUR DISTRICT COUNCIL**\n\n**Ferry Ticketing -- Delivery Plan**\n\n"
        "Version: 2.0\n\n# 1. Purpose\n\nWhy we do it.\n\n# 2. Phases\n\n"
        "## Phase 1: Gates\n\n- [ ] Fit the gates\n"
    )
    # the organisation's line in capitals is no title; the first part is no title
    assert lossless(source).text.startswith(
        "```{impl-plan} Ferry Ticketing -- Delivery Plan\n:id: PLAN_FERRY_TICKETING_DELIVERY\n"
    )
    # a level 1 heading of another name is still the document's title
    titled = lossless(source.replace("# 1. Purpose", "# Ferry gates"))
    assert "```{impl-plan} Ferry gates\n" in titled.text


def test_a_checklist_series_naming_tests_is_kept_with_a_note() -> None:
    source = _plan(
        "## Tasks\n\n### Tests for User Story 1\n\n- [ ] T001\n\n### Implementation\n\n- [ ] T002\n"
    )
    notes = [message for _, message in lossless(source).notes]
    assert any("'Tests for User Story 1' names no phase" in note for note in notes)


def test_a_series_inside_a_phase_is_part_of_its_body() -> None:
    source = _plan("## Phase 1: Move\n\n### Wave A\n\n- [ ] a\n\n### Wave B\n\n- [ ] b\n")
    phases = directive_items(lossless(source).text)
    assert [phase["title"] for phase in phases] == ["Phase 1: Move"]
    assert "**Wave A**" in phases[0]["body"]


BOLD = """\
# Plan

## Schedule

**Phase 1 \u2013 Discovery** (Mar 2 \u2013 Mar 13)

- [ ] Interviews
- [x] Survey

**Build** - Weeks 3-4

- [ ] Code

**Tasks:**

- [ ] Label, not a phase
"""


def test_bold_pseudo_headings_above_checklists_are_phases() -> None:
    phases = directive_items(lossless(BOLD).text)
    assert [phase["title"] for phase in phases] == [
        "Phase 1 \u2013 Discovery (Mar 2 \u2013 Mar 13)",
        "Build - Weeks 3-4",
    ]
    assert phases[0]["duration"] == "12 days"
    assert phases[1]["duration"] == "2 weeks"
    assert "- [x] Survey" in phases[0]["body"]
    assert "**Tasks:**" in lossless(BOLD).text.splitlines()


@pytest.mark.parametrize(
    "sections",
    [
        "## Work\n\n**Lone one**\n\n- [ ] a\n",
        "## Work\n\n**Tasks:**\n\n- [ ] a\n\n**Acceptance:**\n\n- [ ] b\n",
        "## Work\n\n**Notes**\n\n- [ ] a\n\n**Testing**\n\n- [ ] b\n",
        "## Work\n\n**Alpha** (see below)\n\n- [ ] a\n\n**Beta**\n\n- [ ] b\n",
        "## Work\n\n**Alpha**\n\n- a\n\n**Beta**\n\n- b\n",
    ],
)
def test_other_bold_lines_stay_as_written(sections: str) -> None:
    source = _plan(sections)
    result = lossless(source)
    assert not directive_items(result.text)
    for line in sections.splitlines():
        assert line in result.text.splitlines()


def test_bold_lines_under_risks_make_no_phase() -> None:
    source = _plan("## Risks\n\n**Alpha**\n\n- [ ] a\n\n**Beta**\n\n- [ ] b\n")
    assert not directive_items(lossless(source).text)


def test_a_series_answers_to_no_bare_number_in_a_timeline() -> None:
    source = _plan(
        "## Delivery\n\n### Wave 1\n\n- [ ] a\n\n### Wave 2\n\n- [ ] b\n\n"
        "## Timeline\n\n| Step | Duration |\n|---|---|\n| Step 1 | 2 weeks |\n"
    )
    text = lossless(source).text
    assert "| Step 1 | 2 weeks |" in text.splitlines()
    assert all("duration" not in phase for phase in directive_items(text))


def test_a_lone_bold_line_above_a_checklist_gets_a_note() -> None:
    notes = [message for _, message in lossless(_plan("## Work\n\n**Lone**\n\n- [ ] a\n")).notes]
    assert any("no series of phases" in note for note in notes)


ROLLOUT = """\
# Plan

## Rollout

- Internal
- Everyone

### Sprint 1: Prep

- [ ] Flags

### Sprint 2: Go

- [ ] Flip

### Wave 1

- [ ] Canary

### Wave 2

- [ ] Fleet

### Rollback

- Revert the flag
"""


def test_phases_in_a_rollout_take_their_checkboxes() -> None:
    text = lossless(ROLLOUT).text
    assert [phase["title"] for phase in directive_items(text)] == [
        "Sprint 1: Prep",
        "Sprint 2: Go",
        "Wave 1",
        "Wave 2",
    ]
    # the stages are the rollout's own list, not its subsections' lists
    assert [stage["title"] for stage in directive_items(text, "impl-rollout")] == [
        "Internal",
        "Everyone",
    ]
    assert "- Revert the flag" in text.splitlines()


def test_a_rollout_series_without_checklists_stays_its_stages() -> None:
    source = _plan("## Rollout\n\n### Wave 1\n\n- Staff\n\n### Wave 2\n\n- Everyone\n")
    text = lossless(source).text
    assert not directive_items(text)
    assert "### Wave 1" in text.splitlines()


ALL = """\
# Plan

## Delivery

### Wave 1 - Discovery (Weeks 1-2)

- [ ] Interviews

### Wave 2 - Build

- [x] Code

## Milestones

**Beta** (2 weeks)

- [ ] Invite testers

**GA** (1 week)

- [ ] Announce

## Rollout

- Internal
- Everyone

### Sprint 1: Flags

- [ ] Flag service

### Sprint 2: Flip

- [ ] Flip the flag

## Decisions

### Option A

Use X.

### Option B

Use Y.

## Tasks

### Tests for User Story 1

- [ ] T001 Contract test

### Implementation for User Story 1

- [ ] T002 Model
"""


def test_the_combined_plan_builds_with_no_new_warning(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", ALL)
    converted_text = lossless(ALL).text
    converted, app = build_converted_plan(make_app, tmp_path / "converted", converted_text)
    assert converted <= plain
    needs = read_needs(app)
    phases = sorted(need["title"] for need in needs.values() if need["type"] == "impl-phase")
    assert phases == sorted(
        [
            "Wave 1 - Discovery (Weeks 1-2)",
            "Wave 2 - Build",
            "Beta (2 weeks)",
            "GA (1 week)",
            "Sprint 1: Flags",
            "Sprint 2: Flip",
        ]
    )
    stages = [need for need in needs.values() if need["type"] == "impl-rollout"]
    assert len(stages) == 2
    totals = {
        need["title"]: need["deliverables_total"]
        for need in needs.values()
        if need["type"] == "impl-phase"
    }
    assert totals["Wave 2 - Build"] == 1
    assert totals["Beta (2 weeks)"] == 1
    assert totals["Sprint 2: Flip"] == 1


_LINES = st.sampled_from(
    [
        "### Wave 1",
        "### Wave 2",
        "### Part II",
        "### M0 Start",
        "### :one: Go",
        "### \u7b2c\u4e00 a",
        "## Delivery",
        "## Rollout",
        "## Decisions",
        "**Alpha** (Week 1)",
        "**Beta**",
        "- [ ] task",
        "- [x] done",
        "- item",
        "",
        "text",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, max_size=25))
def test_shapes_convert_without_error_or_loss(lines: list[str]) -> None:
    source = "# Plan\n\n" + "\n".join(lines) + "\n"
    result = convert(source, fallback_title="plan")
    assert not lost_words(source, result.text)
