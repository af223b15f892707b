"""The report of ``implplan check`` as plain text (a terminal, a CI log) or as
GitHub-flavoured Markdown (a CI job summary). No Sphinx imports.

Both name every gap, in the plan's section and again in its verdict line, and list
the open questions, which are no gap. A plan under approval also lists its suspect
items, those changed since approval and those not approved. A plan with phases lists
the late ones and those not started; where the project reads test results, a plan
with tests counts them by result and lists the failed ones and the ``:cases:``
patterns that match no case, and with ``--require-passing`` the requirements not
passing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sphinx_implplan.plan.coverage import Coverage, OpenQuestion
from sphinx_implplan.plan.markdown_text import escape_markdown, markdown_code
from sphinx_implplan.plan.outcomes import TestResult
from sphinx_implplan.plan.result_entries import TestEntry
from sphinx_implplan.plan.verdict import (
    ApprovedItem,
    CheckResult,
    DanglingLink,
    PhaseProgress,
    PlanVerdict,
    Ref,
    format_percent,
)

_INDENT = "  "


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _coverage_text(coverage: Coverage, min_coverage: float | None, *, passing: bool) -> str:
    """``passing``: also the requirements passing (where the project reads results)."""
    if coverage.percent is None:
        return "no requirements in scope"
    bar = "" if min_coverage is None else f"; at least {format_percent(min_coverage)}% required"
    passed = f"{coverage.passing} passing, " if passing else ""
    return (
        f"{coverage.implemented}/{coverage.requirements} requirements implemented "
        f"({coverage.percent:.1f}%{bar}), {coverage.verified} verified, {passed}"
        f"{coverage.measured} measured"
    )


def _progress(phase: PhaseProgress) -> str:
    if phase.done is None or phase.total is None:
        return "-"
    return f"{phase.done}/{phase.total}"


def plan_verdict_text(plan: PlanVerdict) -> str:
    if plan.ok:
        return "OK"
    return "gaps found: " + "; ".join(str(gap) for gap in plan.gaps)


def overall_verdict_text(result: CheckResult) -> str:
    if not result.plans:
        return "OK: no plans in this project"
    # said on the last line too, which a CI log shows first, but never a gap
    questions = sum(len(plan.open_questions) for plan in result.plans)
    asked = f"; {_plural(questions, 'open question')}" if questions else ""
    late = sum(len(plan.late) for plan in result.plans)
    if late and not result.fail_late:
        asked += f"; {_plural(late, 'late phase')}"
    if result.allow_suspect:
        allowed = sum(
            len(plan.approval.suspect) + len(plan.approval.changed)
            for plan in result.plans
            if plan.approval is not None
        )
        if allowed:
            asked += f"; {_plural(allowed, 'suspect or changed item')} allowed"
    failing = [plan.id for plan in result.plans if not plan.ok]
    if not failing:
        return f"OK: {_plural(len(result.plans), 'plan')}, no gaps{asked}"
    return (
        f"gaps found: {_plural(len(result.gaps), 'gap')} in {len(failing)} of "
        f"{_plural(len(result.plans), 'plan')} ({', '.join(failing)}){asked}"
    )


# -- text ---------------------------------------------------------------------------


def _ref_text(ref: Ref) -> str:
    return f"{ref.id}  {ref.title}" if ref.title else ref.id


def _question_text(found: OpenQuestion) -> str:
    return f"{found.requirement}  {found.question}" if found.question else found.requirement


def _approved_item_text(item: ApprovedItem) -> str:
    text = f"{item.id}  {item.title}" if item.title else item.id
    if item.changed:
        return f"{text}  ({', '.join(item.changed)} changed since the approval on {item.approved})"
    if item.approved:
        return f"{text}  (approved on {item.approved})"
    return text


def _tests_count(tests: Sequence[TestEntry]) -> str:
    """``2 passed, 1 failed, 0 skipped, 1 not run``: every result, zeros included."""
    return ", ".join(
        f"{sum(test.result == result.value for test in tests)} {result.value}"
        for result in TestResult
    )


def _tests_with(tests: Sequence[TestEntry], result: TestResult) -> list[TestEntry]:
    return [test for test in tests if test.result == result.value]


def _unmatched(tests: Sequence[TestEntry]) -> list[tuple[str, str]]:
    """Each ``:cases:`` pattern that matches no case, with its test."""
    return [(test.id, pattern) for test in tests for pattern in test.unmatched]


def _test_text(test: TestEntry) -> str:
    text = f"{test.id}  {test.title}" if test.title else test.id
    return f"{text}  ({test.message})" if test.message else text


def _text_list(title: str, lines: Sequence[str]) -> list[str]:
    if not lines:
        return [f"{_INDENT}{title}: none"]
    return [f"{_INDENT}{title} ({len(lines)}):", *(f"{_INDENT * 2}{line}" for line in lines)]


def _columns(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows with every column but the last padded to its widest cell."""
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _plan_text(
    plan: PlanVerdict, min_coverage: float | None, *, require_passing: bool = False
) -> list[str]:
    heading = f"{plan.id}: {plan.title}" if plan.title else plan.id
    coverage = _coverage_text(plan.coverage, min_coverage, passing=bool(plan.tests))
    lines = [heading, f"{_INDENT}coverage: {coverage}"]
    lines += _text_list("uncovered requirements", [_ref_text(ref) for ref in plan.uncovered])
    lines += _text_list("open questions", [_question_text(q) for q in plan.open_questions])
    lines += _text_list("unmitigated high risks", [_ref_text(ref) for ref in plan.high_risks])
    lines += _text_list("dangling links", [str(link) for link in plan.dangling])
    if (approval := plan.approval) is not None:
        lines.append(f"{_INDENT}approved items: {approval.approved}")
        lines += _text_list("suspect items", [_approved_item_text(i) for i in approval.suspect])
        lines += _text_list(
            "changed since approval", [_approved_item_text(i) for i in approval.changed]
        )
        lines += _text_list("not approved", [_approved_item_text(i) for i in approval.not_approved])
    if plan.tests:
        lines.append(f"{_INDENT}tests: {_tests_count(plan.tests)}")
        failed = _tests_with(plan.tests, TestResult.FAILED)
        lines += _text_list("failed tests", [_test_text(test) for test in failed])
        lines += _text_list(
            "cases matching nothing",
            [f"{test}  {pattern!r}" for test, pattern in _unmatched(plan.tests)],
        )
    if require_passing:
        lines += _text_list(
            "requirements not passing", [_ref_text(ref) for ref in plan.not_passing]
        )
    if plan.phases:
        lines += _text_list("late phases", [_ref_text(ref) for ref in plan.late])
        lines += _text_list("phases not started", [_ref_text(ref) for ref in plan.not_started])
        rows = [
            (phase.id, phase.title, _progress(phase), phase.status or "-") for phase in plan.phases
        ]
        lines.append(f"{_INDENT}phases ({len(rows)}):")
        lines += [f"{_INDENT * 2}{line}" for line in _columns(rows)]
    else:
        lines.append(f"{_INDENT}phases: none")
    lines.append(f"{_INDENT}verdict: {plan_verdict_text(plan)}")
    return lines


def render_text(result: CheckResult) -> str:
    lines: list[str] = []
    for plan in result.plans:
        lines += [
            *_plan_text(plan, result.min_coverage, require_passing=result.require_passing),
            "",
        ]
    lines.append(overall_verdict_text(result))
    return "\n".join(lines) + "\n"


# -- Markdown -----------------------------------------------------------------------


def _table(header: Sequence[str], align: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    return [row(header), row(align), *(row(cells) for cells in rows)]


def _ref_markdown(ref: Ref) -> str:
    return f"{markdown_code(ref.id)} {escape_markdown(ref.title)}".rstrip()


def _question_markdown(found: OpenQuestion) -> str:
    return f"{markdown_code(found.requirement)} {escape_markdown(found.question)}".rstrip()


def _link_markdown(link: DanglingLink) -> str:
    option = markdown_code(f":{link.link}:")
    return f"{markdown_code(link.source)} -> {option} {markdown_code(link.target)}"


def _approved_item_markdown(item: ApprovedItem) -> str:
    text = f"{markdown_code(item.id)} {escape_markdown(item.title)}".rstrip()
    if item.changed:
        changed = ", ".join(markdown_code(target) for target in item.changed)
        return f"{text}: {changed} changed since the approval on {item.approved}"
    if item.approved:
        return f"{text} (approved on {item.approved})"
    return text


def _test_markdown(test: TestEntry) -> str:
    text = f"{markdown_code(test.id)} {escape_markdown(test.title)}".rstrip()
    return f"{text}: {escape_markdown(test.message)}" if test.message else text


def _tests_markdown(plan: PlanVerdict, *, require_passing: bool) -> list[str]:
    lines: list[str] = []
    if plan.tests:
        lines += [f"**Tests:** {_tests_count(plan.tests)}", ""]
        failed = _tests_with(plan.tests, TestResult.FAILED)
        lines += _markdown_list("Failed tests", [_test_markdown(test) for test in failed])
        lines += _markdown_list(
            "Cases matching nothing",
            [
                f"{markdown_code(test)} {markdown_code(pattern)}"
                for test, pattern in _unmatched(plan.tests)
            ],
        )
    if require_passing:
        lines += _markdown_list(
            "Requirements not passing", [_ref_markdown(r) for r in plan.not_passing]
        )
    return lines


def _markdown_list(title: str, items: Sequence[str]) -> list[str]:
    if not items:
        return [f"**{title}:** none", ""]
    return [f"**{title}:**", "", *(f"- {item}" for item in items), ""]


def _plan_markdown(
    plan: PlanVerdict, min_coverage: float | None, *, require_passing: bool = False
) -> list[str]:
    title = (
        f"{escape_markdown(plan.title)} ({markdown_code(plan.id)})"
        if plan.title
        else markdown_code(plan.id)
    )
    coverage = plan.coverage
    percent = "-" if coverage.percent is None else f"{coverage.percent:.1f}%"
    header = ["Requirements", "Implemented", "Coverage", "Verified", "Measured"]
    cells = [
        str(coverage.requirements),
        str(coverage.implemented),
        percent,
        str(coverage.verified),
        str(coverage.measured),
    ]
    if plan.tests:
        header.insert(4, "Passing")
        cells.insert(4, str(coverage.passing))
    if min_coverage is not None:
        header.append("Required")
        cells.append(f"{format_percent(min_coverage)}%")
    lines = [f"## {title}", ""]
    lines += [*_table(header, ["---:"] * len(header), [cells]), ""]
    lines += _markdown_list("Uncovered requirements", [_ref_markdown(r) for r in plan.uncovered])
    lines += _markdown_list("Open questions", [_question_markdown(q) for q in plan.open_questions])
    lines += _markdown_list("Unmitigated high risks", [_ref_markdown(r) for r in plan.high_risks])
    lines += _markdown_list("Dangling links", [_link_markdown(link) for link in plan.dangling])
    if (approval := plan.approval) is not None:
        lines += [f"**Approved items:** {approval.approved}", ""]
        for title, items in (
            ("Suspect items", approval.suspect),
            ("Changed since approval", approval.changed),
            ("Not approved", approval.not_approved),
        ):
            lines += _markdown_list(title, [_approved_item_markdown(item) for item in items])
    lines += _tests_markdown(plan, require_passing=require_passing)
    if plan.phases:
        lines += _markdown_list("Late phases", [_ref_markdown(ref) for ref in plan.late])
        lines += _markdown_list("Phases not started", [_ref_markdown(r) for r in plan.not_started])
        lines += ["**Phases:**", ""]
        lines += _table(
            ["Phase", "Title", "Done", "Status"],
            ["---", "---", "---:", "---"],
            (
                [
                    markdown_code(phase.id, in_table=True),
                    escape_markdown(phase.title),
                    _progress(phase),
                    escape_markdown(phase.status or "-"),
                ]
                for phase in plan.phases
            ),
        )
        lines.append("")
    else:
        lines += ["**Phases:** none", ""]
    lines += [f"**Verdict:** {escape_markdown(plan_verdict_text(plan))}", ""]
    return lines


def render_markdown(result: CheckResult) -> str:
    lines = ["# implplan check", "", f"**{escape_markdown(overall_verdict_text(result))}**", ""]
    for plan in result.plans:
        lines += _plan_markdown(plan, result.min_coverage, require_passing=result.require_passing)
    return "\n".join(lines).rstrip("\n") + "\n"
