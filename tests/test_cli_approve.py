"""``implplan approve``: real builds of the check-ok project copied into ``tmp_path``,
the command called in-process; the baseline file it writes, its messages and its
exit status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from build_helpers import copy_root, edit

from sphinx_implplan.cli import main
from sphinx_implplan.plan.approvals import BASELINE_FILE
from sphinx_implplan.plan.fingerprints import is_fingerprint

ITEMS = [
    "CMP_STORE",
    "CMP_SYNC",
    "MET_SYNC",
    "PH_1",
    "PH_2",
    "PH_N1",
    "PLAN_NOTES",
    "PLAN_OK",
    "RISK_LOSS",
    "RISK_SLOW",
    "TEST_STORE",
]


class Run(NamedTuple):
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    capsys.readouterr()
    try:
        code = main(["approve", *argv])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()
    return Run(code, out, err)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_root("check-ok", tmp_path / "ok")


def baseline(src: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((src / BASELINE_FILE).read_text(encoding="ascii"))
    return data


def assert_one_line_error(result: Run, text: str) -> None:
    assert result.code == 2, result
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    assert text in result.err
    assert "Traceback" not in result.err


def test_approving_every_item_writes_a_sorted_stable_file(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = run(capsys, str(project), "--date", "2027-02-01", "--by", "Ana", "--note", "kick-off")
    assert result.code == 0, result.err
    assert result.out == (
        f"wrote {project / BASELINE_FILE}: 11 items approved, 0 as approved before, 0 dropped\n"
    )
    assert result.err == ""
    text = (project / BASELINE_FILE).read_text(encoding="ascii")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True) + "\n"
    assert data["version"] == 1
    assert list(data["items"]) == ITEMS
    store = data["items"]["CMP_STORE"]
    assert store.keys() == {"fingerprint", "links", "approved", "by", "note"}
    assert (store["approved"], store["by"], store["note"]) == ("2027-02-01", "Ana", "kick-off")
    assert list(store["links"]) == ["FR_001"]
    # a link to a part of a need is the need; a phase's link to the phase it depends on
    assert list(data["items"]["CMP_SYNC"]["links"]) == ["FR_002"]
    assert list(data["items"]["PH_2"]["links"]) == ["PH_1"]
    assert data["items"]["PH_2"]["links"]["PH_1"] == data["items"]["PH_1"]["fingerprint"]
    assert all(is_fingerprint(entry["fingerprint"]) for entry in data["items"].values())

    # once more, on another day: every item is as approved, so nothing changes
    before = (project / BASELINE_FILE).stat().st_mtime_ns
    again = run(capsys, str(project), "--date", "2027-03-01")
    assert again.code == 0, again.err
    assert again.out.endswith("unchanged: 0 items approved, 11 as approved before, 0 dropped\n")
    assert (project / BASELINE_FILE).read_text(encoding="ascii") == text
    assert (project / BASELINE_FILE).stat().st_mtime_ns == before


def strings_in(value: Any) -> set[str]:
    """Every key and text of a parsed JSON value."""
    if isinstance(value, dict):
        return set(value) | {text for item in value.values() for text in strings_in(item)}
    if isinstance(value, list):
        return {text for item in value for text in strings_in(item)}
    return {value} if isinstance(value, str) else set()


def test_the_file_holds_no_text_of_the_documents(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, str(project), "--date", "2027-02-01").code == 0
    text = (project / BASELINE_FILE).read_text(encoding="ascii")
    for written in ("Local store", "Store notes offline", "Write-ahead log", "Migrations"):
        assert written not in text
    keys = {"version", "items", "fingerprint", "links", "approved"}
    ids = {*ITEMS, "FR_001", "FR_002"}
    for found in strings_in(json.loads(text)):
        assert found in keys | ids | {"2027-02-01"} or is_fingerprint(found), found


def test_some_items_and_one_plan(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, str(project), "--plan", "PLAN_NOTES", "--date", "2027-02-01").code == 0
    assert list(baseline(project)["items"]) == ["PH_N1", "PLAN_NOTES"]

    result = run(
        capsys, str(project), "--item", "PH_1", "--item", "CMP_STORE", "--date", "2027-02-02"
    )
    assert result.code == 0, result.err
    assert "2 items approved, 0 as approved before, 0 dropped" in result.out
    items = baseline(project)["items"]
    assert list(items) == ["CMP_STORE", "PH_1", "PH_N1", "PLAN_NOTES"]
    assert items["PH_N1"]["approved"] == "2027-02-01"
    assert items["PH_1"]["approved"] == "2027-02-02"

    # an item changed since: approving it again replaces its entry only
    edit(project / "plan.md", "- [ ] Migrations", "- [x] Migrations")
    result = run(capsys, str(project), "--item", "PH_1", "--item", "PH_N1", "--date", "2027-02-03")
    assert "1 item approved, 1 as approved before, 0 dropped" in result.out
    items = baseline(project)["items"]
    assert (items["PH_1"]["approved"], items["PH_N1"]["approved"]) == ("2027-02-03", "2027-02-01")


def test_a_full_approval_drops_the_items_that_went(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, str(project), "--date", "2027-02-01").code == 0
    edit(
        project / "plan.md",
        "```{impl-risk} Slow sync\n:id: RISK_SLOW\n",
        "```{impl-risk} Slow sync\n:id: RISK_LAG\n",
    )
    partial = run(capsys, str(project), "--item", "RISK_LAG", "--date", "2027-02-02")
    assert "RISK_SLOW" in baseline(project)["items"]
    assert "0 dropped" in partial.out
    full = run(capsys, str(project), "--date", "2027-02-02")
    assert "0 items approved, 11 as approved before, 1 dropped" in full.out
    assert "RISK_SLOW" not in baseline(project)["items"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--item", "FR_001"), "no plan item of the project has the id FR_001"),
        (("--item", "PH_9"), "no plan item of the project has the id PH_9"),
        (("--plan", "PH_1"), "no plan of the project has the id PH_1"),
        (("--item", "PH_1", "--plan", "PLAN_X"), "no plan of the project has the id PLAN_X"),
    ],
)
def test_an_unknown_id_is_a_one_line_error_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    result = run(capsys, str(project), *argv)
    assert_one_line_error(result, f"implplan approve: error: {message}")
    assert not (project / BASELINE_FILE).exists()


def test_the_day_of_source_date_epoch(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1801699199")  # 2027-02-03T23:59:59Z
    assert run(capsys, str(project), "--plan", "PLAN_NOTES").code == 0
    assert baseline(project)["items"]["PH_N1"]["approved"] == "2027-02-03"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    result = run(capsys, str(project))
    assert_one_line_error(result, "SOURCE_DATE_EPOCH=soon is not a number of seconds")


@pytest.mark.parametrize("day", ["2027-02-30", "1.2.2027", "2027-2-1", "2027-W05-1"])
def test_a_date_that_is_none_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    result = run(capsys, str(project), "--date", day)
    assert_one_line_error(result, "is not a date YYYY-MM-DD")


def test_a_baseline_that_cannot_be_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / BASELINE_FILE).write_text("{not json", encoding="utf8")
    result = run(capsys, str(project), "--item", "PH_1")
    assert result.code == 2
    # the build's warning about the file, then the error
    warning, error = result.err.splitlines()
    assert warning.endswith("the file is left as it is [implplan.config]")
    assert error.startswith("implplan approve: error: ")
    assert "implplan-baseline.json cannot be used: not JSON" in error
    assert (project / BASELINE_FILE).read_text(encoding="utf8") == "{not json"
    # approving every item writes it anew
    result = run(capsys, str(project), "--date", "2027-02-01")
    assert result.code == 0
    assert "[implplan.config]" in result.err  # the build's own warning about the file
    assert list(baseline(project)["items"]) == ITEMS


def test_the_configured_file_and_a_project_that_keeps_none(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf = project / "conf.py"
    with conf.open("a", encoding="utf8") as text:
        text.write('implplan_baseline = "review/approvals.json"\n')
    (project / "review").mkdir()
    result = run(capsys, str(project), "--date", "2027-02-01")
    assert result.code == 0, result.err
    assert (project / "review" / "approvals.json").is_file()
    assert not (project / BASELINE_FILE).exists()

    with conf.open("a", encoding="utf8") as text:
        text.write("implplan_baseline = None\n")
    assert_one_line_error(run(capsys, str(project)), "keeps no baseline")


def test_help_names_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["approve", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for option in ("SRCDIR", "--item ID", "--plan PLAN_ID", "--by NAME", "--note TEXT"):
        assert option in out
    assert "--date YYYY-MM-DD" in out
