"""``implplan new PATH --title TEXT``: write a plan skeleton to a new MyST file.

The text comes from :func:`sphinx_implplan.authoring.plan_skeleton.skeleton`; this module checks
the arguments, refuses to overwrite a file without ``--force`` and writes it.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from sphinx_implplan.authoring.item_ids import ID_PATTERN, plan_id_for
from sphinx_implplan.authoring.plan_skeleton import skeleton
from sphinx_implplan.authoring.speckit_pages import feature_pages
from sphinx_implplan.cli.errors import EXIT_OK, CommandError, shown


def _reason(error: OSError) -> str:
    """The one-line reason of an OS error, without the path (the message names it)."""
    return " ".join((error.strerror or str(error)).split())


def _write(path: Path, text: str, *, force: bool) -> None:
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give the .md file to write")
    if path.suffix != ".md":
        raise CommandError(f"{path} does not end with .md: plans are MyST Markdown")
    # the nearest folder that exists must be one: mkdir would only say "File exists"
    existing = next((parent for parent in path.parents if parent.exists()), None)
    if existing is not None and not existing.is_dir():
        raise CommandError(f"cannot write {path}: {existing} is not a folder")
    if path.exists() and not force:
        raise CommandError(f"{path} exists; use --force to overwrite")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def run_speckit_pages(args: argparse.Namespace) -> int:
    """``--speckit SPECS -o PAGE.md``: a page per feature folder, and an index page."""
    if args.path is not None or args.output is None:
        raise CommandError("with --speckit, give the index page to write with -o, not PATH")
    specs = Path(args.speckit)
    if not specs.is_dir():
        raise CommandError(f"{shown(args.speckit)} is not a folder")
    index = Path(args.output)
    title = " ".join(str(args.title or "Features").split()) or "Features"
    try:
        pages = feature_pages(specs, index, title)
        if len(pages) == 1:
            raise CommandError(f"{shown(args.speckit)} holds no spec-kit feature folder")
        for page in pages:
            _write(page.path, page.text, force=args.force)
    except OSError as error:
        raise CommandError(f"cannot write the pages: {_reason(error)}") from None
    print(f"wrote {index} and {len(pages) - 1} feature pages")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    """Write the skeleton to ``args.path``; a :class:`CommandError` says what is wrong."""
    if args.speckit is not None:
        return run_speckit_pages(args)
    if args.path is None or args.title is None:
        raise CommandError("give the file to write and --title (or --speckit SPECS -o PAGE.md)")
    if args.output is not None:
        raise CommandError("-o goes with --speckit; give the file to write as PATH")
    title = " ".join(str(args.title).split())
    if not title:
        raise CommandError("--title is empty; give the plan a title")
    plan_id: str | None = args.plan_id
    if plan_id is not None and not ID_PATTERN.fullmatch(plan_id):
        raise CommandError(
            f"--id {plan_id!r} is not a valid id: use at least 3 upper-case letters, "
            "digits or underscores (PLAN_PAYMENTS)"
        )
    spec: str | None = args.spec.strip() if args.spec and args.spec.strip() else None

    path = Path(args.path)
    text = skeleton(title, plan_id=plan_id, spec=spec, today=datetime.date.today())
    try:
        _write(path, text, force=args.force)
    except OSError as error:
        # looking at the path can fail too (a name too long, a folder not readable)
        raise CommandError(f"cannot write {path}: {_reason(error)}") from None
    print(f"wrote {path}: plan {plan_id or plan_id_for(title)}")
    return EXIT_OK
