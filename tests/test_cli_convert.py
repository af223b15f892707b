"""The ``implplan convert`` command: files in and out, and bad input as one line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_implplan.cli import main

PLANS = Path(__file__).parent / "plans"
SPECKIT = Path(__file__).parent / "speckit"


def _one_line_error(capsys: pytest.CaptureFixture[str], code: int) -> str:
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_writes_output_file_and_reports_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.md"
    code = main(["convert", str(PLANS / "crm-contact-migration.md"), "-o", str(target)])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == ""
    text = target.read_text(encoding="utf8")
    assert text.count("```{impl-phase}") == 3
    assert ":duration: 10d" in text
    # the risk whose impact is no level is made with its impact in its body, and the
    # author is told
    assert "```{impl-risk} Consent flags lost in the mapping" in text
    assert "**Impact**: Critical" in text
    err = captured.err.splitlines()
    assert err[0] == "converted into plan PLAN_CRM_CONTACT_MIGRATION: 3 phase, 1 plan, 3 risk"
    assert any("crm-contact-migration.md:" in line and "Critical" in line for line in err[1:])


def test_prints_to_stdout_without_output_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(PLANS / "seed-template-1.md")]) == 0
    assert capsys.readouterr().out.startswith(
        "# Implementation Plan: [Feature Name]\n\n```{impl-plan}"
    )


def test_a_plan_with_no_recognisable_section_gets_a_bare_plan_header(
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = (PLANS / "wiki-retirement.md").read_text(encoding="utf8")
    assert main(["convert", str(PLANS / "wiki-retirement.md")]) == 0
    out = capsys.readouterr().out
    head, plan, rest = out.partition("```{impl-plan} Retire the Team Wiki\n")
    assert plan
    directive, _, after = rest.partition("```\n")
    assert directive == ":id: PLAN_RETIRE_TEAM_WIKI\n:owner: Developer Experience\n"
    # the title, then everything after the header line, exactly as written
    assert head == "# Implementation Plan: Retire the Team Wiki\n\n"
    assert after == source.split("**Owner**: Developer Experience\n", 1)[1]


def test_a_file_without_headings_is_named_after_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "payments-notes.md"
    source.write_text("Some notes about payments.\n", encoding="utf8")
    assert main(["convert", str(source)]) == 0
    out = capsys.readouterr().out
    assert out == (
        "```{impl-plan} payments-notes\n:id: PLAN_PAYMENTS_NOTES\n```\n\nSome notes about payments.\n"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"# Plan \xff\xfe\n", "not UTF-8 text"),
        (b"# Plan\n\n```{impl-plan} Plan\n```\n", "already holds impl- directives"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, reason: str
) -> None:
    source = tmp_path / "plan.md"
    if content is not None:
        source.write_bytes(content)
    line = _one_line_error(capsys, main(["convert", str(source)]))
    assert line.startswith("implplan convert: error: ")
    assert reason in line


def test_a_folder_that_is_no_feature_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _one_line_error(capsys, main(["convert", str(tmp_path), "-o", str(tmp_path / "x")]))
    assert "it is no spec-kit feature folder" in line


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_a_feature_folder_is_converted_into_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "specs" / "004-offline-cache"
    shutil.copytree(SPECKIT / "004-offline-cache", folder)
    (folder / "quickstart.md").write_text("# Quickstart\n\nRun it.\n", encoding="utf8")
    (folder / "contracts").mkdir()
    (folder / "contracts" / "openapi.yaml").write_bytes(b"openapi: 3.1.0\n")
    before = _snapshot(folder)
    target = tmp_path / "docs" / "offline-cache"
    code = main(["convert", str(folder), "-o", str(target), "--id-prefix", "F004-"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == ""
    summary, *problems = captured.err.splitlines()
    assert summary.startswith("converted 004-offline-cache into plan PLAN_004_OFFLINE_CACHE: ")
    assert "5 phase" in summary
    # each problem of the folder at its file and line, as impl-speckit warns about it
    assert f"{folder}/tasks.md:21: a checkbox with nothing after it" in problems
    assert len(problems) == 3
    # the feature folder is never written; its other files are copied as they are
    assert _snapshot(folder) == before
    written = _snapshot(target)
    assert written["quickstart.md"] == before["quickstart.md"]
    assert written["contracts/openapi.yaml"] == b"openapi: 3.1.0\n"
    assert ":id: F004-FR-001" in written["spec.md"].decode()
    assert "quickstart\n```" in written["index.md"].decode()


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        ([], "name it with -o OUTDIR"),
        (["-o", "{folder}/docs"], "is the feature folder or inside it"),
        (["-o", "{folder}/spec.md"], "is a file"),
        (["-o", "{tmp}/out", "--id-prefix", "F 4"], "may hold only letters"),
        (["-o", "{tmp}/out", "--requirement-type", "1req"], "not a need type name"),
    ],
)
def test_bad_folder_arguments_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], reason: str
) -> None:
    folder = tmp_path / "001-magic-link-login"
    shutil.copytree(SPECKIT / "001-magic-link-login", folder)
    filled = [arg.format(folder=folder, tmp=tmp_path) for arg in arguments]
    line = _one_line_error(capsys, main(["convert", str(folder), *filled]))
    assert reason in line


def test_an_unwritable_output_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "plan.md"
    line = _one_line_error(
        capsys, main(["convert", str(PLANS / "seed-template-2.md"), "-o", str(target)])
    )
    assert "cannot write" in line


def test_help_and_module_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_implplan", "convert", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    # the option in both spellings, taking a value; Python 3.13's argparse writes the
    # value once ("-o, --output OUTPUT"), earlier ones after each ("-o OUTPUT, --output
    # OUTPUT"), so the layout is not part of the promise
    assert result.stdout.startswith("usage: ")
    assert re.search(r"^\s+-o( OUTPUT)?, --output OUTPUT\b", result.stdout, re.MULTILINE)
    converted = subprocess.run(
        [sys.executable, "-m", "sphinx_implplan", "convert", str(PLANS / "billing-api.md")],
        capture_output=True,
        text=True,
        encoding="utf8",
        check=False,
    )
    assert converted.returncode == 0
    assert converted.stdout.count("```{impl-tech}") == 10


def test_a_file_name_with_a_line_break_stays_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "two\nlines.md"
    line = _one_line_error(capsys, main(["convert", str(source)]))
    assert "no such file" in line
    assert "two\\nlines.md" in line


def test_an_empty_output_path_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    line = _one_line_error(capsys, main(["convert", str(PLANS / "seed-template-1.md"), "-o", ""]))
    assert line.startswith("implplan convert: error: ")
    assert "-o" in line
    assert "empty" in line


def test_a_file_that_is_not_a_regular_file_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    line = _one_line_error(capsys, main(["convert", "/dev/zero"]))
    assert "/dev/zero" in line
    assert "not a regular file" in line


def test_a_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    pipe = tmp_path / "plan.md"
    os.mkfifo(pipe)
    line = _one_line_error(capsys, main(["convert", str(pipe)]))
    assert "not a regular file" in line


def test_a_file_over_the_size_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_implplan.cli import convert

    assert convert.MAX_INPUT_BYTES == 10 * 1024 * 1024
    monkeypatch.setattr(convert, "MAX_INPUT_BYTES", 100)
    source = tmp_path / "plan.md"
    source.write_bytes(b"# Plan\n\n" + b"x" * 92 + b"\n")
    assert source.stat().st_size == 101
    line = _one_line_error(capsys, main(["convert", str(source)]))
    assert "larger than 100 bytes" in line
    # a file of the limit itself is read
    source.write_bytes(b"# Plan\n\n" + b"x" * 91 + b"\n")
    assert source.stat().st_size == 100
    assert main(["convert", str(source)]) == 0


def test_the_input_as_output_is_refused_and_left_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.md"
    shutil.copy(PLANS / "offline-sync.md", plan)
    before = plan.read_bytes()
    line = _one_line_error(
        capsys, main(["convert", str(plan), "-o", str(tmp_path / "." / "plan.md")])
    )
    assert "is the input file" in line
    assert plan.read_bytes() == before
