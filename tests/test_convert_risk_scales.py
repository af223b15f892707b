"""``implplan convert`` on numeric risk levels: where the plan states the scale (in a
column's or a label's name, in the value, or in a legend by the table) a number
becomes low, medium or high by the third of the scale it falls in, and the number
stays in the body as written; where it does not, or the number is a product (a
score, an RPN), it stays and is named as before. One plan of these shapes is built:
the levels are the built needs', and no warning is added."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from build_helpers import read_needs
from convert_helpers import build_converted_plan, lossless
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_convert_risks import _plan, _risks

from sphinx_implplan.authoring.conversion.risk_levels import read_level
from sphinx_implplan.authoring.conversion.risk_scales import Scale, stated_scale

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp


@pytest.mark.parametrize(
    ("lowest", "highest", "levels"),
    [
        (1, 3, "LMH"),
        (1, 4, "LMMH"),
        (1, 5, "LLMHH"),
        (0, 10, "LLLLMMMHHHH"),
        (1, 10, "LLLMMMMHHH"),
    ],
)
def test_a_scale_is_split_in_thirds_a_border_going_to_medium(
    lowest: int, highest: int, levels: str
) -> None:
    names = {"L": "low", "M": "medium", "H": "high"}
    scale = Scale(lowest, highest)
    assert [scale.level(str(n)) for n in range(lowest, highest + 1)] == [
        names[letter] for letter in levels
    ]
    # a number off the scale, or no number, is no level
    assert scale.level(str(highest + 1)) is None
    assert scale.level("high") is None


@pytest.mark.parametrize(
    ("text", "scale"),
    [
        ("Impact (1-5)", (1, 5)),
        ("P (1\u20135)", (1, 5)),
        ("Severity [1-10]", (1, 10)),
        ("Likelihood 1-3", (1, 3)),
        ("\u5f71\u97ff\u5ea6\uff081\u301c5\uff09", (1, 5)),
        ("Scores: 1 = very low ... 5 = very high", (1, 5)),
        ("S = severity, O = occurrence, D = detection (1\u201310).", (1, 10)),
        ("Scale 1-5", (1, 5)),
        ("Scale: 1 (rare) to 5 (almost certain)", (1, 5)),
        ("Skala von 0 bis 10", (0, 10)),
        ("Impact", None),
        ("Released 2025-2027", None),
        ("Phase 1-2", None),
        ("Cut over on 2027-03-09", None),
    ],
)
def test_the_scale_a_name_or_a_legend_states(text: str, scale: tuple[int, int] | None) -> None:
    found = stated_scale(text)
    assert ((found.lowest, found.highest) if found is not None else None) == scale


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        ("4/5", "high"),
        ("3 / 5", "medium"),
        ("4 of 5", "high"),
        ("2 out of 5", "low"),
        ("7/10", "medium"),
        ("0/10", "low"),
        ("2 von 5", "low"),
        ("4", None),
        ("6/5", None),
        ("1/2", None),
    ],
)
def test_a_number_that_writes_its_scale_is_a_level(raw: str, level: str | None) -> None:
    assert read_level(raw) == level


SCALED_COLUMNS = """\
## Risks

| ID | Risk | Probability (1-5) | Impact (1-5) | RAG | Owner | Mitigation |
|----|------|:---:|:---:|:---:|---|---|
| R-01 | Licence server rejects renewals | 3 | 4 | Amber | Sipho | Test matrix |
| R-02 | Ratings are late | 1 | 2 | Green | Elodie | Hide unrated titles |

### Thesis

| Threat | P (1\u20135) | I (1\u20135) | Score | Contingency |
|--------|:---:|:---:|:---:|---|
| Reference data late | 2 | 5 | 10 | Use the 2025 campaign |

### Other scales

| Risk | Likelihood 1-3 | Severity [1-10] | Mitigation |
|---|---|---|---|
| Disk fills | 2 | 8 | Alert at 80% |
| Clock skew | 3 | 6 | Chrony on every host |
"""


def test_a_number_in_a_column_that_states_its_scale_is_a_level() -> None:
    result = lossless(_plan(SCALED_COLUMNS))
    risks = _risks(result.text)
    assert [(r["title"], r.get("likelihood"), r.get("impact")) for r in risks] == [
        ("Licence server rejects renewals", "medium", "high"),
        ("Ratings are late", "low", "low"),
        ("Reference data late", "low", "high"),
        ("Disk fills", "medium", "high"),
        ("Clock skew", "high", "medium"),
    ]
    # the number stays as written, as any level written otherwise than the option
    assert risks[0]["body"] == (
        "**ID**: R-01\n\n**Probability (1-5)**: 3\n\n**Impact (1-5)**: 4\n\n**RAG**: Amber"
    )
    assert risks[0]["owner"] == "Sipho"
    # a score is a product, never a level: it stays a field
    assert risks[2]["body"] == "**P (1\u20135)**: 2\n\n**I (1\u20135)**: 5\n\n**Score**: 10"
    assert "**Severity [1-10]**: 8" in risks[3]["body"]
    assert not result.notes


FMEA = """\
## FMEA (update process)

| Failure mode | Effect | S | O | D | RPN | Action |
|---|---|---|---|---|---|---|
| Power loss while writing slot B | Board boots a corrupted image | 9 | 3 | 2 | 54 | A/B slots |
| Derating too aggressive | Lower output | 5 | 4 | 4 | 80 | Cooler regions first |

S = severity, O = occurrence, D = detection (1\u201310).
"""


def test_an_fmea_legend_gives_severity_and_occurrence_their_levels() -> None:
    result = lossless(_plan(FMEA))
    risks = _risks(result.text)
    # severity is the impact, occurrence the likelihood; detection and RPN stay
    assert [(r["title"], r.get("impact"), r.get("likelihood")) for r in risks] == [
        ("Power loss while writing slot B", "high", "low"),
        ("Derating too aggressive", "medium", "medium"),
    ]
    assert risks[0]["body"] == (
        "**Effect**: Board boots a corrupted image\n\n**S**: 9\n\n**O**: 3\n\n**D**: 2"
        "\n\n**RPN**: 54"
    )
    assert not result.notes
    # the legend stays where it is written
    assert "S = severity, O = occurrence, D = detection (1\u201310)." in result.text


LEGENDS = """\
## Risks

Scores: 1 = very low ... 5 = very high

| Risk | P | I | Mitigation |
|---|---|---|---|
| Token leak | 2 | 5 | Rotate keys |

### Register

| Risk | Likelihood | Impact | Score | Mitigation |
|---|---|---|---|---|
| Vendor outage | 3 | 2 | 6 | Second vendor |

*Likelihood and impact are scored 1\u20133; Score = Likelihood \u00d7 Impact.*

### Mixed

Likelihood: 1 (rare) to 3 (likely); impact: 1 (minor) to 10 (fatal).

| Risk | Likelihood | Impact | Mitigation |
|---|---|---|---|
| Data loss | 3 | 4 | Nightly backups |
"""


def test_a_legend_above_or_under_a_table_gives_its_scale() -> None:
    result = lossless(_plan(LEGENDS))
    risks = _risks(result.text)
    assert [(r["title"], r.get("likelihood"), r.get("impact")) for r in risks] == [
        ("Token leak", "low", "high"),
        ("Vendor outage", "high", "medium"),
        # each level's own part of the legend, when it names them apart
        ("Data loss", "high", "medium"),
    ]
    assert risks[0]["body"] == "**P**: 2\n\n**I**: 5"
    assert "**Score**: 6" in risks[1]["body"]
    assert not result.notes


UNSTATED = """\
## Risk register

| ID | Risk | P | I | Score |
|---|---|---|---|---|
| R-01 | Checksum mismatch | 1 | 5 | 5 |

Score = P \u00d7 I (1-25).

## Open risks

These risks came up in phases 1-3 of the pilot.

| Risk | Impact (1-5) | Likelihood |
|---|---|---|
| Cache stampede | 7 | 2 |
"""


def test_a_number_without_its_scale_stays_and_is_named() -> None:
    result = lossless(_plan(UNSTATED))
    risks = _risks(result.text)
    # the range of a product is not its factors'; a range in a sentence is no scale;
    # a number off its column's scale is no level
    assert [(r["title"], r.get("likelihood"), r.get("impact")) for r in risks] == [
        ("Checksum mismatch", None, None),
        ("Cache stampede", None, None),
    ]
    assert risks[0]["body"] == "**ID**: R-01\n\n**P**: 1\n\n**I**: 5\n\n**Score**: 5"
    messages = sorted(message for _, message in result.notes)
    assert messages == [
        "impl-risk 'Cache stampede': Impact (1-5) '7' is not low, medium or high; kept in its body",
        "impl-risk 'Cache stampede': Likelihood '2' is not low, medium or high; kept in its body",
        "impl-risk 'Checksum mismatch': I '5' is not low, medium or high; kept in its body",
        "impl-risk 'Checksum mismatch': P '1' is not low, medium or high; kept in its body",
    ]


TEXT = """\
## Risks

- Cache stampede (likelihood 2/5, impact 4 of 5)
- **Vendor lock-in**: one vendor.
  - Probability: 4 out of 5
  - Impact (1-5): 2
- Token expiry. Impact 4/5, likelihood 1/5.
- Region loss. Impact on 3 of 5 regions.

**Risk**: Burnout
**Impact (1-5)**: 5
**Likelihood**: 3 out of 5
"""


def test_numbers_with_their_scale_in_text_and_labels_are_levels() -> None:
    result = lossless(_plan(TEXT))
    risks = _risks(result.text)
    assert [(r["title"], r.get("likelihood"), r.get("impact")) for r in risks] == [
        ("Cache stampede", "low", "high"),
        ("Vendor lock-in", "high", "low"),
        ("Token expiry", "low", "high"),
        # a count (``3 of 5 regions``) is no level
        ("Region loss", None, None),
        ("Burnout", "medium", "high"),
    ]
    assert risks[0]["body"] == "**likelihood**: 2/5\n\n**impact**: 4 of 5"
    assert "**Probability**: 4 out of 5" in risks[1]["body"]
    assert "**Impact (1-5)**: 2" in risks[1]["body"]
    assert risks[4]["body"] == "**Impact (1-5)**: 5\n\n**Likelihood**: 3 out of 5"


EVERY_SCALE = _plan(SCALED_COLUMNS + "\n" + FMEA + "\n" + LEGENDS.replace("## Risks", "## Risiken"))


def test_a_plan_of_stated_scales_builds_with_its_levels_and_no_added_warning(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    result = lossless(EVERY_SCALE)
    assert not result.notes
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", EVERY_SCALE)
    converted, app = build_converted_plan(make_app, tmp_path / "converted", result.text)
    # every risk has both levels: no warning asks for one
    assert converted - plain == set()
    needs = {
        need["title"]: need for need in read_needs(app).values() if need["type"] == "impl-risk"
    }
    assert len(needs) == result.counts["impl-risk"] == 10
    assert {title: (n["likelihood"], n["impact"]) for title, n in needs.items()} == {
        "Licence server rejects renewals": ("medium", "high"),
        "Ratings are late": ("low", "low"),
        "Reference data late": ("low", "high"),
        "Disk fills": ("medium", "high"),
        "Clock skew": ("high", "medium"),
        "Power loss while writing slot B": ("low", "high"),
        "Derating too aggressive": ("medium", "medium"),
        "Token leak": ("low", "high"),
        "Vendor outage": ("high", "medium"),
        "Data loss": ("high", "medium"),
    }


_LINES = [
    "## Risks",
    "### Register",
    "| Risk | P (1-5) | I | Score |",
    "| Failure mode | S | O | D | RPN |",
    "|---|---|---|---|",
    "| Leak | 4 | 2/5 | 8 |",
    "| Outage | 11 | 0 | 3 of 5 |",
    "Scale 1-5",
    "Scores: 1 = very low ... 5 = very high",
    "S = severity, O = occurrence, D = detection (1-10).",
    "Score = P \u00d7 I (1-25).",
    "- Cache (likelihood 2/5, impact 4 of 5)",
    "  - Impact (1-5): 9",
    "**Likelihood [1-3]**: 2",
    "Impact on 3 of 5 regions.",
    "",
    "words 1-3 here",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=12), max_size=25))
def test_any_risk_section_with_scales_converts_without_error_or_loss(lines: list[str]) -> None:
    result = lossless("# Plan\n\n## Risks\n\n" + "\n".join(lines) + "\n")
    assert result.text.count("```{impl-risk-matrix}") == (1 if result.counts["impl-risk"] else 0)
