"""The ``implplan`` command line: ``new``, ``convert``, ``check``, ``approve`` and
``diff``.

Exit status 0 when all holds, 1 when ``check`` finds a gap or ``diff`` a regression,
2 on a usage or build error, with a one-line reason on stderr. Sphinx is imported
only by ``check``, ``approve`` and ``diff --rev``, so the other commands start
quickly.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from sphinx_implplan import __version__
from sphinx_implplan.cli.errors import EXIT_USAGE, CommandError


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (not usage plus message)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 100") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 100")
    return value


def _day(text: str) -> datetime.date:
    try:
        # YYYY-MM-DD only (Python reads week dates too)
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _add_approve(commands: argparse._SubParsersAction[_Parser]) -> None:
    approve = commands.add_parser(
        "approve",
        help="record the plan items as approved in the baseline file",
        description="Build SRCDIR quietly into a temporary folder and write its approval "
        "baseline (implplan_baseline, by default implplan-baseline.json beside conf.py): "
        "for each plan item, the fingerprint of the item and of each need it links to, "
        "the day, and who and why where given. With --item or --plan, only those items "
        "are approved and every other entry is kept; without, every plan item is, and "
        "the entries of items no longer in the project are dropped. An item as it was "
        "approved keeps its entry. Exit 0, 2 on a usage or build error.",
    )
    approve.add_argument("srcdir", metavar="SRCDIR", help="the Sphinx source folder (with conf.py)")
    approve.add_argument(
        "--item",
        action="append",
        default=[],
        metavar="ID",
        help="approve this plan item only (repeatable)",
    )
    approve.add_argument(
        "--plan",
        action="append",
        default=[],
        metavar="PLAN_ID",
        help="approve this plan and its items (repeatable)",
    )
    approve.add_argument("--by", metavar="NAME", help="who approves")
    approve.add_argument("--note", metavar="TEXT", help="why, or what was reviewed")
    approve.add_argument(
        "--date",
        type=_day,
        metavar="YYYY-MM-DD",
        help="the day of the approval (default: the day of SOURCE_DATE_EPOCH where it "
        "is set, else today)",
    )


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="implplan",
        description="Write, convert and check implementation plans of sphinx-implplan.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    new = commands.add_parser(
        "new",
        help="write a plan skeleton with every section as directives",
        description="Write a MyST plan skeleton: every section of a plan as directives, "
        "with short guidance text to replace. An existing file is kept unless --force.",
    )
    new.add_argument("path", metavar="PATH", nargs="?", help="the Markdown file to write")
    new.add_argument("--title", help="the plan's title (with --speckit: the index page's)")
    new.add_argument(
        "--spec", metavar="DOC", help="the specification document, relative to PATH's folder"
    )
    new.add_argument(
        "--id", dest="plan_id", metavar="PLAN_ID", help="the plan's id (default: from the title)"
    )
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.add_argument(
        "--speckit",
        metavar="SPECS",
        help="instead, write a page per spec-kit feature folder of SPECS, each read in "
        "place by impl-speckit, and an index page of them (-o)",
    )
    new.add_argument(
        "-o", "--output", metavar="PAGE.md", help="with --speckit: the index page to write"
    )

    convert = commands.add_parser(
        "convert",
        help="turn a plain Markdown plan, or a spec-kit feature folder, into directive form",
        description="Turn a plain Markdown plan (the seed templates' shape) into directive "
        "form, or a spec-kit feature folder (specs/NNN-feature/) into a folder of MyST "
        "files. Whatever is not turned into a directive is kept as written.",
    )
    convert.add_argument(
        "input", metavar="INPUT", help="the plain Markdown plan, or a spec-kit feature folder"
    )
    convert.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT",
        help="where to write the result: a file (default: standard output), or for a "
        "feature folder the folder to write (required)",
    )
    convert.add_argument(
        "--spec",
        metavar="PATH",
        help="Markdown plan: the spec whose requirement ids the plan's text names become "
        "links (default: the plan's Spec line or front matter, beside the plan)",
    )
    convert.add_argument(
        "--id-prefix",
        default="",
        metavar="PREFIX",
        help="feature folder: put before every requirement id (F004- gives F004-FR-001)",
    )
    convert.add_argument(
        "--requirement-type",
        default="req",
        metavar="TYPE",
        help="feature folder: the need type of the requirements (default: req); "
        "Markdown plan: read as a requirement type of the spec, beside req, requirement "
        "and spec",
    )

    check = commands.add_parser(
        "check",
        help="build a project and report coverage, risks, links, tests and progress",
        description="Build SRCDIR quietly into a temporary folder and print, per plan, the "
        "coverage, uncovered requirements, unmitigated high risks, dangling links, "
        "phase progress with the late phases and those not started, where the project "
        "reads test results its tests by result, and for a plan under approval its "
        "suspect items. Exit 0 when all holds, 1 when a gap is found, 2 on a usage or "
        "build error.",
    )
    check.add_argument("srcdir", metavar="SRCDIR", help="the Sphinx source folder (with conf.py)")
    check.add_argument(
        "--min-coverage",
        type=_percent,
        metavar="N",
        help="the lowest coverage %% that passes (default: every requirement implemented)",
    )
    check.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text (default), json (the build's implplan.json) or markdown (a CI summary)",
    )
    check.add_argument(
        "--allow-suspect",
        action="store_true",
        help="list suspect items and items changed since their approval, but do not fail on them",
    )
    check.add_argument(
        "--fail-late",
        action="store_true",
        help="fail on a late phase: its end is before the build's today and it is not done",
    )
    check.add_argument(
        "--require-passing",
        action="store_true",
        help="fail on a requirement a test verifies whose tests did not all pass (a test "
        "that failed, was skipped or did not run)",
    )
    _add_approve(commands)

    diff = commands.add_parser(
        "diff",
        help="compare two reports, or the docs at a git revision with the working tree",
        description="Print, per plan, what changed between two implplan.json reports "
        "(OLD NEW), or between the docs built at git revision REV in a temporary worktree "
        "and the working tree's (--rev REV [SRCDIR]): coverage before and after, "
        "requirements added, removed, newly uncovered or covered, risks added, closed or "
        "moved to another band, phases whose end moved, decisions whose status changed, "
        "deliverables done. Exit 0, 1 when coverage dropped or a new high risk has no "
        "mitigation (unless --no-gate), 2 on a usage or build error.",
        usage="%(prog)s [--format {text,json,markdown}] [--no-gate] OLD NEW\n"
        "       %(prog)s [--format {text,json,markdown}] [--no-gate] --rev REV [SRCDIR]",
    )
    diff.add_argument(
        "paths",
        nargs="*",
        metavar="OLD NEW | SRCDIR",
        help="two implplan.json reports; with --rev, the Sphinx source folder "
        "(default: docs, doc or the repository's root, the first with a conf.py)",
    )
    diff.add_argument(
        "--rev",
        metavar="REV",
        help="build the docs at this git revision (a commit, branch or tag) and compare "
        "them with the working tree's",
    )
    diff.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text (default), json or markdown (a pull request comment)",
    )
    diff.add_argument(
        "--no-gate",
        action="store_true",
        help="exit 0 even when coverage dropped or a new high risk has no mitigation",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        if args.command == "new":
            from sphinx_implplan.cli.new import run_new

            return run_new(args)
        if args.command == "convert":
            from sphinx_implplan.cli.convert import run_convert

            return run_convert(args)
        if args.command == "diff":
            from sphinx_implplan.cli.diff import run_diff

            return run_diff(args)
        if args.command == "approve":
            from sphinx_implplan.cli.approve import run_approve

            return run_approve(args)
        from sphinx_implplan.cli.check import run_check

        return run_check(args)
    except CommandError as error:
        print(f"implplan {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def console_main() -> NoReturn:
    sys.exit(main())
