"""``implplan convert`` on phase headings that no ``Phase N`` word names: numbered
sections that carry work (``## 1. Pre-production (wk 1-3)``), version milestones
(``## v0.18 (target: March 2027)``), phase words written after their number
(Korean, Japanese, Chinese, Turkish) or in more languages, headings named by the
plan's schedule table, and bold phases in a plan without headings. Each shape is
checked as text, and one plan is built with Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from build_helpers import read_needs
from convert_helpers import build_converted_plan, directive_items, lossless

from sphinx_implplan.authoring.conversion.section_kinds import is_span, phase_heading

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def _titles(text: str) -> list[str]:
    return [item["title"] for item in directive_items(lossless(text).text)]


NUMBERED = """\
# Guild raids

## 1. Overview

Why guild raids, in one paragraph.

## 2. Goals

- [ ] Retention up 8 % for guild members

## 3. Pre-production (wk 1-3)

- [x] Design doc signed off
- [ ] Boss kit for the first two bosses

## 4. Vertical slice (wk 4-8)

### Tasks

- [ ] One boss playable end to end

## 5. Soft launch (wk 9-10)

- [ ] Enable in two markets

## 6. Risks

| Risk | Impact | Likelihood | Mitigation |
|------|--------|------------|------------|
| Server load | high | medium | Load test in the slice |
"""


def test_numbered_sections_that_carry_work_are_phases() -> None:
    phases = directive_items(lossless(NUMBERED).text)
    assert [p["title"] for p in phases] == [
        "3. Pre-production (wk 1-3)",
        "4. Vertical slice (wk 4-8)",
        "5. Soft launch (wk 9-10)",
    ]
    assert [p["duration"] for p in phases] == ["3 weeks", "5 weeks", "2 weeks"]
    # a checklist under a subsection is the phase's too
    assert "- [ ] One boss playable end to end" in phases[1]["body"]


def test_numbered_sections_without_work_stay_sections() -> None:
    text = "# Plan\n\n## 1. Overview\n\nText.\n\n## 2. Scope\n\nMore text.\n"
    assert _titles(text) == []
    # one numbered section with a checklist is no series
    lone = "# Plan\n\n## 1. Overview\n\nText.\n\n## 2. Build\n\n- [ ] A task\n"
    assert _titles(lone) == []


VERSIONS = """\
# Roadmap to 1.0

## v0.18 (target: March 2027)

- [x] Preserve comments on round trip
- [ ] Dotted keys in inline tables

## v0.19 (target: May 2027)

- [ ] Serde integration behind a feature flag

## v1.0 (target: September 2027)

Stabilise the public API.

## After 1.0

- [ ] Ideas, not commitments
"""


def test_version_milestones_with_work_or_a_target_are_phases() -> None:
    phases = directive_items(lossless(VERSIONS).text)
    assert [p["title"] for p in phases] == [
        "v0.18 (target: March 2027)",
        "v0.19 (target: May 2027)",
        "v1.0 (target: September 2027)",
    ]


def test_a_changelog_of_versions_is_no_series_of_phases() -> None:
    text = "# Library\n\n## 1.2.0\n\nFixed a bug.\n\n## 1.1.0\n\nAdded a flag.\n"
    assert _titles(text) == []


@pytest.mark.parametrize(
    ("heading", "number", "name"),
    [
        # the document's section number before the phase's word and number
        ("3.4 Phase 4 \u2014 Testing & Launch", "4", "Testing & Launch"),
        ("2.1. Stage 1: Pilot", "1", "Pilot"),
    ],
)
def test_a_section_number_before_a_phase_heading(heading: str, number: str, name: str) -> None:
    title = phase_heading(heading)
    assert title is not None
    assert (title.number, title.name) == (number, name)
    # a section number alone, or one number before the word, names no phase
    assert phase_heading("3.4 Testing & Launch") is None


@pytest.mark.parametrize(
    ("heading", "number", "name"),
    [
        ("1\ub2e8\uacc4: \uc900\ube44", "1", "\uc900\ube44"),
        ("\u7b2c2\u6bb5\u968e \u958b\u767a", "2", "\u958b\u767a"),
        ("\u7b2c\u4e09\u9636\u6bb5\uff1a\u8bd5\u70b9", "3", "\u8bd5\u70b9"),
        ("1. A\u015fama: Haz\u0131rl\u0131k", "1", "Haz\u0131rl\u0131k"),
        ("A\u015fama 2 \u2013 Pilot", "2", "Pilot"),
        ("F\u00e1ze 1: P\u0159\u00edprava", "1", "P\u0159\u00edprava"),
        ("Etap 3: Wdro\u017cenie", "3", "Wdro\u017cenie"),
        ("\u30d5\u30a7\u30fc\u30ba2 \u30c6\u30b9\u30c8", "2", "\u30c6\u30b9\u30c8"),
        (
            "\u042d\u0442\u0430\u043f 4: \u0417\u0430\u043f\u0443\u0441\u043a",
            "4",
            "\u0417\u0430\u043f\u0443\u0441\u043a",
        ),
        (
            "\u0415\u0442\u0430\u043f 1. \u041f\u0456\u043b\u043e\u0442",
            "1",
            "\u041f\u0456\u043b\u043e\u0442",
        ),
        ("Giai \u0111o\u1ea1n 2: Th\u1eed nghi\u1ec7m", "2", "Th\u1eed nghi\u1ec7m"),
        ("\u00c9tape 3 : D\u00e9ploiement", "3", "D\u00e9ploiement"),
        ("Tahap 1 - Persiapan", "1", "Persiapan"),
        (
            "\u03a6\u03ac\u03c3\u03b7 1: \u03a3\u03c7\u03ad\u03b4\u03b9\u03bf",
            "1",
            "\u03a3\u03c7\u03ad\u03b4\u03b9\u03bf",
        ),
        ("Fas 2 \u2013 Pilot", "2", "Pilot"),
        ("Vaihe 3: Toteutus", "3", "Toteutus"),
        (
            "\u0e23\u0e30\u0e22\u0e30\u0e17\u0e35\u0e48 2: \u0e19\u0e33\u0e23\u0e48\u0e2d\u0e07",
            "2",
            "\u0e19\u0e33\u0e23\u0e48\u0e2d\u0e07",
        ),
        # the number's own word before it
        ("Phase No. 2: Pilot", "2", "Pilot"),
        ("Etapa nr 3 \u2013 Wdro\u017cenie", "3", "Wdro\u017cenie"),
        ("Fase n.\u00ba 1: Prepara\u00e7\u00e3o", "1", "Prepara\u00e7\u00e3o"),
        ("Mataki na 4: Bita", "4", "Bita"),
        ("Awamu ya 2: Ujenzi", "2", "Ujenzi"),
        # Lithuanian writes the number first
        ("3 etapas. Mokymai", "3", "Mokymai"),
    ],
)
def test_phase_words_of_more_languages(heading: str, number: str, name: str) -> None:
    title = phase_heading(heading)
    assert title is not None
    assert (title.number, title.name) == (number, name)


@pytest.mark.parametrize(
    "text",
    [
        *("wk 1-3", "KW 3-5", "WW10-WW12", "2 hafta", "3 t\u00fddny", "2\u9031\u9593"),
        *("March 2027", "Wythnosau 4-9"),
    ],
)
def test_spans_of_more_shapes_are_spans(text: str) -> None:
    assert is_span(text)


@pytest.mark.parametrize("text", ["API", "v2 API", "kwh 5", "Windows 11"])
def test_names_are_no_spans(text: str) -> None:
    assert not is_span(text)


RELEASE = """\
# Release 5.0

## Timeline

| Phase | Start | End |
|-------|-------|-----|
| Code freeze | 2027-04-05 | 2027-04-09 |
| Beta | 2027-04-12 | 2027-04-23 |

## Release train

### \U0001f9ca Code freeze

* [x] Cut the release branch
* [ ] String freeze

### \U0001f9ea Beta

* [ ] External testers
"""


def test_headings_the_schedule_names_are_phases_with_its_dates() -> None:
    phases = directive_items(lossless(RELEASE).text)
    assert [(p["title"], p["start"], p["end"]) for p in phases] == [
        ("Code freeze", "2027-04-05", "2027-04-09"),
        ("Beta", "2027-04-12", "2027-04-23"),
    ]


def test_one_heading_named_by_the_schedule_is_no_series() -> None:
    text = RELEASE.replace("### \U0001f9ea Beta", "### Testers")
    assert _titles(text) == []


HEADINGLESS = """\
Plan: single sign-on for the admin console

**Phase 1 - Foundations** (Mar 2 - Mar 13)
- [x] Pick a library
- [ ] Metadata endpoint

**Phase 2 - Assertions** (Mar 16 - Apr 3)
- [ ] Validate signatures
"""


def test_a_plan_without_headings_has_its_bold_phases() -> None:
    phases = directive_items(lossless(HEADINGLESS).text)
    assert [p["title"] for p in phases] == [
        "Phase 1 - Foundations (Mar 2 - Mar 13)",
        "Phase 2 - Assertions (Mar 16 - Apr 3)",
    ]


@pytest.mark.parametrize("name", ["numbered", "scheduled"])
def test_the_new_shapes_build_without_warnings(
    name: str, tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    text = {"numbered": NUMBERED, "scheduled": RELEASE}[name]
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", text)
    converted, app = build_converted_plan(make_app, tmp_path / "converted", lossless(text).text)
    assert converted <= plain
    phases = {n["title"]: n for n in read_needs(app).values() if n["type"] == "impl-phase"}
    if name == "numbered":
        assert phases["3. Pre-production (wk 1-3)"]["duration"] == 21
        assert phases["3. Pre-production (wk 1-3)"]["deliverables_done"] == 1
    else:
        assert phases["Code freeze"]["start"] == "2027-04-05"
        assert phases["Code freeze"]["deliverables_total"] == 2


def test_quarters_with_status_emoji_are_a_series_of_phases() -> None:
    text = (
        "# Roadmap\n\n## \u2705 Q1 2027 \u2014 Foundations\n\n- [x] Tiles\n\n"
        "## \U0001f6a7 Q2 2027 \u2014 Multi-depot\n\n- [ ] Depots\n\n"
        "## \U0001f4a1 Ideas (not scheduled)\n\n- Live traffic\n"
    )
    assert _titles(text) == ["Q1 2027 \u2014 Foundations", "Q2 2027 \u2014 Multi-depot"]


DATED = """\
# Game jam

## Schedule

### Fri 18:00 \u2192 22:00 \u00b7 Kickoff

* [x] Brainstorm

### Sat 10:00 \u2192 20:00 \u00b7 Content

* [ ] Three levels

### Sun 08:00 \u2192 15:00 \u00b7 Polish, build, submit

* [ ] Upload the build
"""


def test_headings_led_by_a_time_and_holding_checklists_are_phases() -> None:
    phases = directive_items(lossless(DATED).text)
    assert [p["title"] for p in phases] == [
        "Fri 18:00 \u2192 22:00 \u00b7 Kickoff",
        "Sat 10:00 \u2192 20:00 \u00b7 Content",
        "Sun 08:00 \u2192 15:00 \u00b7 Polish, build, submit",
    ]


COUNTED_DOWN = """\
# Fair

## The plan

### T-3 months \u2192 T-1 month \u00b7 Programme

- [ ] Workshops

### T-4 weeks \u2192 T-1 week \u00b7 Logistics

- [ ] Tables

### Fair week \u00b7 T-4 days \u2192 T-0

- [ ] Load-in

### Clear-up \u00b7 T+1 day \u2192 T+2 weeks

- [ ] Thank-you post

### Budget \u00b7 shared with the council

- [ ] Invoice
"""


def test_siblings_dated_after_their_name_join_a_dated_series() -> None:
    assert _titles(COUNTED_DOWN) == [
        "T-3 months \u2192 T-1 month \u00b7 Programme",
        "T-4 weeks \u2192 T-1 week \u00b7 Logistics",
        "Fair week \u00b7 T-4 days \u2192 T-0",
        "Clear-up \u00b7 T+1 day \u2192 T+2 weeks",
    ]


def test_dated_headings_without_checklists_stay_sections() -> None:
    text = "# Log\n\n## Jan 12: Kickoff\n\nWe met.\n\n## Jan 19: Review\n\nWe met again.\n"
    assert _titles(text) == []


EPICS = """\
# Lakehouse migration

## EPIC DATA-412 \u2014 Ingestion into Iceberg

- [x] DATA-413 Kafka Connect sink
- [ ] DATA-414 Backfill

## EPIC DATA-420 \u2014 dbt models on Trino

- [ ] DATA-421 Port the staging models

## Definition of Done (every story)

- [ ] Demoed in sprint review
"""


def test_epics_holding_checklists_are_phases() -> None:
    phases = directive_items(lossless(EPICS).text)
    assert [p["title"] for p in phases] == [
        "EPIC DATA-412 \u2014 Ingestion into Iceberg",
        "EPIC DATA-420 \u2014 dbt models on Trino",
    ]
    assert "Demoed" not in "".join(p["body"] for p in phases)


def test_epics_without_checklists_stay_sections() -> None:
    text = "# Epics\n\n## Epic SRCH-4: Search\n\nText.\n\n## Epic BILL-7: Billing\n\nText.\n"
    assert _titles(text) == []


WAVES = """\
# Permits

## Rollout

We roll out in waves by zone.

**Wave 0 \u2014 Private beta (Nov\u2013Dec 2026)**

- [x] Invite-only journey

**Wave 1 \u2014 Remaining zones**

Timeline: Apr\u2013Jun 2027, two zones a fortnight.

- [ ] Visitor vouchers
- [ ] Renewal reminders
"""


def test_bold_waves_of_a_rollout_over_checklists_are_phases() -> None:
    result = lossless(WAVES)
    phases = directive_items(result.text)
    assert [p["title"] for p in phases] == [
        "Wave 0 \u2014 Private beta (Nov\u2013Dec 2026)",
        "Wave 1 \u2014 Remaining zones",
    ]
    # the line between the bold title and the checklist is the phase's too, and says when
    assert "Timeline: Apr" in phases[1]["body"]
    assert (phases[1]["start"], phases[1]["end"]) == ("2027-04-01", "2027-06-30")
    assert not directive_items(result.text, "impl-rollout")


def test_a_rollout_of_plain_steps_keeps_its_stages() -> None:
    text = "# Plan\n\n## Rollout\n\n1. Staff only\n2. Ten percent\n3. Everyone\n"
    result = lossless(text)
    assert len(directive_items(result.text, "impl-rollout")) == 3
    assert not directive_items(result.text)


STAGES = """\
# Remote cache

## Rollout plan

### Stage 0 \u2014 Shadow mode

#### Tasks

- [x] Deploy the cache
- [ ] Compare hit rates

### Stage 1 \u2014 Opt-in

#### Tasks

- [ ] Announce the flag
"""


def test_rollout_stages_with_task_subsections_are_phases() -> None:
    phases = directive_items(lossless(STAGES).text)
    assert [p["title"] for p in phases] == ["Stage 0 \u2014 Shadow mode", "Stage 1 \u2014 Opt-in"]
    assert "- [ ] Compare hit rates" in phases[0]["body"]


STAGES_ONLY = """\
# Thermostat bring-up

## Proto bring-up (WW03-WW07)

- [x] Power tree alive

## EVT \u2014 Engineering Validation Test

- [ ] Drop test

## DVT \u2014 Design Validation Test

- [ ] Thermal chamber

## Goals

- [ ] Ship in September

## Acceptance criteria

- [ ] Certified
"""


def test_top_level_sections_of_work_are_phases_where_nothing_else_is() -> None:
    assert _titles(STAGES_ONLY) == [
        "Proto bring-up (WW03-WW07)",
        "EVT \u2014 Engineering Validation Test",
        "DVT \u2014 Design Validation Test",
    ]


def test_top_level_sections_stay_where_the_plan_has_bold_phases() -> None:
    text = STAGES_ONLY.replace("## Goals", HEADINGLESS.split("\n", 1)[1])
    assert all(title.startswith("Phase") for title in _titles(text))


DETAILS = """\
# Roadmap to 1.0

<details open>
<summary><strong>0.9 \u2014 Config file</strong> \u00b7 target: March 2025</summary>

- [x] Config discovery
- [ ] Cache with a TTL

</details>

<details>
<summary><strong>0.10 \u2014 Output formats</strong></summary>

- [ ] JSON output

</details>

<details>
<summary>After 1.0 (ideas, not commitments)</summary>

- [ ] Plugins

</details>
"""


def test_details_blocks_holding_checklists_are_phases_inside_their_html() -> None:
    result = lossless(DETAILS)
    phases = directive_items(result.text)
    assert [p["title"] for p in phases] == [
        "0.9 \u2014 Config file \u00b7 target: March 2025",
        "0.10 \u2014 Output formats",
    ]
    assert phases[0]["end"] == "2025-03-31"
    # the HTML stays around each phase
    assert result.text.count("</details>") == 3


def test_a_first_paragraph_of_spans_says_when_a_phase_runs() -> None:
    text = (
        "# Plan\n\nKick-off on **3 March 2025**.\n\n## Phase 1 \u2014 Discovery\n\n"
        "*2 weeks \u00b7 3\u201314 March*\n\n- [ ] Workshops\n\n"
        "## Phase 2 \u2014 Pilot\n\n\U0001f4c5 24 \u0431\u0435\u0440\u0435\u0437\u043d\u044f \u2013 "
        "30 \u0442\u0440\u0430\u0432\u043d\u044f 2025\n\n- [ ] Pilot\n"
    )
    phases = directive_items(lossless(text).text)
    assert (phases[0]["start"], phases[0]["end"], phases[0]["duration"]) == (
        "2025-03-03",
        "2025-03-14",
        "2 weeks",
    )
    assert (phases[1]["start"], phases[1]["end"]) == ("2025-03-24", "2025-05-30")


def test_project_months_are_dated_from_the_project_start() -> None:
    text = (
        "# Grant\n\nProject start: 1 January 2025 \u00b7 Duration: 36 months\n\n"
        "## WP1 \u2014 Management (M1\u2013M36)\n\n- [ ] Reports\n\n"
        "## WP2 \u2014 Sensors (M4\u2013M18)\n\n- [ ] Calibration\n"
    )
    phases = directive_items(lossless(text).text)
    assert [(p["start"], p["end"]) for p in phases] == [
        ("2025-01-01", "2027-12-31"),
        ("2025-04-01", "2026-06-30"),
    ]


ORG_EXPORT = """\
# Plan

## DONE Phase 1: Test rig `:hardware:`

CLOSED: \\[2027-02-26 Fri 15:10\\] SCHEDULED: \\<2027-02-08 Mon\\>--\\<2027-02-26 Fri\\>

- [X] Rig built

## NEXT Phase 2: Clean-up :data:db:

SCHEDULED: \\<2027-03-01 Mon\\>

- [ ] Duplicates merged

## TODO Phase 3: Sprint

SCHEDULED: \\<2027-04-05 Mon\\> DEADLINE: \\<2027-05-28 Fri\\>

- [ ] Sheets imaged

## WAITING Phase 4: Publication

- [ ] Records pushed
"""


def test_an_org_mode_export_gives_statuses_tags_and_planning_stamps() -> None:
    phases = directive_items(lossless(ORG_EXPORT).text)
    assert [
        (p["title"], p.get("status"), p.get("tags"), p.get("start"), p.get("end")) for p in phases
    ] == [
        ("Phase 1: Test rig", "done", "hardware", "2027-02-08", "2027-02-26"),
        ("Phase 2: Clean-up", "in-progress", "data, db", "2027-03-01", None),
        ("Phase 3: Sprint", "planned", None, "2027-04-05", "2027-05-28"),
        ("Phase 4: Publication", "blocked", None, None, None),
    ]
