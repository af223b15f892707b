"""Python's cyclic garbage collector, paused where a build makes or loads millions
of objects that all stay alive.

Each full run of the collector scans every object of the process; in a project of
5,000 requirements that is millions (the environment, every need, every doctree
still to be written), and making many new objects triggers run after run that
finds nothing to free. Measured there:

- loading the pickled environment took 1.2 to 1.6 s with the collector and 0.3 s
  without; it is paused from ``config-inited`` to ``builder-inited``, around
  Sphinx's loading of the environment, and what was loaded is then frozen
  (``gc.freeze``): it lives until the build ends, and the runs after it would
  otherwise scan it all again. The build unfreezes it when it finishes;
- sphinx-needs resolving every need when the write phase starts (``write-started``)
  took 3.4 s with it and 1.7 s without; it is paused from then until the first page
  is resolved;
- drawing the views took more than twice as long with it; it is paused while a
  page with views is drawn and written, and runs again when the next page is
  resolved. By then the rest of the page is garbage that no run has seen yet,
  which the first run frees without scanning anything else (its cards and views
  are already freed, ``freeing.py``); resumed any earlier, while the page was
  still being written, its nodes lived through that run, and the collector went
  on to scan the whole build for them.

It runs again, and the frozen objects are unfrozen, at the very end of every build
however it ends (``build-finished``, after the report is written). It is paused
only if it was running, and resumed only if this module paused it.
"""

from __future__ import annotations

import gc
from typing import Any


class _Pause:
    """Whether this module paused the collector, and froze what was loaded (per
    process, like the collector)."""

    active = False
    froze = False


def pause_collector(*_event_args: Any) -> None:
    """Also the handler of ``config-inited``, the last event before Sphinx loads the
    environment, and of ``write-started``."""
    if gc.isenabled():
        gc.disable()
        _Pause.active = True


def freeze_environment(*_event_args: Any) -> None:
    """``builder-inited``, once the environment is loaded."""
    if _Pause.active:
        gc.freeze()
        _Pause.froze = True
    resume_collector()


def unfreeze_and_resume(*_event_args: Any) -> None:
    """``build-finished``, however the build ends."""
    if _Pause.froze:
        _Pause.froze = False
        gc.unfreeze()
    resume_collector()


def resume_collector(*_event_args: Any) -> None:
    """Also the handler of ``doctree-resolved``, first on every page."""
    if _Pause.active:
        _Pause.active = False
        gc.enable()
