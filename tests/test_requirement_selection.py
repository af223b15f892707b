"""A plan's ``:requirements:`` on records written by hand: reading its entries, which
requirements they select, the scope every count reads, and the entries that select
nothing. No Sphinx build."""

from __future__ import annotations

from typing import Any

import pytest

from sphinx_implplan.plan.coverage import Scope, coverage_of, trace_rows
from sphinx_implplan.plan.itemtypes import Kind
from sphinx_implplan.plan.model import Corpus, Item, item_from_need
from sphinx_implplan.plan.report import build_report
from sphinx_implplan.plan.requirement_entries import (
    SelectorKind,
    parse_requirement_entries,
    read_entry,
    selectors_from,
)
from sphinx_implplan.plan.requirement_selection import (
    entries_selecting_nothing,
    selected_requirements,
)
from sphinx_implplan.plan.rollup import plan_rollup, plan_scope
from sphinx_implplan.plan.stored_forms import parse_option, stored_value
from sphinx_implplan.plan.values import InvalidValue

LEVELS = ("low", "medium", "high")

# -- reading the entries ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "entries"),
    [
        ("FR_001", ["FR_001"]),
        ("FR_00*, FR_1?", ["FR_00*", "FR_1?"]),
        ("tag:sync", ["tag:sync"]),
        # the prefix in any case, spaces around the tag dropped
        ("TAG: sync ; Tag:offline", ["tag:sync", "tag:offline"]),
        # a tag is text: it may hold spaces and letters beyond ASCII
        ("tag:two words, tag:\u00fcber", ["tag:two words", "tag:\u00fcber"]),
        ("FR_1, FR_1,tag:a, tag: a", ["FR_1", "tag:a"]),
        ("FR-001.part", ["FR-001.part"]),
    ],
)
def test_entries_are_stored_once_in_their_normal_form(raw: str, entries: list[str]) -> None:
    assert parse_requirement_entries(raw) == (entries, [])
    assert parse_option(Kind.REQUIREMENTS, raw, LEVELS) == entries


@pytest.mark.parametrize(
    ("raw", "kept", "problem"),
    [
        ("", [], "the list of requirements is empty"),
        ("  ", [], "the list of requirements is empty"),
        ("FR 1", [], "'FR 1' is no requirement id, id pattern or tag:NAME"),
        ("FR_1, [FR_2]", ["FR_1"], "'[FR_2]' is no requirement id"),
        ("tag:, FR_1", ["FR_1"], "'tag:' names no tag; write tag:NAME"),
        ("FR_1,, FR_2", ["FR_1", "FR_2"], "'FR_1,, FR_2' has an empty entry"),
        # sphinx-needs' filter strings are Python: no entry is one
        ("'sync' in tags", [], "\"'sync' in tags\" is no requirement id"),
        ("type == 'req'", [], "\"type == 'req'\" is no requirement id"),
    ],
)
def test_an_entry_of_no_form_is_refused_and_the_others_kept(
    raw: str, kept: list[str], problem: str
) -> None:
    entries, problems = parse_requirement_entries(raw)
    assert entries == kept
    assert len(problems) == 1
    assert problems[0].startswith(problem)
    with pytest.raises(InvalidValue):
        parse_option(Kind.REQUIREMENTS, raw, LEVELS)


def test_a_value_given_another_way_is_read_as_written() -> None:
    """``needextend`` and ``needimport`` may give the stored list itself."""
    assert stored_value(Kind.REQUIREMENTS, ["FR_1", " Tag: a "], LEVELS) == ["FR_1", "tag:a"]
    assert stored_value(Kind.REQUIREMENTS, "FR_1; tag:b", LEVELS) == ["FR_1", "tag:b"]
    assert stored_value(Kind.REQUIREMENTS, [], LEVELS) is None
    with pytest.raises(InvalidValue):
        stored_value(Kind.REQUIREMENTS, ["FR 1"], LEVELS)
    with pytest.raises(InvalidValue):
        stored_value(Kind.REQUIREMENTS, [3], LEVELS)


@pytest.mark.parametrize(
    ("entry", "requirement_id", "selects"),
    [
        ("FR_1", "FR_1", True),
        ("FR_1", "FR_10", False),
        ("FR_1*", "FR_1", True),
        ("FR_1*", "FR_10", True),
        ("FR_1*", "XFR_1", False),
        ("FR_?", "FR_1", True),
        ("FR_?", "FR_10", False),
        ("*_1", "NFR_1", True),
        # the letter case as written; a dot is a dot
        ("fr_*", "FR_1", False),
        ("FR.1*", "FR.12", True),
        ("FR.1*", "FRX12", False),
    ],
)
def test_ids_and_patterns_match_the_whole_id(
    entry: str, requirement_id: str, selects: bool
) -> None:
    selector = read_entry(entry)
    assert not isinstance(selector, str)
    assert selector.selects(requirement_id, ()) is selects


def test_a_tag_selects_the_requirements_with_it() -> None:
    selector = read_entry("tag:sync")
    assert not isinstance(selector, str)
    assert selector.kind is SelectorKind.TAG
    assert selector.selects("FR_1", ("offline", "sync"))
    assert not selector.selects("FR_1", ("Sync",))
    assert not selector.selects("sync", ())


def test_stored_values_of_another_form_select_nothing() -> None:
    assert selectors_from(None) is None
    assert selectors_from([]) is None
    assert selectors_from("FR_1") is None
    # a stored entry that is no entry at all selects nothing, and keeps the plan narrowed
    assert selectors_from(["FR 1"]) == ()


# -- which requirements count -------------------------------------------------------------


def _req(req_id: str, docname: str | None = "spec", *tags: str) -> Item:
    return Item(req_id, "req", req_id.lower(), docname=docname, tags=tags)


def _plan(plan_id: str, **fields: Any) -> Item:
    return Item(plan_id, "impl-plan", plan_id.lower(), docname=plan_id.lower(), fields=fields)


def _corpus(*plans: Item) -> Corpus:
    return Corpus(
        [
            *plans,
            _req("FR_1", "spec", "sync"),
            _req("FR_2", "spec", "sync", "ui"),
            _req("FR_10", "spec"),
            _req("FR_11", "spec"),
            _req("OR_1", "other", "sync"),
            Item("CMP_A", "impl-component", "A", plan="PLAN_A", links={"implements": ("FR_1",)}),
            Item("CMP_B", "impl-component", "B", plan="PLAN_B", links={"implements": ("FR_10",)}),
        ]
    )


def test_no_plan_with_the_option_leaves_the_documents_to_decide() -> None:
    corpus = _corpus(_plan("PLAN_A", spec=["spec"]), _plan("PLAN_B"))
    assert selected_requirements(corpus, ["PLAN_A", "PLAN_B"]) is None
    assert selected_requirements(corpus, []) is None
    assert selected_requirements(corpus, ["PLAN_MISSING"]) is None
    assert plan_scope(corpus, "PLAN_A") == Scope(plans=("PLAN_A",), spec=frozenset({"spec"}))


def test_each_plan_takes_its_part_of_its_own_spec() -> None:
    corpus = _corpus(
        _plan("PLAN_A", spec=["spec"], requirements=["tag:sync"]),
        _plan("PLAN_B", spec=["spec"], requirements=["FR_1?"]),
        _plan("PLAN_C", spec=["spec"]),
        _plan("PLAN_D", requirements=["tag:sync"]),
    )
    # OR_1 is tagged sync, but of another document than PLAN_A's spec
    assert selected_requirements(corpus, ["PLAN_A"]) == frozenset({"FR_1", "FR_2"})
    assert selected_requirements(corpus, ["PLAN_B"]) == frozenset({"FR_10", "FR_11"})
    # without :spec:, the part of every requirement
    assert selected_requirements(corpus, ["PLAN_D"]) == frozenset({"FR_1", "FR_2", "OR_1"})
    # several plans: their parts together; a plan without the option, all its spec
    assert selected_requirements(corpus, ["PLAN_A", "PLAN_B"]) == frozenset(
        {"FR_1", "FR_2", "FR_10", "FR_11"}
    )
    assert selected_requirements(corpus, ["PLAN_A", "PLAN_C"]) == frozenset(
        {"FR_1", "FR_2", "FR_10", "FR_11"}
    )
    # a view's :spec: replaces the documents the plans choose from
    assert selected_requirements(corpus, ["PLAN_A"], frozenset({"other"})) == frozenset({"OR_1"})


def test_the_part_is_what_coverage_the_report_and_the_roll_up_count() -> None:
    corpus = _corpus(
        _plan("PLAN_A", spec=["spec"], requirements=["FR_1", "FR_2"]),
        _plan("PLAN_B", spec=["spec"], requirements=["FR_10"]),
    )
    rows = trace_rows(corpus, plan_scope(corpus, "PLAN_A"))
    assert [row.requirement.id for row in rows] == ["FR_1", "FR_2"]
    assert coverage_of(rows).percent == 50.0
    built = build_report(corpus)
    report = {plan.id: plan for plan in built.plans}
    assert report["PLAN_B"].coverage.percent == 100.0
    assert report["PLAN_A"].uncovered == 1
    assert built.uncovered_ids(report["PLAN_A"]) == ["FR_2"]
    assert plan_rollup(corpus, corpus.items["PLAN_B"]).coverage.requirements == 1


def test_entries_that_select_nothing_say_why() -> None:
    plan = _plan(
        "PLAN_A",
        spec=["spec"],
        requirements=["FR_1", "FR_404", "CMP_A", "OR_1", "FR_9*", "tag:ui", "tag:none"],
    )
    corpus = _corpus(plan)
    assert entries_selecting_nothing(corpus, plan) == [
        ":requirements: 'FR_404' selects nothing: no need has this id",
        (
            ":requirements: 'CMP_A' selects nothing: it is of type impl-component, which is no "
            "requirement type (req)"
        ),
        (
            ":requirements: 'OR_1' selects nothing: it is a requirement of document 'other', not "
            "of the plan's :spec:"
        ),
        ":requirements: 'FR_9*' selects nothing: it matches no requirement of the plan's :spec:",
        (
            ":requirements: 'tag:none' selects nothing: no requirement of the plan's :spec: has "
            "the tag 'none'"
        ),
    ]
    without_spec = _plan("PLAN_B", requirements=["tag:none", "OR_1"])
    assert entries_selecting_nothing(_corpus(without_spec), without_spec) == [
        ":requirements: 'tag:none' selects nothing: no requirement at all has the tag 'none'"
    ]
    assert entries_selecting_nothing(corpus, _plan("PLAN_C", spec=["spec"])) == []


def test_a_requirement_record_keeps_its_tags() -> None:
    need = {"id": "FR_1", "type": "req", "title": "Sync", "tags": ["sync", "offline"]}
    assert item_from_need(need).tags == ("sync", "offline")
    assert item_from_need({**need, "tags": None}).tags == ()
