"""``implplan diff``: two ``implplan.json`` files of real builds, and ``--rev`` on a
real temporary git repository; the command called in-process (and once as
``python -m``), its output on stdout, one line on stderr for an error, the exit
status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest
from build_helpers import copy_root, edit, require_programs

from sphinx_implplan.cli import main
from sphinx_implplan.cli.check import build

#: the one ``:implements:`` of FR_002 in the check-ok project
IMPLEMENTS = ":implements: FR_002.push\n"


class Run(NamedTuple):
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    capsys.readouterr()
    try:
        code = main(["diff", *argv])
    except SystemExit as exit_:
        # argparse's usage errors leave through SystemExit, as on the command line
        code = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()
    return Run(code, out, err)


def assert_one_line_error(result: Run, message: str) -> None:
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err.splitlines()) == 1, result.err
    assert result.err.startswith("implplan diff: error: ")
    assert message in result.err
    assert "Traceback" not in result.err


class Reports(NamedTuple):
    old: str
    new: str


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Reports:
    """The check-ok project's report, and its report once the only ``:implements:``
    of FR_002 is removed: two real builds."""
    folder = tmp_path_factory.mktemp("cli-diff")
    src = copy_root("check-ok", folder / "src")
    old = folder / "old.json"
    old.write_bytes(build(src, folder / "old", "old").report_bytes)
    edit(src / "plan.md", IMPLEMENTS, "")
    new = folder / "new.json"
    new.write_bytes(build(src, folder / "new", "new").report_bytes)
    return Reports(str(old), str(new))


# -- two reports ----------------------------------------------------------------------


def test_removing_the_only_implements_names_the_requirement_and_the_drop(
    reports: Reports, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, reports.old, reports.new)
    assert result.code == 1, result
    assert result.err == ""
    assert result.out == (
        "PLAN_OK: Offline notes\n"
        "  coverage before: 2/2 requirements implemented (100.0%), 1 verified, 1 measured\n"
        "  coverage after:  1/2 requirements implemented (50.0%), 1 verified, 1 measured\n"
        "  newly uncovered requirements (1):\n"
        "    FR_002  Sync notes\n"
        "  regressions: coverage of PLAN_OK dropped from 100.0% to 50.0%\n"
        "\n"
        "1 plan changed; regressions: coverage of PLAN_OK dropped from 100.0% to 50.0%\n"
    )


def test_no_gate_exits_0_with_the_same_output(
    reports: Reports, capsys: pytest.CaptureFixture[str]
) -> None:
    gated = run(capsys, reports.old, reports.new)
    result = run(capsys, reports.old, reports.new, "--no-gate")
    assert result.code == 0, result
    assert result.out == gated.out


def test_the_way_back_is_no_regression(
    reports: Reports, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, reports.new, reports.old)
    assert result.code == 0, result
    assert "newly covered requirements (1):\n    FR_002  Sync notes  implemented by CMP_SYNC\n" in (
        result.out
    )
    assert result.out.endswith("\n1 plan changed, no regressions\n")


def test_the_same_report_twice_has_no_changes(
    reports: Reports, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, reports.old, reports.old) == Run(0, "no changes\n", "")
    markdown = run(capsys, reports.old, reports.old, "--format", "markdown")
    assert markdown == Run(0, "# implplan diff\n\n**no changes**\n", "")
    as_json = run(capsys, reports.old, reports.old, "--format", "json")
    assert json.loads(as_json.out) == {"version": 1, "plans": {}, "regressions": []}


def test_markdown_for_a_pull_request_comment(
    reports: Reports, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, reports.old, reports.new, "--format", "markdown")
    assert result.code == 1, result
    assert result.out == (
        "# implplan diff\n"
        "\n"
        "**1 plan changed; regressions: coverage of PLAN\\_OK dropped from 100.0% to 50.0%**\n"
        "\n"
        "## Offline notes (`PLAN_OK`)\n"
        "\n"
        "| Coverage | Requirements | Implemented | Percent | Verified | Measured |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: |\n"
        "| Before | 2 | 2 | 100.0% | 1 | 1 |\n"
        "| After | 2 | 1 | 50.0% | 1 | 1 |\n"
        "\n"
        "**Newly uncovered requirements:**\n"
        "\n"
        "- `FR_002` Sync notes\n"
        "\n"
        "**Regressions:** coverage of PLAN\\_OK dropped from 100.0% to 50.0%\n"
    )


def test_json_parses_and_is_sorted(reports: Reports, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, reports.old, reports.new, "--format", "json")
    assert result.code == 1, result
    data = json.loads(result.out)
    assert result.out == json.dumps(data, indent=2, sort_keys=True) + "\n"
    assert data["version"] == 1
    plan = data["plans"]["PLAN_OK"]
    assert [entry["id"] for entry in plan["newly_uncovered"]] == ["FR_002"]
    assert plan["coverage_dropped"] is True
    assert (plan["coverage_before"]["percent"], plan["coverage_after"]["percent"]) == (100.0, 50.0)
    assert data["regressions"] == ["coverage of PLAN_OK dropped from 100.0% to 50.0%"]


def test_python_dash_m(reports: Reports) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_implplan", "diff", reports.old, reports.new],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "    FR_002  Sync notes\n" in result.stdout
    assert result.stderr == ""


def test_two_reports_are_compared_without_loading_sphinx(reports: Reports) -> None:
    # only --rev builds; on two files the command starts as quickly as convert
    script = (
        "import sys\n"
        "from sphinx_implplan.cli import main\n"
        "main(['diff', '--no-gate', *sys.argv[1:]])\n"
        "print([name for name in sys.modules if name.partition('.')[0] == 'sphinx'], "
        "file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, reports.old, reports.new],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "    FR_002  Sync notes\n" in result.stdout
    assert result.stderr == "[]\n"


# -- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("# Plan\n", "not JSON, so no implplan.json report (Expecting value"),
        (b"\xff\xfe\x00", "not JSON"),
        ('{"a": 1}', "not an implplan.json report: no version and plans at its top"),
        ("[1, 2]", "not an implplan.json report"),
        (
            '{"version": 3, "plans": {}}',
            "a report of version 3; this implplan reads versions 1 and 2",
        ),
        ('{"version": 2, "plans": {}}', "not an implplan.json report: scopes is missing"),
        (
            '{"version": 1, "plans": {"P": {"title": "T"}}}',
            "not an implplan.json report: plans.P.docname is missing",
        ),
        ("[" * 100_000, "not JSON"),
    ],
)
def test_a_file_that_is_no_report(
    reports: Reports,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | bytes,
    message: str,
) -> None:
    wrong = tmp_path / "wrong.json"
    if isinstance(content, bytes):
        wrong.write_bytes(content)
    else:
        wrong.write_text(content, encoding="utf8")
    for argv in ((str(wrong), reports.new), (reports.old, str(wrong))):
        result = run(capsys, *argv)
        assert_one_line_error(result, f"{wrong}: {message}")


def test_a_missing_file_and_a_folder(
    reports: Reports, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = run(capsys, str(tmp_path / "gone.json"), reports.new)
    assert_one_line_error(missing, "gone.json: no such file")
    folder = run(capsys, reports.old, str(tmp_path))
    assert_one_line_error(folder, f"{tmp_path}: is a folder, not an implplan.json report")
    odd = run(capsys, "line\nbreak.json", reports.new)
    assert_one_line_error(odd, "'line\\nbreak.json': no such file")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["one.json"], "give two reports, OLD and NEW, or --rev REV"),
        (["one.json", "two.json", "three.json"], "give two reports"),
        (["--rev", "HEAD", "docs", "more"], "with --rev, give at most one folder, SRCDIR"),
        (["a.json", "b.json", "--format", "xml"], "invalid choice"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    result = run(capsys, *argv)
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err.splitlines()) == 1, result.err
    assert message in result.err


# -- --rev on a real git repository -------------------------------------------------


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.com",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.com",
        },
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with the check-ok project committed as ``docs``; the
    command's temporary folders go to ``tmp`` beside it."""
    require_programs("git", reason="diff --rev runs git")
    # git looks no further up than the test's folder
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet")
    copy_root("check-ok", repo / "docs")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "Plan")
    return repo


def assert_worktree_removed(repo: Path) -> None:
    assert git(repo, "worktree", "list", "--porcelain").count("worktree ") == 1
    assert list((repo.parent / "tmp").iterdir()) == []


def test_rev_builds_the_revision_and_the_working_tree(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repo / "docs" / "plan.md", IMPLEMENTS, "")
    result = run(capsys, "--rev", "HEAD", str(repo / "docs"))
    assert result.code == 1, result
    assert "  newly uncovered requirements (1):\n    FR_002  Sync notes\n" in result.out
    assert result.out.endswith(
        "\n1 plan changed; regressions: coverage of PLAN_OK dropped from 100.0% to 50.0%\n"
    )
    assert_worktree_removed(repo)
    # the repository holds only the change made to it
    assert git(repo, "status", "--porcelain") == " M docs/plan.md\n"


def test_rev_finds_the_docs_folder_from_the_current_folder(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(repo / "docs" / "plan.md", IMPLEMENTS, "")
    monkeypatch.chdir(repo)
    result = run(capsys, "--rev", "HEAD", "--format", "json", "--no-gate")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert [entry["id"] for entry in data["plans"]["PLAN_OK"]["newly_uncovered"]] == ["FR_002"]
    assert_worktree_removed(repo)


def test_rev_builds_each_tree_with_its_own_local_extension(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ``conf.py`` that imports a module of its own folder: the working tree's build
    must not reuse the module the revision's build imported."""
    module = "implplan_diff_local_settings"
    docs = repo / "docs"
    (docs / "_ext").mkdir()
    (docs / "_ext" / f"{module}.py").write_text("EXCLUDED = []\n", encoding="utf8")
    with (docs / "conf.py").open("a", encoding="utf8") as conf:
        conf.write(
            "import sys, pathlib\n"
            "sys.path.insert(0, str(pathlib.Path(__file__).parent / '_ext'))\n"
            f"from {module} import EXCLUDED\n"
            "exclude_patterns = ['_build', *EXCLUDED]\n"
        )
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "Settings")
    (docs / "_ext" / f"{module}.py").write_text("EXCLUDED = ['notes.md']\n", encoding="utf8")
    try:
        result = run(capsys, "--rev", "HEAD", str(docs))
    finally:
        sys.modules.pop(module, None)
    assert result.code == 0, result
    assert result.out == (
        "PLAN_NOTES: Notes | housekeeping (removed)\n"
        "  coverage before: no requirements in scope\n"
        "\n"
        "1 plan changed, no regressions\n"
    )
    assert_worktree_removed(repo)


def test_rev_that_does_not_exist(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "--rev", "nosuchrev", str(repo / "docs"))
    assert_one_line_error(result, "no such revision: nosuchrev")
    assert_worktree_removed(repo)


def test_rev_where_the_docs_do_not_exist_yet(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_root("check-ok", repo / "guide")
    result = run(capsys, "--rev", "HEAD", str(repo / "guide"))
    assert_one_line_error(result, "at HEAD is not a Sphinx project: no conf.py")
    assert_worktree_removed(repo)


def test_rev_whose_build_fails_removes_the_worktree(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf = repo / "docs" / "conf.py"
    fixed = conf.read_text(encoding="utf8")
    conf.write_text('raise ValueError("broken at this revision")\n', encoding="utf8")
    git(repo, "commit", "--quiet", "--all", "--message", "Break")
    conf.write_text(fixed, encoding="utf8")
    result = run(capsys, "--rev", "HEAD", str(repo / "docs"))
    assert result.code == 2, result
    assert result.out == ""
    errors = [line for line in result.err.splitlines() if line.startswith("implplan diff:")]
    assert len(errors) == 1
    assert "building" in errors[0]
    assert "at HEAD failed" in errors[0]
    assert "ValueError: broken at this revision" in errors[0]
    assert "Traceback" not in result.err
    assert_worktree_removed(repo)


def test_rev_outside_a_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    require_programs("git", reason="diff --rev runs git")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    docs = copy_root("check-ok", tmp_path / "docs")
    result = run(capsys, "--rev", "HEAD", str(docs))
    assert_one_line_error(result, "is not in a git work tree")
    monkeypatch.chdir(tmp_path)
    result = run(capsys, "--rev", "HEAD")
    assert_one_line_error(result, "the current folder is not in a git work tree")


def test_help_shows_both_forms(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["diff", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for shown in ("OLD NEW", "--rev REV [SRCDIR]", "--no-gate", "--format {text,json,markdown}"):
        assert shown in out
