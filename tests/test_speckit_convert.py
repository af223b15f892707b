"""Converting a spec-kit feature folder into MyST files (``implplan convert FOLDER``),
without a build: where each item lands, what stays as written, and that any text
converts without an error and without losing a word. The builds of converted folders
are in ``test_build_speckit_convert.py``."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt
from speckit_texts import speckit_file_texts

from sphinx_implplan.authoring.speckit_conversion import ConvertedFeature, convert_feature
from sphinx_implplan.speckit import read_feature_texts
from sphinx_implplan.speckit.markdown_blocks import split_lines

_WORD = re.compile(r"\w+")
_ORDINAL = re.compile(r"^ {0,3}([0-9]{1,9})[.)]", re.MULTILINE)
_MARKDOWN = MarkdownIt("commonmark").enable("table")


def converted(texts: Mapping[str, str], **options: str) -> ConvertedFeature:
    return convert_feature(read_feature_texts("004-magic-link", texts), texts, **options)


def directives(text: str) -> list[str]:
    """The directive fences at the top of a file's structure: ``{req} Title``."""
    return [
        token.info.strip()
        for token in _MARKDOWN.parse(text)
        if token.type == "fence" and token.level == 0 and token.info.strip().startswith("{")
    ]


SPEC = """\
# Feature Specification: Magic link

## Requirements

### Functional Requirements

- **FR-001**: System MUST send a link.
- **FR-002**: System MUST expire links
  after 15 minutes.

| Id | Requirement |
|----|-------------|
| FR-003 | System MUST log each sign-in. |

> **FR-004**: System MUST rate-limit requests.

## Success Criteria

- **SC-001**: 95% of members sign in within 2 minutes.
"""

TASKS = """\
# Tasks: Magic link

### Phase 1: Setup

**Purpose**: The settings

#### Tests for the settings

- [x] T001 [P] Settings test (FR-001)
- [ ] T002 Token model (FR-002)
- [ ] Nothing names this one

---

### Phase 2: Polish

- [ ] T003 Docs
"""


def test_requirements_become_directives_where_they_stand() -> None:
    spec = converted({"spec.md": SPEC, "tasks.md": TASKS}).files["spec.md"]
    assert "```{req} Send a link\n:id: FR-001\n\nSystem MUST send a link.\n```" in spec
    # a requirement over two lines keeps both
    assert ":id: FR-002\n\nSystem MUST expire links\nafter 15 minutes.\n```" in spec
    # a table the reader reads no requirement from stays as written
    assert "| FR-003 | System MUST log each sign-in. |\n\n>" in spec
    # in a quote, the line stays as written and the directive follows
    assert "> **FR-004**: System MUST rate-limit requests.\n\n```{req}" in spec
    # a success criterion is a metric, which names its plan from this other file
    assert ":id: SC-001\n:target: 95% of members sign in within 2 minutes.\n" in spec
    assert ":plan: PLAN_004_MAGIC_LINK" in spec.split(":id: SC-001")[1]
    assert directives(spec) == [
        "{req} Send a link",
        "{req} Expire links after 15 minutes",
        "{req} Rate-limit requests",
        "{impl-metric} 95% of members sign in within 2 minutes",
    ]


def test_a_phase_takes_its_section_and_leaves_the_break_after_it() -> None:
    tasks = converted({"spec.md": SPEC, "tasks.md": TASKS}).files["tasks.md"]
    phase = tasks.split("## Phase 1: Setup\n\n", 1)[1].split("\n---\n", 1)[0]
    assert phase.startswith("```{impl-phase} Setup\n")
    # the Purpose line is the phase's :goal: now; a subheading is a bold line
    assert ":goal: The settings\n" in phase
    assert "**Purpose**" not in phase
    assert "**Tests for the settings**\n\n- [x] T001 [P] Settings test (FR-001)" in phase
    # a checkbox the reader left out (no task id) loses its box, as it is no task
    assert "\n- Nothing names this one\n" in phase
    # the test task follows its phase
    assert tasks.index("{impl-test} T001 Settings test") > tasks.index("- [ ] T002")
    # headings no longer skip a level: ### under # is ## now
    assert "\n## Phase 2: Polish\n" in tasks
    assert "\n---\n\n## Phase 2: Polish" in tasks


def test_the_plan_follows_the_title_of_plan_md_or_a_made_one() -> None:
    plan = (
        "# Implementation Plan: Magic link\n\n**Branch**: `004-magic-link` | **Date**: 2025-11-05\n"
    )
    result = converted({"spec.md": SPEC, "plan.md": plan})
    assert result.files["plan.md"].startswith(
        "# Implementation Plan: Magic link\n\n```{impl-plan} Magic link\n:id: PLAN_004_MAGIC_LINK\n"
        ":spec: spec\n:updated: 2025-11-05\n```\n\n**Branch**"
    )
    made = converted({"tasks.md": TASKS}).files["plan.md"]
    assert made.startswith("# Magic link\n\n```{impl-plan} Magic link\n")
    assert ":spec: plan\n" in made


def test_the_index_lists_every_page_and_shows_the_plan() -> None:
    result = converted({"tasks.md": TASKS, "spec.md": SPEC})
    index = result.files["index.md"]
    assert "spec\nplan\ntasks\n```" in index
    assert "```{impl-traceability}\n:plan: PLAN_004_MAGIC_LINK\n```" in index
    # the folder's other Markdown files are listed; an index.md of its own is kept
    feature = read_feature_texts("004-magic-link", {"spec.md": SPEC})
    pages = convert_feature(feature, {"spec.md": SPEC}, other_pages=["quickstart.md"]).files
    assert "spec\nplan\nquickstart\n```" in pages["index.md"]
    assert (
        "index.md"
        not in convert_feature(feature, {"spec.md": SPEC}, other_pages=["index.md"]).files
    )


def test_an_id_prefix_is_put_before_every_requirement_id_and_link() -> None:
    result = converted({"spec.md": SPEC, "tasks.md": TASKS}, id_prefix="F004-")
    assert ":id: F004-FR-001\n\nSystem MUST send a link." in result.files["spec.md"]
    assert ":implements: F004-FR-001, F004-FR-002" in result.files["tasks.md"]


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(speckit_file_texts())
def test_any_text_converts_without_losing_a_word_or_a_directive(texts: Mapping[str, str]) -> None:
    result = converted(texts)
    made = sum(result.counts.values())
    written = 0
    for name, text in texts.items():
        output = result.files[name]
        lost = _words(text) - _words(output)
        # the Goal or Purpose label of a phase's goal line, which is its :goal: now, and
        # the number of an ordered list item that became a directive: list markup
        markup = Counter({"Goal": 1, "Purpose": 1}) + Counter(
            _ORDINAL.findall("\n".join(split_lines(text)))
        )
        assert not lost - markup, (name, lost)
        written += len(directives(output)) - len(directives(text))
    if "plan.md" not in texts:
        written += len(directives(result.files["plan.md"]))
    # every directive made is a closed fence of its own at the top of its file
    assert written == made
