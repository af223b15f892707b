"""A spec-kit feature folder written once as MyST files, for ``implplan convert FOLDER
-o OUTDIR``. No Sphinx imports.

The items are the ones ``impl-speckit`` makes (:mod:`.speckit_mapping`, one mapping),
so the converted folder builds to the same needs and the same coverage. Each file is
written again with every line kept; the lines an item was read from move into its
directive where that can be done without changing what the rest of the file means:

- a requirement, success criterion or key entity written as a list item (or a line
  of a paragraph) at the top of the file's structure: the directive takes its place,
  its text the body (the ``**FR-001**:`` label aside: it is the id);
- a phase, research topic, entity of ``data-model.md`` or contract endpoint written as
  a heading: the heading stays, and the directive takes the section under it as its
  body, subheadings as bold lines (a directive holds no section) and thematic breaks
  left out (docutils allows none there);
- every other item (stack entries, considerations, Complexity Tracking rows, tests,
  and any of the above written otherwise) follows the block it was read from, which
  stays as written.

The plan directive follows ``plan.md``'s title (a ``plan.md`` is made where the
folder has none), and every item of another file names the plan with ``:plan:``.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from sphinx_implplan.authoring.myst_writer import Directive, render_directive
from sphinx_implplan.authoring.speckit_mapping import Block, feature_blocks, plan_id_of
from sphinx_implplan.speckit.markdown_blocks import front_matter_end, split_lines
from sphinx_implplan.speckit.records import Feature, Problem

SPEC, PLAN = "spec.md", "plan.md"
#: the file listing the converted pages, where the folder has none of that name
INDEX = "index.md"
#: the items whose lines their directive replaces when written as a heading
_SECTION_ITEMS = frozenset({"impl-phase", "impl-decision", "impl-entity", "impl-endpoint"})
#: the items whose lines their directive replaces when written as a list item or line
_LINE_ITEMS = frozenset({"impl-metric", "impl-entity"})
_BLOCKS = MarkdownIt("commonmark").enable("table").disable("inline")
_LIST_MARKER = re.compile(r"^ {0,3}(?:[-+*]|[0-9]{1,9}[.)])(?: +|$)")
_CHECKBOX = re.compile(r"^(\s*(?:[-+*]|[0-9]{1,9}[.)])\s+)\[[ xX]\]\s*")
#: an ATX heading's marks
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
_LABEL = re.compile(r"^\*\*(?P<label>[^*]+?)\s*:?\*\*\s*:?\s*")


@dataclass(frozen=True)
class ConvertedFeature:
    plan_id: str
    #: the text of each file written, by name relative to the output folder
    files: dict[str, str]
    #: how many items of each directive were made
    counts: dict[str, int]
    #: what the reader could not read as meant, as ``impl-speckit`` warns about it
    problems: tuple[Problem, ...]


@dataclass
class _Layout:
    """The top level of a file's structure, as markdown-it reads it: where each block,
    list item, paragraph and heading starts and ends (lines from 0)."""

    lines: list[str]
    #: (start, end) of each block at the top level, in order
    blocks: list[tuple[int, int]] = field(default_factory=list)
    items: dict[int, int] = field(default_factory=dict)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    #: start -> (end of the heading's own lines, level, its inline text)
    headings: dict[int, tuple[int, int, str]] = field(default_factory=dict)
    breaks: set[int] = field(default_factory=set)
    #: the level each top-level heading is written at, so that none skips a level
    levels: dict[int, int] = field(default_factory=dict)

    def block_end(self, line: int) -> int:
        """The end of the top-level block holding ``line``, else the next line."""
        index = bisect_right(self.blocks, (line, len(self.lines) + 1)) - 1
        if index >= 0 and self.blocks[index][0] <= line < self.blocks[index][1]:
            return self.blocks[index][1]
        return line + 1

    def section_end(self, start: int) -> int:
        """Where the section of the heading at ``start`` ends: at the next heading of
        its level or a higher one."""
        level = self.headings[start][1]
        later = (line for line in sorted(self.headings) if line > start)
        return next((line for line in later if self.headings[line][1] <= level), len(self.lines))


def _layout(text: str) -> _Layout:
    lines = split_lines(text)
    layout = _Layout(lines)
    # a YAML front matter block is no Markdown: its lines are read as blank
    skipped = front_matter_end(lines)
    parsed = [""] * skipped + lines[skipped:]
    tokens = _BLOCKS.parse("\n".join(parsed))
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        start, end = token.map
        if token.level == 0 and token.nesting >= 0:
            layout.blocks.append((start, end))
        if token.type == "list_item_open" and token.level == 1:
            layout.items[start] = end
        elif token.level == 0 and token.type == "paragraph_open":
            layout.paragraphs.append((start, end))
        elif token.level == 0 and token.type == "heading_open":
            layout.headings[start] = (end, int(token.tag[1:]), tokens[index + 1].content)
        elif token.level == 0 and token.type == "hr":
            layout.breaks.add(start)
    # (level as written, level written) of the headings the current one stands under
    open_headings: list[tuple[int, int]] = []
    for start in sorted(layout.headings):
        level = layout.headings[start][1]
        while open_headings and open_headings[-1][0] >= level:
            open_headings.pop()
        written = min(level, open_headings[-1][1] + 1 if open_headings else 1)
        layout.levels[start] = written
        open_headings.append((level, written))
    return layout


def _without_label(text: str, names: set[str]) -> str:
    """``text`` without a leading ``**FR-001**:`` whose label is one of ``names``."""
    match = _LABEL.match(text)
    if match and match.group("label").strip() in names:
        return text[match.end() :]
    return text


def _item_body(lines: list[str]) -> list[str]:
    """A list item's lines as they read outside the list: the marker gone and its
    continuation lines out-dented."""
    marker = _LIST_MARKER.match(lines[0])
    width = marker.end() if marker else 0
    body = [lines[0][width:]]
    for line in lines[1:]:
        indent = len(line) - len(line.lstrip(" "))
        body.append(line[min(indent, width) :])
    return body


@dataclass
class _Placed:
    """Where the blocks of one file go: directives replacing the lines
    ``[start, end)``, and directives written after a line."""

    spans: dict[int, tuple[int, str]] = field(default_factory=dict)
    after: dict[int, list[str]] = field(default_factory=dict)

    def covering(self, line: int) -> int | None:
        """The end of the replaced lines holding ``line``."""
        for start, (end, _) in self.spans.items():
            if start <= line < end:
                return end
        return None

    def free(self, start: int, end: int) -> bool:
        return all(
            end <= other or start >= other_end for other, (other_end, _) in self.spans.items()
        )


class _FileWriter:
    def __init__(
        self, text: str, plan_id: str, id_prefix: str, own_plan: bool, task_lines: set[int]
    ) -> None:
        self.layout = _layout(text)
        #: the lines (from 0) the reader read a task from: another checkbox of a phase
        #: is one it left out (and warned about), which is no deliverable here either
        self.task_lines = task_lines
        self.plan_id = plan_id
        self.id_prefix = id_prefix
        #: whether the file holds the plan, so its items need no ``:plan:``
        self.own_plan = own_plan
        self.placed = _Placed()

    def directive_text(self, directive: Directive, body: list[str] | None) -> str:
        options = list(directive.options)
        if (
            not self.own_plan
            and directive.name.startswith("impl-")
            and directive.name != "impl-plan"
        ):
            options.append(("plan", self.plan_id))
        changed = dataclasses.replace(directive, options=options)
        if body is not None:
            changed.body = "\n".join(body).strip("\n")
        return render_directive(changed)

    def place(self, blocks: list[Block], requirement_type: str) -> None:
        record_lines = sorted({block.source.line - 1 for block in blocks if block.source})
        heading_records = [line for line in record_lines if line in self.layout.headings]
        for block in blocks:
            if block.source is None or block.directive is None:
                continue
            directive, line = block.directive, block.source.line - 1
            placed = False
            if directive.name in _SECTION_ITEMS and line in self.layout.headings:
                placed = self.replace_section(directive, line, heading_records)
            elif directive.name in _LINE_ITEMS or directive.name == requirement_type:
                placed = self.replace_line(directive, line, record_lines)
            if not placed:
                end = self.placed.covering(line) or self.layout.block_end(line)
                self.placed.after.setdefault(end, []).append(self.directive_text(directive, None))

    def replace_section(self, directive: Directive, heading: int, records: list[int]) -> bool:
        layout = self.layout
        start = layout.headings[heading][0]
        # a nested heading another item is read from keeps its own section
        end = min([layout.section_end(heading), *(line for line in records if line > heading)])
        while end > start and (not layout.lines[end - 1].strip() or end - 1 in layout.breaks):
            end -= 1
        if not self.placed.free(start, end):
            return False
        body: list[str] = []
        # the line the phase's :goal: was read from is that option now
        goal_labels = (
            {"Goal", "Purpose"} if any(n == "goal" for n, _ in directive.options) else set()
        )
        line = start
        while line < end:
            label = _LABEL.match(layout.lines[line])
            if goal_labels and label and label.group("label").strip() in goal_labels:
                goal_labels = set()
                line += 1
                continue
            if line in layout.breaks:
                line += 1
                continue
            if line in layout.headings:
                heading_end, _, title = layout.headings[line]
                if title.strip():
                    body.append(f"**{title.strip()}**")
                line = heading_end
                continue
            text = layout.lines[line]
            if directive.name == "impl-phase" and line not in self.task_lines:
                # its checkbox goes: a "[ ]" in an item's text counts as one too
                text = _CHECKBOX.sub(r"\1", text)
            body.append(text)
            line += 1
        text = self.directive_text(directive, body)
        if end > start:
            self.placed.spans[start] = (end, text)
        else:
            # an empty section: the directive follows its heading
            self.placed.after.setdefault(start, []).append(text)
        return True

    def replace_line(self, directive: Directive, line: int, records: list[int]) -> bool:
        layout = self.layout
        if line in layout.items:
            end = layout.items[line]
            body = _item_body(layout.lines[line:end])
        else:
            paragraph = next((p for p in layout.paragraphs if p[0] <= line < p[1]), None)
            if paragraph is None or layout.lines[line].lstrip().startswith(">"):
                return False
            end = min([paragraph[1], *(other for other in records if other > line)])
            body = [text.strip() for text in layout.lines[line:end]]
        if not self.placed.free(line, end):
            return False
        names = {directive.argument.strip()}
        names |= {value for name, value in directive.options if name == "id"}
        names |= {name.removeprefix(self.id_prefix) for name in list(names)}
        body[0] = _without_label(body[0].lstrip(), names)
        self.placed.spans[line] = (end, self.directive_text(directive, body))
        return True

    def plan_at(self, directive: Directive) -> None:
        """The plan after the file's title, else at its top."""
        layout = self.layout
        titles = [start for start, (_, level, _) in sorted(layout.headings.items()) if level == 1]
        line = layout.headings[titles[0]][0] if titles else 0
        self.placed.after.setdefault(line, []).insert(0, self.directive_text(directive, None))

    def leveled(self, line: int) -> str:
        """The line, an ATX heading one level below the heading it follows at most:
        spec-kit files go from ``#`` to ``###``, which MyST warns about."""
        text = self.layout.lines[line]
        level = self.layout.levels.get(line)
        if level is None:
            return text
        return _ATX.sub(lambda match: match.group(1) + "#" * level, text, count=1)

    def written(self) -> str:
        lines = self.layout.lines
        out: list[str] = []
        #: the blank line written after a directive, which a blank line of the file
        #: that follows takes the place of
        spacer = False

        def directive(text: str) -> None:
            nonlocal spacer
            if out and out[-1].strip():
                out.append("")
            out.extend(text.rstrip("\n").split("\n"))
            out.append("")
            spacer = True

        line = 0
        while line <= len(lines):
            for text in self.placed.after.get(line, []):
                directive(text)
            if line == len(lines):
                break
            if line in self.placed.spans:
                end, text = self.placed.spans[line]
                directive(text)
                line = max(end, line + 1)
                continue
            if not (spacer and not lines[line].strip()):
                out.append(self.leveled(line))
            spacer = False
            line += 1
        while out and not out[-1].strip():
            out.pop()
        return "\n".join(out) + "\n"


def convert_feature(
    feature: Feature,
    texts: Mapping[str, str],
    *,
    requirement_type: str = "req",
    id_prefix: str = "",
    plan_id: str | None = None,
    other_pages: Sequence[str] = (),
) -> ConvertedFeature:
    """The files of ``feature``, whose Markdown is ``texts`` (by name relative to the
    folder), written as MyST; and an index page listing them and ``other_pages`` (the
    folder's other Markdown files, copied as they are) unless the folder has a file of
    that name."""
    plan_id = plan_id or plan_id_of(feature.folder)
    spec = "spec" if SPEC in texts else "plan"
    blocks = feature_blocks(
        feature, plan_id=plan_id, requirement_type=requirement_type, spec=spec, id_prefix=id_prefix
    )
    texts = dict(texts)
    if PLAN not in texts:
        texts[PLAN] = f"# {feature.title or feature.folder}\n"
    files: dict[str, str] = {}
    for name, text in texts.items():
        tasks = {task.source.line - 1 for task in feature.tasks if task.source.file == name}
        writer = _FileWriter(text, plan_id, id_prefix, name == PLAN, tasks)
        writer.place(
            [block for block in blocks if block.source and block.source.file == name],
            requirement_type,
        )
        if name == PLAN:
            plan = next(
                block.directive for block in blocks if block.source is None and block.directive
            )
            writer.plan_at(dataclasses.replace(plan, body=""))
        files[name] = writer.written()
    counts: dict[str, int] = {}
    for block in blocks:
        if block.directive is not None:
            counts[block.directive.name] = counts.get(block.directive.name, 0) + 1
    if INDEX not in files and INDEX not in other_pages:
        pages = sorted({*files, *other_pages}, key=_page_order)
        files[INDEX] = _index(feature.title or feature.folder, plan_id, pages)
    return ConvertedFeature(plan_id, files, counts, feature.problems)


def _page_order(name: str) -> tuple[int, str]:
    """The spec-kit files in the order they are read, then the others by name."""
    known = (SPEC, PLAN, "tasks.md", "research.md", "data-model.md")
    return (known.index(name) if name in known else len(known), name)


def _index(title: str, plan_id: str, names: list[str]) -> str:
    toctree = Directive("toctree", body="\n".join(name.removesuffix(".md") for name in names))
    toctree.option("maxdepth", "1")
    views = []
    for heading, name in (
        ("Summary", "impl-summary"),
        ("Timeline", "impl-timeline"),
        ("Traceability", "impl-traceability"),
    ):
        view = Directive(name)
        view.option("plan", plan_id)
        views += [f"## {heading}", "", render_directive(view)]
    return "\n".join([f"# {title}", "", render_directive(toctree), *views])
