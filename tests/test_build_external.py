"""Requirements of another Sphinx project, loaded through sphinx-needs' external
needs, count like local ones (issue: spec and plans in separate repositories).

``roots/test-external-spec`` is a plain sphinx-needs project with AUTH_1..AUTH_3;
its ``needs.json`` is built first, then ``roots/test-external-plan`` loads it with
``needs_external_needs``. By hand: CMP_SESSION implements AUTH_1 and AUTH_2, 2 of 3
is 66.7 %; TEST_SIGNIN verifies AUTH_1.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from build_helpers import assert_no_traceback, build_warnings, copy_root, view_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

SPEC_SITE = "https://spec.example.org/auth"


def test_external_requirements_count_like_local_ones(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    spec_src = tmp_path / "spec"
    plan_src = tmp_path / "plan"
    copy_root("external-spec", spec_src)
    copy_root("external-plan", plan_src)

    spec = make_app("needs", srcdir=spec_src)
    spec.build()
    spec.cleanup()
    needs_json = spec.outdir / "needs.json"
    assert needs_json.is_file()

    plan = make_app(
        "html",
        srcdir=plan_src,
        confoverrides={
            "needs_external_needs": [{"base_url": SPEC_SITE, "json_path": str(needs_json)}]
        },
    )
    plan.build()
    assert_no_traceback(plan)
    assert build_warnings(plan) == []

    report = json.loads((plan.outdir / "implplan.json").read_text(encoding="utf8"))
    auth = report["plans"]["PLAN_AUTH"]
    assert auth["coverage"] == {
        "requirements": 3,
        "implemented": 2,
        "verified": 1,
        "measured": 0,
        "percent": 66.7,
    }
    assert auth["uncovered"] == ["AUTH_3"]
    assert [row["id"] for row in auth["requirements"]] == ["AUTH_1", "AUTH_2", "AUTH_3"]

    html = (plan.outdir / "index.html").read_text(encoding="utf8")
    assert view_text(html, "impl-traceability").startswith(
        "Coverage: 2 of 3 requirements implemented (66.7 %), 1 verified (33.3 %)"
    )
    # the requirement ids link to the spec project's site
    assert f'href="{SPEC_SITE}/index.html#AUTH_1"' in html
