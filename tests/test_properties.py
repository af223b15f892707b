"""Properties of every item directive through real Sphinx builds (guide: Directives and Values).

Each Hypothesis example is one MyST document: an ``impl-plan`` first, then one item of
every other directive and a few more, each with a generated title and generated option
values, every value valid or invalid by construction. The document is built for real
(in-process, in a fresh folder), and then:

1. the build returns and shows no traceback;
2. every invalid value is warned at its item's line: ``implplan.value``, or
   ``implplan.missing`` for a required option left empty; the value is dropped, or
   replaced by the type's default status;
3. every valid value is stored in ``needs.json`` in its normal form and warns nothing:
   the build's warnings are exactly the expected ones;
4. every title is stored as written, except for what the strategy documents.

The oracle is the contract, not the extension: each strategy knows the stored form of
what it writes (a canonical value respelled, a date from ``st.dates()``, a count of
days or weeks), and ``sphinx_implplan.plan.values`` is never asked whether a value is valid.
"""

from __future__ import annotations

import datetime
import html
import io
import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_helpers import assert_no_traceback_in, parse_warnings
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy
from sphinx.testing.util import SphinxTestApp

from sphinx_implplan.plan.itemtypes import ITEM_TYPES

# -- the contract's values ---------------------------------------------------------------

LEVELS = ("low", "medium", "high")
CHANGES = ("new", "modified", "removed")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
TEST_LEVELS = ("unit", "integration", "e2e", "performance", "security", "manual")
LAYERS = ("frontend", "backend", "database", "infrastructure", "tooling", "other")
KINDS = ("security", "performance", "accessibility", "operations", "other")
PLAN_STATUSES = ("draft", "in-progress", "complete")
PHASE_STATUSES = ("planned", "in-progress", "done", "blocked")
DECISION_STATUSES = ("proposed", "accepted", "rejected", "superseded")
RISK_STATUSES = ("open", "mitigated", "accepted", "closed")
#: the status an item of these types gets when it has none, or an invalid one (a phase
#: without deliverables derives ``planned``)
DEFAULT_STATUSES = {
    "impl-plan": "draft",
    "impl-phase": "planned",
    "impl-decision": "proposed",
    "impl-risk": "open",
}
#: the longest duration the contract takes: a century
MAX_DURATION_DAYS = 36_525
#: the documents of the generated project, besides ``index`` (for ``:spec:``)
OTHER_DOCS = ("spec", "other")
DOCUMENT = "index.md"
PLAN_ID = "PLAN_1"

CONF = """\
extensions = ["myst_parser", "sphinx_implplan"]
show_warning_types = True
exclude_patterns = ["_build"]
# the HTML check finds each title as written; Sphinx would curl its quotes
smartquotes = False
"""

# -- strategies: what is written, and what must be stored ---------------------------------


@dataclass(frozen=True)
class Value:
    """One option value as written in the document, and the oracle's verdict on it."""

    written: str
    valid: bool
    #: the normal form ``needs.json`` must hold (unused for an invalid value)
    stored: Any = None


def either(good: SearchStrategy[Value], bad: SearchStrategy[Value]) -> SearchStrategy[Value]:
    """Valid and invalid values about as often (``good | bad`` leans to the side whose
    strategy has more branches)."""
    return st.booleans().flatmap(lambda ok: good if ok else bad)


def valid(written: str, stored: Any) -> Value:
    return Value(written, valid=True, stored=stored)


def invalid(written: str) -> Value:
    return Value(written, valid=False)


# MyST reads an option line as a restricted YAML scalar, and the directive strips it:
# a line break (Python's splitlines() also breaks at \v, \f, \x1c-\x1e, \x85, \u2028,
# \u2029) ends the option, a tab is a MyST syntax error that drops every option of the
# item, "#" may start a comment, and a leading quote, "|" or ">" starts a quoted or block
# scalar. Values avoid these; within them, text is kept as written, without the white
# space around it.
_OPTION_BREAKERS = "\x00\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029#"
_OPTION_CHARS = st.characters(codec="utf-8", exclude_characters=_OPTION_BREAKERS)
#: a text list's entries hold no separator
_ENTRY_CHARS = st.characters(codec="utf-8", exclude_characters=_OPTION_BREAKERS + ",;")
_YAML_STARTS = ("'", '"', "|", ">")
#: text that reaches a directive's option as written
SPECIAL_TEXTS = (
    "<b>bold</b> &amp; <script>alert(1)</script>",
    r"\textbf{x} $y$ 100% & _ ^ ~ {}",
    "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c \u0645\u0631\u062d\u0628\u0627",
    "\U0001f680 \U0001f469\u200d\U0001f469\u200d\U0001f467 \u2764\ufe0f",
    "`code` **bold** _em_ [link](http://x) {{ jinja }} |x|",
    "a: b, c; d",
    "\u00a0non-breaking\u00a0",
    "\u200bzero width\u200b",
)
SPACES = st.sampled_from(("", " ", "   "))


def _reaches_the_option(text: str) -> bool:
    return bool(text.strip()) and text.lstrip(" ")[:1] not in _YAML_STARTS


_ANY_OPTION_TEXT = st.text(_OPTION_CHARS, min_size=1, max_size=30).filter(_reaches_the_option)
#: sphinx-needs' dynamic function syntax, which the extension's own fields never evaluate
DYNAMIC_FUNCTION = "[[copy('id')]]"
OPTION_TEXT = _ANY_OPTION_TEXT | st.sampled_from((*SPECIAL_TEXTS, DYNAMIC_FUNCTION))
TEXT_VALUES = OPTION_TEXT.map(lambda text: valid(text, text.strip()))
# "[[" in a title or status opens a sphinx-needs dynamic function, which sphinx-needs
# runs in those two fields of its own (the catalogue has the cases: a "[[" that opens
# no function call is kept as "[ [", with a warning)
FREE_STATUSES = (
    _ANY_OPTION_TEXT.filter(lambda text: "[[" not in text) | st.sampled_from(SPECIAL_TEXTS)
).map(lambda text: valid(text, text.strip()))


@st.composite
def text_lists(draw: DrawFn) -> Value:
    """Entries split at commas and semicolons, trimmed, empty entries left out."""
    entries = [
        draw(st.text(_ENTRY_CHARS, min_size=1, max_size=12).filter(_reaches_the_option)),
        *draw(st.lists(st.text(_ENTRY_CHARS, max_size=12), max_size=4)),
    ]
    written = entries[0]
    for entry in entries[1:]:
        written += draw(st.sampled_from((",", ", ", ";", " ; "))) + entry
    return valid(written, [entry.strip() for entry in entries if entry.strip()])


def _loose_forms(raw: str) -> set[str]:
    """Every form an enumerated value could be read as: surrounding space dropped,
    inner runs of spaces and underscores as one hyphen, under each reading of "any
    case". An invalid value must match none of them, so that no generated invalid value
    is one the contract could be read to allow."""
    joined = re.sub(r"[\s_]+", "-", raw.strip())
    return {joined.lower(), joined.casefold(), joined.upper().lower()}


@st.composite
def respelled(draw: DrawFn, canonical: str) -> str:
    """``in-progress`` as ``In_PROGRESS `` and the like: any case, a hyphen, space or
    underscore for each hyphen, spaces around."""
    letters = [
        draw(st.sampled_from("- _"))
        if char == "-"
        else draw(st.sampled_from((char.lower(), char.upper())))
        for char in canonical
    ]
    return draw(SPACES) + "".join(letters) + draw(SPACES)


ENUM_WORDS = tuple(
    sorted(
        {*LEVELS, *CHANGES, *TEST_LEVELS, *LAYERS, *KINDS, *PLAN_STATUSES, *PHASE_STATUSES}
        | {*DECISION_STATUSES, *RISK_STATUSES, *(method.lower() for method in METHODS)}
        | {"critical", "smoke", "cloud", "legal", "wip", "finished", "changed", "fetch", "todo"}
    )
)


def enum_values(allowed: tuple[str, ...], *, upper: bool = False) -> SearchStrategy[Value]:
    """A canonical value respelled (stored lower case, or upper case for a method), or
    text that is none of them: another list's word, a near miss, anything."""
    canonical = st.sampled_from(allowed)
    good = canonical.flatmap(
        lambda value: respelled(value).map(
            lambda written: valid(written, value.upper() if upper else value)
        )
    )
    candidates = st.one_of(
        st.just(""),
        st.sampled_from(ENUM_WORDS),
        canonical.map(lambda value: value + "s"),
        canonical.map(lambda value: value[:-1]),
        canonical.map(lambda value: value.replace("-", "--") + "-"),
        OPTION_TEXT,
    )
    bad = candidates.filter(lambda raw: not _loose_forms(raw) & set(allowed)).map(invalid)
    return either(good, bad)


METHOD_VALUES = enum_values(tuple(method.lower() for method in METHODS), upper=True)


def _date_text(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month_length(year: int, month: int) -> int:
    following = datetime.date(year + 1, 1, 1) if month == 12 else datetime.date(year, month + 1, 1)
    return (following - datetime.timedelta(days=1)).day


@st.composite
def impossible_dates(draw: DrawFn) -> str:
    """``YYYY-MM-DD`` that is no calendar day: month 0 or past 12, day 0 or past the
    month's end, 29 February of a common year. (Year 0 is left out: ISO 8601 has it.)"""
    year = draw(st.integers(1, 9999))
    match draw(st.sampled_from(("month", "day", "leap"))):
        case "month":
            month = draw(st.sampled_from((0, *range(13, 100))))
            return _date_text(year, month, draw(st.integers(1, 28)))
        case "day":
            month = draw(st.integers(1, 12))
            day = draw(st.sampled_from((0, *range(_month_length(year, month) + 1, 100))))
            return _date_text(year, month, day)
    common = draw(st.integers(1, 9999).filter(lambda y: _month_length(y, 2) == 28))
    return _date_text(common, 2, 29)


def _other_date_forms(day: datetime.date) -> SearchStrategy[str]:
    y, m, d = day.year, day.month, day.day
    return st.sampled_from(
        (
            f"{d:02d}/{m:02d}/{y:04d}",
            f"{y:04d}/{m:02d}/{d:02d}",
            f"{y:04d}{m:02d}{d:02d}",
            f"{y}-{m}-{d}",
            f"{day.isoformat()}T00:00",
            f"{d}. {m}. {y}",
            f"{d} {day.strftime('%B')} {y}",
            f"{y % 100:02d}-{m:02d}-{d:02d}",
        )
    )


def _date_shaped(raw: str) -> bool:
    # any digits, not just ASCII: full-width digits might be read as a date too
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()) is not None


DATE_VALUES = either(
    st.dates().flatmap(
        lambda day: st.tuples(SPACES, SPACES).map(
            lambda pad: valid(pad[0] + day.isoformat() + pad[1], day.isoformat())
        )
    ),
    st.one_of(
        impossible_dates(),
        st.dates().flatmap(_other_date_forms).filter(lambda raw: not _date_shaped(raw)),
        st.sampled_from(("", "tomorrow", "TBD", "Q3 2027", "next week")),
        OPTION_TEXT.filter(lambda raw: not _date_shaped(raw)),
    ).map(invalid),
)

#: unit spellings and their length in days
DURATION_UNITS = {"d": 1, " days": 1, " day": 1, "w": 7, " weeks": 7, " week": 7}


@st.composite
def durations(draw: DrawFn) -> Value:
    count = draw(st.integers(1, 400))
    unit = draw(st.sampled_from(sorted(DURATION_UNITS)))
    spelled = "".join(draw(st.sampled_from((char.lower(), char.upper()))) for char in unit)
    written = draw(SPACES) + f"{count}{spelled}" + draw(SPACES)
    return valid(written, count * DURATION_UNITS[unit])


def _duration_shaped(raw: str) -> bool:
    return re.fullmatch(r"\d+\s*(d|days?|w|weeks?)", raw.strip(), re.IGNORECASE) is not None


COUNTS = st.integers(1, 400)
UNITS = st.sampled_from(sorted(DURATION_UNITS))
DURATION_VALUES = either(
    durations(),
    st.one_of(
        st.builds(lambda zeros, unit: "0" * zeros + unit, st.integers(1, 3), UNITS),
        st.builds(lambda count, unit: f"-{count}{unit}", COUNTS, UNITS),
        st.builds(
            lambda word, unit: word + unit,
            st.sampled_from(("one", "two", "a", "ten", "few")),
            st.sampled_from((" days", " weeks", " day", " week")),
        ),
        st.builds(lambda count, unit: f"{count}.5{unit}", COUNTS, UNITS),
        st.builds(
            lambda count, unit: f"{count} {unit}",
            COUNTS,
            st.sampled_from(("months", "month", "hours", "h", "y", "years", "sprints")),
        ),
        COUNTS.map(str),
        UNITS.map(str.strip),
        st.integers(MAX_DURATION_DAYS + 1, 10**7).map(lambda days: f"{days}d"),
        st.integers(MAX_DURATION_DAYS // 7 + 1, 10**6).map(lambda weeks: f"{weeks} weeks"),
        st.just(""),
        OPTION_TEXT.filter(lambda raw: not _duration_shaped(raw)),
    ).map(invalid),
)

STAGE_VALUES = either(
    st.integers(1, 10**30).flatmap(
        lambda stage: st.tuples(SPACES, SPACES).map(
            lambda pad: valid(f"{pad[0]}{stage}{pad[1]}", stage)
        )
    ),
    st.one_of(
        st.integers(1, 3).map(lambda zeros: "0" * zeros),
        COUNTS.map(lambda count: f"-{count}"),
        COUNTS.map(lambda count: f"{count}.5"),
        COUNTS.map(lambda count: f"{count}rd"),
        st.sampled_from(("", "one", "two", "first", "III")),
        # a sign or non-ASCII digits might be read as a number
        OPTION_TEXT.filter(lambda raw: re.fullmatch(r"[+-]?\d+", raw.strip()) is None),
    ).map(invalid),
)


@st.composite
def spec_values(draw: DrawFn) -> Value:
    """``:spec:``: document names, relative or from the source folder, with or without
    the suffix; invalid when one of them is no document of the project."""
    docs = draw(st.lists(st.sampled_from(("index", *OTHER_DOCS)), min_size=1, max_size=3))
    spellings = [
        draw(st.sampled_from((doc, f"{doc}.md", f"/{doc}", f"/{doc}.md", f"./{doc}")))
        for doc in docs
    ]
    if draw(st.booleans()):
        return valid(", ".join(spellings), list(dict.fromkeys(docs)))
    unknown = draw(
        st.from_regex(r"[a-z]{1,8}", fullmatch=True).filter(
            lambda name: name not in ("index", *OTHER_DOCS)
        )
        | st.sampled_from(("../spec", "/../spec", "spec/more"))
    )
    spellings.insert(draw(st.integers(0, len(spellings))), unknown)
    return invalid(", ".join(spellings))


#: the requirement of the generated document, and the tag it has (for ``:requirements:``)
REQUIREMENT_ID = "FR_001"
REQUIREMENT_TAG = "alpha"
#: entries of ``:requirements:`` that select that requirement, and their stored form
SELECTING_ENTRIES = {
    "FR_001": "FR_001",
    "FR_00?": "FR_00?",
    "FR_*": "FR_*",
    "tag:alpha": "tag:alpha",
    " Tag: alpha ": "tag:alpha",
}
#: an entry of the contract's forms: an id or id pattern, or ``tag:`` and a tag
_ENTRY_FORM = re.compile(r"[A-Za-z0-9_*?][A-Za-z0-9_.\-*?]*|(?i:tag:).*\S.*")


@st.composite
def requirement_entries(draw: DrawFn) -> Value:
    """``:requirements:``: entries that select the document's requirement, each stored
    once in the order written; invalid when its one entry is of none of the forms (a
    value with a valid entry keeps it, so none is mixed in here)."""
    if draw(st.booleans()):
        entries = draw(st.lists(st.sampled_from(sorted(SELECTING_ENTRIES)), min_size=1, max_size=4))
        written = entries[0]
        for entry in entries[1:]:
            written += draw(st.sampled_from((",", ", ", ";", " ; "))) + entry
        return valid(written, list(dict.fromkeys(SELECTING_ENTRIES[entry] for entry in entries)))
    bad = st.one_of(
        st.sampled_from(("", "FR 001", "tag:", "TAG:  ", "[FR_001]", "FR_001 or FR_002")),
        st.text(_ENTRY_CHARS, min_size=1, max_size=12).filter(
            lambda text: _reaches_the_option(text) and not _ENTRY_FORM.fullmatch(text.strip())
        ),
    )
    return invalid(draw(bad))


#: test case names as runners write them: pytest node ids (a comma in the brackets of a
#: parametrised case), classname.name, wildcards
CASE_NAMES = (
    "tests/test_sync.py::test_merge",
    "tests/test_sync.py::TestCopy::test_texts[a,b]",
    "tests/unit/test_x.py::*",
    "com.example.SyncTest.merges",
    "Suite.Case?",
    "test_merge[utf-8]",
)
#: a case pattern's own characters: printable, no separator and no bracket
_CASE_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S"), exclude_characters=_OPTION_BREAKERS + ",;[]"
)


@st.composite
def case_patterns(draw: DrawFn) -> Value:
    """``:cases:``: patterns split at commas and semicolons outside brackets, trimmed,
    each stored once; invalid when none is left or one is too long."""
    if draw(st.booleans()):
        entries = draw(
            st.lists(
                st.sampled_from(CASE_NAMES) | st.text(_CASE_CHARS, min_size=1, max_size=12),
                min_size=1,
                max_size=4,
            ).filter(lambda found: _reaches_the_option(found[0]))
        )
        written = entries[0]
        for entry in entries[1:]:
            written += draw(st.sampled_from((",", ", ", ";", " ; "))) + entry
        return valid(written, list(dict.fromkeys(entry.strip() for entry in entries)))
    return invalid(draw(st.sampled_from(("", ";", " ; ;", "x" * 1001))))


#: every directive's own options (and ``:status:``), as the contract lists them
OPTION_VALUES: dict[str, dict[str, SearchStrategy[Value]]] = {
    "impl-plan": {
        "spec": spec_values(),
        "requirements": requirement_entries(),
        "updated": DATE_VALUES,
        "owner": TEXT_VALUES,
        "version": TEXT_VALUES,
        "status": enum_values(PLAN_STATUSES),
    },
    "impl-component": {
        "change": enum_values(CHANGES),
        "purpose": TEXT_VALUES,
        "status": FREE_STATUSES,
    },
    "impl-entity": {"fields": text_lists(), "status": FREE_STATUSES},
    "impl-endpoint": {"method": METHOD_VALUES, "path": TEXT_VALUES, "status": FREE_STATUSES},
    "impl-phase": {
        "goal": TEXT_VALUES,
        "start": DATE_VALUES,
        "end": DATE_VALUES,
        "duration": DURATION_VALUES,
        "status": enum_values(PHASE_STATUSES),
    },
    "impl-decision": {
        "choice": TEXT_VALUES,
        "alternatives": text_lists(),
        "status": enum_values(DECISION_STATUSES),
    },
    "impl-risk": {
        "impact": enum_values(LEVELS),
        "likelihood": enum_values(LEVELS),
        "mitigation": TEXT_VALUES,
        "owner": TEXT_VALUES,
        "status": enum_values(RISK_STATUSES),
    },
    "impl-test": {
        "level": enum_values(TEST_LEVELS),
        "cases": case_patterns(),
        "status": FREE_STATUSES,
    },
    "impl-rollout": {"stage": STAGE_VALUES, "audience": TEXT_VALUES, "status": FREE_STATUSES},
    "impl-metric": {"target": TEXT_VALUES, "baseline": TEXT_VALUES, "status": FREE_STATUSES},
    "impl-tech": {
        "layer": enum_values(LAYERS),
        "version": TEXT_VALUES,
        "purpose": TEXT_VALUES,
        "status": FREE_STATUSES,
    },
    "impl-consideration": {"kind": enum_values(KINDS), "status": FREE_STATUSES},
    "impl-change": {"date": DATE_VALUES, "status": FREE_STATUSES},
}
PREFIXES = {
    "impl-plan": "PLAN_",
    "impl-component": "CMP_",
    "impl-entity": "ENT_",
    "impl-endpoint": "API_",
    "impl-phase": "PH_",
    "impl-decision": "DEC_",
    "impl-risk": "RISK_",
    "impl-test": "TEST_",
    "impl-rollout": "RO_",
    "impl-metric": "MET_",
    "impl-tech": "TECH_",
    "impl-consideration": "CON_",
    "impl-change": "CHG_",
}
REQUIRED = {"impl-decision": ("choice",), "impl-risk": ("impact", "likelihood")}
#: the types an example may hold more than one of: all but the plan (one per document)
REPEATABLE = tuple(OPTION_VALUES)[1:]

# Titles: the rest of the directive's line, so no line break (markdown-it ends a line at
# \n and \r; \v, \f, \x85, \u2028 do not end it and are kept). markdown-it turns NUL into
# U+FFFD as CommonMark asks, and the white space around the title (all that str.strip()
# removes) is dropped. "[[" is left out: see FREE_STATUSES.
_TITLE_CHARS = st.characters(codec="utf-8", exclude_characters="\x00\n\r")
SPECIAL_TITLES = (
    *SPECIAL_TEXTS,
    "  spaced  out  ",
    "tab\tinside",
    "back `tick` and ``` fence",
    "tilde ~~~~ fence",
    "\\ trailing backslash \\",
    ":looks: like an option",
    "{impl-plan} nested",
    "%(name)s {0} %s",
    "\x01\x7f\x1f controls \x0b\x0c\x85\u2028",
    "]] closing only",
    "",
)
TITLES = st.one_of(
    st.text(_TITLE_CHARS, max_size=40),
    st.sampled_from(SPECIAL_TITLES),
    st.builds(str.__mul__, st.sampled_from(SPECIAL_TITLES), st.integers(5, 40)),
    st.lists(st.sampled_from(SPECIAL_TITLES) | st.text(_TITLE_CHARS, max_size=6), max_size=4).map(
        "".join
    ),
).filter(lambda title: "[[" not in title)
#: a path is one word: no white space in it
PATHS = st.text(_TITLE_CHARS.filter(lambda char: not char.isspace()), max_size=12).map(
    lambda rest: "/" + rest
)
#: ``METHOD /path``: an endpoint takes its method and path from such a title; one whose
#: first word is no method gives neither, and is warned about where no :method: is given
ENDPOINT_TITLES = (
    TITLES
    | st.builds(
        lambda method, space, path: f"{method.strip()}{space}{path}",
        st.sampled_from(METHODS).flatmap(lambda method: respelled(method.lower())),
        st.sampled_from((" ", "  ", "\u3000")),
        PATHS,
    )
    | st.builds(
        lambda word, space, path: f"{word}{space}{path}",
        st.sampled_from(("FETCH", "fetch", "Connect", "TRACE", "Gets")),
        st.sampled_from((" ", "  ", "\u3000")),
        PATHS,
    )
).filter(lambda title: "[[" not in title)


@dataclass(frozen=True)
class Item:
    directive: str
    need_id: str
    title: str
    #: ``~~~~`` where the title holds a backtick, which a backtick fence's line may not
    fence: str
    options: dict[str, Value] = field(default_factory=dict)


@st.composite
def items(draw: DrawFn, directive: str, need_id: str) -> Item:
    title = draw(ENDPOINT_TITLES if directive == "impl-endpoint" else TITLES)
    fence = "~~~~" if "`" in title else draw(st.sampled_from(("```", "~~~~")))
    options: dict[str, Value] = {}
    for name, values in OPTION_VALUES[directive].items():
        if draw(st.booleans()):
            options[name] = draw(values)
    return Item(directive, need_id, title, fence, options)


@st.composite
def plans(draw: DrawFn) -> list[Item]:
    """The plan first, then every other directive once and a few repeated, in any order."""
    extra = draw(st.lists(st.sampled_from(REPEATABLE), max_size=8))
    directives = draw(st.permutations([*REPEATABLE, *extra]))
    numbers: Counter[str] = Counter()
    plan = [draw(items("impl-plan", PLAN_ID))]
    for directive in directives:
        numbers[directive] += 1
        plan.append(draw(items(directive, f"{PREFIXES[directive]}{numbers[directive]}")))
    return plan


# -- the document and its build -----------------------------------------------------------


def render(plan: list[Item]) -> tuple[str, dict[str, int]]:
    """The MyST document, and each item's line (where its warnings must point)."""
    lines = ["# Generated plan", "", "```{req} A requirement", f":id: {REQUIREMENT_ID}"]
    lines += [f":tags: {REQUIREMENT_TAG}", "```", ""]
    item_lines: dict[str, int] = {}
    for item in plan:
        item_lines[item.need_id] = len(lines) + 1
        lines.append(f"{item.fence}{{{item.directive}}} {item.title}")
        lines.append(f":id: {item.need_id}")
        lines.extend(f":{name}: {value.written}" for name, value in item.options.items())
        lines += [item.fence, ""]
    return "\n".join(lines), item_lines


@dataclass(frozen=True)
class Build:
    output: str
    warning_text: str
    needs: dict[str, dict[str, Any]]
    html: str


def build(document: str, builder: str) -> Build:
    """A real build of ``document`` as the project's only page (with two orphan pages
    for ``:spec:``); the HTML builder writes ``needs.json`` too."""
    with tempfile.TemporaryDirectory(prefix="implplan-properties-") as folder:
        srcdir = Path(folder) / "src"
        srcdir.mkdir()
        (srcdir / "conf.py").write_text(CONF, encoding="utf8")
        # bytes: no newline translation, the lines must stay where render() counted them
        (srcdir / DOCUMENT).write_bytes(document.encode("utf8"))
        for doc in OTHER_DOCS:
            (srcdir / f"{doc}.md").write_text(f"---\norphan: true\n---\n# {doc}\n", "utf8")
        status, warning = io.StringIO(), io.StringIO()
        app = SphinxTestApp(
            builder,
            srcdir=srcdir,
            freshenv=True,
            confoverrides={"needs_build_json": True},
            status=status,
            warning=warning,
        )
        try:
            app.build()
            data = json.loads((app.outdir / "needs.json").read_text(encoding="utf8"))
            page = app.outdir / "index.html"
            text = page.read_text(encoding="utf8") if builder == "html" else ""
        finally:
            app.cleanup()
    needs = data["versions"][data["current_version"]]["needs"]
    return Build(status.getvalue() + warning.getvalue(), warning.getvalue(), needs, text)


# -- the oracle ----------------------------------------------------------------------------

#: a warning as the comparison sees it: line, ``type.subtype`` and the option it names
WarningKey = tuple[int | None, str, str]


def _band(score: int) -> str:
    """With three levels the highest score is 9: two thirds of it or more is high, one
    third or more medium."""
    return "high" if 3 * score >= 2 * 9 else "medium" if 3 * score >= 9 else "low"


def _method_and_path(title: str) -> tuple[str, str] | None:
    """``("POST", "/x")`` for a title of the form ``METHOD /path``."""
    words = title.split()
    if len(words) != 2 or not words[1].startswith("/"):
        return None
    method = words[0].upper()
    return (method, words[1]) if words[0].isascii() and method in METHODS else None


def _unknown_method_in_title(title: str) -> bool:
    """A title of the form ``WORD /path`` whose word, all ASCII letters, is no method."""
    words = title.split()
    return (
        len(words) == 2
        and words[1].startswith("/")
        and re.fullmatch("[A-Za-z]+", words[0]) is not None
        and words[0].upper() not in METHODS
    )


def _given(item: Item, name: str) -> Any:
    value = item.options.get(name)
    return value.stored if value is not None and value.valid else None


def first_phase_start(plan: list[Item]) -> str | None:
    """The earliest valid ``:start:`` among the plan's phases."""
    starts = [_given(item, "start") for item in plan if item.directive == "impl-phase"]
    return min((start for start in starts if start is not None), default=None)


def _schedule(item: Item, plan_start: str | None) -> tuple[dict[str, Any], int]:
    """A phase's dates (no phase depends on another): its own start, else the plan's
    first phase start unless its end is before that; the end given (unless it is longer after the start than any
    duration may be), else computed from the duration; and the days from start to end.
    And how many schedule warnings the phase gets for an end left out."""
    start, end, duration = (_given(item, name) for name in ("start", "end", "duration"))
    if start is None and not (end is not None and plan_start is not None and end < plan_start):
        # an end before the plan's first start is a deadline whose start is not known
        start = plan_start
    problems = 0
    if start is not None and end is not None:
        days = (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days
        if days + 1 > MAX_DURATION_DAYS:
            end = None
            problems += 1
    if end is None and start is not None and duration is not None:
        last = datetime.date.fromisoformat(start).toordinal() + duration - 1
        # past 9999-12-31 there is no end to store, and a warning says so
        if last <= datetime.date.max.toordinal():
            end = datetime.date.fromordinal(last).isoformat()
        else:
            problems += 1
    if start is not None and end is not None:
        days = (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days
        duration = days + 1 if days >= 0 else None
    return {"start": start, "end": end, "duration": duration}, problems


def expected_fields(item: Item, plan_start: str | None) -> dict[str, Any]:
    """The item's fields as ``needs.json`` must hold them."""
    fields = {name: _given(item, name) for name in OPTION_VALUES[item.directive]}
    fields |= {"title": item.title.strip(), "type": item.directive, "plan": PLAN_ID}
    if fields["status"] is None and item.directive in DEFAULT_STATUSES:
        fields["status"] = DEFAULT_STATUSES[item.directive]
    if item.directive == "impl-risk":
        ranks = [_given(item, name) for name in ("impact", "likelihood")]
        score = None
        if None not in ranks:
            score = (LEVELS.index(ranks[0]) + 1) * (LEVELS.index(ranks[1]) + 1)
        fields |= {"score": score, "band": None if score is None else _band(score)}
    elif item.directive == "impl-endpoint" and (from_title := _method_and_path(item.title)):
        # a :method: or :path: that is given wins over the title
        fields["method"] = fields["method"] or from_title[0]
        fields["path"] = fields["path"] or from_title[1]
    elif item.directive == "impl-phase":
        fields |= _schedule(item, plan_start)[0]
    return fields


def expected_warnings(item: Item, line: int, plan_start: str | None) -> Counter[WarningKey]:
    expected: Counter[WarningKey] = Counter()
    required = REQUIRED.get(item.directive, ())
    for name, value in item.options.items():
        # a required option left empty is warned once, as missing (below)
        if not value.valid and (value.written.strip() or name not in required):
            expected[line, "implplan.value", name] += 1
    for name in required:
        if name not in item.options or not item.options[name].written.strip():
            expected[line, "implplan.missing", name] += 1
    fields = expected_fields(item, plan_start)
    if fields.get("band") == "high" and "mitigation" not in item.options:
        expected[line, "implplan.unmitigated", ""] += 1
    # ISO dates compare as text
    if fields.get("start") and fields.get("end") and fields["end"] < fields["start"]:
        expected[line, "implplan.schedule", ""] += 1
    if item.directive == "impl-phase" and (problems := _schedule(item, plan_start)[1]):
        expected[line, "implplan.schedule", ""] += problems
    if (
        item.directive == "impl-endpoint"
        and "method" not in item.options
        and _unknown_method_in_title(item.title)
    ):
        expected[line, "implplan.value", "method"] += 1
    # the requirement is in index.md: a :spec: without it leaves each entry nothing
    entries, spec = fields.get("requirements"), fields.get("spec")
    if entries and spec and "index" not in spec:
        expected[line, "implplan.value", "requirements"] += len(entries)
    return expected


def _warning_key(line: int | None, subtype: str, message: str) -> WarningKey:
    """Value and missing warnings name their option (``impl-risk: :impact: ...``)."""
    named = re.search(r":([a-z-]+):", message)
    option = named.group(1) if named and subtype in ("implplan.value", "implplan.missing") else ""
    return line, subtype, option


def check_build(plan: list[Item], builder: str) -> Build:
    document, item_lines = render(plan)
    result = build(document, builder)

    # 1. the build returned (build() would have raised) and shows no traceback
    assert_no_traceback_in(result.output)

    # 2. and 3. exactly the warnings the invalid values call for, each at its item's line
    warnings = parse_warnings(result.warning_text)
    assert {warning.file for warning in warnings} <= {DOCUMENT}, warnings
    actual = Counter(_warning_key(w.line, w.subtype, w.message) for w in warnings)
    plan_start = first_phase_start(plan)
    expected: Counter[WarningKey] = Counter()
    for item in plan:
        expected += expected_warnings(item, item_lines[item.need_id], plan_start)
    assert actual == expected, warnings

    # 3. and 4. every item is kept, its valid values and title stored in normal form
    for item in plan:
        assert item.need_id in result.needs, f"{item.need_id} was lost"
        need = result.needs[item.need_id]
        assert need["lineno"] == item_lines[item.need_id]
        wanted = expected_fields(item, plan_start)
        assert {name: need.get(name) for name in wanted} == wanted, item.need_id
    return result


# -- the properties ------------------------------------------------------------------------

#: an HTML build (with its write phase) costs about twice a needs build: a fifth of the
#: profile's examples (tests/conftest.py) keeps the file near 20 s under CI=true
HTML_EXAMPLES = max(1, settings().max_examples // 5)
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


@settings(deadline=None, suppress_health_check=_SLOW_DATA)
@given(plan=plans())
def test_every_directive_stores_valid_values_and_warns_invalid_ones(plan: list[Item]) -> None:
    note(render(plan)[0])
    check_build(plan, "needs")


@settings(max_examples=HTML_EXAMPLES, deadline=None, suppress_health_check=_SLOW_DATA)
@given(plan=plans())
def test_every_directive_through_the_html_builder(plan: list[Item]) -> None:
    """The same properties with the write phase: every item's card is on the page, with
    its title."""
    note(render(plan)[0])
    page = check_build(plan, "html").html
    # titles are escaped (so none opens a tag), and docutils writes some characters as
    # references ("@" as "&#64;"): each title is found in the unescaped page
    assert "<script>alert" not in page
    text = html.unescape(page)
    for item in plan:
        assert f'id="{item.need_id}"' in page, f"{item.need_id} has no card"
        assert item.title.strip() in text, item.need_id


def test_every_directive_and_option_is_generated() -> None:
    """The strategies cover the extension's whole table: a new type or option fails
    here until it has a strategy."""
    assert list(OPTION_VALUES) == [item_type.directive for item_type in ITEM_TYPES]
    for item_type in ITEM_TYPES:
        assert set(OPTION_VALUES[item_type.directive]) == {*item_type.options, "status"}
        assert PREFIXES[item_type.directive] == item_type.prefix
        assert REQUIRED.get(item_type.directive, ()) == item_type.required
