"""Plans that cover part of a spec: an ``impl-plan``'s ``:requirements:`` through real
builds (guide: impl-plan, "Several plans over one spec").

``roots/test-plan-requirements``: ``spec.md`` holds FR_001 (tag ``import``), FR_002
(``export``), FR_003 (``sync``), FR_004 (``sync``, ``conflicts``, and an open
question), FR_010 and FR_011 (no tags); ``other-spec.md`` holds OR_1 (``sync``). Two
plans name ``spec``: PLAN_SYNC takes ``FR_001, FR_002, tag:sync`` and implements
those four, PLAN_SHARE takes ``FR_01*`` and implements those two. So each plan covers
all of its part, and OR_1, tagged ``sync`` too, is no part of PLAN_SYNC: it is not
in its ``:spec:``. ``review.md`` has a traceability view per plan (each with
``:min-coverage: 100``) and one of both; ``summary.md`` sums up both.
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import (
    ANSI_CODE,
    BuildWarning,
    build_again,
    build_warnings,
    card_html,
    copy_root,
    edit,
    line_in,
    open_questions_of,
    read_html,
    view_text,
    visible_text,
    warnings_of,
)

from sphinx_implplan.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

SYNC_OPTION = ":requirements: FR_001, FR_002, tag:sync\n"
SHARE_OPTION = ":requirements: FR_01*\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_root("plan-requirements", tmp_path / "plan-requirements")


def report(app: SphinxTestApp) -> dict[str, Any]:
    """The plans of the build's report, each with the ids of its scope added under
    ``in_scope`` and its open questions under ``open_questions`` (the report keeps
    them once per scope and once per requirement)."""
    data: dict[str, Any] = json.loads((app.outdir / "implplan.json").read_text("utf-8"))
    plans: dict[str, Any] = data["plans"]
    for plan_id, plan in plans.items():
        plan["in_scope"] = data["scopes"][plan["scope"]]
        plan["open_questions"] = open_questions_of(data, plan_id)
    return plans


def requirement_ids(plan: dict[str, Any]) -> list[str]:
    """The requirements the plan's coverage counts."""
    ids: list[str] = plan["in_scope"]
    return ids


def summary_of(app: SphinxTestApp, plan_id: str) -> str:
    """The text of one plan's table in the summary of both plans."""
    text = view_text(read_html(app, "summary"), "impl-summary")
    [table] = [part for part in text.split("Summary of ") if f"({plan_id})" in part]
    return table


def check(capsys: pytest.CaptureFixture[str], src: Path) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", str(src)])
    return code, capsys.readouterr().out


# -- two plans over one spec ----------------------------------------------------------


@pytest.mark.sphinx("html", testroot="plan-requirements", freshenv=True)
def test_two_plans_over_one_spec_each_cover_their_part(app: SphinxTestApp) -> None:
    app.build()
    # each plan covers all of its part: no :min-coverage: warning, nothing else
    assert build_warnings(app) == []
    plans = report(app)
    assert requirement_ids(plans["PLAN_SYNC"]) == ["FR_001", "FR_002", "FR_003", "FR_004"]
    assert requirement_ids(plans["PLAN_SHARE"]) == ["FR_010", "FR_011"]
    assert plans["PLAN_SYNC"]["coverage"] == {
        "requirements": 4,
        "implemented": 4,
        "verified": 1,
        "measured": 0,
        "percent": 100.0,
        "open_questions": 1,
        "passing": 0,
    }
    assert plans["PLAN_SHARE"]["coverage"]["percent"] == 100.0
    assert plans["PLAN_SHARE"]["uncovered"] == plans["PLAN_SYNC"]["uncovered"] == 0
    # open questions: only those of the requirements in the plan's part
    assert plans["PLAN_SYNC"]["open_questions"] == [
        {"requirement": "FR_004", "question": "last writer or a merge?"}
    ]
    assert plans["PLAN_SHARE"]["open_questions"] == []


@pytest.mark.sphinx("html", testroot="plan-requirements", freshenv=True)
def test_every_view_counts_the_plan_s_part(app: SphinxTestApp) -> None:
    app.build()
    review = read_html(app, "review")
    sync = view_text(review, "impl-traceability", 0)
    assert sync.startswith("Coverage: 4 of 4 requirements implemented (100.0 %)")
    assert "FR_010" not in sync
    assert "OR_1" not in sync
    share = view_text(review, "impl-traceability", 1)
    assert share.startswith("Coverage: 2 of 2 requirements implemented (100.0 %)")
    assert "FR_001" not in share
    # a view of both plans: the two parts together
    both = view_text(review, "impl-traceability", 2)
    assert both.startswith("Coverage: 6 of 6 requirements implemented (100.0 %)")
    share_summary = summary_of(app, "PLAN_SHARE")
    assert "Spec Notes spec (only FR_01*)" in share_summary
    assert "Coverage 100.0 % (2 of 2 requirements implemented; 0 verified, 0 measured)" in (
        share_summary
    )
    sync_summary = summary_of(app, "PLAN_SYNC")
    assert "Spec Notes spec (only FR_001, FR_002, tag:sync)" in sync_summary
    assert "Open questions 1 open question ( FR_004 )" in sync_summary
    # the card shows the entries as written
    card = visible_text(card_html(read_html(app, "plan-sync"), "PLAN_SYNC"))
    assert "requirements : FR_001, FR_002, tag:sync" in card


def test_check_passes_with_the_option_and_fails_without(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    narrowed = copy_root("plan-requirements", tmp_path / "narrowed")
    code, out = check(capsys, narrowed)
    assert code == 0, out
    assert "coverage: 4/4 requirements implemented (100.0%)" in out
    assert "coverage: 2/2 requirements implemented (100.0%)" in out
    assert out.splitlines()[-1] == "OK: 2 plans, no gaps; 1 open question"

    # the same plans counting their whole spec: each misses the other's requirements
    whole = copy_root("plan-requirements", tmp_path / "whole")
    edit(whole / "plan-sync.md", SYNC_OPTION, "")
    edit(whole / "plan-share.md", SHARE_OPTION, "")
    code, out = check(capsys, whole)
    assert code == 1, out
    assert "coverage: 4/6 requirements implemented (66.7%)" in out
    assert "coverage: 2/6 requirements implemented (33.3%)" in out
    assert "gaps found: uncovered requirement FR_010; uncovered requirement FR_011" in out
    assert out.splitlines()[-1].startswith("gaps found: 6 gaps in 2 of 2 plans")


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        pytest.param("FR_003", ["FR_003"], id="an id"),
        pytest.param("FR_00?", ["FR_001", "FR_002", "FR_003", "FR_004"], id="one wildcard"),
        pytest.param("FR_0*1", ["FR_001", "FR_011"], id="a run wildcard"),
        pytest.param("tag:conflicts", ["FR_004"], id="a tag"),
        pytest.param("Tag: import; FR_011", ["FR_001", "FR_011"], id="tag and id"),
        # a tag OR_1 has too: not in the plan's :spec:, so never counted
        pytest.param("tag:sync, FR_004", ["FR_003", "FR_004"], id="overlapping"),
    ],
)
def test_ids_patterns_and_tags(
    make_app: Callable[..., SphinxTestApp], project: Path, entries: str, expected: list[str]
) -> None:
    edit(project / "plan-share.md", SHARE_OPTION, f":requirements: {entries}\n")
    app = build_again(make_app, project)
    assert warnings_of(build_warnings(app), "value") == []
    assert requirement_ids(report(app)["PLAN_SHARE"]) == expected


def test_a_plan_without_spec_takes_its_part_of_every_requirement(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    edit(project / "plan-sync.md", ":spec: spec\n", "")
    app = build_again(make_app, project)
    assert build_warnings(app) == [
        BuildWarning(
            "review.md",
            line_in(project / "review.md", "{impl-traceability} Sync"),
            "implplan.coverage",
            "impl-traceability: coverage 80 % is below :min-coverage: 100 %; 1 of 5 "
            "requirements are not implemented: OR_1",
        )
    ]
    assert requirement_ids(report(app)["PLAN_SYNC"]) == [
        "FR_001",
        "FR_002",
        "FR_003",
        "FR_004",
        "OR_1",
    ]


def test_a_view_s_spec_replaces_the_documents_not_the_part(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    edit(project / "review.md", ":plan: PLAN_SYNC\n", ":plan: PLAN_SYNC\n:spec: other-spec\n")
    app = build_again(make_app, project)
    sync = view_text(read_html(app, "review"), "impl-traceability", 0)
    # OR_1 is tagged sync: of the view's documents, it is the plan's part
    assert sync.startswith("Coverage: 0 of 1 requirements implemented (0.0 %)")
    assert "OR_1 Audit log no" in sync


# -- bad input --------------------------------------------------------------------------

#: (the option's value on PLAN_SHARE, the messages of its warnings, what it then counts)
BAD_ENTRIES = {
    "empty": (
        "",
        [
            (
                "PLAN_SHARE: :requirements: the list of requirements is empty; the option is "
                "left out, so the plan's whole :spec: counts"
            )
        ],
        ["FR_001", "FR_002", "FR_003", "FR_004", "FR_010", "FR_011"],
    ),
    "no form": (
        "FR_01*, FR 012, tag:",
        [
            (
                "PLAN_SHARE: :requirements: 'FR 012' is no requirement id, id pattern or "
                "tag:NAME (an id holds letters, digits, '_', '-' and '.'; a pattern also '*' "
                "and '?'); the entry is left out"
            ),
            "PLAN_SHARE: :requirements: 'tag:' names no tag; write tag:NAME; the entry is left out",
        ],
        ["FR_010", "FR_011"],
    ),
    "unknown id": (
        "FR_01*, FR_099",
        ["PLAN_SHARE: :requirements: 'FR_099' selects nothing: no need has this id"],
        ["FR_010", "FR_011"],
    ),
    "no requirement": (
        "FR_01*, CMP_SYNC",
        [
            (
                "PLAN_SHARE: :requirements: 'CMP_SYNC' selects nothing: it is of type "
                "impl-component, which is no requirement type (req)"
            )
        ],
        ["FR_010", "FR_011"],
    ),
    "outside the spec": (
        "FR_01*, OR_1",
        [
            (
                "PLAN_SHARE: :requirements: 'OR_1' selects nothing: it is a requirement of "
                "document 'other-spec', not of the plan's :spec:"
            )
        ],
        ["FR_010", "FR_011"],
    ),
    "pattern matching none": (
        "FR_01*, FR_2*",
        [
            (
                "PLAN_SHARE: :requirements: 'FR_2*' selects nothing: it matches no requirement "
                "of the plan's :spec:"
            )
        ],
        ["FR_010", "FR_011"],
    ),
    "tag nobody has": (
        "FR_01*, tag:sharing",
        [
            (
                "PLAN_SHARE: :requirements: 'tag:sharing' selects nothing: no requirement of "
                "the plan's :spec: has the tag 'sharing'"
            )
        ],
        ["FR_010", "FR_011"],
    ),
    "nothing selected": (
        "tag:sharing",
        [
            (
                "PLAN_SHARE: :requirements: 'tag:sharing' selects nothing: no requirement of "
                "the plan's :spec: has the tag 'sharing'"
            )
        ],
        [],
    ),
}


@pytest.mark.parametrize("parallel", [0, 2])
@pytest.mark.parametrize("case", BAD_ENTRIES)
def test_bad_entries_warn_at_the_plan_s_line(
    make_app: Callable[..., SphinxTestApp], project: Path, case: str, parallel: int
) -> None:
    value, messages, counted = BAD_ENTRIES[case]
    edit(project / "plan-share.md", SHARE_OPTION, f":requirements: {value}\n")
    app = build_again(make_app, project, parallel=parallel)
    line = line_in(project / "plan-share.md", "{impl-plan} Sharing")
    assert sorted(warnings_of(build_warnings(app), "value")) == sorted(
        BuildWarning("plan-share.md", line, "implplan.value", message) for message in messages
    )
    plans = report(app)
    assert requirement_ids(plans["PLAN_SHARE"]) == counted
    # nothing else is lost: the other plan, the plan's items
    assert plans["PLAN_SYNC"]["coverage"]["percent"] == 100.0
    assert "CMP_SHARE" in read_html(app, "plan-share")


def test_a_plan_in_an_included_file_is_warned_about_there(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    part = project / "parts" / "share-plan.md"
    part.parent.mkdir()
    shutil.move(project / "plan-share.md", part)
    edit(part, SHARE_OPTION, ":requirements: FR_01*, FR_099\n")
    (project / "plan-share.md").write_text(
        "# Sharing plan\n\n```{include} parts/share-plan.md\n```\n", encoding="utf8"
    )
    app = build_again(make_app, project)
    [warning] = warnings_of(build_warnings(app), "value")
    assert (warning.file, warning.line) == (
        "share-plan.md",
        line_in(part, "{impl-plan} Sharing"),
    )


# -- incremental and parallel builds ----------------------------------------------------


def test_a_new_tag_moves_a_requirement_into_a_plan_s_part(
    make_app: Callable[..., SphinxTestApp], project: Path, tmp_path: Path
) -> None:
    build_again(make_app, project)
    # only spec.md is read again: the review and summary pages must still show it
    edit(project / "spec.md", ":id: FR_010\n", ":id: FR_010\n:tags: sync\n")
    again = build_again(make_app, project)
    status = ANSI_CODE.sub("", again.status.getvalue())
    assert "updating environment: 0 added, 1 changed, 0 removed" in status
    assert build_warnings(again) == [
        BuildWarning(
            "review.md",
            line_in(project / "review.md", "{impl-traceability} Sync"),
            "implplan.coverage",
            "impl-traceability: coverage 80 % is below :min-coverage: 100 %; 1 of 5 "
            "requirements are not implemented: FR_010",
        )
    ]
    assert requirement_ids(report(again)["PLAN_SYNC"]) == [
        "FR_001",
        "FR_002",
        "FR_003",
        "FR_004",
        "FR_010",
    ]
    assert "FR_010 Share a notebook no" in view_text(
        read_html(again, "review"), "impl-traceability", 0
    )
    assert "Coverage 80.0 % (4 of 5 requirements implemented" in summary_of(again, "PLAN_SYNC")
    assert_same_as_a_clean_build(make_app, project, again, tmp_path)


def test_a_new_requirement_a_pattern_matches_joins_the_part(
    make_app: Callable[..., SphinxTestApp], project: Path, tmp_path: Path
) -> None:
    edit(project / "plan-share.md", SHARE_OPTION, ":requirements: FR_01*, FR_02*\n")
    first = build_again(make_app, project)
    [unmatched] = warnings_of(build_warnings(first), "value")
    assert "'FR_02*' selects nothing" in unmatched.message
    # a build that reads nothing again repeats the warning
    unchanged = build_again(make_app, project)
    assert warnings_of(build_warnings(unchanged), "value") == [unmatched]

    with (project / "spec.md").open("a", encoding="utf8") as spec:
        spec.write("\n```{req} Share with a group\n:id: FR_020\n```\n")
    again = build_again(make_app, project)
    assert warnings_of(build_warnings(again), "value") == []
    assert requirement_ids(report(again)["PLAN_SHARE"]) == ["FR_010", "FR_011", "FR_020"]
    assert "Coverage 66.7 % (2 of 3 requirements implemented" in summary_of(again, "PLAN_SHARE")
    assert_same_as_a_clean_build(make_app, project, again, tmp_path)


def assert_same_as_a_clean_build(
    make_app: Callable[..., SphinxTestApp], project: Path, result: SphinxTestApp, tmp_path: Path
) -> None:
    clean_src = tmp_path / "clean"
    shutil.copytree(project, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build_again(make_app, clean_src)
    assert (result.outdir / "implplan.json").read_bytes() == (
        clean.outdir / "implplan.json"
    ).read_bytes()
    for page, kind, count in (("review", "impl-traceability", 3), ("summary", "impl-summary", 1)):
        for index in range(count):
            assert view_text(read_html(result, page), kind, index) == view_text(
                read_html(clean, page), kind, index
            ), (page, index)
    assert sorted(build_warnings(result)) == sorted(build_warnings(clean))


def test_a_parallel_build_equals_a_serial_one(
    make_app: Callable[..., SphinxTestApp], project: Path, tmp_path: Path
) -> None:
    edit(project / "plan-share.md", SHARE_OPTION, ":requirements: FR_01*, tag:sharing, FR 2\n")
    twin = tmp_path / "parallel"
    shutil.copytree(project, twin)
    serial = build_again(make_app, project)
    parallel = build_again(make_app, twin, parallel=2)
    assert len(warnings_of(build_warnings(serial), "value")) == 2
    assert (parallel.outdir / "implplan.json").read_bytes() == (
        serial.outdir / "implplan.json"
    ).read_bytes()
    assert sorted(build_warnings(parallel)) == sorted(build_warnings(serial))
    for page, kind, count in (("review", "impl-traceability", 3), ("summary", "impl-summary", 1)):
        for index in range(count):
            assert view_text(read_html(parallel, page), kind, index) == view_text(
                read_html(serial, page), kind, index
            )

    # after the same edit, an incremental parallel build equals a clean serial one
    for folder in (project, twin):
        edit(folder / "spec.md", ":id: FR_011\n", ":id: FR_011\n:tags: sharing\n")
    again = build_again(make_app, twin, parallel=2)
    assert warnings_of(build_warnings(again), "value") == [
        warning
        for warning in warnings_of(build_warnings(serial), "value")
        if "tag:sharing" not in warning.message
    ]
    assert_same_as_a_clean_build(make_app, twin, again, tmp_path)
