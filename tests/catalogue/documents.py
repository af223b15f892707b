"""The case documents written by the test rather than kept as files: titles holding
control characters (kept out of the repository, where they would be invisible), and
inputs too large to keep (a 1 MB body, 2,000 deliverables, a 10,000-character title).
"""

from __future__ import annotations

from collections.abc import Callable

#: titles as the documents write them
BELL_TITLE = "Bell \x07 rings"
ESCAPE_TITLE = "Escape \x1b[31m turns red \x1b[0m and back"
NUL_TITLE = "Nul \x00 byte"
#: U+202E RIGHT-TO-LEFT OVERRIDE, the "Trojan Source" character: the title reads
#: "Invoice exe.txt" on screen but is "Invoice \u202etxt.exe"
BIDI_OVERRIDE_TITLE = "Invoice \u202etxt.exe"
LONG_TITLE = ("a title of ten thousand characters " * 300)[:9_999] + "."

TASKS = 2_000
#: every eighth task is done: 250 of 2,000 is 12.5 %, which rounds up to 13
DONE_EVERY = 8
BODY_CHARACTERS = 1_048_576


def _document(heading: str, plan_id: str, item: str) -> str:
    """A document of one plan and one item of it."""
    return (
        f"# {heading}\n\n```{{impl-plan}} Plan of {heading.lower()}\n:id: {plan_id}\n```\n\n{item}"
    )


def _item(directive: str, title: str, need_id: str, body: str = "") -> str:
    return f"```{{{directive}}} {title}\n:id: {need_id}\n\n{body}\n```\n"


def component_titled(heading: str, key: str, title: str) -> Callable[[], str]:
    """The writer of a document whose one component, ``CMP_TITLE_<key>``, has ``title``."""
    return lambda: _document(
        heading, f"PLAN_TITLE_{key}", _item("impl-component", title, f"CMP_TITLE_{key}")
    )


bell_title = component_titled("A bell", "BELL", BELL_TITLE)
escape_title = component_titled("An ANSI escape", "ESCAPE", ESCAPE_TITLE)
nul_title = component_titled("A NUL byte", "NUL", NUL_TITLE)
bidi_override_title = component_titled("A right-to-left override", "BIDI", BIDI_OVERRIDE_TITLE)
long_title = component_titled("A title of 10,000 characters", "LONG", LONG_TITLE)


def many_deliverables() -> str:
    tasks = "\n".join(
        f"- [{'x' if number % DONE_EVERY == 0 else ' '}] task {number}"
        for number in range(1, TASKS + 1)
    )
    return _document(
        "A phase of 2,000 deliverables",
        "PLAN_DELIVERABLES",
        _item("impl-phase", "Phase of many deliverables", "PH_DELIVERABLES", tasks),
    )


def _long_body() -> str:
    paragraphs: list[str] = []
    size = 0
    while size < BODY_CHARACTERS:
        paragraph = (
            f"Paragraph {len(paragraphs) + 1} of a long body. "
            + ("The plan keeps every word of it, however long the body grows. " * 7).rstrip()
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


#: prose paragraphs of at least one megabyte, as the item's body holds them
LONG_BODY = _long_body()


def one_megabyte_body() -> str:
    return _document(
        "A body of one megabyte",
        "PLAN_BODY",
        _item("impl-component", "Component of a long body", "CMP_BODY", LONG_BODY),
    )
