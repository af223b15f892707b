"""``implplan convert`` on the spans real plans write beyond one label or one title
part: several labels on one line, ``Sprints:`` with the plan's sprint length, a date
among other words of a label's value, slashed dates whose order is certain, a span
between the separators of a title, a runbook's countdown (``T-14d to T-3d``), and
blocks of hours (``Fri 18:00 \u2192 22:00``), which give nothing. Each shape is checked
as text, nothing of the input lost; one plan holding them all is built with Sphinx
and may add no warning the plain plan did not have."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_warnings, read_needs
from convert_helpers import build_converted_plan, directive_items, lossless
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_implplan.authoring.conversion.dates_in_prose import one_date_among
from sphinx_implplan.authoring.conversion.phase_labels import label_segments, schedule_lines
from sphinx_implplan.authoring.conversion.phase_spans import span_in_title, span_of, sprint_days_in

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
    assert [_schedule(phase) for phase in phases.values()] == [{"end": "2027-06-30"}, {}]
    assert notes == ["Prazo kept as written: '06/07/2027' is no span or date"]


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
    ],
)
def test_countdowns_last_from_one_end_to_the_other(text: str, duration: str | None) -> None:
    found = span_of(text, None, 2027)
    assert (found.values(None) if found else None) == (
        [("duration", duration)] if duration else None
    )


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
    assert [_schedule(phase) for phase in phases.values()] == [
        {"duration": "12 days"},
        {},
        {},
        {"duration": "8 days"},
        {},
        {},
    ]
    # the headings keep what no option took
    assert "Phase 5: Fri 18:00 \u2192 22:00 \u00b7 Kickoff" in phases
    assert notes == []


# -- any text, and a build -------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("TD+-/.:;|*_ 0123456789dMarApr\u00b7\u2013\u2192(),")),
        max_size=60,
    ),
    st.one_of(st.none(), st.integers(1, 9999)),
)
def test_any_line_or_title_reads_without_error(text: str, year: int | None) -> None:
    for found in schedule_lines(f"When: {text}", 0) + schedule_lines(text, 0):
        found.values(14, year, "2027-01-04")
    span_in_title(f"Phase 1 \u00b7 {text}", 14, year)
    one_date_among(text, year, range_only=False)
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
