"""The machine-readable report, ``implplan.json``: per plan its coverage, uncovered
requirements, phases, risks and decisions. No Sphinx imports.

Every key of the contract's shape is always present (unknown values are ``null``),
lists are sorted by id and the text is serialised with sorted keys, so two builds
of the same sources give the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from sphinx_implplan.plan.coverage import coverage_of, trace_rows, uncovered
from sphinx_implplan.plan.itemtypes import DECISION, PHASE, RISK
from sphinx_implplan.plan.model import Corpus, Item, natural_key
from sphinx_implplan.plan.rollup import plan_scope

REPORT_VERSION = 1
REPORT_FILE = "implplan.json"


def _by_id(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda item: natural_key(item.id))


def _mitigated(corpus: Corpus, risk: Item) -> bool:
    return bool(risk.get("mitigation")) or bool(corpus.sources(risk.id, "mitigates"))


def plan_report(corpus: Corpus, plan: Item) -> dict[str, Any]:
    rows = trace_rows(corpus, plan_scope(corpus, plan.id))
    coverage = coverage_of(rows)
    phases = _by_id(corpus.of_type(PHASE, (plan.id,)))
    risks = _by_id(corpus.of_type(RISK, (plan.id,)))
    decisions = _by_id(corpus.of_type(DECISION, (plan.id,)))
    return {
        "title": plan.title,
        "docname": plan.docname,
        "status": plan.status,
        "updated": plan.get("updated"),
        "coverage": {
            "requirements": coverage.requirements,
            "implemented": coverage.implemented,
            "verified": coverage.verified,
            "measured": coverage.measured,
            "percent": coverage.percent,
        },
        "requirements": [
            {
                "id": row.requirement.id,
                "title": row.requirement.title,
                "implemented_by": list(row.implemented_by),
                "verified_by": list(row.verified_by),
                "measured_by": list(row.measured_by),
            }
            for row in rows
        ],
        "uncovered": uncovered(rows),
        "phases": [
            {
                "id": phase.id,
                "title": phase.title,
                "start": phase.get("start"),
                "end": phase.get("end"),
                "depends": list(phase.links_of("depends")),
                "done": phase.whole_number("deliverables_done"),
                "total": phase.whole_number("deliverables_total"),
                "status": phase.status,
            }
            for phase in phases
        ],
        "risks": [
            {
                "id": risk.id,
                "title": risk.title,
                "impact": risk.get("impact"),
                "likelihood": risk.get("likelihood"),
                "score": risk.whole_number("score"),
                "band": risk.get("band"),
                "status": risk.status,
                "mitigated": _mitigated(corpus, risk),
            }
            for risk in risks
        ],
        "decisions": [
            {
                "id": decision.id,
                "title": decision.title,
                "choice": decision.get("choice"),
                "status": decision.status,
            }
            for decision in decisions
        ],
    }


def build_report(corpus: Corpus) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "plans": {plan.id: plan_report(corpus, plan) for plan in corpus.plans},
    }


def dump_report(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
