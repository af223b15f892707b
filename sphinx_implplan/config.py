"""The ``implplan_*`` configuration values: each declared once, with its check.

A value of the wrong shape is reported as ``implplan.config`` and replaced by its
default, so a typo in ``conf.py`` never stops a build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sphinx_implplan.diagnostics import Subtype, warn
from sphinx_implplan.plan.values import DEFAULT_RISK_LEVELS, normalise_enum_text

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
    if not isinstance(value, list | tuple) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        raise ConfigValueError("a list of level names from lowest to highest")
    levels = [normalise_enum_text(item) for item in value]
    if len(levels) < 2 or len(set(levels)) != len(levels):
        raise ConfigValueError("at least two different level names, from lowest to highest")
    return levels


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


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "implplan_requirement_types",
        ["req"],
        "The need types that count as requirements: the targets of ``:implements:``, "
        "``:addresses:``, ``:measures:``, and the requirement targets of ``:verifies:`` "
        "and ``:affects:``.",
        _check_requirement_types,
        # what items hold changes with it: a change re-reads every document
        _LIST_TYPES,
        "env",
    ),
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


def check_config(_app: Sphinx, config: Config) -> None:
    """Replace each value of the wrong shape by its default, with a warning."""
    for value in CONFIG_VALUES:
        raw = getattr(config, value.name)
        try:
            checked = value.check(raw)
        except ConfigValueError as problem:
            warn(
                Subtype.CONFIG,
                f"{value.name} = {raw!r} is not valid: expected {problem}; "
                f"using the default {value.default!r}",
                None,
            )
            checked = value.check(value.default)
        config[value.name] = checked


def requirement_types(config: Config) -> frozenset[str]:
    return frozenset(config.implplan_requirement_types)


def risk_levels(config: Config) -> tuple[str, ...]:
    return tuple(config.implplan_risk_levels)


def tunes_memory(config: Config) -> bool:
    return bool(config.implplan_tune_memory)
