"""Approvals without Sphinx: the fingerprint of a need (``plan/fingerprints.py``), the
baseline file read, validated, written and merged, and each item's state against it
(``plan/approvals.py``)."""

from __future__ import annotations

import copy
import hashlib
import json
from types import MappingProxyType
from typing import Any

import pytest

from sphinx_implplan.plan.approvals import (
    BASELINE_VERSION,
    Approval,
    ApprovalState,
    Baseline,
    BaselineError,
    ItemPrints,
    approve,
    dump_baseline,
    judge_approvals,
    judge_item,
    parse_baseline,
    read_baseline,
    under_approval,
)
from sphinx_implplan.plan.fingerprints import (
    FingerprintFields,
    is_fingerprint,
    linked_ids,
    need_fingerprint,
    normalised_text,
)

CHOSEN = FingerprintFields(
    fields=("goal", "impact", "owner", "plan", "priority", "score", "start", "deliverables_done"),
    links=("implements", "links", "verifies"),
)

REQUIREMENT: dict[str, Any] = {
    "id": "FR_1",
    "type": "req",
    "title": "Sync notes",
    "content": "Notes sync within a minute.\n\n- on Wi-Fi\n- on mobile data",
    "status": "open",
    "tags": ["sync", "core"],
    "priority": "high",
    "links": ["FR_2"],
    "docname": "spec",
    "lineno": 12,
    "lineno_content": 14,
    "section_name": "Sync",
    "sections": ("Spec", "Sync"),
    "layout": "clean",
    "style": "green",
    "collapse": True,
    "constraints_passed": True,
}


def fingerprint(need: dict[str, Any], written: dict[str, Any] | None = None) -> str:
    return need_fingerprint(need, CHOSEN, written)


def changed(**values: Any) -> dict[str, Any]:
    return {**copy.deepcopy(REQUIREMENT), **values}


# -- fingerprints ----------------------------------------------------------------------


def test_a_fingerprint_is_a_sha256_digest_and_the_same_every_time() -> None:
    first = fingerprint(REQUIREMENT)
    assert is_fingerprint(first)
    assert first == fingerprint(copy.deepcopy(REQUIREMENT))
    # the order the fields come in, of the tags and of the link targets, is no change
    reordered = dict(reversed(list(REQUIREMENT.items())))
    reordered["tags"] = ["core", "sync"]
    assert fingerprint(reordered) == first


def test_the_digest_is_pinned() -> None:
    """A new Python or Sphinx must not change a fingerprint: the canonical JSON and
    its digest are fixed by the format, not by an implementation."""
    need = {"type": "req", "title": "T", "content": "Body\r\n", "priority": "high", "tags": []}
    canonical = (
        '{"body":"Body","fields":{"priority":"high"},"links":{},"status":null,'
        '"tags":[],"title":"T","type":"req"}'
    )
    assert fingerprint(need) == hashlib.sha256(canonical.encode("ascii")).hexdigest()
    assert fingerprint(need) == "320f1552d1fc1bb603fd88ee960cc8af8ca5581bbc819ac4dd4ad4e6c01601ac"


@pytest.mark.parametrize(
    "values",
    [
        {"type": "nfr"},
        {"title": "Sync all notes"},
        {"content": "Notes sync within ten seconds.\n\n- on Wi-Fi\n- on mobile data"},
        {"content": REQUIREMENT["content"] + "\n- offline"},
        {"status": "done"},
        {"tags": ["sync"]},
        {"priority": "low"},
        {"links": ["FR_3"]},
        {"implements": ["FR_9"]},
        {"plan": "PLAN_B"},
    ],
    ids=lambda values: next(iter(values)),
)
def test_each_field_that_matters_changes_the_fingerprint(values: dict[str, Any]) -> None:
    assert fingerprint(changed(**values)) != fingerprint(REQUIREMENT)


@pytest.mark.parametrize(
    "values",
    [
        {"docname": "other/spec"},
        {"lineno": 99, "lineno_content": 101},
        {"section_name": "Elsewhere", "sections": ("Other",)},
        {"layout": "complete", "style": "red", "collapse": False},
        {"constraints_passed": False},
        # computed from others: a risk's score, a phase's deliverable counts
        {"score": 9, "deliverables_done": 3},
        # a field the fingerprint does not read (not the project's)
        {"created": "2027-01-01T10:00:00"},
        # line endings and white space at the ends of lines
        {"content": "Notes sync within a minute.  \r\n\r\n- on Wi-Fi\r\n- on mobile data\n\n"},
        {"title": " Sync notes "},
        # an empty value is no value: a field a new release adds changes nothing
        {"goal": "", "owner": None, "start": []},
    ],
    ids=lambda values: next(iter(values)),
)
def test_where_a_need_stands_and_what_is_computed_do_not_count(values: dict[str, Any]) -> None:
    assert fingerprint(changed(**values)) == fingerprint(REQUIREMENT)


def test_a_phase_s_dates_as_written_replace_the_scheduled_ones() -> None:
    phase = {"type": "impl-phase", "title": "Build", "start": "2027-03-01", "plan": "P"}
    scheduled = {**phase, "start": "2027-03-08"}
    assert fingerprint(scheduled, {"start": None}) == fingerprint({**phase, "start": None})
    assert fingerprint(scheduled, {"start": None}) != fingerprint(phase)


def test_normalised_text() -> None:
    assert normalised_text("\n\n  a  \r\nb\t\r\n\r\n") == "  a\nb"


def test_linked_ids_name_whole_needs_once() -> None:
    need = {"implements": ["FR_2.push", "FR_1", "FR_2"], "verifies": ["CMP_1"], "other": ["X"]}
    assert linked_ids(need, ("implements", "verifies")) == ("CMP_1", "FR_1", "FR_2")


# -- the baseline file -------------------------------------------------------------------

PRINT_A = "a" * 64
PRINT_B = "b" * 64
PRINT_C = "c" * 64


def baseline_data() -> dict[str, Any]:
    return {
        "version": BASELINE_VERSION,
        "items": {
            "PH_1": {
                "fingerprint": PRINT_A,
                "links": {"FR_1": PRINT_B},
                "approved": "2027-02-01",
                "by": "Ana",
                "note": "reviewed with the spec",
            },
            "CMP_1": {"fingerprint": PRINT_C, "links": {}, "approved": "2027-02-02"},
        },
    }


def test_a_baseline_reads_back_into_the_records_it_was_written_from() -> None:
    baseline = read_baseline(baseline_data())
    assert baseline.items["PH_1"] == Approval(
        PRINT_A, {"FR_1": PRINT_B}, "2027-02-01", "Ana", "reviewed with the spec"
    )
    assert baseline.items["CMP_1"].by is None
    text = dump_baseline(baseline)
    assert json.loads(text) == baseline_data()
    assert parse_baseline(text) == baseline


def test_the_file_is_sorted_indented_ascii_and_ends_with_a_newline() -> None:
    data = baseline_data()
    data["items"]["PH_1"]["by"] = "Ren\u00e9e"
    text = dump_baseline(read_baseline(data))
    assert text.endswith("}\n")
    assert text.isascii()
    assert "Ren\\u00e9e" in text
    assert text.index('"CMP_1"') < text.index('"PH_1"')
    assert text.startswith('{\n  "items": {\n    "CMP_1": {\n      "approved"')
    assert text.rstrip().endswith('"version": 1\n}')


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: [data], "not a baseline: no version at its top"),
        (lambda data: {**data, "version": 2}, "a baseline of version 2; this implplan reads 1"),
        (lambda data: {**data, "version": True}, "a baseline of version True"),
        (lambda data: {**data, "items": []}, "items is not an object"),
        (lambda data: {**data, "comment": "x"}, "a key a baseline never holds: comment"),
        (lambda data: data["items"]["PH_1"].update(fingerprint="xyz"), "PH_1.fingerprint"),
        (lambda data: data["items"]["PH_1"].update(links=[]), "PH_1.links is not an object"),
        (lambda data: data["items"]["PH_1"]["links"].update(FR_2=1), "PH_1.links.FR_2"),
        (lambda data: data["items"]["PH_1"].update(approved="2027-02-30"), "PH_1.approved"),
        (lambda data: data["items"]["PH_1"].update(approved="27-2-1"), "PH_1.approved"),
        (lambda data: data["items"]["PH_1"].update(approved="2027-W05-1"), "PH_1.approved"),
        (lambda data: data["items"]["PH_1"].update(by=3), "PH_1.by is not text"),
        (lambda data: data["items"]["PH_1"].update(text="the body"), "never holds: text"),
        (lambda data: data["items"].update(PH_2=None), "items.PH_2 is not an object"),
    ],
)
def test_no_baseline_is_named_in_one_line(change: Any, message: str) -> None:
    data = baseline_data()
    changed_data = change(data) or data
    with pytest.raises(BaselineError) as raised:
        read_baseline(changed_data)
    assert message.replace("reads 1", "reads version 1") in str(raised.value)
    assert "\n" not in str(raised.value)


def test_text_that_is_no_json_names_its_line() -> None:
    with pytest.raises(BaselineError) as raised:
        parse_baseline('{\n  "version": 1,\n  "items": {\n}')
    assert str(raised.value).startswith("not JSON (")
    assert raised.value.line == 4
    with pytest.raises(BaselineError, match="nested too deeply"):
        parse_baseline("[" * 100_000)


# -- approving ---------------------------------------------------------------------------


def prints(fingerprint: str, **links: str | None) -> ItemPrints:
    return ItemPrints(fingerprint, MappingProxyType(links))


CURRENT = {
    "PH_1": prints(PRINT_A, FR_1=PRINT_B),
    "CMP_1": prints(PRINT_C, FR_404=None),
    "TEST_1": prints(PRINT_B, CMP_1=PRINT_C),
}


def test_approving_every_item() -> None:
    done = approve(CURRENT, None, None, date="2027-03-01", by="Bo")
    assert done.approved == ("CMP_1", "PH_1", "TEST_1")
    assert done.unchanged == done.dropped == ()
    entries = done.baseline.items
    assert list(entries) == ["CMP_1", "PH_1", "TEST_1"]
    # a link to no need is not recorded: there is nothing to fingerprint
    assert entries["CMP_1"] == Approval(PRINT_C, {}, "2027-03-01", "Bo")
    assert entries["PH_1"].links == {"FR_1": PRINT_B}


def test_an_item_as_approved_keeps_its_entry() -> None:
    first = approve(CURRENT, None, None, date="2027-03-01", by="Bo").baseline
    again = approve(CURRENT, first, None, date="2027-04-01", by="Cy", note="all")
    assert again.approved == ()
    assert again.unchanged == ("CMP_1", "PH_1", "TEST_1")
    assert dump_baseline(again.baseline) == dump_baseline(first)


def test_approving_some_items_keeps_every_other_entry() -> None:
    first = approve(CURRENT, None, None, date="2027-03-01").baseline
    moved = {**CURRENT, "PH_1": prints(PRINT_A, FR_1=PRINT_C), "CMP_1": prints(PRINT_A)}
    done = approve(moved, first, ["PH_1"], date="2027-03-05", note="FR_1 reworded")
    assert done.approved == ("PH_1",)
    entries = done.baseline.items
    assert entries["PH_1"] == Approval(
        PRINT_A, {"FR_1": PRINT_C}, "2027-03-05", None, "FR_1 reworded"
    )
    # CMP_1 changed too, but was not chosen: its old entry stays
    assert entries["CMP_1"] == first.items["CMP_1"]


def test_only_a_full_approval_drops_the_items_no_longer_in_the_project() -> None:
    first = approve(CURRENT, None, None, date="2027-03-01").baseline
    fewer = {key: value for key, value in CURRENT.items() if key != "TEST_1"}
    partial = approve(fewer, first, ["PH_1"], date="2027-03-02")
    assert "TEST_1" in partial.baseline.items
    assert partial.dropped == ()
    full = approve(fewer, first, None, date="2027-03-02")
    assert "TEST_1" not in full.baseline.items
    assert full.dropped == ("TEST_1",)


# -- the states of a build -----------------------------------------------------------------

ENTRY = Approval(PRINT_A, {"FR_1": PRINT_B, "FR_2": PRINT_C}, "2027-02-01")


@pytest.mark.parametrize(
    ("current", "state", "named"),
    [
        (prints(PRINT_A, FR_1=PRINT_B, FR_2=PRINT_C), ApprovalState.APPROVED, ()),
        (prints(PRINT_C, FR_1=PRINT_B, FR_2=PRINT_C), ApprovalState.CHANGED, ()),
        # the item changed and a need it links to as well: the item's own change counts
        (prints(PRINT_C, FR_1=PRINT_A, FR_2=PRINT_C), ApprovalState.CHANGED, ()),
        (prints(PRINT_A, FR_1=PRINT_A, FR_2=PRINT_C), ApprovalState.SUSPECT, ("FR_1",)),
        (prints(PRINT_A, FR_1=PRINT_A, FR_2=PRINT_A), ApprovalState.SUSPECT, ("FR_1", "FR_2")),
        # a need that went is a change of it
        (prints(PRINT_A, FR_1=PRINT_B, FR_2=None), ApprovalState.SUSPECT, ("FR_2",)),
    ],
)
def test_the_state_of_an_approved_item(
    current: ItemPrints, state: ApprovalState, named: tuple[str, ...]
) -> None:
    found = judge_item(ENTRY, current)
    assert (found.state, found.changed, found.entry) == (state, named, ENTRY)


def test_an_item_not_in_the_baseline_is_not_approved() -> None:
    found = judge_item(None, prints(PRINT_A))
    assert (found.state, found.entry) == (ApprovalState.NOT_APPROVED, None)


def test_only_the_plans_the_baseline_holds_are_under_approval() -> None:
    baseline = Baseline({"PH_1": ENTRY, "LOOSE": ENTRY})
    plans = {
        "PLAN_A": "PLAN_A",
        "PH_1": "PLAN_A",
        "CMP_NEW": "PLAN_A",
        "PLAN_B": "PLAN_B",
        "CMP_B": "PLAN_B",
        "LOOSE": None,
        "ALSO_LOOSE": None,
    }
    assert under_approval(baseline, plans) == ["PLAN_A", "PH_1", "CMP_NEW", "LOOSE"]
    current = {item_id: prints(PRINT_A, FR_1=PRINT_B, FR_2=PRINT_C) for item_id in plans}
    states = judge_approvals(baseline, current, plans)
    assert states.in_effect
    assert {item_id: found.state for item_id, found in states.items.items()} == {
        "PLAN_A": ApprovalState.NOT_APPROVED,
        "PH_1": ApprovalState.APPROVED,
        "CMP_NEW": ApprovalState.NOT_APPROVED,
        "LOOSE": ApprovalState.APPROVED,
    }
    assert states.of("CMP_B") is None


def test_a_suspect_link_is_the_one_to_the_need_that_changed() -> None:
    baseline = Baseline({"PH_1": ENTRY})
    current = {"PH_1": prints(PRINT_A, FR_1=PRINT_C, FR_2=PRINT_C)}
    states = judge_approvals(baseline, current, {"PH_1": "PLAN_A"})
    assert states.is_suspect_link("PH_1", "FR_1")
    assert not states.is_suspect_link("PH_1", "FR_2")
    assert not states.is_suspect_link("PH_2", "FR_1")
