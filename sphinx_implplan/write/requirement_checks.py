"""The check of every plan's ``:requirements:`` that needs every document read: an
entry that selects no requirement of the plan's ``:spec:``. Run once per build, so
the warning stands in a build that does not read the plan again, and goes in the
build where a new requirement or a new tag makes the entry select one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_implplan.diagnostics import Subtype, at_source, warn
from sphinx_implplan.plan.requirement_selection import entries_selecting_nothing

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx_implplan.plan.model import Corpus


def check_plan_requirements(corpus: Corpus, included: Mapping[str, Mapping[str, str]]) -> None:
    """``included``: per document, the included file each item stands in, if any."""
    for plan in corpus.plans:
        if plan.docname is None:
            continue
        where = at_source((plan.docname, plan.lineno), included.get(plan.docname, {}).get(plan.id))
        for message in entries_selecting_nothing(corpus, plan):
            warn(Subtype.VALUE, f"{plan.id}: {message}", where)
