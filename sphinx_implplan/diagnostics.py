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
    SPECKIT = "speckit"
    SUSPECT = "suspect"
    CHANGED = "changed"
    RESULTS = "results"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[Subtype, str] = {
    Subtype.VALUE: (
        "A value outside its allowed set or form (enumerated value, date, duration, "
        "stage, number, id list, the method of an endpoint title shaped like "
        "``METHOD /path``), an option the directive does not take, an ``:id:`` "
        "another need already has (the item is left out), an ``:id:`` the project's "
        "``needs_id_regex`` refuses (the item gets a generated id, or is left out where "
        "the rule refuses that too), a value sphinx-needs refuses for one of its own "
        "options or for a field of the project's (the item is kept without it), or an "
        "``impl-plan`` ``:requirements:`` entry that selects none of the plan's "
        "``:spec:`` requirements."
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
        "An end before its start, a phase starting before a phase it depends on ends, "
        "a start or an end past the calendar's last day (9999-12-31), or an ``:end:`` "
        "more than 36,525 days after the start, as no ``:duration:`` may be (the end "
        "is left out)."
    ),
    Subtype.PLAN: (
        "An item with no plan (no ``impl-plan`` before it and no ``:plan:``), an unknown "
        "``:plan:``, a ``:plan:`` naming a plan of another project (an external need), "
        "or two plans in one document."
    ),
    Subtype.COVERAGE: "Coverage below ``:min-coverage:`` (names the uncovered requirements).",
    Subtype.UNMITIGATED: (
        "A risk whose score is in the high band with neither ``:mitigation:`` nor a "
        "``:mitigates:`` link to it."
    ),
    Subtype.CONFIG: (
        "An ``implplan_*`` configuration value of the wrong shape, a requirement type "
        "that is no need type of the project or is one of the extension's item types, a "
        "``needs_id_regex`` that is no regular expression (the extension's rule is used), "
        "or a field of the project's that has one of the extension's names but cannot "
        "hold its values (left to the project); an approval baseline file "
        "(``implplan_baseline``) that is not JSON, of another version or of a wrong shape "
        "(the build goes on as without a baseline, and nothing is written to the file); "
        "an ``implplan_today`` or ``SOURCE_DATE_EPOCH`` that names no day (the build's "
        "day is used)."
    ),
    Subtype.VIEW: "A view option that is invalid (unknown type, bad layout, unknown plan).",
    Subtype.SPECKIT: (
        "A spec-kit feature folder that ``impl-speckit`` cannot read as it is: a folder "
        "outside the source folder and ``implplan_speckit_roots`` (refused unread), a "
        "folder without ``spec.md`` or ``tasks.md`` (what is there is shown), a task line "
        "that is not a task, a requirement id given twice, a reference to a requirement "
        "or user story that does not exist; at the spec-kit file and its line."
    ),
    Subtype.SUSPECT: (
        "A plan item whose linked need (a requirement, or another item it links to) "
        "changed since the item was approved in the baseline: names the needs that "
        "changed and the day of the approval. Suspicion follows one link."
    ),
    Subtype.CHANGED: (
        "A plan item that changed itself since it was approved in the baseline: its "
        "title, body, status, tags, an option, or a link added or removed."
    ),
    Subtype.RESULTS: (
        "A test results file (``implplan_test_results``) that cannot be read: missing, "
        "a folder, unreadable, larger than 50 MB, not XML, not JUnit XML, or holding a "
        "document type declaration (which entity expansion and external entities need; "
        "refused unread); or a pattern that matches no file. One warning per file and "
        "build, at the file; the build goes on, and the tests whose cases it held are "
        "not run."
    ),
}


def at_source(place: tuple[str, int | None], included: str | None) -> tuple[str, int | None] | str:
    """The location of a problem at ``place``, a document and a line of its text.

    Where the text stands in a file the document includes (``included``, its absolute
    path), the line is one of that file, and so is the location: ``path:line``, as
    docutils and Sphinx name a place in an included file. Otherwise the document's.
    """
    if included is None:
        return place
    _, line = place
    return f"{included}:{line or ''}"


def warn(
    subtype: Subtype,
    message: str,
    location: nodes.Node | tuple[str, int | None] | str | None,
    *,
    once: bool = False,
) -> None:
    """Emit one ``implplan.<subtype>`` warning at ``location``: a node, a document and
    line, or a file and line (:func:`at_source`).

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
