"""A plan's tests with their results, as the report holds them. No Sphinx imports."""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_implplan.plan.itemtypes import TEST
from sphinx_implplan.plan.model import Corpus, Item, natural_key


@dataclass(frozen=True)
class TestEntry:
    """A test of the plan and its result in the build's test results."""

    __test__ = False  # a record, not a test class

    id: str
    title: str
    #: ``passed``, ``failed``, ``skipped`` or ``not run``
    result: str
    #: why: the first failing case and its message, or why it did not run
    message: str
    #: the cases its ``:cases:`` match
    cases: int
    #: the patterns of its ``:cases:`` that match no case
    unmatched: tuple[str, ...]


def result_entries(corpus: Corpus, plan: Item) -> tuple[TestEntry, ...]:
    """The plan's tests by id, with their results; none where the project reads no
    results (every test would be ``not run``)."""
    if not corpus.shows_results:
        return ()
    tests = sorted(corpus.of_type(TEST, (plan.id,)), key=lambda item: natural_key(item.id))
    entries = []
    for test in tests:
        outcome = corpus.test_outcome(test.id)
        entries.append(
            TestEntry(
                test.id,
                test.title,
                outcome.result.value,
                outcome.message,
                outcome.cases,
                outcome.unmatched,
            )
        )
    return tuple(entries)
