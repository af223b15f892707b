"""``implplan convert`` on the phase shapes real plans take beyond ``Phase N``:
``Stage``, ``Iteration``, ``Step`` and ``Sprint`` headings, lettered phases, phases
written as an ordered list, Dutch and Portuguese plans, subheadings inside a phase
that name another kind, and spans given as week ranges and date ranges. Each shape
is checked as text; one plan holding them all is built with Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from build_helpers import build_warnings, read_needs
from convert_helpers import build_converted_plan, directive_items, lossless
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_implplan.authoring.conversion.phase_spans import span_of
from sphinx_implplan.authoring.conversion.section_kinds import phase_heading

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp


@pytest.mark.parametrize(
    ("heading", "number", "name", "span"),
    [
        ("Stage 2: Cutover", "2", "Cutover", None),
        ("Iteration 3 - Ranking", "3", "Ranking", None),
        ("Step 4: Rollout", "4", "Rollout", None),
        ("Sprint 41 (Oct 6 \u2013 Oct 17, 2 weeks)", "41", "", "Oct 6 \u2013 Oct 17, 2 weeks"),
        ("Iteration 1 \u2014 Import pipeline (Weeks 1-2)", "1", "Import pipeline", "Weeks 1-2"),
        ("Etapa 2 - Migra\u00e7\u00e3o (semanas 3-4)", "2", "Migra\u00e7\u00e3o", "semanas 3-4"),
        ("Etappe 1: Opzet", "1", "Opzet", None),
        ("Fase 3 (weken 5-6): Uitrol", "3", "Uitrol", "weken 5-6"),
        ("Phase B: Pilot customers", "B", "Pilot customers", None),
        ("Stage C \u2013 Go-live", "C", "Go-live", None),
    ],
)
def test_more_words_name_a_phase(heading: str, number: str, name: str, span: str | None) -> None:
    title = phase_heading(heading)
    assert title is not None
    assert (title.number, title.name, title.span) == (number, name, span)


@pytest.mark.parametrize(
    "heading", ["Stage a rollback", "Step by step", "Iteration 3+", "Sprint planning"]
)
def test_these_words_alone_name_no_phase(heading: str) -> None:
    assert phase_heading(heading) is None


WORDS = """\
# Search revamp

## Stage 1: Groundwork

- [x] Index schema
- [ ] Crawler

## Iteration 2 - Ranking (Weeks 2-3)

- [ ] Learn to rank

### Step 3: Rollout

- [ ] Flip the flag

## Sprint 4: Polish

- [ ] Empty states
"""


def test_stage_iteration_step_and_sprint_headings_are_phases() -> None:
    result = lossless(WORDS)
    phases = directive_items(result.text)
    assert [phase["title"] for phase in phases] == [
        "Stage 1: Groundwork",
        "Iteration 2 - Ranking (Weeks 2-3)",
        "Step 3: Rollout",
        "Sprint 4: Polish",
    ]
    assert phases[1]["duration"] == "2 weeks"
    assert "- [x] Index schema" in phases[0]["body"]
    assert result.counts["impl-rollout"] == 0


def test_a_sprint_heading_lasts_the_sprint_the_plan_states() -> None:
    source = "# Payments\n\nWe work in 2-week sprints.\n\n" + WORDS.split("\n", 2)[2]
    phases = directive_items(lossless(source).text)
    assert phases[3]["title"] == "Sprint 4: Polish"
    assert phases[3]["duration"] == "2 weeks"


def test_a_stage_of_a_rollout_stays_a_rollout_stage() -> None:
    source = (
        "# Flags\n\n## Phase 1: Build\n\n- [ ] Flag service\n\n"
        "## Rollout plan\n\n### Stage 1: Internal\n\n- Staff only\n\n"
        "### Stage 2: Everyone\n\n- All users\n"
    )
    result = lossless(source)
    assert [phase["title"] for phase in directive_items(result.text)] == ["Phase 1: Build"]
    assert "### Stage 1: Internal" in result.text.splitlines()


@pytest.mark.parametrize(
    ("headings", "phases"),
    [
        (["A. Collector rollout", "B. Dashboards", "C. Alerting"], 3),
        (["A) Discovery", "B) Build"], 2),
        (["Phase A: Spike", "Phase B: Pilot"], 2),
        (["A. Only one"], 0),
        (["B. Dashboards", "C. Alerting"], 0),
        (["A. Collector", "C. Alerting"], 0),
    ],
)
def test_lettered_headings_are_phases_where_they_form_a_series(
    headings: list[str], phases: int
) -> None:
    source = "# Telemetry\n\n" + "".join(f"## {h}\n\n- [ ] Task of {h}\n\n" for h in headings)
    result = lossless(source)
    # a plan of nothing but such sections has them as its phases all the same, but
    # numbered: only a series is read by its letters
    found = [item for item in directive_items(result.text) if item["id"][-1].isalpha()]
    assert len(found) == phases
    if phases:
        assert found[0]["title"] == headings[0]
        assert found[0]["id"].endswith("_A")


LISTED = """\
# Billing export

## Plan

1. **Foundations** (week 1)
   - [ ] Repo and CI
   - [x] Schema draft
2. **Exporter** (weeks 2-3)
   - [ ] CSV writer

   Notes on the writer.
3. **Launch**
   - [ ] Announce

## Timeline

| Phase | Owner |
|---|---|
| Launch | Kim |
"""


def test_phases_written_as_an_ordered_list() -> None:
    result = lossless(LISTED)
    phases = directive_items(result.text)
    assert [phase["title"] for phase in phases] == [
        "1. Foundations (week 1)",
        "2. Exporter (weeks 2-3)",
        "3. Launch",
    ]
    assert phases[0]["duration"] == "1 week"
    assert phases[1]["duration"] == "2 weeks"
    assert phases[0]["body"].strip().startswith("- [ ] Repo and CI\n- [x] Schema draft")
    assert "Notes on the writer." in phases[1]["body"]


@pytest.mark.parametrize(
    "source",
    [
        "# P\n\n## Milestones\n\n1) Alpha\n   * [ ] Login\n2) Beta\n   * [x] Billing\n",
        "# P\n\n## Roadmap\n\n1. Alpha (2 weeks)\n    - [ ] Login\n1. Beta\n    - [ ] Billing\n",
        "# P\n\n1. **Alpha**\n   - [ ] Login\n   - Notes\n2. **Beta**\n   - [ ] Billing\n",
    ],
)
def test_ordered_list_phases_in_varied_wording(source: str) -> None:
    phases = directive_items(lossless(source).text)
    assert len(phases) == 2
    assert "Alpha" in phases[0]["title"]
    assert "[ ] Login" in phases[0]["body"]


def test_an_ordered_list_that_is_no_list_of_phases_stays_with_a_note() -> None:
    source = "# P\n\n## Steps\n\n1. First thing\n   - [ ] a box\n2. Second thing\n"
    result = lossless(source)
    assert not result.counts["impl-phase"]
    assert "2. Second thing" in result.text
    assert any("ordered list kept as written" in message for _, message in result.notes)


SUBHEADINGS = """\
# Suggest

## Phase 1: Service

### Endpoints

- [ ] GET /suggest returns the top five prefixes
- [x] POST /suggest/feedback

### Metrics and dashboards

- [ ] p95 latency: under 80 ms

## Stage 2: Launch

### Rollout

1. [ ] Canary to 5%
2. [ ] Everyone

### Launch

- [ ] Blog post
"""


def test_subheadings_naming_other_kinds_inside_a_phase_hold_deliverables() -> None:
    result = lossless(SUBHEADINGS)
    assert {name for name, count in result.counts.items() if count} == {"impl-plan", "impl-phase"}
    first, second = directive_items(result.text)
    assert "**Endpoints**" in first["body"]
    assert "- [ ] GET /suggest returns the top five prefixes" in first["body"]
    assert "- [ ] p95 latency: under 80 ms" in first["body"]
    assert "1. [ ] Canary to 5%" in second["body"]


DUTCH = """\
# Klantportaal

Datum: 2026-02-02

## Fase 1: Opzet (weken 1-2)

**Doel**: De basis staat

- [ ] Repository
- [x] CI-pijplijn

## Etappe 2: Migratie (dagen 1-4)

- [ ] Data overzetten

## Risico's

| Risico | Kans | Gevolg | Maatregel |
|---|---|---|---|
| Dataverlies | laag | hoog | Back-ups |

## Besluiten

| Besluit | Reden |
|---|---|
| Postgres | Bekend bij het team |
"""

PORTUGUESE = """\
# Portal de faturas

## Etapa 1 - Funda\u00e7\u00e3o (semanas 1-2)

- [ ] Reposit\u00f3rio

## Fase 2: Migra\u00e7\u00e3o (dias 1-3)

- [ ] Copiar dados

## Riscos

- **Perda de dados**: Impacto: alto. Probabilidade: baixa.

## Decis\u00f5es

| Decis\u00e3o | Motivo |
|---|---|
| Postgres | Conhecido |
"""


@pytest.mark.parametrize(
    ("source", "durations"),
    [(DUTCH, ["2 weeks", "4 days"]), (PORTUGUESE, ["2 weeks", "3 days"])],
)
def test_dutch_and_portuguese_plans(source: str, durations: list[str]) -> None:
    result = lossless(source)
    phases = directive_items(result.text)
    assert [phase["duration"] for phase in phases] == durations
    assert result.counts["impl-risk"] == 1
    assert result.counts["impl-decision"] == 1
    (risk,) = directive_items(result.text, "impl-risk")
    assert (risk["impact"], risk["likelihood"]) == ("high", "low")


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("Oct 6 \u2013 Oct 17", 2025, [("start", "2025-10-06"), ("end", "2025-10-17")]),
        ("Sep 15 \u2192 Sep 26", None, [("duration", "12 days")]),
        ("Oct 6 \u2013 Oct 17, 2 weeks", None, [("duration", "2 weeks")]),
        ("Sep 29 - Oct 3, 2025", None, [("start", "2025-09-29"), ("end", "2025-10-03")]),
        ("Dec 29 - Jan 9", 2026, [("start", "2026-12-29"), ("end", "2027-01-09")]),
        ("2025-10-06 to 2025-10-17", None, [("start", "2025-10-06"), ("end", "2025-10-17")]),
        ("weken 2-3", None, [("duration", "2 weeks")]),
        ("dias 1-4", None, [("duration", "4 days")]),
        ("Feb 30 - Mar 2", 2026, None),
    ],
)
def test_date_ranges(text: str, year: int | None, expected: list[tuple[str, str]] | None) -> None:
    found = span_of(text, None, year)
    assert (found.values(None) if found else None) == expected


SPANS = """\
---
title: Telemetry collector
date: 2025-08-20
---

## Phase 1: Agent

- [ ] Package

## Phase 2: Pipeline

- [ ] Kafka topic

### Sprint 7 (Sep 15 \u2192 Sep 26)

- [ ] Dashboards

## Timeline

| Phase | Weeks | Owner | Status |
|---|---|---|---|
| Phase 1 | 1\u20133 | Ana | done |
| Phase 2 | 4-5 | Bo | planned |

| Phase | When |
|---|---|
| 7 | Sep 15 \u2192 Sep 26 |
"""


def test_week_ranges_and_date_ranges_in_a_timeline() -> None:
    result = lossless(SPANS)
    first, second, sprint = directive_items(result.text)
    assert first["duration"] == "3 weeks"
    assert second["duration"] == "2 weeks"
    # the year of the front matter dates the range in the title
    assert (sprint["start"], sprint["end"]) == ("2025-09-15", "2025-09-26")
    # the Owner column stays, with the view after it
    assert "| Phase 1 | 1\u20133 | Ana | done |" in result.text.splitlines()
    # dated in words, the row stays: its options hold no word of it
    assert "| 7 | Sep 15 \u2192 Sep 26 |" in result.text.splitlines()


def test_without_a_year_a_date_range_is_a_duration() -> None:
    source = "# Plan\n\n## Stage 1: Build (Oct 6 \u2013 Oct 17)\n\n- [ ] Code\n"
    (phase,) = directive_items(lossless(source).text)
    assert phase["duration"] == "12 days"
    assert "start" not in phase


EVERY_SHAPE = (
    "# Telemetry collector\n\nDate: 2025-08-20. We work in 2-week sprints.\n\n"
    + WORDS.split("\n", 2)[2]
    + SUBHEADINGS.split("\n", 2)[2]
    .replace("Phase 1: Service", "Phase 5: Service")
    .replace("Stage 2: Launch", "Stage 6: Launch")
    + "\n## A. Collector rollout\n\n- [ ] Agents\n\n## B. Storage\n\n- [x] Buckets\n\n"
    + "### Sprint 9 (Sep 15 \u2192 Sep 26)\n\n- [ ] Review\n\n"
    + "## Timeline\n\n| Phase | Weeks | Owner |\n|---|---|---|\n| Stage 1 | 1\u20133 | Ana |\n"
)


def test_a_plan_with_every_phase_shape_builds_without_new_warnings(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    result = lossless(EVERY_SHAPE)
    assert result.counts["impl-phase"] == 9
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", EVERY_SHAPE)
    converted, app = build_converted_plan(make_app, tmp_path / "converted", result.text)
    assert converted <= plain
    assert not [w for w in build_warnings(app) if w.subtype.startswith("implplan")]
    phases = {n["title"]: n for n in read_needs(app).values() if n["type"] == "impl-phase"}
    assert len(phases) == 9
    assert phases["Stage 1: Groundwork"]["duration"] == 21
    assert phases["Sprint 4: Polish"]["duration"] == 14
    assert phases["A. Collector rollout"]["deliverables_total"] == 1
    service = phases["Phase 5: Service"]
    assert (service["deliverables_done"], service["deliverables_total"]) == (1, 3)
    sprint = phases["Sprint 9 (Sep 15 \u2192 Sep 26)"]
    assert (sprint["start"], sprint["end"]) == ("2025-09-15", "2025-09-26")


def test_phases_as_an_ordered_list_build(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    converted, app = build_converted_plan(make_app, tmp_path / "listed", lossless(LISTED).text)
    assert not converted
    phases = {n["title"]: n for n in read_needs(app).values() if n["type"] == "impl-phase"}
    assert phases["1. Foundations (week 1)"]["deliverables_done"] == 1
    assert phases["2. Exporter (weeks 2-3)"]["duration"] == 14


_LINES = [
    "# Plan",
    "Date: 2025-03-01",
    "We work in 2-week sprints.",
    "## Stage 1: Build",
    "## Iteration 2 - Rank (Weeks 2-3)",
    "### Step 3: Rollout",
    "### Sprint 4 (Oct 6 \u2013 Oct 17, 2 weeks)",
    "## A. Collector",
    "## B. Storage",
    "## Phase B: Pilot",
    "## Fase 1 (weken 1-2): Opzet",
    "## Etapa 2 - Migra\u00e7\u00e3o",
    "## Rollout",
    "### Endpoints",
    "## Timeline",
    "| Phase | Weeks | Owner |",
    "|---|---|---|",
    "| Stage 1 | 1\u20133 | Ana |",
    "| B | Sep 15 \u2192 Sep 26 | Bo |",
    "1. **Foundations** (week 1)",
    "2. Launch",
    "   - [ ] task",
    "   - [x] done",
    "- [ ] GET /suggest",
    "",
    "",
    "words",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=15), max_size=30))
def test_any_plan_of_these_shapes_converts_without_error_or_loss(lines: list[str]) -> None:
    lossless("\n".join(lines) + "\n")


def test_a_month_counts_only_with_a_day() -> None:
    named = phase_heading("Phase 3 (March 2026 pilot)")
    assert named is not None
    assert (named.name, named.span) == ("(March 2026 pilot)", None)
    dated = phase_heading("Phase 2: Decommission (Dec 1 - Dec 12)")
    assert dated is not None
    assert (dated.name, dated.span) == ("Decommission", "Dec 1 - Dec 12")


def test_a_row_naming_its_phase_in_words_stays_with_its_dates_attached() -> None:
    source = (
        "# Jobs\n\n## Phase 1: Decommission the cron\n\n- [ ] Remove it\n\n"
        "## Timeline\n\n| Phase | Start | End |\n|---|---|---|\n"
        "| Phase 1: Decommission the cron | 2025-10-20 | 2025-10-31 |\n"
    )
    result = lossless(source)
    (phase,) = directive_items(result.text)
    assert (phase["start"], phase["end"]) == ("2025-10-20", "2025-10-31")
    # the row says the phase's name again: it stays, so that no word of it is lost
    row = "| Phase 1: Decommission the cron | 2025-10-20 | 2025-10-31 |"
    assert row in result.text.splitlines()
    assert result.text.index(row) < result.text.index("{impl-timeline}")


def test_a_row_naming_its_phase_by_number_leaves_the_table() -> None:
    source = (
        "# Jobs\n\n## Phase 1: Decommission the cron\n\n- [ ] Remove it\n\n"
        "## Timeline\n\n| Phase | Start | End |\n|---|---|---|\n| 1 | 2025-10-20 | 2025-10-31 |\n"
    )
    result = lossless(source)
    (phase,) = directive_items(result.text)
    assert (phase["start"], phase["end"]) == ("2025-10-20", "2025-10-31")
    assert "| Phase |" not in result.text


NUMBERED_CHAPTERS = """\
# Court e-filing

## 1. Purpose

Paper filings move online.

## 2. Schedule

| Stage | Name | Dates |
|---|---|---|
| I | Rules | 4 January - 26 February 2027 |
| II | Pilot | 1 March - 30 April 2027 |
| III | All filers | May 2027 |

## 3. Delivery stages

### Stage I - Rules

- [x] Local rule drafted

### Stage II - Pilot

- [ ] Five firms trained

### Stage III - All filers

- [ ] Notice to the bar

## 4. Before the first filing

- [ ] Public terminal installed

## 5. Launch checklist

- [ ] Outage procedure posted
"""


def test_a_roman_series_its_chapter_and_a_launch_checklist() -> None:
    result = lossless(NUMBERED_CHAPTERS)
    phases = directive_items(result.text)
    # the chapter holding the stages is none of them, nor is a checklist after them
    assert [phase["title"] for phase in phases] == [
        "Stage I - Rules",
        "Stage II - Pilot",
        "Stage III - All filers",
    ]
    # the schedule names them by their Roman numerals
    assert [(phase.get("start"), phase.get("end")) for phase in phases] == [
        ("2027-01-04", "2027-02-26"),
        ("2027-03-01", "2027-04-30"),
        ("2027-05-01", "2027-05-31"),
    ]
    # a launch checklist is what to tick off before launch, not rollout stages
    assert result.counts["impl-rollout"] == 0
    assert "- [ ] Outage procedure posted" in result.text.splitlines()
    assert "checklist kept as written: its items are no rollout stages" in {
        message for _, message in result.notes
    }


def test_a_dotted_chapter_of_periods_holds_the_phases() -> None:
    text = """\
# Reading buddies grant

## 4.1 Summary

Volunteers read with children.

## 4.2 Work plan by period

### Year 1, Q1 (April-June 2027) - Recruitment

- [ ] Recruit twenty volunteers

### Year 1, Q2-Q4 (July 2027-March 2028) - First school

- [ ] Weekly sessions

## 4.3 Evaluation and reporting checklist

- [ ] Annual report
"""
    phases = directive_items(lossless(text).text)
    assert [(phase["title"].split(" - ")[1], phase["start"], phase["end"]) for phase in phases] == [
        ("Recruitment", "2027-04-01", "2027-06-30"),
        ("First school", "2027-07-01", "2028-03-31"),
    ]


def test_a_key_dates_table_of_events_and_windows() -> None:
    text = """\
# Archive move

## Key dates

| Event | Window | Duration |
|---|---|---|
| Trial move | 8 - 10 March 2027 | 3 days, evenings only |
| Main move | Fri 2 Apr 08:00 -> Sun 4 Apr 2027 20:00 | 60 h |

## Trial move

- [ ] Move one bay

## Main move

- [ ] Load in shelf order
"""
    result = lossless(text)
    phases = directive_items(result.text)
    assert [
        (phase["title"], phase["start"], phase["end"], phase.get("duration")) for phase in phases
    ] == [
        ("Trial move", "2027-03-08", "2027-03-10", "3 days"),
        # a length in hours is no duration the options hold: the window still counts
        ("Main move", "2027-04-02", "2027-04-04", None),
    ]
    assert (8, "duration left in the row: '60 h' is no duration") in result.notes


def test_sections_a_schedule_names_are_work_and_its_one_year_dates_the_rest() -> None:
    text = """\
# Spring production

## Run at a glance

| Event | Dates |
|---|---|
| Rehearsals | 11 Jan -> 12 Mar 2027 |
| Tech and dress | Mon 15 Mar -> Thu 18 Mar |

## Rehearsals

- [ ] Blocking

## Tech and dress

- [ ] Lighting plot
"""
    result = lossless(text)
    # "Tech" names a stack, but the schedule says the section is a step of the work;
    # the plan's one year dates the row that states none
    assert [(p["title"], p["start"], p["end"]) for p in directive_items(result.text)] == [
        ("Rehearsals", "2027-01-11", "2027-03-12"),
        ("Tech and dress", "2027-03-15", "2027-03-18"),
    ]
    assert result.counts["impl-tech"] == 0


BOLD_COUNTDOWN = """\
# Plan

## Stages

**Stage 1 \u2014 Permits** \u00b7 SOP \u221220w to SOP \u221214w

- [ ] Permit granted

**Stage 2 \u2014 Fit-out** | SOP \u221213w to SOP \u22125w

- [ ] Shelving

**Stage 3 \u2014 Second entrance**

- [ ] Quote
"""


def test_bold_stages_with_a_span_after_a_dot_or_a_bar() -> None:
    phases = directive_items(lossless(BOLD_COUNTDOWN).text)
    assert [(p["title"], p.get("duration")) for p in phases] == [
        ("Stage 1 \u2014 Permits \u00b7 SOP \u221220w to SOP \u221214w", "7 weeks"),
        ("Stage 2 \u2014 Fit-out | SOP \u221213w to SOP \u22125w", "9 weeks"),
        ("Stage 3 \u2014 Second entrance", None),
    ]
