"""What ``implplan check`` judges: per plan its figures and its gaps, read from the
build's report (``implplan.json``) and the corpus. No Sphinx imports.

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
  ``:mitigation:`` nor an item that ``:mitigates:`` it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sphinx_implplan.plan.coverage import Coverage
from sphinx_implplan.plan.itemtypes import PLAN
from sphinx_implplan.plan.model import LINK_NAMES, Corpus


class GapKind(StrEnum):
    UNCOVERED = "uncovered requirement"
    COVERAGE = "coverage below minimum"
    DANGLING = "dangling link"
    RISK = "unmitigated high risk"


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
class PlanVerdict:
    id: str
    title: str
    coverage: Coverage
    uncovered: tuple[Ref, ...]
    high_risks: tuple[Ref, ...]
    dangling: tuple[DanglingLink, ...]
    phases: tuple[PhaseProgress, ...]
    gaps: tuple[Gap, ...]

    @property
    def ok(self) -> bool:
        return not self.gaps


@dataclass(frozen=True)
class CheckResult:
    plans: tuple[PlanVerdict, ...]
    #: the ``--min-coverage`` bar, ``None`` for "every requirement implemented"
    min_coverage: float | None

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


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _coverage(report: Mapping[str, Any]) -> Coverage:
    """The report's counts; the percent follows from them as in the report."""
    numbers = report.get("coverage") or {}
    return Coverage(
        requirements=_count(numbers.get("requirements")) or 0,
        implemented=_count(numbers.get("implemented")) or 0,
        verified=_count(numbers.get("verified")) or 0,
        measured=_count(numbers.get("measured")) or 0,
    )


def judge_plan(
    plan_id: str,
    report: Mapping[str, Any],
    dangling: Sequence[DanglingLink],
    min_coverage: float | None,
) -> PlanVerdict:
    """One plan's figures and gaps, from its entry in the report."""
    coverage = _coverage(report)
    titles = {
        str(requirement["id"]): _text(requirement.get("title"))
        for requirement in report.get("requirements") or ()
    }
    uncovered = tuple(
        Ref(str(rid), titles.get(str(rid), "")) for rid in report.get("uncovered") or ()
    )
    high_risks = tuple(
        Ref(str(risk["id"]), _text(risk.get("title")))
        for risk in report.get("risks") or ()
        if risk.get("band") == "high" and risk.get("mitigated") is False
    )
    phases = tuple(
        PhaseProgress(
            id=str(phase["id"]),
            title=_text(phase.get("title")),
            done=_count(phase.get("done")),
            total=_count(phase.get("total")),
            status=phase.get("status") if isinstance(phase.get("status"), str) else None,
        )
        for phase in report.get("phases") or ()
    )
    gaps: list[Gap] = []
    if min_coverage is None:
        gaps.extend(Gap(GapKind.UNCOVERED, requirement.id) for requirement in uncovered)
    elif coverage.percent is not None and coverage.percent < min_coverage:
        gaps.append(
            Gap(
                GapKind.COVERAGE,
                f"{coverage.percent:.1f}% < {format_percent(min_coverage)}%",
            )
        )
    gaps.extend(Gap(GapKind.DANGLING, str(link)) for link in dangling)
    gaps.extend(Gap(GapKind.RISK, risk.id) for risk in high_risks)
    return PlanVerdict(
        id=plan_id,
        title=_text(report.get("title")),
        coverage=coverage,
        uncovered=uncovered,
        high_risks=high_risks,
        dangling=tuple(dangling),
        phases=phases,
        gaps=tuple(gaps),
    )


def judge(report: Mapping[str, Any], corpus: Corpus, min_coverage: float | None) -> CheckResult:
    """Every plan of the report, in the report's order."""
    plans = report.get("plans") or {}
    dangling = dangling_links(corpus)
    return CheckResult(
        plans=tuple(
            judge_plan(plan_id, plan, dangling.get(plan_id, ()), min_coverage)
            for plan_id, plan in plans.items()
        ),
        min_coverage=min_coverage,
    )
