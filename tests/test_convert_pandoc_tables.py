"""``implplan convert`` on a Word document exported by Pandoc (``pandoc -t
markdown``), whose tables are Pandoc's own: a phase keeps its checklist past its
table, the table is kept line for line as a fixed-width block, and the converted
plan builds without a warning the plain one did not have."""

from __future__ import annotations

from typing import TYPE_CHECKING

from build_helpers import read_needs
from convert_helpers import build_converted_plan, directive_items, lossless

from sphinx_implplan.authoring.conversion.pandoc_tables import indent_pandoc_tables

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

WORD_EXPORT = """\
# Delivery Phases

## Phase 1 -- Pilot

  ---------------------------------------------------------
  **Field**         **Value**
  ----------------- ---------------------------------------
  Sponsor           Fleet Services

  Gate              Pilot review
  ---------------------------------------------------------

Deliverables:

-   [x] Contract signed

-   [ ] Ten units fitted

## Phase 2 -- Rollout

  Depot           Vehicles
  --------------- ----------
  North           88
  South           71

-   [ ] All vehicles fitted
"""


def test_pandoc_tables_are_indented_line_for_line() -> None:
    indented = indent_pandoc_tables(WORD_EXPORT)
    assert len(indented.splitlines()) == len(WORD_EXPORT.splitlines())
    changed = [
        line
        for line, was in zip(indented.splitlines(), WORD_EXPORT.splitlines(), strict=True)
        if line != was
    ]
    # the two tables' non-blank lines: five and four, the multiline one's borders in
    assert len(changed) == 6 + 4
    assert all(line.startswith("      ") for line in changed)


def test_a_rule_of_dashes_with_no_header_or_one_column_is_no_table() -> None:
    text = "Intro\n\n---\n\n  ----- -----\n\nText\n-----------\n"
    assert indent_pandoc_tables(text) == text


def test_a_table_in_a_code_block_stays_as_written() -> None:
    text = "```text\nName   Size\n------ -----\na      1\n```\n\n~~~\nA    B\n---- ----\n~~~\n"
    assert indent_pandoc_tables(text) == text


def test_a_phase_keeps_its_checklist_past_a_pandoc_table(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    converted = lossless(WORD_EXPORT).text
    phases = directive_items(converted)
    assert [phase["title"] for phase in phases] == ["Phase 1 -- Pilot", "Phase 2 -- Rollout"]
    assert "Gate              Pilot review" in phases[0]["body"]
    plain, _ = build_converted_plan(make_app, tmp_path / "plain", WORD_EXPORT)
    built, app = build_converted_plan(make_app, tmp_path / "converted", converted)
    assert built <= plain
    needs = {n["title"]: n for n in read_needs(app).values() if n["type"] == "impl-phase"}
    assert needs["Phase 1 -- Pilot"]["deliverables_done"] == 1
    assert needs["Phase 2 -- Rollout"]["deliverables_total"] == 1


def test_a_phase_s_table_of_particulars_says_when_it_runs() -> None:
    """A two-column table's row read as the label line it stands for, in a simple
    table and in a multiline one whose cell goes on in the next line; a table of
    more columns gives no dates."""
    source = (
        "# Delivery\n\n## Phase 1 -- Pilot\n\n"
        "  Item       Detail\n  ---------- ------------------------------\n"
        "  Period     1 March 2027 -- 26 March 2027\n  Sponsor    Fleet\n\n- [ ] a\n\n"
        "## Phase 2 -- Rollout\n\n"
        "  ------------------------------------------------\n"
        "  **Item**   **Detail**\n  ---------- -------------------------------------\n"
        "  Period     12 April 2027 -- 4 June 2027, two depots\n"
        "             a fortnight\n  ------------------------------------------------\n\n"
        "- [ ] b\n\n## Phase 3 -- Review\n\n"
        "  Item       Detail     Note\n  ---------- ---------- ----------\n"
        "  Period     May 2027   draft\n\n- [ ] c\n"
    )
    phases = {phase["title"]: phase for phase in directive_items(lossless(source).text)}
    assert (phases["Phase 1 -- Pilot"]["start"], phases["Phase 1 -- Pilot"]["end"]) == (
        "2027-03-01",
        "2027-03-26",
    )
    assert (phases["Phase 2 -- Rollout"]["start"], phases["Phase 2 -- Rollout"]["end"]) == (
        "2027-04-12",
        "2027-06-04",
    )
    assert "start" not in phases["Phase 3 -- Review"]
