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

from build_helpers import (
    BuildWarning,
    assert_no_traceback,
    build_again,
    build_warnings,
    copy_root,
    edit,
    line_in,
    read_needs,
    view_text,
)

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
        "open_questions": 0,
        "passing": 0,
    }
    assert auth["uncovered"] == 1
    assert report["scopes"][auth["scope"]] == ["AUTH_1", "AUTH_2", "AUTH_3"]
    assert [row["id"] for row in auth["requirements"]] == ["AUTH_1", "AUTH_2"]
    # another project's requirements have no document here
    assert report["requirements"]["AUTH_3"]["docname"] is None

    html = (plan.outdir / "index.html").read_text(encoding="utf8")
    assert view_text(html, "impl-traceability").startswith(
        "Coverage: 2 of 3 requirements implemented (66.7 %), 1 verified (33.3 %)"
    )
    # the requirement ids link to the spec project's site
    assert f'href="{SPEC_SITE}/index.html#AUTH_1"' in html


#: a project that builds on the plan project: one of its phases comes after a phase of
#: the plan project, one starts too early, and one item names the other project's plan
FOLLOW_UP = """\
# Follow-up

```{impl-plan} Follow-up plan
:id: PLAN_NEXT
```

```{impl-phase} After the session service
:id: PH_NEXT
:depends: PH_AUTH_BUILD
:duration: 1w
```

```{impl-phase} Too early
:id: PH_EARLY
:depends: PH_AUTH_BUILD
:start: 2027-03-10
:duration: 1w
```

```{impl-component} In the other project's plan
:id: CMP_ELSEWHERE
:plan: PLAN_AUTH
```
"""


def test_phases_and_plans_of_another_project(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """A phase may depend on a phase of another project: it starts the day after that
    phase ends, as its ``needs.json`` gives the dates. An item cannot belong to the
    other project's plan: no report of either project would show it."""
    spec_src = copy_root("external-spec", tmp_path / "spec")
    plan_src = copy_root("external-plan", tmp_path / "plan")
    spec = make_app("needs", srcdir=spec_src)
    spec.build()
    spec.cleanup()
    plan = make_app(
        "needs",
        srcdir=plan_src,
        confoverrides={
            "needs_external_needs": [
                {"base_url": SPEC_SITE, "json_path": str(spec.outdir / "needs.json")}
            ]
        },
    )
    plan.build()
    plan.cleanup()
    plan_needs = read_needs(plan)
    # 2w from 2027-03-01, the end day included
    assert (plan_needs["PH_AUTH_BUILD"]["start"], plan_needs["PH_AUTH_BUILD"]["end"]) == (
        "2027-03-01",
        "2027-03-14",
    )

    follow_src = tmp_path / "follow-up"
    follow_src.mkdir()
    (follow_src / "conf.py").write_text(
        (plan_src / "conf.py").read_text(encoding="utf8"), encoding="utf8"
    )
    (follow_src / "index.md").write_text(FOLLOW_UP, encoding="utf8")
    follow = make_app(
        "needs",
        srcdir=follow_src,
        confoverrides={
            "needs_external_needs": [
                {
                    "base_url": "https://plan.example.org",
                    "json_path": str(plan.outdir / "needs.json"),
                }
            ]
        },
    )
    follow.build()
    assert_no_traceback(follow)
    index = follow_src / "index.md"
    assert sorted(build_warnings(follow)) == [
        BuildWarning(
            "index.md",
            line_in(index, "Too early"),
            "implplan.schedule",
            "PH_EARLY: phase 'PH_EARLY' starts 2027-03-10, before phase 'PH_AUTH_BUILD' it "
            "depends on ends (2027-03-14)",
        ),
        BuildWarning(
            "index.md",
            line_in(index, "In the other project's plan"),
            "implplan.plan",
            "CMP_ELSEWHERE: :plan: 'PLAN_AUTH' is a plan of another project (an external "
            "need); an item belongs to a plan of this project",
        ),
    ]
    needs = read_needs(follow)
    # the day after the other project's phase ends, for a week
    assert (needs["PH_NEXT"]["start"], needs["PH_NEXT"]["end"]) == ("2027-03-15", "2027-03-21")
    assert needs["PH_EARLY"]["start"] == "2027-03-10"


def test_a_retitled_external_requirement_reaches_the_plan_built_again(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """No document of the plan project changes, only the other project's needs.json:
    the plan's page, not read again, shows the requirement's new title."""
    spec_src, plan_src = tmp_path / "spec", tmp_path / "plan"
    copy_root("external-spec", spec_src)
    copy_root("external-plan", plan_src)
    needs_json = tmp_path / "needs.json"
    options = {"needs_external_needs": [{"base_url": SPEC_SITE, "json_path": str(needs_json)}]}

    def publish_spec() -> None:
        spec = build_again(make_app, spec_src, "needs")
        needs_json.write_bytes((spec.outdir / "needs.json").read_bytes())

    publish_spec()
    build_again(make_app, plan_src, confoverrides=options)
    edit(spec_src / "index.md", "```{req} Sign in\n", "```{req} Sign in with a passkey\n")
    publish_spec()
    plan = build_again(make_app, plan_src, confoverrides=options)

    html = view_text((plan.outdir / "index.html").read_text(encoding="utf8"), "impl-traceability")
    assert "Sign in with a passkey" in html
