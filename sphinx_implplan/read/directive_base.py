"""What every directive of the extension shares: it takes its options as text and
judges them itself, and reports each problem at its own line.

docutils would drop a whole rST directive for one unknown option, and MyST skips
it, while the contract keeps every item and view and warns at its line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_implplan.diagnostics import Subtype
from sphinx_implplan.read.domain import get_domain
from sphinx_implplan.read.warning_replay import note_read_warning

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


#: while ``impl-speckit`` parses what it read, the spec-kit file (an absolute path) the
#: text being parsed comes from; its lines are that file's
READ_FROM_KEY = "implplan_read_from"


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

    @property
    def included_file(self) -> str | None:
        """The file the directive stands in, as an absolute path, where that is a file
        the document includes (``{include}``, ``.. include::``); ``None`` in the
        document's own file. ``source_line`` is a line of this file. Inside
        ``impl-speckit``, the spec-kit file the item was read from."""
        read_from = self.env.temp_data.get(READ_FROM_KEY)
        if isinstance(read_from, str):
            return read_from
        return included_file(self.env, self.get_source_info()[0])

    def note_included_item(self, item_id: str) -> None:
        """Keep the included file the item ``item_id`` stands in, if it stands in one,
        for the warnings about it given once every document is read."""
        if (path := self.included_file) is not None:
            get_domain(self.env).included.setdefault(self.env.docname, {})[item_id] = path

    @property
    def subject(self) -> str:
        """What a warning of the directive names first: the directive (``impl-table``);
        an item names its id where it has one."""
        return self.name

    def problem(self, subtype: Subtype, message: str) -> None:
        note_read_warning(
            self.env, subtype, f"{self.subject}: {message}", self.source_line, self.included_file
        )


def included_file(env: BuildEnvironment, source: str | None) -> str | None:
    """``source``, a directive's file as docutils names it (relative to the working
    folder for an rST include), made absolute, unless it is the current document's
    own file or no file at all (text that a directive generated)."""
    if not source:
        return None
    path = os.path.normpath(Path(source).absolute())
    if path == os.path.normpath(env.doc2path(env.docname)) or not Path(path).is_file():
        return None
    return path
