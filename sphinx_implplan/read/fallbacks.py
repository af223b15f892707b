"""What an item is created with where sphinx-needs refuses it as written.

sphinx-needs refuses a whole need for some values the extension passes on as written;
each fallback gives the title and fields to try instead, and says how the item is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

#: sphinx-needs' common options, passed on as written
PASSED_OPTIONS = ("tags", "collapse", "hide", "style", "layout", "constraints")
#: what opens a sphinx-needs dynamic function in a title or status, and what a title
#: holding one that sphinx-needs cannot read gets instead
DYNAMIC_FUNCTION_START = "[["
NO_DYNAMIC_FUNCTION = "[ ["
#: a title and fields to create an item with instead, and how that keeps the item
Fallback = tuple[str, dict[str, Any], str]


def _without(title: str, fields: dict[str, Any], keys: Sequence[str]) -> Fallback | None:
    passed = [key for key in keys if key in fields]
    if not passed:
        return None
    kept = {key: value for key, value in fields.items() if key not in passed}
    return title, kept, "without " + ", ".join(f":{key}:" for key in passed)


def without_passed_options(
    title: str, fields: dict[str, Any], _project_values: Sequence[str]
) -> Fallback | None:
    """Without sphinx-needs' own options: one of them may hold a value sphinx-needs
    refuses (a constraint not in ``needs_constraints``, say)."""
    return _without(title, fields, PASSED_OPTIONS)


def without_project_values(
    title: str, fields: dict[str, Any], project_values: Sequence[str]
) -> Fallback | None:
    """Without the values passed on as written to the project's own fields
    (``project_values``): the schema of one of them may refuse its value."""
    return _without(title, fields, project_values)


def without_dynamic_functions(
    title: str, fields: dict[str, Any], _project_values: Sequence[str]
) -> Fallback | None:
    """With ``[[`` taken apart in the title and status, sphinx-needs' own fields,
    where it opens a dynamic function and sphinx-needs refuses one it cannot read."""
    status = fields.get("status")
    if DYNAMIC_FUNCTION_START not in title + str(status or ""):
        return None
    kept = dict(fields)
    if isinstance(status, str):
        kept["status"] = status.replace(DYNAMIC_FUNCTION_START, NO_DYNAMIC_FUNCTION)
    how = (
        f"with {NO_DYNAMIC_FUNCTION!r} in place of {DYNAMIC_FUNCTION_START!r}, which "
        "starts a sphinx-needs dynamic function"
    )
    return title.replace(DYNAMIC_FUNCTION_START, NO_DYNAMIC_FUNCTION), kept, how


#: tried in this order while sphinx-needs still refuses the item
FALLBACKS: tuple[Callable[[str, dict[str, Any], Sequence[str]], Fallback | None], ...] = (
    without_passed_options,
    without_project_values,
    without_dynamic_functions,
)
