"""What changed between two plan reports (a :class:`.report_diff.ReportDiff`) as
plain text (a terminal, a CI log) or as GitHub-flavoured Markdown (a pull request
comment), for ``implplan diff``. No Sphinx imports.

Both list, per plan with a change, the coverage before and after and each kind of
change that is not empty, and end (text) or start (Markdown) with a summary line.
"""

from __future__ import annotations

from sphinx_implplan.plan.coverage import Coverage
from sphinx_implplan.plan.markdown_text import escape_markdown, markdown_code
from sphinx_implplan.plan.report_diff import Moved, PlanChange, PlanDiff, Progress, ReportDiff
from sphinx_implplan.plan.report_entries import RequirementEntry, RiskEntry

#: one item of a list in the output: its id, its title and what changed
_Row = tuple[str, str, str]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _implemented(entry: RequirementEntry) -> _Row:
    by = ", ".join(entry.implemented_by)
    return entry.id, entry.title, f"implemented by {by}" if by else "not implemented"


def _moved(change: Moved) -> _Row:
    moved = f"{change.before or 'unknown'} -> {change.after or 'unknown'}"
    if change.days is not None:
        moved += f" ({change.days:+d} {'day' if abs(change.days) == 1 else 'days'})"
    return change.id, change.title, moved


def _risk(risk: RiskEntry) -> _Row:
    mitigation = "mitigated" if risk.mitigated else "no mitigation"
    return risk.id, risk.title, f"band {risk.band or 'unknown'}, {mitigation}"


def _progress(done: Progress) -> _Row:
    before = "?" if done.done_before is None else done.done_before
    total = "?" if done.total is None else done.total
    return done.id, done.title, f"{before} -> {done.done_after} of {total} done"


def _sections(plan: PlanDiff) -> list[tuple[str, list[_Row]]]:
    """The lists of a plan's changes that are not empty, each with its heading."""
    sections = [
        ("requirements added", [_implemented(entry) for entry in plan.requirements_added]),
        ("requirements removed", [(e.id, e.title, "") for e in plan.requirements_removed]),
        ("newly uncovered requirements", [(e.id, e.title, "") for e in plan.newly_uncovered]),
        ("newly covered requirements", [_implemented(entry) for entry in plan.newly_covered]),
        ("risks added", [_risk(risk) for risk in plan.risks_added]),
        ("risks removed", [_risk(risk) for risk in plan.risks_removed]),
        ("risks closed", [_moved(change) for change in plan.risks_closed]),
        ("risks whose band moved", [_moved(change) for change in plan.bands_moved]),
        ("phases whose end moved", [_moved(change) for change in plan.ends_moved]),
        ("deliverables done since", [_progress(done) for done in plan.deliverables_done]),
        ("decisions whose status changed", [_moved(change) for change in plan.decisions_changed]),
    ]
    return [(heading, rows) for heading, rows in sections if rows]


def summary_text(diff: ReportDiff) -> str:
    """One line for the whole diff: how many plans changed, and the regressions."""
    if not diff.plans:
        return "no changes"
    changed = f"{_plural(len(diff.plans), 'plan')} changed"
    if not diff.regressions:
        return f"{changed}, no regressions"
    return f"{changed}; regressions: {'; '.join(diff.regressions)}"


# -- text ---------------------------------------------------------------------------


def _coverage_text(coverage: Coverage) -> str:
    if coverage.percent is None:
        return "no requirements in scope"
    return (
        f"{coverage.implemented}/{coverage.requirements} requirements implemented "
        f"({coverage.percent:.1f}%), {coverage.verified} verified, {coverage.measured} measured"
    )


def render_text(diff: ReportDiff) -> str:
    """Plain text, for a terminal or a CI log."""
    lines: list[str] = []
    for plan in diff.plans:
        heading = f"{plan.id}: {plan.title}" if plan.title else plan.id
        lines.append(heading if plan.change is PlanChange.CHANGED else f"{heading} ({plan.change})")
        if plan.coverage_before is not None:
            lines.append(f"  coverage before: {_coverage_text(plan.coverage_before)}")
        if plan.coverage_after is not None:
            lines.append(f"  coverage after:  {_coverage_text(plan.coverage_after)}")
        for title, rows in _sections(plan):
            lines.append(f"  {title} ({len(rows)}):")
            lines += ["    " + "  ".join(part for part in row if part) for row in rows]
        if plan.regressions:
            lines.append(f"  regressions: {'; '.join(plan.regressions)}")
        lines.append("")
    # last, where a CI log shows it first
    lines.append(summary_text(diff))
    return "\n".join(lines) + "\n"


# -- Markdown -----------------------------------------------------------------------


def _coverage_rows(plan: PlanDiff) -> list[str]:
    lines = [
        "| Coverage | Requirements | Implemented | Percent | Verified | Measured |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for side, figures in (("Before", plan.coverage_before), ("After", plan.coverage_after)):
        if figures is not None:
            percent = "-" if figures.percent is None else f"{figures.percent:.1f}%"
            lines.append(
                f"| {side} | {figures.requirements} | {figures.implemented} | {percent} | "
                f"{figures.verified} | {figures.measured} |"
            )
    return [*lines, ""]


def _row_markdown(row: _Row) -> str:
    rid, name, what = row
    item = f"{markdown_code(rid)} {escape_markdown(name)}"
    return f"{item}: {escape_markdown(what)}" if what else item


def render_markdown(diff: ReportDiff) -> str:
    """GitHub-flavoured Markdown, for a pull request comment."""
    lines = ["# implplan diff", "", f"**{escape_markdown(summary_text(diff))}**", ""]
    for plan in diff.plans:
        plan_id = markdown_code(plan.id)
        title = f"{escape_markdown(plan.title)} ({plan_id})" if plan.title else plan_id
        change = "" if plan.change is PlanChange.CHANGED else f", {plan.change}"
        lines += [f"## {title}{change}", "", *_coverage_rows(plan)]
        for heading, rows in _sections(plan):
            lines += [f"**{heading.capitalize()}:**", ""]
            lines += [f"- {_row_markdown(row)}" for row in rows]
            lines.append("")
        if plan.regressions:
            lines += [f"**Regressions:** {escape_markdown('; '.join(plan.regressions))}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
