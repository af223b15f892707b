"""Incremental builds and test results: the unchanged pages to write again because a
test's result changed.

A test's card shows its result, a traceability view each verifying test's result
and the requirements passing, a summary the plan's tests by result, an
``impl-table`` of tests may have a result column. A result changes with the results
files (a new test run, a file added, gone or no longer readable) while no document
changes, so after each read the results are judged against the documents as read
and compared with the last build's. The pages of the tests whose result changed,
and the pages with those views, are written again. What the rest of
:mod:`.freshness` finds (a test added, its ``:cases:`` edited) is not repeated.

sphinx-needs' own tables and filters on a page not written again keep the result
of the build that last wrote the page, as they keep every other field of a need
that changed elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from sphinx_implplan import needs_bridge
from sphinx_implplan.plan.itemtypes import TEST
from sphinx_implplan.write.result_fields import judge_build_tests
from sphinx_implplan.write.views.spec import ViewKind, ViewSpec

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.write.freshness import NeedState


class ResultInputs(NamedTuple):
    """Each test's result as a build judged it (a plain tuple: pickled with the
    environment)."""

    #: whether the project read results: only then do pages show them
    configured: bool
    #: test id -> its result, message, unmatched patterns and number of cases
    outcomes: dict[str, tuple[str, str, tuple[str, ...], int]]


NO_INPUTS = ResultInputs(False, {})


def result_inputs(app: Sphinx, env: BuildEnvironment) -> ResultInputs:
    results = judge_build_tests(app, needs_bridge.needs_as_read(env))
    return ResultInputs(
        results.configured,
        {
            test_id: (outcome.result.value, outcome.message, outcome.unmatched, outcome.cases)
            for test_id, outcome in results.outcomes.items()
        },
    )


def _shows_results(spec: ViewSpec) -> bool:
    return spec.kind in (ViewKind.TRACEABILITY, ViewKind.SUMMARY) or (
        spec.kind is ViewKind.TABLE and spec.item_type == TEST
    )


def result_pages(
    previous: ResultInputs | None,
    current: ResultInputs,
    states: Mapping[str, NeedState],
    views: Mapping[str, Sequence[ViewSpec]],
) -> set[str]:
    """The pages of the tests whose result differs between the two builds, and the
    pages with a view that shows results, when there is such a test. A test that
    appeared or went is left to :mod:`.freshness`: its page is read again."""
    before = previous or NO_INPUTS
    # results read or no longer read: every test's card and every such view changes
    flipped = before.configured != current.configured
    changed = {
        test_id
        for test_id, outcome in current.outcomes.items()
        if flipped or (test_id in before.outcomes and before.outcomes[test_id] != outcome)
    }
    if not changed and not flipped:
        return set()
    pages = {
        state.docname for test_id in changed if (state := states.get(test_id)) and state.docname
    }
    pages.update(page for page, specs in views.items() if any(map(_shows_results, specs)))
    return pages
