"""A catalogue of hostile documents, each a case of its own (``catalogue/cases.py``).

``roots/test-catalogue`` holds one document per case under ``cases/``, beside the
requirements they link to; the cases written by the test (control characters, very
large input) are added to a copy of it. For every case:

- its warnings are exactly the expected ones: file, line, ``implplan.<subtype>`` and
  message, and nothing else in its document;
- ``needs.json`` still holds its items, the bad value dropped and the rest kept;
- the build exits 0 without ``-W``; with ``-W``, a build of that case alone (with the
  requirements) fails on exactly the same warnings, or passes if there are none;
- no traceback in any output.

The tests share one build of the whole catalogue; only the ``-W`` builds are one
per case.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import ROOTS
from catalogue.builds import BuildRun, sphinx_build
from catalogue.cases import CASES, Case

if TYPE_CHECKING:
    from pathlib import Path

CATALOGUE = ROOTS / "test-catalogue"
#: what every build of one case takes from the catalogue besides the case
SHARED_DOCUMENTS = ("conf.py", "index.md", "requirements.md")


def each_case() -> pytest.MarkDecorator:
    """Parametrise by case, with the case's name as the test id."""
    return pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """One build of every case together, without ``-W``."""
    root = tmp_path_factory.mktemp("catalogue")
    srcdir = root / "src"
    shutil.copytree(CATALOGUE, srcdir)
    for case in CASES:
        if case.document is not None:
            (srcdir / case.path).write_text(case.document(), encoding="utf8")
    return sphinx_build(srcdir, root / "out", strict=False)


@pytest.fixture(scope="module")
def needs(catalogue: BuildRun) -> dict[str, dict[str, Any]]:
    """The catalogue's ``needs.json``, read once."""
    return catalogue.needs()


def test_the_catalogue_is_complete() -> None:
    """Each document in ``cases/`` is a case and each case has one document."""
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 40
    kept = {path.stem for path in (CATALOGUE / "cases").glob("*.md")}
    assert kept == {case.name for case in CASES if case.document is None}


def test_the_catalogue_builds_without_w(catalogue: BuildRun) -> None:
    """Exit 0 without ``-W``, no traceback, and every warning of the build belongs to
    a case's document, at a line, in an ``implplan`` family."""
    assert catalogue.exit_code == 0
    catalogue.assert_no_traceback()
    case_files = {case.filename for case in CASES}
    for warning in catalogue.warnings:
        assert warning.file in case_files, warning
        assert warning.line is not None, warning
        assert warning.subtype.startswith("implplan."), warning


@each_case()
def test_exactly_the_expected_warnings(catalogue: BuildRun, case: Case) -> None:
    """Each expected warning once, at its line and of its family; no other in the case."""
    unmatched = catalogue.warnings_in(case.filename)
    for want in case.warnings:
        line = catalogue.line_of(case.path, want.marker)
        found = [
            warning
            for warning in unmatched
            if (warning.line, warning.subtype) == (line, f"implplan.{want.subtype}")
            and all(text in warning.message for text in want.says)
        ]
        assert len(found) == 1, f"{case.proves}\nexpected once at line {line}: {want}"
        unmatched.remove(found[0])
    assert unmatched == [], case.proves


@each_case()
def test_items_are_kept(needs: dict[str, dict[str, Any]], case: Case) -> None:
    """Every item of the case is in ``needs.json``, with the fields the case expects
    (``None`` or ``[]`` for a dropped value)."""
    for need_id, fields in case.stored.items():
        assert need_id in needs, f"{case.proves}\n{need_id} is lost"
        stored = {name: needs[need_id].get(name) for name in fields}
        assert stored == fields, f"{case.proves}\n{need_id}"


@each_case()
def test_a_build_with_w_fails_on_the_case_alone(
    catalogue: BuildRun, case: Case, tmp_path: Path
) -> None:
    """The case built alone with ``-W`` gives the same warnings as in the catalogue,
    and fails on them: exit 1 (warnings turned errors), not 2 (a crash); a case with
    no warning passes."""
    srcdir = tmp_path / "src"
    for name in (*SHARED_DOCUMENTS, case.path):
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(catalogue.srcdir / name, srcdir / name)
    alone = sphinx_build(srcdir, tmp_path / "out", strict=True)
    alone.assert_no_traceback()
    expected = catalogue.warnings_in(case.filename)
    assert sorted(alone.warnings) == sorted(expected)
    assert alone.exit_code == (1 if expected else 0)
