"""Open questions (``[NEEDS CLARIFICATION: ...]`` markers in requirements) through a
real build: counted per plan in ``implplan.json``, the summary and ``implplan
check``, never warned about (guide: The report, impl-summary).

``roots/test-open-questions``: ``spec.md`` holds FR_1 (no marker: only a lower-case
one, which is prose), FR_2 (one), FR_3 (two, in its second paragraph: one whose
question wraps onto the next line, one without a question); ``other-spec.md`` OR_1
(one); ``settled-spec.md`` SR_1 (none). PLAN_A's ``:spec:`` is ``spec``, so OR_1 is
outside its scope: 3 open questions. PLAN_B names no spec, so every requirement
counts: 4. PLAN_C's spec has none. CMP_A's body holds a marker too, which counts for
no plan: a component is no requirement. Every requirement is implemented, so the
check finds no gap.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import (
    assert_no_traceback,
    build_warnings,
    copy_root,
    open_questions_of,
    read_html,
    view_text,
)

from sphinx_implplan.cli import main

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

PLAN_A_QUESTIONS = [
    {"requirement": "FR_2", "question": "CSV or JSON?"},
    {"requirement": "FR_3", "question": "how many milliseconds?"},
    {"requirement": "FR_3", "question": ""},
]


def _whole_report(app: SphinxTestApp) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((app.outdir / "implplan.json").read_text("utf-8"))
    return data


def _report(app: SphinxTestApp) -> dict[str, Any]:
    plans: dict[str, Any] = _whole_report(app)["plans"]
    return plans


@pytest.mark.sphinx("html", testroot="open-questions", freshenv=True)
def test_the_report_lists_the_open_questions_in_scope(app: SphinxTestApp) -> None:
    app.build()
    assert_no_traceback(app)
    # open questions are no problem of the build
    assert build_warnings(app) == []
    whole = _whole_report(app)
    plans = whole["plans"]
    assert open_questions_of(whole, "PLAN_A") == PLAN_A_QUESTIONS
    assert plans["PLAN_A"]["coverage"]["open_questions"] == 3
    # no spec: every requirement, OR_1 too, in requirement id order
    assert open_questions_of(whole, "PLAN_B") == [
        *PLAN_A_QUESTIONS,
        {"requirement": "OR_1", "question": "how long?"},
    ]
    assert plans["PLAN_B"]["coverage"]["open_questions"] == 4
    assert open_questions_of(whole, "PLAN_C") == []
    # each marker is written once, with its requirement, however many plans count it
    assert whole["requirements"]["FR_3"]["open_questions"] == ["how many milliseconds?", ""]
    assert all("open_questions" not in plan for plan in plans.values())
    assert plans["PLAN_C"]["coverage"]["open_questions"] == 0
    # the keys that were there before keep their values
    assert plans["PLAN_A"]["coverage"] == {
        "requirements": 3,
        "implemented": 3,
        "verified": 0,
        "measured": 0,
        "percent": 100.0,
        "open_questions": 3,
        "passing": 0,
    }


@pytest.mark.sphinx("html", testroot="open-questions", freshenv=True)
def test_the_summary_counts_the_open_questions(app: SphinxTestApp) -> None:
    app.build()
    summary = view_text(read_html(app, "plan"), "impl-summary")
    assert (
        "Coverage 100.0 % (3 of 3 requirements implemented; 0 verified, 0 measured) "
        "Open questions 3 open questions ( FR_2 , FR_3 ) Open risks"
    ) in summary
    # the requirement ids link to where they are written
    html = read_html(app, "plan")
    assert 'href="spec.html#FR_2"' in html
    assert "4 open questions ( FR_2 , FR_3 , OR_1 )" in view_text(
        read_html(app, "plan-b"), "impl-summary"
    )
    # a plan whose spec has none shows no line for them
    assert "open question" not in view_text(read_html(app, "plan-c"), "impl-summary").lower()


def test_the_check_lists_them_and_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = copy_root("open-questions", tmp_path / "questions")
    assert main(["check", str(src)]) == 0
    text = capsys.readouterr().out
    assert (
        "PLAN_A: Plan A\n"
        "  coverage: 3/3 requirements implemented (100.0%), 0 verified, 0 measured\n"
        "  uncovered requirements: none\n"
        "  open questions (3):\n"
        "    FR_2  CSV or JSON?\n"
        "    FR_3  how many milliseconds?\n"
        "    FR_3\n"
        "  unmitigated high risks: none\n"
    ) in text
    assert "PLAN_C: Plan C\n  coverage: 1/1 requirements implemented (100.0%), 0 verified, " in text
    assert "  open questions: none\n" in text
    assert text.count("verdict: OK") == 3
    assert text.splitlines()[-1] == "OK: 3 plans, no gaps; 7 open questions"

    assert main(["check", str(src), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert (
        "**Open questions:**\n\n- `FR_2` CSV or JSON?\n- `FR_3` how many milliseconds?\n- `FR_3`\n"
    ) in markdown
    assert "**OK: 3 plans, no gaps; 7 open questions**" in markdown
