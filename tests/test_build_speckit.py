"""``impl-speckit``: spec-kit feature folders read in place, through real builds.

Each test lays out a repository as spec-kit does, the documentation beside
``specs/``, with folders of ``tests/speckit/`` (one of the current templates, one of
the older ones with the workflow sections in ``plan.md``). The numbers below were
counted by hand from those folders.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_again, build_warnings, edit, open_questions_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

CORPUS = Path(__file__).parent / "speckit"
CURRENT = "001-magic-link-login"
OLDER = "002-csv-export"

CONF = """\
extensions = ["myst_parser", "sphinx_implplan"]
myst_enable_extensions = ["tasklist"]
show_warning_types = True
"""


def project(tmp_path: Path, *folders: str, directive_folder: str = "../specs") -> Path:
    """``repo/docs`` with a page per feature, ``repo/specs`` with the folders."""
    repo = tmp_path / "repo"
    docs = repo / "docs"
    docs.mkdir(parents=True)
    for folder in folders:
        shutil.copytree(CORPUS / folder, repo / "specs" / folder)
        (repo / "specs" / folder / "expected.json").unlink()
    (docs / "conf.py").write_text(CONF)
    pages = [f"feature-{index}" for index in range(len(folders))]
    (docs / "index.md").write_text(
        "# Features\n\n```{toctree}\n" + "\n".join(pages) + "\n```\n", encoding="utf-8"
    )
    for page, folder in zip(pages, folders, strict=True):
        # every feature has an FR-001: with several, each gets a prefix of its own
        prefix = f":id-prefix: F{folder[:3]}-\n" if len(folders) > 1 else ""
        (docs / f"{page}.md").write_text(
            f"# {folder}\n\n```{{impl-speckit}} {directive_folder}/{folder}\n{prefix}```\n\n"
            "```{impl-traceability}\n```\n",
            encoding="utf-8",
        )
    return docs


def report(app: SphinxTestApp) -> dict[str, Any]:
    """The plans of the build's report, each with its open questions added (the
    report keeps them once per requirement)."""
    data: dict[str, Any] = json.loads((app.outdir / "implplan.json").read_text("utf-8"))
    plans: dict[str, Any] = data["plans"]
    for plan_id, plan in plans.items():
        plan["open_questions"] = open_questions_of(data, plan_id)
    return plans


def ours(app: SphinxTestApp) -> list[str]:
    return [
        f"{w.file}:{w.line} {w.subtype} {w.message}"
        for w in build_warnings(app)
        if (w.subtype or "").startswith("implplan")
    ]


@pytest.mark.parametrize(
    ("folder", "plan_id", "expected"),
    [
        pytest.param(
            CURRENT,
            "PLAN_001_MAGIC_LINK",
            # FR-010 is named by no task: 10 of 11; 4 of 17 tasks ticked; FR-010 asks
            # how long a session lasts
            {
                "requirements": 11,
                "implemented": 10,
                "done": 4,
                "total": 17,
                "decisions": 4,
                "open_questions": 1,
            },
            # plan.md's header date; spec.md was created two days before
            id="current-template",
        ),
        pytest.param(
            OLDER,
            "PLAN_002_CSV_EXPORT",
            # every FR named by a task; phases 3.1 to 3.5, 6 of 13 ticked; the workflow
            # sections of plan.md are no phases; FR-006 asks for a retention period (the
            # checklist's "[NEEDS CLARIFICATION] marker answered" is no requirement)
            {
                "requirements": 8,
                "implemented": 8,
                "done": 6,
                "total": 13,
                "decisions": 3,
                "open_questions": 1,
            },
            id="older-template",
        ),
    ],
)
def test_a_feature_folder_is_a_plan(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    folder: str,
    plan_id: str,
    expected: dict[str, int],
) -> None:
    app = build_again(make_app, project(tmp_path, folder))
    assert ours(app) == []
    plan = report(app)[plan_id]
    assert plan["coverage"]["requirements"] == expected["requirements"]
    assert plan["coverage"]["implemented"] == expected["implemented"]
    assert sum(phase["done"] for phase in plan["phases"]) == expected["done"]
    assert sum(phase["total"] for phase in plan["phases"]) == expected["total"]
    assert len(plan["decisions"]) == expected["decisions"]
    # the markers spec.md leaves in a requirement come through impl-speckit's bodies
    assert (
        plan["coverage"]["open_questions"]
        == len(plan["open_questions"])
        == expected["open_questions"]
    )
    assert plan["updated"] == {CURRENT: "2025-11-05", OLDER: "2025-03-20"}[folder]
    # every requirement keeps its id as written
    assert all(row["id"].startswith("FR-") for row in plan["requirements"])


def test_stack_entities_and_endpoints_of_the_current_template(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    app = build_again(
        make_app, project(tmp_path, CURRENT), confoverrides={"needs_build_json": True}
    )
    needs = json.loads((app.outdir / "needs.json").read_text("utf-8"))
    items = needs["versions"][""]["needs"].values()
    count = {
        kind: sum(need["type"] == kind for need in items)
        for kind in (
            "impl-tech",
            "impl-entity",
            "impl-endpoint",
            "impl-metric",
            "impl-consideration",
        )
    }
    assert count == {
        "impl-tech": 8,
        "impl-entity": 2,
        "impl-endpoint": 3,
        # the three success criteria
        "impl-metric": 3,
        "impl-consideration": 3,
    }


def test_ticking_a_task_rebuilds_the_page_as_a_clean_build(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    docs = project(tmp_path / "incremental", CURRENT)
    build_again(make_app, docs)
    tasks = docs.parent / "specs" / CURRENT / "tasks.md"
    text = tasks.read_text(encoding="utf-8")
    first_open = text.index("- [ ] ")
    tasks.write_text(text[:first_open] + "- [x] " + text[first_open + 6 :], encoding="utf-8")
    again = build_again(make_app, docs)

    clean_docs = project(tmp_path / "clean", CURRENT)
    shutil.copyfile(tasks, clean_docs.parent / "specs" / CURRENT / "tasks.md")
    clean = build_again(make_app, clean_docs)
    assert report(again) == report(clean)
    plan = report(again)["PLAN_001_MAGIC_LINK"]
    assert sum(phase["done"] for phase in plan["phases"]) == 5


def test_a_parallel_build_reads_the_folders_as_a_serial_one(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    folders = (CURRENT, OLDER, "003-api-rate-limiter", "004-offline-cache", "005-billing-webhook")
    serial = build_again(make_app, project(tmp_path / "serial", *folders))
    parallel = build_again(make_app, project(tmp_path / "parallel", *folders), parallel=2)
    assert report(parallel) == report(serial)
    assert sorted(ours(parallel)) == sorted(ours(serial))
    # each feature's requirements under its own prefix, all of them counted
    plan = report(serial)["PLAN_001_MAGIC_LINK"]
    assert plan["coverage"]["requirements"] == 11
    assert plan["requirements"][0]["id"] == "F001-FR-001"


def test_a_folder_outside_the_roots_is_refused_unread(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    docs = project(tmp_path, CURRENT)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(docs.parent / "specs", elsewhere)
    edit(docs / "feature-0.md", "../specs/", "../../elsewhere/")
    app = build_again(make_app, docs)
    warnings = ours(app)
    assert len(warnings) == 1
    assert "implplan.speckit" in warnings[0]
    assert "implplan_speckit_roots" in warnings[0]
    assert report(app) == {}


def test_problems_are_warned_at_the_spec_kit_file_and_line(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    docs = project(tmp_path, CURRENT)
    tasks = docs.parent / "specs" / CURRENT / "tasks.md"
    lines = tasks.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("- [ ] T"))
    lines[at] += " (FR-999)"
    tasks.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (docs.parent / "specs" / CURRENT / "research.md").unlink()
    app = build_again(make_app, docs)
    warnings = ours(app)
    assert any(
        w.startswith(f"tasks.md:{at + 1} implplan.speckit") and "FR-999" in w for w in warnings
    ), warnings
    # the rest is kept: the phases are all there
    assert len(report(app)["PLAN_001_MAGIC_LINK"]["phases"]) == 6


def test_a_folder_without_tasks_shows_what_is_there_and_says_what_is_missing(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    docs = project(tmp_path, CURRENT)
    (docs.parent / "specs" / CURRENT / "tasks.md").unlink()
    app = build_again(make_app, docs)
    missing = [w for w in ours(app) if "tasks.md" in w]
    assert len(missing) == 1
    plan = report(app)["PLAN_001_MAGIC_LINK"]
    assert plan["phases"] == []
    assert plan["coverage"]["requirements"] == 11


def test_a_file_added_to_the_folder_reads_the_page_again(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    docs = project(tmp_path, CURRENT)
    research = docs.parent / "specs" / CURRENT / "research.md"
    kept = research.read_text(encoding="utf-8")
    research.unlink()
    first = build_again(make_app, docs)
    decisions = len(report(first)["PLAN_001_MAGIC_LINK"]["decisions"])
    research.write_text(kept, encoding="utf-8")
    again = build_again(make_app, docs)
    assert len(report(again)["PLAN_001_MAGIC_LINK"]["decisions"]) > decisions


def test_an_rst_document_is_told_to_use_markdown(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    docs = project(tmp_path, CURRENT)
    (docs / "feature-0.md").unlink()
    (docs / "feature-0.rst").write_text(
        "Feature\n=======\n\n.. impl-speckit:: ../specs/001-magic-link-login\n",
        encoding="utf-8",
    )
    app = build_again(make_app, docs)
    warnings = ours(app)
    assert len(warnings) == 1
    assert "MyST" in warnings[0]


def test_a_project_rule_that_refuses_the_ids_gives_one_warning(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    docs = project(tmp_path, CURRENT)
    with (docs / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('needs_id_regex = "^[A-Z0-9_]{3,}"\n')
    app = build_again(make_app, docs)
    refused = [w for w in ours(app) if "needs_id_regex" in w]
    assert len(refused) == 1
    # 11 requirements and 3 success criteria
    assert "FR-001, FR-002, FR-003 and 11 more" in refused[0]
    # no warning of sphinx-needs per requirement, and the rest of the plan is there
    others = [w.message for w in build_warnings(app) if "needs_id_regex" not in w.message]
    assert not [message for message in others if "FR-0" in message]
    assert len(report(app)["PLAN_001_MAGIC_LINK"]["phases"]) == 6


@pytest.mark.parametrize(
    ("argument", "said"),
    [
        pytest.param("", "name the feature folder", id="no-folder"),
        pytest.param("../specs/001-magic-link-login/spec.md", "is not a folder", id="a-file"),
        pytest.param("../specs/no-such-feature", "is not a folder", id="missing"),
        pytest.param("/etc", "implplan_speckit_roots", id="outside"),
    ],
)
def test_a_folder_that_cannot_be_read_is_one_warning(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, argument: str, said: str
) -> None:
    docs = project(tmp_path, CURRENT)
    (docs / "feature-0.md").write_text(
        f"# Feature\n\n```{{impl-speckit}} {argument}\n```\n", encoding="utf-8"
    )
    app = build_again(make_app, docs)
    warnings = ours(app)
    assert len(warnings) == 1, warnings
    assert said in warnings[0]
    assert report(app) == {}


def test_the_options_name_the_plan_the_requirement_type_and_the_prefix(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    docs = project(tmp_path, CURRENT)
    with (docs / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('implplan_requirement_types = ["req", "spec"]\n')
    (docs / "feature-0.md").write_text(
        "# Feature\n\n```{impl-speckit} ../specs/001-magic-link-login\n"
        ":id: PLAN_LOGIN\n:requirement-type: spec\n:id-prefix: ML-\n```\n",
        encoding="utf-8",
    )
    app = build_again(make_app, docs, confoverrides={"needs_build_json": True})
    assert ours(app) == []
    plan = report(app)["PLAN_LOGIN"]
    assert plan["coverage"]["requirements"] == 11
    assert plan["requirements"][0]["id"] == "ML-FR-001"
    needs = json.loads((app.outdir / "needs.json").read_text("utf-8"))["versions"][""]["needs"]
    assert needs["ML-FR-001"]["type"] == "spec"


@pytest.mark.parametrize(
    ("option", "said"),
    [
        pytest.param(":id: two ids", ":id:", id="id"),
        pytest.param(":requirement-type: story", ":requirement-type:", id="requirement-type"),
        pytest.param(":id-prefix: ML/", ":id-prefix:", id="id-prefix"),
    ],
)
def test_a_bad_option_is_warned_about_and_the_default_used(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, option: str, said: str
) -> None:
    docs = project(tmp_path, CURRENT)
    (docs / "feature-0.md").write_text(
        f"# Feature\n\n```{{impl-speckit}} ../specs/001-magic-link-login\n{option}\n```\n",
        encoding="utf-8",
    )
    app = build_again(make_app, docs)
    warnings = ours(app)
    assert len(warnings) == 1, warnings
    assert said in warnings[0]
    plan = report(app)["PLAN_001_MAGIC_LINK"]
    assert plan["requirements"][0]["id"] == "FR-001"
    assert plan["coverage"]["implemented"] == 10
