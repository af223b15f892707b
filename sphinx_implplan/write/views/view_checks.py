"""The checks of every view that need every document read: an unknown ``:plan:`` and
coverage below ``:min-coverage:``. Run once per build, so ``-W`` fails a build whose
coverage dropped even when the view's page is not written again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_implplan.diagnostics import Subtype, at_source, warn
from sphinx_implplan.plan.coverage import coverage_of, trace_rows, uncovered
from sphinx_implplan.write.views.scope import trace_scope, unknown_plan
from sphinx_implplan.write.views.spec import ViewKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx_implplan.plan.model import Corpus
    from sphinx_implplan.write.views.spec import ViewSpec


def _format(value: float) -> str:
    return f"{value:g}"


def check_views(corpus: Corpus, specs: Iterable[ViewSpec]) -> None:
    for spec in specs:
        if unknown_plan(corpus, spec):
            warn(
                Subtype.VIEW,
                f"{spec.kind.value}: :plan: {spec.plan!r} is not the id of an impl-plan; "
                "the view shows nothing",
                at_source(spec.location, spec.included),
            )
            continue
        if spec.kind is ViewKind.TRACEABILITY and spec.min_coverage is not None:
            rows = trace_rows(corpus, trace_scope(corpus, spec))
            coverage = coverage_of(rows)
            if coverage.percent is not None and coverage.percent < spec.min_coverage:
                missing = uncovered(rows)
                warn(
                    Subtype.COVERAGE,
                    f"{spec.kind.value}: coverage {_format(coverage.percent)} % is below "
                    f":min-coverage: {_format(spec.min_coverage)} %; "
                    f"{len(missing)} of {coverage.requirements} requirements are not "
                    f"implemented: {', '.join(missing)}",
                    at_source(spec.location, spec.included),
                )
