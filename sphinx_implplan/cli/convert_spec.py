"""The spec of a plain Markdown plan that ``implplan convert`` reads for the
requirement ids its text names: ``--spec PATH``, else the plan's ``**Spec**:`` line
or front matter ``spec``, beside the plan. A spec that cannot be found or read is one
note; the plan is converted without links all the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx_implplan.authoring.conversion import SpecIds, SpecLookup, defined_ids
from sphinx_implplan.cli.errors import CommandError, shown

#: what a Sphinx document name without its suffix may be written as
_SUFFIXES = (".md", ".rst", ".txt")


def _path(given: str, folder: Path) -> Path:
    """The file a plan's ``:spec:`` names: relative to the plan's folder (a leading
    ``/``, the project's root in Sphinx, as well), with ``.md`` or ``.rst`` where
    the name has no suffix and the file without one does not exist."""
    path = folder / given.lstrip("/")
    try:
        if path.exists() or path.suffix:
            return path
        return next(
            (
                path.with_name(path.name + suffix)
                for suffix in _SUFFIXES
                if path.with_name(path.name + suffix).is_file()
            ),
            path,
        )
    except (OSError, ValueError):
        return path  # reading it says why not


def spec_lookup(
    option: str | None,
    plan: Path,
    requirement_type: str,
    notes: list[str],
    read: Callable[[Path], str],
) -> SpecLookup:
    """What the converter asks for the plan's ``:spec:``: the ids of ``--spec``
    (``option``), else of the spec the plan names, read with ``read``; each note for
    the author (a spec not read, a spec defining nothing) goes to ``notes``."""

    def lookup(given: str | None) -> SpecIds | None:
        if option is not None:
            path = Path(option)
        elif given:
            path = _path(given, plan.parent)
        else:
            return None
        name = shown(str(path))
        try:
            text = read(path)
        except CommandError as error:
            notes.append(f"cannot read the spec: {error}; requirement references are not linked")
            return None
        found = SpecIds(defined_ids(text, (requirement_type,)), name)
        if not found.ids:
            notes.append(f"{name} defines no requirement id; requirement references are not linked")
        return found

    return lookup
