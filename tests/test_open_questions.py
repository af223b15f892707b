"""Open questions: the ``[NEEDS CLARIFICATION]`` markers of a requirement's text, read
into its record and counted per plan. No Sphinx build (the build's own test is
``test_build_open_questions.py``)."""

from __future__ import annotations

import pytest

from sphinx_implplan.plan.coverage import OpenQuestion, Scope, open_questions_of, trace_rows
from sphinx_implplan.plan.model import Corpus, Item, item_from_need
from sphinx_implplan.plan.open_questions import questions_in
from sphinx_implplan.plan.rollup import plan_rollup


@pytest.mark.parametrize(
    ("text", "questions"),
    [
        ("", ()),
        ("Export notes as CSV.", ()),
        ("Export as [NEEDS CLARIFICATION: CSV or JSON?] files.", ("CSV or JSON?",)),
        # without a question, it is still one
        ("Ranked by [NEEDS CLARIFICATION].", ("",)),
        ("Ranked by [NEEDS CLARIFICATION: ]", ("",)),
        # two in one text, in the order written
        ("[NEEDS CLARIFICATION: a?] and [NEEDS CLARIFICATION: b?]", ("a?", "b?")),
        # wrapped in the source: one space for each break
        ("within [NEEDS\nCLARIFICATION: how many\n   milliseconds?]", ("how many milliseconds?",)),
        ("[NEEDS CLARIFICATION\uff1a full-width colon]", ("full-width colon",)),
        # capitals only, as spec-kit writes them: the rest is prose
        ("this needs clarification", ()),
        ("[needs clarification: lower case]", ()),
        ("[Needs Clarification: title case]", ()),
        # not closed: no marker
        ("[NEEDS CLARIFICATION: never closed", ()),
    ],
)
def test_questions_in(text: str, questions: tuple[str, ...]) -> None:
    assert questions_in(text) == questions


def test_a_requirement_record_reads_its_whole_body() -> None:
    # the marker stands in the second paragraph, past the description
    need = {
        "id": "FR_1",
        "type": "req",
        "content": "Search notes.\n\nWithin [NEEDS CLARIFICATION: how fast?].",
    }
    assert item_from_need(need, "Search notes.").open_questions == ("how fast?",)


def test_a_plan_item_has_no_open_questions() -> None:
    need = {"id": "CMP_1", "type": "impl-component", "content": "[NEEDS CLARIFICATION: port?]"}
    assert item_from_need(need).open_questions == ()


def test_only_the_requirements_in_scope_count() -> None:
    corpus = Corpus(
        [
            Item("PLAN_1", "impl-plan", "P", docname="plan", fields={"spec": ["spec"]}),
            Item("FR_2", "req", "b", docname="spec", open_questions=("x?", "")),
            Item("FR_1", "req", "a", docname="spec", open_questions=("y?",)),
            Item("FR_3", "req", "c", docname="spec"),
            Item("OR_1", "req", "d", docname="other", open_questions=("z?",)),
        ]
    )
    rollup = plan_rollup(corpus, corpus.items["PLAN_1"])
    assert rollup.coverage.open_questions == 3
    assert rollup.open_questions == (
        OpenQuestion("FR_1", "y?"),
        OpenQuestion("FR_2", "x?"),
        OpenQuestion("FR_2", ""),
    )
    every = trace_rows(corpus, Scope(plans=("PLAN_1",)))
    assert [found.requirement for found in open_questions_of(every)][-1] == "OR_1"
