"""The pure core of the extension: what a plan is, with no Sphinx, docutils, MyST or
sphinx-needs import (``tests/test_layout.py`` holds it to that).

The item and link type table, option values, risk scoring, the phase schedule, the
records a build is read into (:class:`~.model.Item`, :class:`~.model.Corpus`),
coverage, the plan roll-up, the typed report that ``implplan.json`` is written
from, the ``impl-table`` columns, and what ``implplan check`` judges and prints.
Everything here is unit-tested with records written by hand.
"""

from __future__ import annotations
