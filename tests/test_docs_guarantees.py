"""The Guarantees page names real tests: every ``tests/<file>.py::<test>`` it cites is
a test function of that file, so a promise never points at a test that is gone."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PROJECT = Path(__file__).parent.parent
PAGE = PROJECT / "example_docs" / "guide" / "guarantees.md"
CITED_TEST = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def test_every_cited_test_exists() -> None:
    cited = CITED_TEST.findall(PAGE.read_text(encoding="utf8"))
    assert len(cited) >= 20
    missing = [
        f"{file}::{name}"
        for file, name in cited
        if not (PROJECT / file).is_file() or name not in functions_in(PROJECT / file)
    ]
    assert missing == []
