"""Python's cyclic garbage collector, paused while a page with views is drawn.

A view over a large project is tens of thousands of docutils nodes that live
exactly as long as their page. While they are made, Python's collector runs again
and again, and each full run scans every object of the build: the environment,
every need, every doctree still to be written. Measured on 5,000 requirements, the
collector took more than half of the time the views cost. With it paused, the
view's nodes stay young, die with their page and are freed by the first, cheap,
run after it.

The collector runs again as soon as the page has been turned into HTML
(``html-page-context``), when the next page is resolved, and when the build ends
however it ends. It is paused only if it was running, and resumed only if this
module paused it.
"""

from __future__ import annotations

import gc
from typing import Any


class _Pause:
    """Whether this module paused the collector (per process, like the collector)."""

    active = False


def pause_collector() -> None:
    if gc.isenabled():
        gc.disable()
        _Pause.active = True


def resume_collector(*_event_args: Any) -> None:
    """Also the handler of ``html-page-context`` and ``build-finished``."""
    if _Pause.active:
        _Pause.active = False
        gc.enable()
