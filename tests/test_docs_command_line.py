"""The command line page of the docs shows real input and output: these tests fail
when the commands' output no longer matches what the page shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_implplan.authoring.conversion import convert
from sphinx_implplan.cli import main

DOCS = Path(__file__).parent.parent / "example_docs"
SHOWN = DOCS / "guide" / "cli"


def test_the_conversion_shown_is_what_convert_writes() -> None:
    source = (SHOWN / "plain-plan.txt").read_text(encoding="utf8")
    converted = convert(source, fallback_title="plain-plan").text
    assert converted == (SHOWN / "converted-plan.txt").read_text(encoding="utf8")


def test_the_check_output_shown_is_what_check_prints(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(DOCS)])
    out = capsys.readouterr().out
    # the docs' admin plan has no implementing items, and the demo keeps a suspect
    # item, on purpose
    assert code == 1
    assert out == (SHOWN / "check-output.txt").read_text(encoding="utf8")


def test_the_feature_folder_conversion_shown_is_what_convert_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (DOCS / "guide" / "command-line.md").read_text(encoding="utf8")
    shown = page.split("$ implplan convert ../specs/003-shared-notebooks", 1)[1]
    shown_summary = shown.splitlines()[1]
    folder = DOCS / "demo" / "specs" / "003-shared-notebooks"
    target = tmp_path / "notebooks"
    assert main(["convert", str(folder), "-o", str(target), "--id-prefix", "F003-"]) == 0
    printed = capsys.readouterr().err.splitlines()
    assert printed == [shown_summary.replace(" notebooks", f" {target}")]


@pytest.mark.parametrize("command", ["check", "approve"])
def test_the_synopsis_shown_names_every_option_of_help(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    options = set(re.findall(r"--[a-z][a-z-]+", capsys.readouterr().out)) - {"--help"}
    page = (DOCS / "guide" / "command-line.md").read_text(encoding="utf8")
    section = page.split(f"\n## implplan {command}\n", 1)[1]
    synopsis = section.split("```text\n", 1)[1].split("```", 1)[0]
    assert set(re.findall(r"--[a-z][a-z-]+", synopsis)) == options
