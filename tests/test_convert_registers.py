"""``implplan convert`` on the plan header, ids, titles and registers as real plans
write them: front matter, whole-word ids, inline code, numbered lists, task boxes,
stack roles, metric and decision shapes, and which sections make rollout stages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from build_helpers import build_warnings, copy_root, read_needs
from convert_helpers import lost_words
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_implplan.authoring.conversion import convert
from sphinx_implplan.authoring.conversion.lists import split_outside
from sphinx_implplan.authoring.conversion.stack_items import tech_item
from sphinx_implplan.authoring.item_ids import plan_id_for, plan_key, slug

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp


def _converted(source: str) -> str:
    result = convert(source, fallback_title="plan")
    assert not lost_words(source, result.text)
    return result.text


def _directive(text: str, title: str) -> str:
    """The directive whose title is ``title``, from its fence to its closing fence."""
    for fence in ("```{", "~~~{"):
        for part in text.split(fence)[1:]:
            head, _, rest = part.partition("\n")
            if head.split("} ", 1)[-1] == title:
                return head + "\n" + rest.split(fence[:3] + "\n", 1)[0]
    raise AssertionError(f"no directive titled {title!r} in:\n{text}")


# -- the header ---------------------------------------------------------------------

FRONT_MATTER_PLAN = """\
---
title: Sync plan
status: draft
owner: Platform team
version: 2
---

# Implementation Plan: Offline Sync

**Status**: In Progress
**Owner**: Identity team

Why we sync.
"""


def test_front_matter_stays_and_the_header_lines_after_the_title_are_read() -> None:
    text = _converted(FRONT_MATTER_PLAN)
    assert text.startswith(FRONT_MATTER_PLAN.split("# Implementation", 1)[0])
    plan = _directive(text, "Offline Sync")
    assert ":id: PLAN_OFFLINE_SYNC\n" in plan
    # the header lines win; front matter gives what they leave out
    assert ":status: in-progress\n:owner: Identity team\n:version: 2\n" in plan
    assert "**Status**" not in text


def test_front_matter_fills_the_plan_without_header_lines() -> None:
    source = "---\nstatus: In Progress\nowner: [Ann, Bo]\nlast_updated: 2026-01-05\n---\n\n# Sync\n"
    plan = _directive(_converted(source), "Sync")
    assert ":status: in-progress\n:owner: Ann, Bo\n:updated: 2026-01-05\n" in plan


def test_front_matter_title_names_a_plan_without_a_top_heading() -> None:
    source = "---\ntitle: Sync plan\n---\n\n## Components\n\n- Sync engine: moves notes\n"
    text = _converted(source)
    assert text.startswith("---\ntitle: Sync plan\n---\n\n```{impl-plan} Sync plan\n")
    assert "```{impl-component} Sync engine\n:id: CMP_SP_SYNC_ENGINE\n" in text


def test_header_lines_after_a_quote_are_read() -> None:
    source = (
        "# IMPLEMENTATION_PLAN.md \u2014 Video Visits\n\n> Living document.\n\n"
        "**Status**: In Progress\n**Team**: Clinical Apps\n\n## Context\n"
    )
    text = _converted(source)
    assert "> Living document.\n\n```{impl-plan} Video Visits\n" in text
    assert ":status: in-progress\n:owner: Clinical Apps\n" in _directive(text, "Video Visits")


@pytest.mark.parametrize(
    "front", ["---\n: : [\n---\n", "---\n- a\n- b\n---\n", "---\nstatus: wip\n---\n", "---\n---\n"]
)
def test_odd_front_matter_never_raises(front: str) -> None:
    result = convert(front + "# Sync\n\nText.\n", fallback_title="plan")
    assert result.text.startswith(front)
    assert result.counts["impl-plan"] == 1


# -- ids ----------------------------------------------------------------------------


def test_ids_are_made_of_whole_words() -> None:
    assert plan_id_for("User Authentication Clerk Integration") == "PLAN_USER_AUTHENTICATION"
    assert plan_key("Dashboard") == "DASHBOARD"
    assert plan_key("Internationalisation") == "I"
    assert slug("Authentication Clerk Integration Flow", max_words=3) == "AUTHENTICATION_CLERK"
    assert slug("Sync engine (v2)") == "SYNC_ENGINE_V2"
    assert slug("x" * 60) == ""


def test_a_one_word_plan_keeps_its_word_in_every_id() -> None:
    text = _converted("# Implementation Plan: Dashboard\n\n## Phase 1: Build\n\n- [ ] Do it\n")
    assert ":id: PH_DASHBOARD_1\n" in text


# -- titles and options -------------------------------------------------------------

CODE_PLAN = """\
# Implementation Plan: Accounts

## Components

| Component | Purpose | Change |
|---|---|---|
| Migrate `users` table | Moves `users` to `accounts` | New |

## Success Metrics

- Sign-in success: 99 % of `POST /login` calls
- Parse time (`parse: fast`): under 2 s
"""


def test_inline_code_stays_in_titles_and_text_options() -> None:
    text = _converted(CODE_PLAN)
    component = _directive(text, "Migrate `users` table")
    assert text.count("~~~{impl-component} Migrate `users` table\n") == 1
    assert ":purpose: Moves `users` to `accounts`\n" in component
    assert ":target: 99 % of `POST /login` calls\n" in _directive(text, "Sign-in success")
    # a colon inside inline code or parentheses is no separator
    assert ":target: under 2 s\n" in _directive(text, "Parse time (`parse: fast`)")


def test_separators_inside_parentheses_and_code_are_skipped() -> None:
    assert split_outside("Latency (p95: 200 ms): under 300 ms", ": ") == (
        "Latency (p95: 200 ms)",
        "under 300 ms",
    )
    assert split_outside("`a: b` - c: d", ": ") == ("`a: b` - c", "d")
    # a parenthesis never closed nests nothing
    assert split_outside("Latency (p95: 200 ms", ": ") == ("Latency (p95", "200 ms")


LISTS_PLAN = """\
# Implementation Plan: Sync

## Components

- [x] **Auth gateway**: checks tokens
- [ ] **Dashboard widget**: shows sign-ins

## Success Metrics

- [x] Latency (p95: 200 ms): under 300 ms
- [ ] Crash-free sessions: 99.9 %

## Security Considerations

1. Encrypt tokens at rest
2. Rotate signing keys

## Rollout Plan

3. Internal dogfood
4. General availability
"""


def test_task_boxes_give_the_status_and_never_stay_in_the_title() -> None:
    text = _converted(LISTS_PLAN)
    assert "[x]" not in text
    assert "[ ]" not in text
    assert ":status: done\n" in _directive(text, "Auth gateway")
    assert ":status: planned\n" in _directive(text, "Dashboard widget")
    latency = _directive(text, "Latency (p95: 200 ms)")
    assert ":target: under 300 ms\n:status: met\n" in latency
    assert ":status: not met\n" in _directive(text, "Crash-free sessions")


def test_an_item_whose_first_line_is_a_link_definition_stays_as_written() -> None:
    source = "# Sync\n\n## Success Metrics\n\n- [A]: [B]\n  Latency under 2 s\n"
    result = convert(source, fallback_title="plan")
    assert "- [A]: [B]\n  Latency under 2 s\n" in result.text
    assert result.counts["impl-metric"] == 0


def test_list_numbers_stay_in_the_title_or_the_stage() -> None:
    text = _converted(LISTS_PLAN)
    assert ":kind: security\n" in _directive(text, "1. Encrypt tokens at rest")
    assert "```{impl-consideration} 2. Rotate signing keys\n" in text
    assert ":stage: 3\n" in _directive(text, "Internal dogfood")
    assert ":stage: 4\n" in _directive(text, "General availability")
    changes = _converted("# P\n\n## Changelog\n\n### 2026-10-14\n\n1. [x] Drafted\n2. Reviewed\n")
    assert ":date: 2026-10-14\n:status: done\n" in _directive(changes, "1. Drafted")
    assert "```{impl-change} 2. Reviewed\n" in changes


# -- the stack ----------------------------------------------------------------------

STACK_PLAN = """\
# Implementation Plan: Sync

## Technology Stack

- **Language**: Python 3.11+
- **Framework**: Django 5.x (REST views)
- **Database**: PostgreSQL 16
- **Frontend**: React v18
- **Testing**: pytest
- **CI**: GitHub Actions
- **Redis**: 7.2 / session cache
- Node.js 20 LTS
"""


def test_a_role_lead_gives_the_purpose_or_layer_and_the_rest_the_technology() -> None:
    text = _converted(STACK_PLAN)
    expected = {
        "Python": ":layer: other\n:version: 3.11+\n:purpose: Language\n",
        "Django": ":layer: other\n:version: 5.x\n:purpose: Framework (REST views)\n",
        "PostgreSQL": ":layer: database\n:version: 16\n",
        "React": ":layer: frontend\n:version: v18\n",
        "pytest": ":layer: other\n:purpose: Testing\n",
        "GitHub Actions": ":layer: tooling\n:purpose: CI\n",
        "Redis": ":layer: other\n:version: 7.2\n:purpose: session cache\n",
        "Node.js": ":layer: other\n:version: 20 LTS\n",
    }
    for title, options in expected.items():
        directive = _directive(text, title)
        assert options in directive, directive
        assert directive.endswith(options), directive
    assert ":id: TECH_SYNC_PYTHON\n" in text


def test_a_technology_named_like_a_role_word_stays_the_title() -> None:
    assert tech_item("Cloud Run", "hosting", None).title == "Cloud Run"
    found = tech_item("Backend API", "FastAPI 0.110", "backend")
    assert (found.title, found.layer, found.version) == ("FastAPI", "backend", "0.110")


# -- metrics and decisions ----------------------------------------------------------

METRIC_TABLES = """\
# Implementation Plan: Sync

## Success Metrics

| Metric | Current | Target |
|---|---|---|
| Error rate | 2 % | 0.5 % |

| Success Metric | Current value | Goal (Q3) |
|---|---|---|
| p95 latency | 900 ms | 300 ms |

| KPI | Today | Target |
|---|---|---|
| Tickets | 900 a week | 50 a week |
"""


def test_current_and_target_columns_are_baseline_and_target() -> None:
    text = _converted(METRIC_TABLES)
    assert ":target: 0.5 %\n:baseline: 2 %\n" in _directive(text, "Error rate")
    assert ":target: 300 ms\n:baseline: 900 ms\n" in _directive(text, "p95 latency")
    assert ":target: 50 a week\n:baseline: 900 a week\n" in _directive(text, "Tickets")


DECISIONS_PLAN = """\
# Implementation Plan: Sync

## Technical Decisions

| Question | Decision | Rationale |
|---|---|---|
| Which session store? | Redis | Fast, with `TTL` |

| Decision | Rationale |
|---|---|
| Use PostgreSQL | Mature |

| Topic | Choice | Why |
|---|---|---|
| Queue | SQS | Managed |

**Decision**: Use `uv` for packaging
**Rationale**: Fast installs
**Status**: Accepted

**Question**: Which CI?
**Decision**: GitHub Actions
**Alternatives**: GitLab CI, Jenkins

**Rationale**: The code is on GitHub.

### Decision: Keep the monolith

One team, one deployable.

**Status**: proposed

### ADR-7: Event log in Kafka

**Context**: Several consumers.
**Decision**: Kafka with 7 days of retention
"""


def test_decision_tables_of_other_shapes_make_decisions() -> None:
    text = _converted(DECISIONS_PLAN)
    session = _directive(text, "Which session store?")
    assert ":choice: Redis\n" in session
    assert "Fast, with `TTL`" in session
    assert ":choice: Use PostgreSQL\n" in _directive(text, "Use PostgreSQL")
    queue = _directive(text, "Queue")
    assert ":choice: SQS\n" in queue
    assert "Managed" in queue


def test_decisions_written_as_bold_lines_or_subsections() -> None:
    text = _converted(DECISIONS_PLAN)
    packaging = _directive(text, "Use `uv` for packaging")
    assert ":choice: Use `uv` for packaging\n:status: accepted\n" in packaging
    assert "**Rationale**: Fast installs" in packaging
    ci = _directive(text, "Which CI?")
    assert ":choice: GitHub Actions\n:alternatives: GitLab CI, Jenkins\n" in ci
    assert "**Rationale**: The code is on GitHub." in ci
    # the heading stays; the decision takes the section's content
    assert "### Decision: Keep the monolith\n\n```{impl-decision} Keep the monolith\n" in text
    monolith = _directive(text, "Keep the monolith")
    assert ":status: proposed\n:choice: Keep the monolith\n" in monolith
    assert "One team, one deployable." in monolith
    assert "**Status**" not in monolith
    kafka = _directive(text, "Event log in Kafka")
    assert ":choice: Kafka with 7 days of retention\n" in kafka
    assert "**Context**: Several consumers." in kafka
    assert convert(DECISIONS_PLAN, "plan").counts["impl-decision"] == 7


# -- rollout ------------------------------------------------------------------------


def test_only_a_section_about_stages_makes_rollout_stages() -> None:
    source = (
        "# Implementation Plan: Sync\n\n## Deployment & Maintenance\n\n"
        "- Deploy with Helm charts\n- Rotate keys monthly\n\n"
        "## Deployment Strategy\n\n1. Canary\n2. Everyone\n"
    )
    result = convert(source, fallback_title="plan")
    assert "- Deploy with Helm charts\n- Rotate keys monthly\n" in result.text
    assert result.counts["impl-rollout"] == 2
    assert ":stage: 2\n" in _directive(result.text, "Everyone")


# -- never raise, never lose a word, and build ----------------------------------------

_LINES = [
    "---",
    "title: Sync",
    "status: draft",
    "# Implementation Plan: Sync",
    "## Technology Stack",
    "## Success Metrics",
    "## Technical Decisions",
    "### Decision: Use Postgres",
    "### Backend",
    "## Deployment & Maintenance",
    "**Decision**: Use `uv`",
    "**Rationale**: fast",
    "**Question**: Which?",
    "**Status**: Accepted",
    "- **Language**: Python 3.11+",
    "- Database: PostgreSQL 16 (primary)",
    "- [x] Latency (p95: 200 ms): under 300 ms",
    "- [ ] `a: b`: c",
    "1. first (a: b",
    "2) second",
    "| Question | Decision | Rationale |",
    "| Metric | Current value | Target (Q3) |",
    "|---|---|---|",
    "| a `x` | b | c |",
    "",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=20), max_size=30))
def test_any_such_markdown_converts_without_error_or_loss(lines: list[str]) -> None:
    source = "\n".join(lines) + "\n"
    result = convert(source, fallback_title="plan")
    assert not lost_words(source, result.text)
    assert result.counts["impl-plan"] == 1


def _build(
    make_app: Callable[..., SphinxTestApp], folder: Path, text: str
) -> tuple[SphinxTestApp, list[str]]:
    srcdir = copy_root("convert", folder)
    (srcdir / "plan.md").write_text(text, encoding="utf8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    # the plan's own warnings: a second app in one test re-registers Sphinx's nodes
    return app, [w.message for w in build_warnings(app) if (w.file or "").endswith("plan.md")]


def test_the_converted_plans_build_without_a_new_warning(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    # every plan's sections under the one plan of the front matter plan
    others = [CODE_PLAN, LISTS_PLAN, STACK_PLAN, METRIC_TABLES, DECISIONS_PLAN]
    source = FRONT_MATTER_PLAN + "\n" + "\n".join(plan.split("\n", 2)[2] for plan in others)
    _, plain_warnings = _build(make_app, tmp_path / "plain", source)
    app, warnings = _build(make_app, tmp_path / "converted", convert(source, "plan").text)
    assert [w for w in warnings if w not in plain_warnings] == []
    needs = read_needs(app)
    types = Counter(need["type"] for need in needs.values())
    assert types["impl-decision"] == 7
    assert types["impl-tech"] == 8
    plan = needs["PLAN_OFFLINE_SYNC"]
    assert (plan["status"], plan["owner"], plan["version"]) == ("in-progress", "Identity team", "2")
    python = needs["TECH_OS_PYTHON"]
    assert (python["version"], python["purpose"]) == ("3.11+", "Language")
    titles = {need["title"] for need in needs.values()}
    assert {"Migrate `users` table", "1. Encrypt tokens at rest", "Latency (p95: 200 ms)"} <= titles
    latency = next(need for need in needs.values() if need["title"] == "Latency (p95: 200 ms)")
    assert (latency["target"], latency["status"]) == ("under 300 ms", "met")
