"""``implplan new``: the plan skeleton, and what the command refuses.

The skeleton is written into a small Sphinx project made in a temporary folder (a
spec with two ``req`` needs, an index with a toctree) and built for real: the HTML
build, which draws the views, must give no warning at all, and the ``needs`` build
must hold every item type, all in the new plan.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from build_helpers import build_again, read_needs

from sphinx_implplan.authoring.plan_skeleton import SECTIONS, skeleton
from sphinx_implplan.cli import main
from sphinx_implplan.plan.itemtypes import ITEM_TYPES, LINK_TYPES

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

CONF = """\
project = "new plan"
extensions = ["myst_parser", "sphinx_implplan"]
exclude_patterns = ["_build"]
show_warning_types = True
"""

SPEC = """\
# Spec: payments

```{req} Pay by card
:id: FR_001

People can pay with a debit or credit card.
```

```{req} Refunds
:id: FR_002

Support staff can refund a payment in full.
```
"""

DAY = datetime.date(2027, 3, 1)
LINK_OPTIONS = "|".join(link.name for link in LINK_TYPES)


def make_project(root: Path, plan_doc: str) -> Path:
    """A Sphinx project whose index lists ``plan_doc`` (not written yet) and the spec."""
    root.mkdir()
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "spec.md").write_text(SPEC, encoding="utf-8")
    index = f"# Payments\n\n```{{toctree}}\n\nspec\n{plan_doc}\n```\n"
    (root / "index.md").write_text(index, encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def build(make_app: Callable[..., SphinxTestApp], srcdir: Path, builder: str) -> SphinxTestApp:
    return build_again(make_app, srcdir, builder, freshenv=True)


def assert_one_error_line(err: str) -> None:
    assert len(err.splitlines()) == 1, err
    assert err.startswith("implplan new: error: ")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("plan_doc", "spec"),
    [("plan", "spec"), ("plans/payments", "../spec.md"), ("plan", None)],
    ids=["spec", "spec-with-suffix-from-a-new-folder", "no-spec"],
)
def test_the_skeleton_builds_without_a_warning(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    plan_doc: str,
    spec: str | None,
) -> None:
    srcdir = make_project(tmp_path / "docs", plan_doc)
    plan_path = srcdir / f"{plan_doc}.md"
    argv = ["new", str(plan_path), "--title", "Card payments"]
    if spec:
        argv += ["--spec", spec]
    status, out, err = run(capsys, *argv)
    assert (status, err) == (0, "")
    assert out == f"wrote {plan_path}: plan PLAN_CARD_PAYMENTS\n"

    html = build(make_app, srcdir, "html")
    assert html.warning.getvalue() == ""

    app = build(make_app, srcdir, "needs")
    assert app.warning.getvalue() == ""
    needs = read_needs(app)
    items = {need_id: need for need_id, need in needs.items() if need["type"] != "req"}
    assert {need["type"] for need in items.values()} == {t.directive for t in ITEM_TYPES}
    assert {need["plan"] for need in items.values()} == {"PLAN_CARD_PAYMENTS"}
    plan = items["PLAN_CARD_PAYMENTS"]
    assert plan["status"] == "draft"
    assert plan["spec"] == (["spec"] if spec else None)
    # the second phase follows the first, and each lists its deliverables
    assert items["PH_CP_2"]["depends"] == ["PH_CP_1"]
    assert [items[f"PH_CP_{n}"]["deliverables_total"] for n in (1, 2)] == [2, 2]
    # no requirement is linked: the skeleton cannot know their ids
    assert all(not need.get("implements") for need in items.values())


def test_an_id_given_by_hand_names_the_items(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = make_project(tmp_path / "docs", "plan")
    plan_path = srcdir / "plan.md"
    status, out, _ = run(
        capsys, "new", str(plan_path), "--title", "Card payments", "--id", "PLAN_PAY"
    )
    assert status == 0
    assert out == f"wrote {plan_path}: plan PLAN_PAY\n"

    app = build(make_app, srcdir, "needs")
    assert app.warning.getvalue() == ""
    items = {need_id for need_id, need in read_needs(app).items() if need["type"] != "req"}
    assert "PLAN_PAY" in items
    assert all("_PAY_" in need_id for need_id in items - {"PLAN_PAY"})
    assert "PH_PAY_1" in items


def test_an_existing_file_is_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_path = tmp_path / "plan.md"
    plan_path.write_text("# My own plan\n", encoding="utf-8")

    status, out, err = run(capsys, "new", str(plan_path), "--title", "Card payments")
    assert (status, out) == (2, "")
    assert_one_error_line(err)
    assert "exists; use --force to overwrite" in err
    assert plan_path.read_text(encoding="utf-8") == "# My own plan\n"

    status, out, err = run(capsys, "new", str(plan_path), "--title", "Card payments", "--force")
    assert (status, err) == (0, "")
    assert plan_path.read_text(encoding="utf-8").startswith("# Card payments\n")


def test_missing_folders_are_made_and_newlines_are_lf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_path = tmp_path / "a" / "b" / "plan.md"
    status, _, _ = run(capsys, "new", str(plan_path), "--title", "Zahlungen über Karte")
    assert status == 0
    data = plan_path.read_bytes()
    assert b"\r" not in data
    assert data.decode("utf-8").startswith("# Zahlungen über Karte\n")


@pytest.mark.parametrize(
    ("options", "target", "says"),
    [
        (["--title", "  "], "plan.md", "--title is empty"),
        (["--title", "Pay", "--id", "plan_pay"], "plan.md", "at least 3 upper-case letters"),
        (["--title", "Pay", "--id", "PA"], "plan.md", "at least 3 upper-case letters"),
        (["--title", "Pay", "--id", "PLAN-PAY"], "plan.md", "at least 3 upper-case letters"),
        (["--title", "Pay", "--id", ""], "plan.md", "at least 3 upper-case letters"),
        (["--title", "Pay"], "folder", "is a folder"),
        (["--title", "Pay"], "folder.md", "is a folder"),
        (["--title", "Pay"], "plan.rst", "plans are MyST Markdown"),
        (["--title", "Pay"], "plan", "plans are MyST Markdown"),
        (["--title", "Pay"], "notes.txt/plan.md", "notes.txt is not a folder"),
        (["--title", "Pay"], "notes.txt/a/plan.md", "notes.txt is not a folder"),
        (["--title", "Pay"], f"{'x' * 300}.md", "cannot write"),
    ],
    ids=[
        "empty-title",
        "lower-case-id",
        "short-id",
        "id-with-hyphen",
        "empty-id",
        "folder",
        "folder-named-md",
        "rst",
        "no-suffix",
        "parent-is-a-file",
        "ancestor-is-a-file",
        "name-too-long",
    ],
)
def test_refused_arguments(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    target: str,
    says: str,
) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "notes.txt").write_text("notes\n", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    status, out, err = run(capsys, "new", str(tmp_path / target), *options)
    assert (status, out) == (2, "")
    assert_one_error_line(err)
    assert says in err
    assert sorted(tmp_path.rglob("*")) == before


def test_help_lists_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for option in ("PATH", "--title", "--spec DOC", "--id PLAN_ID", "--force"):
        assert option in out


def test_the_skeleton_is_the_same_for_the_same_day() -> None:
    text = skeleton("Card payments", plan_id=None, spec="spec", today=DAY)
    assert skeleton("Card payments", plan_id=None, spec="spec", today=DAY) == text
    later = skeleton("Card payments", plan_id=None, spec="spec", today=DAY.replace(day=2))
    assert later == text.replace("2027-03-01", "2027-03-02")
    assert text.count("2027-03-01") == 2  # :updated: of the plan, :date: of the change


def test_what_the_skeleton_holds() -> None:
    text = skeleton("Card payments", plan_id=None, spec="spec", today=DAY)
    lines = text.splitlines()
    assert lines[0] == "# Card payments"
    assert text.endswith("```\n")
    assert text.isascii()
    # backtick fences only: it builds without MyST's colon_fence
    assert not any(line.startswith(":::") for line in lines)
    assert ":min-coverage:" not in text

    headings = [line for line in lines if re.match(r"#{2,3} ", line)]
    assert headings == [f"{'#' * level} {heading}" for level, heading in SECTIONS]

    directives = re.findall(r"^```\{([\w-]+)\}", text, re.MULTILINE)
    for item_type in ITEM_TYPES:
        assert item_type.directive in directives
    for view in ("impl-summary", "impl-timeline", "impl-risk-matrix", "impl-traceability"):
        assert directives.count(view) == 1
    assert ":level: unit" in text
    assert ":level: integration" in text
    assert ":level: e2e" in text
    assert [line for line in lines if line.startswith(":stage:")] == [
        ":stage: 1",
        ":stage: 2",
        ":stage: 3",
    ]

    # every link points at an item of the skeleton itself, never at a requirement
    own_ids = set(re.findall(r"^:id: (\S+)$", text, re.MULTILINE))
    linked = re.findall(rf"^:(?:{LINK_OPTIONS}): (.+)$", text, re.MULTILINE)
    assert linked
    assert {target.strip() for value in linked for target in value.split(",")} <= own_ids
    assert all(len(line) <= 80 for line in lines if not line.startswith(":"))


def test_without_a_spec_the_plan_has_no_spec_option() -> None:
    text = skeleton("Card payments", plan_id="PLAN_PAY", spec=None, today=DAY)
    assert "\n:spec:" not in text
    assert ":id: PLAN_PAY\n" in text
    assert ":id: CMP_PAY_1\n" in text


@pytest.mark.parametrize(
    "title",
    ["Card payments", "Costs in $ and ${plan_id}: {id} {0} at 100% (%s, %(title)s) $$today"],
    ids=["plain", "template-like"],
)
def test_the_title_and_spec_are_written_as_given(title: str) -> None:
    spec = "specs/$spec{x}%.md"
    text = skeleton(title, plan_id=None, spec=spec, today=DAY)
    assert text.startswith(f"# {title}\n")
    assert f"```{{impl-plan}} {title}\n" in text
    assert f":spec: {spec}\n" in text
    # every placeholder is filled, and nothing the title or spec holds is filled in
    assert text.count("$") == 2 * title.count("$") + spec.count("$")


def test_a_title_with_backticks_builds_every_item(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = make_project(tmp_path / "docs", "plan")
    title = "Render `code` and a lone ` mark"
    status, _, _ = run(capsys, "new", str(srcdir / "plan.md"), "--title", title, "--spec", "spec")
    assert status == 0
    app = build(make_app, srcdir, "needs")
    assert app.warning.getvalue() == ""
    needs = read_needs(app)
    items = [need for need in needs.values() if need["type"] != "req"]
    assert {need["type"] for need in items} == {t.directive for t in ITEM_TYPES}
    plans = [need for need in items if need["type"] == "impl-plan"]
    assert [plan["title"] for plan in plans] == [title]


def test_speckit_pages_read_every_feature_folder(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = Path(__file__).parent / "speckit"
    repo = tmp_path / "repo"
    for folder in ("001-magic-link-login", "002-csv-export"):
        shutil.copytree(corpus / folder, repo / "specs" / folder)
    docs = repo / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text('extensions = ["myst_parser", "sphinx_implplan"]\n')
    (docs / "index.md").write_text("# Docs\n\n```{toctree}\nfeatures\n```\n")
    status, out, err = run(
        capsys, "new", "--speckit", str(repo / "specs"), "-o", str(docs / "features.md")
    )
    assert (status, err) == (0, "")
    assert out == f"wrote {docs / 'features.md'} and 2 feature pages\n"
    page = (docs / "features" / "001-magic-link-login.md").read_text(encoding="utf-8")
    assert "```{impl-speckit} ../../specs/001-magic-link-login\n:id-prefix: F001-\n```" in page
    app = build(make_app, docs, "needs")
    assert app.warning.getvalue() == ""
    needs = read_needs(app)
    plans = sorted(need_id for need_id, need in needs.items() if need["type"] == "impl-plan")
    assert plans == ["PLAN_001_MAGIC_LINK", "PLAN_002_CSV_EXPORT"]
    # each feature's FR-001 under its own prefix
    assert {"F001-FR-001", "F002-FR-001"} <= needs.keys()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["new", "--speckit", "specs"], "give the index page to write with -o"),
        (["new", "--speckit", "nowhere", "-o", "docs/f.md"], "is not a folder"),
        (["new", "--speckit", "empty", "-o", "docs/f.md"], "holds no spec-kit feature folder"),
        (["new", "docs/plan.md"], "give the file to write and --title"),
        (["new", "docs/plan.md", "--title", "T", "-o", "x.md"], "-o goes with --speckit"),
    ],
)
def test_speckit_pages_refused_arguments(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "empty").mkdir()
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert_one_error_line(err)
    assert said in err
