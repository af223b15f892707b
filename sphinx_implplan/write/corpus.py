"""The build's :class:`~sphinx_implplan.plan.model.Corpus`: made once per build from the
resolved needs, when sphinx-needs is about to freeze them, and kept for the pages
written after; and the build's :class:`~sphinx_implplan.plan.report.Report`, made
once from it when it is first asked for (to write ``implplan.json``, or by
``implplan check``).

Kept beside the environment, never in it: it is derived data, remade every build.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx_implplan import needs_bridge
from sphinx_implplan.config import requirement_types, risk_levels
from sphinx_implplan.plan.model import Corpus, item_from_need
from sphinx_implplan.plan.report import Report, build_report
from sphinx_implplan.read.domain import get_domain
from sphinx_implplan.today_config import build_today
from sphinx_implplan.write.approval_states import build_approvals
from sphinx_implplan.write.result_fields import build_test_results

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_CORPORA: WeakKeyDictionary[BuildEnvironment, Corpus] = WeakKeyDictionary()
_REPORTS: WeakKeyDictionary[BuildEnvironment, Report] = WeakKeyDictionary()


def make_corpus(app: Sphinx, needs: Mapping[str, Mapping[str, Any]]) -> Corpus:
    descriptions = get_domain(app.env).all_descriptions()
    link_names = tuple(needs_bridge.link_names(app.env))
    corpus = Corpus(
        (
            item_from_need(
                needs_bridge.flat_fields(need), descriptions.get(need_id, ""), link_names
            )
            for need_id, need in needs.items()
        ),
        requirement_types=requirement_types(app.config),
        risk_levels=risk_levels(app.config),
        test_results=build_test_results(app),
    )
    _CORPORA[app.env] = corpus
    _REPORTS.pop(app.env, None)
    return corpus


def forget_corpus(_app: Sphinx, env: BuildEnvironment) -> None:
    """Every build makes its own (``env-updated``: after reading, before writing)."""
    _CORPORA.pop(env, None)
    _REPORTS.pop(env, None)


def build_corpus(app: Sphinx) -> Corpus:
    """This build's corpus (write phase)."""
    corpus = _CORPORA.get(app.env)
    if corpus is None:
        corpus = make_corpus(app, needs_bridge.needs_view(app))
    return corpus


def build_plan_report(app: Sphinx) -> Report:
    """This build's report (write phase, or once the build has finished)."""
    report = _REPORTS.get(app.env)
    if report is None:
        report = _REPORTS[app.env] = build_report(
            build_corpus(app), build_approvals(app), build_today(app.config)
        )
    return report
