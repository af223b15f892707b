"""The pages ``implplan new --speckit`` writes: an index page, and one page per
spec-kit feature folder holding its ``impl-speckit``. No Sphinx imports.

One page per feature, because a feature is a plan and a document holds one plan.
With more than one feature each gets an ``:id-prefix:`` (``F004-``), since every
feature numbers its requirements from ``FR-001``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sphinx_implplan.authoring.myst_writer import Directive, render_directive
from sphinx_implplan.authoring.speckit_mapping import feature_key
from sphinx_implplan.speckit import read_feature

#: a feature folder holds at least one of these
_FEATURE_MARKERS = ("spec.md", "tasks.md", "plan.md")


@dataclass(frozen=True)
class Page:
    path: Path
    text: str


def feature_folders(specs: Path) -> list[Path]:
    """The feature folders of ``specs``, by name."""
    return sorted(
        folder
        for folder in specs.iterdir()
        if folder.is_dir() and any((folder / name).is_file() for name in _FEATURE_MARKERS)
    )


def id_prefix(folder: str) -> str:
    """``F004-`` for ``004-magic-link``: the key the feature's item ids share."""
    return feature_key(folder) + "-"


def _relative(target: Path, start: Path) -> str:
    return PurePosixPath(Path(os.path.relpath(target, start)).as_posix()).as_posix()


def feature_pages(specs: Path, index: Path, title: str) -> list[Page]:
    """The index page at ``index`` and a page per feature folder of ``specs`` in the
    folder named like the index page (``features.md``, ``features/*.md``)."""
    folders = feature_folders(specs)
    pages_folder = index.with_suffix("")
    pages: list[Page] = []
    for folder in folders:
        page = pages_folder / f"{folder.name}.md"
        directive = Directive("impl-speckit", _relative(folder, page.parent))
        if len(folders) > 1:
            directive.option("id-prefix", id_prefix(folder.name))
        heading = read_feature(folder).title or folder.name
        summary, timeline, trace = (
            Directive(name) for name in ("impl-summary", "impl-timeline", "impl-traceability")
        )
        text = "\n".join(
            [
                f"# {heading}",
                "",
                render_directive(directive),
                "## Summary",
                "",
                render_directive(summary),
                "## Timeline",
                "",
                render_directive(timeline),
                "## Traceability",
                "",
                render_directive(trace),
            ]
        )
        pages.append(Page(page, text))
    entries = [_relative(page.path.with_suffix(""), index.parent) for page in pages]
    toctree = Directive("toctree", body="\n".join(entries))
    toctree.option("maxdepth", "1")
    intro = (
        f"Each feature folder of `{_relative(specs, index.parent)}`, read in place by "
        "`impl-speckit`: edit the spec-kit files, and the next build shows them."
    )
    index_text = "\n".join([f"# {title}", "", intro, "", render_directive(toctree)])
    return [Page(index, index_text), *pages]
