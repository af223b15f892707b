"""``implplan convert`` on risk sections as real plans write them beyond the usual
English ones: headings in more languages and words (``Rizika``, ``Threats``,
``FMEA``), tables whose risk column has another name or none, paragraphs with a bold
lead, callouts and quotes, labels in other languages, numbered risks and ``R3 -``
subsections. Each shape is checked as text; one plan holding them all is built, as
is the same plan unconverted, and the build of the conversion adds no warning but
those asking for the levels and mitigations the plan does not give."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from build_helpers import read_needs
from convert_helpers import build_converted_plan, lossless
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_convert_risks import _plan, _risks

from sphinx_implplan.authoring.conversion.risk_leads import first_sentence, risk_lead
from sphinx_implplan.authoring.conversion.section_kinds import SectionKind, kind_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp


@pytest.mark.parametrize(
    "heading",
    [
        "Rizika",
        "Riziko projektu",
        "Riskler",
        "Projenin riskleri",
        "Ryzyka",
        "Risker och \u00e5tg\u00e4rder",
        "Risici",
        "Riskit",
        "Kock\u00e1zatok",
        "Kockazatok",
        "\uc704\ud5d8 \uc694\uc18c",
        "4. \u30ea\u30b9\u30af\u3068\u5bfe\u7b56",
        "\u61f8\u5ff5\u4e8b\u9805",
        "\u98ce\u9669",
        "\u98a8\u96aa\u8207\u5c0d\u7b56",
        "\u0420\u0438\u0441\u043a\u0438",
        "Risiken und Ma\u00dfnahmen",
        "Risikoanalyse",
        "Threats",
        "Threats to the plan",
        "Known issues / open risks",
        "Concerns",
        "FMEA (update process)",
        "Failure modes",
        "Failure modes and effects",
        "Risk assessment",
        "Risk register",
        "Hazards",
        # Macedonian, Slovenian, Albanian, Hausa
        "\u0420\u0438\u0437\u0438\u0446\u0438",
        "Tveganja",
        "Rreziqet",
        "Ha\u0257ari da matakan kariya",
        # Bulgarian, Welsh, Swahili
        "\u0420\u0438\u0441\u043a\u043e\u0432\u0435",
        "Risgiau",
        "Hatari na hatua",
    ],
)
def test_risk_sections_in_more_languages_and_words(heading: str) -> None:
    assert kind_of(heading) is SectionKind.RISKS


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Testing", SectionKind.TESTING),
        ("Test risks", SectionKind.TESTING),
        ("Decisions", SectionKind.DECISIONS),
        ("Key decisions", SectionKind.DECISIONS),
        ("Cross-cutting concerns", None),
        ("Separation of concerns", None),
        ("RISC-V port", None),
        ("Brisket smoker", None),
    ],
)
def test_other_sections_keep_their_kind(heading: str, kind: SectionKind | None) -> None:
    assert kind_of(heading) is kind


@pytest.mark.parametrize(
    ("raw", "lead"),
    [
        ("**Small files.** Streaming writes", ("Small files.", "Streaming writes")),
        ("**Vendor lock-in** - one vendor", ("Vendor lock-in", "one vendor")),
        ("R-01 \u00b7 **Leak.** Reads EU rows", ("R-01 \u00b7 Leak.", "Reads EU rows")),
        ("Ryzyko 1 \u2013 wolno.\nWp\u0142yw: \u015bredni.", ("Ryzyko 1 \u2013 wolno.", None)),
        ("**Note:** reviewed monthly", None),
        ("**Mitigation**: retry", None),
        ("**High**", None),
        ("**Technical risks:**", None),
        ("**Last updated:** May 2", None),
        ("Plain words", None),
    ],
)
def test_the_leads_that_start_a_risk(raw: str, lead: tuple[str, str | None] | None) -> None:
    found = risk_lead(raw)
    if lead is None or found is None:
        assert found == lead
    else:
        assert found[0] == lead[0]
        assert lead[1] is None or found[1] == lead[1]


@pytest.mark.parametrize(
    ("raw", "head"),
    [
        ("Tiles are big. We offer regions.", "Tiles are big."),
        ("Rejected before (4.6). It may again.", "Rejected before (4.6)."),
        ("The U.S. market is big. Yes.", "The U.S. market is big."),
        ("We use e.g. caches here. Then more.", "We use e.g. caches here."),
        ("One sentence only.", "One sentence only."),
        ("Call `a. b` first. Then more.", "Call `a. b` first."),
    ],
)
def test_a_first_sentence_titles_a_risk_of_sentences(raw: str, head: str) -> None:
    assert first_sentence(raw)[0] == head


TABLES = """\
## Risk assessment

| ID | Risk statement | Likelihood (1-5) | Impact | Response | Owner |
|----|----------------|------------|--------|----------|-------|
| R-1 | If the audit slips, then the launch slips. | Moderate | High | Early review | ISSO |

## FMEA

| Failure mode | Effect | S | O | D | RPN | Action |
|---|---|---|---|---|---|---|
| Power loss while writing | Corrupted image | 9 | 3 | 2 | 54 | A/B slots |

## Threats

| Threat | P | I | Countermeasure |
|---|---|---|---|
| Credential stuffing | H | M | Rate limits |

## Known issues / open risks

| Issue | Severity | Status |
|---|---|---|
| Flaky sync on iOS 16 | Medium | open |

## Concerns

| # | What could go wrong | Chance | Consequence | Plan |
|---|---|---|---|---|
| 1 | Redis latency | Low | High | Pipeline calls |

## Riskler

| Risk | Olas\u0131l\u0131k | Etki | \u00d6nlem |
|---|---|---|---|
| Veri kayb\u0131 | D\u00fc\u015f\u00fck | Y\u00fcksek | Deneme aktar\u0131m\u0131 |

## Risiken

| Risiko | Wahrscheinlichkeit | Auswirkung | Massnahme |
|---|---|---|---|
| Datenverlust | niedrig | hoch | Backups |

## Riesgos

| Riesgo | Probabilidad | Impacto | Mitigacion |
|---|---|---|---|
| P\u00e9rdida de datos | baja | alta | Copias |

## Rizika

| Riziko | Pravd\u011bpodobnost | Dopad | Opat\u0159en\u00ed |
|---|---|---|---|
| Ztr\u00e1ta dat | n\u00edzk\u00e1 | vysok\u00e1 | Z\u00e1lohy |

## \u30ea\u30b9\u30af

| \u30ea\u30b9\u30af | \u767a\u751f\u53ef\u80fd\u6027 | \u5f71\u97ff\u5ea6 | \u5bfe\u7b56 |
|---|---|---|---|
| \u30c7\u30fc\u30bf\u640d\u5931 | \u4f4e | \u5927 | \u30d0\u30c3\u30af\u30a2\u30c3\u30d7 |

## \uc704\ud5d8 \uc694\uc18c

| \uc704\ud5d8 | \uac00\ub2a5\uc131 | \uc601\ud5a5 | \ub300\uc751 |
|---|---|---|---|
| \ub370\uc774\ud130 \uc190\uc2e4 | \ub0ae\uc74c | \ub192\uc74c | \ubc31\uc5c5 |

## Hazards

| Hazard | Occurrence | Severity | Contingency |
|---|---|---|---|
| Flood | rare | catastrophic | Offsite copy |
"""


def test_risk_tables_by_any_name_and_in_any_language() -> None:
    result = lossless(_plan(TABLES))
    risks = _risks(result.text)
    assert [
        (r["title"], r.get("impact"), r.get("likelihood"), r.get("mitigation")) for r in risks
    ] == [
        ("If the audit slips, then the launch slips.", "high", "medium", "Early review"),
        ("Power loss while writing", None, None, "A/B slots"),
        ("Credential stuffing", "medium", "high", "Rate limits"),
        ("Flaky sync on iOS 16", "medium", None, None),
        ("Redis latency", "high", "low", "Pipeline calls"),
        ("Veri kayb\u0131", "high", "low", "Deneme aktar\u0131m\u0131"),
        ("Datenverlust", "high", "low", "Backups"),
        ("P\u00e9rdida de datos", "high", "low", "Copias"),
        ("Ztr\u00e1ta dat", "high", "low", "Z\u00e1lohy"),
        ("\u30c7\u30fc\u30bf\u640d\u5931", "high", "low", "\u30d0\u30c3\u30af\u30a2\u30c3\u30d7"),
        ("\ub370\uc774\ud130 \uc190\uc2e4", "high", "low", "\ubc31\uc5c5"),
        # the words of a register's five-point scales
        ("Flood", "high", "low", "Offsite copy"),
    ]
    assert risks[0]["owner"] == "ISSO"
    assert risks[3]["status"] == "open"
    # the other columns stay in the body: an id, an FMEA's effect and its numbers
    assert "**ID**: R-1" in risks[0]["body"]
    assert risks[1]["body"] == (
        "**Effect**: Corrupted image\n\n**S**: 9\n\n**O**: 3\n\n**D**: 2\n\n**RPN**: 54"
    )
    assert "**#**: 1" in risks[4]["body"]
    # a number without its scale is no level: named, never guessed
    messages = [message for _, message in result.notes]
    assert (
        "impl-risk 'Power loss while writing': S '9' is not low, medium or high; "
        "kept in its body" in messages
    )
    assert not any("Flood" in message for message in messages)
    # an effect told in words is the risk's text, not a level gone wrong
    assert not any("Effect" in message for message in messages)


def test_a_table_outside_a_risk_section_needs_its_risk_column() -> None:
    source = _plan("## Risks\n\n### Notes\n\n| Area | Impact |\n|---|---|\n| Disk | High |\n")
    result = lossless(source)
    assert not result.counts["impl-risk"]
    assert "| Disk | High |" in result.text.splitlines()


PARAGRAPHS = """\
## Risks

**Small files.** Streaming writes create many Parquet files.
We compact every hour. Mitigation: a compaction job.

**Vendor lock-in** - we depend on one vendor (P: high, I: medium)

**Key people**

Two people know the billing system.

**Mitigation**: pair on every part.
**Impact**: high

**Note:** these risks are reviewed monthly.

R-01 \u00b7 **Cross-region calls leak data.** A service reads EU rows.

**Technical**

- Disk full
"""


def test_paragraphs_with_a_bold_lead_are_risks() -> None:
    result = lossless(_plan(PARAGRAPHS))
    risks = _risks(result.text)
    assert [r["title"] for r in risks] == [
        "Small files",
        "Vendor lock-in",
        "Key people",
        "R-01 \u00b7 Cross-region calls leak data",
        "Disk full",
    ]
    small, lock_in, people, leak, _ = risks
    assert small["body"] == "Streaming writes create many Parquet files.\nWe compact every hour."
    assert small["mitigation"] == "a compaction job."
    assert (lock_in["impact"], lock_in["likelihood"]) == ("medium", "high")
    assert lock_in["body"].startswith("we depend on one vendor")
    # a bold line alone titles the paragraph after it; label paragraphs join it
    assert people["body"] == "Two people know the billing system."
    assert (people["mitigation"], people["impact"]) == ("pair on every part.", "high")
    assert leak["body"] == "A service reads EU rows."
    lines = result.text.splitlines()
    # a remark stays, and so does a bold line naming the group of a list
    assert "**Note:** these risks are reviewed monthly." in lines
    assert "**Technical**" in lines


def test_a_bold_line_alone_stays_with_a_note() -> None:
    result = lossless(_plan("## Risks\n\n**Vendor lock-in**\n"))
    assert not result.counts["impl-risk"]
    assert any("bold line kept as written" in message for _, message in result.notes)


def test_bold_leads_under_a_group_heading_or_line_are_risks() -> None:
    source = _plan(
        "## Risks\n\n### Technical\n\n**Technical debt**\n\n**Small files.** Many files.\n\n"
        "**Cost.** Scans are expensive.\n\n### Assumptions\n\n**Team.** Stays the same.\n"
    )
    result = lossless(source)
    assert [r["title"] for r in _risks(result.text)] == ["Small files", "Cost"]
    lines = result.text.splitlines()
    assert "**Technical debt**" in lines
    assert "**Team.** Stays the same." in lines
    assert not result.notes


def test_bold_leads_outside_a_risk_section_stay() -> None:
    source = _plan("## Background\n\n**Small files.** Streaming writes create many files.\n")
    assert not lossless(source).counts["impl-risk"]


QUOTES = """\
## Risks

> [!WARNING]
> **Declined after the fact.** A card approved offline may be declined.
> Mitigation: cap offline payments at 250.

> [!CAUTION]
> Apple review has rejected the sheet before (4.6). It may again.
> Mitigation: send it to review early.

> [!NOTE]
> These risks are reviewed weekly.

> [!danger] Quota exhausted
> We run out of API quota in December.

> Our top risks:
>
> - Burnout of the on-call team
> - Clock skew
>   Mitigation: server time

> **Key leak** - a token ends up in logs.

> Just a quote from the CTO.
"""


def test_callouts_and_quotes_are_risks() -> None:
    result = lossless(_plan(QUOTES))
    risks = _risks(result.text)
    assert [r["title"] for r in risks] == [
        "Declined after the fact",
        "Apple review has rejected the sheet before (4.6)",
        "Quota exhausted",
        "Burnout of the on-call team",
        "Clock skew",
        "Key leak",
    ]
    declined, apple, quota, _, skew, leak = risks
    assert declined["mitigation"] == "cap offline payments at 250."
    assert declined["body"] == ("A card approved offline may be declined.\n\n**Callout**: WARNING")
    assert apple["body"] == "It may again.\n\n**Callout**: CAUTION"
    assert quota["body"] == "We run out of API quota in December.\n\n**Callout**: danger"
    assert skew["mitigation"] == "server time"
    assert leak["body"] == "a token ends up in logs."
    lines = result.text.splitlines()
    # the directive replaces the quote; a note and a plain quote stay quoted
    assert not any(line.startswith("> [!WARNING]") for line in lines)
    assert "> These risks are reviewed weekly." in lines
    assert "> Just a quote from the CTO." in lines
    assert "Our top risks:" in lines


def test_a_callout_naming_no_risk_stays_with_a_note() -> None:
    result = lossless(_plan("## Risks\n\n> [!WARNING]\n"))
    assert not result.counts["impl-risk"]
    assert "> [!WARNING]" in result.text.splitlines()
    assert [message for _, message in result.notes] == ["callout kept as written: it names no risk"]


LABELS = """\
## Rizika

- **Nekvalitn\u00ed data** \u2013 WMS \u0161patn\u011b navrhuje lokace.
  Opat\u0159en\u00ed: \u010di\u0161t\u011bn\u00ed dat p\u0159ed f\u00e1z\u00ed 2.
- **Veri kayb\u0131** \u2013 kartlar ta\u015f\u0131n\u0131rken kaybolabilir.
  \u00d6nlem: deneme aktar\u0131m\u0131.
- **Datenverlust** \u2013 die Migration verliert Zeilen.
  Massnahme: gepr\u00fcfte Backups.
- **P\u00e9rdida de datos** \u2013 la migraci\u00f3n pierde filas.
  - Mitigaci\u00f3n: copias verificadas
- **Outage** \u2013 the provider goes down.
  Mitigation: a second provider.

## Ryzyka

Ryzyko 1 \u2013 du\u017ce skrzynki migruj\u0105 zbyt wolno.
Prawdopodobie\u0144stwo: wysokie. Wp\u0142yw: \u015bredni. Dzia\u0142anie: weekendy.

## Risker

- **Risk:** BankID-avtalet blir inte klart i tid.
  **Sannolikhet:** medel. **Konsekvens:** h\u00f6g.
  **\u00c5tg\u00e4rd:** inloggning med eng\u00e5ngskod.
"""


def test_mitigations_and_levels_labelled_in_other_languages() -> None:
    risks = _risks(lossless(_plan(LABELS)).text)
    assert [(r["title"], r["mitigation"]) for r in risks] == [
        ("Nekvalitn\u00ed data", "\u010di\u0161t\u011bn\u00ed dat p\u0159ed f\u00e1z\u00ed 2."),
        ("Veri kayb\u0131", "deneme aktar\u0131m\u0131."),
        ("Datenverlust", "gepr\u00fcfte Backups."),
        ("P\u00e9rdida de datos", "copias verificadas"),
        ("Outage", "a second provider."),
        ("Ryzyko 1 \u2013 du\u017ce skrzynki migruj\u0105 zbyt wolno", "weekendy."),
        ("BankID-avtalet blir inte klart i tid", "inloggning med eng\u00e5ngskod."),
    ]
    assert risks[0]["body"].startswith("WMS \u0161patn\u011b navrhuje lokace.")
    assert (risks[5]["impact"], risks[5]["likelihood"]) == ("medium", "high")
    assert (risks[6]["impact"], risks[6]["likelihood"]) == ("high", "medium")


ALBANIAN = """\
## Rreziqet

### Rreziku 1: Serveri bie gjat\u00eb fushat\u00ebs

Gjasat: e ul\u00ebt
Ndikimi: i lart\u00eb

Masat: server rezerv\u00eb n\u00eb nj\u00eb qendr\u00eb tjet\u00ebr.

### Rreziku 2: Stafi nuk e p\u00ebrdor sistemin

Gjasat: e mesme
Ndikimi: i mes\u00ebm
"""


def test_risk_subsections_and_levels_after_an_article() -> None:
    risks = _risks(lossless(_plan(ALBANIAN)).text)
    assert [(r["title"], r["impact"], r["likelihood"]) for r in risks] == [
        ("Serveri bie gjat\u00eb fushat\u00ebs", "high", "low"),
        ("Stafi nuk e p\u00ebrdor sistemin", "medium", "medium"),
    ]


NUMBERED = """\
## Risks

1. **Data loss** - the index is wiped during a reindex (P: high, I: medium)
2. **Slow queries** - reads slow down at peak.

#### R3 - Vendor API changes

The vendor changes its APIs every year. **Likelihood**: high. **Impact**: medium.

#### RISK-4: Test coverage gaps

Coverage of the sync engine is low.

#### R-5 Key-person dependency

**Mitigation**: pair on every part.
"""


def test_numbered_risks_and_id_led_subsections() -> None:
    result = lossless(_plan(NUMBERED))
    risks = _risks(result.text)
    assert [(r["title"], r.get("impact"), r.get("likelihood")) for r in risks] == [
        ("Data loss", "medium", "high"),
        ("Slow queries", None, None),
        # an id names the risk, whatever the words of its heading ("APIs", "Test")
        ("R3 - Vendor API changes", "medium", "high"),
        ("Test coverage gaps", None, None),
        ("R-5 Key-person dependency", None, None),
    ]
    assert risks[4]["mitigation"] == "pair on every part."
    # the heading stays above its risk
    lines = result.text.splitlines()
    for heading in ("#### R3 - Vendor API changes", "#### RISK-4: Test coverage gaps"):
        assert heading in lines
    assert "impl-endpoint" not in result.text
    assert "impl-test" not in result.text


def test_a_mitigation_ending_a_paragraph_gives_the_option() -> None:
    source = _plan(
        "## Risks\n\n### R1: Distributed transactions\n\nA crash can leave an order paid "
        "but not\nallocated. **Likelihood**: high. **Impact**: high. **Mitigation**: sagas "
        "with\ncompensating actions.\n\n### R2: Drift\n\nWe drift. Mitigation is hard, "
        "see **Owner**: Ana, who\nknows.\n"
    )
    transactions, drift = _risks(lossless(source).text)
    assert transactions["mitigation"] == "sagas with compensating actions."
    assert (transactions["impact"], transactions["likelihood"]) == ("high", "high")
    # the sentences stay as written
    assert transactions["body"].endswith("**Mitigation**: sagas with\ncompensating actions.")
    # a label inside a sentence gives no text option
    assert "owner" not in drift


def test_a_phase_under_a_risk_section_keeps_its_subsections() -> None:
    source = _plan("## Risks\n\n### Phase 1: Build\n\n#### R-1 Outage\n\nThe provider goes down.\n")
    result = lossless(source)
    assert result.counts["impl-phase"] == 1
    assert not result.counts["impl-risk"]


PROSE = """\
## Risks

### Maintainer bandwidth

Two people review almost every PR. If either is away, the fuzzing work stalls.

### Downstream breakage

Each release candidate is tested against the top 50 reverse dependencies.

### Assumptions

The team stays the same.
"""


def test_a_register_told_in_prose_makes_a_risk_of_each_subsection() -> None:
    result = lossless(_plan(PROSE))
    risks = _risks(result.text)
    assert [r["title"] for r in risks] == ["Maintainer bandwidth", "Downstream breakage"]
    assert risks[1]["body"] == (
        "Each release candidate is tested against the top 50 reverse dependencies."
    )
    assert "The team stays the same." in result.text.splitlines()


def test_a_lone_prose_subsection_among_others_stays() -> None:
    source = _plan(
        "## Risks\n\n- Disk full\n\n### Rollback plan\n\nWe revert the flag.\n\n"
        "### Technical\n\n- Slow queries\n"
    )
    result = lossless(source)
    assert "We revert the flag." in result.text.splitlines()
    assert [r["title"] for r in _risks(result.text)] == ["Disk full"]


def test_definitions_whose_descriptions_go_on_in_indented_lines() -> None:
    source = _plan(
        "## Risks\n\nPermission leaks\n: A title can leak. Every query filters\n"
        "  by the user's groups. Impact high, likelihood low.\n\nStale index\n"
        ": Results point to deleted pages.\n"
    )
    risks = _risks(lossless(source).text)
    assert [(r["title"], r.get("impact"), r.get("likelihood")) for r in risks] == [
        ("Permission leaks", "high", "low"),
        ("Stale index", None, None),
    ]
    assert risks[0]["body"] == (
        "A title can leak. Every query filters\nby the user's groups. Impact high, likelihood low."
    )


EVERY_SHAPE = _plan(
    TABLES
    + "\n"
    + PARAGRAPHS.replace("## Risks\n", "## Risks and mitigations\n")
    + "\n"
    + QUOTES.replace("## Risks\n", "## Known risks\n")
    + "\n"
    + LABELS
    + "\n"
    + NUMBERED.replace("## Risks\n", "## Risk register\n")
    + "\n"
    + PROSE.replace("## Risks\n", "## Open risks\n")
)


def test_a_plan_with_every_shape_builds_warning_only_of_what_the_plan_lacks(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    result = lossless(EVERY_SHAPE)
    assert result.counts["impl-risk"] == 37
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", EVERY_SHAPE)
    converted, app = build_converted_plan(make_app, tmp_path / "converted", result.text)
    needs = [need for need in read_needs(app).values() if need["type"] == "impl-risk"]
    assert len(needs) == result.counts["impl-risk"]
    missing = {
        ("implplan.missing", f"{need['id']}: the required option :{option}: is missing")
        for need in needs
        for option in ("impact", "likelihood")
        if not need.get(option)
    }
    # a high risk the plan gives no mitigation is named too: the plan lacks it
    unmitigated = {
        (
            "implplan.unmitigated",
            (
                f"{need['id']}: the risk scores {need['score']} (band high) and has "
                "neither :mitigation: nor an item that :mitigates: it"
            ),
        )
        for need in needs
        if need.get("band") == "high" and not need.get("mitigation")
    }
    assert converted - plain == missing | unmitigated
    assert len(unmitigated) == 3
    risks = {need["title"]: need for need in needs}
    assert risks["Veri kayb\u0131"]["score"] == 3
    assert risks["Declined after the fact"]["mitigation"] == "cap offline payments at 250."
    assert risks["R3 - Vendor API changes"]["impact"] == "medium"


_LINES = [
    "## Risks",
    "## Rizika",
    "## \u30ea\u30b9\u30af",
    "### Maintainer bandwidth",
    "### Assumptions",
    "#### R3 - Vendor API changes",
    "#### RISK-4: Tests",
    "### Phase 1: Build",
    "**Small files.** Streaming writes.",
    "**Vendor lock-in**",
    "**Note:** reviewed",
    "**Mitigation**: pair",
    "R-01 \u00b7 **Leak.** Reads rows.",
    "Ryzyko 1 \u2013 wolno.",
    "Prawdopodobie\u0144stwo: wysokie. Wp\u0142yw: \u015bredni.",
    "> [!WARNING]",
    "> [!note] Title",
    "> **Key leak** - a token.",
    "> - Burnout",
    ">   Opat\u0159en\u00ed: rota",
    "> ## Heading",
    ">",
    '::: {.callout-warning title="Data loss"}',
    "::: {.callout-note}",
    ":::",
    '!!! danger "Cert expiry"',
    "!!! tip",
    "    The cert expires in May.",
    "*The tender fails.* We re-run it.",
    "- **Outage** \u2013 down.",
    "  \u00d6nlem: second provider",
    "1. **Loss** - gone (P: high, I: medium)",
    "| # | What could go wrong | Chance |",
    "| Failure mode | S | O |",
    "|---|---|---|",
    "| 1 | Latency | Low |",
    "Permission leaks",
    ": A title leaks.",
    "  by groups.",
    "",
    "",
    "words here.",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=15), max_size=30))
def test_any_risk_section_of_these_shapes_converts_without_error_or_loss(
    lines: list[str],
) -> None:
    result = lossless("# Plan\n\n## Risks\n\n" + "\n".join(lines) + "\n")
    assert result.text.count("```{impl-risk-matrix}") == (1 if result.counts["impl-risk"] else 0)


@pytest.mark.parametrize(
    "heading",
    [
        "Pre-mortem",
        "Rabbit holes",
        "What might get in our way",
        "Things that could derail this",
        "Things that could sink us",
    ],
)
def test_headings_asking_what_may_stop_the_plan_name_risks(heading: str) -> None:
    assert kind_of(heading) is SectionKind.RISKS


@pytest.mark.parametrize("heading", ["How we can help", "Tests that can break", "Pre-launch"])
def test_other_headings_with_such_words_name_no_risks(heading: str) -> None:
    assert kind_of(heading) is not SectionKind.RISKS


def test_a_warning_sign_before_a_bold_lead_is_no_part_of_the_title() -> None:
    section = (
        "## Risks\n\n<aside>\n\u26a0\ufe0f **Approval takes months.** It may take 2-3 months."
        " Mitigation: pilot without it.\n\n</aside>\n"
    )
    risks = _risks(lossless(_plan(section)).text)
    assert [risk["title"] for risk in risks] == ["Approval takes months"]


def test_a_footnote_reference_in_a_mitigation_stays_in_the_body(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    section = (
        "## Risks\n\n### Risk: WAL growth\n\nA stopped slot keeps WAL.\n"
        "**Mitigation:** alert on retained WAL, then recreate the slot[^2].\n\n"
        "[^2]: Of the outbox table only.\n"
    )
    text = lossless(_plan(section)).text
    (risk,) = _risks(text)
    # MyST reads a footnote reference in a body, not in an option's value
    assert "[^2]" in risk["body"]
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", _plan(section))
    converted, _ = build_converted_plan(make_app, tmp_path / "converted", text)
    assert not {w for w in converted - plain if w[0] == "ref.footnote"}


RAID = """\
## RAID log

| ID | Type | Description | Owner | Notes / mitigation |
|---|---|---|---|---|
| 1 | R | Teams put migration behind feature work | Tobias | Migration counts as platform work |
| 2 | A | The contract covers the runner minutes | Kavya | Confirmed |
| 3 | R | Secrets copied into repository settings | Kavya | Org-level secrets only |
| 4 | D | Network team opens egress | Network | Ticket NET-2207 |
"""


def test_only_the_risks_of_a_raid_log_are_risks() -> None:
    text = lossless(_plan(RAID)).text
    assert [risk["title"] for risk in _risks(text)] == [
        "Teams put migration behind feature work",
        "Secrets copied into repository settings",
    ]
    # the assumption and the dependency stay rows of the table
    assert "| 2 | A | The contract covers the runner minutes |" in text
    assert "| 4 | D | Network team opens egress |" in text


def test_longer_column_names_are_read_by_their_words() -> None:
    section = (
        "## Critical risks for implementation\n\n"
        "| # | Description of risk (likelihood) | WP(s) | Proposed risk-mitigation measures |\n"
        "|---|---|---|---|\n"
        "| 1 | Component shortages push the cost up (medium) | WP1 | Qualify two parts |\n"
    )
    (risk,) = _risks(lossless(_plan(section)).text)
    assert risk["title"].startswith("Component shortages")
    assert risk["mitigation"] == "Qualify two parts"


def test_a_vietnamese_register_and_the_words_of_five_point_scales() -> None:
    source = _plan(
        "## Rủi ro\n\n| Rủi ro | Khả năng | Mức độ ảnh hưởng | Biện pháp |\n|---|---|---|---|\n"
        "| API chậm | Trung bình | Rất cao | Lưu đệm |\n\n"
        "## Risk register\n\n| Risk | Likelihood | Consequence |\n|---|---|---|\n"
        "| Managers keep e-mailing | Almost certain | Moderate |\n"
        "| Badge sync fails | Unlikely | Major |\n| Strike | Possible | Insignificant |\n"
    )
    result = lossless(source)
    assert [
        (r["title"], r.get("impact"), r.get("likelihood"), r.get("mitigation"))
        for r in _risks(result.text)
    ] == [
        ("API chậm", "high", "medium", "Lưu đệm"),
        ("Managers keep e-mailing", "medium", "high", None),
        ("Badge sync fails", "high", "low", None),
        ("Strike", "low", "medium", None),
    ]
    assert result.notes == []


def test_a_heading_of_possible_risks_gives_them_no_level() -> None:
    result = lossless(_plan("## Risks\n\n### Possible risks\n\n- **Outage**: we wait\n"))
    assert [r.get("impact") for r in _risks(result.text)] == [None]


def test_a_table_saying_what_each_score_means_is_the_legend_not_risks() -> None:
    source = _plan(
        "## Hazard analysis\n\nSeverity (S) and occurrence (O) are each rated 1 (low) to 4 (high).\n\n"
        "| Rating | Severity | Occurrence |\n|---|---|---|\n| 1 | Cosmetic | Never |\n"
        "| 2 | Delay | Rare |\n| 3 | Wrong item, caught | Occasional |\n| 4 | Harm | Frequent |\n\n"
        "| Function | Failure mode | S | O |\n|---|---|---|---|\n| Picking | Wrong bin | 4 | 2 |\n"
    )
    result = lossless(source)
    assert [(r["title"], r.get("impact"), r.get("likelihood")) for r in _risks(result.text)] == [
        ("Wrong bin", "high", "medium")
    ]
    assert "| 3 | Wrong item, caught | Occasional |" in result.text


def test_a_challenges_section_holds_risks() -> None:
    source = _plan("## Challenges\n\n**The link may drop.** We keep the old studio on air.\n")
    assert [r["title"] for r in _risks(lossless(source).text)] == ["The link may drop"]


@pytest.mark.parametrize(
    "label",
    [
        "**Issues** (open today):",
        "Assumptions:",
        "**Open questions**",
        "__Dependencies__ (not risks):",
    ],
)
def test_a_label_line_naming_other_entries_keeps_its_list_or_table_as_written(label: str) -> None:
    source = _plan(
        "## Risks\n\n- **Courier strike**: parcels wait a week\n\n"
        f"{label}\n\n- The depot keeps its Saturday shift\n- Labels print in-house\n\n"
        f"{label}\n\n| Entry | Owner |\n|---|---|\n| Rates stay as agreed | Finance |\n"
    )
    result = lossless(source)
    assert [r["title"] for r in _risks(result.text)] == ["Courier strike"]
    assert "- The depot keeps its Saturday shift" in result.text
    assert "| Rates stay as agreed | Finance |" in result.text
    assert [message for _, message in result.notes] == [
        "kept as written: its label names no risks"
    ] * 2


def test_a_label_line_of_risks_still_groups_risks() -> None:
    source = _plan("## Risks\n\n**Delivery risks:**\n\n- Courier strike\n- Depot flood\n")
    assert [r["title"] for r in _risks(lossless(source).text)] == ["Courier strike", "Depot flood"]


# Swahili columns and levels, a Bulgarian subsection's labels, Welsh levels set apart
# before each risk's text
MORE_LANGUAGES = """\
## Hatari

| Hatari | Uwezekano | Athari | Hatua |
|---|---|---|---|
| Mvua inaharibu barabara | Juu | Wastani | Magari ya ziada |

## \u0420\u0438\u0441\u043a\u043e\u0432\u0435

### \u0420\u0438\u0441\u043a 1: \u0417\u0430\u043a\u044a\u0441\u043d\u0435\u043b\u0438 \u0434\u043e\u0441\u0442\u0430\u0432\u043a\u0438

\u0412\u0435\u0440\u043e\u044f\u0442\u043d\u043e\u0441\u0442: \u0441\u0440\u0435\u0434\u043d\u0430. \u0412\u044a\u0437\u0434\u0435\u0439\u0441\u0442\u0432\u0438\u0435: \u043d\u0438\u0441\u044a\u043a.

## Risgiau

- **[Uchel]** Mae'r gweinydd yn hen. Bydd angen un newydd.
- [Isel] Mae'r argraffydd yn araf.
"""


def test_risks_in_swahili_bulgarian_and_welsh() -> None:
    risks = _risks(lossless(_plan(MORE_LANGUAGES)).text)
    assert [(r["title"], r.get("impact"), r.get("likelihood")) for r in risks] == [
        ("Mvua inaharibu barabara", "medium", "high"),
        (
            "\u0417\u0430\u043a\u044a\u0441\u043d\u0435\u043b\u0438 \u0434\u043e\u0441\u0442\u0430\u0432\u043a\u0438",
            "low",
            "medium",
        ),
        ("Mae'r gweinydd yn hen", "high", None),
        ("Mae'r argraffydd yn araf", "low", None),
    ]


@pytest.mark.parametrize(
    ("item", "title", "impact"),
    [
        (
            "**[High]** The card reader rejects some cards. Staff take cash.",
            "The card reader rejects some cards",
            "high",
        ),
        ("[Medium] Staff leave in August.", "Staff leave in August", "medium"),
        ("**Low:** Cold nights drain batteries.", "Cold nights drain batteries", "low"),
        # bold words that only start with a level are the risk's title
        ("**High traffic** may slow the site.", "High traffic", None),
        ("High traffic may slow the site.", "High traffic may slow the site", None),
    ],
)
def test_a_level_set_apart_before_a_risk_gives_its_impact(
    item: str, title: str, impact: str | None
) -> None:
    (risk,) = _risks(lossless(_plan(f"## Risks\n\n- {item}\n")).text)
    assert (risk["title"], risk.get("impact")) == (title, impact)
