"""``implplan convert INPUT.md [-o OUTPUT.md] [--spec SPEC]``: the file side of the
converter (a spec-kit feature folder is :mod:`.convert_folder`'s; the spec whose
requirement ids become links is :mod:`.convert_spec`'s).

The result goes to ``-o`` (replaced when it exists, as a converter's output file
is) or to standard output; a summary of what was made and each note for the author
go to stderr.
"""

from __future__ import annotations

import argparse
import stat
import sys
from pathlib import Path

from sphinx_implplan.authoring.conversion import Converted, convert
from sphinx_implplan.cli.convert_spec import spec_lookup
from sphinx_implplan.cli.errors import EXIT_OK, CommandError, shown

#: the largest plan read: far above any real plan, and a bound on what a wrong file
#: (a log, an image, a device) makes the command read
MAX_INPUT_BYTES = 10 * 1024 * 1024


def read_plan(path: Path) -> str:
    name = shown(str(path))
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise CommandError(f"{name}: is a folder, not a Markdown file")
        if not stat.S_ISREG(mode):
            # a device or a pipe may never end, and opening a pipe waits for a writer
            raise CommandError(f"{name}: not a regular file; give a Markdown file")
        with path.open("rb") as file:
            data = file.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise CommandError(f"{name}: no such file") from None
    except OSError as error:
        raise CommandError(f"{name}: cannot read: {error.strerror or error}") from None
    except ValueError as error:
        # a name the system refuses (a NUL byte)
        raise CommandError(f"{name}: cannot read: {error}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise CommandError(f"{name}: larger than {MAX_INPUT_BYTES} bytes; a plan is far smaller")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{name}: not UTF-8 text (byte {error.start + 1} cannot be read)"
        ) from None
    if not text.strip():
        raise CommandError(f"{name}: the file is empty")
    return text


def _same_file(source: Path, target: Path) -> bool:
    try:
        return target.exists() and source.samefile(target)
    except OSError:
        return False


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
    if args.output is not None and not args.output:
        raise CommandError(
            "-o: the output path is empty; name a file, or leave -o out to write to standard output"
        )
    source = Path(args.input)
    spec_option = getattr(args, "spec", None)
    if args.input and source.is_dir():
        if spec_option is not None:
            raise CommandError(
                "--spec: only for a Markdown plan; a feature folder's spec.md is read as it is"
            )
        from sphinx_implplan.cli.convert_folder import run_convert_folder

        return run_convert_folder(args)
    name = shown(args.input)
    text = read_plan(source)
    if args.output and _same_file(source, Path(args.output)):
        # the plan would be overwritten by its own conversion: keep it
        raise CommandError(f"{shown(args.output)}: is the input file; write the result elsewhere")
    if already_converted(text):
        raise CommandError(f"{name}: already holds impl- directives; nothing to convert")
    notes: list[str] = []
    requirement_type = getattr(args, "requirement_type", None) or "req"
    lookup = spec_lookup(spec_option, source, requirement_type, notes, read_plan)
    result = convert(text, fallback_title=source.stem, spec=lookup)
    if args.output is not None:
        target = Path(args.output)
        try:
            target.write_text(result.text, encoding="utf-8", newline="")
        except (OSError, ValueError) as error:
            reason = (error.strerror if isinstance(error, OSError) else None) or error
            raise CommandError(f"{shown(args.output)}: cannot write: {reason}") from None
    else:
        sys.stdout.write(result.text)
    print(summary(result), file=sys.stderr)
    for message in notes:
        print(f"{name}: {message}", file=sys.stderr)
    for line, message in result.notes:
        print(f"{name}:{line}: {message}", file=sys.stderr)
    return EXIT_OK
