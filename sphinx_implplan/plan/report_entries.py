"""The entries of a plan report (:mod:`.report`): one record per requirement, phase,
risk, decision and approval state, each written to ``implplan.json`` with its field
names as keys and read back by :mod:`.report_reading`. No Sphinx imports."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RequirementEntry:
    id: str
    title: str
    implemented_by: tuple[str, ...]
    verified_by: tuple[str, ...]
    measured_by: tuple[str, ...]
    #: verified, and every test verifying it passed
    passing: bool = False


@dataclass(frozen=True)
class RequirementInfo:
    """A requirement in some plan's scope, written once for all plans."""

    title: str
    #: ``None`` for a requirement of another project (external needs)
    docname: str | None
    #: its ``[NEEDS CLARIFICATION]`` markers as written, once however many plans
    #: count it (a bare marker is ``""``)
    open_questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class PhaseEntry:
    id: str
    title: str
    start: str | None
    end: str | None
    depends: tuple[str, ...]
    #: deliverables done and in all; ``None`` where the phase has no count
    done: int | None
    total: int | None
    status: str | None
    #: against the build's today (:mod:`.today`)
    late: bool = False
    not_started: bool = False


@dataclass(frozen=True)
class RiskEntry:
    id: str
    title: str
    impact: str | None
    likelihood: str | None
    score: int | None
    band: str | None
    status: str | None
    mitigated: bool


@dataclass(frozen=True)
class DecisionEntry:
    id: str
    title: str
    choice: str | None
    status: str | None


@dataclass(frozen=True)
class SuspectEntry:
    """An item a linked need of which changed since its approval."""

    id: str
    #: the needs it links to that changed, by id
    changed: tuple[str, ...]
    #: the day it was approved
    approved: str


@dataclass(frozen=True)
class ChangedEntry:
    """An item that changed itself since its approval."""

    id: str
    approved: str
