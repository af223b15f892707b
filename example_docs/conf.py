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

# the demo's spec-kit feature folder is read by impl-speckit, not as pages
exclude_patterns = ["_build", "demo/specs"]
