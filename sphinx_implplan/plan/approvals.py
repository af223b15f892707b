"""Approvals: the baseline file ``implplan approve`` writes, and each plan item's
state against it. No Sphinx imports.

The baseline holds, per approved plan item, the fingerprint of the item and of each
need it links to (:mod:`.fingerprints`), the day it was approved, and who approved
it and why where given; never any text of the documents. Comparing it with the
fingerprints of a build gives each item one :class:`ApprovalState`:

- ``approved``: the item and every need it links to are as approved;
- ``changed``: the item itself changed since its approval (its text, an option, a
  link added or removed: its links are part of it);
- ``suspect``: the item is as approved, but a need it links to changed (or went);
  suspicion follows that one link, not the needs that one links to in turn;
- ``not approved``: the item is in no entry of the baseline.

A plan is under approval when the baseline holds the plan or one of its items; only
the items of such plans (and items without a plan that the baseline holds) get a
state, so that a baseline of one plan says nothing about the others.
"""

from __future__ import annotations

import datetime
import json
import re
import reprlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

from sphinx_implplan.plan.fingerprints import is_fingerprint
from sphinx_implplan.plan.model import natural_key

BASELINE_VERSION: Final = 1
BASELINE_FILE: Final = "implplan-baseline.json"
#: far above any real baseline, and a bound on what a wrong file (a device) makes us read
MAX_BASELINE_BYTES: Final = 64 * 1024 * 1024

_ENTRY_KEYS: Final = frozenset({"fingerprint", "links", "approved", "by", "note"})


class BaselineError(ValueError):
    """Data that is no baseline of the version this package writes; one line, and
    the line of the file it stands at where one is known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Approval:
    """One approved item, as the baseline keeps it."""

    fingerprint: str
    #: each need the item linked to when approved: its id and fingerprint
    links: Mapping[str, str]
    #: the day of the approval, ``YYYY-MM-DD``
    approved: str
    by: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "links": dict(self.links),
            "approved": self.approved,
        }
        if self.by is not None:
            data["by"] = self.by
        if self.note is not None:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Baseline:
    items: Mapping[str, Approval] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": BASELINE_VERSION,
            "items": {item_id: entry.to_json() for item_id, entry in self.items.items()},
        }


def dump_baseline(baseline: Baseline) -> str:
    """The file's text: keys sorted, two-space indent, ASCII, a newline at the end,
    so that the same approvals give the same bytes and a diff shows one item a line."""
    return json.dumps(baseline.to_json(), indent=2, sort_keys=True, ensure_ascii=True) + "\n"


# -- reading ---------------------------------------------------------------------------


def _shown(text: str) -> str:
    return text if text.isprintable() else repr(text)


def _text(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise BaselineError(f"{where}.{key} is not text")
    return value


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(data: Mapping[str, Any], where: str) -> str:
    value = data.get("approved")
    try:
        # the one form the file is written in (Python reads week dates too)
        if not isinstance(value, str) or not _DAY.fullmatch(value):
            raise ValueError
        datetime.date.fromisoformat(value)
    except ValueError:
        raise BaselineError(f"{where}.approved is not a date YYYY-MM-DD") from None
    return value


def _entry(item_id: str, data: object) -> Approval:
    where = f"items.{_shown(item_id)}"
    if not item_id or not isinstance(data, dict):
        raise BaselineError(f"{where} is not an object with an id")
    unknown = sorted(data.keys() - _ENTRY_KEYS)
    if unknown:
        raise BaselineError(f"{where} has a key a baseline never holds: {_shown(unknown[0])}")
    if not is_fingerprint(data.get("fingerprint")):
        raise BaselineError(f"{where}.fingerprint is not a SHA-256 digest (64 hex digits)")
    links = data.get("links")
    if not isinstance(links, dict):
        raise BaselineError(f"{where}.links is not an object")
    for target, print_ in links.items():
        if not target or not is_fingerprint(print_):
            raise BaselineError(
                f"{where}.links.{_shown(target)} is not a SHA-256 digest (64 hex digits)"
            )
    return Approval(
        fingerprint=data["fingerprint"],
        links=MappingProxyType(dict(sorted(links.items()))),
        approved=_date(data, where),
        by=_text(data, "by", where),
        note=_text(data, "note", where),
    )


def read_baseline(data: object) -> Baseline:
    """The records of a parsed baseline file; :class:`BaselineError` for anything
    else, a baseline of another version included."""
    if not isinstance(data, dict) or "version" not in data:
        raise BaselineError("not a baseline: no version at its top")
    version = data["version"]
    if type(version) is not int or version != BASELINE_VERSION:
        raise BaselineError(
            f"a baseline of version {reprlib.repr(version)}; "
            f"this implplan reads version {BASELINE_VERSION}"
        )
    unknown = sorted(data.keys() - {"version", "items"})
    if unknown:
        raise BaselineError(f"a key a baseline never holds: {_shown(str(unknown[0]))}")
    items = data.get("items")
    if not isinstance(items, dict):
        raise BaselineError("items is not an object")
    return Baseline(
        MappingProxyType({item_id: _entry(item_id, entry) for item_id, entry in items.items()})
    )


def parse_baseline(text: str) -> Baseline:
    """A baseline file's text; a one-line :class:`BaselineError` when it is no JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"not JSON ({error})", error.lineno) from None
    except (ValueError, RecursionError):
        raise BaselineError("not JSON (nested too deeply)") from None
    return read_baseline(data)


# -- approving -------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemPrints:
    """A plan item as a build finds it: its fingerprint, and each need it links to
    with its fingerprint (``None`` for an id that is no need of the build)."""

    fingerprint: str
    links: Mapping[str, str | None]


@dataclass(frozen=True)
class Approved:
    """What one approval did."""

    baseline: Baseline
    #: the items approved now, their entries new or replaced
    approved: tuple[str, ...]
    #: the items chosen whose entry was kept, as they are as approved
    unchanged: tuple[str, ...]
    #: the items of the old baseline no longer in the project, left out
    dropped: tuple[str, ...]


def _holds(entry: Approval | None, prints: ItemPrints) -> bool:
    return (
        entry is not None
        and entry.fingerprint == prints.fingerprint
        and dict(entry.links)
        == {target: fp for target, fp in prints.links.items() if fp is not None}
    )


def approve(
    current: Mapping[str, ItemPrints],
    baseline: Baseline | None,
    chosen: Collection[str] | None,
    *,
    date: str,
    by: str | None = None,
    note: str | None = None,
) -> Approved:
    """The baseline after approving ``chosen`` (every item of ``current`` when
    ``None``). An item as it was approved keeps its entry (its day, by and note).
    Approving some items keeps every other entry; approving all drops the entries of
    items no longer in the project."""
    old = dict(baseline.items) if baseline is not None else {}
    items = sorted(current if chosen is None else chosen, key=natural_key)
    entries = {} if chosen is None else dict(old)
    approved, unchanged = [], []
    for item_id in items:
        prints = current[item_id]
        kept = old.get(item_id)
        if kept is not None and _holds(kept, prints):
            entries[item_id] = kept
            unchanged.append(item_id)
            continue
        entries[item_id] = Approval(
            fingerprint=prints.fingerprint,
            links=MappingProxyType(
                {target: fp for target, fp in sorted(prints.links.items()) if fp is not None}
            ),
            approved=date,
            by=by,
            note=note,
        )
        approved.append(item_id)
    dropped = sorted(old.keys() - entries.keys(), key=natural_key)
    return Approved(
        Baseline(MappingProxyType(dict(sorted(entries.items())))),
        tuple(approved),
        tuple(unchanged),
        tuple(dropped),
    )


# -- the states of a build ---------------------------------------------------------------


class ApprovalState(StrEnum):
    APPROVED = "approved"
    SUSPECT = "suspect"
    CHANGED = "changed since approval"
    NOT_APPROVED = "not approved"


@dataclass(frozen=True)
class ItemApproval:
    state: ApprovalState
    #: the baseline's entry; ``None`` for an item not approved
    entry: Approval | None = None
    #: the needs the item links to that changed since its approval, by id
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class ApprovalStates:
    """The state of each plan item under approval in one build."""

    items: Mapping[str, ItemApproval] = field(default_factory=dict)
    #: a baseline was read (none, or one that could not be read, gives no state)
    in_effect: bool = False

    def of(self, item_id: str) -> ItemApproval | None:
        return self.items.get(item_id)

    def is_suspect_link(self, source: str, target: str) -> bool:
        """Whether ``source`` is suspect because ``target``, a need it links to,
        changed."""
        found = self.items.get(source)
        return found is not None and target in found.changed


NO_APPROVALS: Final = ApprovalStates()


def under_approval(baseline: Baseline, plans: Mapping[str, str | None]) -> list[str]:
    """The items of ``plans`` (item id -> the id of its plan, a plan's its own) that
    are under approval: in a plan the baseline holds or holds an item of, or in the
    baseline themselves."""
    approved_plans = {plans[item_id] for item_id in baseline.items if item_id in plans}
    return [
        item_id
        for item_id, plan in plans.items()
        if item_id in baseline.items or (plan is not None and plan in approved_plans)
    ]


def judge_item(entry: Approval | None, prints: ItemPrints) -> ItemApproval:
    if entry is None:
        return ItemApproval(ApprovalState.NOT_APPROVED)
    if entry.fingerprint != prints.fingerprint:
        return ItemApproval(ApprovalState.CHANGED, entry)
    targets = entry.links.keys() | prints.links.keys()
    changed = sorted(
        (target for target in targets if entry.links.get(target) != prints.links.get(target)),
        key=natural_key,
    )
    if changed:
        return ItemApproval(ApprovalState.SUSPECT, entry, tuple(changed))
    return ItemApproval(ApprovalState.APPROVED, entry)


def judge_approvals(
    baseline: Baseline, current: Mapping[str, ItemPrints], plans: Mapping[str, str | None]
) -> ApprovalStates:
    """Each item under approval against ``baseline``; ``current``: the prints of every
    plan item of the build, ``plans``: the plan of each."""
    return ApprovalStates(
        MappingProxyType(
            {
                item_id: judge_item(baseline.items.get(item_id), current[item_id])
                for item_id in under_approval(baseline, plans)
                if item_id in current
            }
        ),
        in_effect=True,
    )
