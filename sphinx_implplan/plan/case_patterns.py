"""An ``impl-test``'s ``:cases:``: the test cases it stands for, as patterns matched
against the cases of JUnit XML results. No Sphinx imports.

A pattern names a case as the tool that ran it does:

- a pytest node id, ``tests/test_sync.py::TestMerge::test_conflict``;
- ``classname.name``, as Maven Surefire, gtest (``Suite.Case``), CTest and
  Playwright write a case (``com.example.SyncTest.merges``).

``*`` stands for any run of characters (``/`` and ``::`` included) and ``?`` for
one; nothing else is special. Brackets are literal, as pytest writes the parameters
of a case in them (``test_merge[utf-8]``), so a pattern never holds a character
class. Nothing of a pattern is ever evaluated.
"""

from __future__ import annotations

from typing import Final

from sphinx_implplan.plan.values import InvalidValue

#: the longest pattern read: far longer than any node id, short enough that matching
#: one against every case of a large report stays quick
MAX_PATTERN_LENGTH: Final = 1_000
#: the most patterns one test names
MAX_PATTERNS: Final = 1_000

_SEPARATORS: Final = frozenset(",;\n")


def _split_outside_brackets(raw: str) -> list[str]:
    """``raw`` split at commas, semicolons and line breaks that stand outside square
    brackets (a parametrised case's id may hold a comma); where a bracket is never
    closed, at every separator."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in raw:
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
        if char in _SEPARATORS and not depth:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    if depth:
        parts = [part for chunk in parts for part in _plain_split(chunk)]
    return parts


def _plain_split(text: str) -> list[str]:
    for separator in _SEPARATORS:
        text = text.replace(separator, ",")
    return text.split(",")


def parse_case_patterns(raw: str) -> list[str]:
    """The patterns of a ``:cases:`` value, each once, in the order written."""
    patterns = list(dict.fromkeys(p.strip() for p in _split_outside_brackets(raw) if p.strip()))
    if not patterns:
        raise InvalidValue("names no test case; write node ids or classname.name, comma-separated")
    if len(patterns) > MAX_PATTERNS:
        raise InvalidValue(f"names {len(patterns):,} patterns; at most {MAX_PATTERNS:,} are read")
    for pattern in patterns:
        if len(pattern) > MAX_PATTERN_LENGTH:
            raise InvalidValue(
                f"{pattern[:40]!r}... is longer than {MAX_PATTERN_LENGTH:,} characters"
            )
        if not pattern.isprintable():
            raise InvalidValue(f"{pattern!r} holds a character that cannot be printed")
    return patterns


def glob_matches(pattern: str, text: str) -> bool:
    """Whether ``pattern`` (``*`` and ``?`` its only wildcards) matches the whole of
    ``text``. Greedy, going back only to the last ``*``: time in proportion to the two
    lengths' product at worst, never exponential as a regular expression may be."""
    p = t = 0
    star = -1
    resume = 0
    while t < len(text):
        if p < len(pattern) and pattern[p] in ("?", text[t]) and pattern[p] != "*":
            p += 1
            t += 1
        elif p < len(pattern) and pattern[p] == "*":
            star, resume = p, t
            p += 1
        elif star >= 0:
            p = star + 1
            resume += 1
            t = resume
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def _node_ids(classname: str, name: str, file: str | None) -> list[str]:
    """The pytest node ids a case may have. pytest's JUnit XML writes the node id
    ``tests/unit/test_x.py::TestA::test_b`` as classname ``tests.unit.test_x.TestA``
    and name ``test_b``, so where the module ends in the classname is not written:
    every split is offered (a pattern names the one that exists). Where the case
    gives its file (``junit_family=xunit1``), only the split of that file is."""
    parts = classname.split(".")
    module = None
    if file and file.endswith(".py"):
        module = file.removesuffix(".py").replace("\\", "/").replace("/", ".").split(".")
    found = []
    for split in range(1, len(parts) + 1):
        if module is not None and parts[:split] != module:
            continue
        path = "/".join(parts[:split]) + ".py"
        found.append("::".join([path, *parts[split:], name]))
    return found


def case_names(classname: str, name: str, file: str | None = None) -> tuple[str, ...]:
    """Every name a pattern may match one case by: ``classname.name``, its pytest node
    ids, and ``name`` alone where the case has no other class (CTest writes the test's
    name as both)."""
    if not classname or classname == name:
        return (name,)
    names = [f"{classname}.{name}", *_node_ids(classname, name, file)]
    return tuple(dict.fromkeys(names))
