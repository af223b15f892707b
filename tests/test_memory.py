"""The garbage collector, paused while the environment is loaded and while a page
with views is drawn, is running again after every build with nothing left frozen,
and stays off in a process that turned it off itself."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import pytest
from conftest import copy_root

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def _pauses_seen(app: SphinxTestApp) -> list[bool]:
    """Whether the collector ran while each page with a view was turned into HTML."""
    seen: list[bool] = []

    def note(_app: object, pagename: str, *_args: object) -> None:
        if pagename in {"review", "summary"}:
            seen.append(gc.isenabled())

    # the collector is paused from the page's doctree-resolved to the next page's
    app.connect("html-page-context", note, priority=100)
    return seen


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_the_collector_runs_after_the_build(app: SphinxTestApp, collector_restored: None) -> None:
    gc.enable()
    seen = _pauses_seen(app)
    app.build()
    assert len(seen) == 2
    assert not any(seen), "the collector ran while a view page was written"
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_loaded_environment_is_frozen_until_the_build_ends(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, collector_restored: None
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    gc.enable()
    make_app("html", srcdir=srcdir, freshenv=True).build()
    (srcdir / "review.md").touch()
    app = make_app("html", srcdir=srcdir)
    frozen: list[bool] = []

    def note(_app: object, pagename: str, *_args: object) -> None:
        if pagename == "review":
            # frozen objects are out of the collector's lists
            tracked = {id(obj) for obj in gc.get_objects()}
            frozen.append(id(app.env.found_docs) not in tracked)

    app.connect("html-page-context", note)
    app.build()
    assert frozen == [True]
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_a_collector_turned_off_stays_off(app: SphinxTestApp, collector_restored: None) -> None:
    gc.disable()
    app.build()
    assert not gc.isenabled()


def test_the_collector_runs_after_a_failed_build(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, collector_restored: None
) -> None:
    srcdir = copy_root("views", tmp_path / "views")

    def fail(_app: object, pagename: str, *_args: object) -> None:
        if pagename == "review":
            raise RuntimeError("stop")

    gc.enable()
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.connect("html-page-context", fail, priority=100)
    with pytest.raises(Exception, match="stop"):
        app.build()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
