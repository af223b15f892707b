"""The package keeps its layout, read from its source with ``ast`` (nothing imported).

- ``plan/`` is the pure core: it imports neither Sphinx, docutils, MyST nor
  sphinx-needs, and nothing of the package outside ``plan/``, not even for type
  checking;
- ``speckit/``, the reader of spec-kit feature folders, is pure as well: besides the
  standard library it imports markdown-it and ``plan/`` only, not even for type
  checking;
- ``needs_bridge/`` is the only place that imports sphinx-needs;
- the command line (``cli/``) is imported only by itself and ``__main__.py``, and the
  console entry points lead into it; ``authoring/`` imports neither ``cli/`` nor the
  build stages ``read/`` and ``write/``;
- no two modules share a file name, and none is named like a standard-library module;
- the modules import one another without a cycle (imports made for type checking
  only aside; imports inside functions count);
- no module is longer than 400 lines.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Container

PROJECT = Path(__file__).parent.parent.resolve()
PACKAGE = PROJECT / "sphinx_implplan"
ROOT = PACKAGE.name

#: what the pure core must not import
FRAMEWORKS = ("sphinx", "docutils", "myst_parser", "sphinx_needs")
MAX_LINES = 400


class Import(NamedTuple):
    """One imported module, as a statement of ``importer`` names it."""

    #: the importing module, by dotted name (``sphinx_implplan.plan.model``)
    importer: str
    line: int
    #: the module imported, by absolute dotted name; for ``from a.b import c``, ``a.b.c``
    #: when that is a module of the package, else ``a.b``
    module: str
    #: made under ``if TYPE_CHECKING:``
    type_checking: bool


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


#: every module of the package by dotted name (a package by its own, for its __init__)
MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(
    source: str, importer: str, *, is_package: bool, modules: Container[str]
) -> list[Import]:
    """Every module imported by the module ``importer`` whose text is ``source``, at
    any depth (in functions too); ``modules`` are the package's modules."""
    found: list[Import] = []
    package = importer if is_package else importer.rpartition(".")[0]

    def absolute(node: ast.ImportFrom) -> str:
        if node.level == 0:
            return node.module or ""
        base = package.split(".")
        base = base[: len(base) - (node.level - 1)]
        return ".".join([*base, node.module] if node.module else base)

    def walk(node: ast.AST, type_checking: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for statement in node.body:
                walk(statement, True)
            for statement in node.orelse:
                walk(statement, type_checking)
        elif isinstance(node, ast.Import):
            found.extend(
                Import(importer, node.lineno, alias.name, type_checking) for alias in node.names
            )
        elif isinstance(node, ast.ImportFrom):
            base = absolute(node)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                module = submodule if submodule in modules else base
                found.append(Import(importer, node.lineno, module, type_checking))
        else:
            for child in ast.iter_child_nodes(node):
                walk(child, type_checking)

    walk(ast.parse(source, filename=importer), False)
    return found


def _all_imports() -> list[Import]:
    return [
        found
        for name, path in MODULES.items()
        for found in imports_of(
            path.read_text(encoding="utf8"),
            name,
            is_package=path.name == "__init__.py",
            modules=MODULES,
        )
    ]


IMPORTS = _all_imports()


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def _where(found: Import) -> str:
    path = MODULES[found.importer].relative_to(PROJECT).as_posix()
    return f"{path}:{found.line} imports {found.module}"


def _report(found: list[Import]) -> str:
    return "\n".join(_where(each) for each in found)


def test_the_import_reader_sees_every_kind_of_import() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import sphinx_implplan.plan.model as model\n"
        "from sphinx_implplan.plan import values, Missing\n"
        "from . import scoring\n"
        "from ..write import cards\n"
        "if TYPE_CHECKING:\n"
        "    from sphinx.application import Sphinx\n"
        "else:\n"
        "    import docutils\n"
        "def setup():\n"
        "    from sphinx_implplan import extension\n"
    )
    modules = {
        "sphinx_implplan.plan.model",
        "sphinx_implplan.plan.values",
        "sphinx_implplan.plan.scoring",
        "sphinx_implplan.write.cards",
        "sphinx_implplan.extension",
    }
    found = imports_of(source, "sphinx_implplan.plan.rollup", is_package=False, modules=modules)
    assert [(each.line, each.module, each.type_checking) for each in found] == [
        (1, "typing", False),
        (2, "sphinx_implplan.plan.model", False),
        (3, "sphinx_implplan.plan.values", False),
        (3, "sphinx_implplan.plan", False),
        (4, "sphinx_implplan.plan.scoring", False),
        (5, "sphinx_implplan.write.cards", False),
        (7, "sphinx.application", True),
        (9, "docutils", False),
        (11, "sphinx_implplan.extension", False),
    ]
    # and the package's own are read: the other tests do not pass for want of imports
    assert any(_within(each.module, f"{ROOT}.plan") for each in IMPORTS)


def test_the_plan_core_imports_no_framework_and_nothing_outside_itself() -> None:
    core = f"{ROOT}.plan"
    wrong = [
        found
        for found in IMPORTS
        if _within(found.importer, core)
        and (
            any(_within(found.module, framework) for framework in FRAMEWORKS)
            or (_within(found.module, ROOT) and not _within(found.module, core))
        )
    ]
    assert not wrong, (
        f"plan/ is the pure core: it imports none of {', '.join(FRAMEWORKS)} and nothing "
        f"of {ROOT} outside plan/, not even under TYPE_CHECKING:\n{_report(wrong)}"
    )


def test_the_speckit_reader_imports_markdown_it_and_the_core_only() -> None:
    speckit = f"{ROOT}.speckit"
    allowed = (speckit, f"{ROOT}.plan", "markdown_it")
    wrong = [
        found
        for found in IMPORTS
        if _within(found.importer, speckit)
        and not any(_within(found.module, module) for module in allowed)
        and found.module.partition(".")[0] not in sys.stdlib_module_names
    ]
    assert any(_within(found.importer, speckit) for found in IMPORTS)
    assert not wrong, (
        "speckit/ reads spec-kit folders for read/ and authoring/ alike: it imports "
        f"nothing of {', '.join(FRAMEWORKS)}, nor of {ROOT} outside plan/ and speckit/, "
        f"and no other package than markdown_it, not even under TYPE_CHECKING:\n"
        f"{_report(wrong)}"
    )


def test_only_the_needs_bridge_imports_sphinx_needs() -> None:
    wrong = [
        found
        for found in IMPORTS
        if _within(found.module, "sphinx_needs")
        and not _within(found.importer, f"{ROOT}.needs_bridge")
    ]
    assert not wrong, (
        f"only {ROOT}/needs_bridge/ may import sphinx_needs (ask the bridge instead):\n"
        f"{_report(wrong)}"
    )


def test_only_the_command_line_imports_the_command_line() -> None:
    cli = f"{ROOT}.cli"
    wrong = [
        found
        for found in IMPORTS
        if _within(found.module, cli)
        and not _within(found.importer, cli)
        and found.importer != f"{ROOT}.__main__"
    ]
    assert not wrong, (
        f"nothing outside cli/ but __main__.py imports the command line:\n{_report(wrong)}"
    )


def test_the_console_entry_points_lead_into_the_command_line() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf8"))
    scripts: dict[str, str] = project["project"]["scripts"]
    wrong = {
        name: target
        for name, target in scripts.items()
        if not _within(target.partition(":")[0], f"{ROOT}.cli")
    }
    assert scripts
    assert not wrong, f"console entry points outside {ROOT}.cli: {wrong}"


def test_authoring_imports_neither_the_command_line_nor_the_build_stages() -> None:
    forbidden = [f"{ROOT}.{layer}" for layer in ("cli", "read", "write")]
    wrong = [
        found
        for found in IMPORTS
        if _within(found.importer, f"{ROOT}.authoring")
        and any(_within(found.module, layer) for layer in forbidden)
    ]
    assert not wrong, (
        "authoring/ is used by cli/ and stands apart from the build: it imports none of "
        f"cli/, read/, write/:\n{_report(wrong)}"
    )


def test_no_two_modules_share_a_file_name() -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for path in MODULES.values():
        if path.name != "__init__.py":
            by_name[path.name].append(path.relative_to(PROJECT).as_posix())
    shared = {name: paths for name, paths in by_name.items() if len(paths) > 1}
    assert not shared, "modules sharing a file name (give each its own):\n" + "\n".join(
        f"{name}: {', '.join(paths)}" for name, paths in sorted(shared.items())
    )


def test_no_module_is_named_like_a_standard_library_module() -> None:
    named = sorted(
        path.relative_to(PROJECT).as_posix()
        for name, path in MODULES.items()
        if name.rpartition(".")[2] in sys.stdlib_module_names
    )
    assert not named, "modules or packages named like a standard-library module:\n" + "\n".join(
        named
    )


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """A cycle of ``graph`` for each edge that closes one in a depth-first walk, as the
    chain of nodes from the first back to itself; none where the graph has none."""
    cycles: list[list[str]] = []
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> None:
        path.append(node)
        on_path.add(node)
        for target in sorted(graph.get(node, ())):
            if target in on_path:
                cycles.append([*path[path.index(target) :], target])
            elif target not in done:
                visit(target)
        on_path.discard(node)
        path.pop()
        done.add(node)

    for node in sorted(graph):
        if node not in done:
            visit(node)
    return cycles


def test_the_cycle_finder_names_the_chain() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for found in IMPORTS:
        if not found.type_checking and found.module in MODULES:
            graph[found.importer].add(found.module)
    cycles = _cycles(graph)
    assert not cycles, (
        "modules that import one another, directly or not (imports under TYPE_CHECKING "
        "aside, imports in functions counted):\n"
        + "\n".join(" -> ".join(cycle) for cycle in cycles)
    )


def test_no_module_is_over_400_lines() -> None:
    lengths = {
        path.relative_to(PROJECT).as_posix(): len(path.read_text(encoding="utf8").splitlines())
        for path in MODULES.values()
    }
    long = {path: lines for path, lines in sorted(lengths.items()) if lines > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them):\n" + "\n".join(
        f"{path}: {lines} lines" for path, lines in long.items()
    )
