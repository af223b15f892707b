"""The example documentation builds with -n -W: zero warnings, html and needs."""

from __future__ import annotations

import json
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DOCS = ROOT / "example_docs"


def _build(builder: str, outdir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable, "-m", "sphinx", "-nW", "--keep-going", "-q",
            "-b", builder, "-d", str(outdir / ".doctrees"), str(EXAMPLE_DOCS), str(outdir),
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def needs_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    outdir = tmp_path_factory.mktemp("example-needs")
    result = _build("needs", outdir)
    assert result.returncode == 0, result.stderr
    data = json.loads((outdir / "needs.json").read_text(encoding="utf-8"))
    needs: dict[str, dict[str, object]] = data["versions"][data["current_version"]]["needs"]
    return needs


def test_html_builds_without_warnings(tmp_path: Path) -> None:
    result = _build("html", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (tmp_path / "_static" / "implplan.css").is_file()
    # the generated tables list every setting and warning type with its text (compared
    # without white space, which the tags around literals add, and with straight quotes)
    from build_helpers import visible_text

    from sphinx_implplan.config import CONFIG_VALUES
    from sphinx_implplan.diagnostics import Subtype

    def page_text(page: str) -> str:
        html = (tmp_path / "guide" / page).read_text(encoding="utf8")
        return "".join(unescape(visible_text(html)).replace("\u2019", "'").split())

    def squeezed(*parts: str) -> str:
        return "".join("".join(parts).replace("``", "").split())

    settings = page_text("configuration.html")
    for value in CONFIG_VALUES:
        assert squeezed(value.name, repr(value.default), value.help) in settings
    warnings = page_text("warnings.html")
    for subtype in Subtype:
        assert squeezed(f"implplan.{subtype.value}", subtype.description) in warnings


def test_demo_uses_every_directive_and_link(needs_json: dict[str, dict[str, object]]) -> None:
    from sphinx_implplan.plan.itemtypes import ITEM_TYPES, LINK_TYPES

    types = {need["type"] for need in needs_json.values()}
    assert {item.directive for item in ITEM_TYPES} <= types
    for link in LINK_TYPES:
        assert any(need.get(link.name) for need in needs_json.values()), link.name


def test_demo_spec_has_fifteen_requirements(needs_json: dict[str, dict[str, object]]) -> None:
    requirements = [need for need in needs_json.values() if need["type"] == "req"]
    assert len(requirements) >= 15
