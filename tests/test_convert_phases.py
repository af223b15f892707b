"""``implplan convert`` on phases written as real plans write them: subsections and
thematic breaks in a phase, spans in the title (``(Weeks 2-3)``), emoji and dotted
numbers, progress checklists that repeat the phases, timeline tables by number. Each
plan is checked as text and built with Sphinx: the converted plan may add no warning
the plain plan did not have."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_warnings, read_needs
from convert_helpers import build_converted_plan, lost_words
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_implplan.authoring.conversion import convert
from sphinx_implplan.authoring.conversion.durations import sprint_days_in
from sphinx_implplan.authoring.conversion.phase_spans import span_of
from sphinx_implplan.authoring.conversion.section_kinds import phase_heading
from sphinx_implplan.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

_WORD = re.compile(r"[^\W_]+")

SPRINTS = """\
# Meal planner

The team works in 2-week sprints.

## Phase 1: Accounts (Week 1)

**Goal**: People can sign up

### Tasks

- [x] Sign-up form
- [X] Password reset
- [ ] Profile page

### Notes

Reset mails go through the existing mailer.

#### Open points

- [ ] Decide on the session length

---

## Phase 2: Recipes (Weeks 2-3)

### Deliverables

- [ ] Recipe editor

---

## 🎯 Phase 7.1: Polish (Days 2-3)

- [ ] Empty states

## Phase 3: Launch (Sprint 3)

- [ ] Store listing

## Phase 4: Buffer (2 weeks)

Slack for what slips.

## Timeline

| Phase | Duration |
|-------|----------|
| 4 | 10 days |
| 5 | 3 days |

## Progress

- [x] Phase 1: Accounts
- [ ] Phase 2: Recipes
"""


def _converted(source: str) -> tuple[str, Any]:
    result = convert(source, fallback_title="plan")
    return result.text, result


def _directive(text: str, title: str) -> str:
    """The text of the directive titled ``title``, fences included."""
    start = text.index(f"{{impl-phase}} {title}\n")
    fence = text[text.rindex("\n", 0, start) + 1 : start]
    return text[start - len(fence) : text.index(f"\n{fence}\n", start) + len(fence) + 1]


def _lost_words(source: str, output: str) -> Counter[str]:
    def words(text: str) -> Counter[str]:
        return Counter(word.lower() for word in _WORD.findall(text))

    # "Goal" is a label, which becomes an option name
    return words(source) - words(output) - Counter({"goal": 1})


def test_a_phase_takes_its_subsections_and_leaves_breaks_after_it() -> None:
    text, result = _converted(SPRINTS)
    first = _directive(text, "Phase 1: Accounts (Week 1)")
    assert "**Tasks**\n\n- [x] Sign-up form\n- [X] Password reset\n- [ ] Profile page" in first
    assert "**Open points**\n\n- [ ] Decide on the session length" in first
    assert "---" not in first
    assert "#" not in first
    # the break stays between the phases, outside both
    assert f"{first}\n\n---\n\n```{{impl-phase}} Phase 2: Recipes (Weeks 2-3)" in text
    assert "**Deliverables**\n\n- [ ] Recipe editor\n```\n\n---\n" in text
    assert not _lost_words(SPRINTS, text)
    assert result.counts["impl-phase"] == 5


def test_title_spans_become_durations_and_stay_in_the_title() -> None:
    text, _ = _converted(SPRINTS)
    assert ":duration: 1 week\n" in _directive(text, "Phase 1: Accounts (Week 1)")
    assert ":duration: 2 weeks\n" in _directive(text, "Phase 2: Recipes (Weeks 2-3)")
    polish = _directive(text, "Phase 7.1: Polish (Days 2-3)")
    assert ":id: PH_MP_7_1\n" in polish
    assert ":duration: 2 days\n" in polish
    # a sprint is as long as the plan says
    assert ":duration: 2 weeks\n" in _directive(text, "Phase 3: Launch (Sprint 3)")
    # the timeline row gives the duration, and wins over the title's span
    buffer = _directive(text, "Phase 4: Buffer (2 weeks)")
    assert ":duration: 10 days\n" in buffer
    assert buffer.count(":duration:") == 1
    # the row of no phase stays, and the view follows it
    assert "| 5 | 3 days |\n\n```{impl-timeline}\n```" in text


def test_a_progress_checklist_makes_no_phase_and_no_note() -> None:
    text, result = _converted(SPRINTS)
    assert "## Progress\n\n- [x] Phase 1: Accounts\n- [ ] Phase 2: Recipes\n" in text
    assert result.notes == []


def test_a_sprint_without_a_stated_length_stays_in_the_title_only() -> None:
    source = "# Plan\n\n## Phase 1: Launch (Sprint 3)\n\n- [ ] Go\n"
    text, _ = _converted(source)
    assert "{impl-phase} Phase 1: Launch (Sprint 3)\n:id: PH_PLAN_1\n\n- [ ] Go" in text


STARTS = """\
# Warehouse scanner

**Start date**: 2027-03-01

## Phase 1: Pilot (Week 1)

- [ ] One aisle

## Phase 2: Rollout (Weeks 2-3)

- [ ] Every aisle

## Phase 3: Review (Days 22-23)

- [ ] Retrospective
"""


def test_a_plan_start_date_places_week_and_day_spans() -> None:
    text, _ = _converted(STARTS)
    assert ":start: 2027-03-01\n:duration: 1 week" in _directive(text, "Phase 1: Pilot (Week 1)")
    assert ":start: 2027-03-08\n:duration: 2 weeks" in _directive(
        text, "Phase 2: Rollout (Weeks 2-3)"
    )
    assert ":start: 2027-03-22\n:duration: 2 days" in _directive(
        text, "Phase 3: Review (Days 22-23)"
    )


REPEATS = """\
# Billing rewrite

## Phases

### Phase 1: Invoices

- [x] Invoice model

### [x] Phase 2: Payments ✅

- [x] Card payments

### Phase 3: Refunds

- [ ] Partial refunds

### Phase 3: Refunds

- [ ] Refunds to a new card

## Progress

### ✅ Phase 1: Invoices

Finished in March.

### [x] Phase 2: Payments

## Phase 7

Rollout in steps.

### Phase 7.1: Beta

- [ ] Beta group

### Phase 7.2: General availability

- [ ] Everyone

### Phase 7 notes

Nothing yet.
"""


def test_repeated_headings_and_nested_phases() -> None:
    text, result = _converted(REPEATS)
    titles = re.findall(r"\{impl-phase\} (.*)\n", text)
    assert titles == [
        "Phase 1: Invoices",
        "Phase 2: Payments",
        "Phase 3: Refunds",
        "Phase 3: Refunds",
        "Phase 7",
        "Phase 7.1: Beta",
        "Phase 7.2: General availability",
    ]
    # the headings of the progress section stay as written
    assert "## Progress\n\n### ✅ Phase 1: Invoices\n\nFinished in March.\n" in text
    assert "\n### [x] Phase 2: Payments\n" in text
    # the checked heading is done; no mark or emoji is left in a title
    assert ":status: done" in _directive(text, "Phase 2: Payments")
    # a true duplicate is told about, at its line
    duplicate_line = REPEATS.splitlines().index("### Phase 3: Refunds", 14) + 1
    assert [line for line, _ in result.notes] == [duplicate_line]
    assert "a second phase titled 'Phase 3: Refunds'" in result.notes[0][1]
    # what follows the last nested phase in its parent's section is that phase's
    assert "**Phase 7 notes**\n\nNothing yet." in _directive(
        text, "Phase 7.2: General availability"
    )
    assert ":id: PH_BR_7_1\n" in _directive(text, "Phase 7.1: Beta")
    assert not _lost_words(REPEATS, text) - Counter({"x": 1})


EMPHASIS = """\
# Plan

## Phase 1: Build

### The *hard* part

- [ ] Parser
"""


def test_a_subheading_with_emphasis_becomes_a_rubric() -> None:
    text, _ = _converted(EMPHASIS)
    assert "```{rubric} The *hard* part\n```" in text
    assert text.count("````{impl-phase}") == 1


@pytest.mark.parametrize(
    ("heading", "number", "name", "title", "span"),
    [
        ("Phase 1: Core (Week 1)", "1", "Core", "Phase 1: Core (Week 1)", "Week 1"),
        ("🎯 Phase 7.1: Polish", "7.1", "Polish", "Phase 7.1: Polish", None),
        ("[x] Phase 2 (Weeks 2-3): Sync", "2", "Sync", "Phase 2 (Weeks 2-3): Sync", "Weeks 2-3"),
        ("Phase 4: API (REST)", "4", "API (REST)", "Phase 4: API (REST)", None),
        ("Phase 3 - Launch - Sprint 3", "3", "Launch", "Phase 3 - Launch - Sprint 3", "Sprint 3"),
        ("🚀 Phase 5: Launch 🎉", "5", "Launch", "Phase 5: Launch", None),
    ],
)
def test_phase_headings(heading: str, number: str, name: str, title: str, span: str) -> None:
    found = phase_heading(heading)
    assert found is not None
    assert (found.number, found.name, found.title, found.span) == (number, name, title, span)


def test_spans_and_sprint_lengths() -> None:
    assert span_of("Weeks 2-3", None) is not None
    assert span_of("Weeks 2-3", None).values(None) == [("duration", "2 weeks")]  # type: ignore[union-attr]
    assert span_of("Week 1", None).values(None) == [("duration", "1 week")]  # type: ignore[union-attr]
    assert span_of("Sprint 2", None) is None
    assert span_of("Sprints 2-3", 14).values("2027-01-04") == [  # type: ignore[union-attr]
        ("start", "2027-01-18"),
        ("duration", "4 weeks"),
    ]
    assert span_of("Month 1", 14) is None
    assert sprint_days_in(["We run two-week sprints."]) == 14
    assert sprint_days_in(["Sprints last 10 days"]) == 10
    assert sprint_days_in(["1-week sprints, then 2-week sprints"]) is None


LOOSER = """\
# Plan de mise en œuvre : Portail

## Phases

### Fase 1: Cimientos (Semana 1)

- [ ] Esquema

### Phase 2 : Factures (Semaines 2-3)

- [ ] Export PDF

### Milestone 3: Beta (3 weeks)

- [ ] Invite testers

## Phase 4+: Later work

Whatever comes next.

## Timeline

| Phase | Duration | Owner |
|-------|----------|-------|
| 1 | 4 days | Ana |
| 4 | TBD | nobody |
"""


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("sprints", SPRINTS),
        ("starts", STARTS),
        ("repeats", REPEATS),
        ("emphasis", EMPHASIS),
        ("looser", LOOSER),
    ],
)
def test_the_converted_plan_builds_with_no_new_warning(
    name: str, source: str, tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", source)
    converted, app = build_converted_plan(make_app, tmp_path / "converted", _converted(source)[0])
    assert not [w for w in build_warnings(app) if w.subtype.startswith("implplan")]
    assert converted <= plain
    needs = read_needs(app)
    phases = {need["title"]: need for need in needs.values() if need["type"] == "impl-phase"}
    if name == "sprints":
        accounts = phases["Phase 1: Accounts (Week 1)"]
        # every checkbox of every subsection, [X] done too
        assert (accounts["deliverables_done"], accounts["deliverables_total"]) == (2, 4)
        assert accounts["duration"] == 7
        assert phases["Phase 2: Recipes (Weeks 2-3)"]["duration"] == 14
        assert phases["Phase 7.1: Polish (Days 2-3)"]["deliverables_total"] == 1
    if name == "starts":
        rollout = phases["Phase 2: Rollout (Weeks 2-3)"]
        assert (rollout["start"], rollout["end"]) == ("2027-03-08", "2027-03-21")
    if name == "repeats":
        assert len([need for need in needs.values() if need["type"] == "impl-phase"]) == 7


_PHASE_LINES = [
    "# Plan",
    "We work in 2-week sprints.",
    "**Start date**: 2027-01-04",
    "## Phase 1: Core (Week 1)",
    "## 🎯 Phase 7.1: Polish (Days 2-3)",
    "### Phase 2: Sync (Sprint 3)",
    "## Phase 2 (Weeks 2-3): Sharing",
    "### [x] Phase 3: Launch ✅",
    "#### Tasks",
    "### Notes",
    "Setext title",
    "------------",
    "## Progress",
    "## Timeline",
    "| Phase | Duration |",
    "| Phase | Weeks |",
    "|---|---|",
    "| 2 | 2 days |",
    "| 7.1 | Weeks 1-2 |",
    "- Phase 1: 3 weeks",
    "- [x] Phase 1: Core",
    "- [X] done",
    "- [ ] open",
    "**Goal**: ship",
    "**Duration**: 2 weeks",
    "**Depends on**: Phase 1",
    "---",
    "***",
    "> quote",
    "```",
    "",
    "",
    "plain words",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PHASE_LINES) | st.text(max_size=20), max_size=30))
def test_phases_of_any_shape_convert_without_error_or_loss(lines: list[str]) -> None:
    source = "\n".join(lines) + "\n"
    result = convert(source, fallback_title="plan")
    lost = lost_words(source, result.text)
    if "### [x] Phase 3: Launch ✅" in lines:
        lost -= Counter({"x": lines.count("### [x] Phase 3: Launch ✅")})
    assert not lost
    # no heading and no thematic break is left inside a phase
    for phase in re.finditer(
        r"^(`{3,})\{impl-phase\}.*?\n\1\n", result.text, re.DOTALL | re.MULTILINE
    ):
        if "```\n" in phase.group(0)[3:-4]:
            continue  # a code block may hold anything
        for line in phase.group(0).splitlines():
            assert not re.match(r" {0,3}(#{1,6}(\s|$)|---+\s*$|\*\*\*+\s*$)", line), phase


def test_the_duplicate_note_is_printed_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "billing.md"
    source.write_text(REPEATS, encoding="utf8")
    assert main(["convert", str(source), "-o", str(tmp_path / "out.md")]) == 0
    err = capsys.readouterr().err.splitlines()
    line = REPEATS.splitlines().index("### Phase 3: Refunds", 14) + 1
    note = (
        f"{source}:{line}: a second phase titled 'Phase 3: Refunds' (the first is at line 13): "
        "timeline entries and Depends on find the first"
    )
    assert err[1:] == [note]


def test_other_words_for_phases_and_spans_and_a_timeline_with_owners() -> None:
    text, result = _converted(LOOSER)
    assert re.findall(r"\{impl-phase\} (.*)\n", text) == [
        "Fase 1: Cimientos (Semana 1)",
        "Phase 2 : Factures (Semaines 2-3)",
        "Milestone 3: Beta (3 weeks)",
    ]
    # the timeline row wins over the title's span
    assert ":duration: 4 days\n" in _directive(text, "Fase 1: Cimientos (Semana 1)")
    assert ":duration: 2 weeks\n" in _directive(text, "Phase 2 : Factures (Semaines 2-3)")
    assert ":duration: 3 weeks\n" in _directive(text, "Milestone 3: Beta (3 weeks)")
    # "Phase 4+" sums up what is left: no phase; the table with its owners stays
    assert "## Phase 4+: Later work\n" in text
    assert "| 4 | TBD | nobody |\n\n```{impl-timeline}\n```\n" in text
    assert "| 1 | 4 days | Ana |\n" in text
    assert [message for _, message in result.notes] == ["timeline row kept: 'TBD' is no duration"]
