"""Deliverables: task-list items in a phase body, parsed from real rST and MyST text."""

from __future__ import annotations

import textwrap

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser as MystParser

from sphinx_implplan.read.deliverables import Progress, count_deliverables

# quiet parsing: docutils' own complaints are not what these tests look at
_QUIET = {"report_level": 5, "halt_level": 5, "warning_stream": False}


def parse_rst(text: str) -> nodes.document:
    return publish_doctree(textwrap.dedent(text), settings_overrides=_QUIET)


def parse_myst(text: str, *, tasklist: bool) -> nodes.document:
    return publish_doctree(
        textwrap.dedent(text),
        parser=MystParser(),
        settings_overrides={**_QUIET, "myst_enable_extensions": ["tasklist"] if tasklist else []},
    )


def parse(syntax: str, text: str) -> nodes.document:
    if syntax == "rst":
        return parse_rst(text)
    return parse_myst(text, tasklist=syntax == "myst-tasklist")


def count(syntax: str, text: str) -> Progress:
    return count_deliverables(parse(syntax, text).children)


SYNTAXES = ["rst", "myst", "myst-tasklist"]


def test_the_tasklist_extension_really_changes_the_tree() -> None:
    """The two MyST spellings differ, so both paths of the counter are exercised."""
    with_extension = parse_myst("- [x] b\n", tasklist=True)
    without = parse_myst("- [x] b\n", tasklist=False)
    items = list(with_extension.findall(nodes.list_item))
    assert "task-list-item" in items[0]["classes"]
    assert list(with_extension.findall(nodes.raw))
    assert not list(without.findall(nodes.raw))
    assert without.astext().startswith("[x]")


# -- the same text in rST, MyST, and MyST with tasklist -------------------------------

CASES = [
    pytest.param("- [ ] a\n", 0, 1, id="open"),
    pytest.param("- [x] b\n", 1, 1, id="done"),
    pytest.param("- [X] c\n", 1, 1, id="done-upper-case"),
    pytest.param("- [ ] a\n- [x] b\n- [X] c\n", 2, 3, id="mixed"),
    pytest.param("* [x] star bullet\n* [ ] another\n", 1, 2, id="star-bullets"),
    pytest.param("- [x] **bold** text\n", 1, 1, id="inline-markup"),
    pytest.param(
        """\
        - [ ] a

          - [x] nested done
          - [ ] nested open

            - [x] deeper
        """,
        2,
        4,
        id="nested",
    ),
    pytest.param(
        """\
        - an ordinary item

          - [x] task inside it
        """,
        1,
        1,
        id="nested-under-ordinary",
    ),
    pytest.param("1. [ ] first\n2. [x] second\n3. [x] third\n", 2, 3, id="numbered"),
    pytest.param("- a\n- b\n- c\n", 0, 0, id="ordinary-list"),
    pytest.param("1. a\n2. b\n", 0, 0, id="ordinary-numbered-list"),
    pytest.param("- see [x] here\n- and [ ] there\n", 0, 0, id="brackets-later-in-the-text"),
    pytest.param("- [x]tight\n", 0, 0, id="no-space-after-the-box"),
    pytest.param("- [y] other letter\n- [-] dash\n", 0, 0, id="other-box-contents"),
    pytest.param("[ ] not in a list\n", 0, 0, id="plain-paragraph"),
    pytest.param("Just prose.\n", 0, 0, id="prose"),
    pytest.param("", 0, 0, id="empty"),
]


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(("text", "done", "total"), CASES)
def test_count_deliverables(syntax: str, text: str, done: int, total: int) -> None:
    assert count(syntax, text) == Progress(done, total)


# -- code blocks are not deliverables --------------------------------------------------


@pytest.mark.parametrize("tasklist", [False, True])
def test_myst_fenced_code_block_is_not_counted(tasklist: bool) -> None:
    text = """\
    - [x] real

    ```
    - [ ] x
    - [x] y
    ```

    ```markdown
    - [ ] z
    ```
    """
    assert count_deliverables(parse_myst(text, tasklist=tasklist).children) == Progress(1, 1)


@pytest.mark.parametrize("tasklist", [False, True])
def test_myst_indented_code_block_is_not_counted(tasklist: bool) -> None:
    text = "Before.\n\n    - [ ] x\n"
    assert count_deliverables(parse_myst(text, tasklist=tasklist).children) == Progress(0, 0)


def test_rst_literal_block_is_not_counted() -> None:
    text = """\
    - [ ] real

    Example::

        - [ ] x
        - [x] y

    .. code:: text

        - [x] z
    """
    assert count(syntax="rst", text=text) == Progress(0, 1)


# -- the body is a sequence of nodes ---------------------------------------------------


def test_counts_across_several_body_nodes() -> None:
    text = """\
    Intro paragraph.

    - [x] one
    - [ ] two

    More prose.

    - [x] three
    """
    document = parse_myst(text, tasklist=False)
    assert len(document.children) == 4
    assert count_deliverables(document.children) == Progress(2, 3)
    # only the nodes given are looked at
    assert count_deliverables(document.children[:2]) == Progress(1, 2)
    assert count_deliverables(document.children[2:]) == Progress(1, 1)


def test_empty_body() -> None:
    assert count_deliverables([]) == Progress(0, 0)


def test_tasks_inside_other_containers() -> None:
    text = """\
    .. note::

       - [x] inside a note
       - [ ] another

    .. table::

       ======  =========
       a       - [x] in a table cell
       ======  =========
    """
    assert count(syntax="rst", text=text) == Progress(2, 3)


# -- progress ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "total", "percent"),
    [
        (0, 0, None),
        (0, 3, 0),
        (1, 3, 33),
        (2, 3, 67),
        (3, 3, 100),
        (1, 2, 50),
        (1, 4, 25),
        (199, 200, 100),
        # halves round up, as people round: 0.5 % is 1 %, 12.5 % is 13 %
        (1, 200, 1),
        (2, 200, 1),
        (1, 8, 13),
        (5, 8, 63),
        (3, 8, 38),
    ],
)
def test_percent(done: int, total: int, percent: int | None) -> None:
    assert Progress(done, total).percent == percent


@pytest.mark.parametrize(
    ("done", "total", "status"),
    [
        (0, 0, "planned"),
        (0, 1, "planned"),
        (0, 5, "planned"),
        (1, 5, "in-progress"),
        (4, 5, "in-progress"),
        (5, 5, "done"),
        (1, 1, "done"),
    ],
)
def test_derived_status(done: int, total: int, status: str) -> None:
    assert Progress(done, total).derived_status() == status


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(
    ("text", "status", "percent"),
    [
        ("- a\n- b\n", "planned", None),
        ("- [ ] a\n- [ ] b\n", "planned", 0),
        ("- [x] a\n- [ ] b\n- [ ] c\n", "in-progress", 33),
        ("- [x] a\n- [X] b\n", "done", 100),
    ],
)
def test_progress_from_parsed_text(
    syntax: str, text: str, status: str, percent: int | None
) -> None:
    progress = count(syntax, text)
    assert progress.derived_status() == status
    assert progress.percent == percent
