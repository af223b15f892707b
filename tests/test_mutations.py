"""The guarantee tests bite: each deliberately broken copy of the extension fails them.

Each case copies the project to a temporary folder, makes one small change that
breaks a promise of the Guarantees page (escaping, warning locations, incremental
invalidation, parallel merging), and runs the tests that prove that promise against
the copy. They must fail. The text each change replaces must stand exactly once in
its file, so a case cannot go stale silently when the code it breaks is rewritten.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

PROJECT = Path(__file__).parent.parent.resolve()


class Mutation(NamedTuple):
    #: the file of the package, relative to ``sphinx_implplan/``
    module: str
    old: str
    new: str
    #: the tests that must fail, as pytest node ids
    tests: tuple[str, ...]


INCREMENTAL_EQUALS_CLEAN = (
    "tests/test_equivalence.py::test_incremental_builds_give_the_report_and_needs_of_a_clean_build"
)

MUTATIONS = {
    "card-title-as-raw-html": Mutation(
        "cards.py",
        'header += nodes.strong(need["title"], need["title"], classes=["implplan-card-title"])',
        'header += nodes.raw("", need["title"], format="html")',
        ("tests/test_escaping.py::test_cards_show_every_text_escaped",),
    ),
    "status-into-a-latex-class-as-written": Mutation(
        "cards.py",
        'status_class = f"implplan-status-{nodes.make_id(status)}"',
        'status_class = f"implplan-status-{status}"',
        ("tests/test_escaping.py::test_latex_gets_user_text_escaped",),
    ),
    "warning-at-the-next-line": Mutation(
        "replay.py",
        "warn(subtype, message, (env.docname, line))",
        "warn(subtype, message, (env.docname, line + 1))",
        ("tests/test_build_problems.py::test_every_family_at_its_line",),
    ),
    "cross-document-warning-without-a-line": Mutation(
        "checks.py",
        'return (need["docname"], need.get("lineno"))',
        'return (need["docname"], None)',
        ("tests/test_build_problems.py::test_every_family_at_its_line",),
    ),
    "no-page-written-again": Mutation(
        "freshness.py",
        "return sorted(page for page in pages if page in env.found_docs)",
        "return []",
        (
            "tests/test_build_incremental.py::test_a_retitled_requirement_reaches_the_untouched_pages",
        ),
    ),
    "needs-of-documents-to-read-kept-until-each-is-read": Mutation(
        "needs_bridge.py",
        "        for docname in docnames:\n            purge_needs(app, env, docname)",
        "        for docname in ():\n            purge_needs(app, env, docname)",
        (f"{INCREMENTAL_EQUALS_CLEAN}[serial]",),
    ),
    "read-warnings-not-repeated": Mutation(
        "replay.py",
        "for docname in sorted(kept.keys() - read_now):",
        "for docname in []:",
        ("tests/test_build_problems.py::test_every_build_gives_every_warning",),
    ),
    "parallel-duplicates-merged-as-they-come": Mutation(
        "needs_bridge.py",
        "if _read_order(second) < _read_order(first):",
        "if False:",
        ("tests/test_build_duplicates.py::test_parallel_build_keeps_the_same_one",),
    ),
}


def _copy_project(target: Path) -> None:
    for name in ("pyproject.toml", "sphinx_implplan", "tests"):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns("__pycache__", "_build")
            )
        else:
            shutil.copy2(source, target / name)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_broken_copy_fails_the_tests_of_its_promise(tmp_path: Path, name: str) -> None:
    mutation = MUTATIONS[name]
    _copy_project(tmp_path)
    module = tmp_path / "sphinx_implplan" / mutation.module
    text = module.read_text(encoding="utf8")
    assert text.count(mutation.old) == 1, f"{mutation.old!r} must stand once in {module.name}"
    module.write_text(text.replace(mutation.old, mutation.new), encoding="utf8")

    # run from the copy, whose folder comes first on sys.path: the broken package is
    # the one imported, not the installed one
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    environment.pop("PYTHONPATH", None)
    imported = subprocess.run(
        [sys.executable, "-c", "import sphinx_implplan; print(sphinx_implplan.__file__)"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(imported.stdout.strip()).is_relative_to(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *mutation.tests],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    # exit status 1: tests ran and failed (not 2-5: an error of the run itself)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert " failed" in result.stdout.splitlines()[-1]
