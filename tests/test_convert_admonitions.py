"""``implplan convert`` on the admonitions other Markdown tools write (Pandoc and
Quarto ``:::`` divs, MkDocs ``!!!`` admonitions) and on the other ways teams set
their risks apart: idiom headings, italic leads and watch-list tables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from build_helpers import read_needs
from convert_helpers import build_converted_plan, directive_items, lossless
from test_convert_risks import _plan, _risks

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

CALLOUTS = """\
## Risks

::: {.callout-warning title="Modem dies over winter"}
Salt spray killed the last one. A spare waits in the hut.
:::

::: {.callout-caution}
## Loggers run out early
Cold nights drain the batteries. Mitigation: a slower fix rate at night.
:::

::: {.callout-note}
Permits are renewed each March.
:::

!!! danger "Export format changes"
    The vendor changed the columns twice last year.

!!! failure "Old displays"
    Some run a browser from 2017.

    - Mitigation: a plain HTML page

!!! question "Open question"
    Do we keep the old app for staff?

!!! tip
    **Supplier exit.** The supplier may leave the framework; we keep a second quote.
"""


def test_warning_admonitions_in_a_risk_section_are_risks() -> None:
    result = lossless(_plan(CALLOUTS))
    risks = {risk["title"]: risk for risk in _risks(result.text)}
    assert list(risks) == [
        "Modem dies over winter",
        "Loggers run out early",
        "Export format changes",
        "Old displays",
        "Supplier exit",
    ]
    assert risks["Loggers run out early"]["mitigation"] == "a slower fix rate at night."
    assert risks["Old displays"]["mitigation"] == "a plain HTML page"
    assert "**Callout**: warning" in risks["Modem dies over winter"]["body"]
    # a note, a tip without a bold lead and a question are remarks: kept as written
    assert "::: {.callout-note}\nPermits are renewed each March.\n:::" in result.text
    assert '!!! question "Open question"' in result.text


def test_a_heading_inside_a_div_starts_no_section() -> None:
    text = _plan(CALLOUTS + "\nAfter the callouts.\n")
    result = lossless(text)
    # the risk section goes on past the div's heading: every risk is still found
    assert result.counts["impl-risk"] == 5


def test_an_admonition_leading_a_phase_gives_its_dates() -> None:
    text = """\
# Timetable app

## Sprint 1: Import

!!! info "When"
    **4 - 15 January 2027**

- [ ] Parse the export

## Sprint 2: Views

!!! note "Schedule"
    Start: 2027-01-18
    End: 2027-01-29

- [ ] Pupil view
"""
    phases = directive_items(lossless(text).text)
    assert [(p["start"], p["end"]) for p in phases] == [
        ("2027-01-04", "2027-01-15"),
        ("2027-01-18", "2027-01-29"),
    ]
    assert '!!! info "When"' in phases[0]["body"]


IDIOMS = """\
## What keeps us up at night

1. **Pickers don't trust the carts**: volunteers only.

## Known sharp edges

### Narrow aisle 19

The carts need 1.2 m and the aisle is 1.1 m. Mitigation: one-way for carts.

## Watch list

| Trigger | What it tells us | Fallback |
|---|---|---|
| Battery low before the shift ends | docks too few | stagger charging |

## Pitfalls

*The framework has one supplier left.* We may run an open tender.

*These were last reviewed in February.*
"""


def test_risks_under_idiom_headings_italic_leads_and_watch_lists() -> None:
    result = lossless(_plan(IDIOMS))
    risks = {risk["title"]: risk for risk in _risks(result.text)}
    assert list(risks) == [
        "Pickers don't trust the carts",
        "Narrow aisle 19",
        "Battery low before the shift ends",
        "The framework has one supplier left",
    ]
    assert risks["Battery low before the shift ends"]["mitigation"] == "stagger charging"
    # an italic paragraph with nothing after its lead is a remark
    assert "*These were last reviewed in February.*" in result.text.splitlines()


def test_a_plan_of_admonitions_builds_with_only_missing_levels_warned(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    result = lossless(_plan(CALLOUTS + "\n" + IDIOMS))
    warnings, _ = build_converted_plan(make_app, tmp_path / "callouts", result.text)
    assert {subtype for subtype, _ in warnings} == {"implplan.missing"}
    assert len(warnings) == 2 * result.counts["impl-risk"] == 18


PHASE_WITH_RISKS = """\
# Podcast downloads

## Milestone 1: Storage (Weeks 1-3)

- [x] Download queue

> **Risk:** iOS purges the caches folder. We store episodes elsewhere.

> **Note:** Android reuses the media cache.

- [ ] Encrypted storage

> [!CAUTION]
> Risk: analytics count a download as a listen.
> Mitigation: send the event on playback only.

> [!WARNING]
> Do not ship the flag on by default.

## Milestone 2: Beta

!!! danger "Risk: old Android versions"
    Downloads may stall below Android 8.

!!! warning "Deploy freeze"
    Do not deploy on Fridays.

!!! caution "Store review"
    Apple's review may take a week in December.

- [ ] Beta on both stores
"""


def test_a_quote_or_callout_naming_a_risk_is_a_risk_inside_its_phase() -> None:
    result = lossless(PHASE_WITH_RISKS)
    phases = directive_items(result.text)
    assert [phase["title"] for phase in phases] == [
        "Milestone 1: Storage (Weeks 1-3)",
        "Milestone 2: Beta",
    ]
    risks = _risks(phases[0]["body"]) + _risks(phases[1]["body"])
    assert [(risk["title"], risk.get("mitigation")) for risk in risks] == [
        ("iOS purges the caches folder", None),
        ("analytics count a download as a listen", "send the event on playback only."),
        ("old Android versions", None),
        ("Store review", None),
    ]
    assert result.counts["impl-risk"] == 4
    # the plan's first risks are in the first phase: the heat map follows that phase,
    # once, outside it
    before_second = result.text.split("````{impl-phase} Milestone 2")[0]
    assert before_second.rstrip().endswith("````\n\n```{impl-risk-matrix}\n```")
    assert result.text.count("{impl-risk-matrix}") == 1
    # a warning telling what to do is an instruction; a note is a remark
    for kept in ("> **Note:** Android", "> Do not ship the flag", '!!! warning "Deploy freeze"'):
        assert kept in result.text


def test_risks_inside_phases_build_as_needs_of_the_plan(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    result = lossless(PHASE_WITH_RISKS)
    warnings, app = build_converted_plan(make_app, tmp_path / "phase-risks", result.text)
    assert {subtype for subtype, _ in warnings} == {"implplan.missing"}
    needs = read_needs(app)
    assert sorted(need["type"] for need in needs.values() if need["type"] != "req") == [
        "impl-phase",
        "impl-phase",
        "impl-plan",
        "impl-risk",
        "impl-risk",
        "impl-risk",
        "impl-risk",
    ]
    # the phase still counts its own checklist, not the risks' text
    report = (Path(app.outdir) / "implplan.json").read_text(encoding="utf8")
    assert '"total": 2' in report


def test_a_quarto_warning_inside_a_phase_is_its_risk() -> None:
    text = """\
# Survey pipeline

## Phase 1: Ingest

- [ ] New ingest

::: {.callout-caution}
## Small cells
Weighting fails below 30 answers.
:::

::: {.callout-tip}
Use the cache.
:::

- [ ] Backfill
"""
    result = lossless(text)
    (phase,) = directive_items(result.text)
    assert [risk["title"] for risk in _risks(phase["body"])] == ["Small cells"]
    # the div's fences go with it; the tip stays whole
    assert phase["body"].count(":::") == 2
    assert "::: {.callout-tip}\nUse the cache.\n:::" in phase["body"]


def test_a_risk_titled_with_another_kind_s_word_is_still_a_risk() -> None:
    text = _plan(
        "## Known sharp edges\n\n"
        "### Upstream schema changes\n\nThe vendor renames columns.\n\n"
        "### API rate limits\n\nA flood brings a burst of requests.\n\n"
        "### Testing\n\nWe test weekly.\n"
    )
    result = lossless(text)
    assert [risk["title"] for risk in _risks(result.text)] == [
        "Upstream schema changes",
        "API rate limits",
    ]


def test_a_callout_with_a_title_and_a_heading_keeps_both() -> None:
    text = _plan(
        '## Risks\n\n::: {.callout-warning title="Data loss"}\n## Sync interrupted\n'
        "We lose a day.\n:::\n"
    )
    (risk,) = _risks(lossless(text).text)
    assert risk["title"] == "Data loss"
    # a directive's body holds no heading: its words stay as a field
    assert "**Heading**: Sync interrupted" in risk["body"]


def test_a_note_titled_by_a_bold_lead_keeps_its_own_title() -> None:
    # a note is a remark unless a bold lead names a risk: the lead then titles the
    # risk, and the note's heading or title stays as a field
    for opening, kept in [
        ("::: {.callout-note}\n## Watch list\n", "**Heading**: Watch list"),
        ('::: {.callout-tip title="Quiet zone"}\n', "**Title**: Quiet zone"),
    ]:
        text = _plan(f"## Risks\n\n{opening}**Small files.** Streaming writes stall.\n:::\n")
        (risk,) = _risks(lossless(text).text)
        assert risk["title"] == "Small files"
        assert kept in risk["body"]


def test_a_callout_holding_only_a_list_keeps_its_kind_and_title_on_each_risk() -> None:
    # closed or left open at the end of the plan, as the property test found
    for closing in (":::\n", ""):
        text = _plan(
            '## Risks\n\n::: {.callout-warning title="Data loss"}\n'
            f"- **Outage** - down.\n- **Leak** - files exposed.\n{closing}"
        )
        risks = _risks(lossless(text).text)
        assert [risk["title"] for risk in risks] == ["Outage", "Leak"]
        for risk in risks:
            assert "**Callout**: warning" in risk["body"]
            assert "**Title**: Data loss" in risk["body"]
        # the plan's first risks: the heat map follows them
        assert lossless(text).text.count("```{impl-risk-matrix}") == 1


def test_a_docusaurus_admonition_is_titled_by_the_words_after_its_kind() -> None:
    text = _plan(
        "## Risks\n\n:::caution Pollen counts run late\n\nThe station sends them a day "
        "behind in spring.\n\n:::\n\n:::danger[Sensor theft]\n\nTwo masts lost last year."
        "\n\n:::\n\n:::note Not a risk: the new logo\n\nIt ships with the next release.\n\n"
        ":::\n"
    )
    result = lossless(text)
    risks = _risks(result.text)
    # the title is the risk's, and its text stays whole in the body
    assert [(risk["title"], risk["body"].split("\n\n")[0]) for risk in risks] == [
        ("Pollen counts run late", "The station sends them a day behind in spring."),
        ("Sensor theft", "Two masts lost last year."),
    ]
    assert "**Callout**: caution" in risks[0]["body"]
    assert "**Callout**: danger" in risks[1]["body"]
    # a note names no risk whatever its title: kept as written
    assert ":::note Not a risk: the new logo" in result.text.splitlines()
