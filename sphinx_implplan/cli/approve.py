"""``implplan approve SRCDIR``: build a project quietly and write its approval baseline.

The project is built as ``implplan check`` builds it (a temporary folder, warnings on
stderr). Then the baseline file (``implplan_baseline``, by default
``implplan-baseline.json`` beside ``conf.py``) is written with the fingerprint of
each plan item and of each need it links to (:mod:`sphinx_implplan.plan.approvals`):
every plan item, or with ``--item`` and ``--plan`` those only, every other entry
kept. The file is replaced in one step, and left untouched when its text would not
change.

Exit status 0, or 2 on a usage or build error: an id that is no plan item or plan
of the project, a date that is none, a project that keeps no baseline, a baseline
that cannot be read when only some items are approved (approving every item writes
it anew).
"""

from __future__ import annotations

import argparse
import datetime
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_implplan.cli.check import build, source_folder
from sphinx_implplan.cli.errors import EXIT_OK, CommandError, shown
from sphinx_implplan.plan.approvals import approve, dump_baseline
from sphinx_implplan.plan.itemtypes import PLAN
from sphinx_implplan.write.baseline_file import load_baseline

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from sphinx_implplan.plan.approvals import ItemPrints
    from sphinx_implplan.plan.model import Corpus


def approval_day(given: datetime.date | None) -> str:
    """``--date``, else the day of ``SOURCE_DATE_EPOCH`` (UTC) where it is set, else
    today."""
    if given is not None:
        return given.isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
        except (ValueError, OverflowError, OSError):
            raise CommandError(
                f"SOURCE_DATE_EPOCH={shown(epoch)} is not a number of seconds since 1970"
            ) from None
        return moment.date().isoformat()
    return datetime.date.today().isoformat()


def chosen_items(
    corpus: Corpus, prints: Mapping[str, ItemPrints], items: Sequence[str], plans: Sequence[str]
) -> list[str] | None:
    """The ids ``--item`` and ``--plan`` name, or ``None`` for every item."""
    if not items and not plans:
        return None
    chosen: list[str] = []
    for item_id in items:
        if item_id not in prints:
            raise CommandError(f"no plan item of the project has the id {shown(item_id)}")
        chosen.append(item_id)
    for plan_id in plans:
        plan = corpus.items.get(plan_id)
        if plan is None or plan.type != PLAN or plan_id not in prints:
            raise CommandError(f"no plan of the project has the id {shown(plan_id)}")
        chosen += [
            item.id
            for item in corpus.items.values()
            if item.id in prints and plan_id in (item.id, item.plan)
        ]
    return list(dict.fromkeys(chosen))


def _write(path: Path, text: str) -> None:
    """``text`` into ``path`` in one step: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="ascii", newline="\n") as file:
            file.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _shown_path(path: Path, srcdir: Path, typed: str) -> str:
    """The baseline file as the user would name it: from SRCDIR as typed."""
    try:
        return shown(str(Path(typed) / path.relative_to(srcdir)))
    except ValueError:
        return shown(str(path))


def _count(number: int, what: str) -> str:
    return f"{number} {what}" if number == 1 else f"{number} {what}s"


def run_approve(args: argparse.Namespace) -> int:
    srcdir = source_folder(args.srcdir)
    day = approval_day(args.date)
    with tempfile.TemporaryDirectory(
        prefix="implplan-approve-", ignore_cleanup_errors=True
    ) as workdir:
        built = build(srcdir, Path(workdir), shown(args.srcdir), prints=True)
    if built.baseline is None:
        raise CommandError(f"{shown(args.srcdir)} keeps no baseline: implplan_baseline is None")
    chosen = chosen_items(built.corpus, built.prints, args.item, args.plan)
    path = built.baseline
    name = _shown_path(path, srcdir, args.srcdir)
    loaded = load_baseline(path)
    if loaded.problem is not None and chosen is not None:
        raise CommandError(
            f"{name} cannot be used: {loaded.problem}; approve every item "
            "(without --item and --plan) to write it anew"
        )
    done = approve(built.prints, loaded.baseline, chosen, date=day, by=args.by, note=args.note)
    text = dump_baseline(done.baseline)
    summary = (
        f"{_count(len(done.approved), 'item')} approved, {len(done.unchanged)} as approved "
        f"before, {len(done.dropped)} dropped"
    )
    try:
        if loaded.problem is None and path.is_file() and path.read_bytes() == text.encode():
            print(f"{name} unchanged: {summary}")
            return EXIT_OK
        _write(path, text)
    except OSError as error:
        raise CommandError(f"cannot write {name}: {error.strerror or error}") from None
    print(f"wrote {name}: {summary}")
    return EXIT_OK
