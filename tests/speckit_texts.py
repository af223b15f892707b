"""Text in the shapes of spec-kit feature files, for the tests that read or convert any
text at all: lines of every kind the reader knows, in any order, with any line end."""

from __future__ import annotations

from hypothesis import strategies as st

SPECKIT_FILES = (
    "spec.md",
    "plan.md",
    "tasks.md",
    "research.md",
    "data-model.md",
    "contracts/api.md",
)
SPECKIT_LINES = [
    "# Feature Specification: X",
    "# Tasks: Y",
    "**Feature Branch**: `001-x` · **Created**: 2025-02-30 · **Status**: Draft",
    "**Branch**: `001-x` | **Date**: 2025-01-01 | **Spec**: [spec.md](spec.md)",
    "## User Scenarios & Testing",
    "### User Story 1 - Title (Priority: P1)",
    "### Récit utilisateur 2 - Titre (Priorité : P2)",
    "### Primary User Story",
    "### Acceptance Scenarios",
    "**Acceptance Scenarios**:",
    "1. **Given** a, **When** b, **Then** c",
    "**Why this priority**: because",
    "### Key Entities",
    "- **Member**: a person",
    "- **FR-001**: System MUST do x [NEEDS CLARIFICATION: y?]",
    "- **FR-001**: again",
    "**SC-002:** measured",
    "- NFR-3: fast",
    "## Phase 1: Setup",
    "## Phase 3.1: Tests First (TDD)",
    "## Final Phase: Polish",
    "## Phase 3: User Story 9 - Z (Priority: P3) 🎯 MVP",
    "### Tests for User Story 1",
    "**Goal**: g",
    "**Checkpoint**: c",
    "- [ ] T001 [P] [US1] Do a thing (FR-001, FR-002-004)",
    "- [x] T002 [US9] FR-001 through FR-003",
    "- [X] **T003**: done",
    "- [ ]",
    "- [ ] no id",
    "- [~] T004 odd",
    "  - [ ] nested",
    "## Dependencies & Execution Order",
    "- **Phase 2**: depends on Phase 1",
    "- **User Stories (Phase 3+)**: All depend on Foundational",
    "Setup (Phase 1) → Foundational (Phase 2) → Polish",
    "## Technical Context",
    "**Language/Version**: Python 3.11 (3.12 ok), TypeScript 5 on Node 20",
    "**Primary Dependencies**:",
    "- Django 5.1 (web)",
    "**Storage**: N/A",
    "**Performance Goals**: NEEDS CLARIFICATION",
    "**Constraints**: none",
    "## Complexity Tracking",
    "| Violation | Why Needed | Simpler Alternative Rejected Because |",
    "|---|---|---|",
    "| Second store | speed | one store too slow |",
    "| N/A | | |",
    "## Token format",
    "**Decision**: x",
    "**Rationale**: y",
    "**Alternatives considered**:",
    "- alt",
    "## Entity: User",
    "### Fields",
    "| Field | Type |",
    "| id | uuid |",
    "- `email` (string): unique",
    "- id: UUID",
    "**Relationships**:",
    "## Relationships",
    "- User has many Sessions",
    "## POST /api/x - create",
    "`GET /api/x?q=1` - list",
    "| Method | Path |",
    "| GET | /y |",
    "DELETE /z",
    "---",
    "```",
    "<!-- comment",
    "-->",
    "> - [ ] T009 quoted",
    "    indented code",
    "",
    "",
]


@st.composite
def speckit_file_texts(draw: st.DrawFn) -> dict[str, str]:
    texts: dict[str, str] = {}
    for name in SPECKIT_FILES:
        if draw(st.booleans()):
            lines = draw(
                st.lists(st.sampled_from(SPECKIT_LINES) | st.text(max_size=30), max_size=30)
            )
            texts[name] = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    return texts
