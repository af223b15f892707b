"""``impl-speckit``: a spec-kit feature folder (``specs/NNN-feature/``) read in place.

The folder's files stay the source of truth that people and agents keep editing: the
directive reads them at build time, never writes them, and parses what it read as the
plan's directives (:mod:`sphinx_implplan.authoring.speckit_mapping`), each block
attributed to the spec-kit file and line it came from, so every warning about an item
points there. Every file read is a dependency of the page, and a file added to or
removed from the folder reads the page again (``env-get-outdated``).

Only folders inside the source folder or one of ``implplan_speckit_roots`` are read;
any other is refused unread.

The reader and the mapping are imported when a folder is first read: every build
imports the extension, and a project that reads no feature folder should not pay
for loading them.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.statemachine import StringList

from sphinx_implplan import needs_bridge
from sphinx_implplan.config import requirement_types, speckit_roots
from sphinx_implplan.diagnostics import Subtype
from sphinx_implplan.plan.values import parse_ids
from sphinx_implplan.read.directive_base import READ_FROM_KEY, ImplPlanDirective
from sphinx_implplan.read.domain import get_domain
from sphinx_implplan.read.warning_replay import note_read_warning

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.authoring.speckit_mapping import Block
    from sphinx_implplan.speckit import Feature

#: the files of a feature folder whose appearing or going changes what is read
_FEATURE_FILES = ("spec.md", "plan.md", "tasks.md", "research.md", "data-model.md")


def folder_listing(folder: Path) -> tuple[str, ...]:
    """The feature files found in ``folder``, sorted: what a new read would find (an
    unreadable folder lists nothing, the reader says why)."""
    from sphinx_implplan.speckit.reader import is_contract

    try:
        found = [name for name in _FEATURE_FILES if (folder / name).is_file()]
        contracts = folder / "contracts"
        if contracts.is_dir():
            found += sorted(
                f"contracts/{path.name}" for path in contracts.iterdir() if is_contract(path.name)
            )
    except OSError:
        return ()
    return tuple(found)


class SpeckitDirective(ImplPlanDirective):
    """``impl-speckit FOLDER``: the feature folder, relative to the document."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        if not hasattr(self.state, "_renderer"):
            self.problem(
                Subtype.SPECKIT,
                "reads a feature folder into MyST directives, so it stands in a MyST "
                "(Markdown) document; this one is not",
            )
            return []
        folder = self.feature_folder()
        if folder is None:
            return []
        from sphinx_implplan.authoring.speckit_mapping import feature_blocks
        from sphinx_implplan.speckit import read_feature

        plan_id = self.plan_id(folder)
        requirement_type = self.requirement_type()
        feature = read_feature(folder)
        for name in feature.files_read:
            self.env.note_dependency(str(folder / name))
        get_domain(self.env).speckit_folders.setdefault(self.env.docname, {})[str(folder)] = (
            folder_listing(folder)
        )
        for problem in feature.problems:
            where = problem.source
            file = str(folder / where.file) if where is not None else None
            line = where.line if where is not None else self.source_line
            note_read_warning(
                self.env, Subtype.SPECKIT, f"{folder.name}: {problem.message}", line, file
            )
        id_prefix = self.id_prefix()
        feature = self.without_refused_ids(feature, id_prefix)
        blocks = feature_blocks(
            feature,
            plan_id=plan_id,
            requirement_type=requirement_type,
            spec="/" + self.env.docname,
            id_prefix=id_prefix,
        )
        container = nodes.container(classes=["implplan-speckit"])
        self.parse_blocks(blocks, folder, container)
        return list(container.children)

    def feature_folder(self) -> Path | None:
        written = self.arguments[0].strip() if self.arguments else ""
        if not written:
            self.problem(Subtype.SPECKIT, "name the feature folder, e.g. ../specs/001-feature")
            return None
        srcdir = Path(self.env.srcdir).resolve()
        document = Path(self.env.doc2path(self.env.docname)).parent
        try:
            folder = (document / written).resolve()
            roots = [(srcdir / root).resolve() for root in speckit_roots(self.config)]
        except (OSError, ValueError, RuntimeError) as error:
            # a NUL byte, a link loop: no folder of this project
            self.problem(Subtype.SPECKIT, f"{written!r} is no folder that can be read: {error}")
            return None
        allowed = [srcdir, *roots]
        if not any(folder.is_relative_to(root) for root in allowed):
            self.problem(
                Subtype.SPECKIT,
                f"{written!r} is outside the source folder and the folders of "
                "implplan_speckit_roots; it is not read. Add its folder to that setting "
                "to read it",
            )
            return None
        if not folder.is_dir():
            self.problem(Subtype.SPECKIT, f"{written!r} is not a folder")
            return None
        return folder

    def plan_id(self, folder: Path) -> str:
        from sphinx_implplan.authoring.speckit_mapping import plan_id_of

        raw = self.options.get("id")
        if raw is None:
            return plan_id_of(folder.name)
        ids, problems = parse_ids(raw or "")
        if len(ids) == 1 and not problems:
            return ids[0]
        self.problem(Subtype.VALUE, f":id: {raw.strip()!r} must be one id; the id is made")
        return plan_id_of(folder.name)

    def id_prefix(self) -> str:
        """Put before every requirement id, as written (``F004-``): the features of
        one project each have an ``FR-001``, and one id names one need."""
        raw = (self.options.get("id-prefix") or "").strip()
        if raw and not re.fullmatch(r"[A-Za-z0-9_.-]+", raw):
            self.problem(
                Subtype.VALUE,
                f":id-prefix: {raw!r} may hold only letters, digits, '_', '-' and '.'; "
                "the ids are used as written",
            )
            return ""
        return raw

    def without_refused_ids(self, feature: Feature, id_prefix: str) -> Feature:
        """The feature without the requirements whose ids the project's
        ``needs_id_regex`` refuses, which sphinx-needs would refuse one by one: one
        warning says so instead."""
        refused = [
            requirement
            for requirement in feature.requirements
            if not needs_bridge.id_follows_rule(self.config, id_prefix + requirement.id)
        ]
        if not refused:
            return feature
        named = ", ".join(id_prefix + requirement.id for requirement in refused[:3])
        more = f" and {len(refused) - 3} more" if len(refused) > 3 else ""
        self.problem(
            Subtype.SPECKIT,
            f"the project's needs_id_regex {self.config.needs_id_regex!r} refuses the "
            f"requirement ids {named}{more}; they are left out. Allow them in the rule, or "
            "give :id-prefix: a prefix that makes them match",
        )
        kept = tuple(r for r in feature.requirements if r not in refused)
        return dataclasses.replace(feature, requirements=kept)

    def requirement_type(self) -> str:
        types = sorted(requirement_types(self.config))
        raw = (self.options.get("requirement-type") or "").strip()
        if raw and raw not in types:
            self.problem(
                Subtype.VALUE,
                f":requirement-type: {raw!r} is not a requirement type of the project "
                f"({', '.join(types)}); {types[0]!r} is used",
            )
            return types[0]
        return raw or types[0]

    def parse_blocks(self, blocks: Iterable[Block], folder: Path, node: nodes.Element) -> None:
        """Each block parsed at the spec-kit line it came from, its directives knowing
        the file (``READ_FROM_KEY``), so their warnings point there."""
        # MyST parses a nested block at the directive's line plus the offset given
        own_line = self.lineno
        for block in blocks:
            lines = StringList(block.text.splitlines())
            if block.source is None:
                self.state.nested_parse(lines, 0, node)
                continue
            self.env.temp_data[READ_FROM_KEY] = str(folder / block.source.file)
            try:
                self.state.nested_parse(lines, block.source.line - own_line, node)
            finally:
                self.env.temp_data.pop(READ_FROM_KEY, None)


def folders_changed(
    _app: Sphinx, env: BuildEnvironment, _added: set[str], _changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: the documents whose feature folders gained or lost a file
    (a changed file is a dependency Sphinx follows itself)."""
    again = []
    for docname, folders in get_domain(env).speckit_folders.items():
        if docname in removed:
            continue
        if any(folder_listing(Path(folder)) != files for folder, files in folders.items()):
            again.append(docname)
    return sorted(again)
