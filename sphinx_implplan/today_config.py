"""``implplan_today``: the day the build takes as today (late phases, the today line).

Checked once when the configuration is read, before Sphinx's own check of types:
the value is replaced by the day it stands for, as ``YYYY-MM-DD``, so every process
of a parallel build and every page takes the same day, and a build on another day
(or with another ``SOURCE_DATE_EPOCH``) reads the documents again as any change of
configuration does. A value that names no day is reported as ``implplan.config``
and the build's own day is used.
"""

from __future__ import annotations

import datetime
import os
from typing import TYPE_CHECKING

from sphinx_implplan.config import shown_value
from sphinx_implplan.diagnostics import Subtype, warn
from sphinx_implplan.plan.today import effective_today

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TODAY = "implplan_today"


def register_today(app: Sphinx) -> None:
    """The value itself is registered with the others (:mod:`sphinx_implplan.config`);
    it is made a day here, before their check."""
    app.connect("config-inited", check_today, priority=50)


def check_today(_app: Sphinx, config: Config) -> None:
    """The ``config-inited`` handler: the value replaced by the day it names."""
    raw = getattr(config, TODAY)
    today = effective_today(raw, os.environ.get("SOURCE_DATE_EPOCH"), datetime.date.today())
    for source, problem in today.problems:
        what = f"{TODAY} = {shown_value(raw)}" if source == TODAY else source
        warn(
            Subtype.CONFIG,
            f"{what} is not valid: {problem}; the build takes {today.day.isoformat()} as today",
            None,
        )
    config[TODAY] = today.day.isoformat()


def build_today(config: Config) -> datetime.date:
    """This build's today (checked by :func:`check_today`)."""
    checked = getattr(config, TODAY, None)
    if isinstance(checked, str):
        try:
            return datetime.date.fromisoformat(checked)
        except ValueError:
            pass
    # never checked (a configuration that skipped config-inited): the build's day
    return datetime.date.today()
