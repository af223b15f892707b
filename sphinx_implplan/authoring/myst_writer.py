"""Writing MyST directives as text, for the commands that write plans.

Directives are written with backtick fences, which MyST reads without any extension,
or with tilde fences where the title holds a backtick, which a backtick fence cannot
carry; each fence is one mark longer than any fence of the same mark inside its body,
so a code block in a body never closes the directive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_FENCE_RUN = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
#: an option value MyST reads as written: MyST parses option values as a small YAML,
#: where ``#`` starts a comment and a leading quote, ``|``, ``>`` or ``[`` has meaning
_PLAIN_VALUE = re.compile(r"[\w(./<][^#\"\\]*")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def option_value(text: str) -> str:
    """``text`` on one line, double-quoted (YAML escapes) unless it reads as written."""
    value = _one_line(text)
    if _PLAIN_VALUE.fullmatch(value):
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


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

    def rendered_options(self) -> list[str]:
        return [f":{name}: {option_value(value)}" for name, value in self.options]


def fence_for(body: str, argument: str = "") -> str:
    """Backticks, one more than the longest backtick fence in the body; tildes, one
    more than the longest tilde fence, where the argument holds a backtick: CommonMark
    takes no backtick fence whose info string holds one, and the directive and every
    item after it would become a code block."""
    mark = "~" if "`" in argument else "`"
    longest = max((len(run) for run in _FENCE_RUN.findall(body) if run[0] == mark), default=2)
    return mark * max(3, longest + 1)


def render_directive(directive: Directive) -> str:
    """The directive as MyST text, ending with a newline."""
    body = directive.body.strip("\n")
    fence = fence_for(body, directive.argument)
    head = f"{fence}{{{directive.name}}}"
    if directive.argument.strip():
        head += f" {_one_line(directive.argument)}"
    lines = [head]
    lines.extend(directive.rendered_options())
    if body:
        lines.extend(["", body])
    lines.append(fence)
    return "\n".join(lines) + "\n"


def render_directives(directives: Sequence[Directive]) -> str:
    """Directives one after another, a blank line between."""
    return "\n".join(render_directive(directive) for directive in directives)
