"""``implplan convert`` on the loose plans of ``tests/plans/loose`` and the held-out plans
of ``tests/plans/heldout``, ``tests/plans/heldout-2`` and ``tests/plans/heldout-3``: every
plan converts and loses no word, and each folder's ``expected.json`` describes every plan
of it.

How well the converter reads these plans (phases, deliverables, risks, spans, warnings
added) is measured by ``benchmarks/convert_corpus.py``, which these tests load: they
check that its measurement runs on every plan, and what holds today, not its targets.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "convert_corpus.py"
LOOSE = Path(__file__).parent / "plans" / "loose"
#: plans the converter is never tuned on: they measure it (see its README)
HELDOUT = Path(__file__).parent / "plans" / "heldout"
#: a second set of held-out plans, written without looking at the converter
HELDOUT_2 = Path(__file__).parent / "plans" / "heldout-2"
#: a third set of held-out plans, written without looking at the converter
HELDOUT_3 = Path(__file__).parent / "plans" / "heldout-3"
CORPORA = {"loose": LOOSE, "heldout": HELDOUT, "heldout-2": HELDOUT_2, "heldout-3": HELDOUT_3}
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (LOOSE / "expected.json").read_text(encoding="utf-8")
)
HELDOUT_EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (HELDOUT / "expected.json").read_text(encoding="utf-8")
)
HELDOUT_2_EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (HELDOUT_2 / "expected.json").read_text(encoding="utf-8")
)
HELDOUT_3_EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (HELDOUT_3 / "expected.json").read_text(encoding="utf-8")
)
#: every plan of every folder, as (folder, plan)
PLANS = (
    [("loose", name) for name in sorted(EXPECTED)]
    + [("heldout", name) for name in sorted(HELDOUT_EXPECTED)]
    + [("heldout-2", name) for name in sorted(HELDOUT_2_EXPECTED)]
    + [("heldout-3", name) for name in sorted(HELDOUT_3_EXPECTED)]
)
KEYS = {
    "phases",
    "phase_checkboxes",
    "phase_checkboxes_done",
    "risks",
    "phases_with_span",
    "language",
}

#: words the converter loses today, and may lose until it is fixed, but no others: the
#: phase names of a schedule (a Phase/Start/End timeline table, a list of "Step 1:"
#: rows) whose entries became the phases' dates and that an ``impl-timeline``
#: replaces; each name is still a phase's title, once where the plan had it twice.
#: A held-out plan's loss is listed here too, word for word, so that the rest of the
#: plan is still checked: it is measured, not excused
KNOWN_LOSSES: dict[tuple[str, str], Counter[str]] = {
    ("loose", "progress-checklist-etl.md"): Counter(
        ["change", "data", "capture", "models", "cut", "over", "decommission", "the", "job"]
    ),
    ("heldout-3", "rfc-step-tables-aurora-migration.md"): Counter({"step": 3}),
}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("convert_corpus", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


corpus = _load_script()


@pytest.mark.parametrize(
    ("folder", "expected", "least"),
    [
        (LOOSE, EXPECTED, 25),
        (HELDOUT, HELDOUT_EXPECTED, 12),
        (HELDOUT_2, HELDOUT_2_EXPECTED, 12),
        (HELDOUT_3, HELDOUT_3_EXPECTED, 12),
    ],
    ids=["loose", "heldout", "heldout-2", "heldout-3"],
)
def test_expected_covers_every_plan(
    folder: Path, expected: dict[str, dict[str, Any]], least: int
) -> None:
    names = sorted(path.name for path in folder.glob("*.md") if path.name != "README.md")
    assert names == sorted(expected)
    assert len(names) >= least
    for name, entry in expected.items():
        assert set(entry) == KEYS, name
        counts = {key: value for key, value in entry.items() if key != "language"}
        assert all(isinstance(value, int) and value >= 0 for value in counts.values()), name
        assert entry["phase_checkboxes_done"] <= entry["phase_checkboxes"], name
        assert entry["phases_with_span"] <= entry["phases"], name
        assert isinstance(entry["language"], str), name
    assert len({entry["language"] for entry in EXPECTED.values()} - {"en"}) >= 3
    assert len({entry["language"] for entry in HELDOUT_EXPECTED.values()} - {"en"}) >= 2
    assert len({entry["language"] for entry in HELDOUT_2_EXPECTED.values()} - {"en"}) >= 2
    assert len({entry["language"] for entry in HELDOUT_3_EXPECTED.values()} - {"en"}) >= 2


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        (LOOSE, EXPECTED),
        (HELDOUT, HELDOUT_EXPECTED),
        (HELDOUT_2, HELDOUT_2_EXPECTED),
        (HELDOUT_3, HELDOUT_3_EXPECTED),
    ],
    ids=list(CORPORA),
)
def test_the_script_reads_the_same_expectations(
    folder: Path, expected: dict[str, dict[str, Any]]
) -> None:
    assert sorted(corpus.load_expected(folder)) == sorted(expected)
    assert [path.name for path in corpus.plan_files(folder)] == sorted(expected)


@pytest.mark.parametrize(("folder", "name"), PLANS)
def test_plan_converts_and_loses_no_word(folder: str, name: str) -> None:
    measure = corpus.measure(CORPORA[folder] / name, corpus.load_expected(CORPORA[folder])[name])
    assert measure.counts.get("impl-plan") == 1
    assert measure.output.strip()
    assert measure.lost - KNOWN_LOSSES.get((folder, name), Counter()) == Counter()


def test_the_lossless_check_catches_a_dropped_word() -> None:
    source = (LOOSE / "small-bugfix-timezone.md").read_text(encoding="utf-8")
    output = source.replace(" drifts ", " ").replace("**Owner**: @hana", "@hana")
    # a field label may go, as it becomes an option's name; a word of content may not
    assert corpus.lost_words(source, output) == Counter({"drifts": 1})
    assert corpus.lost_words(source, source.replace("DST changes", "changes")) == Counter(
        {"dst": 1}
    )


CONVERTED = """\
# Plan

- [x] not in a phase

````{impl-phase} Phase 1: Core [x]
:id: PH_1
:duration: 1 week

- [x] done
- [ ] open
  - [X] nested and done
1. [ ] ordered
- [] no task

```{impl-test} Unit
- [ ] inside a nested directive
```
````

```{impl-risk} Outage
:id: RISK_1
```
"""


def test_tasks_are_counted_inside_phase_bodies_only() -> None:
    found = corpus.directives(CONVERTED)
    assert [item.name for item in found] == ["impl-phase", "impl-test", "impl-risk"]
    phase = found[0]
    assert phase.options == {"id": "PH_1", "duration": "1 week"}
    assert corpus.tasks(phase.body) == (2, 5)
    assert corpus.SPAN_OPTIONS & phase.options.keys()
    assert corpus.BOX.search(phase.title)


def test_warnings_match_without_line_numbers(tmp_path: Path) -> None:
    text = (
        f"{tmp_path}/plan.md:12: WARNING: RISK_1: the required option :impact: is missing"
        " [implplan.missing]\n"
        f"{tmp_path}/plan.md:40: WARNING: Document headings start at H2, not H1"
        " [myst.header]\n"
        "  a second line of that warning\n"
        f"WARNING: see {tmp_path}/plan.md:7 and line 9\n"
    )
    assert corpus.read_warnings(text, tmp_path) == Counter(
        {
            ("plan.md", "RISK_1: the required option :impact: is missing [implplan.missing]"): 1,
            (
                "plan.md",
                "Document headings start at H2, not H1 [myst.header] a second line of that warning",
            ): 1,
            ("", "see /plan.md and line N"): 1,
        }
    )
