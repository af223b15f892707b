"""Pytest's configuration of the suite, and its fixtures.

The test projects live in ``roots/test-<name>/`` and are built for real with
``@pytest.mark.sphinx(<builder>, testroot="<name>")`` and the ``app`` fixture of
``sphinx.testing``. Tests that only read one build's output share it with
``@pytest.mark.test_params(shared_result=<key>)``: the first test of a module builds,
the others reuse the output and the warnings. The key is also the source folder's
name, so every key must be unique across the whole suite.

The helpers the tests share (reading warnings, needs and pages, copying and building
a project again) are in ``build_helpers.py``.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING

import pytest
from build_helpers import ROOTS
from hypothesis import settings

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

# Hypothesis profiles. "ci" (loaded when CI=true) runs the same examples on every run, so
# that a failure in CI is reproduced by running the test again; "dev" (the default)
# explores new examples on each run, and half as many. HYPOTHESIS_PROFILE=<name> picks
# one. No deadline: the properties of test_properties.py are whole Sphinx builds (about
# 20 s for the file under "ci"), and a busy machine makes any test slow now and then.
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """Python's garbage collector as it was before the test: running or not, with its
    thresholds, and with nothing frozen if nothing was, for tests that change it or
    check what a build leaves of it."""
    was_enabled = gc.isenabled()
    thresholds = gc.get_threshold()
    was_frozen = gc.get_freeze_count()
    yield
    if not was_frozen and gc.get_freeze_count():
        gc.unfreeze()
    gc.set_threshold(*thresholds)
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``sphinx.testing`` finds ``test-<name>`` project folders."""
    return ROOTS
