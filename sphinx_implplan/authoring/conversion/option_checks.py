"""The option values a converted item may carry: each check returns the value to
write, or ``None`` when the text is not of the option's form (it then stays in the
item's body). They use the extension's own parsers, so what is written builds."""

from __future__ import annotations

import re
from collections.abc import Callable

from sphinx_implplan.plan.itemtypes import (
    DECISION_STATUSES,
    PHASE_STATUSES,
    PLAN_STATUSES,
    RISK_STATUSES,
)
from sphinx_implplan.plan.values import (
    CHANGES,
    DEFAULT_RISK_LEVELS,
    InvalidValue,
    normalise_enum_text,
    parse_date,
    parse_duration,
    parse_enum,
    parse_ids,
)

Check = Callable[[str], "str | None"]

_DOC = re.compile(r"[\w./-]+")


def text(raw: str) -> str | None:
    return raw.strip() or None


def enum(allowed: tuple[str, ...]) -> Check:
    def check(raw: str) -> str | None:
        try:
            return parse_enum(raw, allowed, "value")
        except InvalidValue:
            return None

    return check


level = enum(DEFAULT_RISK_LEVELS)
change = enum(CHANGES)
plan_status = enum(PLAN_STATUSES)
phase_status = enum(PHASE_STATUSES)
decision_status = enum(DECISION_STATUSES)
risk_status = enum(RISK_STATUSES)


def change_word(raw: str) -> str | None:
    """``New``, ``Modified``, also ``Updated``/``Changed``/``Deleted`` as teams write them."""
    synonyms = {"updated": "modified", "changed": "modified", "extended": "modified"}
    synonyms |= {"deleted": "removed", "retired": "removed", "added": "new"}
    word = normalise_enum_text(raw)
    return change(synonyms.get(word, word))


def date(raw: str) -> str | None:
    try:
        return parse_date(raw).isoformat()
    except InvalidValue:
        return None


def duration(raw: str) -> str | None:
    """As written (``2 weeks``), when the extension reads it as whole days."""
    try:
        parse_duration(raw)
    except InvalidValue:
        return None
    return " ".join(raw.split())


def ids(raw: str) -> str | None:
    found, problems = parse_ids(raw)
    return None if problems or not found else ", ".join(found)


def doc(raw: str) -> str | None:
    """A document of the project: a relative path, no web address, no anchor."""
    name = raw.strip().partition("#")[0]
    if "://" in name or not _DOC.fullmatch(name):
        return None
    return name
