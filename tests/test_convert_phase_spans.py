"""``implplan convert`` on the spans and dates real plans give their phases beyond a
``(Weeks 2-3)`` title: schedule lines in a phase's body (``When:``, ``ETA:``,
``Target:``, ``Est. 5d``, in several languages), dates and ranges in words, months,
quarters and calendar weeks, schedule tables anywhere in the plan, and mermaid gantt
charts. Each shape is checked as text, nothing of the input lost; one plan holding
them all is built with Sphinx and may add no warning the plain plan did not have."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_warnings, read_needs
from convert_helpers import build_converted_plan, directive_items, lossless
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_implplan.authoring.conversion.phase_spans import span_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp


def _phases(source: str) -> tuple[dict[str, dict[str, Any]], list[tuple[int, str]]]:
    """The phases of the converted plan by title, and its notes."""
    result = lossless(source)
    return {phase["title"]: phase for phase in directive_items(result.text)}, result.notes


def _schedule(phase: dict[str, Any]) -> dict[str, str]:
    return {name: phase[name] for name in ("start", "end", "duration") if name in phase}


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("3d", None, {"duration": "3d"}),
        ("~1 wk", None, {"duration": "1 week"}),
        ("2w", None, {"duration": "2w"}),
        ("Est. 5d", None, {"duration": "5d"}),
        ("5 working days", None, {"duration": "1 week"}),
        ("10 business days", None, {"duration": "2 weeks"}),
        # two working days past a week: a week and two days of the calendar
        ("7 working days", None, {"duration": "9 days"}),
        ("2 Wochen", None, {"duration": "2 weeks"}),
        ("3 jours", None, {"duration": "3 days"}),
        ("2\u9031\u9593", None, {"duration": "2 weeks"}),
        ("2\uc8fc", None, {"duration": "2 weeks"}),
        ("Feb-Mar 2027", None, {"start": "2027-02-01", "end": "2027-03-31"}),
        ("February to March 2027", None, {"start": "2027-02-01", "end": "2027-03-31"}),
        ("May\u2013June", 2026, {"start": "2026-05-01", "end": "2026-06-30"}),
        ("March 2027", None, {"start": "2027-03-01", "end": "2027-03-31"}),
        ("target: March 2027", None, {"end": "2027-03-31"}),
        ("end of February 2028", None, {"end": "2028-02-29"}),
        ("Q1 2027", None, {"start": "2027-01-01", "end": "2027-03-31"}),
        ("Q3", 2027, {"start": "2027-07-01", "end": "2027-09-30"}),
        ("2027 Q4", None, {"start": "2027-10-01", "end": "2027-12-31"}),
        ("H2 2027", None, {"start": "2027-07-01", "end": "2027-12-31"}),
        # calendar weeks run Monday to Sunday: three of them last three weeks
        ("KW 3-5", 2027, {"start": "2027-01-18", "end": "2027-02-07"}),
        ("WW10\u2013WW12", 2027, {"start": "2027-03-08", "end": "2027-03-28"}),
        ("CW 14", 2027, {"start": "2027-04-05", "end": "2027-04-11"}),
        ("KW 3-5", None, {"duration": "3 weeks"}),
        ("15 March", 2027, {"start": "2027-03-15"}),
        ("15.03.2027", None, {"start": "2027-03-15"}),
        ("2027/03/15", None, {"start": "2027-03-15"}),
        ("March 15, 2027", None, {"start": "2027-03-15"}),
        ("15 de marzo de 2027", None, {"start": "2027-03-15"}),
        ("2027-03-01 ~ 2027-03-12", None, {"start": "2027-03-01", "end": "2027-03-12"}),
        ("Mar 1 -> Mar 12", 2027, {"start": "2027-03-01", "end": "2027-03-12"}),
        ("1 Mar \u2192 12 Mar 2027", None, {"start": "2027-03-01", "end": "2027-03-12"}),
        ("1. 2. \u2013 26. 2. 2027", None, {"start": "2027-02-01", "end": "2027-02-26"}),
        ("6\u201317 Ocak", 2027, {"start": "2027-01-06", "end": "2027-01-17"}),
        ("20 Ocak \u2013 21 \u015eubat", None, {"duration": "33 days"}),
        ("4\u67086\u65e5\u301c5\u67081\u65e5", 2026, {"start": "2026-04-06", "end": "2026-05-01"}),
        ("Dec 29 - Jan 9, 2027", None, {"start": "2026-12-29", "end": "2027-01-09"}),
        ("3 weeks (sprints 61-62)", None, {"duration": "3 weeks"}),
        # a project's quarter: the dates in brackets say which days it counts
        ("Year 1, Q1 (April\u2013June 2027)", None, {"start": "2027-04-01", "end": "2027-06-30"}),
        (
            "Year 2, Q1\u2013Q4 (April 2028\u2013March 2029)",
            None,
            {"start": "2028-04-01", "end": "2029-03-31"},
        ),
        ("March 2027 (Q1)", None, {"start": "2027-03-01", "end": "2027-03-31"}),
        ("Feb 29 - Mar 2", 2027, None),
        ("Q3", None, None),
        ("Feb-Mar", None, None),
        ("KW 54", 2027, None),
        ("Tuesday 2027-02-23, 06:00\u201308:00 UTC", None, None),
        ("two weeks after cut-over", None, None),
    ],
)
def test_span_texts(text: str, year: int | None, expected: dict[str, str] | None) -> None:
    found = span_of(text, None, year)
    assert (dict(found.values(None)) if found else None) == expected


def test_a_deadline_names_the_last_day() -> None:
    for text, end in [("March 2027", "2027-03-31"), ("Q2 2027", "2027-06-30")]:
        found = span_of(text, None, None, deadline=True)
        assert found is not None
        assert found.values(None) == [("end", end)]
    ranged = span_of("2027-03-01 to 2027-04-09", None, None, deadline=True)
    assert ranged is not None
    assert dict(ranged.values(None)) == {"start": "2027-03-01", "end": "2027-04-09"}


LINES = """\
# Clickstream to lakehouse

Date: 2027-01-10

## Stage 1: Land raw events

When: 3 March to 14 March

1. [ ] Iceberg table

## Stage 2: Sessionise

**ETA**: end of April 2027

- [ ] Bot filter

## Stage 3: Backfill

- Owner: Ana
- **Target date:** 2027-05-21

## Stage 4: Compare

Est. 5d

## Stage 5: Switch consumers

Estimated effort: 10 business days

## Stage 6: Retire the COPY

_Timebox: 3 weeks (sprints 61-62)_

## Stage 7: Report

Due: next Friday, 2027
"""


def test_schedule_lines_give_options_and_stay_in_the_body() -> None:
    phases, notes = _phases(LINES)
    land = phases["Stage 1: Land raw events"]
    # the plan's year dates the range
    assert _schedule(land) == {"start": "2027-03-03", "end": "2027-03-14"}
    assert "When: 3 March to 14 March" in land["body"]
    assert _schedule(phases["Stage 2: Sessionise"]) == {"end": "2027-04-30"}
    assert "**ETA**: end of April 2027" in phases["Stage 2: Sessionise"]["body"]
    backfill = phases["Stage 3: Backfill"]
    assert _schedule(backfill) == {"end": "2027-05-21"}
    assert "- **Target date:** 2027-05-21" in backfill["body"]
    assert _schedule(phases["Stage 4: Compare"]) == {"duration": "5d"}
    assert _schedule(phases["Stage 5: Switch consumers"]) == {"duration": "2 weeks"}
    assert _schedule(phases["Stage 6: Retire the COPY"]) == {"duration": "3 weeks"}
    # a date no option takes stays as written, and the author is told
    assert "start" not in phases["Stage 7: Report"]
    assert "end" not in phases["Stage 7: Report"]
    assert [message for _, message in notes] == [
        "Due kept as written: 'next Friday, 2027' is no span or date"
    ]


LOCALISED = """\
# Zavedeni WMS

## F\u00e1ze 1: P\u0159\u00edprava

Term\u00edn: 1. 2. \u2013 26. 2. 2027

- [ ] N\u00e1vrh

## Phase 2: Lager

**Zeitraum:** KW 10-12, 2027

## Phase 3: Pagamentos

- Prazo: 30/04/2027 ou antes
- **Dura\u00e7\u00e3o**: 2 semanas

## Phase 4: Fecha

Fecha: del 3 de mayo al 14 de mayo de 2027

## Phase 5: \u00c9ch\u00e9ance

\u00c9ch\u00e9ance : 15 juin 2027

## Phase 6: S\u00fcre

S\u00fcre: 3 hafta

## Phase 7: \u5728\u5eab

\u671f\u9593\uff1a2027\u5e744\u67086\u65e5\u301c5\u67081\u65e5

## Phase 8: \ucc57\ubd07

\uae30\uac04: 2027\ub144 5\uc6d4 3\uc77c ~ 5\uc6d4 28\uc77c
"""


def test_schedule_labels_in_other_languages() -> None:
    phases, _ = _phases(LOCALISED)
    schedules = [_schedule(phase) for phase in phases.values()]
    assert schedules == [
        {"start": "2027-02-01", "end": "2027-02-26"},
        {"start": "2027-03-08", "end": "2027-03-28"},
        # a slashed date whose day is over 12 says its order; ``ou antes`` is words
        # around the one date a deadline names
        {"end": "2027-04-30", "duration": "2 weeks"},
        {"start": "2027-05-03", "end": "2027-05-14"},
        {"end": "2027-06-15"},
        {"duration": "3 weeks"},
        {"start": "2027-04-06", "end": "2027-05-01"},
        {"start": "2027-05-03", "end": "2027-05-28"},
    ]


TITLES = """\
# Roadmap

Date: 2026-01-12

## Part 1 \u2014 Foundations \u00b7 April 2026

- [ ] a

## Part 2 \u2014 Data plane \u00b7 May\u2013June 2026

- [ ] b

## A\u015fama 3 \u2014 Pilot (24 \u015eubat \u2013 14 Mart)

- [ ] c

## Phase 4: Launch (target: September 2026)

- [ ] d

## Phase 5: Hardening (Q4)

- [ ] e

## Phase 6: Survey (\u7d042\u9031\u9593)

- [ ] f

## Phase 7: Review (Feb 6)

- [ ] g
"""


def test_spans_in_titles() -> None:
    phases, _ = _phases(TITLES)
    assert [_schedule(phase) for phase in phases.values()][:5] == [
        {"start": "2026-04-01", "end": "2026-04-30"},
        {"start": "2026-05-01", "end": "2026-06-30"},
        {"start": "2026-02-24", "end": "2026-03-14"},
        {"end": "2026-09-30"},
        {"start": "2026-10-01", "end": "2026-12-31"},
    ]
    # an estimate is a duration all the same, in Japanese too; a day alone may be a
    # start or a deadline
    assert _schedule(phases["Phase 6: Survey (\u7d042\u9031\u9593)"]) == {"duration": "2 weeks"}
    assert not _schedule(phases["Phase 7: Review (Feb 6)"])


def test_a_titles_closing_remark_gives_whole_years_or_a_wait() -> None:
    phases, _ = _phases(
        "# Quay repairs\n\n## Phases\n\n"
        "### 1. Survey (2027)\n\n- [ ] a\n\n"
        "### 2. Monitoring \u2014 2028 to 2030\n\n- [ ] b\n\n"
        "### 3. Piling (5 weeks from the barge arriving) {#piling}\n\n- [ ] c\n\n"
        "### 4. Licence \u2014 allow 12 weeks for the regulator\n\n- [ ] d\n\n"
        "### 5. Handrails (2 weeks for each berth)\n\n- [ ] e\n\n"
        "### 6. Lighting (Windows 2019 servers)\n\n- [ ] f\n"
    )
    assert [_schedule(phase) for phase in phases.values()] == [
        {"start": "2027-01-01", "end": "2027-12-31"},
        {"start": "2028-01-01", "end": "2030-12-31"},
        # how long, once an event no date names; past the heading's anchor
        {"duration": "5 weeks"},
        # the time set aside, whatever for
        {"duration": "12 weeks"},
        # a length per part is not the phase's, nor a year among words
        {},
        {},
    ]


def test_bold_lines_of_a_timeline_date_the_phases_they_name() -> None:
    timeline = (
        "## Schedule\n\n**Phase 1 \u2014 Dig**\n2 to 20 August 2027\n"
        "**Phase 2 \u2014 Pour**\nSeptember 2027 (dry weeks only)\n\n"
        "Phase 3 waits for the council\n4 to 8 October 2027\n"
    )
    result = lossless(
        f"# Slipway\n\n{timeline}\n## Phase 1: Dig\n\n- [ ] a\n\n## Phase 2: Pour\n\n"
        "- [ ] b\n\n## Phase 3: Open\n\n- [ ] c\n"
    )
    phases = {phase["title"]: phase for phase in directive_items(result.text)}
    assert [_schedule(phase) for phase in phases.values()] == [
        {"start": "2027-08-02", "end": "2027-08-20"},
        {"start": "2027-09-01", "end": "2027-09-30"},
        # a sentence naming a phase is no entry: only a bold line is
        {},
    ]
    # the lines stay as written, the timeline view after the first that gave dates
    assert "**Phase 2 \u2014 Pour**\nSeptember 2027 (dry weeks only)" in result.text
    assert result.text.count("```{impl-timeline}") == 1


GLANCE = """\
# Release train

Kick-off: 2025-09-22

## Status at a glance

| Phase | Status | When |
|-------|--------|------|
| Phase 1: Test suite speed | Done | Sep 22 \u2013 Oct 3 |
| 2 | In progress | Oct 6 \u2013 Oct 17 |

## Phase 1: Test suite speed

- [x] Shards

## Phase 2: Trunk-based branching

- [ ] Flags

## Milestones by number

| Stage | Start | End |
|---|---|---|
| 3 | 2025-10-20 | 2025-10-31 |

## Phase 3: Release automation

- [ ] Pipeline
"""


def test_a_schedule_table_anywhere_gives_the_phases_it_names_their_dates() -> None:
    result = lossless(GLANCE)
    phases = {phase["title"]: phase for phase in directive_items(result.text)}
    assert _schedule(phases["Phase 1: Test suite speed"]) == {
        "start": "2025-09-22",
        "end": "2025-10-03",
    }
    assert _schedule(phases["Phase 2: Trunk-based branching"]) == {
        "start": "2025-10-06",
        "end": "2025-10-17",
    }
    assert _schedule(phases["Phase 3: Release automation"]) == {
        "start": "2025-10-20",
        "end": "2025-10-31",
    }
    lines = result.text.splitlines()
    # a Status column says more than the view: that table stays as written
    assert "| Phase 1: Test suite speed | Done | Sep 22 \u2013 Oct 3 |" in lines
    # a row naming its phase by number, dated as the options are, leaves its table
    assert "| 3 | 2025-10-20 | 2025-10-31 |" not in lines
    assert "| Stage | Start | End |" not in lines
    assert result.text.count("{impl-timeline}") == 1


def test_an_entry_written_twice_leaves_once() -> None:
    # the directive holds the words of one entry: the second stays as written
    source = "# Plan: Sync\n- Phase 1: 2 weeks\n- Phase 1: 2 weeks\n### Phase 1: Foundation\n"
    result = lossless(source)
    assert result.text.count("- Phase 1: 2 weeks") == 1
    table = (
        "# Plan: Sync\n\n## Timeline\n\n| Phase | Duration |\n|---|---|\n"
        "| 1 | 2 weeks |\n| 1 | 2 weeks |\n\n## Phase 1: Foundation\n"
    )
    assert lossless(table).text.count("| 1 | 2 weeks |") == 1


NUMBERED = """\
# Benefits portal

## 3. Implementation

### Gate 1: Authorization boundary

- [ ] SSP

### Gate 2: Build

- [ ] Forms

## 4. Schedule (work weeks)

| Gate | Work weeks |
|------|-----------|
| 1 | WW10\u2013WW12 |
| Gate 2 | WW13\u2013WW14 |

## \ub2e8\uacc4\ubcc4 \uc77c\uc815

| \ub2e8\uacc4 | \uae30\uac04 |
|---|---|
| Gate 1: Authorization boundary | 3\uc8fc |
"""


def test_rows_name_a_phase_by_its_number_word_or_title() -> None:
    result = lossless(NUMBERED)
    first, second = directive_items(result.text)
    # no year is known: weeks of the year give how long, not when
    assert _schedule(first) == {"duration": "3 weeks"}
    assert _schedule(second) == {"duration": "2 weeks"}
    lines = result.text.splitlines()
    assert "| Gate 2 | WW13\u2013WW14 |" in lines
    assert "| Gate 1: Authorization boundary | 3\uc8fc |" in lines


LETTERED = """\
# Depot scanners

## Plan on a page

| Phase | Weeks | Owner |
|---|---|---|
| A. Pilot depot | 1\u20133 | Ana |
| B. Scanner fleet | 4\u20137 | Ben |
| C. Handheld | 8 | Ana |
| 4) Paper retirement | 9\u201310 | Ben |

## Phases

**Phase A \u2014 Pilot depot**

- [ ] Ten scanners

**Phase B \u2014 Scanner fleet and chargers**

- [ ] The rest

**Phase C \u2014 Printers**

- [ ] Labels

**Phase D \u2014 Paper retirement**

- [ ] Stop printing
"""


def test_rows_name_a_phase_by_its_letter_and_name() -> None:
    result = lossless(LETTERED)
    pilot, fleet, printers, paper = directive_items(result.text)
    assert _schedule(pilot) == {"duration": "3 weeks"}
    # the row's words are all in the title: the phase of that letter
    assert _schedule(fleet) == {"duration": "4 weeks"}
    # a row naming another phase by the letter, or the name under another number,
    # names none
    assert _schedule(printers) == {}
    assert _schedule(paper) == {}


MONTHS = """\
---
start: 2027-02-01
---

# Reef survey

## Work packages

### WP1 \u2014 Sensors

**Lead:** Lab \u00b7 **Months:** M1\u2013M4 \u00b7 **Partners:** Port

- [ ] Buoys

### WP2 \u2014 Survey

Months: M3 to M12

- [ ] Dives
"""


def test_project_months_of_a_months_label_are_dated_from_the_front_matter_start() -> None:
    result = lossless(MONTHS)
    sensors, survey = directive_items(result.text)
    assert _schedule(sensors) == {"start": "2027-02-01", "end": "2027-05-31"}
    assert _schedule(survey) == {"start": "2027-04-01", "end": "2028-01-31"}
    # no start date anywhere: project months place nothing
    undated = lossless(MONTHS.split("---\n", 2)[2])
    assert [_schedule(phase) for phase in directive_items(undated.text)] == [{}, {}]


ROMANIAN_AND_FINNISH = """\
# Plan

*Hyv\u00e4ksytty 3.2.2026 (sopimus 2024\u20132027)*

## Etape

### Etapa 1: Analiz\u0103

Perioad\u0103: 4\u201315 mai 2026

- [ ] Ateliere

### Etapa 2: Configurare server

- [ ] Server

### Vaihe 3 \u2013 M\u00e4\u00e4rittely

Aikataulu: viikot 8\u201310

- [ ] Haastattelut

### Vaihe 4 \u2013 K\u00e4ytt\u00f6\u00f6notto

Valmis viimeist\u00e4\u00e4n **29.5.2026**.

- [ ] Koulutus

## Calendar

| Etap\u0103 | \u00cenceput | Sf\u00e2r\u0219it |
|---|---|---|
| 2. Configurare | 18.05.2026 | 29.05.2026 |
"""


def test_schedule_labels_and_columns_in_romanian_and_finnish() -> None:
    result = lossless(ROMANIAN_AND_FINNISH)
    first, second, third, fourth = directive_items(result.text)
    assert _schedule(first) == {"start": "2026-05-04", "end": "2026-05-15"}
    # a row naming its phase by number and a shorter name
    assert _schedule(second) == {"start": "2026-05-18", "end": "2026-05-29"}
    # weeks of the year the dotted date under the title states, not of the contract's
    assert _schedule(third) == {"start": "2026-02-16", "end": "2026-03-08"}
    # a line that says, in bold or not, when the phase is done by
    assert _schedule(fourth) == {"end": "2026-05-29"}
    assert "Valmis viimeist\u00e4\u00e4n **29.5.2026**." in result.text


DANISH = """\
# Cykelparkering ved stationen

Opdateret 4. januar 2027

## Tidsplan

| Trin | Uger |
|---|---|
| 1. Udbud | uge 5\u20138 |
| 2. Anl\u00e6g af stativer | uge 10\u201315 |
| 3. Evaluering | l\u00f8bende |

## Trin 1 \u00b7 Udbud og kontrakt

- [ ] a

## Trin 2 \u00b7 Anl\u00e6g af stativer og overd\u00e6kning

- [ ] b

## Trin 3 \u00b7 Evaluering

- [ ] c
"""


def test_danish_weeks_steps_and_months() -> None:
    result = lossless(DANISH)
    first, second, third = directive_items(result.text)
    # ``uge 5-8`` in an Uger column: weeks of the plan's year
    assert _schedule(first) == {"start": "2027-02-01", "end": "2027-02-28"}
    # a row naming a ``Trin`` heading by its number and the words of its name
    assert _schedule(second) == {"start": "2027-03-08", "end": "2027-04-18"}
    # ``l\u00f8bende`` (ongoing) is no span
    assert _schedule(third) == {}
    assert result.notes == [(11, "timeline row kept: 'l\u00f8bende' is no span")]
    # Danish months and units
    found = span_of("1.\u201312. marts 2027", None)
    assert found is not None
    assert dict(found.values(None)) == {"start": "2027-03-01", "end": "2027-03-12"}
    assert [span_of(text, None) for text in ("2 uger", "10 dage")] == [
        span_of("2 weeks", None),
        span_of("10 days", None),
    ]


INCREMENTS = """\
# Benefits portal

## 3. Increments

### 3.1 Increment 1 \u2014 Boundary

- [ ] SSP

### 3.2 Increment 2 \u2014 Build

- [ ] Forms

## 4. Milestone schedule

| Increment | Planned start | Planned completion | Status |
|-----------|---------------|--------------------|--------|
| 1 | 04 Jan 2027 | 12 Feb 2027 | On track |
| Increment 2 | 15 Feb 2027 | 30 Apr 2027 | Not started |

## Etapas

| Etapa | Prazo |
|---|---|
| Increment 1 \u2014 Boundary | 2027-02-12 |

| F\u00e1ze | Term\u00edn |
|---|---|
| 3.2 Increment 2 \u2014 Build | 2027-04-30 |
"""


def test_planned_dates_by_increment_and_localised_deadline_columns() -> None:
    result = lossless(INCREMENTS)
    first, second = directive_items(result.text)
    # ``1`` in an Increment column is Increment 1
    assert _schedule(first) == {"start": "2027-01-04", "end": "2027-02-12"}
    assert _schedule(second) == {"start": "2027-02-15", "end": "2027-04-30"}
    # a Prazo or Term\u00edn column is a deadline: the same end, so no note
    assert result.notes == []


KOREAN = """\
# \ucc57\ubd07 \ub3c4\uc785

## 1\ub2e8\uacc4: \uc900\ube44

- [ ] \uc694\uad6c\uc0ac\ud56d

## 2\ub2e8\uacc4: \uac1c\ubc1c

- [ ] \uad6c\ud604

## \uc77c\uc815

| \ub2e8\uacc4 | \uae30\uac04 |
|---|---|
| 1\ub2e8\uacc4 \uc900\ube44 | 2027-02-01 ~ 2027-02-26 |
| 2 | 2027\ub144 3\uc6d4 2\uc77c ~ 4\uc6d4 16\uc77c |
"""


def test_a_korean_schedule_names_its_stages_by_title_and_number() -> None:
    result = lossless(KOREAN)
    first, second = directive_items(result.text)
    assert _schedule(first) == {"start": "2027-02-01", "end": "2027-02-26"}
    assert _schedule(second) == {"start": "2027-03-02", "end": "2027-04-16"}


def test_a_row_restating_a_phase_keeps_its_words() -> None:
    source = (
        "# Aurora\n\n## Step 1 \u2014 Prepare the target\n\n- [ ] a\n\n"
        "## Step 2 \u2014 Replicate\n\n- [ ] b\n\n"
        "## Schedule\n\n- Step 1: 2027-01-18 \u2192 2027-01-29\n- 2: 2027-02-01 \u2192 2027-02-12\n"
    )
    result = lossless(source)
    first, second = directive_items(result.text)
    assert _schedule(first) == {"start": "2027-01-18", "end": "2027-01-29"}
    assert _schedule(second) == {"start": "2027-02-01", "end": "2027-02-12"}
    lines = result.text.splitlines()
    assert "- Step 1: 2027-01-18 \u2192 2027-01-29" in lines
    # the arrow is no word: the entry by number alone leaves the list
    assert "- 2: 2027-02-01 \u2192 2027-02-12" not in lines


GANTT = """\
# Cluster upgrade

## Schedule

```mermaid
gantt
    title Upgrade waves
    dateFormat  YYYY-MM-DD
    section Wave 0
    Preflight           :w0, 2026-03-02, 5d
    section Wave 1
    Tooling cluster     :w1, after w0, 10d
    Tooling soak        :s1, after w1, 2026-03-23
    section Shared
    Staging             :2026-03-23, 2026-04-03
    Production          :crit, 2w
```

## Wave 0 \u2014 Preflight

- [ ] kubent

## Wave 1 \u2014 Tooling cluster

- [ ] 1.28

## Phase 3: Staging

- [ ] Soak

## Phase 4: Production

- [ ] EU
"""


def test_a_gantt_chart_gives_the_phases_it_names_their_dates() -> None:
    result = lossless(GANTT)
    phases = [_schedule(phase) for phase in directive_items(result.text)]
    assert phases == [
        {"start": "2026-03-02", "duration": "5d"},
        # a section: from its first task's start to its last task's end; mermaid draws
        # a bar up to its end date, not through it
        {"start": "2026-03-07", "end": "2026-03-22"},
        {"start": "2026-03-23", "duration": "11 days"},
        # a task with a length alone starts where the task before it ends
        {"start": "2026-04-03", "duration": "2w"},
    ]
    chart = GANTT[GANTT.index("```mermaid") : GANTT.index("```\n\n## Wave 0")]
    assert chart in result.text


def test_a_gantt_chart_of_working_days_gives_only_its_dates() -> None:
    source = (
        "# Plan\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    excludes weekends\n"
        "    Build :b, 2026-03-02, 10d\n    Test :after b, 5d\n```\n\n"
        "## Phase 1: Build\n\n- [ ] a\n\n## Phase 2: Test\n\n- [ ] b\n"
    )
    first, second = directive_items(lossless(source).text)
    assert _schedule(first) == {"start": "2026-03-02"}
    assert not _schedule(second)


def test_a_deadline_before_the_plans_first_start_is_kept() -> None:
    source = (
        "# Fraud model\n\n### Phase 0: Reproduce\nETA: end of February 2027\n\n- [ ] a\n\n"
        "### Phase 1: Serve\nETA: 2027-03-01 to 2027-04-09\n\n- [ ] b\n"
    )
    result = lossless(source)
    first, second = directive_items(result.text)
    # the build leaves its start unknown rather than start it after its end
    assert _schedule(first) == {"end": "2027-02-28"}
    assert _schedule(second) == {"start": "2027-03-01", "end": "2027-04-09"}
    assert result.notes == []


def test_an_end_before_the_phase_it_follows_ends_is_kept_as_text() -> None:
    source = (
        "# Fraud model\n\n"
        "### Phase 1: Serve\nETA: 2027-03-01 to 2027-04-09\n\n- [ ] b\n\n"
        "### Phase 2: Retrain\n**ETA**: end of March 2027\n**Depends on**: Phase 1\n\n- [ ] c\n"
    )
    result = lossless(source)
    first, second = directive_items(result.text)
    assert _schedule(first) == {"start": "2027-03-01", "end": "2027-04-09"}
    assert "end" not in _schedule(second)
    assert [message for _, message in result.notes] == [
        "end kept as text: 'Phase 2: Retrain' would end 2027-03-31, before it starts 2027-04-10"
    ]


EVERY_SPAN = """\
# Clickstream to lakehouse

Date: 2027-01-10

## Stage 1: Land raw events

When: 3 March to 14 March

- [ ] Iceberg table

## Stage 2: Sessionise

**ETA**: end of April 2027

## Stage 3: Backfill

- Owner: Ana
- **Target date:** 2027-05-21

## Stage 4: Compare

Est. 5d

## Stage 5: Switch consumers

Estimated effort: 10 business days

## Stage 6: Retire the COPY (KW 30-32)

- [ ] Drop tables

## Stage 7: Report \u00b7 August 2027

## Stage 8: Wrap-up (Q4)

Deadline: 2027-12-17

## Schedule

| Stage | Period |
|---|---|
| 5 | Q2 2027 |

```mermaid
gantt
    dateFormat YYYY-MM-DD
    section Stage 4
    Compare :c, 2027-05-24, 5d
```
"""


def test_a_plan_with_every_span_builds_without_new_warnings(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    result = lossless(EVERY_SPAN)
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", EVERY_SPAN)
    converted, app = build_converted_plan(make_app, tmp_path / "converted", result.text)
    assert converted <= plain
    assert not [w for w in build_warnings(app) if w.subtype.startswith("implplan")]
    phases = {n["title"]: n for n in read_needs(app).values() if n["type"] == "impl-phase"}
    placed = {
        title.split(":")[0]: (phase["start"], phase["end"], phase["duration"])
        for title, phase in phases.items()
    }
    assert placed == {
        "Stage 1": ("2027-03-03", "2027-03-14", 12),
        # an end alone starts where the plan's first phase starts
        "Stage 2": ("2027-03-03", "2027-04-30", 59),
        "Stage 3": ("2027-03-03", "2027-05-21", 80),
        "Stage 4": ("2027-05-24", "2027-05-28", 5),
        # the table's quarter and the effort line: the end wins, as the build has it
        "Stage 5": ("2027-04-01", "2027-06-30", 91),
        "Stage 6": ("2027-07-26", "2027-08-15", 21),
        "Stage 7": ("2027-08-01", "2027-08-31", 31),
        "Stage 8": ("2027-10-01", "2027-12-17", 78),
    }


_SHAPES = [
    "# Plan",
    "Date: 2027-01-04",
    "## Phase 1: Build (Q1 2027)",
    "## Stage 2 \u2014 Run \u00b7 March 2027",
    "## Phase 3: Pilot (6\u201317 Ocak)",
    "When: 3 March to 14 March",
    "ETA: end of February 2027",
    "**Target**: 2027-02-01",
    "- Due: March 2027",
    "Est. 5d",
    "Zeitraum: KW 3-5",
    "## Status",
    "| Phase | When |",
    "| Stage | Period |",
    "|---|---|",
    "| 1 | Feb-Mar 2027 |",
    "| Phase 2 | WW10-WW12 |",
    "```mermaid",
    "gantt",
    "    section Phase 1",
    "    Build :b, 2027-01-04, 10d",
    "    Run :after b, 2w",
    "```",
    "- [ ] task",
    "",
    "",
    "words",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_SHAPES) | st.text(max_size=15), max_size=30))
def test_any_plan_of_these_shapes_converts_without_error_or_loss(lines: list[str]) -> None:
    lossless("\n".join(lines) + "\n")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40), st.one_of(st.none(), st.integers(1, 9999)))
def test_any_span_text_reads_without_error(text: str, year: int | None) -> None:
    found = span_of(text, 14, year)
    for name, value in found.values("2027-01-04") if found else []:
        assert name in {"start", "end", "duration"}
        assert value.strip()


@pytest.mark.parametrize(
    ("line", "options"),
    [
        (
            "Duration: 3 weeks, starting 12 April 2027",
            {"start": "2027-04-12", "duration": "3 weeks"},
        ),
        ("Duur: 3 weken, vanaf 1 februari 2027", {"start": "2027-02-01", "duration": "3 weeks"}),
        (
            "Durada: 3 setmanes, a partir del 12 d'abril de 2027",
            {"start": "2027-04-12", "duration": "3 weeks"},
        ),
        ("Duration: 5 weeks, March and early April", {"duration": "5 weeks"}),
        ("Duration: 2 weeks, then a review", {"duration": "2 weeks"}),
    ],
)
def test_a_duration_then_when_it_starts(line: str, options: dict[str, str]) -> None:
    text = f"# Plan\n\n## Phase 1: Setup\n\n{line}\n\n- [ ] Work\n"
    (phase,) = directive_items(lossless(text).text)
    assert {name: phase[name] for name in ("start", "end", "duration") if name in phase} == options
