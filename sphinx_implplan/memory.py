"""Python's cyclic garbage collector, paused where a build makes or loads millions
of objects that all stay alive; ``implplan_tune_memory = False`` turns all of it off.

Each full run of the collector scans every object of the process; in a project of
5,000 requirements that is millions (the environment, every need, every doctree
still to be written), and making many new objects triggers run after run that
finds nothing to free. Measured there:

- loading the pickled environment took 1.2 to 1.6 s with the collector and 0.3 s
  without; it is paused for the call in which Sphinx loads it. What was loaded is
  then moved, unscanned, into the collector's oldest generation (frozen and at once
  unfrozen), which only a full run scans: left among the youngest objects, it would
  be scanned by the next run, and again as it grew older;
- the build: everything alive when ``app.build()`` is called, the environment first,
  is frozen (``gc.freeze``) until that call returns or raises: it lives until the
  build ends, and the runs during the build would otherwise scan it all again;
- sphinx-needs resolving every need when the write phase starts (``write-started``)
  took 3.4 s with it and 1.7 s without; it is paused from then until the first page
  is resolved;
- drawing the views took more than twice as long with it; it is paused as soon as a
  page with views is resolved, before anything is drawn on it, and runs again when
  the next page is resolved. By then the rest of the page is garbage that no run has
  seen yet, which the first run frees without scanning anything else (its cards and
  views are already freed, ``freeing.py``); resumed any earlier, while the page was
  still being written, its nodes lived through that run, and the collector went on
  to scan the whole build for them;
- a parallel write (``-j``): the main process resolves every page and hands them to
  the writing processes a chunk at a time, but it resolves far ahead of them and
  keeps each page until its writer is done, so that most of the project's pages are
  alive in it at once, and each full run scanned them all again (2.1 s of a 7.4 s
  write at 1,000 requirements). There each page is frozen as the next one is
  resolved: the main process never writes it, and the writers, forked from it, free
  their own copies as in a serial build. The frozen pages are released with the rest
  when the build ends.

What this module promises: every pause and the freeze happen within one of two calls
of the application, which it wraps once the configuration is read
(``config-inited``): Sphinx's loading of the pickled environment and ``app.build()``.
The wrapper ends them when that call returns or raises, whatever it raises, so that
a start that fails, an application that is never built, and a build that fails
anywhere (in a document, in any event handler, interrupted) all leave the collector
running and nothing frozen. Events could not promise that: none follows a start that
fails or an application never built, ``build-finished`` is not emitted for an
interrupt, and its later handlers do not run once one raises. Outside these calls
nothing is paused or frozen. The collector is paused only if it was running, and
resumed only if this module paused it; objects are frozen only when nothing else
is, since unfreezing releases every frozen object of the process, whoever froze it.
"Nothing else" is measured against what was frozen when this module was imported:
Python 3.12.0 and 3.12.1 start with a few hundred immortal tuples of their own
frozen, and a count of zero would leave the tuning off there. Those tuples are
released with the build's objects; being immortal, they stay alive, and only the
collector's full runs see them.
"""

from __future__ import annotations

import functools
import gc
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx_implplan.config import tunes_memory

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: the method of Sphinx's application that loads the pickled environment (Sphinx 7.4
#: on); a release without it loads the environment with the collector as it is
_LOAD_ENVIRONMENT = "_load_existing_env"

#: objects the process had frozen before this module was imported: the interpreter's
#: own on some releases (see the module's docstring)
_FROZEN_AT_IMPORT = gc.get_freeze_count()


def _nothing_else_frozen() -> bool:
    return gc.get_freeze_count() <= _FROZEN_AT_IMPORT


class _State:
    """Per process, like the collector."""

    #: the applications whose ``build()`` is under way, tuned
    building: ClassVar[list[Sphinx]] = []
    #: whether this module paused the collector
    paused = False
    #: whether this module froze what was alive when the build started
    froze = False


def tune_memory(app: Sphinx, config: Config) -> None:
    """``config-inited``, last: the configuration is final, and the environment is
    loaded right after."""
    if not tunes_memory(config):
        return
    load = getattr(app, _LOAD_ENVIRONMENT, None)
    if load is not None:
        setattr(app, _LOAD_ENVIRONMENT, _paused_while_loading(load))
    app.build = _frozen_while_building(app, app.build)  # type: ignore[method-assign]


def _paused_while_loading(load: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(load)
    def load_paused(*args: Any, **kwargs: Any) -> Any:
        if not gc.isenabled():
            return load(*args, **kwargs)
        gc.disable()
        try:
            return load(*args, **kwargs)
        finally:
            if _nothing_else_frozen():
                gc.freeze()
                gc.unfreeze()
            gc.enable()

    return load_paused


def _frozen_while_building(app: Sphinx, build: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(build)
    def build_frozen(*args: Any, **kwargs: Any) -> Any:
        froze = gc.isenabled() and _nothing_else_frozen()
        if froze:
            gc.freeze()
        _State.froze = froze
        _State.building.append(app)
        try:
            return build(*args, **kwargs)
        finally:
            _State.building.remove(app)
            if froze:
                _State.froze = False
                gc.unfreeze()
            resume_collector()

    return build_frozen


def _pause(app: Sphinx) -> None:
    if app in _State.building and gc.isenabled():
        gc.disable()
        _State.paused = True


def pause_collector(app: Sphinx, *_event_args: Any) -> None:
    """``write-started``, before sphinx-needs resolves every need."""
    _pause(app)


def pause_on_pages_with(
    node_class: type[nodes.Element],
) -> Callable[[Sphinx, nodes.document, str], None]:
    """The ``doctree-resolved`` handler that pauses the collector on a page with a
    ``node_class`` node (a view's placeholder) until the next page."""

    def pause_on_page(app: Sphinx, doctree: nodes.document, _docname: str) -> None:
        if app in _State.building and doctree.next_node(node_class) is not None:
            _pause(app)

    return pause_on_page


def resume_collector(*_event_args: Any) -> None:
    """Also the handler of ``doctree-resolved``, first on every page."""
    if _State.paused:
        _State.paused = False
        gc.enable()


def freeze_pages_waiting_for_writers(app: Sphinx, *_event_args: Any) -> None:
    """``doctree-resolved``, first on every page: in a parallel write, the pages
    resolved so far are frozen (see the module's docstring)."""
    if _State.froze and app in _State.building and getattr(app.builder, "parallel_ok", False):
        gc.freeze()
