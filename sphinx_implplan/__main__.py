"""``python -m sphinx_implplan``: the ``implplan`` command line."""

from __future__ import annotations

from sphinx_implplan.cli import console_main

if __name__ == "__main__":
    console_main()
