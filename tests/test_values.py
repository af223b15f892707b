"""Option value parsing (guide: Values), without a Sphinx build."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE
from sphinx_implplan.plan.values import (
    CHANGES,
    DEFAULT_RISK_LEVELS,
    KINDS,
    LAYERS,
    MAX_DURATION_DAYS,
    MAX_STAGE_DIGITS,
    METHODS,
    TEST_LEVELS,
    InvalidValue,
    days_text,
    normalise_enum_text,
    parse_date,
    parse_duration,
    parse_enum,
    parse_ids,
    parse_method,
    parse_positive_integer,
    parse_text_list,
    resolve_docnames,
    split_endpoint_title,
    split_list,
    unknown_endpoint_method,
)

PHASE_STATUSES = ("planned", "in-progress", "done", "blocked")
SUFFIXES = (".rst", ".md")

# -- the enumerations themselves, written out from the contract ---------------------


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (CHANGES, ("new", "modified", "removed")),
        (METHODS, ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")),
        (TEST_LEVELS, ("unit", "integration", "e2e", "performance", "security", "manual")),
        (LAYERS, ("frontend", "backend", "database", "infrastructure", "tooling", "other")),
        (KINDS, ("security", "performance", "accessibility", "operations", "other")),
        (DEFAULT_RISK_LEVELS, ("low", "medium", "high")),
    ],
)
def test_enumerations_match_the_contract(
    actual: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert tuple(actual) == expected


# -- enums ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "allowed", "expected"),
    [
        ("In Progress", PHASE_STATUSES, "in-progress"),
        ("in progress", PHASE_STATUSES, "in-progress"),
        ("IN_PROGRESS", PHASE_STATUSES, "in-progress"),
        ("in_progress", PHASE_STATUSES, "in-progress"),
        ("in-progress", PHASE_STATUSES, "in-progress"),
        ("In  Progress", PHASE_STATUSES, "in-progress"),
        ("in\tprogress", PHASE_STATUSES, "in-progress"),
        ("  Done  ", PHASE_STATUSES, "done"),
        ("E2E", TEST_LEVELS, "e2e"),
        ("e2e", TEST_LEVELS, "e2e"),
        (" Unit", TEST_LEVELS, "unit"),
        ("HIGH", DEFAULT_RISK_LEVELS, "high"),
        ("\nmedium\n", DEFAULT_RISK_LEVELS, "medium"),
        ("Modified", CHANGES, "modified"),
        ("Infrastructure", LAYERS, "infrastructure"),
        ("ACCESSIBILITY", KINDS, "accessibility"),
    ],
)
def test_parse_enum_normalises(raw: str, allowed: tuple[str, ...], expected: str) -> None:
    assert parse_enum(raw, allowed, "thing") == expected


@pytest.mark.parametrize(
    ("raw", "allowed"),
    [
        ("", PHASE_STATUSES),
        ("   ", PHASE_STATUSES),
        ("inprogress", PHASE_STATUSES),
        ("in.progress", PHASE_STATUSES),
        ("progress", PHASE_STATUSES),
        ("e 2 e", TEST_LEVELS),
        ("end-to-end", TEST_LEVELS),
        ("critical", DEFAULT_RISK_LEVELS),
        ("lo w", DEFAULT_RISK_LEVELS),
        ("deleted", CHANGES),
    ],
)
def test_parse_enum_rejects(raw: str, allowed: tuple[str, ...]) -> None:
    with pytest.raises(InvalidValue):
        parse_enum(raw, allowed, "thing")


def test_parse_enum_message_names_the_value_and_the_allowed_ones() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_enum(" Critical ", DEFAULT_RISK_LEVELS, "level")
    message = str(caught.value)
    assert "Critical" in message
    assert "level" in message
    for level in DEFAULT_RISK_LEVELS:
        assert level in message


def test_parse_enum_message_for_an_empty_value() -> None:
    with pytest.raises(InvalidValue, match="empty"):
        parse_enum("  ", CHANGES, "change")


def test_invalid_value_is_a_value_error() -> None:
    assert issubclass(InvalidValue, ValueError)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("In Progress", "in-progress"),
        ("  A_B c  ", "a-b-c"),
        ("E2E", "e2e"),
        ("x__ _y", "x-y"),
        ("", ""),
    ],
)
def test_normalise_enum_text(raw: str, expected: str) -> None:
    assert normalise_enum_text(raw) == expected


_FIVE_LEVELS = ("very-low", "low", "medium", "high", "very-high")


@given(raw=st.text(), allowed=st.sampled_from([PHASE_STATUSES, TEST_LEVELS, _FIVE_LEVELS]))
def test_parse_enum_only_ever_raises_invalid_value(raw: str, allowed: tuple[str, ...]) -> None:
    try:
        value = parse_enum(raw, allowed, "thing")
    except InvalidValue:
        return
    assert value in allowed


def _respell(value: str, draw: st.DrawFn) -> str:
    """``value`` with random case, surrounding spaces and its hyphens respelled."""
    letters = [
        draw(st.sampled_from(["-", " ", "_", "  ", " _ "]))
        if char == "-"
        else (char.upper() if draw(st.booleans()) else char)
        for char in value
    ]
    left = draw(st.sampled_from(["", " ", "\t", "  "]))
    right = draw(st.sampled_from(["", " ", "\n", "  "]))
    return left + "".join(letters) + right


@st.composite
def _respelled(draw: st.DrawFn) -> tuple[str, tuple[str, ...], str]:
    allowed = draw(st.sampled_from([PHASE_STATUSES, TEST_LEVELS, _FIVE_LEVELS, KINDS]))
    value = draw(st.sampled_from(allowed))
    return _respell(value, draw), allowed, value


@given(case=_respelled())
def test_parse_enum_accepts_every_respelling(case: tuple[str, tuple[str, ...], str]) -> None:
    raw, allowed, value = case
    assert parse_enum(raw, allowed, "thing") == value


# -- HTTP methods ---------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("spell", [str.lower, str.upper, str.capitalize, lambda m: f"  {m} "])
def test_parse_method_stores_upper_case(method: str, spell: Callable[[str], str]) -> None:
    assert parse_method(spell(method)) == method


@pytest.mark.parametrize("raw", ["", "  ", "FETCH", "G ET", "GET POST", "get,", "CONNECT"])
def test_parse_method_rejects(raw: str) -> None:
    with pytest.raises(InvalidValue):
        parse_method(raw)


def test_parse_method_message_lists_the_methods() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_method("fetch")
    assert "fetch" in str(caught.value)
    assert "OPTIONS" in str(caught.value)


# -- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2027-01-04", datetime.date(2027, 1, 4)),
        ("  2026-11-02 ", datetime.date(2026, 11, 2)),
        ("2028-02-29", datetime.date(2028, 2, 29)),
        ("2000-02-29", datetime.date(2000, 2, 29)),
        ("2026-12-31", datetime.date(2026, 12, 31)),
        ("0001-01-01", datetime.date(1, 1, 1)),
        ("9999-12-31", datetime.date(9999, 12, 31)),
    ],
)
def test_parse_date_accepts_calendar_dates(raw: str, expected: datetime.date) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "2027-02-29",
        "1900-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-01-00",
        "2026-04-31",
        "2026-01-32",
        "0000-01-01",
        "03/04/2025",
        "04.03.2025",
        "2026-1-1",
        "2026-01-1",
        "26-01-01",
        "20260101",
        "2026-W01-1",
        "2026-01-01T00:00",
        "2026-01-01 12:00",
        "2026/01/01",
        "tomorrow",
        "",
        "   ",
    ],
)
def test_parse_date_rejects(raw: str) -> None:
    with pytest.raises(InvalidValue):
        parse_date(raw)


@pytest.mark.parametrize(("raw", "fragment"), [("2027-02-29", "calendar"), ("", "empty")])
def test_parse_date_messages(raw: str, fragment: str) -> None:
    with pytest.raises(InvalidValue, match=fragment):
        parse_date(raw)


@given(day=st.dates())
def test_parse_date_round_trips_iso_dates(day: datetime.date) -> None:
    assert parse_date(day.isoformat()) == day


@given(raw=st.text())
def test_parse_date_only_ever_raises_invalid_value(raw: str) -> None:
    try:
        parsed = parse_date(raw)
    except InvalidValue:
        return
    assert parsed.isoformat() == raw.strip()


# -- durations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "days"),
    [
        ("10d", 10),
        ("1d", 1),
        ("3w", 21),
        ("1w", 7),
        ("2 weeks", 14),
        ("1 week", 7),
        ("5 days", 5),
        ("1 day", 1),
        ("  4 d ", 4),
        ("2W", 14),
        ("7D", 7),
        ("3 Weeks", 21),
        ("2weeks", 14),
        ("010d", 10),
    ],
)
def test_parse_duration_in_whole_days(raw: str, days: int) -> None:
    assert parse_duration(raw) == days


@pytest.mark.parametrize(
    "raw",
    [
        "0d",
        "0w",
        "0 days",
        "-3d",
        "+3d",
        "two weeks",
        "1.5w",
        "1,5w",
        "10",
        "d",
        "w",
        "",
        "   ",
        "3 months",
        "2h",
        "3dd",
        "3 d w",
        "3w2d",
        "1 weekend",
    ],
)
def test_parse_duration_rejects(raw: str) -> None:
    with pytest.raises(InvalidValue):
        parse_duration(raw)


@pytest.mark.parametrize("raw", ["36526d", "5218w", "99999999999999999999d", "1000000000 weeks"])
def test_parse_duration_rejects_more_than_a_century(raw: str) -> None:
    with pytest.raises(InvalidValue, match="longer than 36525 days"):
        parse_duration(raw)


def test_parse_duration_accepts_a_century() -> None:
    assert parse_duration("36525d") == MAX_DURATION_DAYS
    assert parse_duration("5217w") == 5217 * 7


@given(count=st.integers(min_value=1, max_value=MAX_DURATION_DAYS // 7))
def test_parse_duration_round_trips_days_and_weeks(count: int) -> None:
    assert parse_duration(f"{count}d") == count
    assert parse_duration(f"{count} days") == count
    assert parse_duration(f"{count}w") == 7 * count
    assert parse_duration(f"{count} weeks") == 7 * count


def test_a_duration_of_thousands_of_digits_is_refused_before_it_is_converted() -> None:
    # more digits than Python converts to a number (4,300 unless set otherwise)
    for raw in ("9" * 5000 + "d", "1" + "0" * 5000 + " weeks"):
        with pytest.raises(InvalidValue, match="longer than 36525 days") as refused:
            parse_duration(raw)
        # the message quotes the value's ends, not the whole of it
        assert len(str(refused.value)) < 150
        assert f"({len(raw):,} characters)" in str(refused.value)
    # leading zeros are no digits of the number
    assert parse_duration("0" * 5000 + "12d") == 12
    with pytest.raises(InvalidValue, match="not a positive duration"):
        parse_duration("0" * 5000 + "w")


@given(raw=st.text())
def test_parse_duration_is_positive_or_invalid(raw: str) -> None:
    try:
        days = parse_duration(raw)
    except InvalidValue:
        return
    assert 1 <= days <= MAX_DURATION_DAYS


# -- positive integers ----------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [("1", 1), (" 12 ", 12), ("007", 7), ("300", 300)])
def test_parse_positive_integer(raw: str, expected: int) -> None:
    assert parse_positive_integer(raw, "stage") == expected


@pytest.mark.parametrize(
    "raw", ["0", "00", "-1", "+1", "1.0", "1e3", "one", "", " ", "1 2", "\u0661", "\uff11"]
)
def test_parse_positive_integer_rejects(raw: str) -> None:
    with pytest.raises(InvalidValue, match="stage"):
        parse_positive_integer(raw, "stage")


def test_a_stage_of_more_than_a_hundred_digits_is_refused_before_it_is_converted() -> None:
    assert parse_positive_integer("9" * MAX_STAGE_DIGITS, "stage") == 10**MAX_STAGE_DIGITS - 1
    assert parse_positive_integer("0" * 5000 + "7", "stage") == 7
    # more digits than Python converts to a number (4,300 unless set otherwise)
    for raw in ("9" * (MAX_STAGE_DIGITS + 1), "9" * 5000):
        with pytest.raises(InvalidValue, match=f"more than {MAX_STAGE_DIGITS} digits") as refused:
            parse_positive_integer(raw, "stage")
        assert str(refused.value).endswith("; use a whole number from 1")
        assert len(str(refused.value)) < 200
    with pytest.raises(InvalidValue, match="stage"):
        parse_positive_integer("0" * 5000, "stage")


# -- lists and ids --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "entries", "had_empty"),
    [
        ("A, B", ["A", "B"], False),
        ("A;B", ["A", "B"], False),
        ("  A  ", ["A"], False),
        ("A,, B ;", ["A", "B"], True),
        ("A, B,", ["A", "B"], True),
        (",A", ["A"], True),
        (",", [], True),
        ("", [], False),
        ("   ", [], False),
        ("user id, created at", ["user id", "created at"], False),
    ],
)
def test_split_list(raw: str, entries: list[str], had_empty: bool) -> None:
    assert split_list(raw) == (entries, had_empty)


def test_parse_text_list_keeps_text_as_written() -> None:
    assert parse_text_list(" Redis 7 , PostgreSQL;  S3 (eu-west-1) ") == [
        "Redis 7",
        "PostgreSQL",
        "S3 (eu-west-1)",
    ]


@given(raw=st.text())
def test_split_list_entries_are_stripped_and_never_empty(raw: str) -> None:
    entries, _ = split_list(raw)
    for entry in entries:
        assert entry
        assert entry == entry.strip()
        assert "," not in entry
        assert ";" not in entry


def test_parse_ids_with_an_empty_entry() -> None:
    ids, problems = parse_ids("A,, B ;")
    assert ids == ["A", "B"]
    assert len(problems) == 1
    assert "empty" in problems[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("FR_001", ["FR_001"]),
        ("FR_001, PH-2;api.v1", ["FR_001", "PH-2", "api.v1"]),
        ("  REQ_1  ", ["REQ_1"]),
        ("A, B, A", ["A", "B"]),
        ("b, a", ["b", "a"]),
        ("_X", ["_X"]),
        ("7", ["7"]),
    ],
)
def test_parse_ids_accepts(raw: str, expected: list[str]) -> None:
    assert parse_ids(raw) == (expected, [])


@pytest.mark.parametrize(
    ("raw", "ids", "bad"),
    [
        ("A B", [], "A B"),
        ("A[1]", [], "A[1]"),
        ("A(1)", [], "A(1)"),
        ("[A]", [], "[A]"),
        ("A{x}", [], "A{x}"),
        ("'A'", [], "'A'"),
        ('"A"', [], '"A"'),
        ("<A>", [], "<A>"),
        ("A B, C", ["C"], "A B"),
        ("C, and D", ["C"], "and D"),
        ("A/B", [], "A/B"),
        ("A:B", [], "A:B"),
    ],
)
def test_parse_ids_rejects_malformed_entries(raw: str, ids: list[str], bad: str) -> None:
    got_ids, problems = parse_ids(raw)
    assert got_ids == ids
    assert len(problems) == 1
    assert bad in problems[0]


@pytest.mark.parametrize("raw", ["", "   "])
def test_parse_ids_of_nothing_is_a_problem(raw: str) -> None:
    ids, problems = parse_ids(raw)
    assert ids == []
    assert len(problems) == 1


def test_parse_ids_reports_each_bad_entry_and_the_empty_one() -> None:
    ids, problems = parse_ids("A B, OK,, C[2]")
    assert ids == ["OK"]
    assert len(problems) == 3


@given(raw=st.text())
def test_parse_ids_returns_only_safe_ids(raw: str) -> None:
    ids, problems = parse_ids(raw)
    for need_id in ids:
        assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*", need_id)
    assert len(set(ids)) == len(ids)
    assert ids or problems


@given(
    ids=st.lists(st.from_regex(r"[A-Z][A-Z0-9_]{0,8}", fullmatch=True), min_size=1, max_size=8),
    separator=st.sampled_from([",", ", ", " ; ", ";"]),
)
def test_parse_ids_round_trips_a_joined_list(ids: list[str], separator: str) -> None:
    assert parse_ids(separator.join(ids)) == (list(dict.fromkeys(ids)), [])


# -- document names -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "current", "expected"),
    [
        ("spec", "plan", ["spec"]),
        ("spec", "plans/plan", ["plans/spec"]),
        ("spec.md", "plans/plan", ["plans/spec"]),
        ("spec.rst", "plan", ["spec"]),
        ("./spec", "plans/plan", ["plans/spec"]),
        ("../specs/auth.md", "plans/plan", ["specs/auth"]),
        ("../specs/auth", "plans/2027/plan", ["plans/specs/auth"]),
        ("../../specs/auth", "plans/2027/plan", ["specs/auth"]),
        ("/specs/auth", "plan", ["specs/auth"]),
        ("/specs/auth", "plans/2027/plan", ["specs/auth"]),
        ("/specs/auth.md", "plans/plan", ["specs/auth"]),
        ("specs/../spec", "plan", ["spec"]),
        ("specs/auth/", "plan", ["specs/auth"]),
        ("specs\\auth.md", "plan", ["specs/auth"]),
        ("spec.txt", "plan", ["spec.txt"]),
        ("spec, /specs/auth ; ../other.rst", "plans/plan", ["plans/spec", "specs/auth", "other"]),
        ("spec, spec.md, ./spec", "plan", ["spec"]),
    ],
)
def test_resolve_docnames(raw: str, current: str, expected: list[str]) -> None:
    assert resolve_docnames(raw, current, SUFFIXES) == expected


def test_resolve_docnames_drops_only_a_configured_suffix() -> None:
    assert resolve_docnames("auth.md", "plan", (".rst",)) == ["auth.md"]
    assert resolve_docnames("auth.md", "plan", (".rst", ".md")) == ["auth"]


@pytest.mark.parametrize(
    ("raw", "current"),
    [
        ("../spec", "plan"),
        ("../../spec", "plans/plan"),
        ("/../spec", "plans/plan"),
        ("specs/../../spec", "plan"),
        ("..", "plan"),
        (".", "plan"),
        ("/", "plans/plan"),
        ("", "plan"),
        (" , ", "plan"),
        ("spec, ../../outside", "plans/plan"),
    ],
)
def test_resolve_docnames_refuses(raw: str, current: str) -> None:
    with pytest.raises(InvalidValue):
        resolve_docnames(raw, current, SUFFIXES)


_PATH_TEXT = st.text(alphabet="ab./\\ ,;", max_size=20)


@given(raw=_PATH_TEXT, current=st.from_regex(r"([a-z]{1,3}/){0,3}[a-z]{1,3}", fullmatch=True))
def test_resolve_docnames_stays_inside_the_source_folder(raw: str, current: str) -> None:
    try:
        docnames = resolve_docnames(raw, current, SUFFIXES)
    except InvalidValue:
        return
    assert docnames
    for name in docnames:
        assert not name.startswith(("/", "../"))
        assert ".." not in name.split("/")
        assert name not in {"", "."}


# -- endpoint titles ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("POST /api/sessions", ("POST", "/api/sessions")),
        ("post /x", ("POST", "/x")),
        ("Get /health", ("GET", "/health")),
        ("  DELETE   /items/{id}  ", ("DELETE", "/items/{id}")),
        ("GET /", ("GET", "/")),
        ("OPTIONS /api/*", ("OPTIONS", "/api/*")),
        ("PATCH /users/42?fields=name", ("PATCH", "/users/42?fields=name")),
    ],
)
def test_split_endpoint_title(title: str, expected: tuple[str, str]) -> None:
    assert split_endpoint_title(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Create session",
        "FETCH /x",
        "POST",
        "/api/sessions",
        "POST api/sessions",
        "POST/api/sessions",
        "POST /api/sessions now",
        "Create POST /x",
        "",
    ],
)
def test_split_endpoint_title_needs_a_method_and_a_path(title: str) -> None:
    assert split_endpoint_title(title) is None


@pytest.mark.parametrize(
    ("title", "word"),
    [
        ("FETCH /api/x", "FETCH"),
        ("  fetch   /api/x  ", "fetch"),
        ("Connect /", "Connect"),
        # not shaped like ``WORD /path``: a plain title
        ("POST /api/sessions", None),
        ("get /health", None),
        ("Create session", None),
        ("Create POST /x", None),
        ("FETCH api/x", None),
        ("GET2 /x", None),
        ("FETCH /x now", None),
        ("/api/x", None),
        ("", None),
    ],
)
def test_unknown_endpoint_method(title: str, word: str | None) -> None:
    assert unknown_endpoint_method(title) == word


def test_an_endpoint_title_with_an_unknown_method_is_refused_where_it_is_read() -> None:
    from_title = ITEM_TYPES_BY_DIRECTIVE["impl-endpoint"].fields_from_title
    assert from_title is not None
    assert from_title("POST /x", ()) == {"method": "POST", "path": "/x"}
    assert from_title("Create a session", ()) == {}
    with pytest.raises(InvalidValue) as refused:
        from_title("FETCH /api/x", ("path",))
    message = str(refused.value)
    assert "'FETCH'" in message
    assert ", ".join(METHODS) in message
    # a written :method: is what counts (and is judged on its own): the title is plain
    assert from_title("FETCH /api/x", ("method",)) == {}


@pytest.mark.parametrize(
    ("days", "text"),
    [(1, "1 day"), (2, "2 days"), (14, "14 days"), (None, ""), ("3", ""), (True, "")],
)
def test_days_text(days: object, text: str) -> None:
    assert days_text(days) == text
