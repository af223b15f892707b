"""Items under the project's own ``needs_id_regex``, serial and with ``-j 2``.

``roots/test-id-rule`` sets a strict rule (``^[A-Z]{3}-[0-9]{3}$``) and writes an item
of a valid id, one whose ``:id:`` the rule refuses (``bad-id.md``) and one without an
``:id:`` (``no-id.md``). The id sphinx-needs would generate for these two fails the rule
too, so they are left out, each with one warning that says so and why; the item in
the body of the first is kept all the same. Under a rule
the generated ids pass, the warning names the id each item gets, and the item has it.
A rule that is no regular expression is warned about once and replaced by the
extension's own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from build_helpers import build_again, build_warnings, copy_root, line_of, needs_in

from sphinx_implplan.needs_bridge import IMPLPLAN_ID_REGEX

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

STRICT = "^[A-Z]{3}-[0-9]{3}$"
#: the needs every build keeps, whatever the rule
KEPT = {"PLN-001", "REQ-001", "CMP-001", "RSK-001", "RSK-002", "PHS-001"}
_QUOTED_ID = re.compile(r"the id '([A-Z0-9_]+)'")

with_parallel = pytest.mark.parametrize("parallel", [0, 2])


def build(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, parallel: int, **overrides: object
) -> SphinxTestApp:
    project = copy_root("id-rule", tmp_path / "id-rule")
    return build_again(
        make_app,
        project,
        parallel=parallel,
        confoverrides={"needs_build_json": True, **overrides},
    )


def quoted_id(message: str) -> str:
    found = _QUOTED_ID.search(message)
    assert found is not None, message
    return found.group(1)


@with_parallel
def test_an_item_whose_generated_id_the_rule_refuses_is_left_out_saying_so(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, parallel: int
) -> None:
    app = build(make_app, tmp_path, parallel)
    warnings = sorted(build_warnings(app))
    assert [warning[:3] for warning in warnings] == [
        ("bad-id.md", line_of(app, "bad-id.md", "{impl-component} Bad id"), "implplan.value"),
        ("no-id.md", line_of(app, "no-id.md", "{impl-component}"), "implplan.value"),
    ]
    bad, missing = (warning.message for warning in warnings)
    assert bad == (
        f"impl-component: 'bad' is not a valid id (the project's rule is {STRICT!r}), and "
        f"neither is the id {quoted_id(bad)!r} sphinx-needs would generate for it; the "
        "item is left out: give it an :id: that matches the rule"
    )
    assert missing == (
        f"impl-component: the item has no :id:, and the id {quoted_id(missing)!r} "
        f"sphinx-needs would generate for it does not match the project's rule "
        f"{STRICT!r}; the item is left out: give it an :id: that matches the rule"
    )
    for message in (bad, missing):
        assert quoted_id(message).startswith("CMP_")
        assert re.match(STRICT, quoted_id(message)) is None
    # what the warnings say: those two are left out, every other item is kept, the
    # one in the body of an item left out too
    assert set(needs_in(app.outdir)) == KEPT
    assert needs_in(app.outdir)["REQ-001"]["implements_back"] == ["CMP-001"]


@with_parallel
def test_an_item_whose_id_the_rule_refuses_gets_the_generated_id_the_warning_names(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, parallel: int
) -> None:
    rule = "^[A-Z][A-Z0-9_-]*$"
    app = build(make_app, tmp_path, parallel, needs_id_regex=rule)
    (warning,) = build_warnings(app)
    assert warning[:3] == (
        "bad-id.md",
        line_of(app, "bad-id.md", "{impl-component} Bad id"),
        "implplan.value",
    )
    generated = quoted_id(warning.message)
    assert warning.message == (
        f"impl-component: 'bad' is not a valid id (the project's rule is {rule!r}); the "
        f"id {generated!r} is generated instead"
    )
    needs = needs_in(app.outdir)
    assert needs[generated]["title"] == "Bad id"
    # the item without an :id: gets one too, silently
    (untitled,) = [need for need in needs.values() if need["title"] == "Without an id"]
    assert re.match(rule, untitled["id"])
    assert set(needs) == KEPT | {generated, untitled["id"]}


@with_parallel
def test_a_rule_that_is_no_regular_expression_gives_way_to_the_extension_s(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, parallel: int
) -> None:
    app = build(make_app, tmp_path, parallel, needs_id_regex="^[A-Z(")
    config, refused = sorted(build_warnings(app))
    assert config[:3] == ("", None, "implplan.config")
    assert config.message == (
        "needs_id_regex = '^[A-Z(' is not a valid regular expression (unterminated "
        "character set at position 1); ids are checked by sphinx-implplan's own rule "
        f"{IMPLPLAN_ID_REGEX!r} instead"
    )
    assert app.config.needs_id_regex == IMPLPLAN_ID_REGEX
    # ids are judged by the extension's rule, matched from their start as sphinx-needs
    # matches them: 'bad' is refused and gets a generated id, 'CMP-001' is kept
    assert refused[:3] == (
        "bad-id.md",
        line_of(app, "bad-id.md", "{impl-component} Bad id"),
        "implplan.value",
    )
    generated = quoted_id(refused.message)
    assert refused.message.endswith(f"; the id {generated!r} is generated instead")
    needs = needs_in(app.outdir)
    assert needs[generated]["title"] == "Bad id"
    assert set(needs) >= KEPT
    assert len(needs) == len(KEPT) + 2


def test_spec_kit_requirement_ids_pass_the_extension_s_rule(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """``FR-001`` as spec-kit writes it: a hyphen, which sphinx-needs' default rule
    refuses, is taken by the rule the extension puts in its place."""
    srcdir = tmp_path / "spec-kit-ids"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_implplan"]\nshow_warning_types = True\n'
    )
    (srcdir / "index.md").write_text(
        "# Export\n\n"
        "```{req} Export the ledger as CSV\n:id: FR-001\n```\n\n"
        "```{req} Keep exports for 30 days\n:id: FR-002\n```\n\n"
        "```{impl-plan} Ledger export\n:id: PLAN_EXPORT\n```\n\n"
        "```{impl-component} Exporter\n:id: CMP_EXPORTER\n:implements: FR-001\n```\n",
        encoding="utf-8",
    )
    app = build_again(make_app, srcdir, confoverrides={"needs_build_json": True})
    assert build_warnings(app) == []
    assert app.config.needs_id_regex == IMPLPLAN_ID_REGEX
    needs = needs_in(app.outdir)
    assert needs["FR-001"]["implements_back"] == ["CMP_EXPORTER"]
    assert {"FR-002", "PLAN_EXPORT"} <= needs.keys()
