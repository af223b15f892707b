"""``implplan convert FOLDER -o OUTDIR``: a spec-kit feature folder written once as MyST.

The files the spec-kit reader reads are written converted; every other file of the
folder is copied as it is, so links between them keep working. Files of the output
folder are replaced, as a converter's output is; the feature folder itself is never
written.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from sphinx_implplan.authoring.speckit_conversion import ConvertedFeature, convert_feature
from sphinx_implplan.cli.errors import EXIT_OK, CommandError, shown
from sphinx_implplan.speckit import read_feature

#: a feature folder holds at least one of these
FEATURE_FILES = ("spec.md", "plan.md", "tasks.md")
_ID_PART = re.compile(r"[A-Za-z0-9_.-]*")
_TYPE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _checked_options(args: argparse.Namespace) -> tuple[str, str]:
    prefix, requirement_type = args.id_prefix or "", args.requirement_type or ""
    if not _ID_PART.fullmatch(prefix):
        raise CommandError(
            f"--id-prefix {shown(prefix)}: may hold only letters, digits, '_', '-' and '.'"
        )
    if not _TYPE_NAME.fullmatch(requirement_type):
        raise CommandError(
            f"--requirement-type {shown(requirement_type)}: not a need type name (req, spec, ...)"
        )
    return prefix, requirement_type


def _output_folder(args: argparse.Namespace, folder: Path) -> Path:
    if not args.output:
        raise CommandError("a feature folder is converted into a folder: name it with -o OUTDIR")
    target = Path(args.output)
    if target.exists() and not target.is_dir():
        raise CommandError(f"{shown(args.output)}: is a file; name a folder to write")
    if target.resolve().is_relative_to(folder.resolve()):
        raise CommandError(
            f"{shown(args.output)}: is the feature folder or inside it; the spec-kit files "
            "are never written over, so name another folder"
        )
    return target


def _files(folder: Path) -> list[str]:
    """Every regular file of the folder, by name relative to it."""
    return sorted(
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
    )


def _read(folder: Path, name: str) -> str:
    try:
        return (folder / name).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{shown(str(folder / name))}: cannot read: {error}") from None


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        raise CommandError(f"{shown(str(path))}: cannot write: {error.strerror or error}") from None


def summary(folder: str, result: ConvertedFeature, written: int, target: str) -> str:
    made = ", ".join(
        f"{count} {name.removeprefix('impl-')}" for name, count in sorted(result.counts.items())
    )
    return f"converted {folder} into plan {result.plan_id}: {made}; {written} files in {target}"


def run_convert_folder(args: argparse.Namespace) -> int:
    folder = Path(args.input)
    if not any((folder / name).is_file() for name in FEATURE_FILES):
        raise CommandError(
            f"{shown(args.input)}: holds no {', '.join(FEATURE_FILES)}; "
            "it is no spec-kit feature folder"
        )
    prefix, requirement_type = _checked_options(args)
    target = _output_folder(args, folder)
    feature = read_feature(folder)
    texts = {name: _read(folder, name) for name in feature.files_read}
    others = [name for name in _files(folder) if name not in texts]
    result = convert_feature(
        feature,
        texts,
        requirement_type=requirement_type,
        id_prefix=prefix,
        other_pages=[name for name in others if name.lower().endswith(".md")],
    )
    for name, text in result.files.items():
        _write(target / name, text.encode("utf-8"))
    for name in others:
        try:
            data = (folder / name).read_bytes()
        except OSError as error:
            raise CommandError(
                f"{shown(str(folder / name))}: cannot read: {error.strerror or error}"
            ) from None
        _write(target / name, data)
    print(
        summary(folder.name, result, len(result.files) + len(others), shown(args.output)),
        file=sys.stderr,
    )
    for problem in result.problems:
        where = f"{problem.source}: " if problem.source is not None else ""
        print(f"{shown(str(folder))}/{where}{problem.message}", file=sys.stderr)
    return EXIT_OK
