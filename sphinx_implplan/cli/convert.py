"""``implplan convert INPUT.md [-o OUTPUT.md]``: the file side of the converter.

The result goes to ``-o`` (replaced when it exists, as a converter's output file
is) or to standard output; a summary of what was made and each note for the author
go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sphinx_implplan.authoring.conversion import Converted, convert
from sphinx_implplan.cli.errors import EXIT_OK, CommandError


def read_plan(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: is a folder, not a Markdown file") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{path}: not UTF-8 text (byte {error.start + 1} cannot be read)"
        ) from None
    if not text.strip():
        raise CommandError(f"{path}: the file is empty")
    return text


def already_converted(text: str) -> bool:
    """Whether the plan holds sphinx-implplan directives: converting again would add
    a second plan."""
    from sphinx_implplan.authoring.conversion.markdown import parse

    return any(
        node.type == "fence" and node.info.strip().startswith("{impl-")
        for node in parse(text).walk()
    )


def summary(result: Converted) -> str:
    made = ", ".join(
        f"{count} {name.removeprefix('impl-')}" for name, count in sorted(result.counts.items())
    )
    return f"converted into plan {result.plan_id}: {made}"


def run_convert(args: argparse.Namespace) -> int:
    source = Path(args.input)
    text = read_plan(source)
    if already_converted(text):
        raise CommandError(f"{source}: already holds impl- directives; nothing to convert")
    result = convert(text, fallback_title=source.stem)
    if args.output:
        target = Path(args.output)
        try:
            target.write_text(result.text, encoding="utf-8", newline="")
        except OSError as error:
            raise CommandError(f"{target}: cannot write: {error.strerror or error}") from None
    else:
        sys.stdout.write(result.text)
    print(summary(result), file=sys.stderr)
    for line, message in result.notes:
        print(f"{source}:{line}: {message}", file=sys.stderr)
    return EXIT_OK
