"""``implplan convert`` on the spans real plans write beyond one label or one title
part: several labels on one line, ``Sprints:`` with the plan's sprint length, a date
among other words of a label's value, slashed dates whose order is certain, a span
between the separators of a title, a runbook's countdown (``T-14d to T-3d``), and
blocks of hours (``Fri 18:00 \u2192 22:00``), which give nothing; dates in more forms
and languages (``v. 10-13``, ``2025-W36``, ``w/c 4 Aug``, Chinese quarters and
ranges), durations with an estimate's word or in sprints, the one span or deadline
among a value's words, a countdown to the day the plan names, calendar weeks, a
subtitle's year, schedules stated elsewhere (a list, a cell among words), dated
events, a series dated in brackets, and phases the plan runs in sequence. Each shape
is checked as text, nothing of the input lost; two plans holding them are built with
Sphinx and may add no warning the plain plan did not have."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_warnings, read_needs
from convert_helpers import build_converted_plan, directive_items, lossless
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_implplan.authoring.conversion.dates_in_prose import deadline_among, one_date_among
from sphinx_implplan.authoring.conversion.durations import duration_of, sprint_days_in
from sphinx_implplan.authoring.conversion.phase_labels import label_segments, schedule_lines
from sphinx_implplan.authoring.conversion.phase_sequence import in_sequence
from sphinx_implplan.authoring.conversion.phase_spans import (
    Anchors,
    duration_after_event,
    span_in_title,
    span_of,
)
from sphinx_implplan.authoring.conversion.plan_anchors import day_zero_in
from sphinx_implplan.authoring.conversion.slash_order import slashes_of, writes_month_first

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp


def _phases(source: str) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The phases of the converted plan by title, and its notes' messages."""
    result = lossless(source)
    phases = {phase["title"]: phase for phase in directive_items(result.text)}
    return phases, [message for _, message in result.notes]


def _schedule(phase: dict[str, Any]) -> dict[str, str]:
    return {name: phase[name] for name in ("start", "end", "duration") if name in phase}


def _spans(source: str) -> list[dict[str, str]]:
    return [_schedule(phase) for phase in _phases(source)[0].values()]


# -- several labels on one line ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "segments"),
    [
        (
            "**Start:** 6 April 2027 \u00b7 **End:** 30 April 2027",
            ["**Start:** 6 April 2027", "**End:** 30 April 2027"],
        ),
        ("Start: 2027-03-01 | End: 2027-03-19", ["Start: 2027-03-01", "End: 2027-03-19"]),
        ("**Owner**: Ana; **Due**: 12 May", ["**Owner**: Ana", "**Due**: 12 May"]),
        # no label after the separator: one value
        ("When: 3 March to 14 March; after the freeze", None),
        ("Scope: billing \u00b7 refunds | exports", None),
        # a line that opens with no label is prose, whatever follows
        ("no label at all \u00b7 Due: 12 May", None),
    ],
)
def test_a_line_splits_where_another_label_follows(line: str, segments: list[str] | None) -> None:
    assert label_segments(line) == (segments or [line])


SEVERAL = """\
# Patient portal

Date: 2027-03-01

## Milestone 1 \u2014 Discovery

**Start:** 6 April 2027 \u00b7 **End:** 30 April 2027

- [x] Blueprint

## Milestone 2 \u2014 Build

**Start:** 14 June 2027 \u00b7 **Duration:** 50 working days

- [ ] Booking

## Milestone 3 \u2014 Integration

Start: 2027-08-23 | End: 2027-10-01

## Milestone 4 \u2014 Pilot

**Owner**: Ana; **Due**: 12 November 2027

## Milestone 5 \u2014 Hypercare

When: 15 November to 10 December; after the pilot's review
"""


def test_each_label_of_a_line_gives_its_option_and_the_line_stays() -> None:
    phases, notes = _phases(SEVERAL)
    assert [_schedule(phase) for phase in phases.values()] == [
        {"start": "2027-04-06", "end": "2027-04-30"},
        # fifty working days are ten calendar weeks
        {"start": "2027-06-14", "duration": "10 weeks"},
        {"start": "2027-08-23", "end": "2027-10-01"},
        {"end": "2027-11-12"},
        {"start": "2027-11-15", "end": "2027-12-10"},
    ]
    discovery = phases["Milestone 1 \u2014 Discovery"]
    assert "**Start:** 6 April 2027 \u00b7 **End:** 30 April 2027" in discovery["body"]
    assert "**Owner**: Ana; **Due**: 12 November 2027" in phases["Milestone 4 \u2014 Pilot"]["body"]
    assert notes == []


def test_a_label_of_no_schedule_beside_one_is_left_to_the_line() -> None:
    source = (
        "# Plan\n\n## Phase 1: Build\n\n"
        "**Goal:** ship checkout \u00b7 **Due:** 2027-05-21\n\n- [ ] a\n\n"
        "## Phase 2: Run\n\n**Goal:** run it \u00b7 **Owner:** Ana\n\n- [ ] b\n"
    )
    build, run = directive_items(lossless(source).text)
    assert _schedule(build) == {"end": "2027-05-21"}
    assert "**Goal:** ship checkout \u00b7 **Due:** 2027-05-21" in build["body"]
    # a line of labels none of which says when keeps its reading as a goal
    assert run["goal"] == "run it \u00b7 Owner: Ana"


# -- sprints ---------------------------------------------------------------------------


def test_the_plan_states_its_sprint_length_in_words() -> None:
    assert sprint_days_in(["Jira board: DATA, sprints are two weeks, starting Mondays."]) == 14
    assert sprint_days_in(["We run 3-week sprints."]) == 21
    # two lengths: none
    assert sprint_days_in(["2-week sprints", "sprints are three weeks"]) is None


SPRINTS = """\
# Lakehouse migration

> Jira board: DATA, sprints are two weeks, starting Mondays.

## Epic 1 \u2014 Ingestion

**Sprints:** Sprint 3\u20134 (2 \u00d7 2 weeks) \u00b7 **Epic status:** In progress

- [ ] CDC connectors

## Epic 2 \u2014 Models

**Sprint:** Sprint 5

- [ ] dbt models

## Epic 3 \u2014 Governance

**Sprints:** not yet planned, waiting on Security (see Risk 3).

- [ ] Grants

## Phase 4: Decommission (Sprints 6-7)

- [ ] Snapshot
"""


def test_sprint_labels_and_titles_last_their_sprints() -> None:
    phases, notes = _phases(SPRINTS)
    assert [_schedule(phase) for phase in phases.values()] == [
        {"duration": "4 weeks"},
        {"duration": "2 weeks"},
        {},
        {"duration": "4 weeks"},
    ]
    assert notes == []
    # without a sprint length, a sprint says nothing of how long
    unknown = SPRINTS.replace("sprints are two weeks, starting Mondays", "boards are Kanban")
    assert all(not schedule for schedule in _spans(unknown))


def test_a_sprint_is_placed_by_the_plans_start() -> None:
    source = SPRINTS.replace(
        "# Lakehouse migration\n", "# Lakehouse migration\n\n**Kick-off:** 2027-01-04\n"
    )
    first = _spans(source)[0]
    # Sprint 3 starts two sprints after the plan does
    assert first == {"start": "2027-02-01", "duration": "4 weeks"}


# -- a date among other words ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "range_only", "expected"),
    [
        (
            "nach den Osterferien, 12.04.\u201328.05.2027, in vier Gruppen nach Schulform.",
            True,
            "12.04.\u201328.05.2027",
        ),
        ("Apr\u2013Jun 2027, two zones a fortnight.", True, "Apr\u2013Jun 2027"),
        ("roughly Oct 6 - Oct 17 (after the freeze)", True, "Oct 6 - Oct 17"),
        ("may slip: 3\u201314 March 2027", True, "3\u201314 March 2027"),
        ("the review on 12 April 2027, if the board agrees", False, "12 April 2027"),
        # a day alone says when, not how long
        ("the review on 12 April 2027, if the board agrees", True, None),
        # two dates: which one the phase runs by is the author's to say
        ("3\u201314 March, review on 20 March", True, None),
        ("12 April 2027 or 3 May 2027", False, None),
        ("in 4 groups of 12 schools", True, None),
        ("", True, None),
    ],
)
def test_the_one_date_among_words(text: str, range_only: bool, expected: str | None) -> None:
    assert one_date_among(text, 2027, range_only=range_only) == expected


AMONG = """\
# Schulportal

Stand: Januar 2027

## Etappe 1 \u2013 Umzug

Zeitraum: nach den Osterferien, 12.04.\u201328.05.2027, in vier Gruppen nach Schulform.

- [ ] Gruppe A

## Etappe 2 \u2013 Wellen

Timeline: Apr\u2013Jun 2027, two zones a fortnight.

## Etappe 3 \u2013 Freeze

When: roughly Oct 6 - Oct 17 (after the freeze)

## Etappe 4 \u2013 Writing

**Due: 31 August 2027** (hard deadline, School regulations)

## Etappe 5 \u2013 Linked

- Due: [30 September 2027](https://example.org/calendar) per the board's calendar

## Etappe 6 \u2013 Code

- When: `2027-10-04` to `2027-10-15`

## Etappe 7 \u2013 Two dates

When: 3\u201314 March 2027, review on 20 March 2027

## Etappe 8 \u2013 A day among words

When: the review on 12 April 2027, if the board agrees
"""


def test_a_label_takes_the_one_date_its_words_name() -> None:
    phases, notes = _phases(AMONG)
    assert [_schedule(phase) for phase in phases.values()] == [
        {"start": "2027-04-12", "end": "2027-05-28"},
        {"start": "2027-04-01", "end": "2027-06-30"},
        {"start": "2027-10-06", "end": "2027-10-17"},
        # the bold closed after the date: the value reads as the line shows it
        {"end": "2027-08-31"},
        # link targets and code marks are no words of the value
        {"end": "2027-09-30"},
        {"start": "2027-10-04", "end": "2027-10-15"},
        {},
        {},
    ]
    assert "Zeitraum: nach den Osterferien" in phases["Etappe 1 \u2013 Umzug"]["body"]
    assert notes == [
        "When kept as written: '3\u201314 March 2027, review on 20 March 2027' is no span or date",
        (
            "When kept as written: 'the review on 12 April 2027, if the board agrees' is no"
            " span or date"
        ),
    ]


CLAUSES = """\
# Catalogue migration

## Phase 1 \u2014 Audit

**Duration:** Weeks 1\u20133; the review day is Tuesday 10 March 2026

- [ ] Export

## Phase 2 \u2014 Launch

**Duration:** Weeks 4\u20135, launch on 7 May 2026

- [ ] Search page

## Phase 3 \u2014 Handover

**Duration:** TBD; likely 14 May 2026

- [ ] Notes
"""


def test_a_remark_after_a_semicolon_leaves_the_first_clause_the_value() -> None:
    phases, _ = _phases(CLAUSES)
    # a comma joins the remark to the value: two dates, and nothing is read
    assert [_schedule(phase) for phase in phases.values()] == [{"duration": "3 weeks"}, {}, {}]
    # the line stays as written
    assert "Tuesday 10 March 2026" in phases["Phase 1 \u2014 Audit"]["body"]


def test_hungarian_schedule_labels() -> None:
    source = (
        "# Terv\n\n## 1. szakasz \u2013 Telep\u00edt\u00e9s\n\n"
        "Hat\u00e1rid\u0151: 2027. m\u00e1jus 28.\n\n- [ ] a\n\n"
        "## 2. szakasz \u2013 Indul\u00e1s\n\n"
        "Id\u0151tartam: 3 h\u00e9t, a tan\u00e9v v\u00e9ge ut\u00e1n.\n\n- [ ] b\n"
    )
    assert _spans(source) == [{"end": "2027-05-28"}, {"duration": "3 weeks"}]


# -- a line of tags ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('%"3.2" \u00b7 **due 15 Jan 2027** \u00b7 weight 8', {"end": "2027-01-15"}),
        (
            "`v0.1` | 2027-04-05 \u2192 2027-04-23 | 13 pts",
            {"start": "2027-04-05", "end": "2027-04-23"},
        ),
        ("v2 \u00b7 target May 2027 \u00b7 P1", {"end": "2027-05-31"}),
        # a tag of many words is a sentence; two dates say no one span
        ("v2 \u00b7 due 15 Jan 2027 \u00b7 after the security review is signed off", {}),
        ("due 15 Jan 2027 \u00b7 review 8 Jan 2027", {}),
        ("v2 \u00b7 due 15 Jan 2027 \u00b7 frozen 2026", {}),
        # no tag says when
        ("v2 \u00b7 weight 8", {}),
    ],
)
def test_a_line_of_tags_says_when_by_one_of_them(line: str, expected: dict[str, str]) -> None:
    source = f"# Plan\n\n## Milestone 1 \u2014 Store\n\n{line}\n\n- [ ] a\n"
    phases, _ = _phases(source)
    assert _spans(source) == [expected]
    assert line in next(iter(phases.values()))["body"]


# -- slashed dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30/06/2027", {"start": "2027-06-30"}),
        # a second number over 12 is the day: month first
        ("06/30/2027", {"start": "2027-06-30"}),
        # the same number twice is one day in either order
        ("05/05/2027", {"start": "2027-05-05"}),
        ("2027/03/15", {"start": "2027-03-15"}),
        ("15/06/2027 \u2013 30/06/2027", {"start": "2027-06-15", "end": "2027-06-30"}),
        # June 7th or 6 July: the order is not certain
        ("06/07/2027", None),
        ("31/02/2027", None),
        ("13/13/2027", None),
    ],
)
def test_slashed_dates_where_the_order_is_certain(
    text: str, expected: dict[str, str] | None
) -> None:
    found = span_of(text, None, None)
    assert (dict(found.values(None)) if found else None) == expected


def test_a_slashed_deadline_with_a_remark() -> None:
    source = (
        "# Doa\u00e7\u00f5es\n\n## Etapa 4 \u2014 Lan\u00e7amento\n\n"
        "Prazo: 30/06/2027 (antes da campanha de anivers\u00e1rio do Instituto, em julho)\n\n"
        "- [ ] Go-live\n\n## Etapa 5 \u2014 Depois\n\nPrazo: 06/07/2027\n\n- [ ] b\n"
    )
    phases, notes = _phases(source)
    # the plan writes its slashed dates day first (30/06/2027): 06/07/2027 is 6 July
    assert [_schedule(phase) for phase in phases.values()] == [
        {"end": "2027-06-30"},
        {"end": "2027-07-06"},
    ]
    assert notes == []


@pytest.mark.parametrize(
    ("text", "month_first"),
    [
        ("Lease ends 6/30/2027; cutover Fri 3/12", True),
        ("Cutover Fri 3/12 \u2013 Sun 3/14", True),
        # a day-first date with its year says otherwise; both say nothing
        ("Lease ends 6/30/2027; review on 15/07/2027", False),
        ("Signed 30/06/2027", False),
        # ``24/7`` is no date, a path or a version no slashed date
        ("On call 24/7 from 3/15", True),
        ("On call 24/7", False),
        ("See /srv/3/13 and v1/20", False),
        ("Order 06/07/2027", False),
    ],
)
def test_a_plan_writes_its_slashed_dates_month_first(text: str, month_first: bool) -> None:
    assert writes_month_first(text) is month_first


def test_slashed_dates_follow_the_order_the_plan_writes() -> None:
    table = (
        "| Step | Start | End |\n|---|---|---|\n"
        "| Step 1 \u2014 Pack | Mon 3/8 | Fri 3/19 |\n"
        "| Step 2 \u2014 Move | Mon 4/5 | Fri 4/9 |\n\n"
        "## Step 1 \u2014 Pack\n\n- [ ] a\n\n## Step 2 \u2014 Move\n\n- [ ] b\n"
    )
    us = f"# Move\n\n**Lease end:** 6/30/2027\n\n## Schedule\n\n{table}"
    assert _spans(us) == [
        {"start": "2027-03-08", "end": "2027-03-19"},
        {"start": "2027-04-05", "end": "2027-04-09"},
    ]
    # a plan writing day first, or in no order, leaves ``3/8`` unread
    elsewhere = us.replace("6/30/2027", "30/06/2027")
    assert _spans(elsewhere) == [{}, {}]
    # ``Fri 3/19`` says month first on its own, the plan's year dating it
    assert _spans(us.replace("6/30/2027", "2027")) == _spans(us)
    with slashes_of(us):
        found = span_of("weeks of 8/2 and 8/9", None, 2027)
        assert found is not None
        assert dict(found.values(None)) == {"start": "2027-08-02", "end": "2027-08-15"}
    # the order holds while the plan is converted, and not after
    with slashes_of(us):
        assert span_of("06/07/2027", None, None) is not None
    assert span_of("06/07/2027", None, None) is None
    assert span_of("3/8", None, 2027) is None


# -- a span between the separators of a title -----------------------------------------


_KIDS = "Iteration 2 \u00b7 22 Mar \u2013 9 Apr \u00b7 Kids profiles"


@pytest.mark.parametrize(
    ("title", "year", "part"),
    [
        ("Etapa 1 \u00b7 Semanas 1\u20132 \u2014 Descoberta", None, "Semanas 1\u20132"),
        (_KIDS, 2027, "22 Mar \u2013 9 Apr"),
        # no year: the days it spans
        (_KIDS, None, "22 Mar \u2013 9 Apr"),
        ("Sprint 3 | Mar 3-14 | Checkout", 2027, "Mar 3-14"),
        ("Phase 2 \u2014 Weeks 3-5 \u2014 Build", None, "Weeks 3-5"),
        ("Phase 2: Weeks 3-5 \u2014 Build", None, "Weeks 3-5"),
        ("Step 4 \u00b7 Q3 \u00b7 Rollout", 2027, "Q3"),
        # a title may lead with its span, where no phase word names it
        ("Q1 2027 \u2014 Foundations", None, "Q1 2027"),
        ("Jan 12 \u2013 Jan 23: Foundations", 2027, "Jan 12 \u2013 Jan 23"),
        # ``Sprint 3`` is the phase's word and number: its length is the plan's sprint
        ("Sprint 3 | Checkout", 2027, None),
        # two spans: which is the phase's is the author's to say
        ("Phase 2 \u00b7 Weeks 3-5 \u00b7 March 2027 \u00b7 Build", 2027, None),
        # a day alone may be a start or a deadline
        ("Iteration 5 \u00b7 22 Mar \u00b7 Search", 2027, None),
        # a name a date reading would take is no span: H2, the database
        ("Phase 3 \u00b7 H2 \u00b7 Database", 2027, None),
        ("Iteration 4 \u00b7 dates TBC \u00b7 Downloads for tvOS?", 2027, None),
        ("Phase 1 \u2014 Foundations", 2027, None),
    ],
)
def test_a_span_between_separators(title: str, year: int | None, part: str | None) -> None:
    assert span_in_title(title, 14, year) == part


TITLES = """\
# Streaming app \u2014 H1 plan

**Kick-off:** 2027-02-15

## Etapa 1 \u00b7 Semanas 1\u20132 \u2014 Descoberta

- [x] Entrevistas

## Iteration 2 \u00b7 22 Mar \u2013 9 Apr \u00b7 Kids profiles

- [ ] Profile picker

## Sprint 3 | Mar 3-14 | Checkout

- [ ] Wallets

## Phase 4 \u2014 Weeks 3-5 \u2014 Build

- [ ] API

## Iteration 5 \u00b7 dates TBC \u00b7 Downloads for tvOS?

- [ ] Spike
"""


def test_titles_with_a_span_between_their_parts() -> None:
    assert _spans(TITLES) == [
        # the plan's start places the weeks
        {"start": "2027-02-15", "duration": "2 weeks"},
        {"start": "2027-03-22", "end": "2027-04-09"},
        {"start": "2027-03-03", "end": "2027-03-14"},
        {"start": "2027-03-01", "duration": "3 weeks"},
        {},
    ]


# -- countdowns and blocks of hours -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        # both ends counted, as ``Days 2-3`` are two days
        ("T-14d to T-3d", "12 days"),
        ("T+0 to T+7d", "8 days"),
        ("T-3d \u2192 T+1d", "5 days"),
        ("D-14 to D-3", "12 days"),
        ("T-14 days until T-1 day", "14 days"),
        # a point alone says when, not how long
        ("T-2d", None),
        ("T+0", None),
        # ``T-14`` alone may count hours or minutes
        ("T-14 to T-3", None),
        ("T-3d to T-14d", None),
        ("T-3d to D-1", None),
        # to an event named by its acronym, with a unit; its day alone opens a range
        ("SOP \u221220w to SOP \u221214w", "7 weeks"),
        ("GA-10d to GA-1d", "10 days"),
        ("SOP to SOP +6d", "7 days"),
        ("SOP -3w to GA -1w", None),
        # an acronym without a unit counts nothing: ``KW 3``, ``Q1-2027`` stay dates
        ("API-3 to API-1", None),
    ],
)
def test_countdowns_last_from_one_end_to_the_other(text: str, duration: str | None) -> None:
    found = span_of(text, None, 2027)
    assert (found.values(None) if found else []) == ([("duration", duration)] if duration else [])


@pytest.mark.parametrize(
    "text",
    [
        "Fri 18:00 \u2192 22:00",
        "Fri 22:00 \u2192 Sat 10:00",
        "Sat 10:00 - 20:00",
        "Sun 08:00 \u2192 15:00",
        "Sun 21 Mar, 01:00\u201305:00 CET",
    ],
)
def test_a_block_of_hours_gives_nothing(text: str) -> None:
    # a duration is whole days or weeks, and a weekday names no date
    assert span_of(text, 14, 2027) is None
    assert span_in_title(f"Block 1 \u00b7 {text} \u00b7 Build", 14, 2027) is None


RUNBOOK = """\
# Runbook: orders database migration

**Cutover window:** Sunday 21 March 2027, 01:00\u201305:00 CET

## 1) Preparation \u2014 T-14d to T-3d

1. [x] Aurora provisioned

## 2) Dry run \u2014 T-2d

1. [x] Rehearsal

## 3) Cutover \u2014 Sun 21 Mar, 01:00\u201305:00 CET

1. [ ] Flip the host

## 4) Post-cutover verification \u2014 T+0 to T+7d

1. [ ] Reconcile payments

## Jam

### Phase 5: Fri 18:00 \u2192 22:00 \u00b7 Kickoff

- [ ] Paper prototype

### Phase 6: Sat 10:00 - 20:00 \u00b7 Content

- [ ] Tileset
"""


def test_a_runbook_countdown_and_a_jam_of_hours() -> None:
    phases, notes = _phases(RUNBOOK)
    # day T is the cutover window's day: a point starts the phase, a range dates it
    assert [_schedule(phase) for phase in phases.values()] == [
        {"start": "2027-03-07", "end": "2027-03-18", "duration": "12 days"},
        {"start": "2027-03-19"},
        {},
        {"start": "2027-03-21", "end": "2027-03-28", "duration": "8 days"},
        {},
        {},
    ]
    # the headings keep what no option took
    assert "Phase 5: Fri 18:00 \u2192 22:00 \u00b7 Kickoff" in phases
    assert notes == []
    # without day T, a range lasts as long as it counts, and a point gives nothing
    undated = RUNBOOK.replace("**Cutover window:**", "**Window (CET):**")
    assert [_schedule(phase) for phase in _phases(undated)[0].values()][:4] == [
        {"duration": "12 days"},
        {},
        {},
        {"duration": "8 days"},
    ]


# -- dates in more forms and languages ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Swedish week numbers; ``v10`` is a version
        ("v. 10\u201313", {"start": "2025-03-03", "end": "2025-03-30"}),
        ("v 34", {"start": "2025-08-18", "end": "2025-08-24"}),
        ("v10", None),
        # ISO weeks
        ("2025-W36", {"start": "2025-09-01", "end": "2025-09-07"}),
        ("2025-W10 \u2013 2025-W13", {"start": "2025-03-03", "end": "2025-03-30"}),
        # a range of ISO weeks whose end leaves its year to the start
        ("2027-W12 \u2192 W14", {"start": "2027-03-22", "end": "2027-04-11"}),
        ("2027-W51 to W02", {"start": "2027-12-20", "end": "2028-01-16"}),
        # a week written so stands beside an ISO week only
        ("W14", None),
        ("3 March \u2013 W14", None),
        # the week a day starts
        ("w/c 4 Aug 2025", {"start": "2025-08-04", "end": "2025-08-10"}),
        ("week of March 3", {"start": "2025-03-03", "end": "2025-03-09"}),
        # Jira's and spreadsheets' day, abbreviated month and year
        ("14/Jan/27", {"start": "2027-01-14"}),
        ("29-Mar-2027 \u2013 09-Apr-2027", {"start": "2027-03-29", "end": "2027-04-09"}),
        ("14-Jan/27", None),
        # the weeks two days start, both of them
        ("weeks of 3 and 10 March", {"start": "2025-03-03", "end": "2025-03-16"}),
        ("weeks commencing 3 March & 10 March", {"start": "2025-03-03", "end": "2025-03-16"}),
        ("weeks of planning", None),
        # quarters and halves in Chinese, Japanese and Korean
        ("2025\u5e74\u7b2c\u56db\u5b63\u5ea6", {"start": "2025-10-01", "end": "2025-12-31"}),
        ("2025\u5e74\u7b2c4\u56db\u534a\u671f", {"start": "2025-10-01", "end": "2025-12-31"}),
        ("4\ubd84\uae30", {"start": "2025-10-01", "end": "2025-12-31"}),
        ("2025\u5e74\u4e0a\u534a\u5e74", {"start": "2025-01-01", "end": "2025-06-30"}),
        # ranges joined by \u81f3, \u5230, \u304b\u3089 ... \u307e\u3067, \ubd80\ud130 ... \uae4c\uc9c0
        (
            "2025\u5e743\u67083\u65e5\u81f33\u670814\u65e5",
            {"start": "2025-03-03", "end": "2025-03-14"},
        ),
        (
            "2025\u5e743\u67083\u53f7\u52303\u670814\u53f7",
            {"start": "2025-03-03", "end": "2025-03-14"},
        ),
        (
            "3\u67083\u65e5\u304b\u30893\u670814\u65e5\u307e\u3067",
            {"start": "2025-03-03", "end": "2025-03-14"},
        ),
        (
            "3\uc6d4 3\uc77c\ubd80\ud130 3\uc6d4 14\uc77c\uae4c\uc9c0",
            {"start": "2025-03-03", "end": "2025-03-14"},
        ),
        ("until March 2026", {"end": "2026-03-31"}),
        # Romanian months, weeks and deadlines
        ("18\u201329 mai 2025", {"start": "2025-05-18", "end": "2025-05-29"}),
        ("iunie", {"start": "2025-06-01", "end": "2025-06-30"}),
        ("s\u0103pt\u0103m\u00e2nile 1\u20132", {"duration": "2 weeks"}),
        ("s\u0103pt. 3\u20136", {"duration": "4 weeks"}),
        ("p\u00e2n\u0103 la 30 septembrie 2025", {"end": "2025-09-30"}),
        # Finnish months, a range of them sharing its ending, and deadlines
        ("maalis\u2013huhtikuu 2026", {"start": "2026-03-01", "end": "2026-04-30"}),
        ("1. lokakuuta 2025", {"start": "2025-10-01"}),
        ("valmis viimeist\u00e4\u00e4n 29.5.2026", {"end": "2026-05-29"}),
        ("klart senast 31 januari 2026", {"end": "2026-01-31"}),
        # what is to be done by a day
        ("finish by end of January", {"end": "2025-01-31"}),
        ("ready by 20 March 2026", {"end": "2026-03-20"}),
        # Thai months, abbreviated or not, in years of the Buddhist era
        (
            "15 \u0e01.\u0e04. \u2013 15 \u0e2a.\u0e04. 2568",
            {"start": "2025-07-15", "end": "2025-08-15"},
        ),
        ("\u0e21\u0e35\u0e19\u0e32\u0e04\u0e21 2569", {"start": "2026-03-01", "end": "2026-03-31"}),
        ("2 \u0e2a\u0e31\u0e1b\u0e14\u0e32\u0e2b\u0e4c", {"duration": "2 weeks"}),
        # a stem alone is no month (``elo`` is life, ``joulu`` Christmas)
        ("elo 2025", None),
        # Hungarian: the year first, a full stop after the year and the day
        (
            "2027. m\u00e1rcius 1. \u2013 m\u00e1rcius 26.",
            {"start": "2027-03-01", "end": "2027-03-26"},
        ),
        ("2027. m\u00e1jus 28.", {"start": "2027-05-28"}),
        ("2027. szeptember", {"start": "2027-09-01", "end": "2027-09-30"}),
        ("\u00e1prilis 7. \u2013 j\u00fanius 30.", {"start": "2025-04-07", "end": "2025-06-30"}),
        ("3 h\u00e9t", {"duration": "3 weeks"}),
        ("10 nap", {"duration": "10 days"}),
        # Danish and Norwegian
        ("1.\u201312. marts 2027", {"start": "2027-03-01", "end": "2027-03-12"}),
        ("2 uger", {"duration": "2 weeks"}),
        ("3 uker", {"duration": "3 weeks"}),
    ],
)
def test_dates_in_more_forms(text: str, expected: dict[str, str] | None) -> None:
    found = span_of(text, None, 2025)
    assert (dict(found.values(None)) if found else None) == expected


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        # an estimate's word, in the languages plans are written in
        ("perkiraan 2 minggu", "2 weeks"),
        ("\u7ea63\u5468", "3 weeks"),
        ("ok. 3 tygodnie", "3 weeks"),
        ("cirka 10 dagar", "10 days"),
        (
            "\u043f\u0440\u0438\u0431\u043b\u0438\u0437\u043d\u043e 2 \u0442\u0438\u0436\u043d\u0456",
            "2 weeks",
        ),
        ("10 \u0434\u043d\u0456\u0432", "10 days"),
        # sprints counted with their length, or with the plan's (14 days here)
        ("3 sprints of 2 weeks", "6 weeks"),
        ("2 \u00d7 2 weeks", "4 weeks"),
        ("3x 1-week sprints", "3 weeks"),
        ("3 sprints", "6 weeks"),
        # the one span among a text's parts, the others naming no date
        ("3 weeks, starting as soon as Data Eng lands the export", "3 weeks"),
        ("~1w, plus the 4-week shadow pilot", "1w"),
        ("1 week, 2 days", None),
        # when, from an event the plan may not date: no duration
        ("two weeks after cut-over", None),
        # an estimate's range lasts as long as its longer end
        ("3\u20134 days", "4 days"),
        ("2-3 weeks, depending on store review", "3 weeks"),
        ("3 to 4 wks", "4 weeks"),
        # days named by number, and a range of dates, are no such range
        ("Days 3-4", "2 days"),
        ("1-2", None),
    ],
)
def test_durations_in_more_forms(text: str, duration: str | None) -> None:
    found = span_of(text, 14, 2025)
    assert (found.values(None) if found else []) == ([("duration", duration)] if duration else [])


def test_a_sprint_count_needs_the_plans_sprint_length() -> None:
    assert span_of("3 sprints", None, 2025) is None
    assert duration_of("3 sprints", 21) == "9 weeks"


def test_the_one_span_among_a_titles_parts() -> None:
    found = span_of("target: v0.9, end of September 2025", None, 2025)
    assert found is not None
    assert found.values(None) == [("end", "2025-09-30")]
    found = span_of("v1.0, Q1 2026", None, 2025)
    assert found is not None
    assert found.values(None) == [
        ("start", "2026-01-01"),
        ("end", "2026-03-31"),
    ]
    # a day alone among hours is no span, a range beside another date none either
    assert span_of("Sat 12 Oct, 02:00\u201305:00 UTC", None, 2024) is None
    assert span_of("3\u201314 March 2027, review on 20 March 2027", None, 2027) is None


@pytest.mark.parametrize(
    ("title", "part"),
    [
        # a range the title's last part ends: not its last month alone
        ("Q1 2025 \u00b7 January \u2013 March", "January \u2013 March"),
        ("Phase 1 \u2014 Jan 12 \u2013 Jan 23", "Jan 12 \u2013 Jan 23"),
        ("Phase 3 - Build - March", "March"),
        # the one month or range among the words of a closing remark
        ("v1.0 \u2014 Import \u2705 (shipped February 2026)", "February 2026"),
        ("v1.2 \u2014 Planner (June\u2013July 2026 if the day job allows)", "June\u2013July 2026"),
        ("Phase 2 (April 2025 at the earliest)", "April 2025"),
    ],
)
def test_a_range_at_a_titles_end(title: str, part: str) -> None:
    assert span_in_title(title, None, 2025) == part


@pytest.mark.parametrize(
    "title",
    [
        # what the phase waits for, a day alone, two dates: no span of the phase
        "Phase 2 (after the January 2026 freeze)",
        "Phase 2 (once the May 2026 audit is done)",
        "Phase 2 (demo on 12 May 2026)",
        "Phase 2 (between March 2026 and a review in June 2026)",
    ],
)
def test_a_remark_naming_no_one_span_of_the_phase(title: str) -> None:
    assert span_in_title(title, None, 2025) is None


def test_the_middle_of_a_month_is_its_15th() -> None:
    due = span_of("due mid-April 2026", None, 2025)
    assert due is not None
    assert dict(due.values(None)) == {"end": "2026-04-15"}
    found = span_of("mid-Nov to mid-Jan", None, 2025)
    assert found is not None
    assert dict(found.values(None)) == {"start": "2025-11-15", "end": "2026-01-15"}
    assert span_of("midsummer", None, 2025) is None


LANGUAGES = """\
# Hyresg\u00e4stportal

Veckonumren nedan avser 2025, ISO-veckor.

## Fas 1 \u2013 F\u00f6rstudie (v. 10\u201313)

- [x] Intervjuer

## Fas 2 \u2013 Bygga

Tid: v. 14\u201324

- [ ] Inloggning

## Etap 3 \u2014 Pilota\u017c

**Okres:** 3\u201314 marca 2025

- [ ] Klienci

## \u7b2c\u56db\u9636\u6bb5\uff1a\u4e0b\u7ebf\u65e7\u96c6\u7fa4\uff082025\u5e74\u7b2c\u56db\u5b63\u5ea6\uff09

- [ ] \u5f52\u6863

## \u7b2c\u4e94\u9636\u6bb5\uff1a\u590d\u76d8

\u65f6\u95f4\uff1a2025\u5e743\u67083\u65e5\u81f33\u670814\u65e5

- [ ] \u603b\u7ed3

## Tahap 6 \u2014 Berikutnya (perkiraan September\u2013Oktober 2025)

- [ ] Aplikasi

## Etap 7 \u2014 Szkolenia

Czas trwania: ok. 3 tygodnie

- [ ] Szkolenie
"""


def test_spans_in_swedish_polish_chinese_and_indonesian() -> None:
    assert _spans(LANGUAGES) == [
        {"start": "2025-03-03", "end": "2025-03-30"},
        {"start": "2025-03-31", "end": "2025-06-15"},
        {"start": "2025-03-03", "end": "2025-03-14"},
        {"start": "2025-10-01", "end": "2025-12-31"},
        {"start": "2025-03-03", "end": "2025-03-14"},
        {"start": "2025-09-01", "end": "2025-10-31"},
        {"duration": "3 weeks"},
    ]


# -- words around a span -----------------------------------------------------------------

WORDS = """\
# Fraud model v5

Sprints are two weeks.

## Phase A: Label backfill

*Duration: 3 weeks, starting as soon as Data Eng lands the export.*

- [x] Pull chargebacks

## Phase B: Build

*3 sprints \u00b7 7 April \u2013 16 May 2025*

- [ ] Features

## Phase C: Evaluation

**Timebox:** ~1w, plus the 4-week shadow pilot

- [ ] Metrics

## Phase D: Rollout

*Target: 100 % before Black Friday (28 Nov 2025), with code freeze from 17 Nov.*

- [ ] Ramp

## Phase E: Operation

Term\u00edn: spu\u0161t\u011bn\u00ed 5. 6. 2027, podpora do 2. 7. 2027

- [ ] Provoz

## Phase F: Two deadlines

Due: beta by 3 May 2027, GA by 20 May 2027

- [ ] Ship
"""


def test_a_span_with_words_around_it() -> None:
    phases, notes = _phases(WORDS)
    assert [_schedule(phase) for phase in phases.values()] == [
        {"duration": "3 weeks"},
        {"start": "2025-04-07", "end": "2025-05-16", "duration": "6 weeks"},
        {"duration": "1w"},
        # the clause that says it is the deadline: ``before``, ``do`` (until)
        {"end": "2025-11-28"},
        {"end": "2027-07-02"},
        # two deadlines: which one the phase has is the author's to say
        {},
    ]
    assert notes == [
        "Due kept as written: 'beta by 3 May 2027, GA by 20 May 2027' is no span or date"
    ]
    assert "*Duration: 3 weeks, starting as soon as" in phases["Phase A: Label backfill"]["body"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100 % before Black Friday (28 Nov 2025), with code freeze from 17 Nov", "28 Nov 2025"),
        ("spu\u0161t\u011bn\u00ed 5. 6. 2027, podpora do 2. 7. 2027", "2. 7. 2027"),
        ("beta by 3 May 2027, GA by 20 May 2027", None),
        ("launch 3 May, then we do 2 weeks of support", None),
        # a deadline word that dates nothing leaves the clause that does
        ("owned by Ana, no later than 28 Nov 2025", "28 Nov 2025"),
    ],
)
def test_the_deadline_among_clauses(text: str, expected: str | None) -> None:
    assert deadline_among(text, 2027) == expected


# -- countdowns to a day the plan names --------------------------------------------------

COUNTDOWN = """\
# Billing DB upgrade

## Timeline

All dates count to the maintenance window: **T-0 = Saturday 14 June 2025**.

### T-21 days \u2014 Rehearsal

* [x] Restore the backup

### T-0 \u2014 Upgrade window

* [ ] Run the upgrade

### T+1 to T+7 \u2014 Watch

* [ ] Compare latency

### T-6 months \u2014 Approvals

* [ ] Sign-off
"""


def test_a_countdown_to_the_day_the_plan_names() -> None:
    # a point is the day the phase starts; ``T+1`` counts days once day T is a day
    assert _spans(COUNTDOWN) == [
        {"start": "2025-05-24"},
        {"start": "2025-06-14"},
        {"start": "2025-06-15", "end": "2025-06-21"},
        {"start": "2024-12-14"},
    ]


LAUNCH = """\
# Shop launch

**Owner:** Ana \u00b7 **Launch date:** 1 September 2025

## 3 weeks before launch \u2014 Content

- [ ] Product pages

## 1 week before launch \u2014 Rehearsal

- [ ] Dry run

## Phase 3: Hypercare (D+1 to D+14)

- [ ] Triage
"""


def test_a_countdown_to_the_launch_date() -> None:
    assert _spans(LAUNCH) == [
        {"start": "2025-08-11"},
        {"start": "2025-08-25"},
        {"start": "2025-09-02", "end": "2025-09-15", "duration": "14 days"},
    ]
    # two launch dates: no day T, and a point gives nothing
    twice = LAUNCH.replace("**Owner:** Ana", "**Go-live:** 8 September 2025")
    assert _spans(twice)[:2] == [{}, {}]


@pytest.mark.parametrize(
    ("texts", "day"),
    [
        (["All dates are relative to it: T-0 = Saturday 14 June 2025."], "2025-06-14"),
        (["D-Day: 2025-06-14"], "2025-06-14"),
        (["T = 14 June 2025 (the window)"], "2025-06-14"),
        (["Cutover window: Sunday 21 March 2027, 01:00\u201305:00 CET"], "2027-03-21"),
        (["Cutover window: 21\u201322 March 2027"], None),
        (["Go/No-go call: Saturday 20 March 2027, 16:00 CET"], None),
        # an event plan counts to its event
        (["Event day: Saturday 10 October 2026 \u00b7 Place: the depot"], "2026-10-10"),
    ],
)
def test_the_day_a_countdown_counts_to(texts: list[str], day: str | None) -> None:
    assert day_zero_in(texts, 2025) == day


HEADER_TABLE = """\
# Runbook: cache move

| | |
|---|---|
| **Service** | session-cache |
| **Change window** | Sun 8 Mar 2026, 02:00\u201304:00 UTC |

## Steps

### Step 1 \u2014 Prepare (T-3d)

- [ ] Provision

### Step 2 \u2014 Months ahead (T-2 months \u2192 T-1 month)

- [ ] Plan
"""


def test_day_t_from_a_runbooks_header_table() -> None:
    assert _spans(HEADER_TABLE) == [
        {"start": "2026-03-05"},
        {"start": "2026-01-08", "end": "2026-03-07"},
    ]
    # a table of more columns is no header of labels
    wide = HEADER_TABLE.replace("| | |\n|---|---|", "| | | |\n|---|---|---|")
    assert _spans(wide) == [{}, {}]


# -- schedules stated elsewhere in the plan ---------------------------------------------

CALENDAR_WEEKS = """\
# Accessibility remediation

> [!NOTE]
> Weeks below are ISO weeks of 2025.

## Weeks 36\u201337 \u00b7 Audit

- [x] Scan

## Week 38 \u00b7 Fix

- [ ] Labels
"""


def test_weeks_the_plan_says_are_calendar_weeks() -> None:
    assert _spans(CALENDAR_WEEKS) == [
        {"start": "2025-09-01", "end": "2025-09-14", "duration": "2 weeks"},
        {"start": "2025-09-15", "end": "2025-09-21", "duration": "1 week"},
    ]
    # else they are the plan's own weeks, and last as long
    plain = CALENDAR_WEEKS.replace("ISO weeks of 2025", "counted from the kick-off")
    assert _spans(plain) == [{"duration": "2 weeks"}, {"duration": "1 week"}]


SCHEDULED_ELSEWHERE = """\
# Commissioning plan
## Engagement plan (v1.2, issued 24 Feb 2025)

Prepared by Controls Engineering.

### Milestones

| Step | Description | Target |
|---|---|---|
| 1 | Design review | complete 11 Apr 2025 |
| 2 | Site acceptance | w/c 4 Aug 2025 |
| 3 | Handover | TBC, depends on the witness date |

### Step 1 \u2014 Discovery

*2 weeks \u00b7 3\u201314 March*

- [x] I/O list

### Step 2 \u2014 Site acceptance

- [ ] Witness tests

### Step 3 \u2014 Handover

- [ ] O&M

### Key dates

- Step 4: 1\u201312 September
- Step 5: 15\u201319 September

### Step 4 \u2014 Training

- [ ] Operators

### Step 5 \u2014 Close-out

- [ ] Archive
"""


def test_a_schedule_stated_elsewhere_in_the_plan() -> None:
    phases, notes = _phases(SCHEDULED_ELSEWHERE)
    assert [_schedule(phase) for phase in phases.values()] == [
        # the subtitle dates the plan: ``3-14 March`` is of 2025; the Target cell
        # ``complete 11 Apr 2025`` is kept, its end before the start the line gives
        {"start": "2025-03-03", "end": "2025-03-14", "duration": "2 weeks"},
        # the week that 4 August starts, as a target: its last day
        {"end": "2025-08-10"},
        {},
        {"start": "2025-09-01", "end": "2025-09-12"},
        {"start": "2025-09-15", "end": "2025-09-19"},
    ]
    assert notes == [
        ("timeline entry kept: 'Step 1 \u2014 Discovery' has :end: 2025-03-14, not 2025-04-11"),
        "timeline row kept: 'TBC, depends on the witness date' is no end",
    ]


EVENTS = """\
# Thermostat bring-up

Schedule in work weeks (WW) of 2025.

## EVT \u2014 Engineering Validation Test

- **Build:** WW10 \u00b7 60 units \u00b7 rev B PCBA
- **Exit review:** WW16

- [ ] Characterisation

## DVT \u2014 Design Validation Test

* **Build:** WW20 \u00b7 300 units
* **Exit review:** WW26

* [ ] Certification

## PVT \u2014 Production Validation Test

* **Build:** WW30 \u00b7 1,500 units
* Line rate agreed with the CM

* [ ] Yield
"""


def test_a_phase_runs_from_its_first_dated_event_to_its_last() -> None:
    assert _spans(EVENTS) == [
        {"start": "2025-03-03", "end": "2025-04-20"},
        {"start": "2025-05-12", "end": "2025-06-29"},
        # one event alone may be when it starts as well as when it is due
        {},
    ]


SERIES = """\
# DevConf 2025 \u2014 organiser plan

## Tracking

Release dates are targets.

**Milestone A \u2014 Loader (v0.9, Q3 2025)**

- [x] Discovery

**Milestone B \u2014 Rule API (target: v0.10, end of November 2025)**

- [ ] Rule class

## 6 months out \u2014 March 2025

- [x] Open the CfP

## 1 month out \u2014 August 2025

- [ ] Badges

## Event week (15\u201321 September)

- [ ] Signage

## Q1 2026 \u00b7 January \u2013 March

- [ ] Retro
"""


def test_phases_a_series_or_a_milestone_word_names() -> None:
    phases = _phases(SERIES)[0]
    assert {title: _schedule(phase) for title, phase in phases.items()} == {
        # a milestone's word and letter name a phase though ``milestone`` names a
        # timeline; the one span among the parts in brackets is its span
        "Milestone A \u2014 Loader (v0.9, Q3 2025)": {"start": "2025-07-01", "end": "2025-09-30"},
        "Milestone B \u2014 Rule API (target: v0.10, end of November 2025)": {"end": "2025-11-30"},
        "6 months out \u2014 March 2025": {"start": "2025-03-01", "end": "2025-03-31"},
        "1 month out \u2014 August 2025": {"start": "2025-08-01", "end": "2025-08-31"},
        # dated in brackets, it is one of the series its siblings form
        "Event week (15\u201321 September)": {"start": "2025-09-15", "end": "2025-09-21"},
        "Q1 2026 \u00b7 January \u2013 March": {"start": "2026-01-01", "end": "2026-03-31"},
    }


SEQUENCE = """\
# Intranet migration

**Kick-off:** 2027-03-01

Phases run back to back; each takes the time written under it.

## Phase 1: Inventory

Duration: 2 weeks

- [ ] List pages

## Phase 2: Build

Duration: 3 weeks

- [ ] Templates

## Phase 3: Pilot

When: 3\u201314 May 2027

- [ ] Pilot group

## Phase 4: Launch

**Depends on:** Phase 2

- [ ] Announce
"""


def test_phases_the_plan_runs_in_sequence() -> None:
    phases = list(_phases(SEQUENCE)[0].values())
    placed = [
        {name: phase[name] for name in ("start", "duration", "depends") if name in phase}
        for phase in phases
    ]
    assert placed == [
        # the first from the plan's start, each after the one before
        {"start": "2027-03-01", "duration": "2 weeks"},
        {"duration": "3 weeks", "depends": "PH_IM_1"},
        # its own dates and its own dependencies stay
        {"start": "2027-05-03"},
        {"depends": "PH_IM_2"},
    ]
    # a plan that does not say so keeps its phases apart
    apart = SEQUENCE.replace("Phases run back to back; each", "Each phase")
    assert [phase.get("depends") for phase in _phases(apart)[0].values()] == [
        None,
        None,
        None,
        "PH_IM_2",
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("The phases run back to back.", True),
        ("Stages are sequential.", True),
        ("A phase is only started when every box in the previous one is ticked.", True),
        ("Each phase starts when the previous one ends.", True),
        ("Phases may overlap where teams have room.", False),
        ("Each phase starts with a kick-off; the previous plan ended in May.", False),
    ],
)
def test_a_plan_says_its_phases_run_in_sequence(text: str, said: bool) -> None:
    assert in_sequence([text]) is said


# -- any text, and a build -------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("TD+-/.:;|*_ 0123456789dMarAprWvwc\u00b7\u2013\u2192(),")
            + list("\u5e74\u6708\u65e5\u81f3\u7b2c\u56db\u5b63\u5ea6")
        ),
        max_size=60,
    ),
    st.one_of(st.none(), st.integers(1, 9999)),
)
def test_any_line_or_title_reads_without_error(text: str, year: int | None) -> None:
    for found in schedule_lines(f"When: {text}", 0) + schedule_lines(text, 0):
        found.values(14, year, "2027-01-04")
    span_in_title(f"Phase 1 \u00b7 {text}", 14, year)
    one_date_among(text, year, range_only=False)
    deadline_among(text, year)
    day_zero_in([text, f"T-0 = {text}"], year)
    read = span_of(text, 14, year)
    if read is not None:
        read.values(Anchors("2027-01-04", "2027-06-14", year))
    assert all(segment in text for segment in label_segments(text))


EVERY_SHAPE = """\
# Patient portal

**Kick-off:** 2027-03-01

Sprints are two weeks, starting Mondays.

## Milestone 1 \u2014 Discovery

**Start:** 6 April 2027 \u00b7 **End:** 30 April 2027

- [x] Blueprint

## Phase 2 \u2014 Ingestion

**Sprints:** Sprint 3\u20134 (2 \u00d7 2 weeks) \u00b7 **Epic status:** In progress

- [ ] CDC

## Etappe 3 \u2013 Umzug

Zeitraum: nach den Osterferien, 12.04.\u201328.05.2027, in vier Gruppen nach Schulform.

## Etapa 4 \u2014 Lan\u00e7amento

Prazo: 30/06/2027 (antes da campanha de anivers\u00e1rio do Instituto, em julho)

## Iteration 5 \u00b7 5 Jul \u2013 23 Jul \u00b7 Kids profiles

- [ ] Picker

## Phase 6 \u2014 Post-cutover verification \u2014 T+0 to T+7d

1. [ ] Reconcile

## Phase 7: Fri 18:00 \u2192 22:00 \u00b7 Kickoff

- [ ] Paper prototype
"""


def test_a_plan_of_every_shape_builds_without_new_warnings(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    result = lossless(EVERY_SHAPE)
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", EVERY_SHAPE)
    converted, app = build_converted_plan(make_app, tmp_path / "converted", result.text)
    assert converted <= plain
    assert not [w for w in build_warnings(app) if w.subtype.startswith("implplan")]
    phases = {n["title"]: n for n in read_needs(app).values() if n["type"] == "impl-phase"}
    placed = {
        "".join(filter(str.isdigit, title))[:1]: (phase["start"], phase["end"], phase["duration"])
        for title, phase in phases.items()
    }
    assert placed == {
        "1": ("2027-04-06", "2027-04-30", 25),
        # Sprint 3 starts two sprints after the plan does
        "2": ("2027-03-29", "2027-04-25", 28),
        "3": ("2027-04-12", "2027-05-28", 47),
        # an end alone starts where the plan's first phase starts
        "4": ("2027-03-29", "2027-06-30", 94),
        "5": ("2027-07-05", "2027-07-23", 19),
        # so does a duration alone
        "6": ("2027-03-29", "2027-04-05", 8),
        # hours give nothing: the phase has no span of its own
        "7": ("2027-03-29", None, None),
    }


NEWER_SHAPES = """\
# Clinic portal rollout

**Kick-off:** 2025-03-03 \u00b7 **Go-live:** Saturday 14 June 2025

> Weeks below are ISO weeks of 2025.

Phases run back to back. Sprints are two weeks.

## Key dates

- Phase 9: 1\u201312 December 2025
- Phase 10: 15\u201319 December 2025

## Milestones

| Phase | Target |
|---|---|
| 12 | complete 30 Jan 2026 |

## Phase 1: Audit (Weeks 10\u201311)

- [x] Scan

## Phase 2: F\u00f6rstudie (v. 12\u201313)

- [ ] Intervjuer

## Phase 3: Build

*3 sprints of 2 weeks, starting after the audit*

- [ ] Booking

## Phase 4: Rehearsal \u2014 T-21 days

- [ ] Dry run

## Phase 5: Hypercare \u2014 T+1 to T+14

- [ ] Triage

## Phase 6: Rollout

*Target: 100 % before the summer break (1 Aug 2025), with a freeze from 20 Jul.*

- [ ] Ramp

## Phase 7: \u590d\u76d8\uff082025\u5e74\u7b2c\u56db\u5b63\u5ea6\uff09

- [ ] \u603b\u7ed3

## Phase 8: Gates

- **Build:** WW40 \u00b7 60 units
- **Exit review:** WW42

- [ ] Characterisation

## Phase 9: Pilot

- [ ] Pilot clinics

## Phase 10: Launch

- [ ] Announce

## Phase 11: Training

Czas trwania: ok. 3 tygodnie

- [ ] Szkolenie

## Phase 12: Reporting

- [ ] Report

## Phase 13: Close-out \u00b7 October \u2013 November

- [ ] Archive
"""


def test_a_plan_of_the_newer_shapes_builds_without_new_warnings(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    result = lossless(NEWER_SHAPES)
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", NEWER_SHAPES)
    converted, app = build_converted_plan(make_app, tmp_path / "converted", result.text)
    assert converted <= plain
    assert not [w for w in build_warnings(app) if w.subtype.startswith("implplan")]
    phases = {n["title"]: n for n in read_needs(app).values() if n["type"] == "impl-phase"}
    placed = {
        title.split(":")[0]: (phase["start"], phase["end"], phase["duration"])
        for title, phase in phases.items()
    }
    assert placed == {
        # the plan's weeks are calendar weeks
        "Phase 1": ("2025-03-03", "2025-03-16", 14),
        "Phase 2": ("2025-03-17", "2025-03-30", 14),
        # the phases run back to back: three sprints of two weeks after Phase 2
        "Phase 3": ("2025-03-31", "2025-05-11", 42),
        # day T is the go-live date
        "Phase 4": ("2025-05-24", None, None),
        "Phase 5": ("2025-06-15", "2025-06-28", 14),
        # a deadline alone starts where the plan's first phase starts
        "Phase 6": ("2025-03-03", "2025-08-01", 152),
        "Phase 7": ("2025-10-01", "2025-12-31", 92),
        # from the first dated event to the last
        "Phase 8": ("2025-09-29", "2025-10-19", 21),
        # a schedule list and a schedule table outside the timeline
        "Phase 9": ("2025-12-01", "2025-12-12", 12),
        "Phase 10": ("2025-12-15", "2025-12-19", 5),
        "Phase 11": ("2025-12-20", "2026-01-09", 21),
        "Phase 12": ("2025-03-03", "2026-01-30", 334),
        "Phase 13": ("2025-10-01", "2025-11-30", 61),
    }


def test_vietnamese_months_and_ranges_and_two_months_joined_by_and() -> None:
    source = (
        "# Kế hoạch\n\n### Giai đoạn 1: Khảo sát\n\n"
        "Thời gian: từ 04/01/2027 đến 29/01/2027 (4 tuần).\n\n- [ ] a\n\n"
        "### Giai đoạn 2: Kết nối\n\nThời gian: tháng 2 \u2013 tháng 3/2027.\n\n- [ ] b\n\n"
        "### Giai đoạn 3: Chạy thử\n\nThời gian: 3 tuần, bắt đầu sau Tết.\n\n- [ ] c\n\n"
        "### Giai đoạn 4: Song song\n\nPeriod: April and May 2027\n\n- [ ] d\n"
    )
    assert _spans(source) == [
        # 29/01/2027 can only be day first, so 04/01/2027 is 4 January
        {"start": "2027-01-04", "end": "2027-01-29"},
        {"start": "2027-02-01", "end": "2027-03-31"},
        {"duration": "3 weeks"},
        {"start": "2027-04-01", "end": "2027-05-31"},
    ]


def test_a_table_of_milestone_days_dates_each_phase_from_its_first_to_its_last() -> None:
    source = (
        "# Exit\n\n## Calendar\n\n"
        "| Move group | Owner | Cutover | Go-live | Hypercare ends |\n|---|---|---|---|---|\n"
        "| Wave 1 | Ana | 2027-03-13 - 2027-03-14 | 2027-03-15 | 2027-03-26 |\n"
        "| Wave 2 | Ben | TBD | TBD | TBD |\n\n"
        "## Wave 1 — Tools\n\n- [ ] a\n\n## Wave 2 — Batch\n\n- [ ] b\n\n"
        "## Launch\n\n| Release | Go-live | Owner |\n|---|---|---|\n| Wave 2 | 2027-05-03 | Ben |\n"
    )
    phases, _notes = _phases(source)
    assert [_schedule(phase) for phase in phases.values()] == [
        {"start": "2027-03-13", "end": "2027-03-26"},
        # undated milestones, and one dated column alone (a day, not a span), give none
        {},
    ]


def test_a_milestone_of_a_series_is_named_by_its_lead_in_a_table() -> None:
    source = (
        "# SDK\n\n## Release calendar\n\n"
        "| Release | Branch cut | GA | Milestone |\n|---|---|---|---|\n"
        "| 2027.3 | Tue 2 Mar 2027 | Tue 23 Mar 2027 | M1 |\n"
        "| 2027.4 | Tue 30 Mar 2027 | Tue 20 Apr 2027 | M2 |\n\n"
        "## M1 — Async API\n\n- [ ] a\n\n## M2 — Typed errors\n\n- [ ] b\n"
    )
    assert _spans(source) == [
        {"start": "2027-03-02", "end": "2027-03-23"},
        {"start": "2027-03-30", "end": "2027-04-20"},
    ]


def test_a_gantt_table_of_week_columns_dates_each_marked_row() -> None:
    source = (
        "# Intranet\n\nStart date: 2027-03-01\n\n## At a glance\n\n"
        "| Track | Wk 1 | Wk 2 | Wk 3 | Wk 4 |\n|---|---|---|---|---|\n"
        "| A. Audit | X | X | | |\n| B. Launch | | | | █ |\n| C. Later | | | | |\n\n"
        "## A. Audit\n\n- [ ] a\n\n## B. Launch\n\n- [ ] b\n\n## C. Later\n\n- [ ] c\n"
    )
    assert _spans(source) == [
        {"start": "2027-03-01", "duration": "2 weeks"},
        {"start": "2027-03-22", "duration": "1 week"},
        {},
    ]


def test_qualified_labels_numbered_rows_and_named_start_columns() -> None:
    source = (
        "# Lab\n\n## Stage 1 — Requirements\n\nPlanned window: 4 January 2027 \u2013 22 January 2027\n\n"
        "- [ ] a\n\n## Stage 2 — Test environment\n\nTentative timeframe: 3 weeks\n\n- [ ] b\n\n"
        "## Stage 3 — Roll-out to the sites\n\n- [ ] c\n\n## Cronograma\n\n"
        "| Stage | Fab start | Término |\n|---|---|---|\n"
        "| 3 — Roll-out | 2027-03-01 | 2027-03-19 |\n"
    )
    assert _spans(source) == [
        {"start": "2027-01-04", "end": "2027-01-22"},
        {"duration": "3 weeks"},
        {"start": "2027-03-01", "end": "2027-03-19"},
    ]


def test_the_subsections_of_milestones_holding_tasks_are_phases() -> None:
    source = (
        "# Card controls\n\n## Milestones\n\n### ◆ Freeze — Jan 11 → Feb 5, 2027\n\n- [x] a\n\n"
        "### ◆ Limits — target Mar 19, 2027\n\n- [ ] b\n"
    )
    phases, _notes = _phases(source)
    assert [(title, _schedule(phase)) for title, phase in phases.items()] == [
        ("Freeze — Jan 11 → Feb 5, 2027", {"start": "2027-01-11", "end": "2027-02-05"}),
        ("Limits — target Mar 19, 2027", {"end": "2027-03-19"}),
    ]


def test_a_heading_listing_qa_among_other_work_and_a_rollout_milestone_are_phases() -> None:
    source = (
        "# Help centre\n\n## Workstreams\n\n### 1. Inventory (2 weeks)\n\n- [ ] a\n\n"
        "### 2. QA, translations & release (3 weeks)\n\n- [ ] b\n\n"
        "### 3. Notes & questions\n\n- [ ] c\n\n"
        "## Milestones\n\n### ◆ Limits — target Mar 19, 2027\n\n- [ ] d\n\n"
        "### ◆ Rollout to all members — Apr 5 → Apr 30, 2027\n\n- [ ] e\n"
    )
    phases, _notes = _phases(source)
    assert list(phases) == [
        "1. Inventory (2 weeks)",
        "2. QA, translations & release (3 weeks)",
        "Limits — target Mar 19, 2027",
        "Rollout to all members — Apr 5 → Apr 30, 2027",
    ]


def test_sections_of_work_under_a_brief_are_phases_where_no_other_is() -> None:
    source = (
        "# Second site\n\n## Project brief\n\nWe open a second restaurant.\n\n---\n\n"
        "### Kitchen fit-out\n\n- [ ] Canopy\n\n### Bookings & till\n\n- [x] Venue\n\n"
        "### Parking lot\n\n- [ ] Brunch\n"
    )
    phases, _notes = _phases(source)
    assert list(phases) == ["Kitchen fit-out", "Bookings & till"]


def test_clock_times_wiki_linked_dates_and_a_span_in_brackets_before_the_name() -> None:
    source = (
        "# Change\n\n### Stage 2 — Node A swap (Fri 12 Mar 2027 22:00 \u2013 Sat 13 Mar 2027 03:00)\n\n"
        "- [ ] a\n\n### Stage 3 — Pilot\n\n📅 [[2027-02-22]] → [[2027-04-02]]\n\n- [ ] b\n\n"
        "### Stage 4 — Quarter 2 (July\u2013September 2027) — Training\n\n- [ ] c\n"
    )
    assert _spans(source) == [
        {"start": "2027-03-12", "end": "2027-03-13"},
        {"start": "2027-02-22", "end": "2027-04-02"},
        {"start": "2027-07-01", "end": "2027-09-30"},
    ]


def test_columns_of_versions_or_semesters_are_no_weeks() -> None:
    source = (
        "# Matrix\n\n## Support\n\n| Phase | V1 | V2 | V3 |\n|---|---|---|---|\n"
        "| 1 | X | X | |\n\n## Phase 1: Build\n\n- [ ] a\n"
    )
    assert _spans(source) == [{}]


# -- fiscal quarters, list phases with a schedule line, periods named in a table ---


def test_a_fiscal_quarter_names_no_calendar_days() -> None:
    """``Q3 FY2026`` is the third quarter of the organisation's own year, which starts
    when the plan may not say: no dates from it, from a cell of a milestone table
    either; dates in brackets after it say which days it counts."""
    assert one_date_among("Q3 FY2026", 2026, range_only=False) is None
    assert one_date_among("FY26 Q3", 2026, range_only=False) is None
    assert one_date_among("Q3 2026", None, range_only=False) == "Q3 2026"
    source = (
        "# Plan\n\n## Phases\n\n### Phase 1: Build\n\n- [ ] a\n\n"
        "### Phase 2: Ship\n\n- [ ] b\n\n## Briefings\n\n"
        "| Phase | Budget quarter | Briefing |\n|---|---|---|\n"
        "| 1 | Q3 FY2026 | December 2025 |\n| 2 | Q4 FY2026 | March 2026 |\n"
    )
    assert _spans(source) == [{}, {}]
    dated = span_of("Q3 FY2026 (October \u2013 December 2025)", None)
    assert dated is not None
    assert (dated.start, dated.end) == ("2025-10-01", "2025-12-31")


def test_a_fiscal_quarter_is_read_in_the_fiscal_year_the_plan_states() -> None:
    """``FY2026 = April 2025 to March 2026``: ``Q3 FY2026`` is October to December
    2025, in a title and in a table whose Stage column numbers the stages as their
    titles do, not as the list does."""
    source = (
        "# Plan\n\nOur budget year: FY2026 = April 2025 to March 2026.\n\n## Stages\n\n"
        "1. **Stage 0 - Data (Q3 FY2026)**\n   - [ ] a\n"
        "2. **Stage 1 - Routes**\n   - [ ] b\n\n## Briefings\n\n"
        "| Stage | Budget quarter | Briefing |\n|---|---|---|\n"
        "| 0 | Q3 FY2026 | December 2025 |\n| 1 | FY2026 Q4 | March 2026 |\n"
    )
    phases, notes = _phases(source)
    assert [_schedule(phase) for phase in phases.values()] == [
        {"start": "2025-10-01", "end": "2025-12-31"},
        {"start": "2026-01-01", "end": "2026-03-31"},
    ]
    assert not [note for note in notes if "kept" in note]


def test_a_phase_of_a_numbered_list_is_dated_by_its_schedule_line() -> None:
    """``1. **Stage 0 - Data**`` with ``- Timeframe: ...`` among its tasks, as a phase
    under a heading is; a task's own date stays the task's."""
    source = (
        "# Plan\n\n## Stages\n\n"
        "1. **Stage 0 - Data**\n   - Timeframe: October \u2013 December 2025\n"
        "   - [ ] Export the data\n"
        "2. **Stage 1 - Routes**\n   - [ ] Due: March 2026 draft routes\n"
        "   - [ ] Model the routes\n"
    )
    assert _spans(source) == [{"start": "2025-10-01", "end": "2025-12-31"}, {}]


def test_a_table_of_periods_dates_the_phases_named_after_them() -> None:
    """A calendar of the terms or trimesters the phases are named after: each phase
    runs from its period's first day to its last."""
    source = (
        "# Plan\n\nThe calendar:\n\n| Semester | Start date | End date |\n|---|---|---|\n"
        "| Semester 1 | 2027-02-01 | 2027-06-04 |\n| Semester 2 | 2027-07-19 | 2027-11-12 |\n\n"
        "## Work\n\n### Semester 1 2027: Pilot\n\n- [ ] a\n\n"
        "### Semester 2 2027: Everyone\n\n- [ ] b\n"
    )
    assert _spans(source) == [
        {"start": "2027-02-01", "end": "2027-06-04"},
        {"start": "2027-07-19", "end": "2027-11-12"},
    ]


def test_dated_work_before_a_series_is_its_phase_zero() -> None:
    """The checklist before ``Wave 1`` whose heading states its dates is the work
    that comes first; without dates it stays a section of its own."""
    waves = "### Wave 1: Pilot\n\n- [ ] b\n\n### Wave 2: Everyone\n\n- [ ] c\n"
    dated = f"# Plan\n\n## Work\n\n### Before kickoff (1-12 March 2027)\n\n- [ ] a\n\n{waves}"
    phases, _ = _phases(dated)
    assert list(phases) == ["Before kickoff (1-12 March 2027)", "Wave 1: Pilot", "Wave 2: Everyone"]
    assert _schedule(phases["Before kickoff (1-12 March 2027)"]) == {
        "start": "2027-03-01",
        "end": "2027-03-12",
    }
    undated = f"# Plan\n\n## Work\n\n### Before kickoff\n\n- [ ] a\n\n{waves}"
    assert list(_phases(undated)[0]) == ["Wave 1: Pilot", "Wave 2: Everyone"]


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("8 weeks after the pilot ends", "8 weeks"),
        ("6 n\u00e4dalat p\u00e4rast lepingu s\u00f5lmimist", "6 weeks"),
        ("2 Wochen nach der Abnahme", "2 weeks"),
        # the event is dated: when the phase starts is the author's to say
        ("3 weeks after the review on 12 April 2027", None),
        ("after the pilot", None),
    ],
)
def test_a_duration_after_an_undated_event_is_the_duration(text: str, duration: str | None) -> None:
    found = duration_after_event(text, None)
    assert (found.duration if found is not None else None) == duration


def test_only_a_duration_label_reads_a_duration_after_an_event() -> None:
    """``Duration: 8 weeks after the pilot ends`` says how long the phase lasts;
    ``When: two weeks after cut-over`` says when something happens, which no date
    gives."""
    source = (
        "# Plan\n\n## Phases\n\n### Phase 1: Build\n\n"
        "**Duration:** 8 weeks after the pilot ends\n\n- [ ] a\n\n"
        "### Phase 2: Review\n\n**When:** two weeks after cut-over\n\n- [ ] b\n"
    )
    assert _spans(source) == [{"duration": "8 weeks"}, {}]
