"""The warning families of the guide's Warnings page through real builds.

``roots/test-problems`` holds one document per family (plan, missing, link, cycle,
schedule, unmitigated, and one value problem); ``roots/test-minimal`` and
``roots/test-config-shapes`` serve the configuration checks. Every warning must be
of type ``implplan``, at the item's file and line, and the build must go on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from build_helpers import (
    BuildWarning,
    assert_no_traceback,
    build_again,
    build_warnings,
    copy_root,
    line_of,
    read_needs,
    warnings_of,
)

from sphinx_implplan.config import CONFIG_VALUES

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

#: (subtype, file, text on the item's line, what the message says), all of the build
EXPECTED: list[tuple[str, str, str, str]] = [
    ("plan", "noplan.md", "Before any plan", "belongs to no plan"),
    ("plan", "noplan.md", "Names an unknown plan", ":plan: 'PLAN_NOPE' is not the id of an impl-plan"),
    ("plan", "noplan.md", "Names a requirement as its plan", ":plan: 'FR_001' is not the id of an impl-plan"),
    ("plan", "noplan.md", "Second plan", "a second plan in this document"),
    ("missing", "missing.md", "No impact", ":impact: is missing"),
    ("missing", "missing.md", "No likelihood", ":likelihood: is missing"),
    ("missing", "missing.md", "Neither", ":impact: is missing"),
    ("missing", "missing.md", "Neither", ":likelihood: is missing"),
    ("missing", "missing.md", "No choice", ":choice: is missing"),
    ("missing", "missing.md", "Empty choice", ":choice: is empty"),
    ("value", "missing.md", "A bad level", ":impact: 'huge'"),
    ("link", "links.md", "Unknown id", "'FR_404' is not the id of any need"),
    ("link", "links.md", "Wrong target type", "'PH_L1' is of type impl-phase"),
    ("link", "links.md", "Relates to itself", "links the item to itself"),
    ("link", "links.md", "Takes no verifies", ":verifies: is not a link this item type takes"),
    ("link", "links.md", "Mitigates a requirement", "'FR_001' is of type req; :mitigates: links to impl-risk"),
    ("cycle", "cycles.md", "Depends on itself", "PH_C1 -> PH_C1"),
    ("cycle", "cycles.md", "Pair A", "PH_PA -> PH_PB -> PH_PA"),
    ("cycle", "cycles.md", "Ring 1", "PH_R1 -> PH_R5 -> PH_R4 -> PH_R3 -> PH_R2 -> PH_R1"),
    ("schedule", "schedule.md", "Ends before it starts", "ends 2027-03-01 before it starts 2027-03-10"),
    ("schedule", "schedule.md", "Starts too early", "starts 2027-01-10, before phase 'PH_S1'"),
    ("schedule", "schedule.md", "Starts on the last day", "starts 2027-01-17, before phase 'PH_S1'"),
    ("unmitigated", "unmitigated.md", "High and unmitigated", "RISK_U1: the risk scores 9 (band high)"),
]  # fmt: skip


def expected_warnings(app: SphinxTestApp, families: set[str] | None = None) -> list[BuildWarning]:
    """The warnings of ``EXPECTED`` (of ``families`` only, if given), with their lines."""
    return [
        BuildWarning(file, line_of(app, file, marker), f"implplan.{subtype}", says)
        for subtype, file, marker, says in EXPECTED
        if families is None or subtype in families
    ]


def assert_warnings_are(app: SphinxTestApp, expected: list[BuildWarning]) -> None:
    """Each expected warning once (its message containing the expected text), no more."""
    warnings = build_warnings(app)
    unmatched = list(warnings)
    for want in expected:
        found = [
            warning
            for warning in unmatched
            if warning[:3] == want[:3] and want.message in warning.message
        ]
        assert len(found) == 1, f"expected once: {want}"
        unmatched.remove(found[0])
    assert unmatched == []


@pytest.mark.sphinx("needs", testroot="problems", freshenv=True)
def test_every_family_at_its_line(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    assert_warnings_are(app, expected_warnings(app))
    assert {warning.subtype.split(".")[0] for warning in build_warnings(app)} == {"implplan"}
    # one warning per cycle, however long
    assert len(warnings_of(build_warnings(app), "cycle")) == 3

    needs = read_needs(app)
    # every item is kept, whatever was wrong with it
    for need_id in (
        "RISK_NO_PLAN",
        "CMP_UNKNOWN_PLAN",
        "RISK_NO_IMPACT",
        "RISK_NEITHER",
        "DEC_NO_CHOICE",
        "DEC_EMPTY_CHOICE",
        "CMP_UNKNOWN_ID",
        "ENT_SELF",
        "RISK_VERIFIES",
        "PH_C1",
        "PH_R3",
        "PH_BACKWARDS",
        "PH_S2",
        "RISK_U1",
    ):
        assert need_id in needs, need_id
    assert needs["RISK_NO_PLAN"]["plan"] is None
    assert needs["CMP_FIRST"]["plan"] == "PLAN_NP"
    assert needs["TEST_AFTER"]["plan"] == "PLAN_NP2"
    assert needs["RISK_NO_IMPACT"]["score"] is None
    assert needs["RISK_NEITHER"]["mitigation"] == "kept"
    assert needs["DEC_NO_CHOICE"]["alternatives"] == ["a", "b"]
    assert needs["DEC_EMPTY_CHOICE"]["choice"] is None
    # a link option the type does not take is dropped
    assert needs["RISK_VERIFIES"]["verifies"] == []
    assert "RISK_VERIFIES" not in needs["FR_001"]["verifies_back"]
    # a phase behind a cycle is not a cycle of its own, and is not scheduled
    assert needs["PH_BEHIND"]["start"] is None
    # mitigation by a link from another document counts
    assert needs["RISK_U5"]["band"] == "high"
    assert needs["RISK_U5"]["mitigates_back"] == ["TEST_CMP"]


def suppressing(*families: str) -> pytest.MarkDecorator:
    return pytest.mark.sphinx(
        confoverrides={"suppress_warnings": [f"implplan.{family}" for family in families]}
    )


@pytest.mark.parametrize(
    "families",
    [
        pytest.param({"link"}, marks=suppressing("link"), id="link"),
        pytest.param({"plan", "unmitigated"}, marks=suppressing("plan", "unmitigated"), id="plan-unmitigated"),
        pytest.param({"cycle", "schedule", "value"}, marks=suppressing("cycle", "schedule", "value"), id="cycle-schedule-value"),
    ],
)  # fmt: skip
@pytest.mark.sphinx("needs", testroot="problems", freshenv=True)
def test_suppress_warnings_silences_exactly_that_family(
    app: SphinxTestApp, families: set[str]
) -> None:
    app.build()
    all_families = {subtype for subtype, *_ in EXPECTED}
    assert_warnings_are(app, expected_warnings(app, all_families - families))


@pytest.mark.sphinx("needs", testroot="config-shapes", freshenv=True)
def test_config_of_the_wrong_shape_warns_and_uses_the_default(app: SphinxTestApp) -> None:
    app.build()
    warnings = build_warnings(app)
    assert sorted(warning[:3] for warning in warnings) == [
        ("", None, "implplan.config"),
        ("", None, "implplan.config"),
    ]
    messages = sorted(warning.message for warning in warnings)
    assert messages[0].startswith("implplan_requirement_types = 5 is not valid")
    assert "using the default ['req']" in messages[0]
    assert messages[1].startswith("implplan_risk_levels = 'high' is not valid")
    assert "using the default ['low', 'medium', 'high']" in messages[1]
    needs = read_needs(app)
    # the default levels score the risk; the default requirement type takes the link
    assert (needs["RISK_1"]["score"], needs["RISK_1"]["band"]) == (9, "high")
    assert needs["FR_001"]["implements_back"] == ["PH_1"]


#: per setting, values of the wrong shape: each must be warned about and replaced (a
#: string is in ``roots/test-config-shapes``: as an override, Sphinx splits it at commas)
WRONG_SHAPES: dict[str, list[object]] = {
    "implplan_requirement_types": [None, 5, [], [""], ["req", 3], {"req": 1}, ("  ",)],
    "implplan_risk_levels": [None, 2.5, [], ["one"], ["low", "LOW"], [1, 2], ["low", None], {"low"}],
    "implplan_speckit_roots": [None, 3, [""], ["specs", 2]],
    "implplan_baseline": [5, "  ", ["implplan-baseline.json"], "base\nline.json"],
    "implplan_test_results": [None, 3, [""], ["junit.xml", 2], {"junit.xml"}],
    "implplan_tune_memory": [None, 0, 1, [True]],
}  # fmt: skip


#: settings whose wrong values fall back to something other than their default, each
#: tried in the test module named
OWN_TESTS = {"implplan_today": "test_build_gantt.py (the build's day, not None)"}


def test_every_setting_has_wrong_shapes_to_try() -> None:
    assert set(WRONG_SHAPES) | set(OWN_TESTS) == {value.name for value in CONFIG_VALUES}
    assert not set(WRONG_SHAPES) & set(OWN_TESTS)


@pytest.mark.parametrize(
    ("setting", "raw"),
    [
        pytest.param(value.name, raw, marks=pytest.mark.sphinx(confoverrides={value.name: raw}))
        for value in CONFIG_VALUES
        for raw in WRONG_SHAPES.get(value.name, [])
    ],
)
@pytest.mark.sphinx("needs", testroot="minimal", freshenv=True)
def test_a_setting_of_the_wrong_shape_falls_back_to_its_default(
    app: SphinxTestApp, setting: str, raw: object
) -> None:
    app.build()
    assert_no_traceback(app)
    (warning,) = build_warnings(app)
    assert (warning.file, warning.line, warning.subtype) == ("", None, "implplan.config")
    assert warning.message.startswith(f"{setting} = {raw!r} is not valid: expected ")
    (value,) = [value for value in CONFIG_VALUES if value.name == setting]
    assert warning.message.endswith(f"using the default {value.default!r}")
    assert getattr(app.config, setting) == value.check(value.default)
    # the build went on with the default: the link and the score are as without it
    needs = read_needs(app)
    assert needs["FR_001"]["implements_back"] == ["PH_1"]
    assert (needs["RISK_1"]["score"], needs["RISK_1"]["band"]) == (9, "high")


@pytest.mark.sphinx(
    "needs",
    testroot="minimal",
    freshenv=True,
    confoverrides={"implplan_risk_levels": ["Very low", "low", "medium", "high", "very_high"]},
)
def test_five_risk_levels(app: SphinxTestApp) -> None:
    app.build()
    assert build_warnings(app) == []
    risk = read_needs(app)["RISK_1"]
    # rank 4 x rank 4 = 16 of 25: below 2/3 of the highest score, so band medium
    assert (risk["impact"], risk["score"], risk["band"]) == ("high", 16, "medium")


@pytest.mark.parametrize("parallel", [0, 2])
def test_every_build_gives_every_warning(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, parallel: int
) -> None:
    """A build that reads nothing again, or one document only, still warns about every
    problem: ``-W`` on a kept ``_build`` fails as on a clean one."""
    source = copy_root("problems", tmp_path / "problems")

    def build() -> list[BuildWarning]:
        return sorted(build_warnings(build_again(make_app, source, parallel=parallel)))

    clean = build()
    assert len(clean) == len(EXPECTED)
    assert build() == clean
    (source / "links.md").touch()
    assert build() == clean


def test_an_unresolved_markdown_link_is_no_concern_of_the_domain(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """The extension's domain takes no part in resolving references: a Markdown link
    to a file that is no document is MyST's to report, never a warning naming the
    domain (which has no file or line, and would break ``-W`` builds)."""
    source = copy_root("minimal", tmp_path / "minimal")
    with (source / "index.md").open("a", encoding="utf8") as index:
        index.write("\nSee the [research](./research.md) and [notes](#nowhere).\n")
    warnings = build_warnings(build_again(make_app, source))
    assert [warning for warning in warnings if "implplan" in warning.message.lower()] == []
    assert [warning for warning in warnings if warning.subtype == "myst.domains"] == []
    assert {warning.subtype.split(".")[0] for warning in warnings} <= {"myst"}


@pytest.mark.sphinx(
    "needs",
    testroot="minimal",
    freshenv=True,
    confoverrides={"implplan_requirement_types": ["req", "story", "impl-plan", "impl-risk"]},
)
def test_requirement_types_that_are_item_types_or_no_need_type_warn(
    app: SphinxTestApp,
) -> None:
    app.build()
    assert_no_traceback(app)
    warnings = build_warnings(app)
    assert [warning[:3] for warning in warnings] == [("", None, "implplan.config")] * 2
    own, unknown = (warning.message for warning in warnings)
    assert own.startswith("implplan_requirement_types names 'impl-plan', 'impl-risk': ")
    assert "item types of sphinx-implplan, never requirements; they are left out" in own
    assert unknown.startswith("implplan_requirement_types names 'story', which is no need type")
    # the item types are left out: the plan is not a requirement the plan must cover
    assert app.config.implplan_requirement_types == ["req", "story"]
    needs = read_needs(app)
    assert needs["FR_001"]["implements_back"] == ["PH_1"]


@pytest.mark.sphinx(
    "needs",
    testroot="minimal",
    freshenv=True,
    confoverrides={"implplan_requirement_types": ["impl-plan"]},
)
def test_requirement_types_of_item_types_only_fall_back_to_the_default(
    app: SphinxTestApp,
) -> None:
    app.build()
    (warning,) = build_warnings(app)
    assert warning[:3] == ("", None, "implplan.config")
    assert warning.message.startswith("implplan_requirement_types names 'impl-plan': ")
    assert warning.message.endswith("using the default ['req']")
    assert app.config.implplan_requirement_types == ["req"]


#: a set of many levels: printed in hash order, its text would change from run to run
MANY_LEVELS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}


@pytest.mark.sphinx(
    "needs", testroot="minimal", freshenv=True, confoverrides={"implplan_risk_levels": MANY_LEVELS}
)
def test_a_set_of_risk_levels_is_shown_in_a_stable_order(app: SphinxTestApp) -> None:
    app.build()
    (warning,) = build_warnings(app)
    assert warning.subtype == "implplan.config"
    members = ", ".join(repr(level) for level in sorted(MANY_LEVELS))
    assert warning.message.startswith(f"implplan_risk_levels = {{{members}}} is not valid: ")
    assert "a set has no order" in warning.message
