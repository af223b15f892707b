"""``implplan convert`` on the risk shapes real plans take beyond tables and
labelled items: levels in parentheses or in words, numbered risk lists, risks in a
``<details>`` block, definition-list-like risks, and level lines inside a risk's
paragraph. Each shape is checked as text; one plan holding them all is built."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from build_helpers import build_warnings, copy_root, read_needs
from convert_helpers import directive_items, lossless
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_convert_risks import _plan, _risks

from sphinx_implplan.authoring.conversion.risk_shapes import (
    inline_levels,
    level_parens,
    trailing_levels,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp


@pytest.mark.parametrize(
    ("raw", "kept", "levels"),
    [
        (
            "index wiped during reindex (likelihood: high, impact: medium)",
            "index wiped during reindex",
            [("likelihood", "high"), ("impact", "medium")],
        ),
        ("Quota runs out (Impact = High; Probability = low).", "Quota runs out.", None),
        ("Vendor lock-in (high impact, low likelihood)", "Vendor lock-in", None),
        ("Outage (see RFC-12) (severity: med)", "Outage (see RFC-12)", [("severity", "med")]),
        ("Outage (impact: critical)", "Outage (impact: critical)", []),
        ("Flaky `f(impact: high)` call", "Flaky `f(impact: high)` call", []),
    ],
)
def test_levels_in_parentheses_leave_the_text(
    raw: str, kept: str, levels: list[tuple[str, str]] | None
) -> None:
    text, fields = level_parens(raw)
    assert text == kept
    if levels is not None:
        assert [(field.name, field.value.plain) for field in fields] == levels
    else:
        assert len(fields) == 2


@pytest.mark.parametrize(
    ("raw", "options"),
    [
        ("Impact high, likelihood medium.", {"impact": "high", "likelihood": "medium"}),
        ("Probability is low and the impact is high", {"likelihood": "low", "impact": "high"}),
        ("A high impact, low likelihood event", {"impact": "high", "likelihood": "low"}),
        ("Nothing about levels here", {}),
    ],
)
def test_levels_in_words(raw: str, options: dict[str, str]) -> None:
    found = {f.column.option: f.value.plain.lower() for f in inline_levels(raw) if f.column}
    assert found == options
    assert all(field.shown for field in inline_levels(raw))


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Token expiry mid-sync. Impact medium, likelihood high.", "Token expiry mid-sync."),
        ("Outage - high impact", "Outage -"),
        ("High impact outage", "High impact outage"),
    ],
)
def test_levels_ending_a_title(raw: str, title: str) -> None:
    assert trailing_levels(raw)[0] == title


LEVELS = """\
## Risks

- Index wiped during reindex (likelihood: high, impact: medium). Mitigation: snapshot first
- **Quota**: we run out of API quota (Impact = High; Probability = low).
- Token expiry mid-sync. Impact medium, likelihood high.
  - Mitigation: refresh tokens early
- **Slow queries**: impact high, likelihood medium. Mitigation: a cache.
- Outage of the provider (impact: critical)
"""


def test_levels_written_in_the_text_become_options() -> None:
    risks = _risks(lossless(_plan(LEVELS)).text)
    assert [(r["title"], r.get("impact"), r.get("likelihood")) for r in risks] == [
        ("Index wiped during reindex", "medium", "high"),
        ("Quota", "high", "low"),
        ("Token expiry mid-sync", "medium", "high"),
        ("Slow queries", "high", "medium"),
        ("Outage of the provider (impact: critical)", None, None),
    ]
    assert risks[0]["body"] == ""
    assert risks[0]["mitigation"] == "snapshot first"
    assert risks[2]["mitigation"] == "refresh tokens early"
    # a name other than the option's stays with its level
    assert risks[1]["body"] == "we run out of API quota.\n\n**Probability**: low"
    # the words stay where they were written
    assert risks[3]["body"] == "impact high, likelihood medium."
    assert risks[3]["mitigation"] == "a cache."
    assert all("(" not in r["title"] or ")" in r["title"] for r in risks)


NUMBERED = """\
## Risk register

1. **R1 \u2014 Data loss**: the index is wiped during a reindex (likelihood: low, impact: high)
2. **R2 \u2014 Slow queries**: Impact medium, likelihood high. Mitigation: a cache.
3. **R3: Key leak** \u2014 a token ends up in logs.
"""


def test_numbered_risk_lists() -> None:
    risks = _risks(lossless(_plan(NUMBERED)).text)
    assert [(r["title"], r.get("impact"), r.get("likelihood")) for r in risks] == [
        ("R1 \u2014 Data loss", "high", "low"),
        ("R2 \u2014 Slow queries", "medium", "high"),
        ("R3: Key leak", None, None),
    ]


DETAILS = """\
## Risks

<details>
<summary>Known risks (3)</summary>
- **Quota**: we run out of quota (likelihood: low, impact: high)
- **Clock skew**: edits land out of order. **Mitigation**: server time
</details>

<details open>
<summary>Legacy risks</summary>
<ul><li>An old risk written in HTML</li></ul>
</details>

<div>
| Risk | Impact | Likelihood |
|---|---|---|
| Disk full | High | Low |
</div>
"""


def test_risks_inside_a_details_block() -> None:
    result = lossless(_plan(DETAILS))
    risks = _risks(result.text)
    assert [r["title"] for r in risks] == ["Quota", "Clock skew", "Disk full"]
    assert risks[1]["mitigation"] == "server time"
    lines = result.text.splitlines()
    for tag in ("<details>", "<summary>Known risks (3)</summary>", "</details>"):
        assert tag in lines
    assert "<ul><li>An old risk written in HTML</li></ul>" in lines
    assert any("HTML block kept as written" in message for _, message in result.notes)


DEFINITIONS = """\
## Risks

Stale caches
: Users see old results (impact: low).
: Mitigation: a short TTL.

**Clock skew**

: Edits land out of order.
: Likelihood: medium

Vendor lock-in
: We depend on one vendor. Impact high, likelihood low.
Data loss
: Backups are untested.
"""


def test_definition_list_risks() -> None:
    risks = _risks(lossless(_plan(DEFINITIONS)).text)
    assert [(r["title"], r.get("impact"), r.get("likelihood")) for r in risks] == [
        ("Stale caches", "low", None),
        ("Clock skew", None, "medium"),
        ("Vendor lock-in", "high", "low"),
        ("Data loss", None, None),
    ]
    assert risks[0]["body"] == "Users see old results."
    assert risks[0]["mitigation"] == "a short TTL."
    assert risks[3]["body"] == "Backups are untested."


def test_a_definition_list_outside_a_risk_section_stays() -> None:
    source = "# Plan\n\n## Glossary\n\nStale cache\n: An old copy.\n"
    result = lossless(source)
    assert not result.counts["impl-risk"]
    assert "Stale cache\n: An old copy.\n" in result.text


SENTENCE = """\
## Risks

### Vendor lock-in

The vendor is large and
**Likelihood**: medium. **Impact**: high. We could
migrate later if needed.

**Mitigation**: keep an export path.

### Burnout

On-call is heavy.
**Likelihood**: high
**Impact**: medium
**Mitigation**: rotate the rota.
"""


def test_a_level_line_inside_a_sentence_stays_in_place() -> None:
    risks = _risks(lossless(_plan(SENTENCE)).text)
    lock_in, burnout = risks
    assert (lock_in["impact"], lock_in["likelihood"]) == ("high", "medium")
    assert lock_in["mitigation"] == "keep an export path."
    assert lock_in["body"] == (
        "The vendor is large and\n**Likelihood**: medium. **Impact**: high. We could\n"
        "migrate later if needed."
    )
    # lines that end a sentence and stand alone still become options
    assert (burnout["impact"], burnout["likelihood"]) == ("medium", "high")
    assert burnout["body"] == "On-call is heavy."


EVERY_SHAPE = _plan(
    LEVELS
    + "\n"
    + NUMBERED.replace("## Risk register\n", "")
    + "\n"
    + DETAILS.replace("## Risks\n", "")
    + "\n"
    + DEFINITIONS.replace("## Risks\n", "")
    + "\n"
    + SENTENCE.replace("## Risks\n", "")
)


def test_a_plan_with_every_risk_shape_builds_with_only_the_missing_levels_warned(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    result = lossless(EVERY_SHAPE)
    srcdir = copy_root("convert", tmp_path / "shapes")
    (srcdir / "plan.md").write_text(result.text, encoding="utf8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    needs = [n for n in read_needs(app).values() if n["type"] == "impl-risk"]
    assert len(needs) == result.counts["impl-risk"] == 17
    missing = {
        (need["id"], option)
        for need in needs
        for option in ("impact", "likelihood")
        if not need.get(option)
    }
    warnings = build_warnings(app)
    assert sorted((w.subtype, w.message) for w in warnings) == sorted(
        ("implplan.missing", f"{need_id}: the required option :{option}: is missing")
        for need_id, option in missing
    )
    risks = {need["title"]: need for need in needs}
    assert risks["Index wiped during reindex"]["score"] == 6
    assert risks["Vendor lock-in"]["impact"] == "high"


_LINES = [
    "## Risks",
    "### Vendor lock-in",
    "<details>",
    "<summary>More</summary>",
    "</details>",
    "<ul><li>x</li></ul>",
    "- Outage (likelihood: high, impact: medium)",
    "- Outage (impact: high",
    "1. **R1 \u2014 Loss**: gone (impact: low)",
    "- Expiry. Impact medium, likelihood high.",
    "Stale caches",
    ": Users see old results (impact: low).",
    ": Mitigation: short TTL.",
    "**Likelihood**: medium. **Impact**: high. We",
    "**Impact**: high",
    "The vendor is large and",
    "| Risk | Impact |",
    "|---|---|",
    "| Disk | High |",
    "`(impact: high)`",
    "",
    "",
    "words",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=15), max_size=30))
def test_any_risk_section_of_these_shapes_converts_without_error_or_loss(
    lines: list[str],
) -> None:
    result = lossless("# Plan\n\n" + "\n".join(lines) + "\n")
    assert result.text.count("```{impl-risk-matrix}") == (1 if result.counts["impl-risk"] else 0)
    for title in re.findall(r"^```\{impl-risk\} (.*)$", result.text, re.MULTILINE):
        assert title.count("(") <= title.count(")") + _open_parens(lines)


def _open_parens(lines: list[str]) -> int:
    """Parentheses the input leaves open, which a title may keep."""
    return sum(max(line.count("(") - line.count(")"), 0) for line in lines)


def test_a_mitigation_line_takes_the_lines_that_go_on_with_its_sentence() -> None:
    section = (
        "## Risks\n\n### Burnout\n\n**Impact**: high\n**Mitigation**: rotate\n"
        "the on-call rota weekly.\n\n### Drift\n\n**Mitigation**: pin versions.\n"
        "Drift is rare here.\n"
    )
    burnout, drift = _risks(lossless(_plan(section)).text)
    assert burnout["mitigation"] == "rotate the on-call rota weekly."
    assert burnout["body"] == ""
    assert drift["mitigation"] == "pin versions."
    assert drift["body"] == "Drift is rare here."


@pytest.mark.parametrize(
    "block",
    [
        (
            "<details>\n<summary>More</summary>\n\n- **Disk full**: logs fill it (impact: high)\n\n"
            "</details>\n"
        ),
        "<details>\n\n| Risk | Impact |\n|---|---|\n| Disk full | High |\n\n</details>\n",
        '<div class="risks">\n- Disk full (impact: high, likelihood: low)\n</div>\n',
    ],
)
def test_details_blocks_in_varied_shapes(block: str) -> None:
    result = lossless(_plan("## Risks\n\n" + block))
    (risk,) = _risks(result.text)
    assert (risk["title"], risk["impact"]) == ("Disk full", "high")
    assert block.splitlines()[0] in result.text.splitlines()


def test_a_definition_list_of_another_shape_stays_with_a_note() -> None:
    section = "## Risks\n\nStale caches\n  indented, no description line\n: a description\n"
    result = lossless(_plan(section))
    assert not result.counts["impl-risk"]
    assert any("definition list kept" in message for _, message in result.notes)


RISK_DETAILS = """\
## Rollback

Point the pool back at the old cluster.

<details>
<summary><strong>Risks and rollback triggers</strong> (click to expand)</summary>

| Risk | Trigger |
|---|---|
| Copy not finished before the window | Postpone a week |
| Plans regress on the new version | Roll back |

</details>

<details>
<summary>Retro notes</summary>

- Nobody owned the spec review

</details>
"""


def test_a_details_block_summarised_as_risks_under_another_heading() -> None:
    result = lossless(_plan(RISK_DETAILS))
    assert [risk["title"] for risk in _risks(result.text)] == [
        "Copy not finished before the window",
        "Plans regress on the new version",
    ]
    lines = result.text.splitlines()
    assert "<details>" in lines
    assert "</details>" in lines
    # a block summarised as anything else stays as written
    assert "- Nobody owned the spec review" in lines


LABELLED_LISTS = """\
## Phases

**Phase A \u2014 Pilot**

- [ ] Ten vans

*Risks:*

- Rate limit too low
- Drivers distrust tracking

*Notes:*

- Freeze in the last week

**Phase B \u2014 Fleet**

- [ ] The rest

The risks of this phase are low:

- Spare tablets run out
"""


def test_a_list_under_a_label_naming_risks_outside_a_risk_section() -> None:
    result = lossless(_plan(LABELLED_LISTS))
    assert [risk["title"] for risk in _risks(result.text)] == [
        "Rate limit too low",
        "Drivers distrust tracking",
    ]
    lines = result.text.splitlines()
    assert "*Risks:*" in lines
    # a list under another label, or under a sentence about risks, stays a list
    assert "- Freeze in the last week" in lines
    assert "- Spare tablets run out" in lines


QUOTED_LABELLED_LIST = """\
## Handover

> \u26a0\ufe0f **What could go wrong**
>
> - **Scanner firmware lags** behind the app. Pin the version.
> - **Night shift skips training.** Record the session.

> \U0001f4dd **Notes**
>
> - Printer on the left
"""


def test_a_quote_opening_with_a_label_naming_risks_holds_risks() -> None:
    result = lossless(_plan(QUOTED_LABELLED_LIST))
    assert [risk["title"] for risk in _risks(result.text)] == [
        "Scanner firmware lags",
        "Night shift skips training",
    ]
    lines = result.text.splitlines()
    # the label stays as written, without its quote mark
    assert "\u26a0\ufe0f **What could go wrong**" in lines
    # a quote under another label stays a quote
    assert "> - Printer on the left" in lines


RISKS_AFTER_THE_LAST_PHASE = """\
## Phase 1: Pilot

- [ ] Ten stores

<details>
<summary>Open notes</summary>

- Ask about the loading bay
</details>

## Phase 2: Rollout

- [ ] Every store

> \u26a0\ufe0f **Risks we see**
>
> - Handhelds arrive late

<details>
<summary><b>Risks</b> (click to expand)</summary>

| Risk | Impact |
|------|--------|
| Staff turnover | High |

</details>

## Done means

- Stock counts match
"""


def test_risks_set_apart_after_a_phase_are_left_out_of_it() -> None:
    result = lossless(_plan(RISKS_AFTER_THE_LAST_PHASE))
    assert [risk["title"] for risk in _risks(result.text)] == [
        "Handhelds arrive late",
        "Staff turnover",
    ]
    pilot, rollout = directive_items(result.text)
    # details summarised as anything else stay the phase's
    assert "Ask about the loading bay" in pilot["body"]
    assert "<details>" not in rollout["body"]
    assert "Risks we see" not in rollout["body"]


HTML_CALLOUTS = """\
## Phase 1: Build

- [ ] The scanner app

<div class="callout">
\U0001f525 **Risks to watch**

- Licences cost more

</div>

## Notes

<aside>

**Risks**

- Nobody owns the server

</aside>

<aside>
**Reminders**

- Book the room
</aside>
"""


def test_html_callouts_opening_with_a_label_naming_risks_hold_risks() -> None:
    result = lossless(_plan(HTML_CALLOUTS))
    assert [risk["title"] for risk in _risks(result.text)] == [
        "Licences cost more",
        "Nobody owns the server",
    ]
    (build,) = directive_items(result.text)
    assert "callout" not in build["body"]
    lines = result.text.splitlines()
    # the tags stay as written around the risks; another label's list stays a list
    assert lines.count("</aside>") == 2
    assert '<div class="callout">' in lines
    assert "- Book the room" in lines


WARNING_SIGNS = """\
**Step 1 \u2014 Tags**
- [ ] Tag the books

\u26a0\ufe0f Pupils forget their cards. Let them type their names.

\u26a0 The gate beeps at tagged books. Test ten first.

The budget is fixed.

\u26a0\ufe0f Mind the wet paint in the hall.

## Testing

\u26a0\ufe0f Staging is shared with the office.

\u26a0\ufe0f Reset the kiosk after each run.

## Risks

\u26a0\ufe0f The supplier goes bust. Keep the old desk scanner.
"""


def test_paragraphs_led_by_a_warning_sign_are_risks() -> None:
    result = lossless(_plan(WARNING_SIGNS))
    # in a risk section one is a risk; elsewhere two in a row make a list of risks
    assert [(risk["title"], risk["body"]) for risk in _risks(result.text)] == [
        ("Pupils forget their cards", "Let them type their names."),
        ("The gate beeps at tagged books", "Test ten first."),
        ("The supplier goes bust", "Keep the old desk scanner."),
    ]
    lines = result.text.splitlines()
    # one alone, or a run in a section of another kind, stays as written
    assert "\u26a0\ufe0f Mind the wet paint in the hall." in lines
    assert "\u26a0\ufe0f Staging is shared with the office." in lines


def test_paragraphs_with_an_asciidoc_warning_label_are_risks() -> None:
    text = _plan(
        "## Risks\n\nWARNING: The ferry stops in gales. Ship spares a week early.\n\n"
        "CAUTION: Only one electrician holds the permit. Train a second.\n\n"
        "NOTE: The depot is insured by the council.\n\n"
        "Warning: lower case is a sentence, not a label.\n"
    )
    result = lossless(text)
    risks = _risks(result.text)
    assert [(risk["title"], risk["body"].split("\n\n")[0]) for risk in risks] == [
        ("The ferry stops in gales", "Ship spares a week early."),
        ("Only one electrician holds the permit", "Train a second."),
    ]
    # the label stays, in words
    assert "**Callout**: warning" in risks[0]["body"]
    assert "**Callout**: caution" in risks[1]["body"]
    lines = result.text.splitlines()
    assert "NOTE: The depot is insured by the council." in lines
    assert "Warning: lower case is a sentence, not a label." in lines
