"""What ``implplan check`` judges: per plan its figures and its gaps, read from the
build's typed report (the records ``implplan.json`` is written from) and the corpus.
No Sphinx imports.

A gap is one of:

- an uncovered requirement: a requirement in the plan's scope that no item of the
  plan implements, when no ``--min-coverage`` is given (the default bar is every
  requirement implemented);
- coverage below ``--min-coverage N``: the report's percent (one decimal) is lower
  than ``N``. Uncovered requirements are then still listed, but do not fail on their
  own, and a plan with no requirement in scope has no coverage and no such gap;
- a dangling link: a link from one of the plan's own items to an id that is no need
  of the build (``ID.part`` counts as ``ID``);
- an unmitigated high risk: a risk of the plan in band ``high`` with neither
  ``:mitigation:`` nor an item that ``:mitigates:`` it;
- a suspect item: an item of the plan a linked need of which changed since its
  approval in the baseline, and an item that changed itself since its approval;
  unless suspect items are allowed (``--allow-suspect``), when they are listed only;
- with ``--fail-late``, a late phase: its end is before the build's today and it is
  not done (listed always, and so are the phases not started);
- with ``--require-passing``, a requirement in scope that a test of the plan
  verifies but that is not passing: a test verifying it failed, was skipped or did
  not run (a requirement no test verifies is judged by coverage, not here).

Items not approved (added since the baseline) are listed, never a gap. Where the
project reads test results, the plan's tests are counted by result, the failed ones
listed with their message, and a ``:cases:`` pattern that matches no case is listed
as a note, never a gap.

The open questions of the plan's requirements (``[NEEDS CLARIFICATION]`` markers)
are listed, but are no gap: a spec still being clarified is work in progress, not
a plan that misses its spec.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sphinx_implplan.plan.coverage import Coverage, OpenQuestion
from sphinx_implplan.plan.itemtypes import PLAN
from sphinx_implplan.plan.model import LINK_NAMES, Corpus
from sphinx_implplan.plan.report import PlanReport, Report
from sphinx_implplan.plan.result_entries import TestEntry


class GapKind(StrEnum):
    UNCOVERED = "uncovered requirement"
    COVERAGE = "coverage below minimum"
    DANGLING = "dangling link"
    RISK = "unmitigated high risk"
    SUSPECT = "suspect item"
    CHANGED = "changed since approval"
    LATE = "late phase"
    NOT_PASSING = "requirement not passing"


@dataclass(frozen=True)
class Gap:
    kind: GapKind
    #: what is wrong, in words: ``FR_002``, ``CMP_1 -> :implements: FR_404``, ``50.0% < 80%``
    subject: str

    def __str__(self) -> str:
        return f"{self.kind} {self.subject}"


@dataclass(frozen=True)
class DanglingLink:
    source: str
    link: str
    target: str

    def __str__(self) -> str:
        return f"{self.source} -> :{self.link}: {self.target}"


@dataclass(frozen=True)
class Ref:
    """A requirement or risk named in the output: its id and title."""

    id: str
    title: str


@dataclass(frozen=True)
class PhaseProgress:
    id: str
    title: str
    #: deliverables done and in all; ``None`` where the report knows none
    done: int | None
    total: int | None
    status: str | None


@dataclass(frozen=True)
class ApprovedItem:
    """An item of a plan under approval that is not as approved: a suspect one names
    the needs that changed, one not approved has no day."""

    id: str
    title: str
    approved: str | None = None
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanApproval:
    """The approval state of a plan under approval and its items."""

    approved: int
    suspect: tuple[ApprovedItem, ...]
    changed: tuple[ApprovedItem, ...]
    not_approved: tuple[ApprovedItem, ...]


@dataclass(frozen=True)
class PlanVerdict:
    id: str
    title: str
    coverage: Coverage
    uncovered: tuple[Ref, ...]
    open_questions: tuple[OpenQuestion, ...]
    high_risks: tuple[Ref, ...]
    dangling: tuple[DanglingLink, ...]
    phases: tuple[PhaseProgress, ...]
    gaps: tuple[Gap, ...]
    #: ``None`` for a plan not under approval
    approval: PlanApproval | None = None
    #: its phases late and not started against the build's today
    late: tuple[Ref, ...] = ()
    not_started: tuple[Ref, ...] = ()
    #: its tests with their results; empty where the project reads no results
    tests: tuple[TestEntry, ...] = ()
    #: with ``--require-passing``: the requirements in scope a test verifies that
    #: are not passing
    not_passing: tuple[Ref, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.gaps


@dataclass(frozen=True)
class CheckResult:
    plans: tuple[PlanVerdict, ...]
    #: the ``--min-coverage`` bar, ``None`` for "every requirement implemented"
    min_coverage: float | None
    #: ``--allow-suspect``: suspect and changed items are listed, not gaps
    allow_suspect: bool = False
    #: ``--fail-late``: a late phase is a gap
    fail_late: bool = False
    #: ``--require-passing``: a verified requirement that is not passing is a gap
    require_passing: bool = False

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return tuple(gap for plan in self.plans for gap in plan.gaps)

    @property
    def ok(self) -> bool:
        return not self.gaps


def format_percent(value: float) -> str:
    """``80`` for 80.0, ``62.5`` for 62.5: the bar as the user typed it."""
    return f"{value:g}"


def dangling_links(corpus: Corpus) -> dict[str, tuple[DanglingLink, ...]]:
    """Per plan, the links of its own items to ids that are no need of the build, in
    document order; one pass over the build's items for every plan. Links of a type
    the target does not take were dropped (and warned about) by the build, so what
    is left here names no need at all."""
    found: dict[str, list[DanglingLink]] = {}
    for item in sorted(corpus.items.values(), key=lambda item: item.position):
        plan_id = item.id if item.type == PLAN else item.plan
        if item.external or plan_id is None:
            continue
        for link in LINK_NAMES:
            # an item's links already name whole needs (``ID.part`` is read as ``ID``)
            missing = [target for target in item.links_of(link) if target not in corpus.items]
            found.setdefault(plan_id, []).extend(
                DanglingLink(item.id, link, target) for target in missing
            )
    return {plan_id: tuple(links) for plan_id, links in found.items()}


def plan_approval(plan: PlanReport, titles: Mapping[str, str]) -> PlanApproval | None:
    """The approval lists of the report's entry, with the items' titles; ``None`` for
    a plan not under approval (every list empty)."""
    if not (plan.approved or plan.suspect or plan.changed_since_approval or plan.not_approved):
        return None
    return PlanApproval(
        approved=len(plan.approved),
        suspect=tuple(
            ApprovedItem(entry.id, titles.get(entry.id, ""), entry.approved, entry.changed)
            for entry in plan.suspect
        ),
        changed=tuple(
            ApprovedItem(entry.id, titles.get(entry.id, ""), entry.approved)
            for entry in plan.changed_since_approval
        ),
        not_approved=tuple(
            ApprovedItem(item_id, titles.get(item_id, "")) for item_id in plan.not_approved
        ),
    )


def judge_plan(
    plan: PlanReport,
    dangling: Sequence[DanglingLink],
    min_coverage: float | None,
    *,
    uncovered: Iterable[Ref] = (),
    item_titles: Mapping[str, str] | None = None,
    allow_suspect: bool = False,
    fail_late: bool = False,
    require_passing: bool = False,
) -> PlanVerdict:
    """One plan's figures and gaps, from its entry in the report; ``uncovered``: the
    requirements in its scope that no item of it implements (the report keeps their
    count only); ``item_titles``: the titles of its items, for those named in the
    approval lists."""
    coverage = plan.coverage
    uncovered_refs = tuple(uncovered)
    high_risks = tuple(
        Ref(risk.id, risk.title)
        for risk in plan.risks
        if risk.band == "high" and not risk.mitigated
    )
    phases = tuple(
        PhaseProgress(
            id=phase.id, title=phase.title, done=phase.done, total=phase.total, status=phase.status
        )
        for phase in plan.phases
    )
    gaps: list[Gap] = []
    if min_coverage is None:
        gaps.extend(Gap(GapKind.UNCOVERED, requirement.id) for requirement in uncovered_refs)
    elif coverage.percent is not None and coverage.percent < min_coverage:
        gaps.append(
            Gap(
                GapKind.COVERAGE,
                f"{coverage.percent:.1f}% < {format_percent(min_coverage)}%",
            )
        )
    gaps.extend(Gap(GapKind.DANGLING, str(link)) for link in dangling)
    gaps.extend(Gap(GapKind.RISK, risk.id) for risk in high_risks)
    approval = plan_approval(plan, item_titles or {})
    if approval is not None and not allow_suspect:
        gaps.extend(Gap(GapKind.SUSPECT, item.id) for item in approval.suspect)
        gaps.extend(Gap(GapKind.CHANGED, item.id) for item in approval.changed)
    phase_titles = {phase.id: phase.title for phase in plan.phases}
    late = tuple(Ref(phase_id, phase_titles.get(phase_id, "")) for phase_id in plan.late)
    if fail_late:
        gaps.extend(Gap(GapKind.LATE, phase.id) for phase in late)
    not_passing: tuple[Ref, ...] = ()
    if require_passing:
        not_passing = tuple(
            Ref(entry.id, entry.title)
            for entry in plan.requirements
            if entry.verified_by and not entry.passing
        )
    gaps.extend(Gap(GapKind.NOT_PASSING, requirement.id) for requirement in not_passing)
    return PlanVerdict(
        id=plan.id,
        title=plan.title,
        coverage=coverage,
        uncovered=uncovered_refs,
        open_questions=plan.open_questions,
        high_risks=high_risks,
        dangling=tuple(dangling),
        phases=phases,
        gaps=tuple(gaps),
        approval=approval,
        late=late,
        not_started=tuple(
            Ref(phase_id, phase_titles.get(phase_id, "")) for phase_id in plan.not_started
        ),
        tests=plan.tests,
        not_passing=not_passing,
    )


def judge(
    report: Report,
    corpus: Corpus,
    min_coverage: float | None,
    *,
    allow_suspect: bool = False,
    fail_late: bool = False,
    require_passing: bool = False,
) -> CheckResult:
    """Every plan of the report, in the order of ``implplan.json`` (by id)."""
    dangling = dangling_links(corpus)
    plans = sorted(report.plans, key=lambda plan: plan.id)
    item_titles = {item_id: item.title for item_id, item in corpus.items.items()}

    def uncovered(plan: PlanReport) -> list[Ref]:
        # listed where asked: the report itself keeps only how many
        return [
            Ref(rid, info.title if (info := report.requirements.get(rid)) else "")
            for rid in report.uncovered_ids(plan)
        ]

    return CheckResult(
        plans=tuple(
            judge_plan(
                plan,
                dangling.get(plan.id, ()),
                min_coverage,
                uncovered=uncovered(plan),
                item_titles=item_titles,
                allow_suspect=allow_suspect,
                fail_late=fail_late,
                require_passing=require_passing,
            )
            for plan in plans
        ),
        min_coverage=min_coverage,
        allow_suspect=allow_suspect,
        fail_late=fail_late,
        require_passing=require_passing,
    )
