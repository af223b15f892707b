"""The plan skeleton that ``implplan new`` writes. No Sphinx imports.

The skeleton's text is the packaged template ``templates/plan-skeleton.md``. It
follows the sections of the seed plan template, from the approach summary to the
references, each opening with a sentence or two of guidance for the author, and
holds the ``impl-plan`` header, one or two example items of every other type, and
the four views where a reader looks for them. This module fills it in for one plan
(the ids, made from the title or the id given, the spec and the date), wraps the
prose, and writes each directive through :mod:`~sphinx_implplan.authoring.myst_writer`,
which sizes the fences and quotes the option values.

The template is parsed before anything is filled in, and each placeholder is replaced
once, with :class:`string.Template`: a title or spec is written as given, never read
as template or as MyST.

The skeleton builds without a warning: its links only point at its own items, never
at requirement ids, which it cannot know; the guidance names the link options to add
instead. It uses backtick fences only, which MyST reads without ``colon_fence``.
"""

from __future__ import annotations

import datetime
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from itertools import takewhile
from string import Template

from sphinx_implplan.authoring.item_ids import IdMaker, plan_id_for, plan_key
from sphinx_implplan.authoring.myst_writer import Directive, fence_for, render_directive

#: how the header's guidance ends when the plan is made without a spec
_ADD_A_SPEC = ", and add `:spec:` with the document that holds the requirements."

#: the width prose is wrapped at, so that the file reads well in an editor and a diff
_WIDTH = 80
_CODE_SPAN = re.compile(r"`[^`]+`")

_FENCE = re.compile(
    r"(?P<fence>`{3,})(?:\{(?P<directive>[\w-]+)\}\s*(?P<argument>.*)|(?P<language>\w*))"
)
_HEADING = re.compile(r"(?P<marks>#{1,6}) (?P<text>.*)")
_OPTION = re.compile(r":(?P<name>[\w-]+):\s*(?P<value>.*)")


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str


@dataclass(frozen=True)
class _Paragraph:
    text: str


@dataclass(frozen=True)
class _CodeBlock:
    language: str
    body: str


@dataclass(frozen=True)
class _Item:
    """A directive of the template, its argument, option values and body unfilled."""

    directive: str
    argument: str
    options: tuple[tuple[str, str], ...]
    body: str

    @property
    def id_name(self) -> str | None:
        """``phase_1`` for ``:id: $phase_1``: the placeholder the item's id fills."""
        value = dict(self.options).get("id", "")
        name = value.removeprefix("$")
        return name if value.startswith("$") and name.isidentifier() else None


_Block = _Heading | _Paragraph | _CodeBlock | _Item


def _wrap(paragraph: str) -> str:
    # the template's line breaks do not count. A code span stays on one line (its
    # spaces are held apart while wrapping), and no line breaks at a hyphen: a line
    # must never start with "- " (a list item)
    held = _CODE_SPAN.sub(lambda span: span[0].replace(" ", "\0"), " ".join(paragraph.split("\n")))
    text = textwrap.fill(held, _WIDTH, break_long_words=False, break_on_hyphens=False)
    return text.replace("\0", " ")


def _fenced(opening: re.Match[str], content: list[str]) -> _CodeBlock | _Item:
    if not opening["directive"]:
        return _CodeBlock(opening["language"], "\n".join(content))
    options: list[tuple[str, str]] = []
    for line in content:
        if not (option := _OPTION.fullmatch(line)):
            break
        options.append((option["name"], option["value"]))
    body = "\n".join(content[len(options) :]).strip("\n")
    return _Item(opening["directive"], opening["argument"], tuple(options), body)


def _parse(template: str) -> tuple[_Block, ...]:
    """The template's blocks, a blank line apart; ``%`` lines between them are comments."""
    blocks: list[_Block] = []
    lines = iter(template.splitlines())
    for line in lines:
        if not line.strip() or line.startswith("%"):
            continue
        if opening := _FENCE.fullmatch(line):
            closing = opening["fence"]
            blocks.append(_fenced(opening, list(takewhile(closing.__ne__, lines))))
        elif heading := _HEADING.fullmatch(line):
            blocks.append(_Heading(len(heading["marks"]), heading["text"]))
        else:
            blocks.append(_Paragraph("\n".join([line, *takewhile(str.strip, lines)])))
    return tuple(blocks)


def _render(block: _Block, fill: Callable[[str], str]) -> str:
    match block:
        case _Heading(level, text):
            return f"{'#' * level} {fill(text)}"
        case _Paragraph(text):
            return _wrap(fill(text))
        case _CodeBlock(language, body):
            body = fill(body)
            fence = fence_for(body)
            return f"{fence}{language}\n{body}\n{fence}"
        case _Item(directive_name, argument, options, body):
            # a body of prose is wrapped; a list (the deliverables) is kept as written
            body = fill(body)
            if not body.startswith("- "):
                body = _wrap(body)
            directive = Directive(directive_name, fill(argument), body=body)
            for option, value in options:
                directive.option(option, fill(value))  # an empty value is left out
            return render_directive(directive).rstrip("\n")


#: the skeleton's text, placeholders and all: the comments at its top describe them
_TEMPLATE_FILE = resources.files("sphinx_implplan.authoring") / "templates" / "plan-skeleton.md"
_TEMPLATE = _parse(_TEMPLATE_FILE.read_text(encoding="utf-8"))

#: the section headings under the title in order, as (level, heading)
SECTIONS: tuple[tuple[int, str], ...] = tuple(
    (block.level, block.text)
    for block in _TEMPLATE
    if isinstance(block, _Heading) and block.level > 1
)


def skeleton(title: str, *, plan_id: str | None, spec: str | None, today: datetime.date) -> str:
    """The MyST text of a new plan titled ``title``, dated ``today``.

    ``plan_id`` defaults to one made from the title; ``spec`` is written into the
    plan's ``:spec:`` as given (a document relative to the plan's file).
    """
    title = " ".join(title.split())
    # the item key comes from an id given by hand, else from the title's initials
    ids = IdMaker(plan_key(title, plan_id))
    plan_id = plan_id or plan_id_for(title)
    ids.reserve(plan_id)
    values = {
        "title": title,
        "plan_id": plan_id,
        "spec": spec or "",
        "today": today.isoformat(),
        "spec_advice": "." if spec else _ADD_A_SPEC,
    }
    # numbered, not named ids: the example titles are meant to be replaced
    for block in _TEMPLATE:
        if isinstance(block, _Item) and block.id_name and block.id_name not in values:
            values[block.id_name] = ids.numbered(block.directive)

    def fill(text: str) -> str:
        return Template(text).substitute(values)

    return "\n\n".join(_render(block, fill) for block in _TEMPLATE) + "\n"
