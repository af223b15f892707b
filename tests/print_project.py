"""A project made to stress the printed page: 200 requirements in one traceability
table, a matrix of 30 items, an item longer than a page, user text full of LaTeX's
special characters, and a box-drawing diagram. Written by the PDF tests into a
temporary folder (too long to keep as a test root by hand)."""

from __future__ import annotations

from pathlib import Path

BIG_REQUIREMENTS = [f"FR_{n:03d}" for n in range(1, 201)]
SMALL_REQUIREMENTS = [f"SR_{n:02d}" for n in range(1, 11)]
#: ids of many lengths, as real plans have them
MATRIX_COMPONENTS = [
    "CMP_API",
    "CMP_AUTHENTICATION",
    "CMP_CACHE",
    "CMP_CONFLICT_RESOLVER",
    "CMP_DB",
    "CMP_EVENT_BUS",
    "CMP_EXPORT",
    "CMP_FEATURE_FLAGS",
    "CMP_INDEXER",
    "CMP_NOTIFICATIONS",
    "CMP_QUEUE",
    "CMP_SEARCH_FRONTEND",
]
MATRIX_TESTS = [f"TEST_MATRIX_{n}" for n in range(1, 9)]
MATRIX_METRICS = ["MET_P95", "MET_ERRORS", "MET_CRASH_FREE_SESSIONS", "MET_COST"]
MATRIX_RISKS = ["RISK_SCALE", "RISK_THIRD_PARTY_OUTAGE", "RISK_KEYS"]
MATRIX_DECISIONS = ["DEC_DB", "DEC_PROTOCOL_VERSIONING", "DEC_HOSTING"]
MATRIX_ITEMS = [
    *MATRIX_COMPONENTS,
    *MATRIX_TESTS,
    *MATRIX_METRICS,
    *MATRIX_RISKS,
    *MATRIX_DECISIONS,
]
#: the phase whose deliverables print as boxes: word of each -> done
TASK_PHASE = "PH_BOXES"
TASKS = {"alphatask": True, "betatask": False, "gammatask": True}
LONG_PARAGRAPHS = 150
#: a title LaTeX would choke on if it were not escaped
HOSTILE_TITLE = r"Costs & 100% of {budget} #1 ~ $5 \today ^_^"

CONF = """\
project = "print"
extensions = ["myst_parser", "sphinx_implplan"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
latex_elements = {"papersize": "a4paper"}
# before the plan starts: its timeline prints the same whatever the day
implplan_today = "2026-12-01"
"""

INDEX = """\
# Print

```{toctree}
spec-big
spec-small
plan-big
plan-matrix
views
```
"""


def _item(directive: str, title: str, item_id: str, *options: str, body: str = "") -> str:
    # a colon fence, so that a body may hold a code block
    lines = [f":::{{{directive}}} {title}", f":id: {item_id}", *options, "", body, ":::", ""]
    return "\n".join(lines) + "\n"


def _spec(title: str, ids: list[str]) -> str:
    parts = [f"# {title}\n\n"]
    for number, req_id in enumerate(ids, 1):
        parts.append(
            _item("req", f"Requirement {number} of {title.lower()}", req_id, body="Must hold.")
        )
    return "".join(parts)


def _plan_big() -> str:
    parts = ["# The big plan\n\n"]
    parts.append(
        _item(
            "impl-plan",
            "Big plan",
            "PLAN_BIG",
            ":spec: spec-big",
            ":status: in-progress",
            ":updated: 2027-01-01",
        )
    )
    for index in range(20):
        chunk = BIG_REQUIREMENTS[index * 10 : index * 10 + 10]
        parts.append(
            _item(
                "impl-component",
                f"Component number {index + 1}",
                f"CMP_BIG_{index + 1:02d}",
                f":implements: {', '.join(chunk)}",
                ":change: new",
            )
        )
    for index in range(5):
        deliverables = "\n".join(
            f"- [{'x' if n < index else ' '}] deliverable {n + 1}" for n in range(4)
        )
        depends = f":depends: PH_{index}" if index else ":start: 2027-01-04"
        parts.append(
            _item(
                "impl-phase",
                f"Phase {index + 1}",
                f"PH_{index + 1}",
                depends,
                ":duration: 2w",
                body=deliverables,
            )
        )
    # a sixth phase, two of three deliverables done: its boxes, and a timeline of six
    parts.append(
        _item(
            "impl-phase",
            "Phase with boxes",
            TASK_PHASE,
            ":depends: PH_5",
            ":duration: 1w",
            body="\n".join(
                f"- [{'x' if done else ' '}] {word} deliverable" for word, done in TASKS.items()
            ),
        )
    )
    for index, (impact, likelihood) in enumerate(
        [("high", "high"), ("high", "low"), ("medium", "medium"), ("low", "low")], 1
    ):
        parts.append(
            _item(
                "impl-risk",
                f"Risk number {index}",
                f"RISK_BIG_{index}",
                f":impact: {impact}",
                f":likelihood: {likelihood}",
                f":affects: {BIG_REQUIREMENTS[index]}",
                ":mitigation: Watch it",
            )
        )
    long_body = "\n\n".join(
        f"Paragraph {n} of the long decision, which explains one more consideration "
        "in a sentence long enough to fill most of a printed line."
        for n in range(1, LONG_PARAGRAPHS + 1)
    )
    parts.append(
        _item(
            "impl-decision",
            "A decision longer than a page",
            "DEC_LONG",
            ":choice: The long way",
            ":status: accepted",
            f":addresses: {BIG_REQUIREMENTS[0]}",
            body=long_body,
        )
    )
    diagram = (
        "```text\n"
        "┌──────────┐      ┌──────────┐\n"
        "│  Client  │ ───▶ │  Server  │\n"
        "└──────────┘      └──────────┘\n"
        "```"
    )
    parts.append(
        _item(
            "impl-consideration",
            HOSTILE_TITLE,
            "CON_HOSTILE",
            ":kind: security",
            ":style: odd#style{x}",
            body=f"Budget ≥ 5 and ✓ done → next.\n\n{diagram}\n",
        )
    )
    return "".join(parts)


def _plan_matrix() -> str:
    parts = ["# The matrix plan\n\n"]
    parts.append(_item("impl-plan", "Matrix plan", "PLAN_MATRIX", ":spec: spec-small"))

    def targets(index: int) -> str:
        return ", ".join(SMALL_REQUIREMENTS[(index + k) % 10] for k in range(3))

    for index, item_id in enumerate(MATRIX_COMPONENTS):
        parts.append(
            _item("impl-component", item_id.title(), item_id, f":implements: {targets(index)}")
        )
    for index, item_id in enumerate(MATRIX_TESTS):
        parts.append(_item("impl-test", item_id.title(), item_id, f":verifies: {targets(index)}"))
    for index, item_id in enumerate(MATRIX_METRICS):
        parts.append(_item("impl-metric", item_id.title(), item_id, f":measures: {targets(index)}"))
    for index, item_id in enumerate(MATRIX_RISKS):
        parts.append(
            _item(
                "impl-risk",
                item_id.title(),
                item_id,
                ":impact: medium",
                ":likelihood: low",
                f":affects: {targets(index)}",
            )
        )
    for index, item_id in enumerate(MATRIX_DECISIONS):
        parts.append(
            _item("impl-decision", item_id.title(), item_id, f":addresses: {targets(index)}")
        )
    return "".join(parts)


VIEWS = """\
# Views

## Traceability of 200 requirements

```{impl-traceability}
:plan: PLAN_BIG
```

## Matrix of 30 items

```{impl-traceability} Thirty items
:plan: PLAN_MATRIX
:layout: matrix
```

## Risks

```{impl-risk-matrix}
:plan: PLAN_BIG
```

## Timeline

```{impl-timeline}
:plan: PLAN_BIG
```

## Risk table

```{impl-table}
:plan: PLAN_BIG
:type: impl-risk
```

## Summary

```{impl-summary}
:plan: PLAN_BIG
```
"""


def write_print_project(folder: Path) -> Path:
    """The project's sources in ``folder``; returns ``folder``."""
    files = {
        "conf.py": CONF,
        "index.md": INDEX,
        "spec-big.md": _spec("Big spec", BIG_REQUIREMENTS),
        "spec-small.md": _spec("Small spec", SMALL_REQUIREMENTS),
        "plan-big.md": _plan_big(),
        "plan-matrix.md": _plan_matrix(),
        "views.md": VIEWS,
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
