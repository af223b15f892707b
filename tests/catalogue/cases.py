"""The hostile cases: for each, what it proves, the warnings its document must give
and what ``needs.json`` must still hold.

A case is the document ``cases/<name>.md`` of ``roots/test-catalogue``, or, where
``document`` is set, the text that function writes there. A warning is expected at
the first line of the document that holds its ``marker`` (the item's title, or the
view's directive), with every text of ``says`` in its message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from catalogue import documents


@dataclass(frozen=True)
class Warned:
    """One warning a case must give."""

    #: the family, ``implplan.<subtype>``
    subtype: str
    marker: str
    says: tuple[str, ...]


def warned(subtype: str, marker: str, *says: str) -> Warned:
    return Warned(subtype, marker, says)


@dataclass(frozen=True)
class Case:
    name: str
    proves: str
    warnings: tuple[Warned, ...]
    #: need id -> fields as ``needs.json`` must store them (the item is kept)
    stored: Mapping[str, Mapping[str, Any]]
    #: writes the document, for a case not kept as a file
    document: Callable[[], str] | None = None

    @property
    def filename(self) -> str:
        return f"{self.name}.md"

    @property
    def path(self) -> str:
        """The document's path in the source folder."""
        return f"cases/{self.filename}"


def _empty(option: str) -> tuple[str, str]:
    """What the message of an empty value says."""
    return (f":{option}:", "an empty value is not")


ENUMERATED_VALUES: tuple[Case, ...] = (
    Case(
        "impact-unknown",
        "An :impact: outside the levels warns and is dropped; the risk has no score.",
        (warned("value", "Item with an unknown impact", ":impact: 'severe' is not a valid level"),),
        {"RISK_IMPACT_UNKNOWN": {"impact": None, "likelihood": "low", "score": None, "band": None, "mitigation": "kept"}},
    ),
    Case(
        "impact-empty",
        "An empty :impact: is a missing required option, reported once.",
        (warned("missing", "Item with an empty impact", "the required option :impact: is empty"),),
        {"RISK_IMPACT_EMPTY": {"impact": None, "likelihood": "low", "score": None, "band": None, "mitigation": "kept"}},
    ),
    Case(
        "likelihood-unknown",
        "A :likelihood: outside the levels warns and is dropped; the risk has no score.",
        (warned("value", "Item with an unknown likelihood", ":likelihood: 'sometimes' is not a valid level"),),
        {"RISK_LIKELIHOOD_UNKNOWN": {"likelihood": None, "impact": "low", "score": None, "mitigation": "kept"}},
    ),
    Case(
        "likelihood-empty",
        "An empty :likelihood: is a missing required option, reported once.",
        (warned("missing", "Item with an empty likelihood", "the required option :likelihood: is empty"),),
        {"RISK_LIKELIHOOD_EMPTY": {"likelihood": None, "impact": "low", "score": None, "mitigation": "kept"}},
    ),
    Case(
        "change-unknown",
        "A :change: outside new|modified|removed warns and is dropped.",
        (warned("value", "Item with an unknown change", ":change: 'changed' is not a valid change"),),
        {"CMP_CHANGE_UNKNOWN": {"change": None, "purpose": "kept"}},
    ),
    Case(
        "change-empty",
        "An empty :change: is a bad value, dropped.",
        (warned("value", "Item with an empty change", *_empty("change"), "is not a valid change"),),
        {"CMP_CHANGE_EMPTY": {"change": None, "purpose": "kept"}},
    ),
    Case(
        "method-unknown",
        "A :method: that is no HTTP method warns and is dropped.",
        (warned("value", "Item with an unknown method", ":method: 'FETCH' is not an HTTP method"),),
        {"API_METHOD_UNKNOWN": {"method": None, "path": "/kept"}},
    ),
    Case(
        "method-empty",
        "An empty :method: is a bad value, dropped.",
        (warned("value", "Item with an empty method", *_empty("method"), "is not an HTTP method"),),
        {"API_METHOD_EMPTY": {"method": None, "path": "/kept"}},
    ),
    Case(
        "level-unknown",
        "A test :level: outside its set warns and is dropped.",
        (warned("value", "Item with an unknown level", ":level: 'smoke' is not a valid test level"),),
        {"TEST_LEVEL_UNKNOWN": {"level": None, "verifies": ["FR_001"]}},
    ),
    Case(
        "level-empty",
        "An empty test :level: is a bad value, dropped.",
        (warned("value", "Item with an empty level", *_empty("level"), "is not a valid test level"),),
        {"TEST_LEVEL_EMPTY": {"level": None, "verifies": ["FR_001"]}},
    ),
    Case(
        "layer-unknown",
        "A :layer: outside its set warns and is dropped.",
        (warned("value", "Item with an unknown layer", ":layer: 'cloud' is not a valid layer"),),
        {"TECH_LAYER_UNKNOWN": {"layer": None, "purpose": "kept"}},
    ),
    Case(
        "layer-empty",
        "An empty :layer: is a bad value, dropped.",
        (warned("value", "Item with an empty layer", *_empty("layer"), "is not a valid layer"),),
        {"TECH_LAYER_EMPTY": {"layer": None, "purpose": "kept"}},
    ),
    Case(
        "kind-unknown",
        "A :kind: outside its set warns and is dropped.",
        (warned("value", "Item with an unknown kind", ":kind: 'legal' is not a valid kind"),),
        {"CON_KIND_UNKNOWN": {"kind": None, "addresses": ["FR_001"]}},
    ),
    Case(
        "kind-empty",
        "An empty :kind: is a bad value, dropped.",
        (warned("value", "Item with an empty kind", *_empty("kind"), "is not a valid kind"),),
        {"CON_KIND_EMPTY": {"kind": None, "addresses": ["FR_001"]}},
    ),
)  # fmt: skip

STATUSES: tuple[Case, ...] = (
    Case(
        "plan-status-unknown",
        "A plan :status: outside its set warns; the plan gets the default, draft.",
        (warned("value", "Plan with an unknown status", ":status: 'wip' is not a valid plan status"),),
        {"PLAN_PLAN_STATUS_UNKNOWN": {"status": "draft", "owner": "kept"}},
    ),
    Case(
        "plan-status-empty",
        "An empty plan :status: warns; the plan gets the default, draft.",
        (warned("value", "Plan with an empty status", *_empty("status"), "is not a valid plan status"),),
        {"PLAN_PLAN_STATUS_EMPTY": {"status": "draft", "owner": "kept"}},
    ),
    Case(
        "phase-status-unknown",
        "A phase :status: outside its set warns; the phase gets its derived status.",
        (warned("value", "Phase with an unknown status", ":status: 'finished' is not a valid phase status"),),
        {"PH_PHASE_STATUS_UNKNOWN": {"status": "planned", "goal": "kept"}},
    ),
    Case(
        "phase-status-empty",
        "An empty phase :status: warns; the phase gets its derived status.",
        (warned("value", "Phase with an empty status", *_empty("status"), "is not a valid phase status"),),
        {"PH_PHASE_STATUS_EMPTY": {"status": "planned", "goal": "kept"}},
    ),
    Case(
        "decision-status-unknown",
        "A decision :status: outside its set warns; the decision gets the default, proposed.",
        (warned("value", "Decision with an unknown status", ":status: 'maybe' is not a valid decision status"),),
        {"DEC_DECISION_STATUS_UNKNOWN": {"status": "proposed", "choice": "kept"}},
    ),
    Case(
        "decision-status-empty",
        "An empty decision :status: warns; the decision gets the default, proposed.",
        (warned("value", "Decision with an empty status", *_empty("status"), "is not a valid decision status"),),
        {"DEC_DECISION_STATUS_EMPTY": {"status": "proposed", "choice": "kept"}},
    ),
    Case(
        "risk-status-unknown",
        "A risk :status: outside its set warns; the risk gets the default, open.",
        (warned("value", "Risk with an unknown status", ":status: 'whatever' is not a valid risk status"),),
        {"RISK_RISK_STATUS_UNKNOWN": {"status": "open", "score": 1, "mitigation": "kept"}},
    ),
    Case(
        "risk-status-empty",
        "An empty risk :status: warns; the risk gets the default, open.",
        (warned("value", "Risk with an empty status", *_empty("status"), "is not a valid risk status"),),
        {"RISK_RISK_STATUS_EMPTY": {"status": "open", "score": 1, "mitigation": "kept"}},
    ),
)  # fmt: skip

STAGES: tuple[Case, ...] = (
    Case(
        "stage-unknown",
        "A :stage: in words is no positive integer: it warns and is dropped.",
        (warned("value", "Rollout with an unknown stage", ":stage: 'second' is not a valid stage"),),
        {"RO_STAGE_UNKNOWN": {"stage": None, "audience": "kept"}},
    ),
    Case(
        "stage-negative",
        "A negative :stage: warns and is dropped.",
        (warned("value", "Rollout with a negative stage", ":stage: '-2' is not a valid stage"),),
        {"RO_STAGE_NEGATIVE": {"stage": None, "audience": "kept"}},
    ),
    Case(
        "stage-empty",
        "An empty :stage: warns and is dropped.",
        (warned("value", "Rollout with an empty stage", *_empty("stage"), "is not a valid stage"),),
        {"RO_STAGE_EMPTY": {"stage": None, "audience": "kept"}},
    ),
)  # fmt: skip


def _dates(variant: str, says: tuple[str, ...]) -> tuple[Warned, ...]:
    """The same bad date on :updated:, :start:, :end: and :date:, one warning each."""
    return (
        warned("value", f"Plan updated on date-{variant}", ":updated:", *says),
        warned("value", f"Phase starting on date-{variant}", ":start:", *says),
        warned("value", f"Phase ending on date-{variant}", ":end:", *says),
        warned("value", f"Change made on date-{variant}", ":date:", *says),
    )


def _dates_dropped(ids: str) -> dict[str, dict[str, Any]]:
    return {
        f"PLAN_{ids}": {"updated": None, "owner": "kept"},
        f"PH_{ids}_START": {"start": None, "goal": "kept"},
        f"PH_{ids}_END": {"end": None, "goal": "kept"},
        f"CHG_{ids}": {"date": None, "content": "The body stays."},
    }


DATES: tuple[Case, ...] = (
    Case(
        "date-feb-29",
        "2027-02-29 (2027 is no leap year) is refused on every date option.",
        _dates("feb-29", ("'2027-02-29' is not a real calendar date",)),
        _dates_dropped("DATE_FEB_29"),
    ),
    Case(
        "date-month-13",
        "2026-13-01 (month 13) is refused on every date option.",
        _dates("month-13", ("'2026-13-01' is not a real calendar date",)),
        _dates_dropped("DATE_MONTH_13"),
    ),
    Case(
        "date-slashes",
        "03/04/2025 (day and month ambiguous) is refused on every date option.",
        _dates("slashes", ("'03/04/2025' is not a date; write it as YYYY-MM-DD",)),
        _dates_dropped("DATE_SLASHES"),
    ),
    Case(
        "date-empty",
        "An empty date is refused on every date option.",
        _dates("empty", ("an empty value", "is not a date")),
        _dates_dropped("DATE_EMPTY"),
    ),
)

DURATIONS: tuple[Case, ...] = (
    Case(
        "duration-negative",
        "A negative :duration: is refused; the phase keeps its start and has no end.",
        (warned("value", "Phase of a negative duration", ":duration: '-3d' is not a duration"),),
        {"PH_DURATION_NEGATIVE": {"duration": None, "start": "2027-01-04", "end": None, "goal": "kept"}},
    ),
    Case(
        "duration-zero",
        "A :duration: of zero days is refused.",
        (warned("value", "Phase of a zero duration", ":duration: '0d' is not a positive duration"),),
        {"PH_DURATION_ZERO": {"duration": None, "start": "2027-01-04", "end": None, "goal": "kept"}},
    ),
    Case(
        "duration-worded",
        "A :duration: in words (ten days) is refused.",
        (warned("value", "Phase of a worded duration", ":duration: 'ten days' is not a duration"),),
        {"PH_DURATION_WORDED": {"duration": None, "start": "2027-01-04", "end": None, "goal": "kept"}},
    ),
    Case(
        "duration-empty",
        "An empty :duration: is refused.",
        (warned("value", "Phase of an empty duration", *_empty("duration"), "is not a duration"),),
        {"PH_DURATION_EMPTY": {"duration": None, "start": "2027-01-04", "end": None, "goal": "kept"}},
    ),
)  # fmt: skip

SCHEDULES: tuple[Case, ...] = (
    Case(
        "schedule-end-before-start",
        "A phase that ends before it starts is a schedule warning; both dates are kept.",
        (warned("schedule", "Phase ending before its start", "ends 2027-03-01 before it starts 2027-03-10"),),
        {"PH_SCHEDULE_BACKWARDS": {"start": "2027-03-10", "end": "2027-03-01", "goal": "kept"}},
    ),
    Case(
        "schedule-start-before-dependency",
        "A :start: on or before the end of a phase it depends on is a schedule warning.",
        (
            warned(
                "schedule",
                "Phase starting too early",
                "starts 2027-01-10, before phase 'PH_SCHEDULE_FIRST' it depends on ends (2027-01-17)",
            ),
        ),
        {"PH_SCHEDULE_EARLY": {"start": "2027-01-10", "depends": ["PH_SCHEDULE_FIRST"], "goal": "kept"}},
    ),
)  # fmt: skip

LINKS: tuple[Case, ...] = (
    Case(
        "link-unknown-id",
        "A link to an unknown id warns; it is kept (it may name a need of a later build).",
        (warned("link", "Component implementing an unknown id", ":implements: 'FR_404' is not the id of any need"),),
        {"CMP_LINK_UNKNOWN": {"implements": ["FR_001", "FR_404"], "purpose": "kept"}},
    ),
    Case(
        "link-wrong-type",
        "A link to a need of a type the link does not allow warns and is dropped.",
        (
            warned(
                "link",
                "Component implementing a phase",
                ":implements: 'PH_LINK_WRONG_TYPE' is of type impl-phase",
                "the link is dropped",
            ),
        ),
        {
            "CMP_LINK_WRONG_TYPE": {"implements": ["FR_002"], "purpose": "kept"},
            "PH_LINK_WRONG_TYPE": {"implements_back": []},
        },
    ),
    Case(
        "link-to-itself",
        "A link from an item to itself warns and is dropped.",
        (warned("link", "Entity related to itself", ":relates: 'ENT_LINK_SELF' links the item to itself"),),
        {"ENT_LINK_SELF": {"relates": [], "relates_back": [], "fields": ["id", "kept"]}},
    ),
    Case(
        "link-option-not-taken",
        "A link option the item's type does not take warns and is dropped.",
        (warned("link", "Risk that claims to verify", ":verifies: is not a link this item type takes"),),
        {
            "RISK_LINK_NOT_TAKEN": {"verifies": [], "score": 1, "mitigation": "kept"},
            "FR_001": {"type": "req"},
        },
    ),
    Case(
        "ids-separators",
        "Doubled and trailing separators (FR_001,, FR_002 ;) warn once as a value; the "
        "empty entries are left out and both ids are kept.",
        (
            warned(
                "value",
                "Test with stray separators",
                ":verifies: 'FR_001,, FR_002 ;' has an empty entry between its separators",
            ),
        ),
        {"TEST_IDS_SEPARATORS": {"verifies": ["FR_001", "FR_002"], "level": "unit"}},
    ),
    Case(
        "ids-separators-unknown-ids",
        "In A,, B ; the empty entries are left out (one value warning for the option) "
        "and no id is read as 'B ;' or ';': A and B are each an unknown id, kept.",
        (
            warned("value", "Test with stray separators and unknown ids", ":verifies: 'A,, B ;' has an empty entry"),
            warned("link", "Test with stray separators and unknown ids", ":verifies: 'A' is not the id of any need"),
            warned("link", "Test with stray separators and unknown ids", ":verifies: 'B' is not the id of any need"),
        ),
        {"TEST_IDS_SEPARATORS_UNKNOWN": {"verifies": ["A", "B"], "level": "unit"}},
    ),
    Case(
        "ids-only-separators",
        "A list of ids made only of separators (, ;) warns once and links nothing.",
        (warned("value", "Test whose ids are only separators", ":verifies: ', ;' has an empty entry"),),
        {"TEST_IDS_ONLY_SEPARATORS": {"verifies": [], "level": "unit"}},
    ),
    Case(
        "ids-not-an-id",
        "An entry with a space is not an id: it warns and is dropped, the other id is kept.",
        (warned("value", "Component with a spaced id", ":implements: 'FR 001' is not a need id"),),
        {"CMP_IDS_NOT_AN_ID": {"implements": ["FR_002"], "purpose": "kept"}},
    ),
)  # fmt: skip

CYCLES: tuple[Case, ...] = (
    Case(
        "cycle-of-one",
        "A phase that depends on itself is a cycle of one: one warning, no link warning.",
        (warned("cycle", "Phase depending on itself", "PH_CYCLE_ONE -> PH_CYCLE_ONE;"),),
        {"PH_CYCLE_ONE": {"depends": ["PH_CYCLE_ONE"], "start": None, "goal": "kept"}},
    ),
    Case(
        "cycle-of-two",
        "Two phases depending on each other: one warning for the cycle, not one per phase.",
        (warned("cycle", "Pair A", "PH_CYCLE_TWO_A -> PH_CYCLE_TWO_B -> PH_CYCLE_TWO_A;"),),
        {
            "PH_CYCLE_TWO_A": {"depends": ["PH_CYCLE_TWO_B"], "goal": "kept"},
            "PH_CYCLE_TWO_B": {"depends": ["PH_CYCLE_TWO_A"]},
        },
    ),
    Case(
        "cycle-of-five",
        "A ring of five phases: one warning naming all five; a phase behind the ring is "
        "not a cycle of its own.",
        (
            warned(
                "cycle",
                "Ring 1",
                "PH_CYCLE_FIVE_1 -> PH_CYCLE_FIVE_5 -> PH_CYCLE_FIVE_4 -> PH_CYCLE_FIVE_3 "
                "-> PH_CYCLE_FIVE_2 -> PH_CYCLE_FIVE_1;",
            ),
        ),
        {
            **{f"PH_CYCLE_FIVE_{number}": {"plan": "PLAN_CYCLE_FIVE"} for number in range(1, 6)},
            "PH_CYCLE_FIVE_BEHIND": {"depends": ["PH_CYCLE_FIVE_3"], "start": None},
        },
    ),
)

IDS: tuple[Case, ...] = (
    Case(
        "title-unreadable-dynamic-function",
        "A '[[' in a title or free-text status that sphinx-needs cannot read as one of "
        "its dynamic functions: the item is kept, with '[ [' in its place, and warned.",
        (
            warned(
                "value",
                "Parse [[x",
                "'title' value is invalid",
                "the item is kept with '[ [' in place of '[['",
            ),
            warned(
                "value",
                "Status with brackets",
                "'status' value is invalid",
                "the item is kept with '[ [' in place of '[['",
            ),
        ),
        {
            "CMP_DYNAMIC_TITLE": {"title": "Parse [ [x", "purpose": "kept"},
            "TEST_DYNAMIC_STATUS": {"status": "[ [x", "level": "unit"},
        },
    ),
    Case(
        "constraints-unknown",
        "A value sphinx-needs refuses for one of its own options (:constraints: not in "
        "needs_constraints) is warned about; the item is kept without that option.",
        (
            warned(
                "value",
                "Item with an unknown constraint",
                "not in 'needs_constraints'; the item is kept without :constraints:",
            ),
        ),
        {"CMP_CONSTRAINTS": {"purpose": "kept", "constraints": []}},
    ),
    Case(
        "id-taken-in-one-document",
        "A second item with an id already taken is left out, with a warning at its line "
        "naming the item that keeps the id; the first item stays as written. (Across "
        "documents and under -j: test_build_duplicates.py.)",
        (
            warned(
                "value",
                "Second of its id",
                "the id 'PH_ID_TAKEN' is already taken by the need at cases/id-taken-in-one-document:7; this item is left out",
            ),
        ),
        {"PH_ID_TAKEN": {"title": "First of its id", "goal": "kept"}},
    ),
)

PLANS: tuple[Case, ...] = (
    Case(
        "plan-two-in-one-document",
        "A second plan in a document warns at the second plan; the items after it "
        "belong to it.",
        (warned("plan", "Second plan of the document", "a second plan in this document (after 'PLAN_TWO_FIRST')"),),
        {
            "PLAN_TWO_SECOND": {"owner": "kept"},
            "CMP_TWO_FIRST": {"plan": "PLAN_TWO_FIRST"},
            "CMP_TWO_SECOND": {"plan": "PLAN_TWO_SECOND"},
        },
    ),
    Case(
        "plan-unknown",
        "A :plan: that names no impl-plan warns; the id stays in the field, as an "
        "unknown link id does.",
        (warned("plan", "Component of an unknown plan", ":plan: 'PLAN_NOPE' is not the id of an impl-plan"),),
        {"CMP_PLAN_UNKNOWN": {"plan": "PLAN_NOPE", "purpose": "kept"}},
    ),
    Case(
        "plan-item-before-any-plan",
        "An item before the first plan of its document belongs to no plan.",
        (warned("plan", "Component before the plan", "the item belongs to no plan"),),
        {"CMP_BEFORE_PLAN": {"plan": None, "purpose": "kept"}, "PLAN_AFTER_ITEM": {}},
    ),
    Case(
        "plan-two-ids",
        "A :plan: naming two ids warns and is dropped; the item keeps the document's plan.",
        (warned("plan", "Component of two plans", ":plan: 'PLAN_TWO_IDS, PLAN_NOPE' must name exactly one plan id"),),
        {"CMP_PLAN_TWO_IDS": {"plan": "PLAN_TWO_IDS", "purpose": "kept"}},
    ),
)  # fmt: skip


def _view_plan(plan_id: str, item_id: str) -> dict[str, dict[str, Any]]:
    """A view's case keeps its plan and the plan's item."""
    return {plan_id: {"type": "impl-plan"}, item_id: {"plan": plan_id}}


VIEWS: tuple[Case, ...] = (
    Case(
        "view-table-unknown-type",
        "impl-table with a :type: that is no item type warns at the view.",
        (warned("view", "{impl-table}", "impl-table: :type: 'gadget' is not an item type"),),
        _view_plan("PLAN_VIEW_TYPE", "CMP_VIEW_TYPE"),
    ),
    Case(
        "view-traceability-layout-spiral",
        "impl-traceability with :layout: spiral warns at the view.",
        (warned("view", "{impl-traceability}", ":layout: 'spiral' is not a valid layout; use one of: table, matrix"),),
        _view_plan("PLAN_VIEW_SPIRAL", "CMP_VIEW_SPIRAL"),
    ),
    Case(
        "view-unknown-plan",
        "A view of a plan that does not exist warns at the view.",
        (warned("view", "{impl-summary}", "impl-summary: :plan: 'PLAN_NOPE' is not the id of an impl-plan"),),
        _view_plan("PLAN_VIEW_UNKNOWN", "CMP_VIEW_UNKNOWN"),
    ),
    Case(
        "view-min-coverage-120",
        "A :min-coverage: above 100 warns and is left out: no coverage check follows.",
        (warned("view", "{impl-traceability}", ":min-coverage: '120' is not a percentage from 0 to 100"),),
        _view_plan("PLAN_VIEW_COVERAGE", "CMP_VIEW_COVERAGE"),
    ),
    Case(
        "view-show-some",
        "impl-traceability with :show: some warns at the view.",
        (warned("view", "{impl-traceability}", ":show: 'some' is not a valid show value; use one of: all, uncovered"),),
        _view_plan("PLAN_VIEW_SHOW", "CMP_VIEW_SHOW"),
    ),
    Case(
        "view-table-unknown-columns",
        "Each unknown column of an impl-table warns once, at the view.",
        (
            warned("view", "{impl-table}", ":columns: 'colour' is not a column of impl-risk"),
            warned("view", "{impl-table}", ":columns: 'mood' is not a column of impl-risk"),
        ),
        _view_plan("PLAN_VIEW_COLUMNS", "RISK_VIEW_COLUMNS"),
    ),
)  # fmt: skip

TITLES: tuple[Case, ...] = (
    Case(
        "title-html",
        "HTML in a title is no problem: no warning, stored as written.",
        (),
        {"CMP_TITLE_HTML": {"title": '<b>bold</b> and <i onmouseover="alert(1)">italic</i>'}},
    ),
    Case(
        "title-script",
        "A script element in a title: no warning, stored as written.",
        (),
        {"CMP_TITLE_SCRIPT": {"title": "<script>alert(1)</script>"}},
    ),
    Case(
        "title-latex-specials",
        "LaTeX's special characters in a title: no warning, stored as written.",
        (),
        {"CMP_TITLE_LATEX": {"title": "& % $ # _ { } ~ ^ \\ \\\\ \\textbf{x}"}},
    ),
    Case(
        "title-right-to-left",
        "Arabic and Hebrew in a title: no warning, stored as written.",
        (),
        {"CMP_TITLE_RTL": {"title": "خطة التنفيذ and תוכנית יישום"}},
    ),
    Case(
        "title-emoji",
        "Emoji (with a skin tone, a zero-width joiner and a flag): no warning, stored as written.",
        (),
        {"CMP_TITLE_EMOJI": {"title": "Launch 🚀 by 👩🏽\u200d💻 in 🇪🇺"}},
    ),
    Case(
        "title-bell",
        "A BEL control character in a title: no warning, stored as written.",
        (),
        {"CMP_TITLE_BELL": {"title": documents.BELL_TITLE}},
        document=documents.bell_title,
    ),
    Case(
        "title-escape",
        "ANSI escape sequences in a title: no warning, stored as written.",
        (),
        {"CMP_TITLE_ESCAPE": {"title": documents.ESCAPE_TITLE}},
        document=documents.escape_title,
    ),
    Case(
        "title-nul",
        "A NUL byte in a title: no warning; the Markdown parser replaces it by U+FFFD, "
        "as CommonMark requires.",
        (),
        {"CMP_TITLE_NUL": {"title": documents.NUL_TITLE.replace("\x00", "\ufffd")}},
        document=documents.nul_title,
    ),
    Case(
        "title-bidi-override",
        "A right-to-left override (U+202E) in a title: no warning, stored as written.",
        (),
        {"CMP_TITLE_BIDI": {"title": documents.BIDI_OVERRIDE_TITLE}},
        document=documents.bidi_override_title,
    ),
)  # fmt: skip

LARGE_INPUTS: tuple[Case, ...] = (
    Case(
        "title-10000-characters",
        "A title of 10,000 characters: no warning, stored whole.",
        (),
        {"CMP_TITLE_LONG": {"title": documents.LONG_TITLE}},
        document=documents.long_title,
    ),
    Case(
        "phase-2000-deliverables",
        "A phase of 2,000 deliverables, 250 done: counted, 13 % complete, in progress.",
        (),
        {
            "PH_DELIVERABLES": {
                "deliverables_total": documents.TASKS,
                "deliverables_done": documents.TASKS // documents.DONE_EVERY,
                "completion": 13,
                "status": "in-progress",
            }
        },
        document=documents.many_deliverables,
    ),
    Case(
        "body-1mb",
        "A body of one megabyte of prose: no warning; the item keeps it whole.",
        (),
        {"CMP_BODY": {"content": documents.LONG_BODY, "plan": "PLAN_BODY"}},
        document=documents.one_megabyte_body,
    ),
)

CASES: tuple[Case, ...] = (
    *ENUMERATED_VALUES,
    *STATUSES,
    *STAGES,
    *DATES,
    *DURATIONS,
    *SCHEDULES,
    *LINKS,
    *CYCLES,
    *IDS,
    *PLANS,
    *VIEWS,
    *TITLES,
    *LARGE_INPUTS,
)
