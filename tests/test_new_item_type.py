"""A fourteenth item type needs a row of the item type table and nothing else.

A copy of the package gets one more row in ``plan/itemtypes.py`` (a type with a
text option and a duration option), and a project using it is built with that
copy: the item becomes a need with its fields, renders as a card, fills an
``impl-table`` of its own and counts in the report, without a warning.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from build_helpers import visible_text

PACKAGE = Path(__file__).parent.parent.resolve() / "sphinx_implplan"

NEW_ROW = """    _item(
        "impl-spike",
        "Spike",
        "SPK_",
        "#DDDDDD",
        {"question": Kind.TEXT, "timebox": Kind.DURATION},
        title_header="Spike",
        default_columns=("id", "title", "question", "timebox", "status"),
    ),
"""

DOCUMENT = """\
# Spikes

```{req} Fast search
:id: REQ_001
```

```{impl-plan} Search plan
:id: PLAN_S
```

```{impl-spike} Can the index fit in memory?
:id: SPK_1
:question: How large is the index?
:timebox: 3d
:status: open
```

```{impl-table}
:type: spike
```
"""


def test_a_row_of_the_table_is_a_whole_new_item_type(tmp_path: Path) -> None:
    package = tmp_path / "sphinx_implplan"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    table = package / "plan" / "itemtypes.py"
    text = table.read_text(encoding="utf8")
    anchor = "    _item(\n        CHANGE,"
    assert text.count(anchor) == 1, "the last row of ITEM_TYPES moved: update this test"
    table.write_text(text.replace(anchor, NEW_ROW + anchor), encoding="utf8")

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text('extensions = ["myst_parser", "sphinx_implplan"]\n')
    (docs / "index.md").write_text(DOCUMENT, encoding="utf8")
    environment = {**os.environ, "PYTHONPATH": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"}
    for builder in ("html", "needs"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                builder,
                "-q",
                str(docs),
                str(tmp_path / builder),
            ],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr

    needs = json.loads((tmp_path / "needs" / "needs.json").read_text(encoding="utf8"))
    spike = needs["versions"][""]["needs"]["SPK_1"]
    assert (spike["type"], spike["question"], spike["timebox"], spike["plan"]) == (
        "impl-spike",
        "How large is the index?",
        3,
        "PLAN_S",
    )
    page = visible_text((tmp_path / "html" / "index.html").read_text(encoding="utf8"))
    assert "Spike Can the index fit in memory? SPK_1 open" in page
    assert "timebox : 3 days" in page
    assert "Spike items of Search plan (PLAN_S)" in page
    assert "SPK_1 Can the index fit in memory? How large is the index? 3 days open" in page
