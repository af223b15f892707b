"""What every directive of the extension shares: it takes its options as text and
judges them itself, and reports each problem at its own line.

docutils would drop a whole rST directive for one unknown option, and MyST skips
it, while the contract keeps every item and view and warns at its line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_implplan.diagnostics import Subtype
from sphinx_implplan.read.warning_replay import note_read_warning


class AnyOption(dict[str, Callable[[str | None], str]]):
    """An option spec that takes every option as text, so that ``run`` judges them."""

    def __bool__(self) -> bool:
        # MyST reads an empty spec as "takes no options" and would parse them as body
        return True

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Callable[[str | None], str]:
        return directives.unchanged


class ImplPlanDirective(SphinxDirective):
    """A directive whose argument is a title or caption and whose options are read
    in ``run``."""

    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[AnyOption] = AnyOption()  # type: ignore[assignment]

    @property
    def source_line(self) -> int:
        """The directive's line in its file (MyST and rST alike)."""
        _, line = self.get_source_info()
        return line or self.lineno

    def problem(self, subtype: Subtype, message: str) -> None:
        note_read_warning(self.env, subtype, f"{self.name}: {message}", self.source_line)
