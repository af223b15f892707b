"""The release files: the sdist carries everything its own tests read (``tests/``,
``benchmarks/``, ``example_docs/``) and no build output, the wheel only the package,
and one version is found everywhere: the package's ``__version__``, the file names
of the sdist and the wheel, their metadata, the installed distribution and the
changelog's latest heading.

The project is copied with build output planted in it (a docs build, bytecode, the
benchmark's work folder), and the copy is built with ``python -m build``. Without the
``build`` module the tests skip, except under ``CI=true``, where they fail (``build``
is in the ``test`` extras)."""

from __future__ import annotations

import email.parser
import importlib.metadata
import importlib.util
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import NamedTuple

import pytest
from build_helpers import unavailable

import sphinx_implplan

PROJECT = Path(__file__).resolve().parent.parent
DISTRIBUTION = "sphinx-implplan"
#: the folders the test suite reads besides the package
READ_BY_TESTS = ("tests", "benchmarks", "example_docs")
#: folders and files that are build output or caches, never source
NOT_SOURCE = {
    "_build",
    "_work",
    "__pycache__",
    ".venv",
    "venv",
    ".tox",
    ".hypothesis",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "dist",
}
#: build output planted in the copy; none of it may reach the sdist
PLANTED = (
    "example_docs/_build/html/index.html",
    "tests/roots/test-minimal/_build/html/index.html",
    "tests/__pycache__/conftest.cpython-311.pyc",
    "sphinx_implplan/__pycache__/extension.cpython-311.pyc",
    "sphinx_implplan/stray.pyc",
    "benchmarks/_work/requirements-1000/conf.py",
)


class Built(NamedTuple):
    project: Path
    sdist: Path
    wheel: Path


def _is_build_output(path: PurePosixPath) -> bool:
    return path.suffix == ".pyc" or any(
        part in NOT_SOURCE or part.endswith(".egg-info") for part in path.parts
    )


def _source_files(root: Path, folder: str) -> set[str]:
    return {
        path.relative_to(root).as_posix()
        for path in (root / folder).rglob("*")
        if path.is_file() and not _is_build_output(PurePosixPath(path.relative_to(root)))
    }


def _ignore_build_output(folder: str, names: list[str]) -> set[str]:
    return {name for name in names if name in NOT_SOURCE or name in {".git", "build"}}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    if importlib.util.find_spec("build") is None:
        unavailable("the build module is not installed (pip install build)")
    project = tmp_path_factory.mktemp("project") / "sphinx-implplan"
    shutil.copytree(PROJECT, project, ignore=_ignore_build_output)
    for planted in PLANTED:
        (project / planted).parent.mkdir(parents=True, exist_ok=True)
        (project / planted).write_text("build output\n", encoding="utf8")
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(project)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Built(project, sdist, wheel)


def _sdist_members(sdist: Path) -> dict[str, str]:
    """The sdist's files, by their path below its one top folder, and that folder."""
    with tarfile.open(sdist) as archive:
        names = [member.name for member in archive.getmembers() if member.isfile()]
    tops = {PurePosixPath(name).parts[0] for name in names}
    assert len(tops) == 1, tops
    (top,) = tops
    return {PurePosixPath(name).relative_to(top).as_posix(): top for name in names}


def test_the_sdist_carries_what_its_tests_read(built: Built) -> None:
    members = _sdist_members(built.sdist)
    for folder in READ_BY_TESTS:
        missing = sorted(_source_files(built.project, folder) - members.keys())
        assert not missing, f"files of {folder}/ missing from the sdist: {missing[:20]}"
    for name in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "tox.ini"):
        assert name in members, name
    assert "sphinx_implplan/py.typed" in members
    assert "tests/conftest.py" in members
    assert "benchmarks/run.py" in members
    assert "example_docs/conf.py" in members


def test_the_sdist_has_no_build_output(built: Built) -> None:
    members = _sdist_members(built.sdist)
    wrong = sorted(name for name in members if _is_build_output(PurePosixPath(name)))
    assert not wrong, f"build output in the sdist: {wrong[:20]}"
    assert not set(PLANTED) & members.keys()


def test_the_wheel_holds_the_package_only(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as archive:
        names = archive.namelist()
    tops = {PurePosixPath(name).parts[0] for name in names}
    assert tops == {"sphinx_implplan", f"sphinx_implplan-{sphinx_implplan.__version__}.dist-info"}
    assert "sphinx_implplan/static/implplan.css" in names
    assert "sphinx_implplan/static/implplan.sty" in names
    assert "sphinx_implplan/py.typed" in names
    assert not [name for name in names if _is_build_output(PurePosixPath(name))]


def _metadata_version(text: str) -> str:
    return str(email.parser.Parser().parsestr(text, headersonly=True)["Version"])


def test_one_version_everywhere(built: Built) -> None:
    version = sphinx_implplan.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?", version), version
    assert built.sdist.name == f"sphinx_implplan-{version}.tar.gz"
    assert built.wheel.name == f"sphinx_implplan-{version}-py3-none-any.whl"
    with tarfile.open(built.sdist) as archive:
        pkg_info = archive.extractfile(f"sphinx_implplan-{version}/PKG-INFO")
        assert pkg_info is not None
        assert _metadata_version(pkg_info.read().decode("utf8")) == version
    with zipfile.ZipFile(built.wheel) as archive:
        metadata = archive.read(f"sphinx_implplan-{version}.dist-info/METADATA")
        assert _metadata_version(metadata.decode("utf8")) == version
    # an editable install keeps the version it was installed with: install it again
    # (pip install -e .) after changing __version__
    assert importlib.metadata.version(DISTRIBUTION) == version
    changelog = (PROJECT / "CHANGELOG.md").read_text(encoding="utf8")
    latest = re.search(r"^## (\S+)", changelog, re.MULTILINE)
    assert latest is not None
    assert latest.group(1) == version, "the changelog's latest heading names another version"


def test_the_long_description_is_the_readme(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as archive:
        metadata = archive.read(
            f"sphinx_implplan-{sphinx_implplan.__version__}.dist-info/METADATA"
        ).decode("utf8")
    message = email.parser.Parser().parsestr(metadata)
    assert message["Description-Content-Type"] == "text/markdown"
    readme = (PROJECT / "README.md").read_text(encoding="utf8")
    description = message.get_payload()
    assert isinstance(description, str)
    assert description.strip() == readme.strip()
