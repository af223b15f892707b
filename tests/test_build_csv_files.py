"""Each ``impl-traceability`` view's CSV download is a file of its own, linked from
its page by a URL a browser finds it at (guide: Traceability view).

``roots/test-csv-names`` has the documents ``sub.x`` and ``sub/x``, each with a plan,
one requirement and a traceability view of it; the tests add a document whose name
is not ASCII. The CSV file of ``sub.x`` must not be the one of ``sub/x``, and a
link to a file with a name that is not ASCII must be percent-encoded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

import pytest
from build_helpers import build_again, copy_root, edit

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

#: the only requirement of each document, the one row of its CSV file
ROWS = {"sub.x": "FR_DOT", "sub/x": "FR_NESTED", "übersicht": "FR_UML"}

NOT_ASCII = """\
# Übersicht

```{req} Übersicht requirement
:id: FR_UML
```

```{impl-plan} Übersicht plan
:id: PLAN_UML
:spec: /übersicht
```

```{impl-component} Übersicht component
:id: CMP_UML
:implements: FR_UML
```

```{impl-traceability}
```
"""

_CSV_HREF = re.compile(r'href="([^"]*\.csv)"')
#: what a URL path holds once percent-encoded: no space, no character beyond ASCII
_URL_PATH = re.compile(r"[A-Za-z0-9_.~/%-]+")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    srcdir = copy_root("csv-names", tmp_path / "csv-names")
    (srcdir / "übersicht.md").write_text(NOT_ASCII, encoding="utf8")
    edit(srcdir / "index.md", "sub/x\n", "sub/x\nübersicht\n")
    return srcdir


def csv_of_page(app: SphinxTestApp, docname: str) -> tuple[str, Path]:
    """The href of the CSV link on ``docname``'s page, and the file a browser gets
    for it: the href decoded, relative to the page."""
    page = Path(app.builder.get_outfilename(docname))  # type: ignore[attr-defined]
    [href] = _CSV_HREF.findall(page.read_text(encoding="utf8"))
    return href, (page.parent / unquote(href)).resolve()


def rows_of(csv_file: Path) -> list[str]:
    """The requirement ids of a CSV file's rows."""
    return [row.split(",")[0] for row in csv_file.read_text(encoding="utf8").splitlines()[1:]]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_document_has_a_csv_file_of_its_own(
    make_app: Callable[..., SphinxTestApp], project: Path, builder: str
) -> None:
    app = build_again(make_app, project, builder)
    assert len(list((app.outdir / "_implplan").glob("*.csv"))) == len(ROWS)
    for docname, requirement in ROWS.items():
        href, csv_file = csv_of_page(app, docname)
        assert _URL_PATH.fullmatch(href), href
        assert csv_file.is_file(), href
        assert csv_file.parent == (app.outdir / "_implplan").resolve()
        assert rows_of(csv_file) == [requirement], docname
    # names without a dot stay as they were: folders joined by dots
    assert csv_of_page(app, "sub/x")[1].name == "sub.x.traceability-1.csv"
    href, csv_file = csv_of_page(app, "übersicht")
    assert href.endswith(quote(csv_file.name))
    assert href != unquote(href)


def test_the_csv_of_a_view_taken_out_goes_and_the_like_named_one_stays(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    first = build_again(make_app, project)
    _, dotted = csv_of_page(first, "sub.x")
    _, nested = csv_of_page(first, "sub/x")
    edit(project / "sub.x.md", "```{impl-traceability}\n```\n", "")
    build_again(make_app, project)
    assert not dotted.exists()
    assert rows_of(nested) == ["FR_NESTED"]
