"""Sphinx configuration of the sphinx-implplan documentation, which is also its demo."""

from __future__ import annotations

import sys
from pathlib import Path

import sphinx_implplan

# the documentation's own small extension: the generated warnings table, live examples
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-implplan"
author = "sphinx-implplan developers"
copyright = "sphinx-implplan developers"
release = sphinx_implplan.__version__

extensions = [
    "myst_parser",
    "sphinx_implplan",  # sets up sphinx_needs itself
    "implplan_docs",
]

# colon_fence: ":::{impl-risk}" as well as "```{impl-risk}";
# tasklist: phase deliverables ("- [ ]" / "- [x]") render as checkboxes
myst_enable_extensions = ["colon_fence", "tasklist"]

html_theme = "furo"
html_title = "sphinx-implplan"

# the day the demo is read on: its timeline marks late phases against it, the same in
# every build of these pages
implplan_today = "2027-03-08"

# the JUnit XML of the last CI test run (pytest --junitxml): each impl-test whose
# :cases: name its cases shows their result; one case fails, one is skipped and one
# test's file did not run, on purpose. A failing test is a result, not a warning.
implplan_test_results = ["demo/results/*.xml"]

# the demo's spec-kit feature folder is read by impl-speckit, not as pages
exclude_patterns = ["_build", "demo/specs"]

# implplan-baseline.json approves the demo plan (PLAN_SYNC). It keeps one suspect
# item on purpose: TEST_A11Y was approved before NFR_007 was reworded, so its card
# and the demo's traceability view show the suspect link, and the build would warn.
# Only that family is silenced: an item edited since its approval still warns
# (implplan.changed). After editing an item of the demo, approve that item again
# (implplan approve example_docs --item ID); approving the whole plan would approve
# TEST_A11Y too, and the demo would lose its suspect item.
suppress_warnings = ["implplan.suspect"]
