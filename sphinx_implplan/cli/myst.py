"""Writing MyST directives as text, for the commands that write plans.

Directives are written with backtick fences, which MyST reads without any extension,
and each fence is one backtick longer than any fence inside its body, so a code
block in a body never closes the directive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_FENCE_RUN = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Directive:
    name: str
    argument: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""

    def option(self, name: str, value: str | None) -> None:
        """Add ``:name: value`` unless the value is empty."""
        if value is not None and value.strip():
            self.options.append((name, _one_line(value)))


def fence_for(body: str) -> str:
    longest = max((len(run) for run in _FENCE_RUN.findall(body) if run[0] == "`"), default=2)
    return "`" * max(3, longest + 1)


def render_directive(directive: Directive) -> str:
    """The directive as MyST text, ending with a newline."""
    body = directive.body.strip("\n")
    fence = fence_for(body)
    head = f"{fence}{{{directive.name}}}"
    if directive.argument.strip():
        head += f" {_one_line(directive.argument)}"
    lines = [head]
    lines.extend(f":{name}: {value}" for name, value in directive.options)
    if body:
        lines.extend(["", body])
    lines.append(fence)
    return "\n".join(lines) + "\n"


def render_directives(directives: Sequence[Directive]) -> str:
    """Directives one after another, a blank line between."""
    return "\n".join(render_directive(directive) for directive in directives)
