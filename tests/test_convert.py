"""``implplan convert`` on both seed templates and on filled-in plans of different
shapes (``tests/plans/``): the items made, nothing of the input lost, and a clean
build of the result."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_warnings, copy_root, read_needs
from convert_helpers import lost_words
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_implplan.authoring.conversion import convert
from sphinx_implplan.authoring.conversion.markdown import Text, parse

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

PLANS = Path(__file__).parent / "plans"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (PLANS / "expected.json").read_text(encoding="utf8")
)
PLAN_FILES = sorted(EXPECTED)


@pytest.mark.parametrize("name", PLAN_FILES)
def test_conversion_counts_and_loses_nothing(name: str) -> None:
    source = (PLANS / name).read_text(encoding="utf8")
    result = convert(source, fallback_title=Path(name).stem)
    counts = {kind: count for kind, count in result.counts.items() if count}
    assert counts == EXPECTED[name]["counts"]
    assert not lost_words(source, result.text)
    for line in EXPECTED[name]["kept_verbatim"]:
        assert line in result.text.splitlines(), line
    # every code block of the input comes through line for line, wherever it lands
    output_lines = set(result.text.splitlines())
    for node in parse(source).walk():
        if node.type == "fence" and not node.info.startswith(("http", "rest")):
            for line in node.content.splitlines():
                assert line in output_lines or re.match(r"\s*[A-Z]+\s+/", line), line


def test_every_plan_file_has_its_expectations() -> None:
    assert sorted(path.name for path in PLANS.glob("*.md") if path.name != "README.md") == (
        PLAN_FILES
    )


def test_the_lossless_check_catches_a_dropped_cell() -> None:
    source = (PLANS / "seed-template-1.md").read_text(encoding="utf8")
    output = convert(source, fallback_title="plan").text
    assert lost_words(source, output.replace("[Why this was chosen]", "", 1)) == Counter(
        {"why": 1, "this": 1, "was": 1, "chosen": 1}
    )


@pytest.fixture
def converted_project(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> Callable[[str], SphinxTestApp]:
    def build(name: str) -> SphinxTestApp:
        srcdir = copy_root("convert", tmp_path / Path(name).stem)
        source = (PLANS / name).read_text(encoding="utf8")
        result = convert(source, fallback_title=Path(name).stem)
        (srcdir / "plan.md").write_text(result.text, encoding="utf8")
        app = make_app("html", srcdir=srcdir)
        app.build()
        return app

    return build


_UNKNOWN_LEVEL = re.compile(r"RISK_\w+: the required option :(impact|likelihood): is missing")


def _unknown_level(message: str) -> bool:
    return _UNKNOWN_LEVEL.fullmatch(message) is not None


@pytest.mark.parametrize("name", PLAN_FILES)
def test_converted_plan_builds_cleanly(
    name: str, converted_project: Callable[[str], SphinxTestApp]
) -> None:
    app = converted_project(name)
    # a risk whose plan gives it no level is made without one, and the build says so
    warnings = [w for w in build_warnings(app) if not _unknown_level(w.message)]
    assert [w for w in warnings if (w.subtype or "").startswith("implplan")] == []
    # a mermaid block in the input has no Pygments lexer in any build: not ours
    others = [w for w in warnings if w.subtype != "misc.highlighting_failure"]
    assert [w for w in others if w.file is not None and w.file.endswith("plan.md")] == []
    needs = read_needs(app)
    built = Counter(need["type"] for need in needs.values() if need["type"].startswith("impl-"))
    assert dict(built) == EXPECTED[name]["counts"]
    plan_ids = [need_id for need_id, need in needs.items() if need["type"] == "impl-plan"]
    assert len(plan_ids) == 1
    assert all(
        need["plan"] == plan_ids[0]
        for need in needs.values()
        if need["type"].startswith("impl-") and need["type"] != "impl-plan"
    )
    linked = sorted(
        {
            target
            for need in needs.values()
            if need["type"].startswith("impl-")
            for link in ("implements", "affects", "measures", "verifies", "addresses")
            for target in need.get(link, [])
        }
    )
    assert linked == EXPECTED[name]["requirement_ids"]


_LINES = [
    "# Implementation Plan: Sync",
    "## Components",
    "## Risks & Mitigation",
    "## Timeline",
    "## Testing Strategy",
    "### Unit Tests",
    "### Phase 1: Foundation",
    "### Phase 2 - Core",
    "## Data Model",
    "### Relationships",
    "## API Design",
    "## Success Metrics",
    "## Technology Stack",
    "### Backend",
    "## Security Considerations",
    "## Changelog",
    "### 2026-10-14",
    "## Rollout Plan",
    "## Technical Decisions",
    "**Goal**: sync",
    "**Depends on**: Phase 1",
    "**Spec**: [spec](spec.md)",
    "**Status**: Draft",
    "| Risk | Impact | Likelihood | Mitigation |",
    "| Component | Purpose | New/Modified |",
    "| Decision | Choice | Rationale |",
    "| Phase | Start | Duration |",
    "|---|---|---|---|",
    "|---|---|---|",
    "| Outage | High | Low | Retry |",
    "| Phase 1 | 2027-01-04 | 10d |",
    "| a | b |",
    "- [ ] task",
    "- [x] done",
    "- Phase 1: 2 weeks",
    "- **Stage**: internal",
    "- Latency: < 2 s",
    "- Postgres: 16 / store",
    "- User has many Notes",
    "- 2026-09-01: drafted",
    "1. first",
    "   - nested",
    "- [A]: [B]",
    "```sql",
    "CREATE TABLE notes (",
    "  id UUID REFERENCES users(id),",
    ");",
    "```",
    "GET /api/x - list",
    "User",
    "- id: uuid",
    "> quote",
    "<!-- comment -->",
    "",
    "",
    "plain words here",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=30), max_size=40))
def test_any_markdown_converts_without_error_or_loss(lines: list[str]) -> None:
    source = "\n".join(lines) + "\n"
    result = convert(source, fallback_title="plan")
    assert not lost_words(source, result.text)
    assert result.counts["impl-plan"] == 1


HOSTILE_CELLS = [
    "Handles #tags and 'single' quotes",
    'Says "hello" \\ and \\u00e9 literally',
    "[What it does]",
    "| starts with a bar",
    "> starts like a folded block",
    "{not: a mapping}",
    "key: value, with a colon",
    "- starts like a list",
    "< 2 s at the 95th percentile",
    "../relative/path.md",
    "& anchor * alias ! tag % @ `tick`",
]


def test_option_values_reach_the_item_as_written(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    cells = [cell.replace("|", "\\|") for cell in HOSTILE_CELLS]  # a bar in a cell is escaped
    rows = "\n".join(f"| Part {n} | {cell} | New |" for n, cell in enumerate(cells))
    source = (
        "# Implementation Plan: Values\n\n## Components\n\n"
        f"| Component | Purpose | Change |\n|---|---|---|\n{rows}\n"
    )
    srcdir = copy_root("convert", tmp_path / "values")
    (srcdir / "plan.md").write_text(convert(source, "plan").text, encoding="utf8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert build_warnings(app) == []
    needs = read_needs(app)
    purposes = [needs[f"CMP_VALUES_PART_{n}"]["purpose"] for n in range(len(HOSTILE_CELLS))]
    # the cell as a reader sees it, inline code as written: Markdown's own backslash
    # escape is read there too
    assert purposes == [Text.parse(cell).shown for cell in cells]


BACKTICK_PLAN = """\
# Template engine

## Implementation Phases

### Phase 1: Handle the ` character

- [x] Escape it in the lexer
- [ ] Escape it in the printer

### Phase 2: Release

- [ ] Publish the package

## Risks

| Risk | Impact | Likelihood | Mitigation |
|------|--------|------------|------------|
| A lone `` ` `` breaks old templates | high | low | Fuzz the lexer |
"""


def test_a_backtick_in_a_title_keeps_every_item(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """A backtick fence cannot carry a backtick in its info string: the directive
    would become a code block and the items after it would vanish without a word."""
    result = convert(BACKTICK_PLAN, fallback_title="Template engine")
    srcdir = copy_root("convert", tmp_path / "backtick")
    (srcdir / "plan.md").write_text(result.text, encoding="utf8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert [w for w in build_warnings(app) if (w.subtype or "").startswith("implplan")] == []
    needs = read_needs(app)
    titles = sorted(need["title"] for need in needs.values() if need["type"] == "impl-phase")
    assert titles == ["Phase 1: Handle the ` character", "Phase 2: Release"]
    risks = [need for need in needs.values() if need["type"] == "impl-risk"]
    assert [risk["title"] for risk in risks] == ["A lone ` breaks old templates"]
    phase = next(need for need in needs.values() if need["title"].endswith("the ` character"))
    assert (phase["deliverables_done"], phase["deliverables_total"]) == (1, 2)


def test_plans_titled_in_other_scripts_take_their_ids_from_their_files() -> None:
    greek = convert(
        "# Ψηφιακή κάρτα\n\n## Φάση 1: Σχεδιασμός\n\n- [ ] χάρτης\n", fallback_title="el-karta"
    )
    hebrew = convert("# שלבי הטמעה\n\n## שלב 1: אפיון\n\n- [ ] א\n", fallback_title="he-shlavim")
    assert (greek.plan_id, hebrew.plan_id) == ("PLAN_EL_KARTA", "PLAN_HE_SHLAVIM")
    assert ":id: PH_EK_1" in greek.text
    # a title of Latin letters names its plan, whatever the file is called
    assert convert("# Sync plan\n", fallback_title="x").plan_id == "PLAN_SYNC_PLAN"
