"""Phases (``### Phase N: Name`` with ``**Goal**:`` and checklists), and the dates a
schedule attaches to the phase it names (:mod:`.phase_references`).

A phase takes its whole section (:mod:`.phase_sections` says which headings are
phases): its subheadings become bold lines and its thematic breaks go, since a
directive holds neither, and the breaks at its end stay after it. Its schedule lines
(``When:``, ``ETA:``, :mod:`.phase_labels`) give their options first, then the
timeline, a schedule table or a gantt chart (:mod:`.phase_schedules`); a span in its
title (:mod:`.phase_title_spans`) gives what none of them gave, and the events its
lines date (:mod:`.phase_events`) what none of those gave. Risks set apart at its
end (:mod:`.phase_trailing_risks`) are left after it.
"""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion, Phase, add_fields
from sphinx_implplan.authoring.conversion.markdown import (
    ADMONITIONS,
    Label,
    Section,
    Text,
    list_items,
    paragraph_labels,
    span,
)
from sphinx_implplan.authoring.conversion.pandoc_tables import two_column_rows
from sphinx_implplan.authoring.conversion.phase_labels import (
    ScheduleLine,
    label_segments,
    schedule_lines,
    span_lines,
)
from sphinx_implplan.authoring.conversion.phase_references import phase_of
from sphinx_implplan.authoring.conversion.phase_risk_callouts import phase_risk
from sphinx_implplan.authoring.conversion.phase_spans import span_in_title
from sphinx_implplan.authoring.conversion.phase_trailing_risks import trailing_risks
from sphinx_implplan.authoring.conversion.risk_admonitions import admonition_end
from sphinx_implplan.authoring.conversion.written_dates import names_a_date
from sphinx_implplan.authoring.myst_writer import Directive, render_directive
from sphinx_implplan.plan.values import InvalidValue, parse_duration

#: label -> (option, check) of the ``**Label**: value`` lines a phase may hold
_PHASE_LABELS: dict[str, tuple[str, checks.Check]] = {
    "goal": ("goal", checks.text),
    "objective": ("goal", checks.text),
    "doel": ("goal", checks.text),
    "objetivo": ("goal", checks.text),
    "start": ("start", checks.date),
    "starts": ("start", checks.date),
    "end": ("end", checks.date),
    "ends": ("end", checks.date),
    "duration": ("duration", checks.duration),
    "duur": ("duration", checks.duration),
    "dura\u00e7\u00e3o": ("duration", checks.duration),
    "status": ("status", checks.phase_status),
}
_DEPENDS_LABELS = frozenset({"depends on", "depends", "dependencies", "after"})
Values = list[tuple[str, str]]
_LIST_MARKER = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])\s+")
_TASK_BOX = re.compile(r"\[[ xX]\]\s")
#: the blocks a phase may set a risk apart in
_CALLOUTS = frozenset({"blockquote", *ADMONITIONS})


def convert_phase(conversion: Conversion, section: Section) -> None:
    """The phase of ``section``, which takes its whole section, and the phases of
    other numbers nested in it, each up to the next."""
    nodes = list(section.nodes())
    for phase_section, end in _ranges(conversion, section, section.end):
        _convert_one(conversion, phase_section, end, nodes)


def _ranges(conversion: Conversion, section: Section, end: int) -> list[tuple[Section, int]]:
    nested = [sub for sub in section.subsections if sub.start in conversion.phase_titles]
    found = [(section, nested[0].start if nested else end)]
    for index, sub in enumerate(nested):
        found += _ranges(conversion, sub, nested[index + 1].start if sub is not nested[-1] else end)
    return found


def phase_id(conversion: Conversion, number: str) -> str:
    if number.isdigit() and len(number) <= 9:
        return conversion.ids.numbered("impl-phase", int(number))
    return conversion.ids.named("impl-phase", number)


def _convert_one(
    conversion: Conversion, section: Section, end: int, nodes: list[SyntaxTreeNode]
) -> None:
    """Lines ``[heading, end)`` become the phase: subheadings as bold lines, thematic
    breaks left out, and those at its end kept after it (a directive holds neither)."""
    title = conversion.phase_titles[section.start]
    first_risks = not conversion.counts["impl-risk"]
    directive = conversion.item("impl-phase", title.title, phase_id(conversion, title.number))
    span_written = title.span or span_in_title(
        title.title, conversion.sprint_days, conversion.plan_year
    )
    if span_written is None and title.word == "sprint" and conversion.sprint_days:
        # ``Sprint 4`` lasts a sprint, where the plan says how long one is
        days = conversion.sprint_days
        weeks = days // 7
        span_written = f"{weeks} week{'s' * (weeks != 1)}" if days % 7 == 0 else f"{days} days"
    # a phase found by its shape (``Wave 2``) answers to no bare ``2`` or ``Phase 2``
    series = title.word.startswith("series")
    phase_number = f"{title.word}:{title.number}" if series else title.number
    phase = Phase(phase_number, title.name, directive, span_written)
    inner = [node for node in nodes if section.body_start <= span(node)[0] < end]
    stop = end
    while inner and inner[-1].type == "hr":
        stop = span(inner.pop())[0]
    # the plan's risks set apart after the phase's work are no part of it
    risks_at = trailing_risks(inner, conversion.lines)
    if risks_at < len(inner):
        stop = span(inner[risks_at])[0]
        del inner[risks_at:]
        while inner and inner[-1].type == "hr":
            stop = span(inner.pop())[0]
    body = _Body()
    fields: list[tuple[str, Text]] = []
    depends_texts: list[Label] = []
    lines = conversion.lines
    position = section.body_start
    for block in inner:
        start, block_end = span(block)
        body.add("".join(lines[position:start]))
        position = block_end
        if block.type == "heading":
            body.subheading(block)
        elif block.type == "paragraph":
            for number, label in zip(
                range(start, block_end), paragraph_labels(block, lines), strict=True
            ):
                if label is not None and label.name in _DEPENDS_LABELS:
                    depends_texts.append(label)
                elif label is None or not _label_option(conversion, directive, label, fields):
                    bare = block is inner[0]
                    read_schedule_line(conversion, directive, lines[number], number, bare=bare)
                    body.add(lines[number])
        elif block.type in _CALLOUTS and (risk := phase_risk(conversion, block)) is not None:
            # a blank line after it, where the block's own was taken with it
            body.add(risk if lines[block_end - 1].strip() else risk + "\n")
            position = admonition_end(conversion, block)  # a div's closing fence too
        elif block.type != "hr":
            if block.type in {"bullet_list", "ordered_list"}:
                read_schedule_items(conversion, directive, block)
            elif block.type == "code_block":
                # a Word plan's table of the phase's particulars (``Timeframe  ...``)
                for number, row in two_column_rows(lines[start:block_end], start):
                    read_schedule_line(conversion, directive, row, number)
            elif block.type in ADMONITIONS:
                # an admonition saying when (``!!! info "Schedule"``) stays as written;
                # leading the phase, it may say it with no label, as a paragraph may
                bare = block is inner[0]
                for child in block.children:
                    if child.type in {"paragraph", "admonition_title"}:
                        for number in range(*span(child)):
                            line = lines[number]
                            read_schedule_line(conversion, directive, line, number, bare=bare)
                    elif child.type in {"bullet_list", "ordered_list"}:
                        read_schedule_items(conversion, directive, child)
            body.add("".join(lines[start:block_end]))
    body.add("".join(lines[position:stop]))
    directive.body = body.text()
    add_fields(directive, fields)
    status = "done" if title.done else title.status
    if status and all(name != "status" for name, _ in directive.options):
        directive.option("status", status)
    if title.tags:
        directive.option("tags", ", ".join(title.tags))
    conversion.phases.append(phase)
    conversion.phase_depends.append((phase, depends_texts))
    # the plan's first risks, inside this phase: the heat map follows the phase
    made_risks = first_risks and conversion.counts["impl-risk"] > 0
    after = [Directive("impl-risk-matrix")] if made_risks else []
    conversion.replace(section.start, stop, [directive, *after])


def _label_option(
    conversion: Conversion, directive: Directive, label: Label, fields: list[tuple[str, Text]]
) -> bool:
    """Whether a ``**Goal**:`` line became an option or a field; ``False`` keeps it in
    the body (another label, a second line for one option, or a schedule in words
    that :func:`read_schedule_line` reads where it stands)."""
    if label.name not in _PHASE_LABELS:
        return False
    option, check = _PHASE_LABELS[label.name]
    if any(name == option for name, _ in directive.options):
        return False
    raw_line = conversion.lines[label.line]
    found = schedule_lines(raw_line, label.line)
    scheduled = any(_schedule_values(conversion, one) for one in found)
    value = check(label.value.plain)
    # ``**Start:** 6 April 2027 \u00b7 **End:** 30 April 2027``: a line of several
    # labels stays whole, each of its schedule labels read where it stands
    several = len(label_segments(raw_line)) > 1
    if scheduled and (several or (value is None and option in _SCHEDULE_OPTIONS)):
        return False
    if value is None or label.value.rich:
        fields.append((label.name.capitalize(), label.value))
    if value is not None:
        directive.option(option, value)
    return True


_SCHEDULE_OPTIONS = frozenset({"start", "end", "duration"})


def _schedule_values(conversion: Conversion, found: ScheduleLine) -> Values:
    return found.values(conversion.sprint_days, conversion.plan_year, conversion.anchors())


def read_schedule_line(
    conversion: Conversion, directive: Directive, raw_line: str, line: int, *, bare: bool = False
) -> None:
    """The options a ``When:``, ``ETA:`` or ``Target date:`` line gives, each of its
    labels in turn (``Start: 2027-03-01 | End: 2027-03-19``); the line stays as
    written, and so does one whose value is no span or date, with a note where it
    names a month or a year."""
    found_lines = schedule_lines(raw_line, line)
    if bare and not found_lines:
        # the phase's first paragraph may be only its spans, unlabelled
        found_lines = span_lines(raw_line, line, conversion.sprint_days, conversion.plan_year)
    for found in found_lines:
        _read_schedule_label(conversion, directive, found, line)


def _read_schedule_label(
    conversion: Conversion, directive: Directive, found: ScheduleLine, line: int
) -> None:
    values = _schedule_values(conversion, found)
    if not values:
        if names_a_date(found.value.plain):
            conversion.note(
                line, f"{found.label} kept as written: {found.value.plain!r} is no span or date"
            )
        return
    present = dict(directive.options)
    for name, value in values:
        if name not in present:
            directive.option(name, value)
        elif not _same_value(name, present[name], value):
            conversion.note(
                line,
                f"{found.label} kept as written: {directive.argument!r} has :{name}: "
                f"{present[name]}, not {value}",
            )


def read_schedule_items(
    conversion: Conversion, directive: Directive, block: SyntaxTreeNode
) -> None:
    """``- Target: March 2027``: a list item of the phase that says when it runs;
    a task (``- [ ] Due: ...``) is the task's own."""
    for item in list_items(block, conversion.lines):
        if item.text is None or _TASK_BOX.match(item.text.raw):
            continue
        first = _LIST_MARKER.sub("", conversion.lines[item.start], count=1)
        read_schedule_line(conversion, directive, first, item.start)


class _Body:
    """A phase's body as it is put together: text, and subheadings as bold lines
    with a blank line on each side."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.after_heading = False

    def add(self, text: str) -> None:
        if not text:
            return
        if self.after_heading and text.split("\n", 1)[0].strip():
            self.parts.append("\n")
        self.after_heading = False
        self.parts.append(text)

    def subheading(self, heading: SyntaxTreeNode) -> None:
        raw = " ".join(heading.children[0].content.split()) if heading.children else ""
        if not raw:
            return
        written = "".join(self.parts).rstrip(" ")
        if written.strip() and not written.endswith("\n\n"):
            self.parts.append("\n" if written.endswith("\n") else "\n\n")
        if "*" in raw or raw.endswith("\\"):
            # emphasis of its own: a rubric reads the title's Markdown as written
            self.parts.append(render_directive(Directive("rubric", raw)))
        else:
            self.parts.append(f"**{raw}**\n")
        self.after_heading = True

    def text(self) -> str:
        return "".join(self.parts).strip("\n")


def link_depends(conversion: Conversion) -> None:
    """``**Depends on**: Phase 1`` once every phase is known and has its schedule
    (:mod:`.phase_title_spans`)."""
    for phase, labels in conversion.phase_depends:
        for label in labels:
            targets = [
                phase_of(conversion, part) for part in re.split(r",|\band\b", label.value.plain)
            ]
            given = any(name == "depends" for name, _ in phase.directive.options)
            if targets and all(targets) and not given:
                ids = [dict(target.directive.options)["id"] for target in targets if target]
                phase.directive.option("depends", ", ".join(ids))
            elif given:
                add_fields(phase.directive, [("Depends on", label.value)])
                conversion.note(
                    label.line, "depends kept as text: the phase names its depends once"
                )
            else:
                add_fields(phase.directive, [("Depends on", label.value)])
                conversion.note(label.line, "depends kept as text: it names no known phase")


def attach_schedule(conversion: Conversion, phase: Phase, values: Values, line: int) -> bool:
    """Set the phase's schedule options from a timeline entry at ``line``; one its own
    lines gave already is taken as given when the value is the same, and keeps the
    entry (with a note) otherwise."""
    present = dict(phase.directive.options)
    if not values:
        return False
    for name, value in values:
        if name in present and not _same_value(name, present[name], value):
            conversion.note(
                line,
                f"timeline entry kept: {phase.directive.argument!r} has :{name}: "
                f"{present[name]}, not {value}",
            )
            return False
    for name, value in values:
        if name not in present:
            phase.directive.option(name, value)
            present[name] = value
    return True


def _same_value(name: str, one: str, other: str) -> bool:
    if name == "duration":
        try:
            return parse_duration(one) == parse_duration(other)
        except InvalidValue:
            return False
    return one == other
