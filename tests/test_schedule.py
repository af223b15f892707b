"""The phase schedule and dependency cycles (guide: Values), without Sphinx."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_implplan.plan.schedule import (
    PhaseInput,
    Schedule,
    Scheduled,
    compute_schedule,
    find_cycles,
)
from sphinx_implplan.plan.values import MAX_DURATION_DAYS


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def phase(
    phase_id: str,
    *depends: str,
    plan: str | None = "PLAN_A",
    start: str | None = None,
    end: str | None = None,
    duration: int | None = None,
) -> PhaseInput:
    return PhaseInput(
        id=phase_id,
        plan=plan,
        start=day(start) if start else None,
        end=day(end) if end else None,
        duration=duration,
        depends=depends,
    )


def placed(start: str | None, end: str | None, duration: int | None) -> Scheduled:
    return Scheduled(day(start) if start else None, day(end) if end else None, duration)


# -- single phases --------------------------------------------------------------------


def test_empty_input() -> None:
    result = compute_schedule([])
    assert result == Schedule()
    assert result.phases == {}
    assert result.cycles == []
    assert result.problems == []


def test_contract_example_two_weeks_end_inclusive() -> None:
    result = compute_schedule(
        [
            phase("PH_1", start="2027-01-04", duration=14),
            phase("PH_2", "PH_1", duration=7),
        ]
    )
    assert result.phases["PH_1"] == placed("2027-01-04", "2027-01-17", 14)
    assert result.phases["PH_2"] == placed("2027-01-18", "2027-01-24", 7)
    assert result.problems == []
    assert result.cycles == []


@pytest.mark.parametrize(
    ("start", "duration", "end"),
    [
        ("2027-01-04", 1, "2027-01-04"),
        ("2027-01-04", 2, "2027-01-05"),
        ("2027-01-04", 21, "2027-01-24"),
        ("2028-02-28", 2, "2028-02-29"),
        ("2027-02-28", 2, "2027-03-01"),
        ("2026-12-31", 2, "2027-01-01"),
    ],
)
def test_end_from_start_and_duration(start: str, duration: int, end: str) -> None:
    result = compute_schedule([phase("P", start=start, duration=duration)])
    assert result.phases["P"] == placed(start, end, duration)


def test_explicit_end_wins_over_duration() -> None:
    result = compute_schedule([phase("P", start="2027-01-04", end="2027-01-10", duration=14)])
    assert result.phases["P"] == placed("2027-01-04", "2027-01-10", 7)


@pytest.mark.parametrize(
    ("start", "end", "duration"),
    [
        ("2027-01-04", "2027-01-04", 1),
        ("2027-01-04", "2027-01-17", 14),
        ("2027-12-25", "2028-01-07", 14),
    ],
)
def test_duration_is_the_inclusive_day_count(start: str, end: str, duration: int) -> None:
    result = compute_schedule([phase("P", start=start, end=end)])
    assert result.phases["P"] == placed(start, end, duration)


def test_phase_with_nothing_known() -> None:
    result = compute_schedule([phase("P")])
    assert result.phases["P"] == placed(None, None, None)
    assert result.problems == []


def test_duration_kept_without_a_start() -> None:
    result = compute_schedule([phase("P", duration=5)])
    assert result.phases["P"] == placed(None, None, 5)


def test_end_without_a_start_is_kept() -> None:
    result = compute_schedule([phase("P", end="2027-03-01", duration=5)])
    assert result.phases["P"] == placed(None, "2027-03-01", 5)


# -- the plan's anchor ----------------------------------------------------------------


def test_phase_without_start_or_depends_starts_at_the_plans_first_start() -> None:
    result = compute_schedule(
        [
            phase("A", start="2027-02-01", duration=3),
            phase("B", start="2027-01-10", duration=3),
            phase("C", duration=4),
        ]
    )
    assert result.phases["C"] == placed("2027-01-10", "2027-01-13", 4)
    assert result.phases["A"] == placed("2027-02-01", "2027-02-03", 3)


def test_anchor_comes_from_a_phase_listed_later() -> None:
    result = compute_schedule([phase("A", duration=2), phase("Z", start="2027-05-05")])
    assert result.phases["A"] == placed("2027-05-05", "2027-05-06", 2)


def test_a_deadline_before_the_plans_first_start_leaves_the_start_unknown() -> None:
    result = compute_schedule(
        [
            phase("INVENTORY", end="2027-02-26"),
            phase("SETUP", end="2027-04-02"),
            phase("PARALLEL", start="2027-04-01", end="2027-05-31"),
        ]
    )
    # listed before a phase dated from April, it is due in February: it ran before
    assert result.phases["INVENTORY"] == placed(None, "2027-02-26", None)
    # one that ends on or after the plan's first start still starts with it
    assert result.phases["SETUP"] == placed("2027-04-01", "2027-04-02", 2)
    assert result.problems == []


def test_no_anchor_when_no_phase_of_the_plan_has_a_start() -> None:
    result = compute_schedule([phase("A", duration=2), phase("B", "A", duration=3)])
    assert result.phases["A"] == placed(None, None, 2)
    assert result.phases["B"] == placed(None, None, 3)


def test_two_plans_have_separate_anchors() -> None:
    result = compute_schedule(
        [
            phase("A1", plan="PLAN_A", start="2027-01-04", duration=7),
            phase("A2", plan="PLAN_A", duration=2),
            phase("B1", plan="PLAN_B", start="2027-06-01", duration=7),
            phase("B2", plan="PLAN_B", duration=2),
            phase("C1", plan="PLAN_C", duration=2),
        ]
    )
    assert result.phases["A2"] == placed("2027-01-04", "2027-01-05", 2)
    assert result.phases["B2"] == placed("2027-06-01", "2027-06-02", 2)
    assert result.phases["C1"] == placed(None, None, 2)


def test_phases_without_a_plan_share_an_anchor() -> None:
    result = compute_schedule(
        [phase("A", plan=None, start="2027-03-01"), phase("B", plan=None, duration=1)]
    )
    assert result.phases["B"] == placed("2027-03-01", "2027-03-01", 1)


# -- dependencies ---------------------------------------------------------------------


def test_chain() -> None:
    result = compute_schedule(
        [
            phase("P4", "P3", duration=1),
            phase("P3", "P2", end="2027-02-10"),
            phase("P2", "P1", duration=14),
            phase("P1", start="2027-01-04", duration=7),
        ]
    )
    assert result.phases == {
        "P1": placed("2027-01-04", "2027-01-10", 7),
        "P2": placed("2027-01-11", "2027-01-24", 14),
        "P3": placed("2027-01-25", "2027-02-10", 17),
        "P4": placed("2027-02-11", "2027-02-11", 1),
    }
    assert result.problems == []


@pytest.mark.parametrize("order", [("LONG", "SHORT"), ("SHORT", "LONG")])
def test_diamond_latest_end_wins(order: tuple[str, str]) -> None:
    result = compute_schedule(
        [
            phase("ROOT", start="2027-01-04", duration=7),
            phase("LONG", "ROOT", duration=21),
            phase("SHORT", "ROOT", duration=2),
            phase("JOIN", *order, duration=5),
        ]
    )
    assert result.phases["LONG"] == placed("2027-01-11", "2027-01-31", 21)
    assert result.phases["SHORT"] == placed("2027-01-11", "2027-01-12", 2)
    assert result.phases["JOIN"] == placed("2027-02-01", "2027-02-05", 5)
    assert result.problems == []


def test_dependency_on_a_later_explicit_phase() -> None:
    result = compute_schedule(
        [
            phase("A", start="2027-01-04", duration=3),
            phase("B", start="2027-03-01", end="2027-03-31"),
            phase("C", "A", "B", duration=1),
        ]
    )
    assert result.phases["C"] == placed("2027-04-01", "2027-04-01", 1)


def test_dependency_on_a_phase_without_dates() -> None:
    result = compute_schedule(
        [
            phase("ANCHOR", start="2027-01-04", duration=7),
            phase("UNDATED", "ANCHOR"),
            phase("AFTER", "UNDATED", duration=3),
            phase("LATER", "AFTER", duration=2),
        ]
    )
    assert result.phases["UNDATED"] == placed("2027-01-11", None, None)
    assert result.phases["AFTER"] == placed(None, None, 3)
    assert result.phases["LATER"] == placed(None, None, 2)
    assert result.problems == []


def test_dependency_on_a_phase_placed_at_the_anchor() -> None:
    result = compute_schedule(
        [
            phase("A", start="2027-01-04", duration=3),
            phase("B", duration=3),
            phase("C", "A", "B", duration=1),
        ]
    )
    assert result.phases["B"] == placed("2027-01-04", "2027-01-06", 3)
    assert result.phases["C"] == placed("2027-01-07", "2027-01-07", 1)


def test_one_endless_dependency_among_dated_ones_leaves_the_start_unknown() -> None:
    result = compute_schedule(
        [
            phase("A", start="2027-01-04", duration=3),
            phase("B", start="2027-01-04"),
            phase("C", "A", "B", duration=1),
        ]
    )
    assert result.phases["B"] == placed("2027-01-04", None, None)
    assert result.phases["C"] == placed(None, None, 1)


def test_explicit_start_is_kept_after_the_dependency() -> None:
    result = compute_schedule(
        [
            phase("A", start="2027-01-04", duration=14),
            phase("B", "A", start="2027-02-01", duration=3),
        ]
    )
    assert result.phases["B"] == placed("2027-02-01", "2027-02-03", 3)
    assert result.problems == []


def test_dependency_across_plans() -> None:
    result = compute_schedule(
        [
            phase("A", plan="PLAN_A", start="2027-01-04", duration=14),
            phase("B", "A", plan="PLAN_B", duration=1),
        ]
    )
    assert result.phases["B"] == placed("2027-01-18", "2027-01-18", 1)


def test_unknown_dependency_ids_are_ignored() -> None:
    result = compute_schedule([phase("A", "NOPE", start="2027-01-04", duration=1)])
    assert result.phases["A"] == placed("2027-01-04", "2027-01-04", 1)
    assert result.cycles == []


def test_repeated_dependency_is_one_dependency() -> None:
    result = compute_schedule(
        [phase("A", start="2027-01-04", duration=2), phase("B", "A", "A", duration=1)]
    )
    assert result.phases["B"] == placed("2027-01-06", "2027-01-06", 1)
    assert result.cycles == []


def test_long_chain_has_no_recursion_limit() -> None:
    length = 2000
    phases = [phase("P0000", start="2027-01-01", duration=1)]
    phases += [phase(f"P{i:04}", f"P{i - 1:04}", duration=1) for i in range(1, length)]
    result = compute_schedule(list(reversed(phases)))
    last = day("2027-01-01") + datetime.timedelta(days=length - 1)
    assert result.phases[f"P{length - 1:04}"] == Scheduled(last, last, 1)
    assert len(result.phases) == length
    assert result.cycles == []
    assert result.problems == []


def test_long_cycle_is_found_without_recursion() -> None:
    length = 2000
    graph = {f"P{i:04}": [f"P{(i + 1) % length:04}"] for i in range(length)}
    cycles = find_cycles(graph)
    assert len(cycles) == 1
    assert cycles[0] == [*sorted(graph), "P0000"]


# -- cycles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({}, []),
        ({"A": []}, []),
        ({"A": ["B"], "B": []}, []),
        ({"A": ["B", "C"], "B": ["D"], "C": ["D"], "D": []}, []),
        ({"A": ["Z"]}, []),
        ({"A": ["A"]}, [["A", "A"]]),
        ({"A": ["B"], "B": ["A"]}, [["A", "B", "A"]]),
        ({"B": ["A"], "A": ["B"]}, [["A", "B", "A"]]),
        # five phases, listed and named out of order: C -> E -> A -> D -> B -> C
        (
            {"C": ["E"], "E": ["A"], "A": ["D"], "D": ["B"], "B": ["C"]},
            [["A", "D", "B", "C", "E", "A"]],
        ),
        # a chain into a cycle: only the cycle is reported
        ({"X": ["Y"], "Y": ["Z"], "Z": ["Y"]}, [["Y", "Z", "Y"]]),
        # two separate cycles, sorted
        (
            {"Q": ["R"], "R": ["Q"], "B": ["C"], "C": ["B"], "M": ["Q", "B"]},
            [["B", "C", "B"], ["Q", "R", "Q"]],
        ),
        # a self-loop beside an ordinary dependency
        ({"S": ["S", "T"], "T": []}, [["S", "S"]]),
    ],
)
def test_find_cycles(graph: dict[str, list[str]], expected: list[list[str]]) -> None:
    assert find_cycles(graph) == expected


def test_cycle_with_a_chord_is_reported_once() -> None:
    graph = {"A": ["B"], "B": ["C", "A"], "C": ["A"]}
    cycles = find_cycles(graph)
    assert len(cycles) == 1
    assert cycles[0] == ["A", "B", "A"]


@pytest.mark.parametrize(
    ("phases", "cycle"),
    [
        ([phase("A", "A", start="2027-01-04")], ["A", "A"]),
        ([phase("A", "B"), phase("B", "A")], ["A", "B", "A"]),
        (
            [
                phase("PH_3", "PH_2"),
                phase("PH_1", "PH_5"),
                phase("PH_2", "PH_1"),
                phase("PH_5", "PH_4"),
                phase("PH_4", "PH_3"),
            ],
            ["PH_1", "PH_5", "PH_4", "PH_3", "PH_2", "PH_1"],
        ),
    ],
)
def test_schedule_reports_each_cycle_once(phases: list[PhaseInput], cycle: list[str]) -> None:
    result = compute_schedule([phase("ANCHOR", start="2027-01-04", duration=1), *phases])
    assert result.cycles == [cycle]
    assert set(result.phases) == {"ANCHOR"} | {p.id for p in phases}


def test_phases_on_and_behind_a_cycle_keep_only_what_they_state() -> None:
    result = compute_schedule(
        [
            phase("ANCHOR", start="2027-01-04", duration=7),
            phase("A", "ANCHOR", "B", duration=3),
            phase("B", "A", start="2027-02-01", duration=2),
            phase("BEHIND", "A", duration=4),
            phase("FAR", "BEHIND", duration=4),
            phase("STATED", "B", start="2027-03-01", duration=1),
        ]
    )
    assert result.cycles == [["A", "B", "A"]]
    assert result.phases["A"] == placed(None, None, 3)
    assert result.phases["B"] == placed("2027-02-01", "2027-02-02", 2)
    assert result.phases["BEHIND"] == placed(None, None, 4)
    assert result.phases["FAR"] == placed(None, None, 4)
    assert result.phases["STATED"] == placed("2027-03-01", "2027-03-01", 1)
    assert result.phases["ANCHOR"] == placed("2027-01-04", "2027-01-10", 7)


# -- problems -------------------------------------------------------------------------


def test_end_before_start_is_a_problem() -> None:
    result = compute_schedule([phase("P", start="2027-01-10", end="2027-01-05")])
    assert [problem.phase_id for problem in result.problems] == ["P"]
    message = result.problems[0].message
    assert "2027-01-10" in message
    assert "2027-01-05" in message
    # the dates stay as written, but no negative length is stored
    assert result.phases["P"].duration is None


def test_end_on_the_start_day_is_fine() -> None:
    result = compute_schedule([phase("P", start="2027-01-10", end="2027-01-10")])
    assert result.problems == []


@pytest.mark.parametrize(
    ("start", "is_problem"),
    [
        ("2027-01-01", True),
        ("2027-01-04", True),
        ("2027-01-10", True),
        ("2027-01-17", True),
        ("2027-01-18", False),
        ("2027-03-01", False),
    ],
)
def test_start_before_a_dependency_ends(start: str, is_problem: bool) -> None:
    result = compute_schedule(
        [
            phase("PH_1", start="2027-01-04", duration=14),
            phase("PH_2", "PH_1", start=start, duration=3),
        ]
    )
    problems = [(problem.phase_id, problem.message) for problem in result.problems]
    if is_problem:
        assert len(problems) == 1
        phase_id, message = problems[0]
        assert phase_id == "PH_2"
        assert "PH_1" in message
        assert "2027-01-17" in message
    else:
        assert problems == []


def test_start_before_each_of_two_dependencies() -> None:
    result = compute_schedule(
        [
            phase("A", start="2027-01-04", duration=7),
            phase("B", start="2027-01-04", duration=14),
            phase("C", "B", "A", start="2027-01-05", duration=1),
        ]
    )
    assert [problem.phase_id for problem in result.problems] == ["C", "C"]
    assert "'A'" in result.problems[0].message
    assert "'B'" in result.problems[1].message


def test_start_before_a_derived_end_is_a_problem() -> None:
    result = compute_schedule(
        [
            phase("A", start="2027-01-04", duration=7),
            phase("B", "A", duration=7),
            phase("C", "B", start="2027-01-15", duration=1),
        ]
    )
    assert result.phases["B"] == placed("2027-01-11", "2027-01-17", 7)
    assert [problem.phase_id for problem in result.problems] == ["C"]


def test_dependency_without_an_end_is_no_problem() -> None:
    result = compute_schedule(
        [phase("A", start="2027-01-04"), phase("B", "A", start="2027-01-01", duration=1)]
    )
    assert result.problems == []


def test_both_problems_on_one_phase() -> None:
    result = compute_schedule(
        [
            phase("A", start="2027-01-04", duration=14),
            phase("B", "A", start="2027-01-10", end="2027-01-08"),
        ]
    )
    assert [problem.phase_id for problem in result.problems] == ["B", "B"]


# -- the calendar's ends --------------------------------------------------------------


def test_dependant_of_a_phase_ending_on_the_last_calendar_day() -> None:
    result = compute_schedule(
        [
            phase("A", start="9999-12-01", end="9999-12-31"),
            phase("B", "A", duration=3),
        ]
    )
    assert result.phases["A"] == placed("9999-12-01", "9999-12-31", 31)
    assert result.phases["B"] == placed(None, None, 3)
    # and the author is told why B has no start
    assert [problem.phase_id for problem in result.problems] == ["B"]
    message = result.problems[0].message
    assert "'A'" in message
    assert "past the calendar's end (9999-12-31)" in message


@pytest.mark.parametrize(
    ("start", "duration"),
    [
        ("9999-12-01", 100),
        ("9999-12-31", 14),
        ("9999-12-31", 2),
        ("2027-01-01", 10**9),
        ("2027-01-01", 10**12),
    ],
)
def test_duration_beyond_the_calendar_leaves_the_end_unknown(start: str, duration: int) -> None:
    result = compute_schedule([phase("A", start=start, duration=duration)])
    assert result.phases["A"] == placed(start, None, duration)
    # with a problem saying why, naming the calendar's end
    assert [problem.phase_id for problem in result.problems] == ["A"]
    assert "past the calendar's end (9999-12-31)" in result.problems[0].message


def test_a_phase_ending_on_the_calendars_last_day_is_fine() -> None:
    result = compute_schedule([phase("A", start="9999-12-18", duration=14)])
    assert result.phases["A"] == placed("9999-12-18", "9999-12-31", 14)
    assert result.problems == []


@pytest.mark.parametrize(
    ("start", "end"),
    [("0001-01-01", "9999-12-31"), ("2000-01-01", "2100-01-01")],
)
def test_a_span_longer_than_the_longest_duration_is_refused(start: str, end: str) -> None:
    """As a ``:duration:`` over 36,525 days is refused, so is an ``:end:`` that far
    from the start: the end is left out, with a problem."""
    result = compute_schedule([phase("A", start=start, end=end)])
    assert result.phases["A"] == placed(start, None, None)
    assert [problem.phase_id for problem in result.problems] == ["A"]
    message = result.problems[0].message
    assert start in message
    assert end in message
    assert f"longer than {MAX_DURATION_DAYS} days" in message


def test_a_span_of_the_longest_duration_is_accepted() -> None:
    start = day("2000-01-01")
    end = start + datetime.timedelta(days=MAX_DURATION_DAYS - 1)
    result = compute_schedule([phase("A", start="2000-01-01", end=end.isoformat())])
    assert result.phases["A"] == Scheduled(start, end, MAX_DURATION_DAYS)
    assert result.problems == []


def test_a_refused_end_gives_way_to_the_duration() -> None:
    result = compute_schedule([phase("A", start="2000-01-01", end="2200-01-01", duration=7)])
    assert result.phases["A"] == placed("2000-01-01", "2000-01-07", 7)
    assert [problem.phase_id for problem in result.problems] == ["A"]


def test_a_span_from_a_derived_start_is_checked_too() -> None:
    result = compute_schedule(
        [
            phase("A", start="1990-01-01", duration=1),
            phase("B", "A", end="2100-01-01"),
        ]
    )
    assert result.phases["B"] == placed("1990-01-02", None, None)
    assert [problem.phase_id for problem in result.problems] == ["B"]


# -- phases of another project --------------------------------------------------------


def test_a_phase_of_another_project_is_taken_as_it_is() -> None:
    """Its dates come from the other project's needs.json: the phases that depend on it
    start after it, but nothing is computed or checked for it, and it is no anchor."""
    other = PhaseInput(
        id="EXT",
        plan="PLAN_A",
        start=day("2027-03-01"),
        end=day("2027-03-14"),
        duration=14,
        external=True,
    )
    odd = PhaseInput(
        id="ODD", plan="PLAN_A", start=day("2027-05-10"), end=day("2027-05-01"), external=True
    )
    result = compute_schedule(
        [
            other,
            odd,
            phase("NEXT", "EXT", duration=7),
            phase("EARLY", "EXT", start="2027-03-10", duration=1),
            phase("FLOATING", duration=2),
        ]
    )
    assert result.phases["EXT"] == placed("2027-03-01", "2027-03-14", 14)
    assert result.phases["ODD"] == placed("2027-05-10", "2027-05-01", None)
    assert result.phases["NEXT"] == placed("2027-03-15", "2027-03-21", 7)
    # the plan's first phase start is its own phases' earliest: EARLY's, not EXT's
    assert result.phases["FLOATING"] == placed("2027-03-10", "2027-03-11", 2)
    assert [(problem.phase_id, "'EXT'" in problem.message) for problem in result.problems] == [
        ("EARLY", True)
    ]


def test_a_phase_of_another_project_without_dates_gives_no_start() -> None:
    result = compute_schedule(
        [PhaseInput(id="EXT", plan=None, external=True), phase("NEXT", "EXT", duration=7)]
    )
    assert result.phases["NEXT"] == placed(None, None, 7)
    assert result.problems == []


# -- properties -----------------------------------------------------------------------


@st.composite
def _acyclic_plans(draw: st.DrawFn) -> list[PhaseInput]:
    count = draw(st.integers(min_value=1, max_value=25))
    phases = []
    for index in range(count):
        depends = draw(st.sets(st.integers(min_value=0, max_value=index - 1))) if index else set()
        explicit = draw(st.booleans()) if not depends else False
        offset = draw(st.integers(min_value=0, max_value=60))
        phases.append(
            PhaseInput(
                id=f"P{index:02}",
                plan="PLAN_A",
                start=day("2027-01-04") + datetime.timedelta(days=offset) if explicit else None,
                duration=draw(st.integers(min_value=1, max_value=30)),
                depends=tuple(f"P{dep:02}" for dep in sorted(depends)),
            )
        )
    return draw(st.permutations(phases))


@given(phases=_acyclic_plans())
def test_derived_starts_follow_the_latest_dependency(phases: list[PhaseInput]) -> None:
    result = compute_schedule(phases)
    assert result.cycles == []
    assert result.problems == []
    explicit_starts = [p.start for p in phases if p.start is not None]
    for item in phases:
        got = result.phases[item.id]
        if item.depends:
            ends = [result.phases[dep].end for dep in item.depends]
            assert None not in ends or got.start is None
            if None not in ends:
                assert got.start == max(
                    end for end in ends if end is not None
                ) + datetime.timedelta(days=1)
        elif item.start is None:
            assert got.start == (min(explicit_starts) if explicit_starts else None)
        if got.start is not None:
            assert got.end == got.start + datetime.timedelta(days=(item.duration or 0) - 1)
            assert got.duration == item.duration


_IDS = st.sampled_from([f"N{i}" for i in range(8)])


def _reachable(graph: dict[str, list[str]], node: str) -> set[str]:
    """Every node reachable from ``node`` in one or more steps, known nodes only."""
    reached: set[str] = set()
    stack = [child for child in graph[node] if child in graph]
    while stack:
        current = stack.pop()
        if current not in reached:
            reached.add(current)
            stack.extend(child for child in graph[current] if child in graph)
    return reached


@given(graph=st.dictionaries(_IDS, st.lists(_IDS, max_size=3), max_size=8))
def test_every_cycle_is_reported_once_as_a_real_path(graph: dict[str, list[str]]) -> None:
    reach = {node: _reachable(graph, node) for node in graph}
    # the groups of nodes that reach each other (nodes that reach themselves only)
    groups = {frozenset(n for n in reach[node] if node in reach[n]) for node in graph}
    groups.discard(frozenset())

    cycles = find_cycles(graph)
    assert len(cycles) == len(groups)
    assert cycles == sorted(cycles)
    for cycle, group in zip(cycles, sorted(groups, key=min), strict=True):
        assert cycle[0] == cycle[-1] == min(group)
        inner = cycle[:-1]
        assert len(set(inner)) == len(inner)
        assert set(inner) <= group
        for node, following in itertools.pairwise(cycle):
            assert following in graph[node]


@given(graph=st.dictionaries(_IDS, st.lists(_IDS, max_size=3), max_size=8))
def test_schedule_never_fails_on_any_dependency_graph(graph: dict[str, list[str]]) -> None:
    phases = [
        PhaseInput(id=node, plan="P", duration=2, depends=tuple(deps), start=None)
        for node, deps in graph.items()
    ]
    phases.append(PhaseInput(id="ROOT", plan="P", start=day("2027-01-04"), duration=1))
    result = compute_schedule(phases)
    assert set(result.phases) == {p.id for p in phases}
    assert result.cycles == find_cycles(
        {p.id: [dep for dep in p.depends if dep in result.phases] for p in phases}
    )
