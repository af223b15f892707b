"""Approvals in real builds: ``implplan approve``, then edits, each followed by an
incremental build of the same output folder, as ``sphinx-build`` run again does.

The project is check-ok with a traceability view of ``PLAN_OK`` on ``notes.md``, a
page no edit touches: its marks and the cards of ``plan.md``, which the requirement
edits do not touch either, must follow each build.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import (
    build_again,
    build_warnings,
    card_html,
    copy_root,
    edit,
    line_in,
    read_html,
    view_text,
    visible_text,
    warnings_of,
)

from sphinx_implplan.cli import main
from sphinx_implplan.plan.approvals import BASELINE_FILE

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from build_helpers import BuildWarning
    from sphinx.testing.util import SphinxTestApp

TRACEABILITY = (
    "\n```{impl-traceability}\n:plan: PLAN_OK\n```\n"
    "\n```{impl-traceability}\n:plan: PLAN_OK\n:layout: matrix\n```\n"
)
#: FR_001 and the plan items that link to it, directly
FR_001 = "```{req} Store notes offline\n:id: FR_001\n```\n"
FR_001_EDITED = "```{req} Store notes offline\n:id: FR_001\n\nEven with the app closed.\n```\n"
LINKING_TO_FR_001 = ["CMP_STORE", "TEST_STORE", "RISK_LOSS"]
NEW_COMPONENT = "\n```{impl-component} Exporter\n:id: CMP_EXPORT\n:implements: FR_002\n```\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = copy_root("check-ok", tmp_path / "ok")
    with (src / "notes.md").open("a", encoding="utf8") as notes:
        notes.write(TRACEABILITY)
    return src


def approve(src: Path, *argv: str) -> None:
    assert main(["approve", str(src), "--date", "2027-02-01", *argv]) == 0


def ours(app: SphinxTestApp) -> list[BuildWarning]:
    return sorted(w for w in build_warnings(app) if w.subtype.startswith("implplan."))


def approval_line(app: SphinxTestApp, item_id: str) -> str:
    card = card_html(read_html(app, "plan"), item_id)
    found = re.search(r'<dd class="implplan-field-approval[^"]*">(.*?)</dd>', card, re.DOTALL)
    assert found is not None, visible_text(card)
    return visible_text(found.group(1))


def report(app: SphinxTestApp) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((app.outdir / "implplan.json").read_text(encoding="utf8"))
    return data["plans"]["PLAN_OK"]  # type: ignore[no-any-return]


def read_again(app: SphinxTestApp) -> str:
    """Sphinx's line saying how many documents it read again."""
    status = app.status.getvalue()
    return status[status.index("updating environment") :].splitlines()[0]


def test_a_changed_requirement_makes_exactly_its_items_suspect(
    make_app: Callable[..., SphinxTestApp],
    project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    approve(project)
    first = build_again(make_app, project)
    assert ours(first) == []
    assert approval_line(first, "CMP_STORE") == "approved on 2027-02-01"
    assert "(suspect)" not in view_text(read_html(first, "notes"), "impl-traceability")

    edit(project / "spec.md", FR_001, FR_001_EDITED)
    second = build_again(make_app, project)
    assert "0 added, 1 changed, 0 removed" in read_again(second)
    plan = project / "plan.md"
    assert ours(second) == sorted(warnings_of(build_warnings(second), "suspect", file="plan.md")), (
        "nothing but the suspect items"
    )
    found = {(w.line, w.message) for w in warnings_of(build_warnings(second), "suspect")}
    assert found == {
        (
            line_in(plan, f":id: {item_id}") - 1,
            (
                f"{item_id} is suspect: FR_001 changed since {item_id} was approved on "
                f"2027-02-01; approve it again once reviewed (implplan approve --item {item_id})"
            ),
        )
        for item_id in LINKING_TO_FR_001
    }
    # the page of the items was not read again, but shows their state
    for item_id in LINKING_TO_FR_001:
        line = approval_line(second, item_id)
        assert line == "suspect: FR_001 changed since the approval on 2027-02-01"
    for item_id in ("CMP_SYNC", "MET_SYNC", "PH_1", "PH_2", "RISK_SLOW", "PLAN_OK"):
        assert approval_line(second, item_id) == "approved on 2027-02-01"
    trace = view_text(read_html(second, "notes"), "impl-traceability")
    assert "CMP_STORE (suspect)" in trace
    assert "TEST_STORE (suspect)" in trace
    assert "CMP_SYNC (suspect)" not in trace
    assert "the requirement changed since the item linking to it was approved" in trace
    matrix = view_text(read_html(second, "notes"), "impl-traceability", 1)
    assert matrix.count("impl (suspect)") == 1  # CMP_STORE's cell in FR_001's row
    assert matrix.count("ver (suspect)") == 1
    assert matrix.count("aff (suspect)") == 1
    plan_report = report(second)
    assert plan_report["suspect"] == [
        {"id": item_id, "changed": ["FR_001"], "approved": "2027-02-01"}
        for item_id in ("CMP_STORE", "RISK_LOSS", "TEST_STORE")
    ]
    assert plan_report["changed_since_approval"] == plan_report["not_approved"] == []
    assert plan_report["approved"] == [
        "CMP_SYNC",
        "MET_SYNC",
        "PH_1",
        "PH_2",
        "PLAN_OK",
        "RISK_SLOW",
    ]

    # implplan check fails on them, and names them, unless they are allowed
    capsys.readouterr()
    assert main(["check", str(project)]) == 1
    out = capsys.readouterr().out
    assert "  suspect items (3):\n    CMP_STORE  Local store  (FR_001 changed since" in out
    assert (
        "gaps found: suspect item CMP_STORE; suspect item RISK_LOSS; suspect item TEST_STORE" in out
    )
    assert main(["check", str(project), "--format", "markdown"]) == 1
    markdown = capsys.readouterr().out
    assert (
        "- `CMP_STORE` Local store: `FR_001` changed since the approval on 2027-02-01" in markdown
    )
    assert main(["check", str(project), "--allow-suspect"]) == 0
    assert capsys.readouterr().out.endswith(
        "OK: 2 plans, no gaps; 3 suspect or changed items allowed\n"
    )

    # approved again: clean, and the pages say so without being read again
    approve(project, "--item", "CMP_STORE", "--item", "TEST_STORE", "--item", "RISK_LOSS")
    third = build_again(make_app, project)
    assert "0 added, 0 changed, 0 removed" in read_again(third)
    assert ours(third) == []
    assert approval_line(third, "CMP_STORE") == "approved on 2027-02-01"
    assert "(suspect)" not in view_text(read_html(third, "notes"), "impl-traceability")
    assert report(third)["suspect"] == []
    assert main(["check", str(project)]) == 0

    # nothing changed: nothing is written again
    fourth = build_again(make_app, project)
    assert "no targets are out of date" in fourth.status.getvalue()
    assert ours(fourth) == []


def test_an_item_changed_itself_and_a_new_item(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    approve(project)
    build_again(make_app, project)
    edit(project / "plan.md", "- [ ] Migrations", "- [x] Migrations")
    with (project / "plan.md").open("a", encoding="utf8") as plan:
        plan.write(NEW_COMPONENT)
    app = build_again(make_app, project)
    warnings = ours(app)
    # a new item is shown as not approved, and never warned about; PH_2 depends on
    # PH_1, which changed: suspicion follows that one link
    assert [(w.subtype, w.line) for w in warnings] == [
        ("implplan.changed", line_in(project / "plan.md", ":id: PH_1") - 1),
        ("implplan.suspect", line_in(project / "plan.md", ":id: PH_2") - 1),
    ]
    assert warnings[0].message.startswith("PH_1 changed since its approval on 2027-02-01;")
    assert approval_line(app, "PH_1") == "changed since the approval on 2027-02-01"
    assert approval_line(app, "CMP_EXPORT") == "not approved"
    assert approval_line(app, "PH_2") == "suspect: PH_1 changed since the approval on 2027-02-01"
    plan_report = report(app)
    assert plan_report["changed_since_approval"] == [{"id": "PH_1", "approved": "2027-02-01"}]
    assert plan_report["not_approved"] == ["CMP_EXPORT"]
    assert [entry["id"] for entry in plan_report["suspect"]] == ["PH_2"]


def test_a_plan_not_in_the_baseline_shows_no_state(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    approve(project, "--plan", "PLAN_NOTES")
    app = build_again(make_app, project)
    assert ours(app) == []
    assert "approval" not in visible_text(card_html(read_html(app, "plan"), "CMP_STORE"))
    assert report(app)["not_approved"] == []
    notes = json.loads((app.outdir / "implplan.json").read_text(encoding="utf8"))
    assert notes["plans"]["PLAN_NOTES"]["approved"] == ["PH_N1", "PLAN_NOTES"]


BAD_BASELINES = {
    "not-json": ('{\n  "version": 1,\n  "items": {\n', 4, "not JSON ("),
    "other-version": ('{"version": 2, "items": {}}\n', None, "a baseline of version 2;"),
    "hand-edited": (
        (
            '{"version": 1, "items": {"PH_1": {"fingerprint": "abc", "links": {}, '
            '"approved": "2027-02-01"}}}\n'
        ),
        None,
        "items.PH_1.fingerprint is not a SHA-256 digest",
    ),
}


@pytest.mark.parametrize("kind", BAD_BASELINES)
def test_a_baseline_that_cannot_be_used_is_one_warning(
    make_app: Callable[..., SphinxTestApp], project: Path, tmp_path: Path, kind: str
) -> None:
    text, line, message = BAD_BASELINES[kind]
    without = build_again(make_app, copy_root("check-ok", tmp_path / "without"))
    (project / "notes.md").write_text(
        (tmp_path / "without" / "notes.md").read_text(encoding="utf8"), encoding="utf8"
    )
    (project / BASELINE_FILE).write_text(text, encoding="utf8")
    for app in (build_again(make_app, project), build_again(make_app, project)):
        # in every build, the incremental one too
        (warning,) = ours(app)
        assert (warning.file, warning.line, warning.subtype) == (
            BASELINE_FILE,
            line,
            "implplan.config",
        )
        assert f"cannot be used: {message}" in warning.message
        assert warning.message.endswith(
            "the build goes on as without a baseline, and the file is left as it is"
        )
        assert (app.outdir / "implplan.json").read_bytes() == (
            without.outdir / "implplan.json"
        ).read_bytes()
        assert "implplan-field-approval" not in read_html(app, "plan")
    assert (project / BASELINE_FILE).read_text(encoding="utf8") == text


def test_a_parallel_build_agrees_with_a_serial_one(
    make_app: Callable[..., SphinxTestApp], project: Path, tmp_path: Path
) -> None:
    approve(project)
    edit(project / "spec.md", FR_001, FR_001_EDITED)
    edit(project / "plan.md", "- [ ] Migrations", "- [x] Migrations")
    twin = copy_root("check-ok", tmp_path / "twin")
    for name in ("notes.md", "spec.md", "plan.md", BASELINE_FILE):
        (twin / name).write_bytes((project / name).read_bytes())
    serial = build_again(make_app, project)
    parallel = build_again(make_app, twin, parallel=2)
    assert ours(parallel) == ours(serial)
    assert {w.subtype for w in ours(serial)} == {"implplan.suspect", "implplan.changed"}
    assert (parallel.outdir / "implplan.json").read_bytes() == (
        serial.outdir / "implplan.json"
    ).read_bytes()
    for item_id in (*LINKING_TO_FR_001, "PH_1", "PH_2"):
        assert approval_line(parallel, item_id) == approval_line(serial, item_id)


#: per builder: its pages, and how it writes the suspect mark after CMP_STORE's id
SUSPECT_IN = {
    "text": (("notes.txt", "plan.txt"), '"CMP_STORE" (suspect)'),
    "latex": (("checkok.tex",), r"CMP\_STORE}}}}} \DUrole{implplan-suspect}{(suspect)}"),
}


@pytest.mark.parametrize("builder", SUSPECT_IN)
def test_every_builder_shows_the_suspect_link_in_words(
    make_app: Callable[..., SphinxTestApp], project: Path, builder: str
) -> None:
    approve(project)
    edit(project / "spec.md", FR_001, FR_001_EDITED)
    app = build_again(make_app, project, builder)
    pages, mark = SUSPECT_IN[builder]
    text = " ".join((app.outdir / page).read_text(encoding="utf8") for page in pages)
    # LaTeX writes the hyphens of a date as a macro
    words = " ".join(text.replace("\\sphinxhyphen{}", "-").split())
    assert mark in words
    assert "impl (suspect)" in words
    # the cards: the word, the need (quoted, or in a macro) and the day
    assert words.count("changed since the approval on 2027-02-01") == 3
    assert words.count("suspect: ") == 3
