"""What the extension changes in sphinx-needs' own wiring, checked on the installed
sphinx-needs: a release that renames what it relies on fails here, not silently."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from sphinx_needs.directives.need import purge_needs

from sphinx_implplan.needs_bridge import purge

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp


def _purge_handlers(app: SphinxTestApp) -> list[object]:
    return [listener.handler for listener in app.events.listeners.get("env-purge-doc", ())]


@pytest.mark.sphinx("html", testroot="minimal")
def test_sphinx_needs_purge_listener_is_found_and_replaced(app: SphinxTestApp) -> None:
    # the per-document purge of sphinx-needs is the one the extension moves before
    # the read; if sphinx-needs renames it, this is where it shows
    handlers = _purge_handlers(app)
    assert purge_needs not in handlers
    assert any(getattr(handler, "__name__", "") == "purge_unless_purged" for handler in handlers)
    before_read = [
        listener.handler.__name__
        for listener in app.events.listeners.get("env-before-read-docs", ())
    ]
    assert "purge_documents_to_read" in before_read


@pytest.mark.sphinx("html", testroot="minimal", verbosity=2)
def test_a_missing_purge_listener_leaves_sphinx_needs_as_it_is_and_says_so(
    make_app: Callable[..., SphinxTestApp],
    app_params: tuple[list[Any], dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # as if sphinx-needs had renamed its listener: the one the extension looks for
    # is no longer connected
    monkeypatch.setattr(purge, "purge_needs", lambda *_args: None)
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    assert purge_needs in _purge_handlers(app)
    assert "listener was not found" in app.status.getvalue()
    app.build()
    assert "WARNING" not in app.warning.getvalue()
