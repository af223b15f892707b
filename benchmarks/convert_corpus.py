"""Measure ``implplan convert`` on the loose plans of ``tests/plans/loose``.

    python benchmarks/convert_corpus.py               # a plain-text table
    python benchmarks/convert_corpus.py --markdown    # the same as a Markdown table
    python benchmarks/convert_corpus.py --no-build    # without the two Sphinx builds
    python benchmarks/convert_corpus.py --details     # and what went wrong, per plan
    python benchmarks/convert_corpus.py --corpus tests/plans/heldout  # another folder

Each plan is converted, and the result read back with markdown-it, as MyST reads it:

- phases: ``impl-phase`` directives made; deliverables: the task-list items in each
  phase's body, by state, against the checkboxes under the plan's phase headings;
- risks: ``impl-risk`` directives made; spans: phases given a ``:duration:``,
  ``:start:`` or ``:end:``, against those whose title or timeline row states one;
- boxed titles: directives whose title still holds a ``[ ]`` or ``[x]``;
- warnings added: the plain and the converted plans are built as two small Sphinx
  projects; a warning of a converted page that its plain page did not have (same
  file and message, line numbers aside) was added by the conversion. The
  ``implplan.missing`` warnings of a risk whose plan states no impact or likelihood,
  and the ``implplan.unmitigated`` warnings of a high risk whose plan gives its
  mitigation in prose or not at all, are counted apart, as "asks": they ask the
  author for a field the plan does not state as one;
- words lost: words of the input missing from the output, as ``tests/test_convert.py``
  counts them (field labels, list numbers and the ``x`` of a task box may go: they
  become option names and values).

The expected counts (``tests/plans/loose/expected.json``) were made by reading each
plan. The script measures; it sets no target and always exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion import convert
from sphinx_implplan.authoring.conversion.section_kinds import ORG_STATUSES

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "plans" / "loose"
#: the options that give a phase its place in time
SPAN_OPTIONS = frozenset({"duration", "start", "end"})
CONF_PY = 'extensions = ["myst_parser", "sphinx_implplan"]\nexclude_patterns = ["_build"]\n'

#: CommonMark with GitHub's tables, as MyST reads a plan
_PARSER = MarkdownIt("commonmark").enable("table")
_WORD = re.compile(r"[^\W_]+")
_TASK = re.compile(r"\[( |x|X)\]\s")
BOX = re.compile(r"\[( |x|X)\]")
_OPTION = re.compile(r":([\w-]+):(?:\s+(.*))?$")
_LABEL = re.compile(r"\s*\*\*([^*]+)\*\*\s*:?")
_ANSI = re.compile(r"\x1b\[[0-9;]*[mK]")
_WARNING = re.compile(r"^(?:(?P<location>.*?): )?(?:WARNING|ERROR|CRITICAL): (?P<message>.*)$")


@dataclass(frozen=True)
class Expected:
    phases: int
    phase_checkboxes: int
    phase_checkboxes_done: int
    risks: int
    phases_with_span: int
    language: str


def load_expected(corpus: Path = CORPUS) -> dict[str, Expected]:
    data: dict[str, dict[str, int | str]] = json.loads(
        (corpus / "expected.json").read_text(encoding="utf-8")
    )
    return {name: Expected(**entry) for name, entry in data.items()}  # type: ignore[arg-type]


def plan_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(path for path in corpus.glob("*.md") if path.name != "README.md")


# --- reading Markdown --------------------------------------------------------------


def parse(text: str) -> SyntaxTreeNode:
    return SyntaxTreeNode(_PARSER.parse(text))


def words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def plain_text(inline: SyntaxTreeNode) -> str:
    parts = [node.content for node in inline.walk() if node.type in {"text", "code_inline"}]
    return " ".join("".join(parts).split())


_DIV_OPENING = re.compile(r" {0,3}:{3,}\s*\{")
_ATTRIBUTE_NAME = re.compile(r"([\w-]+)=")
#: Org mode's heading keywords, as the converter reads them into a status
_ORG_KEYWORD = re.compile("(" + "|".join(ORG_STATUSES) + r")\s")
_TASK_BOX = re.compile(r"\s*(?:[-*+]|[0-9]+[.)])\s+\[[xX]\]")


def label_words(source: str) -> Counter[str]:
    """Words that name a field rather than hold content: table headers, ``**Label**:``
    leads, the numbers of ordered lists and Org mode's keywords, which the converter may
    turn into options."""
    labels: Counter[str] = Counter("x" for line in source.splitlines() if _TASK_BOX.match(line))
    # the attribute names of a Pandoc div (``::: {.callout-warning title="..."}``)
    for line in source.splitlines():
        if _DIV_OPENING.match(line):
            labels += words(" ".join(_ATTRIBUTE_NAME.findall(line)))
    for node in parse(source).walk():
        if node.type == "list_item" and node.info:
            labels += words(node.info)
        # an Org mode heading's keyword, which becomes the phase's status
        if node.type == "inline" and node.parent is not None and node.parent.type == "heading":
            keyword = _ORG_KEYWORD.match(node.content)
            if keyword:
                labels += words(keyword.group(1))
        if node.type == "th" and node.children:
            labels += words(plain_text(node.children[0]))
        if node.type == "inline":
            for line in node.content.splitlines():
                match = _LABEL.match(line)
                if match:
                    labels += words(match.group(1))
    return labels


def lost_words(source: str, output: str) -> Counter[str]:
    """Words of ``source`` that ``output`` holds fewer times, field labels aside."""
    return (words(source) - words(output)) - label_words(source)


@dataclass(frozen=True)
class Directive:
    name: str
    title: str
    options: dict[str, str]
    body: str


def split_options(content: str) -> tuple[dict[str, str], str]:
    """A directive's ``:name: value`` lines, as the converter writes them, and its body."""
    lines = content.splitlines(keepends=True)
    options: dict[str, str] = {}
    count = 0
    for line in lines:
        match = _OPTION.match(line.strip())
        if match is None:
            break
        options[match.group(1)] = (match.group(2) or "").strip()
        count += 1
    return options, "".join(lines[count:])


def directives(text: str) -> list[Directive]:
    """Every ``{name}`` fence of ``text``, those nested in another's body included."""
    found: list[Directive] = []
    for node in parse(text).walk():
        info = node.info.strip() if node.type == "fence" else ""
        if not (info.startswith("{") and "}" in info):
            continue
        name, _, title = info[1:].partition("}")
        options, body = split_options(node.content)
        found.append(Directive(name.strip(), title.strip(), options, body))
        found.extend(directives(body))
    return found


def tasks(body: str) -> tuple[int, int]:
    """Done and total task-list items in a directive body, nested directives included,
    as the extension counts a phase's deliverables."""
    done = total = 0
    for node in parse(body).walk():
        if node.type == "list_item" and node.children and node.children[0].type == "paragraph":
            inline = node.children[0].children[0]
            match = _TASK.match(inline.content + " ")
            if match:
                total += 1
                done += match.group(1) != " "
        elif node.type == "fence" and node.info.strip().startswith("{"):
            inner_done, inner_total = tasks(split_options(node.content)[1])
            done += inner_done
            total += inner_total
    return done, total


# --- measuring one plan ------------------------------------------------------------


@dataclass
class Measure:
    name: str
    expected: Expected
    source: str
    output: str
    #: items by directive name, as the converter reports them
    counts: dict[str, int]
    notes: list[tuple[int, str]]
    phases: list[Directive]
    risks: int
    done: int
    total: int
    boxed_titles: list[str]
    lost: Counter[str]
    warnings_added: list[str] = field(default_factory=list)

    @property
    def deliverables(self) -> int:
        """Tasks under phases with the right state, at most as many as the plan has."""
        expected = self.expected
        return min(self.done, expected.phase_checkboxes_done) + min(
            self.total - self.done, expected.phase_checkboxes - expected.phase_checkboxes_done
        )

    @property
    def spans(self) -> int:
        return sum(1 for phase in self.phases if SPAN_OPTIONS & phase.options.keys())


def measure(path: Path, expected: Expected) -> Measure:
    source = path.read_text(encoding="utf-8")
    result = convert(source, fallback_title=path.stem)
    found = directives(result.text)
    phases = [item for item in found if item.name == "impl-phase"]
    counted = [tasks(phase.body) for phase in phases]
    return Measure(
        name=path.name,
        expected=expected,
        source=source,
        output=result.text,
        counts={kind: count for kind, count in sorted(result.counts.items()) if count},
        notes=list(result.notes),
        phases=phases,
        risks=sum(1 for item in found if item.name == "impl-risk"),
        done=sum(done for done, _ in counted),
        total=sum(total for _, total in counted),
        boxed_titles=[f"{item.name} {item.title}" for item in found if BOX.search(item.title)],
        lost=lost_words(source, result.text),
    )


# --- building both variants --------------------------------------------------------


def write_project(folder: Path, pages: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    (folder / "conf.py").write_text(CONF_PY, encoding="utf-8")
    toctree = "\n".join(Path(name).stem for name in sorted(pages))
    index = f"# Plans\n\n```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n"
    (folder / "index.md").write_text(index, encoding="utf-8")
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")


def read_warnings(text: str, srcdir: Path) -> Counter[tuple[str, str]]:
    """``(file, message)`` of each warning, without line numbers or the folder's path;
    a line that is not a warning continues the one before it."""
    entries: list[list[str]] = []
    for line in _ANSI.sub("", text).splitlines():
        match = _WARNING.match(line)
        if match is None:
            if entries and line.strip():
                entries[-1][1] += " " + line.strip()
            continue
        location = (match.group("location") or "").removeprefix(str(srcdir)).lstrip("/")
        entries.append([re.sub(r":\d+$", "", location), match.group("message")])
    found: Counter[tuple[str, str]] = Counter()
    for location, raw in entries:
        message = re.sub(r"\.md:\d+", ".md", raw.replace(str(srcdir), ""))
        found[location, re.sub(r"\bline \d+", "line N", message)] += 1
    return found


def build_both(measures: list[Measure]) -> str:
    """Build the plain and the converted plans, and put each warning the conversion
    added on its plan. Returns the added warnings that name no plan, one a line."""
    with tempfile.TemporaryDirectory(prefix="convert-corpus-") as tmp:
        variants = {
            "plain": {m.name: m.source for m in measures},
            "converted": {m.name: m.output for m in measures},
        }
        children: dict[str, subprocess.Popen[bytes]] = {}
        for variant, pages in variants.items():
            srcdir = Path(tmp) / variant
            write_project(srcdir, pages)
            command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E"]
            command += ["-w", str(Path(tmp) / f"{variant}.txt"), str(srcdir)]
            with (Path(tmp) / f"{variant}.err").open("wb") as stderr:
                children[variant] = subprocess.Popen(
                    [*command, str(srcdir / "_build")], stdout=subprocess.DEVNULL, stderr=stderr
                )
        found: dict[str, Counter[tuple[str, str]]] = {}
        for variant, child in children.items():
            if child.wait() != 0:
                errors = (Path(tmp) / f"{variant}.err").read_text(encoding="utf-8")
                raise SystemExit(f"the {variant} build failed:\n{errors[-2000:]}")
            text = (Path(tmp) / f"{variant}.txt").read_text(encoding="utf-8")
            found[variant] = read_warnings(text, Path(tmp) / variant)
    added = found["converted"] - found["plain"]
    by_name = {m.name: m for m in measures}
    elsewhere: list[str] = []
    for (location, message), count in sorted(added.items()):
        owner = by_name.get(location)
        lines = [message] * count
        if owner is None:
            elsewhere += [f"{location or '(no file)'}: {line}" for line in lines]
        else:
            owner.warnings_added += lines
    return "\n".join(elsewhere)


# --- the table ---------------------------------------------------------------------

HEADER = [
    *("plan", "lang", "phases", "deliverables", "risks", "spans", "boxed titles"),
    *("warnings added", "asks", "words lost", "kept rows", "items made"),
]


def level_notes(m: Measure) -> int:
    """The added warnings that ask for a risk's missing level or mitigation."""
    return sum(
        "[implplan.missing]" in warning or "[implplan.unmitigated]" in warning
        for warning in m.warnings_added
    )


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else f"{part}/0"


def row(m: Measure) -> list[str]:
    made = ", ".join(f"{count} {kind.removeprefix('impl-')}" for kind, count in m.counts.items())
    e = m.expected
    return [
        m.name.removesuffix(".md"),
        e.language,
        f"{len(m.phases)}/{e.phases}",
        f"{m.deliverables}/{e.phase_checkboxes}",
        f"{m.risks}/{e.risks}",
        f"{m.spans}/{e.phases_with_span}",
        str(len(m.boxed_titles)),
        str(len(m.warnings_added) - level_notes(m)),
        str(level_notes(m)),
        str(sum(m.lost.values())),
        str(len(m.notes)),
        made,
    ]


def totals(measures: list[Measure], built: bool) -> list[str]:
    def share(made: Callable[[Measure], int], key: str) -> str:
        found = sum(min(made(m), getattr(m.expected, key)) for m in measures)
        return percent(found, sum(getattr(m.expected, key) for m in measures))

    return [
        f"total ({len(measures)} plans)",
        "",
        share(lambda m: len(m.phases), "phases"),
        share(lambda m: m.deliverables, "phase_checkboxes"),
        share(lambda m: m.risks, "risks"),
        share(lambda m: m.spans, "phases_with_span"),
        str(sum(len(m.boxed_titles) for m in measures)),
        str(sum(len(m.warnings_added) - level_notes(m) for m in measures))
        if built
        else "not built",
        str(sum(level_notes(m) for m in measures)) if built else "not built",
        str(sum(sum(m.lost.values()) for m in measures)),
        str(sum(len(m.notes) for m in measures)),
        "",
    ]


def render(rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(cells) + " |" for cells in rows]
        lines.insert(1, "|" + "|".join("---" for _ in rows[0]) + "|")
        return "\n".join(lines)
    widths = [max(len(cells[column]) for cells in rows) for column in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        for cells in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def details(m: Measure) -> list[str]:
    lines: list[str] = []
    for phase in m.phases:
        done, total = tasks(phase.body)
        span = {name: value for name, value in phase.options.items() if name in SPAN_OPTIONS}
        lines.append(f"  phase {phase.title!r}: {done}/{total} done, {span or 'no span'}")
    lines += [f"  boxed title: {title}" for title in m.boxed_titles]
    lines += [f"  kept at line {line}: {message}" for line, message in m.notes]
    lines += [f"  warning added: {message}" for message in m.warnings_added]
    if m.lost:
        lost = ", ".join(f"{word} x{count}" for word, count in m.lost.most_common(12))
        lines.append(f"  words lost: {lost}")
    return [f"{m.name}:", *lines] if lines else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--no-build", action="store_true", help="skip the Sphinx builds")
    parser.add_argument("--details", action="store_true", help="say what went wrong, per plan")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the folder of plans")
    args = parser.parse_args(argv)
    expected = load_expected(args.corpus)
    measures = [measure(path, expected[path.name]) for path in plan_files(args.corpus)]
    elsewhere = "" if args.no_build else build_both(measures)
    rows = [HEADER, *(row(m) for m in measures), totals(measures, not args.no_build)]
    print(render(rows, args.markdown))
    if elsewhere:
        print(f"\nwarnings added outside the plans:\n{elsewhere}")
    if args.details:
        print()
        for m in measures:
            print("\n".join(details(m)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
