"""Python's garbage collector: paused while the environment is loaded, while
sphinx-needs resolves every need and while a page with views is drawn, with what is
alive frozen during the build; running again with nothing left frozen after a start
that fails, an application never built and a build that fails anywhere; left alone
by a process that turned it off, and by a project that turns the tuning off."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import build_warnings, copy_root
from sphinx.errors import ExtensionError, ThemeError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

#: the pages of ``roots/test-views`` with views on them
VIEW_PAGES = {"review", "summary"}
#: where a test leaves a probe in the environment
PROBE = "implplan_test_probe"
TUNING_OFF = {"implplan_tune_memory": False}


class Interrupted(BaseException):
    """Ends a build as Ctrl-C does: not an ``Exception``, so Sphinx lets it through
    without emitting ``build-finished``."""


def _interrupt() -> None:
    raise Interrupted


class LoadingProbe:
    """Left in the environment: unpickled, it becomes whether the collector was
    running while Sphinx loaded the environment."""

    def __reduce__(self) -> tuple[Callable[[], object], tuple[()]]:
        return gc.isenabled, ()


class InterruptingProbe:
    """Left in the environment: unpickling it interrupts the loading."""

    def __reduce__(self) -> tuple[Callable[[], object], tuple[()]]:
        return _interrupt, ()


def _built_with_probe(
    make_app: Callable[..., SphinxTestApp],
    srcdir: Path,
    probe: object | None = None,
    **options: Any,
) -> None:
    """A first build of ``srcdir``, whose pickled environment holds ``probe``, by
    default a LoadingProbe."""

    def leave_probe(_app: object, env: object) -> None:
        setattr(env, PROBE, LoadingProbe() if probe is None else probe)

    app = make_app("html", srcdir=srcdir, freshenv=True, **options)
    app.connect("env-updated", leave_probe)
    app.build()
    # let the next app register its nodes and directives afresh
    app.cleanup()


def _watch(app: SphinxTestApp) -> dict[str, tuple[bool, int]]:
    """Whether the collector ran, and how many objects were frozen, at each moment of
    a build where the extension may pause it: once sphinx-needs has resolved every
    need (``write-started``), as each page is resolved just before its views are
    drawn, and as it is written."""
    seen: dict[str, tuple[bool, int]] = {}

    def note(moment: str) -> None:
        seen[moment] = (gc.isenabled(), gc.get_freeze_count())

    def started(_app: object, _builder: object) -> None:
        note("write-started")

    def resolved(_app: object, _doctree: object, docname: str) -> None:
        note(f"{docname} resolved")

    def written(_app: object, pagename: str, *_args: object) -> None:
        if pagename in app.env.found_docs:
            note(f"{pagename} written")

    # once sphinx-needs has resolved the needs (500); once the extension has paused
    # for a page with views (410) and before it draws them (500); before the other
    # handlers of a page written
    app.connect("write-started", started, priority=900)
    app.connect("doctree-resolved", resolved, priority=499)
    app.connect("html-page-context", written, priority=100)
    return seen


def _paused(seen: dict[str, tuple[bool, int]]) -> set[str]:
    return {moment for moment, (running, _frozen) in seen.items() if not running}


def test_the_environment_is_loaded_with_the_collector_paused(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, collector_restored: None
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    gc.enable()
    _built_with_probe(make_app, srcdir)
    frozen = gc.get_freeze_count()
    # no run of its own moves what was loaded out of the youngest generation
    gc.set_threshold(10**9)
    app = make_app("html", srcdir=srcdir)
    oldest = {id(obj) for obj in gc.get_objects(generation=2)}
    assert getattr(app.env, PROBE) is False, "the collector ran while the environment loaded"
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    # what was loaded waits in the oldest generation, unscanned, for the build
    assert id(app.env.found_docs) in oldest


@pytest.mark.sphinx("html", testroot="views", freshenv=True)
def test_the_collector_is_paused_for_the_needs_and_for_pages_with_views(
    app: SphinxTestApp, collector_restored: None
) -> None:
    gc.enable()
    frozen = gc.get_freeze_count()
    seen = _watch(app)
    app.build()
    pages = {f"{page} {step}" for page in VIEW_PAGES for step in ("resolved", "written")}
    assert "plan resolved" in seen
    assert _paused(seen) == {"write-started", *pages}
    assert all(count > frozen for _running, count in seen.values()), "nothing frozen"
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


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
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("environment", ["new", "pickled"])
def test_a_failed_start_leaves_the_collector_running(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    collector_restored: None,
    environment: str,
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    if environment == "pickled":
        make_app("html", srcdir=srcdir).build()
    gc.enable()
    frozen = gc.get_freeze_count()
    # the builder fails after config-inited, and after the pickled environment is
    # loaded
    with pytest.raises(ThemeError):
        make_app("html", srcdir=srcdir, confoverrides={"html_theme": "no_such_theme"})
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_an_interrupted_loading_leaves_the_collector_running(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, collector_restored: None
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    _built_with_probe(make_app, srcdir, InterruptingProbe())
    gc.enable()
    frozen = gc.get_freeze_count()
    # Sphinx starts again with a new environment when loading raises an Exception;
    # an interrupt goes through (the first app's clean-up at the end of the test
    # clears what this one registered)
    with pytest.raises(Interrupted):
        make_app("html", srcdir=srcdir)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


@pytest.mark.parametrize("environment", ["new", "pickled"])
def test_an_application_never_built_leaves_nothing_frozen(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    collector_restored: None,
    environment: str,
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    if environment == "pickled":
        make_app("html", srcdir=srcdir).build()
    gc.enable()
    frozen = gc.get_freeze_count()
    make_app("html", srcdir=srcdir)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def _interrupt_reading(app: SphinxTestApp) -> None:
    def interrupt(_app: object, docname: str, _source: object) -> None:
        if docname == "review":
            raise Interrupted

    app.connect("source-read", interrupt)


def _interrupt_a_page_with_views(app: SphinxTestApp) -> None:
    def interrupt(_app: object, _doctree: object, docname: str) -> None:
        if docname == "review":
            raise Interrupted

    # once the views are drawn, the collector paused for them
    app.connect("doctree-resolved", interrupt, priority=900)


def _fail_writing_a_page_with_views(app: SphinxTestApp) -> None:
    def fail(_app: object, pagename: str, *_args: object) -> None:
        if pagename == "review":
            raise RuntimeError("stop")

    app.connect("html-page-context", fail, priority=100)


def _fail_at_build_finished(app: SphinxTestApp) -> None:
    def fail(_app: object, _exception: object) -> None:
        raise RuntimeError("stop")

    # before the other handlers of build-finished, which then never run
    app.connect("build-finished", fail, priority=100)


@pytest.mark.parametrize(
    ("fail", "raised"),
    [
        pytest.param(_interrupt_reading, Interrupted, id="interrupted-reading"),
        pytest.param(_interrupt_a_page_with_views, Interrupted, id="interrupted-page"),
        pytest.param(_fail_writing_a_page_with_views, ExtensionError, id="page-handler"),
        pytest.param(_fail_at_build_finished, ExtensionError, id="build-finished-handler"),
    ],
)
def test_the_collector_runs_after_a_failed_build(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    collector_restored: None,
    fail: Callable[[SphinxTestApp], None],
    raised: type[BaseException],
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    gc.enable()
    frozen = gc.get_freeze_count()
    app = make_app("html", srcdir=srcdir, freshenv=True)
    fail(app)
    with pytest.raises(raised):
        app.build()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_the_tuning_can_be_turned_off(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, collector_restored: None
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    gc.enable()
    frozen = gc.get_freeze_count()
    _built_with_probe(make_app, srcdir, confoverrides=TUNING_OFF)
    (srcdir / "review.md").touch()
    app = make_app("html", srcdir=srcdir, confoverrides=TUNING_OFF)
    assert getattr(app.env, PROBE) is True, "the collector was paused while loading"
    seen = _watch(app)
    app.build()
    assert [w for w in build_warnings(app) if "implplan_tune_memory" in w.message] == []
    assert {"write-started", "review resolved", "review written"} <= set(seen)
    assert _paused(seen) == set()
    assert {count for _running, count in seen.values()} == {frozen}
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


@pytest.mark.parametrize("raw", ['"False"', "0", "None"])
def test_a_tuning_switch_of_the_wrong_type_leaves_the_tuning_on(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, collector_restored: None, raw: str
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    with (srcdir / "conf.py").open("a", encoding="utf8") as conf:
        conf.write(f"implplan_tune_memory = {raw}\n")
    gc.enable()
    app = make_app("html", srcdir=srcdir, freshenv=True)
    seen = _watch(app)
    app.build()
    (warning,) = [w for w in build_warnings(app) if w.subtype == "implplan.config"]
    assert (warning.file, warning.line) == ("", None)
    shown = raw.replace('"', "'")  # as repr() shows the value
    assert warning.message == (
        f"implplan_tune_memory = {shown} is not valid: "
        "expected True or False; using the default True"
    )
    assert app.config.implplan_tune_memory is True
    assert "write-started" in _paused(seen)


@pytest.mark.parametrize("parallel", [1, 2])
def test_pages_waiting_for_a_parallel_writer_are_frozen(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    collector_restored: None,
    parallel: int,
) -> None:
    srcdir = copy_root("views", tmp_path / "views")
    gc.enable()
    frozen = gc.get_freeze_count()
    app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)
    resolved: list[object] = []
    # whether any page resolved before was still in the collector's lists
    scanned: list[bool] = []

    def note(_app: object, doctree: object, _docname: str) -> None:
        if resolved:
            tracked = {id(obj) for obj in gc.get_objects()}
            scanned.append(any(id(page) in tracked for page in resolved))
        resolved.append(doctree)

    app.connect("doctree-resolved", note, priority=499)
    app.build()
    assert len(scanned) >= 3
    if parallel > 1:
        assert app.builder.parallel_ok
        assert not any(scanned), "a page waiting for its writer was scanned"
    else:
        assert all(scanned), "a serial build froze the pages it writes itself"
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()
