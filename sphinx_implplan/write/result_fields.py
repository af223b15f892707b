"""Each ``impl-test``'s result in a build: judged from the test results files and
its ``:cases:``, and kept in its ``result`` field, where sphinx-needs' tables,
filters and ``needs.json`` see it.

Judged when every document is read, before ``needextend`` is applied
(``needs-before-post-processing``), so a filter of sphinx-needs may select by it,
and again once sphinx-needs is done (``needs-before-sealing``), where a
``needextend`` may have changed a test's ``:cases:``; the second judgement is the
one the cards, the views and the report read (:func:`build_test_results`). A
``needextend`` cannot set ``result``: the value judged is kept. Tests loaded from
another project (``needs_external_needs``) keep the result that project gave them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx_implplan import needs_bridge
from sphinx_implplan.plan.itemtypes import RESULT, TEST
from sphinx_implplan.plan.outcomes import TestResults, judge_tests
from sphinx_implplan.plan.stored_forms import has_stored_form
from sphinx_implplan.write.results_files import build_results

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.needs_bridge import MutableNeeds

_RESULTS: WeakKeyDictionary[BuildEnvironment, TestResults] = WeakKeyDictionary()


def cases_by_test(needs: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    """Every test of this project, by id: the patterns of its ``:cases:`` (none where
    it names none, or where the project's own ``cases`` field holds another form)."""
    found: dict[str, list[str]] = {}
    for need_id, need in needs.items():
        # three lookups of a need, not all its fields: most needs are no test
        if need.get("type") != TEST or need.get("is_external"):
            continue
        cases = need.get("cases")
        found[need_id] = list(cases) if cases and has_stored_form("cases", cases) else []
    return found


def judge_build_tests(app: Sphinx, needs: Mapping[str, Mapping[str, Any]]) -> TestResults:
    """Every test's outcome against this build's results files."""
    return judge_tests(cases_by_test(needs), build_results(app).index)


def apply_test_results(app: Sphinx, needs: MutableNeeds) -> None:
    """``needs-before-post-processing`` and ``needs-before-sealing``: every test's
    result judged, kept for the build and written into its ``result`` field."""
    results = judge_build_tests(app, needs)
    _RESULTS[app.env] = results
    if RESULT in needs_bridge.project_owned_fields(app.config):
        # the project's own field of another form: neither filled nor read
        return
    for test_id, outcome in results.outcomes.items():
        needs[test_id][RESULT] = outcome.result.value


def build_test_results(app: Sphinx) -> TestResults:
    """This build's results (write phase): as judged once sphinx-needs was done."""
    results = _RESULTS.get(app.env)
    if results is None:
        results = _RESULTS[app.env] = judge_build_tests(app, needs_bridge.needs_view(app))
    return results


def forget_test_results(_app: Sphinx, env: BuildEnvironment) -> None:
    """Every build judges anew (``env-updated``)."""
    _RESULTS.pop(env, None)
