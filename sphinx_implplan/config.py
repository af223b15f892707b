"""The ``implplan_*`` configuration values: each declared once, with its check.

A value of the wrong shape is reported as ``implplan.config`` and replaced by its
default, so a typo in ``conf.py`` never stops a build.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sphinx_implplan import needs_bridge
from sphinx_implplan.diagnostics import Subtype, warn
from sphinx_implplan.plan.approvals import BASELINE_FILE
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE
from sphinx_implplan.plan.today import configured_day
from sphinx_implplan.plan.values import DEFAULT_RISK_LEVELS, InvalidValue, normalise_enum_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


class ConfigValueError(ValueError):
    """The configured value cannot be used; the message says what is expected."""


def _check_requirement_types(value: Any) -> list[str]:
    if (
        not isinstance(value, list | tuple)
        or not value
        or not all(isinstance(item, str) and item.strip() for item in value)
    ):
        raise ConfigValueError("a non-empty list of need type names, like ['req']")
    return [item.strip() for item in value]


def _check_risk_levels(value: Any) -> list[str]:
    if isinstance(value, set | frozenset):
        raise ConfigValueError("a list of level names from lowest to highest (a set has no order)")
    if not isinstance(value, list | tuple) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        raise ConfigValueError("a list of level names from lowest to highest")
    levels = [normalise_enum_text(item) for item in value]
    if len(levels) < 2 or len(set(levels)) != len(levels):
        raise ConfigValueError("at least two different level names, from lowest to highest")
    return levels


def _check_folders(value: Any) -> list[str]:
    if not isinstance(value, list | tuple) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        raise ConfigValueError("a list of folder paths, relative to the source folder")
    return [item.strip() for item in value]


def _check_baseline(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise ConfigValueError("a file path, relative to the folder of conf.py, or None")
    return value.strip()


def _check_results(value: Any) -> list[str]:
    if not isinstance(value, list | tuple) or not all(
        isinstance(item, str) and item.strip() and item.isprintable() for item in value
    ):
        raise ConfigValueError(
            "a list of JUnit XML file paths or glob patterns, relative to the folder of conf.py"
        )
    return list(dict.fromkeys(item.strip() for item in value))


def _check_switch(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigValueError("True or False")
    return value


#: the types Sphinx is told a list setting takes
_LIST_TYPES = frozenset({list, tuple})


@dataclass(frozen=True)
class ConfigValue:
    name: str
    default: Any
    #: one sentence for the documentation's table of settings (``literal`` markup)
    help: str
    #: the value as the extension uses it, or ConfigValueError saying what is expected
    check: Callable[[Any], Any]
    #: the types Sphinx is told the value takes
    types: frozenset[type]
    #: what a change of the value makes Sphinx do again: ``"env"`` reads every
    #: document again, ``""`` nothing
    rebuild: Literal["env", ""]


def _check_today(value: Any) -> str | None:
    try:
        day = configured_day(value)
    except InvalidValue:
        raise ConfigValueError("a date as 'YYYY-MM-DD' (or a datetime.date), or None") from None
    return None if day is None else day.isoformat()


REQUIREMENT_TYPES = ConfigValue(
    "implplan_requirement_types",
    ["req"],
    "The need types that count as requirements: the targets of ``:implements:``, "
    "``:addresses:``, ``:measures:``, and the requirement targets of ``:verifies:`` "
    "and ``:affects:``. The extension's own item types are never requirements.",
    _check_requirement_types,
    # what items hold changes with it: a change re-reads every document
    _LIST_TYPES,
    "env",
)

CONFIG_VALUES: tuple[ConfigValue, ...] = (
    REQUIREMENT_TYPES,
    ConfigValue(
        "implplan_risk_levels",
        list(DEFAULT_RISK_LEVELS),
        "The ordered levels of ``:impact:`` and ``:likelihood:``, lowest first. "
        "Risk score = rank(impact) x rank(likelihood), ranks from 1.",
        _check_risk_levels,
        _LIST_TYPES,
        "env",
    ),
    ConfigValue(
        "implplan_speckit_roots",
        ["../specs"],
        "The folders, relative to the source folder, whose spec-kit feature folders "
        "``impl-speckit`` may read, besides the source folder itself: by default the "
        "``specs`` folder beside it, as spec-kit lays a repository out. Any other "
        "folder is refused unread.",
        _check_folders,
        _LIST_TYPES,
        # which files a document may read: a change reads every document again
        "env",
    ),
    ConfigValue(
        "implplan_baseline",
        BASELINE_FILE,
        "The approval baseline that ``implplan approve`` writes and every build compares "
        "the plan items with, relative to the folder of ``conf.py``; ``None`` reads none. "
        "A missing file is no baseline.",
        _check_baseline,
        frozenset({str, type(None)}),
        # read in every build, which writes again the pages whose items it changes
        "",
    ),
    ConfigValue(
        "implplan_today",
        None,
        "The day the build takes as today, as ``YYYY-MM-DD`` (or a ``datetime.date``): "
        "phases whose end is before it and are not done are late, those whose start is "
        "before it with nothing done are not started, and timelines draw a line on it. "
        "``None``: the day of ``SOURCE_DATE_EPOCH`` (UTC) where that is set, else the day "
        "the build runs.",
        _check_today,
        frozenset({str, datetime.date, type(None)}),
        # what the pages show changes with it: every document is read again
        "env",
    ),
    ConfigValue(
        "implplan_test_results",
        [],
        "The JUnit XML files of a test run (pytest's ``--junitxml``, CTest, gtest, Maven "
        "Surefire, Playwright), as paths or glob patterns relative to the folder of "
        "``conf.py``: each ``impl-test`` gets the result of the cases its ``:cases:`` name. "
        "Read in every build; ``[]`` reads none, and every test is not run.",
        _check_results,
        _LIST_TYPES,
        # read in every build, which writes again the pages whose tests' results change
        "",
    ),
    ConfigValue(
        "implplan_tune_memory",
        True,
        "Whether Python's garbage collector is tuned for the build: paused while Sphinx "
        "loads the pickled environment, while sphinx-needs resolves every need and while "
        "a page with views is drawn, with what is alive frozen (``gc.freeze``) until the "
        "build ends. Turn it off when builds run inside a long-running process that "
        "manages the collector itself, or to profile the collector's own cost.",
        _check_switch,
        frozenset({bool}),
        # nothing built depends on it
        "",
    ),
)


def register_config_values(app: Sphinx) -> None:
    for value in CONFIG_VALUES:
        app.add_config_value(value.name, value.default, value.rebuild, types=value.types)


def shown_value(value: Any) -> str:
    """A configured value as a message shows it: ``repr``, with the members of a set
    sorted, so that the message is the same in every run (a set's own order changes
    from one run to the next)."""
    if isinstance(value, set | frozenset):
        if not value:
            return repr(value)
        members = "{" + ", ".join(sorted(shown_value(member) for member in value)) + "}"
        return members if type(value) is set else f"{type(value).__name__}({members})"
    if type(value) is list:
        return "[" + ", ".join(shown_value(item) for item in value) + "]"
    if type(value) is tuple:
        return (
            "(" + ", ".join(shown_value(item) for item in value) + ("," * (len(value) == 1)) + ")"
        )
    if type(value) is dict:
        return (
            "{" + ", ".join(f"{shown_value(k)}: {shown_value(v)}" for k, v in value.items()) + "}"
        )
    return repr(value)


def check_config(_app: Sphinx, config: Config) -> None:
    """Replace each value of the wrong shape by its default, with a warning."""
    for value in CONFIG_VALUES:
        raw = getattr(config, value.name)
        try:
            checked = value.check(raw)
        except ConfigValueError as problem:
            warn(
                Subtype.CONFIG,
                f"{value.name} = {shown_value(raw)} is not valid: expected {problem}; "
                f"using the default {value.default!r}",
                None,
            )
            checked = value.check(value.default)
        config[value.name] = checked
    _leave_out_item_types(config)


def _names(names: list[str]) -> str:
    return ", ".join(repr(name) for name in names)


def _leave_out_item_types(config: Config) -> None:
    """The extension's own item types are never requirements (a plan would be a
    requirement of itself): each is left out with a warning, and the default used
    where nothing else is left."""
    configured: list[str] = config.implplan_requirement_types
    ours = [name for name in configured if name in ITEM_TYPES_BY_DIRECTIVE]
    if not ours:
        return
    kept = [name for name in configured if name not in ours]
    one = len(ours) == 1
    message = (
        f"implplan_requirement_types names {_names(ours)}: "
        f"{'an item type' if one else 'item types'} of sphinx-implplan, never "
        f"{'a requirement' if one else 'requirements'}; "
    )
    if kept:
        message += f"{'it is' if one else 'they are'} left out"
    else:
        kept = _check_requirement_types(REQUIREMENT_TYPES.default)
        message += f"using the default {REQUIREMENT_TYPES.default!r}"
    warn(Subtype.CONFIG, message, None)
    config["implplan_requirement_types"] = kept


def check_requirement_types_known(app: Sphinx) -> None:
    """The ``builder-inited`` handler: once every need type is known (the project's,
    other extensions', the extension's own), warn about a requirement type that is
    none of them, which no need can have."""
    known = needs_bridge.need_type_names(app)
    unknown = [name for name in app.config.implplan_requirement_types if name not in known]
    if unknown:
        one = len(unknown) == 1
        them = "it" if one else "them"
        warn(
            Subtype.CONFIG,
            f"implplan_requirement_types names {_names(unknown)}, which "
            f"{'is no need type' if one else 'are no need types'} of this project, so no "
            f"need counts as such a requirement; define {them} in needs_types, or leave "
            f"{them} out",
            None,
        )


def requirement_types(config: Config) -> frozenset[str]:
    return frozenset(config.implplan_requirement_types)


def risk_levels(config: Config) -> tuple[str, ...]:
    return tuple(config.implplan_risk_levels)


def tunes_memory(config: Config) -> bool:
    return bool(config.implplan_tune_memory)


def speckit_roots(config: Config) -> tuple[str, ...]:
    return tuple(config.implplan_speckit_roots)


def test_results_patterns(config: Config) -> tuple[str, ...]:
    return tuple(config.implplan_test_results)


def baseline_path(app: Sphinx) -> Path | None:
    """The approval baseline's file, or ``None`` where the project reads none."""
    configured: str | None = app.config.implplan_baseline
    return None if configured is None else Path(app.confdir) / configured
