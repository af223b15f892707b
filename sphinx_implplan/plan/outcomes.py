"""What a test's cases gave in the results of a run: each ``impl-test``'s result.
No Sphinx imports.

The cases are read from JUnit XML files (:mod:`sphinx_implplan.write.junit_reader`)
into :class:`CaseRecord` records; an ``impl-test`` names its cases by the patterns of
its ``:cases:`` (:mod:`.case_patterns`). Its result is

- ``failed`` when a case it names failed or errored (with the first such case and
  its message);
- else ``not run`` when one of its patterns matches no case (a case that did not
  run verifies nothing), when it names no case, or when the project reads no
  results;
- else ``skipped`` when a case it names was skipped;
- else ``passed``: every case it names passed.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Final

from sphinx_implplan.plan.case_patterns import case_names, glob_matches


class TestResult(StrEnum):
    """A test's result; the value is the word every output shows."""

    __test__ = False  # a record, not a test class

    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    NOT_RUN = "not run"

    @property
    def css(self) -> str:
        """The word as a class name: ``not-run``."""
        return self.value.replace(" ", "-")


class CaseState(Enum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class CaseRecord:
    """One ``<testcase>`` of a results file."""

    classname: str
    name: str
    state: CaseState
    #: the failure's, error's or skip's message, one line; ``""`` for none
    message: str = ""
    #: the ``file`` attribute, where the tool writes one
    file: str | None = None


@dataclass(frozen=True)
class TestOutcome:
    """An ``impl-test``'s result and why."""

    __test__ = False  # a record, not a test class

    result: TestResult
    #: failed: the first failing case and its message; not run and skipped: why
    message: str = ""
    #: the patterns of its ``:cases:`` that match no case of the results read
    unmatched: tuple[str, ...] = ()
    #: how many cases its patterns match
    cases: int = 0


NO_RESULTS: Final = TestOutcome(TestResult.NOT_RUN, "the project reads no test results")
NO_CASES: Final = TestOutcome(TestResult.NOT_RUN, "no :cases: names its test cases")


class CaseIndex:
    """The cases of a build's results, each findable by every name it has. A
    pattern's matches are worked out once per index (a build judges its tests more
    than once), and a wildcard pattern is matched only against the names that start
    with its text before the first wildcard."""

    def __init__(self, records: Iterable[CaseRecord]) -> None:
        self.records: tuple[CaseRecord, ...] = tuple(records)
        named = sorted(
            (name, index)
            for index, record in enumerate(self.records)
            for name in case_names(record.classname, record.name, record.file)
        )
        self._names = [name for name, _ in named]
        self._positions = [index for _, index in named]
        self._matched: dict[str, dict[int, str]] = {}

    def matching(self, pattern: str) -> dict[int, str]:
        """The positions of the cases ``pattern`` matches, in the order read, each with
        the name it matched by (a node id for a node id pattern)."""
        found = self._matched.get(pattern)
        if found is None:
            found = self._matched[pattern] = self._match(pattern)
        return found

    def _match(self, pattern: str) -> dict[int, str]:
        wildcards = [at for at in (pattern.find("*"), pattern.find("?")) if at >= 0]
        prefix = pattern[: min(wildcards)] if wildcards else pattern
        found: dict[int, str] = {}
        at = bisect.bisect_left(self._names, prefix)
        # the names are sorted: those starting with the prefix stand together
        while at < len(self._names) and self._names[at].startswith(prefix):
            name, position = self._names[at], self._positions[at]
            if position not in found and glob_matches(pattern, name):
                found[position] = name
            at += 1
        return dict(sorted(found.items()))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _case_text(name: str, record: CaseRecord) -> str:
    return f"{name}: {record.message}" if record.message else name


def _quoted(patterns: Sequence[str]) -> str:
    return ", ".join(repr(pattern) for pattern in patterns)


def judge_test(patterns: Sequence[str], index: CaseIndex | None) -> TestOutcome:
    """The result of a test naming ``patterns``, against the cases of ``index``
    (``None`` where the project reads no results)."""
    if index is None:
        return NO_RESULTS
    if not patterns:
        return NO_CASES
    # each case matched, by position, with the name the first pattern matched it by
    matched: dict[int, str] = {}
    unmatched: list[str] = []
    for pattern in patterns:
        found = index.matching(pattern)
        if not found:
            unmatched.append(pattern)
        for position, name in found.items():
            matched.setdefault(position, name)
    cases = [(matched[position], index.records[position]) for position in sorted(matched)]
    count = len(cases)
    failed = [case for case in cases if case[1].state in (CaseState.FAILED, CaseState.ERROR)]
    if failed:
        more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
        return TestOutcome(
            TestResult.FAILED, _case_text(*failed[0]) + more, tuple(unmatched), count
        )
    if unmatched:
        message = f"no case matches {_quoted(unmatched)}"
        return TestOutcome(TestResult.NOT_RUN, message, tuple(unmatched), count)
    skipped = [case for case in cases if case[1].state is CaseState.SKIPPED]
    if skipped:
        message = f"{len(skipped)} of {_plural(count, 'case')} skipped: {_case_text(*skipped[0])}"
        return TestOutcome(TestResult.SKIPPED, message, (), count)
    return TestOutcome(TestResult.PASSED, _plural(count, "case"), (), count)


@dataclass(frozen=True)
class TestResults:
    """Every ``impl-test``'s outcome in a build, by id."""

    __test__ = False  # a record, not a test class

    outcomes: Mapping[str, TestOutcome] = field(default_factory=dict)
    #: whether the project reads results (``implplan_test_results``): where it does
    #: not, every test is ``not run`` and no page shows a result
    configured: bool = False

    def of(self, test_id: str) -> TestOutcome:
        found = self.outcomes.get(test_id)
        if found is not None:
            return found
        return NO_CASES if self.configured else NO_RESULTS


NO_TEST_RESULTS: Final = TestResults()


def judge_tests(
    patterns_by_test: Mapping[str, Sequence[str]], index: CaseIndex | None
) -> TestResults:
    """Every test's outcome: ``patterns_by_test`` holds each test's ``:cases:``."""
    return TestResults(
        {test_id: judge_test(patterns, index) for test_id, patterns in patterns_by_test.items()},
        configured=index is not None,
    )
