"""Items written inside an ``impl-plan``'s body belong to that plan, serial and with
``-j 2``.

``roots/test-plan-body`` nests items in a plan's body in MyST backtick fences
(``backtick.md``), colon fences (``colon.md``) and rST (``restructured.rst``), in the
body of a plan without an ``:id:`` (``generated.md``, whose id sphinx-needs generates)
and in the body of a plan left out because another has its id (``left-out.md``), whose
items are kept and belong to the plan that kept the id. Each is followed by an item
after the plan, which belongs to it as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from build_helpers import build_again, build_warnings, copy_root, line_of, needs_in

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


@pytest.mark.parametrize("parallel", [0, 2])
def test_items_in_a_plan_s_body_belong_to_it(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, parallel: int
) -> None:
    project = copy_root("plan-body", tmp_path / "plan-body")
    app = build_again(
        make_app, project, parallel=parallel, confoverrides={"needs_build_json": True}
    )
    needs = needs_in(app.outdir)
    (generated,) = [
        need_id for need_id, need in needs.items() if need["title"] == "Plan whose id is generated"
    ]
    assert generated.startswith("PLAN_")
    plans = {need_id: need["plan"] for need_id, need in needs.items() if need["type"] != "req"}
    assert plans == {
        "PLAN_BT": "PLAN_BT", "CMP_BT": "PLAN_BT", "RISK_BT": "PLAN_BT", "PH_BT": "PLAN_BT",
        "PLAN_CF": "PLAN_CF", "CMP_CF": "PLAN_CF", "PH_CF": "PLAN_CF",
        "PLAN_RS": "PLAN_RS", "CMP_RS": "PLAN_RS", "PH_RS": "PLAN_RS",
        generated: generated, "CMP_GEN": generated, "PH_GEN": generated,
        # the plan that kept the id, as for the items after a plan left out
        "CMP_LEFT": "PLAN_BT", "PH_LEFT": "PLAN_BT",
    }  # fmt: skip
    # no item belongs to no plan: the one warning is of the plan left out
    (warning,) = build_warnings(app)
    assert warning[:3] == (
        "left-out.md",
        line_of(app, "left-out.md", "Plan of a taken id"),
        "implplan.value",
    )
    assert "'PLAN_BT' is already taken" in warning.message
    assert needs["FR_001"]["implements_back"] == ["CMP_BT"]
