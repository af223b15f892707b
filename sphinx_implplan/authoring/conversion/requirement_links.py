"""Requirement references in a converted plan's text become links, where the spec
the plan points to defines the id.

A phase's or a component's text (title, options, body with its deliverables) that
names a requirement gives it ``:implements:``, a test's text ``:verifies:``; a link
the item has already (an Implements column) stays. An id is found as people write
it: ``FR-001``, ``FR_001``, ``fr-001``, ``FR-1`` for ``FR-001``, and in the lists and
ranges :func:`~sphinx_implplan.speckit.requirement_ids.references` reads
(``(FR-034, FR-188)``, ``FR-056-063``, ``FR-101 through FR-110``); the link names it
as the spec writes it. An id of a spec without a number at its end (``REQ_LOGIN``)
is found only as written, and only where it holds a ``_``, a ``-`` or a digit: a
plain word (``login``) is no reference.

An id in inline code (```FR-001```) counts, as plans often set ids in code; one
in a code block (fenced or indented) does not: a block of code is an example or a
listing, not the plan's word. An id the text names with a prefix of the spec (or
``FR``, ``NFR``, ``SC``) that the spec does not define gets no link and one note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.markdown import parse
from sphinx_implplan.authoring.myst_writer import Directive
from sphinx_implplan.speckit.requirement_ids import DEFAULT_PREFIXES, references

#: directive -> the link its text gives
LINKED_ITEMS = {
    "impl-phase": "implements",
    "impl-component": "implements",
    "impl-test": "verifies",
}
#: options that are no text of the item
_NOT_TEXT = frozenset({"id", "implements", "verifies", "depends", "status", "plan"})
#: an id with a number at its end: prefix, number, a letter after it
_NUMBERED = re.compile(r"(.*?)-0*([0-9]+)([A-Za-z]?)")
#: a run of word characters and hyphens, which may hold an id
_RUN = re.compile(r"[A-Za-z0-9_-]+")
_SUFFIX = re.compile(r"(?<=[0-9])[A-Za-z](?=$|[-_])")
_SEPARATED = re.compile(r"[-_0-9.:]")


@dataclass(frozen=True)
class SpecIds:
    """The ids a spec defines, and the name the notes give it."""

    ids: tuple[str, ...]
    name: str = "the spec"
    #: numbered key -> the id as the spec writes it (the first of one key)
    numbered: dict[tuple[str, int, str], str] = field(init=False, compare=False)
    #: the ids without a number at their end, matched as written
    named: tuple[str, ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        numbered: dict[tuple[str, int, str], str] = {}
        named: list[str] = []
        for given in self.ids:
            key = _key(given)
            if key is None:
                # a plain word (``login``) would link every sentence saying it
                if _SEPARATED.search(given):
                    named.append(given)
            else:
                numbered.setdefault(key, given)
        object.__setattr__(self, "numbered", numbered)
        object.__setattr__(self, "named", tuple(named))

    @property
    def prefixes(self) -> frozenset[str]:
        """The prefixes references are looked for with: the spec's and the usual."""
        return frozenset({*DEFAULT_PREFIXES, *(prefix for prefix, _, _ in self.numbered)})


#: what ``convert`` asks for the plan's ``:spec:`` value (``None`` without one): the
#: spec's ids, or ``None`` when there is no spec to read
SpecLookup = Callable[[str | None], SpecIds | None]


def _key(given: str) -> tuple[str, int, str] | None:
    match = _NUMBERED.fullmatch(given.upper().replace("_", "-"))
    if match is None or not match.group(1) or len(match.group(2)) > 9:
        return None
    return match.group(1), int(match.group(2)), match.group(3).lower()


def _normal_run(run: str) -> str:
    """A run holding a digit, as the spec's ids are keyed: upper case, ``_`` as ``-``,
    a letter after the number in lower case; the same length, so lines keep their
    places. Separators at its ends stay (``_FR_001_`` is emphasis)."""
    core = run.strip("_-")
    if not core or not any(char.isdigit() for char in core):
        return run
    head = run[: len(run) - len(run.lstrip("_-"))]
    tail = run[len(head) + len(core) :]
    normal = core.upper().replace("_", "-")
    normal = _SUFFIX.sub(lambda match: match.group(0).lower(), normal)
    return head + normal + tail


def _normal_text(text: str) -> str:
    return _RUN.sub(lambda match: _normal_run(match.group(0)), text)


def without_code_blocks(text: str) -> str:
    """``text`` without its fenced and indented code blocks (a directive's fence, as
    a rubric's, stays)."""
    lines = text.split("\n")
    for node in parse(text).walk():
        if node.type == "code_block" or (
            node.type == "fence" and not node.info.strip().startswith("{")
        ):
            start, end = node.map or (0, 0)
            for number in range(start, min(end, len(lines))):
                lines[number] = ""
    return "\n".join(lines)


def named_ids(text: str, spec: SpecIds) -> tuple[list[str], list[str]]:
    """The ids ``text`` names that the spec defines (as the spec writes them), and
    those it names with a prefix of the spec but the spec does not define (as the
    text's prefix and number give them), each in order, once."""
    normal = _normal_text(text)
    known: list[str] = []
    unknown: list[str] = []
    for found in references(normal, spec.prefixes):
        key = _key(found)
        defined = spec.numbered.get(key) if key is not None else None
        if defined is not None:
            known.append(defined)
        else:
            unknown.append(found)
    known += [
        given for given in spec.named if re.search(rf"(?<![\w-]){re.escape(given)}(?![\w-])", text)
    ]
    return list(dict.fromkeys(known)), list(dict.fromkeys(unknown))


def item_text(directive: Directive) -> str:
    """The text of an item its references are read from: title, text options, body
    without its code blocks."""
    options = [value for name, value in directive.options if name not in _NOT_TEXT]
    return "\n\n".join([directive.argument, *options, without_code_blocks(directive.body)])


def add_links(directive: Directive, link: str, ids: Iterable[str]) -> None:
    """``ids`` added to the item's ``link`` option, after those it has."""
    for index, (name, value) in enumerate(directive.options):
        if name == link:
            present = [part.strip() for part in value.split(",") if part.strip()]
            keys = {_key(part) or part for part in present}
            added = [one for one in ids if (_key(one) or one) not in keys]
            directive.options[index] = (name, ", ".join(dict.fromkeys([*present, *added])))
            return
    directive.option(link, ", ".join(dict.fromkeys(ids)))


def link_requirements(conversion: Conversion, spec: SpecIds) -> None:
    """Give each phase, component and test of the plan the links its text names. The
    ids an item names that the spec does not define, and no item before it named, are
    one note at the first line naming one."""
    if not spec.ids:
        return
    noted: set[str] = set()
    for replacement in sorted(conversion.replacements, key=lambda found: found.start):
        for directive in replacement.directives:
            link = LINKED_ITEMS.get(directive.name)
            if link is None:
                continue
            known, unknown = named_ids(item_text(directive), spec)
            if known:
                add_links(directive, link, known)
            new = [found for found in unknown if found not in noted]
            if not new:
                continue
            noted.update(new)
            line = _first_line(conversion.lines, replacement.start, replacement.end, new)
            which = "such requirement" if len(new) == 1 else "such requirements"
            conversion.note(
                line, f"{_runs(new)} named, but {spec.name} defines no {which}: not linked"
            )


def _runs(ids: list[str]) -> str:
    """``FR-011 through FR-110, NFR-9``: runs of consecutive numbers of one prefix
    written by their ends."""
    groups: list[list[str]] = []
    for found in ids:
        key, last = _key(found), _key(groups[-1][-1]) if groups else None
        if (
            key is not None
            and last is not None
            and not key[2]
            and not last[2]
            and key[:2] == (last[0], last[1] + 1)
        ):
            groups[-1].append(found)
        else:
            groups.append([found])
    return ", ".join(
        group[0] if len(group) == 1 else f"{group[0]} through {group[-1]}" for group in groups
    )


def _first_line(lines: list[str], start: int, end: int, wanted: list[str]) -> int:
    prefixes = {found.rpartition("-")[0] for found in wanted}
    for number in range(start, min(end, len(lines))):
        if set(wanted) & set(references(_normal_text(lines[number]), prefixes)):
            return number
    return start
