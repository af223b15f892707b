"""``implplan convert FOLDER -o OUTDIR`` through real builds: each feature folder of
``tests/speckit/``, converted, builds to the same plan report and the same needs as
the folder read in place by ``impl-speckit``, and without a warning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_again, build_warnings, needs_in

from sphinx_implplan.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

CORPUS = Path(__file__).parent / "speckit"
#: the guide's demo feature too, which no test of the reader was written against
DEMO = Path(__file__).parent.parent / "example_docs" / "demo" / "specs" / "003-shared-notebooks"
FOLDERS = [*sorted(path for path in CORPUS.iterdir() if path.is_dir()), DEMO]
CONF = """\
extensions = ["myst_parser", "sphinx_implplan"]
myst_enable_extensions = ["tasklist"]
show_warning_types = True
needs_build_json = True
"""
#: what the build knows of a need that the conversion must keep
NEED_KEYS = ("type", "title", "implements", "verifies", "depends", "plan", "status")


def feature_copy(folder: Path, destination: Path) -> Path:
    shutil.copytree(folder, destination, ignore=shutil.ignore_patterns("expected.json"))
    return destination


def read_in_place(tmp_path: Path, folder: Path) -> Path:
    docs = tmp_path / "in-place" / "docs"
    docs.mkdir(parents=True)
    feature_copy(folder, tmp_path / "in-place" / "specs" / folder.name)
    (docs / "conf.py").write_text(CONF)
    (docs / "index.md").write_text(
        f"# Feature\n\n```{{impl-speckit}} ../specs/{folder.name}\n```\n"
    )
    return docs


def converted(tmp_path: Path, folder: Path) -> Path:
    docs = tmp_path / "converted" / "docs"
    docs.mkdir(parents=True)
    source = feature_copy(folder, tmp_path / "converted" / "specs" / folder.name)
    assert main(["convert", str(source), "-o", str(docs / "feature")]) == 0
    (docs / "conf.py").write_text(CONF)
    (docs / "index.md").write_text("# Features\n\n```{toctree}\nfeature/index\n```\n")
    return docs


def plan_report(app: SphinxTestApp) -> dict[str, Any]:
    plans: dict[str, Any] = json.loads((app.outdir / "implplan.json").read_text("utf-8"))["plans"]
    for plan in plans.values():
        # the one thing that differs: the page the plan stands in
        plan.pop("docname")
    return plans


def needs(app: SphinxTestApp) -> dict[str, dict[str, Any]]:
    return {
        need_id: {key: need.get(key) for key in NEED_KEYS}
        for need_id, need in needs_in(app.outdir).items()
    }


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_a_converted_folder_builds_to_the_same_plan(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, folder: Path
) -> None:
    in_place = build_again(make_app, read_in_place(tmp_path, folder))
    again = build_again(make_app, converted(tmp_path, folder))
    assert plan_report(again) == plan_report(in_place)
    assert needs(again) == needs(in_place)
    # what the folder holds that cannot be read as meant is said by the converter; the
    # converted files build without a warning
    assert build_warnings(again) == []
