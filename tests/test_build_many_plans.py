"""Many plans without ``:spec:`` over one spec: each counts every requirement, and
``implplan.json`` keeps those requirements once (the ``all`` scope), not once per
plan, so that it grows with plans plus requirements rather than their product.

Real builds of a project written by the test: one spec document and N plan
documents, each plan implementing two requirements and verifying a third.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from build_helpers import build_again, build_warnings, copy_root

from sphinx_implplan.plan.report_json import dump_json

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

REQUIREMENTS = 30


def _requirement_id(number: int) -> str:
    return f"FR_{number:02d}"


def _plan_page(number: int) -> str:
    first = number % REQUIREMENTS + 1
    implemented = f"{_requirement_id(first)}, {_requirement_id(first % REQUIREMENTS + 1)}"
    return f"""# Plan {number}

```{{impl-plan}} Plan {number}
:id: PLAN_{number:02d}
```

```{{impl-component}} Part {number}
:id: CMP_{number:02d}
:implements: {implemented}
```

```{{impl-test}} Check {number}
:id: TEST_{number:02d}
:verifies: {_requirement_id((first + 4) % REQUIREMENTS + 1)}
```
"""


def _project(tmp_path: Path, plans: int) -> Path:
    src = copy_root("minimal", tmp_path / f"plans-{plans}")
    (src / "index.md").write_text(
        "# Many plans\n\n```{toctree}\n:glob:\n\nspec\nplan-*\n```\n", encoding="utf8"
    )
    spec = "# Spec\n" + "".join(
        f"\n```{{req}} Requirement {number}\n:id: {_requirement_id(number)}\n```\n"
        for number in range(1, REQUIREMENTS + 1)
    )
    (src / "spec.md").write_text(spec, encoding="utf8")
    for number in range(1, plans + 1):
        (src / f"plan-{number:02d}.md").write_text(_plan_page(number), encoding="utf8")
    return src


def _built(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, plans: int
) -> tuple[bytes, dict[str, Any]]:
    app = build_again(make_app, _project(tmp_path, plans))
    assert build_warnings(app) == []
    text = (app.outdir / "implplan.json").read_bytes()
    data: dict[str, Any] = json.loads(text)
    return text, data


def _dumped(data: object) -> int:
    """The bytes of ``data`` laid out as the report file lays it out."""
    return len(dump_json(data).encode())


def test_plans_without_spec_share_one_scope_of_every_requirement(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    _, report = _built(make_app, tmp_path, 4)
    every = [_requirement_id(number) for number in range(1, REQUIREMENTS + 1)]
    assert report["version"] == 2
    assert report["scopes"] == {"all": every}
    assert list(report["requirements"]) == sorted(every)
    assert report["requirements"]["FR_07"] == {
        "title": "Requirement 7",
        "docname": "spec",
        "open_questions": [],
    }
    for plan_id, plan in report["plans"].items():
        number = int(plan_id.removeprefix("PLAN_"))
        first = number % REQUIREMENTS + 1
        linked = {entry["id"]: entry for entry in plan["requirements"]}
        # only the requirements its items link to, not the 30 in scope
        assert list(linked) == [
            _requirement_id(first),
            _requirement_id(first + 1),
            _requirement_id(first + 5),
        ]
        assert linked[_requirement_id(first + 5)]["verified_by"] == [f"TEST_{number:02d}"]
        assert plan["scope"] == "all"
        assert plan["coverage"]["requirements"] == REQUIREMENTS
        assert plan["coverage"]["implemented"] == 2
        # the uncovered ids, as a reader derives them: scope minus implemented
        implemented = {rid for rid, entry in linked.items() if entry["implemented_by"]}
        uncovered = [rid for rid in report["scopes"][plan["scope"]] if rid not in implemented]
        assert plan["uncovered"] == len(uncovered) == REQUIREMENTS - 2


def test_the_report_grows_by_the_plans_own_entries(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Ten times the plans over the same spec: the file grows by what the added plans
    write themselves, and the requirements are still written once."""
    few_text, few = _built(make_app, tmp_path, 2)
    many_text, many = _built(make_app, tmp_path, 20)
    assert many["requirements"] == few["requirements"]
    assert many["scopes"] == few["scopes"]
    added = [plan_id for plan_id in many["plans"] if plan_id not in few["plans"]]
    assert len(added) == 18
    # each added plan's bytes as the file writes them: its entry under "plans"
    own = sum(
        _dumped({"plans": {plan_id: many["plans"][plan_id]}}) - _dumped({"plans": {}})
        for plan_id in added
    )
    growth = len(many_text) - len(few_text)
    assert abs(growth - own) <= 8 * len(added)
    # version 1 wrote, per plan, an entry for every requirement in scope
    entries_per_plan = [
        {"id": rid, "title": requirement["title"], "implemented_by": [], "verified_by": []}
        for rid, requirement in many["requirements"].items()
    ]
    assert own / len(added) < _dumped(entries_per_plan) / 2
    # the whole report is smaller than those lists alone would be
    assert len(many_text) < len(many["plans"]) * _dumped(entries_per_plan)
