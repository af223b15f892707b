"""The warning subtypes of the extension and the one helper that emits them.

Every problem a document can contain is reported through :func:`warn`, with type
``implplan`` and a subtype from :class:`Subtype`, so that
``suppress_warnings = ["implplan.<subtype>"]`` silences exactly one family.
The documentation's warnings table is generated from this enum.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes

WARNING_TYPE = "implplan"

logger = logging.getLogger(__name__)


class Subtype(Enum):
    """One member per warning family; the value is the subtype Sphinx shows."""

    VALUE = "value"
    MISSING = "missing"
    LINK = "link"
    CYCLE = "cycle"
    SCHEDULE = "schedule"
    PLAN = "plan"
    COVERAGE = "coverage"
    UNMITIGATED = "unmitigated"
    CONFIG = "config"
    VIEW = "view"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[Subtype, str] = {
    Subtype.VALUE: (
        "A value outside its allowed set or form (enumerated value, date, duration, "
        "stage, number, id list), an option the directive does not take, an ``:id:`` "
        "another need already has (the item is left out), or a value sphinx-needs "
        "refuses for one of its own options (the item is kept without it)."
    ),
    Subtype.MISSING: (
        "A required option is absent: a risk without ``:impact:`` or ``:likelihood:``, "
        "a decision without ``:choice:``."
    ),
    Subtype.LINK: (
        "A link to an unknown id, to a need of a type the link does not allow, to the "
        "item itself, or a link option the item's type does not take."
    ),
    Subtype.CYCLE: "Phases whose ``:depends:`` form a cycle (one warning naming the cycle).",
    Subtype.SCHEDULE: (
        "An end before its start, or a phase starting before a phase it depends on ends."
    ),
    Subtype.PLAN: (
        "An item with no plan (no ``impl-plan`` before it and no ``:plan:``), an unknown "
        "``:plan:``, or two plans in one document."
    ),
    Subtype.COVERAGE: "Coverage below ``:min-coverage:`` (names the uncovered requirements).",
    Subtype.UNMITIGATED: (
        "A risk whose score is in the high band with neither ``:mitigation:`` nor a "
        "``:mitigates:`` link to it."
    ),
    Subtype.CONFIG: "An ``implplan_*`` configuration value of the wrong shape.",
    Subtype.VIEW: "A view option that is invalid (unknown type, bad layout, unknown plan).",
}


def warn(
    subtype: Subtype,
    message: str,
    location: nodes.Node | tuple[str, int | None] | None,
    *,
    once: bool = False,
) -> None:
    """Emit one ``implplan.<subtype>`` warning at ``location``.

    ``location`` is required (``None`` only for configuration problems, which have no
    place in a document) so that no document problem is reported without its line.
    """
    logger.warning(
        message,
        type=WARNING_TYPE,
        subtype=subtype.value,
        location=location,
        once=once,
    )
