"""The guarantee tests bite: each deliberately broken copy of the extension fails them.

Each case copies the project to a temporary folder, makes one small change that
breaks a promise of the Guarantees page (escaping, warning locations, incremental
invalidation, parallel merging), and runs the tests that prove that promise against
the copy. They must fail.

A case names the module and the function it breaks, and the change is made within
that function's text only, where the text it replaces must stand exactly once. So an
edit elsewhere in the module leaves the case as it is, and a case whose function was
renamed, removed or rewritten fails at once, naming the function, instead of going
stale silently.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

PROJECT = Path(__file__).parent.parent.resolve()
PACKAGE = PROJECT / "sphinx_implplan"


class Mutation(NamedTuple):
    #: the file of the package, relative to ``sphinx_implplan/``
    module: str
    #: the function changed, by its qualified name in the module: ``build_card``,
    #: ``Class.method``, ``outer.inner`` for a function defined in another
    function: str
    #: a small text of the function (a call, a condition), standing once in it
    old: str
    new: str
    #: the tests that must fail, as pytest node ids
    tests: tuple[str, ...]


INCREMENTAL_EQUALS_CLEAN = (
    "tests/test_equivalence.py::test_incremental_builds_give_the_report_and_needs_of_a_clean_build"
)

MUTATIONS = {
    "card-title-as-raw-html": Mutation(
        "write/cards.py",
        "build_card",
        'nodes.strong(item.title, item.title, classes=["implplan-card-title"])',
        'nodes.raw("", item.title, format="html")',
        ("tests/test_escaping.py::test_cards_show_every_text_escaped",),
    ),
    "status-into-a-latex-class-as-written": Mutation(
        "write/cards.py",
        "build_card",
        'f"implplan-status-{nodes.make_id(status)}"',
        'f"implplan-status-{status}"',
        ("tests/test_escaping.py::test_latex_gets_user_text_escaped",),
    ),
    "warning-at-the-next-line": Mutation(
        "read/warning_replay.py",
        "note_read_warning",
        "(env.docname, line)",
        "(env.docname, line + 1)",
        ("tests/test_build_problems.py::test_every_family_at_its_line",),
    ),
    "cross-document-warning-without-a-line": Mutation(
        "read/validation.py",
        "_location",
        'need.get("lineno")',
        "None",
        ("tests/test_build_problems.py::test_every_family_at_its_line",),
    ),
    "no-page-written-again": Mutation(
        "write/freshness.py",
        "outdated_pages",
        "return sorted(page for page in pages if page in env.found_docs)",
        "return []",
        (
            "tests/test_build_incremental.py::test_a_retitled_requirement_reaches_the_untouched_pages",
        ),
    ),
    "needs-of-documents-to-read-kept-until-each-is-read": Mutation(
        "needs_bridge/purge.py",
        "purge_documents_before_reading.purge_documents_to_read",
        "for docname in docnames:",
        "for docname in ():",
        (f"{INCREMENTAL_EQUALS_CLEAN}[serial]",),
    ),
    "read-warnings-not-repeated": Mutation(
        "read/warning_replay.py",
        "repeat_read_warnings",
        "for docname in sorted(kept.keys() - read_now):",
        "for docname in []:",
        ("tests/test_build_problems.py::test_every_build_gives_every_warning",),
    ),
    "warning-at-the-including-document": Mutation(
        "diagnostics.py",
        "at_source",
        "if included is None:",
        "if True:",
        (
            "tests/test_build_includes.py::test_warnings_in_an_included_file_name_that_file_and_line",
        ),
    ),
    "included-file-forgotten-by-the-next-build": Mutation(
        "read/warning_replay.py",
        "note_read_warning",
        "ReadWarning(subtype, message, line, included)",
        "ReadWarning(subtype, message, line)",
        (
            "tests/test_build_includes.py::test_a_build_that_does_not_read_the_including_document_names_the_included_file",
        ),
    ),
    "stylesheet-copied-after-the-pages": Mutation(
        "extension.py",
        "setup_extension",
        'app.connect("env-updated", copy_assets)',
        'app.connect("build-finished", copy_assets)',
        (
            "tests/test_build_incremental.py::test_pages_link_the_stylesheet_with_its_checksum_in_every_build",
        ),
    ),
    "parallel-duplicates-merged-as-they-come": Mutation(
        "needs_bridge/merging.py",
        "drop_parallel_duplicates",
        "if _read_order(second) < _read_order(first):",
        "if False:",
        ("tests/test_build_duplicates.py::test_parallel_build_keeps_the_same_one",),
    ),
}

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _definitions(
    node: ast.AST, prefix: str = ""
) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef]]:
    """Every function and class defined in ``node``, at any depth, by qualified name
    (``outer.inner``, without Python's ``<locals>``)."""
    found: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef]] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, _DEFINITIONS):
            name = f"{prefix}{child.name}"
            found.append((name, child))
            found.extend(_definitions(child, f"{name}."))
        else:
            found.extend(_definitions(child, prefix))
    return found


def function_lines(source: str, function: str, *, where: str) -> tuple[int, int]:
    """The lines of ``function`` in ``source``, as a 0-based slice: from its ``def``
    line to its last. ``where`` names the module in failure messages."""
    functions = [
        node
        for name, node in _definitions(ast.parse(source))
        if name == function and not isinstance(node, ast.ClassDef)
    ]
    assert functions, f"no function {function} in {where}: renamed, moved or removed?"
    assert len(functions) == 1, f"{function} is defined {len(functions)} times in {where}"
    node = functions[0]
    assert node.end_lineno is not None
    return node.lineno - 1, node.end_lineno


def mutated(source: str, mutation: Mutation) -> str:
    """``source``, the text of ``mutation.module``, with the change made within the
    function it names."""
    where = mutation.module
    start, end = function_lines(source, mutation.function, where=where)
    lines = source.splitlines(keepends=True)
    body = "".join(lines[start:end])
    count = body.count(mutation.old)
    assert count == 1, (
        f"{mutation.old!r} stands {count} times in {mutation.function} of {where}, "
        "not once: the function was rewritten?"
    )
    return "".join([*lines[:start], body.replace(mutation.old, mutation.new), *lines[end:]])


_SAMPLE = """\
def render(items):
    return ", ".join(items)


class Card:
    def render(self, items):
        def line(item):
            return ", ".join(item)

        return [line(item) for item in items]
"""


def test_a_change_is_made_in_its_function_only() -> None:
    change = Mutation("sample.py", "Card.render.line", '", ".join', '"; ".join', ())
    assert mutated(_SAMPLE, change) == _SAMPLE.replace(
        'return ", ".join(item)', 'return "; ".join(item)'
    )
    change = change._replace(function="render")
    assert mutated(_SAMPLE, change) == _SAMPLE.replace(
        'return ", ".join(items)', 'return "; ".join(items)'
    )


def test_a_change_names_the_function_it_cannot_find() -> None:
    renamed = Mutation("sample.py", "Card.draw", '", ".join', '"; ".join', ())
    with pytest.raises(AssertionError, match=r"no function Card\.draw in sample\.py"):
        mutated(_SAMPLE, renamed)
    rewritten = renamed._replace(function="Card.render", old="return")
    with pytest.raises(AssertionError, match=r"stands 2 times in Card\.render of sample\.py"):
        mutated(_SAMPLE, rewritten)
    with pytest.raises(AssertionError, match="stands 0 times in render"):
        mutated(_SAMPLE, rewritten._replace(function="render", old="line("))


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_every_case_applies_to_the_package(name: str) -> None:
    mutation = MUTATIONS[name]
    text = (PACKAGE / mutation.module).read_text(encoding="utf8")
    ast.parse(mutated(text, mutation))


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
    module.write_text(mutated(module.read_text(encoding="utf8"), mutation), encoding="utf8")

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
