"""``implplan convert`` on risk sections of every shape plans write them in: tables
with any of the usual columns, levels written loosely, severity headings, labelled
list items, ``### Risk: X`` subsections and labelled paragraphs; and a build of a
plan holding them all."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_warnings, copy_root, read_needs
from convert_helpers import DIRECTIVE, lossless
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_implplan.authoring.conversion.risk_levels import read_level, severity_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp


def _risks(text: str) -> list[dict[str, Any]]:
    """Each ``impl-risk`` of a converted plan: title, options and body."""
    risks = []
    for match in DIRECTIVE.finditer(text):
        if match.group(2) != "impl-risk":
            continue
        options = dict(re.findall(r"^:([\w-]+): (.*)$", match.group(4), re.MULTILINE))
        options.pop("id")
        risks.append({"title": match.group(3).strip(), **options, "body": match.group(5).strip()})
    return risks


def _plan(risk_section: str) -> str:
    return f"# Implementation Plan: Sync\n\nSome intro.\n\n{risk_section}"


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        ("High", "high"),
        ("HIGH", "high"),
        ("H", "high"),
        ("Med", "medium"),
        ("moderate", "medium"),
        ("medium-high", "high"),
        ("Low to Medium", "medium"),
        ("very low", "low"),
        ("élevé", "high"),
        ("niedrig", "low"),
        ("Mitj\u00e0", "medium"),
        ("Sedang", "medium"),
        ("visoka", "high"),
        ("\u0909\u091a\u094d\u091a", "high"),
        ("🔴 High", "high"),
        ("High/Medium/Low", None),
        ("Low to High", None),
        ("Critical", None),
        ("Sometimes", None),
        ("", None),
    ],
)
def test_levels_are_read_loosely(raw: str, level: str | None) -> None:
    assert read_level(raw) == level


@pytest.mark.parametrize(
    ("heading", "level"),
    [
        ("High Risk", "high"),
        ("Medium Risks", "medium"),
        ("Low risk", "low"),
        ("High-risk items", "high"),
        ("Risques élevés", "high"),
        ("Hohe Risiken", "high"),
        ("Riesgos bajos", "low"),
        ("Risk: High availability of the database", None),
        ("Risks", None),
        ("H", None),
    ],
)
def test_severity_headings(heading: str, level: str | None) -> None:
    assert severity_of(heading) == level


def test_tables_of_every_usual_shape() -> None:
    source = _plan(
        "## Risks\n\n"
        "| Risk | Mitigation |\n|---|---|\n| Vendor ships late | Two weeks of buffer |\n\n"
        "| Risk | Impact | Mitigation |\n|---|---|---|\n| Data loss | High | Nightly backups |\n\n"
        "| RISK | Probability | Severity | Owner | Mitigation | Notes |\n|---|---|---|---|---|---|\n"
        "| Slow queries | Med | medium-high | Ana | Indexes | seen in staging |\n"
        "| Odd failures | Sometimes | Critical | | | |\n"
        "| | | | | | stray words |\n"
    )
    result = lossless(source)
    assert _risks(result.text) == [
        {"title": "Vendor ships late", "mitigation": "Two weeks of buffer", "body": ""},
        {"title": "Data loss", "impact": "high", "mitigation": "Nightly backups", "body": ""},
        {
            "title": "Slow queries",
            "impact": "high",
            "likelihood": "medium",
            "mitigation": "Indexes",
            "owner": "Ana",
            "body": "**Probability**: Med\n\n**Severity**: medium-high\n\n**Notes**: seen in staging",
        },
        {"title": "Odd failures", "body": "**Probability**: Sometimes\n\n**Severity**: Critical"},
    ]
    # the view follows the first risks only; the row naming no risk stays
    assert result.text.count("```{impl-risk-matrix}") == 1
    assert result.text.index("impl-risk-matrix") < result.text.index("Data loss")
    assert "| | | | | | stray words |" in result.text
    messages = [message for _, message in result.notes]
    assert (
        "impl-risk 'Odd failures': Severity 'Critical' is not low, medium or high; kept in its body"
        in messages
    )
    assert "risk table row kept: it names no risk" in messages


def test_a_table_without_a_risk_column_is_kept_and_named() -> None:
    # no column but levels and numbers: nothing can name the risks
    source = _plan("## Risks\n\n| # | Impact |\n|---|---|\n| 1 | High |\n")
    result = lossless(source)
    assert result.counts["impl-risk"] == 0
    assert (7, "risk table kept: no column named risk or description") in result.notes


def test_a_risk_table_without_a_risk_column_takes_its_first_column_of_words() -> None:
    source = _plan("## Risks\n\n| # | Thing | Impact |\n|---|---|---|\n| 1 | x | High |\n")
    (risk,) = _risks(lossless(source).text)
    assert risk == {"title": "x", "impact": "high", "body": "**#**: 1"}


def test_a_row_with_more_cells_than_columns_is_kept_and_named() -> None:
    source = _plan("## Risks\n\n| Risk | Impact |\n|---|---|\n| Outage | High | lost words |\n")
    result = lossless(source)
    assert result.counts["impl-risk"] == 0
    assert "| Outage | High | lost words |" in result.text.splitlines()
    assert (
        9,
        "risk table row kept: it has more cells than the table has columns",
    ) in result.notes


SEVERITY_SECTIONS = """\
## Risks

### High Risk

- **Risk**: Deadlocks in the sync engine **Mitigation**: lock rows in id order
- **Outage**: the provider goes down.
  Mitigation: a second provider
- Schema drift between services
  - Mitigation: contract tests
  - Likelihood: low
  - seen twice last year

### Medium Risks

| Risk | Likelihood | Mitigation |
|---|---|---|
| Key people on leave | High | Pair on every part |

### Low risk

- Minor layout glitches

### Risques élevés

- **Perte de données** : la migration perd des lignes. Mitigation: sauvegardes vérifiées
"""


def test_severity_headings_give_their_level_to_the_risks_under_them() -> None:
    result = lossless(_plan(SEVERITY_SECTIONS))
    risks = _risks(result.text)
    assert risks == [
        {
            "title": "Deadlocks in the sync engine",
            "impact": "high",
            "mitigation": "lock rows in id order",
            "body": "",
        },
        {
            "title": "Outage",
            "impact": "high",
            "mitigation": "a second provider",
            "body": "the provider goes down.",
        },
        {
            "title": "Schema drift between services",
            "impact": "high",
            "likelihood": "low",
            "mitigation": "contract tests",
            "body": "- seen twice last year",
        },
        {
            "title": "Key people on leave",
            "impact": "medium",
            "likelihood": "high",
            "mitigation": "Pair on every part",
            "body": "",
        },
        {"title": "Minor layout glitches", "impact": "low", "body": ""},
        {
            "title": "Perte de données",
            "impact": "high",
            "mitigation": "sauvegardes vérifiées",
            "body": "la migration perd des lignes.",
        },
    ]
    # the headings stay, each above its risks
    for heading in ("### High Risk", "### Medium Risks", "### Low risk", "### Risques élevés"):
        assert heading in result.text.splitlines()


SUBSECTIONS = """\
## Risk Register

### Risk: Deadlocks

**Impact**: High
**Likelihood**: Low
**Mitigation**: Lock rows in id order

Seen once in the load test.

### Risk 2 - Vendor API changes

- Impact: Medium
- Probability: medium
- Owner: Platform team
- Mitigation: pin the API version

### Riesgo 3: Pérdida de datos

**Impacto**: Alto
**Probabilidad**: Bajo
**Mitigación**: copias de seguridad

### Cache stampede

**Likelihood**: Medium
**Mitigation**: jittered expiry

**Risk**: Burnout of the on-call team
**Impact**: Medium
**Mitigation**: rotate every week
"""


def test_risk_subsections_and_labelled_paragraphs() -> None:
    result = lossless(_plan(SUBSECTIONS))
    assert _risks(result.text) == [
        {
            "title": "Deadlocks",
            "impact": "high",
            "likelihood": "low",
            "mitigation": "Lock rows in id order",
            "body": "Seen once in the load test.",
        },
        {
            "title": "Vendor API changes",
            "impact": "medium",
            "likelihood": "medium",
            "mitigation": "pin the API version",
            "owner": "Platform team",
            # a plain label the output would not name otherwise stays, so no word is lost
            "body": "**Probability**: medium",
        },
        {
            "title": "Pérdida de datos",
            "impact": "high",
            "likelihood": "low",
            "mitigation": "copias de seguridad",
            "body": "**Impacto**: Alto\n\n**Probabilidad**: Bajo",
        },
        {
            "title": "Cache stampede",
            "likelihood": "medium",
            "mitigation": "jittered expiry",
            "body": "**Risk**: Burnout of the on-call team\n**Impact**: Medium\n"
            "**Mitigation**: rotate every week",
        },
    ]
    assert "### Risk: Deadlocks" in result.text.splitlines()
    assert any("kept in the body of the risk above" in message for _, message in result.notes)


def test_a_labelled_paragraph_is_a_risk() -> None:
    source = _plan(
        "## Risks\n\n**Risk**: Burnout of the on-call team\n**Impact**: Medium\n"
        "**Mitigation**: rotate every week\n"
    )
    assert _risks(lossless(source).text) == [
        {
            "title": "Burnout of the on-call team",
            "impact": "medium",
            "mitigation": "rotate every week",
            "body": "",
        }
    ]


def test_what_cannot_be_placed_stays_and_is_named() -> None:
    source = _plan(
        "## Risks and Assumptions\n\n- **Mitigation**: retry everything\n"
        "- ```\n  code first\n  ```\n\n### Assumptions\n\n- The team stays the same\n"
    )
    result = lossless(source)
    assert result.counts["impl-risk"] == 0
    assert "- **Mitigation**: retry everything" in result.text.splitlines()
    assert "- The team stays the same" in result.text.splitlines()
    assert [message for _, message in result.notes] == [
        "risk list item kept as written: it names no risk",
        "risk list item kept as written: it starts with no text",
    ]


EVERY_SHAPE = (
    _plan(
        "## Risks & Mitigation\n\n"
        "| Risk | Impact | Likelihood | Mitigation |\n|---|---|---|---|\n"
        "| Clock skew | High | Medium | Server time as tie-breaker |\n"
        "| Members confused | Medium | Sometimes | Show the member list |\n\n"
        "| Risk | Probability | Severity | Mitigation |\n|---|---|---|---|\n"
        "| Quota exceeded | Med | medium-high | Prune old changes |\n\n"
    )
    + SEVERITY_SECTIONS.replace("## Risks\n", "")
    + SUBSECTIONS.replace("## Risk Register\n", "")
)


def test_a_plan_with_every_shape_builds_with_only_the_unknown_levels_warned(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    result = lossless(EVERY_SHAPE)
    srcdir = copy_root("convert", tmp_path / "risks")
    (srcdir / "plan.md").write_text(result.text, encoding="utf8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    risks = {
        need["title"]: need for need in read_needs(app).values() if need["type"] == "impl-risk"
    }
    assert len(risks) == result.counts["impl-risk"] == 13
    unknown = {
        (title, option)
        for title, need in risks.items()
        for option in ("impact", "likelihood")
        if not need.get(option)
    }
    warnings = build_warnings(app)
    assert sorted((w.subtype, w.message) for w in warnings) == sorted(
        (
            "implplan.missing",
            f"{risks[title]['id']}: the required option :{option}: is missing",
        )
        for title, option in unknown
    )
    assert ("Members confused", "likelihood") in unknown
    assert risks["Quota exceeded"]["impact"] == "high"
    assert risks["Deadlocks"]["mitigation"] == "Lock rows in id order"
    assert risks["Clock skew"]["score"] == 6


_RISK_LINES = [
    "## Risks",
    "### High Risk",
    "### Risques élevés",
    "### Risk 1: Deadlocks",
    "### Risk:",
    "### Decisions",
    "### Phase 1: Build",
    "| Risk | Probability | Severity | Mitigation |",
    "| Thing | Impact |",
    "|---|---|---|---|",
    "| Outage | Med | medium-high | Retry |",
    "| | Sometimes | | |",
    "- **Risk**: Deadlocks **Mitigation**: lock order",
    "- **Outage**: provider down. Mitigation: second provider",
    "- Mitigation: alone",
    "  - Likelihood: low",
    "  - Probability: H",
    "- plain risk",
    "- ```",
    "**Risk**: Burnout",
    "**Impact**: Critical",
    "**Mitigation**: rotate `code: x`",
    "Impact: High. Likelihood: Low.",
    "",
    "words here",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_RISK_LINES) | st.text(max_size=20), max_size=30))
def test_any_risk_section_converts_without_error_or_loss(lines: list[str]) -> None:
    source = "# Plan\n\n## Risks\n\n" + "\n".join(lines) + "\n"
    result = lossless(source)
    assert result.text.count("```{impl-risk-matrix}") == (1 if result.counts["impl-risk"] else 0)
