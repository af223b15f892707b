"""Implementation plans as sphinx-needs items: phases, risks, decisions and more."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    # imported here so that ``import sphinx_implplan`` stays cheap for the command line
    from sphinx_implplan.extension import setup_extension

    return setup_extension(app, __version__)
