"""What the tests of ``implplan convert`` share: the words a conversion may not lose,
the directives of a converted plan read back, and a build of a converted plan."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from build_helpers import build_warnings, copy_root

from sphinx_implplan.authoring.conversion import Converted, convert
from sphinx_implplan.authoring.conversion.markdown import parse, plain_text
from sphinx_implplan.authoring.conversion.section_kinds import ORG_STATUSES

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

_WORD = re.compile(r"[^\W_]+")
#: an ``impl-`` directive of a converted plan: fence, name, title, options, body
DIRECTIVE = re.compile(
    r"^(`{3,}|~{3,})\{(impl-[\w-]+)\}([^\n]*)\n((?::[\w-]+:[^\n]*\n)*)(.*?)^\1$",
    re.MULTILINE | re.DOTALL,
)


def words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def label_words(source: str) -> Counter[str]:
    """Words that name a field rather than hold content: table column headers and
    ``**Label**:`` leads. The converter turns them into option names, so they may go;
    so may the numbers of an ordered list, which are its markup as ``-`` is a bullet
    list's, and the ``x`` of a task box, which becomes a status. Every other word of
    the input must still be in the output as often as before."""
    labels: Counter[str] = Counter()
    # the attribute names of a Pandoc div (``::: {.callout-warning title="..."}``)
    for line in source.splitlines():
        if re.match(r" {0,3}:{3,}\s*\{", line):
            labels += words(" ".join(re.findall(r"([\w-]+)=", line)))
    for node in parse(source).walk():
        if node.type == "list_item" and node.info:
            labels += words(node.info)
        # an Org mode heading's keyword, which becomes the phase's status
        if node.type == "inline" and node.parent is not None and node.parent.type == "heading":
            keyword = node.content.split(" ", 1)[0]
            if keyword in ORG_STATUSES:
                labels += words(keyword)
        in_item = node.parent is not None and node.parent.type == "list_item"
        if (
            node.type == "paragraph"
            and in_item
            and re.match(r"\[[xX]\]\s", node.children[0].content)
        ):
            labels += Counter({"x": 1})
        if node.type == "th":
            labels += words(plain_text(node.children[0]))
        if node.type == "inline":
            for line in node.content.splitlines():
                match = re.match(r"\s*\*\*([^*]+)\*\*\s*:?", line)
                if match:
                    labels += words(match.group(1))
    return labels


def lost_words(source: str, output: str) -> Counter[str]:
    """The words of ``source`` that ``output`` holds fewer times, labels aside."""
    return words(source) - words(output) - label_words(source)


def lossless(source: str) -> Converted:
    """``source`` converted, after checking that no word of it was lost."""
    result = convert(source, fallback_title="plan")
    assert not lost_words(source, result.text)
    return result


def directive_items(text: str, name: str = "impl-phase") -> list[dict[str, Any]]:
    """Each ``name`` directive of a converted plan: its title, options and body."""
    found = []
    for match in DIRECTIVE.finditer(text):
        if match.group(2) != name:
            continue
        options = dict(re.findall(r"^:([\w-]+): (.*)$", match.group(4), re.MULTILINE))
        found.append({"title": match.group(3).strip(), **options, "body": match.group(5)})
    return found


def build_converted_plan(
    make_app: Callable[..., SphinxTestApp], folder: Path, text: str
) -> tuple[set[tuple[str, str]], SphinxTestApp]:
    """A build of ``text`` as the ``plan.md`` of the ``convert`` test project, and the
    warnings of that page, as (subtype, message)."""
    srcdir = copy_root("convert", folder)
    (srcdir / "plan.md").write_text(text, encoding="utf8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = {(w.subtype, w.message) for w in build_warnings(app) if w.file == "plan.md"}
    return warnings, app
