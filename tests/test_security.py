"""A build never runs the text of a document, never opens a file outside the project,
never writes outside its output folders and never uses the network.

Proved with a Python audit hook (PEP 578) that records what the build of
``roots/test-hostile-text`` does, from the app's setup to the end of the build:

- ``payloads.md``: Python, Jinja and shell-template payloads
  (``__import__('os').system('touch PWNED')``, ``{{ 7*7 }}``, ``${7*7}``,
  ``[x for x in ()]``, ``type == 'req'``) in titles, options, bodies and the options
  of every view;
- ``paths.md`` and ``paths-absolute.md``: ``:spec:`` naming ``../../../etc/passwd``,
  ``/etc/passwd`` and ``../../outside``;
- the other documents: HTML, LaTeX and template payloads (see ``test_escaping.py``).

An audit hook cannot be removed: it is installed once, and records only while a
build of this module runs (:func:`recording`).
"""

from __future__ import annotations

import ast
import contextlib
import html
import os
import re
import sys
import sysconfig
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import (
    BuildWarning,
    assert_no_traceback_in,
    card_html,
    parse_warnings,
    visible_text,
)

import sphinx_implplan

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from sphinx.testing.util import SphinxTestApp

    #: ``sphinx.testing``'s ``app_params`` fixture: the ``sphinx`` mark's arguments
    AppParams = tuple[list[Any], dict[str, Any]]

PACKAGE_DIR = Path(sphinx_implplan.__file__).parent
#: how the package's frames name their files (as imported, and resolved)
PACKAGE_PREFIXES = tuple({f"{PACKAGE_DIR}{os.sep}", f"{PACKAGE_DIR.resolve()}{os.sep}"})

PWNED = "__import__('os').system('touch PWNED')"
PAYLOADS = (PWNED, "{{ 7*7 }}", "${7*7}", "[x for x in ()]", "type == 'req'")
#: what compiled code would hold had a payload reached ``compile``/``eval``/``exec``
#: (``ast.unparse`` spaces the operators)
CODE_MARKERS = ("PWNED", "__import__('os')", "7*7", "7 * 7", "x for x in ()", "type == 'req'")

FILE_EVENTS = frozenset({"open", "os.listdir", "os.scandir", "shutil.copyfile", "shutil.copytree"})
#: events that change the file system, and which of their arguments are paths
CHANGE_EVENTS = {
    "os.mkdir": (0,),
    "os.rename": (0, 1),
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.symlink": (0, 1),
    "os.link": (0, 1),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.utime": (0,),
    "shutil.copyfile": (1,),
    "shutil.copytree": (1,),
    "shutil.move": (0, 1),
    "shutil.rmtree": (0,),
}
CODE_EVENTS = frozenset({"compile", "exec"})
#: a program started (``os.system`` is what ``touch PWNED`` would take)
PROCESS_EVENTS = frozenset(
    {
        "os.system",
        "subprocess.Popen",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "pty.spawn",
    }
)
NETWORK_PREFIXES = (
    "socket.",
    "urllib.Request",
    "http.client.",
    "ftplib.",
    "smtplib.",
    "imaplib.",
    "poplib.",
    "nntplib.",
    "telnetlib.",
    "webbrowser.open",
)
#: urllib3 (imported by Sphinx through requests) probes for IPv6 when imported: a
#: socket bound to the loopback address, never connected
LOOPBACK = frozenset({"::1", "127.0.0.1"})
WATCHED = FILE_EVENTS | CODE_EVENTS | PROCESS_EVENTS | CHANGE_EVENTS.keys()
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

#: the Python installation: the standard library, and site-packages (Sphinx,
#: docutils, sphinx-needs and their dependencies), where imports read modules
PYTHON_DIRS = tuple(
    Path(sysconfig.get_paths()[name]).resolve()
    for name in ("stdlib", "platstdlib", "purelib", "platlib")
)


@dataclass(frozen=True)
class AuditEvent:
    name: str
    args: tuple[object, ...]
    #: the innermost frame of ``sphinx_implplan`` on the stack (``file:line``),
    #: ``""`` when the event does not come from the extension's code
    caller: str


@dataclass
class AuditLog:
    events: list[AuditEvent] = field(default_factory=list)
    #: what went wrong inside the hook (never raised: it would break the build)
    errors: list[str] = field(default_factory=list)

    def of(self, names: Iterable[str]) -> list[AuditEvent]:
        wanted = set(names)
        return [event for event in self.events if event.name in wanted]


class _Recorder:
    """The audit hook: one per process, recording only while a log is active."""

    def __init__(self) -> None:
        self.installed = False
        self.log: AuditLog | None = None
        # the hook's own work (``sys._getframe``) is audited too
        self.busy = False

    def __call__(self, name: str, args: tuple[object, ...]) -> None:
        log = self.log
        if log is None or self.busy:
            return
        if name not in WATCHED and not name.startswith(NETWORK_PREFIXES):
            return
        self.busy = True
        try:
            log.events.append(AuditEvent(name, args, _package_caller()))
        except Exception as error:  # noqa: BLE001 - reported by the tests, never raised
            log.errors.append(f"{name}: {error!r}")
        finally:
            self.busy = False


_RECORDER = _Recorder()


#: the extension's wrappers around Sphinx's own loading and build (``memory.py``):
#: they only call Sphinx, so what Sphinx does inside them is not the extension's
_PASS_THROUGH = frozenset({"load_paused", "build_frozen"})


def _package_caller() -> str:
    frame: types.FrameType | None = sys._getframe(2)
    while frame is not None:
        code = frame.f_code
        if code.co_filename.startswith(PACKAGE_PREFIXES) and code.co_name not in _PASS_THROUGH:
            return f"{code.co_filename}:{frame.f_lineno}"
        frame = frame.f_back
    return ""


@contextlib.contextmanager
def recording() -> Iterator[AuditLog]:
    """Record the audited events of the code inside the block."""
    if not _RECORDER.installed:
        sys.addaudithook(_RECORDER)
        _RECORDER.installed = True
    log = AuditLog()
    _RECORDER.log = log
    try:
        yield log
    finally:
        _RECORDER.log = None


# -- the audited build -----------------------------------------------------------------


@dataclass(frozen=True)
class AuditedBuild:
    srcdir: Path
    outdir: Path
    doctreedir: Path
    #: the working folder during the build, where ``touch PWNED`` would write
    workdir: Path
    output: str
    warnings: list[BuildWarning]
    log: AuditLog

    def path(self, value: object) -> Path | None:
        """A path argument of an event as an absolute, resolved path; ``None`` for a
        file descriptor."""
        if not isinstance(value, str | bytes | os.PathLike):
            return None
        return (self.workdir / os.fsdecode(value)).resolve()


#: srcdir -> its build, shared by the tests of this module
_BUILDS: dict[Path, AuditedBuild] = {}

AUDITED_BUILD = pytest.mark.sphinx(
    "html", testroot="hostile-text", srcdir="hostile-text-audited", freshenv=True
)


@pytest.fixture
def audited(
    app_params: AppParams,
    make_app: Callable[..., SphinxTestApp],
    tmp_path_factory: pytest.TempPathFactory,
) -> AuditedBuild:
    """The build of the test's ``sphinx`` mark (``sphinx.testing``'s ``app``, made
    here so the extension's setup is recorded too), made once for the module."""
    args, kwargs = app_params
    srcdir = Path(kwargs["srcdir"])
    if srcdir not in _BUILDS:
        workdir = tmp_path_factory.mktemp("audited-cwd")
        with contextlib.chdir(workdir), recording() as log:
            app = make_app(*args, **kwargs)
            app.build()
        warnings = app.warning.getvalue()
        _BUILDS[srcdir] = AuditedBuild(
            srcdir=Path(app.srcdir).resolve(),
            outdir=Path(app.outdir).resolve(),
            doctreedir=Path(app.doctreedir).resolve(),
            workdir=workdir.resolve(),
            output=app.status.getvalue() + warnings,
            warnings=parse_warnings(warnings),
            log=log,
        )
    build = _BUILDS[srcdir]
    assert build.log.errors == []
    return build


def inside(path: Path, folders: Iterable[Path]) -> bool:
    return any(path.is_relative_to(folder) for folder in folders)


# -- no evaluation -------------------------------------------------------------------


def _source_text(source: object) -> str:
    if isinstance(source, ast.AST):
        return ast.unparse(source)
    if isinstance(source, bytes):
        return source.decode("utf-8", errors="replace")
    return str(source)


def _code_strings(code: types.CodeType) -> Iterator[str]:
    """The names and string constants of a code object and of those nested in it."""
    yield from code.co_names
    for constant in code.co_consts:
        if isinstance(constant, str):
            yield constant
        elif isinstance(constant, types.CodeType):
            yield from _code_strings(constant)


def code_with_payloads(log: AuditLog) -> list[str]:
    found = []
    for event in log.of(CODE_EVENTS):
        if event.name == "compile":
            texts = [_source_text(event.args[0])]
        else:
            code = event.args[0]
            texts = list(_code_strings(code)) if isinstance(code, types.CodeType) else []
        found += [f"{event.name}: {text[:200]!r}" for text in texts if _has_marker(text)]
    return found


def _has_marker(text: str) -> bool:
    return any(marker in text for marker in CODE_MARKERS)


@AUDITED_BUILD
def test_no_text_of_the_project_is_compiled_or_run(audited: AuditedBuild) -> None:
    assert_no_traceback_in(audited.output)
    # the hook saw code being compiled: the project's conf.py
    compiled = [event.args[1] for event in audited.log.of({"compile"})]
    assert any(str(name).endswith("conf.py") for name in compiled)
    assert code_with_payloads(audited.log) == []
    assert audited.log.of(PROCESS_EVENTS) == []
    for folder in (audited.workdir, audited.srcdir):
        assert list(folder.rglob("PWNED")) == []


def shown_text(page: str) -> str:
    return html.unescape(visible_text(page))


#: item id -> texts its card shows exactly as written
PAYLOAD_CARDS = {
    "PLAN_PAYLOADS": (f"Plan {PWNED}", "owner : {{ 7*7 }}", "version : ${7*7}"),
    "CMP_PAYLOAD": ("Component {{ 7*7 }}", "purpose : {{ 7*7 }}", "${7*7}"),
    "PH_PAYLOAD": ("Phase ${7*7}", "goal : [x for x in ()]", "deliverable {{ 7*7 }}"),
    "DEC_PAYLOAD": (
        "Decision [x for x in ()]",
        f"choice : {PWNED}",
        "alternatives : {{ 7*7 }}, ${7*7}, type == 'req'",
    ),
    "RISK_PAYLOAD": ("Risk type == 'req'", "mitigation : ${7*7}", "owner : type == 'req'"),
    "MET_PAYLOAD": ("Metric {{ 7*7 }}", "target : {{ 7*7 }}", f"baseline : {PWNED}"),
}
#: the options of ``payloads.md`` whose payload is no value of their kind, or
#: which the directive does not take (``:filter:``)
REFUSED_OPTIONS = {
    "change", "implements", "depends", "duration", "start", "status", "affects", "impact",
    "columns", "type", "layout", "min-coverage", "show", "spec", "types", "filter", "plan",
    "include-closed",
}  # fmt: skip
#: the captions of the views of ``payloads.md``
PAYLOAD_CAPTIONS = (
    "Components {{ 7*7 }}",
    "Metrics [x for x in ()]",
    "Traceability {{ 7*7 }}",
    "Risks ${7*7}",
    "Timeline [x for x in ()]",
    f"Summary {PWNED}",
)


@AUDITED_BUILD
def test_payloads_are_shown_as_written(audited: AuditedBuild) -> None:
    page = (audited.outdir / "payloads.html").read_text(encoding="utf-8")
    for item_id, texts in PAYLOAD_CARDS.items():
        card = shown_text(card_html(page, item_id))
        for text in texts:
            assert text in card, (item_id, text)
    text = shown_text(page)
    for caption in PAYLOAD_CAPTIONS:
        assert caption in text, caption
    for payload in PAYLOADS:
        assert payload in text, payload
    # 7*7 was never worked out, by Python, Jinja or anything else
    assert "49" not in text
    # each payload written where a value of a kind is expected was refused
    refused = [w for w in audited.warnings if w.file == "payloads.md"]
    assert {w.subtype for w in refused} == {"implplan.value", "implplan.view"}
    options = {match[1] for w in refused if (match := re.search(r":([\w-]+):", w.message))}
    assert options == REFUSED_OPTIONS


@AUDITED_BUILD
def test_dynamic_functions_run_only_in_the_fields_of_sphinx_needs(
    audited: AuditedBuild,
) -> None:
    """The extension's own fields never parse sphinx-needs' dynamic functions: a
    ``[[copy("id")]]`` there stays as written. The title and ``:status:`` are
    sphinx-needs' own fields and behave as in every need of the project: the call
    runs a function registered with sphinx-needs, and no Python text is evaluated
    (``test_no_text_of_the_project_is_compiled_or_run``)."""
    page = (audited.outdir / "payloads.html").read_text(encoding="utf-8")
    card = shown_text(card_html(page, "CMP_DYNAMIC"))
    assert 'purpose : [[copy("id")]]' in card
    assert card.startswith("Component Component CMP_DYNAMIC CMP_DYNAMIC impl-component"), card


# -- no file outside the project -----------------------------------------------------


def opened_paths(build: AuditedBuild, events: Iterable[AuditEvent]) -> list[tuple[Path, str]]:
    """(path, caller) of every path an event opened, listed or copied from."""
    # a copy reads its first argument; every other event names one path
    return [
        (path, event.caller)
        for event in events
        for argument in event.args[: 2 if event.name == "shutil.copyfile" else 1]
        if (path := build.path(argument)) is not None
    ]


@AUDITED_BUILD
def test_the_extension_opens_only_files_of_the_project(audited: AuditedBuild) -> None:
    ours = [event for event in audited.log.of(FILE_EVENTS) if event.caller]
    opened = opened_paths(audited, ours)
    # the hook saw the extension at work: its stylesheet read from its own folder,
    # a CSV file written
    paths = {path for path, _caller in opened}
    assert PACKAGE_DIR.resolve() / "static" / "implplan.css" in paths
    assert audited.outdir / "_implplan" / "views.traceability-1.csv" in paths
    project = (audited.srcdir, audited.outdir, audited.doctreedir, PACKAGE_DIR.resolve())
    elsewhere = [
        (str(path), caller)
        for path, caller in opened
        if not inside(path, project) and not is_python_module(path)
    ]
    assert elsewhere == []


def is_python_module(path: Path) -> bool:
    """A module (or package folder) of the Python installation, read by an import
    the extension's code makes."""
    if not inside(path, PYTHON_DIRS):
        return False
    return path.is_dir() or path.suffix in {".py", ".pyc", ".so", ".pth"}


#: (file, subtype, start of the message) of each refused path, in file order
REFUSED_PATHS = [
    ("paths.md", "implplan.value", "PLAN_PATHS: :spec: '../../../etc/passwd' is not a document inside the source folder"),
    ("paths.md", "implplan.view", "impl-traceability: :spec: '../../outside' is not a document inside the source folder"),
    ("paths.md", "implplan.view", "impl-traceability: :spec: 'etc/passwd' is not a document of this project"),
    ("paths-absolute.md", "implplan.value", "PLAN_ABSOLUTE: :spec: 'etc/passwd' is not a document of this project"),
]  # fmt: skip


@AUDITED_BUILD
def test_paths_outside_the_source_folder_are_refused_unread(audited: AuditedBuild) -> None:
    refused = [
        (w.file, w.subtype, w.message)
        for w in audited.warnings
        if w.file in {"paths.md", "paths-absolute.md"}
    ]
    assert len(refused) == len(REFUSED_PATHS)
    for (file, subtype, message), expected in zip(refused, REFUSED_PATHS, strict=True):
        assert (file, subtype) == expected[:2]
        assert message.startswith(expected[2]), message
    # no file named by those options was opened, listed or looked at, by anyone
    named = {
        Path("/etc/passwd"),
        audited.srcdir / "etc" / "passwd",
        (audited.srcdir / ".." / ".." / "outside").resolve(),
    }
    touched = [
        str(path)
        for path, _caller in opened_paths(audited, audited.log.of(FILE_EVENTS))
        if path in named or "passwd" in str(path)
    ]
    assert touched == []


def written_paths(build: AuditedBuild) -> list[tuple[Path, str]]:
    """(path, event) of every file opened for writing, and every change to the file
    system, by anyone during the build."""
    opened = [
        (path, "open")
        for event in build.log.of({"open"})
        if _opens_for_writing(event) and (path := build.path(event.args[0])) is not None
    ]
    changed = [
        (path, event.name)
        for event in build.log.of(CHANGE_EVENTS)
        for index in CHANGE_EVENTS[event.name]
        if (path := build.path(event.args[index])) is not None
    ]
    return opened + changed


def _opens_for_writing(event: AuditEvent) -> bool:
    # ``open()`` gives a mode, ``os.open()`` flags
    _path, mode, flags = event.args
    if isinstance(mode, str) and any(letter in mode for letter in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


@AUDITED_BUILD
def test_nothing_is_written_outside_the_output_folders(audited: AuditedBuild) -> None:
    written = written_paths(audited)
    # the hook saw the build write: the pages and the report
    assert (audited.outdir / "plan.html", "open") in written
    assert (audited.outdir / "implplan.json", "open") in written
    outputs = (audited.outdir, audited.doctreedir)
    outside = [
        (str(path), event)
        for path, event in written
        if not inside(path, outputs)
        # the folders holding the output folders, made by Sphinx on the way
        and not (event == "os.mkdir" and any(folder.is_relative_to(path) for folder in outputs))
        and not is_bytecode_cache(path)
    ]
    assert outside == []


def is_bytecode_cache(path: Path) -> bool:
    """Python's own cache of a module it imports (``__pycache__/x.cpython-311.pyc``,
    written through a temporary ``.pyc.<number>`` file), unless
    ``PYTHONDONTWRITEBYTECODE`` is set."""
    cache = path if path.name == "__pycache__" else path.parent
    return (
        cache.name == "__pycache__"
        and inside(cache, (*PYTHON_DIRS, PACKAGE_DIR.resolve()))
        and (path == cache or ".pyc" in path.name)
    )


@AUDITED_BUILD
def test_the_build_uses_no_network(audited: AuditedBuild) -> None:
    assert audited.log.of({"open"})
    network = [event for event in audited.log.events if event.name.startswith(NETWORK_PREFIXES)]
    # no name looked up, no connection, no request: at most a loopback probe
    assert [event for event in network if not is_loopback_probe(event)] == []


def is_loopback_probe(event: AuditEvent) -> bool:
    if event.name == "socket.__new__":
        return True
    if event.name != "socket.bind":
        return False
    address = event.args[1]
    return isinstance(address, tuple) and address[0] in LOOPBACK and address[1] == 0


def test_sphinx_needs_evaluates_the_filter_strings_of_its_own_directives(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """What the guarantees page says of untrusted documents: sphinx-needs, which the
    extension sets up, reads a ``needtable``'s ``:filter:`` as a Python expression.
    Here it works out ``6 * 7`` to pick one requirement, so a document can run code
    in the build through sphinx-needs' directives, never through the extension's."""
    srcdir = tmp_path / "filters"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["myst_parser", "sphinx_implplan"]\n')
    (srcdir / "index.md").write_text(
        "# Filters\n\n"
        "```{req} Forty-two\n:id: REQ_42\n```\n\n"
        "```{req} Seven\n:id: REQ_7\n```\n\n"
        '```{needtable}\n:filter: id == "REQ_" + str(6 * 7)\n:columns: id\n```\n',
        encoding="utf-8",
    )
    app = make_app("text", srcdir=srcdir)
    app.build()
    page = (app.outdir / "index.txt").read_text(encoding="utf-8")
    # the table comes last; the text builder wraps its narrow cells
    table = re.sub(r"[\s|+=-]", "", page.rpartition("REQ_7")[2])
    assert table.endswith("IDREQ_42"), page
