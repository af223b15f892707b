"""One JUnit XML results file read into case records, with the standard library's
parser hardened against hostile XML.

pytest (``--junitxml``), CTest (``--output-junit``), gtest
(``--gtest_output=xml``), Maven Surefire and Playwright all write this shape: a
``<testsuites>`` or ``<testsuite>`` root, ``<testcase name=... classname=...>``
elements at any depth below it, and in a case a ``<failure>`` or ``<error>`` (it
failed) or a ``<skipped>`` (it was skipped). A case's message is the ``message``
attribute of that element, else the first line of its text.

The file is parsed with expat (``xml.parsers.expat``), which the standard library's
ElementTree uses too, driven here by handlers that keep only what a case needs.
Hardened:

- a document type declaration (``<!DOCTYPE ...>``) is refused the moment it starts,
  before anything inside it is read: no entity can be declared, so none can expand
  into gigabytes (the "billion laughs"), and no external entity or DTD is named, let
  alone fetched. A JUnit report never needs one. Entity declarations and external
  entity references are refused again by their own handlers, and parameter entities
  are never parsed;
- a file larger than :data:`MAX_RESULTS_BYTES` (50 MB) is refused before it is
  parsed (:mod:`.results_files` reads at most one byte more).

defusedxml refuses the same constructs for ElementTree; it is not used, as it would
be a dependency for what the few lines below do, and the reader needs no tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, NoReturn
from xml.parsers import expat

from sphinx_implplan.plan.outcomes import CaseRecord, CaseState

#: the largest results file read: more than any real report, small enough to parse
#: in a build without harm
MAX_RESULTS_BYTES: Final = 50 * 1024 * 1024
#: how much of a failure's message is kept: its gist, not its traceback
MAX_MESSAGE: Final = 300

_ROOTS: Final = ("testsuites", "testsuite")
#: what a case's child element says of it, by element name
_STATES: Final = {
    "failure": CaseState.FAILED,
    "error": CaseState.ERROR,
    "skipped": CaseState.SKIPPED,
}
#: a failure or error outranks a skip, and the first of each kept
_RANK: Final = {CaseState.PASSED: 0, CaseState.SKIPPED: 1, CaseState.FAILED: 2, CaseState.ERROR: 2}


class ResultsError(ValueError):
    """The file is no JUnit XML that can be read; the message says why, in one line
    that follows the file's name ("is not XML: syntax error")."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def one_line(text: str) -> str:
    """The first line of ``text`` with words in it, control characters dropped,
    shortened to :data:`MAX_MESSAGE` characters."""
    for line in text.splitlines():
        cleaned = " ".join("".join(c if c.isprintable() else " " for c in line).split())
        if cleaned:
            if len(cleaned) > MAX_MESSAGE:
                return cleaned[: MAX_MESSAGE - 3] + "..."
            return cleaned
    return ""


@dataclass
class _Case:
    name: str
    classname: str
    file: str | None
    depth: int
    state: CaseState = CaseState.PASSED
    message: str = ""
    #: the text of the element that set the state, where it has no message attribute
    text: list[str] = field(default_factory=list)
    collecting: bool = False


class _Reader:
    """expat's handlers: the cases of one file, in the order written."""

    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.depth = 0
        self.case: _Case | None = None
        self.cases: list[CaseRecord] = []

    def refuse(self, what: str) -> NoReturn:
        raise ResultsError(
            f"holds {what}, which a JUnit report never needs: refused unread",
            self.parser.CurrentLineNumber,
        )

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 1 and name not in _ROOTS:
            raise ResultsError(
                f"is not JUnit XML: its root element is <{one_line(name)}>, not <testsuites> "
                "or <testsuite>",
                self.parser.CurrentLineNumber,
            )
        case = self.case
        if name == "testcase" and case is None:
            self.case = _Case(
                name=attributes.get("name", ""),
                classname=attributes.get("classname", ""),
                file=attributes.get("file") or None,
                depth=self.depth,
            )
        elif case is not None and self.depth == case.depth + 1 and name in _STATES:
            state = _STATES[name]
            if _RANK[state] > _RANK[case.state]:
                case.state = state
                case.message = one_line(attributes.get("message", ""))
                case.text = []
                case.collecting = not case.message

    def end(self, name: str) -> None:
        case = self.case
        if case is not None:
            if self.depth == case.depth + 1 and case.collecting:
                case.message = one_line("".join(case.text))
                case.collecting = False
            elif self.depth == case.depth:
                if case.name:
                    self.cases.append(
                        CaseRecord(case.classname, case.name, case.state, case.message, case.file)
                    )
                self.case = None
        self.depth -= 1

    def text(self, data: str) -> None:
        case = self.case
        # a traceback may be long: enough of it for its first lines
        if case is not None and case.collecting and sum(map(len, case.text)) < 4 * MAX_MESSAGE:
            case.text.append(data)


def read_cases(data: bytes) -> list[CaseRecord]:
    """The cases of a JUnit XML file's bytes, in the order written; :class:`ResultsError`
    for anything else, an XML file holding a document type declaration included."""
    parser = expat.ParserCreate()
    reader = _Reader(parser)
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = lambda *_: reader.refuse("a document type declaration")
    parser.EntityDeclHandler = lambda *_: reader.refuse("an entity declaration")
    parser.ExternalEntityRefHandler = lambda *_: reader.refuse("an external entity")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    try:
        parser.Parse(data, True)
    except ResultsError:
        raise
    except expat.ExpatError as error:
        raise ResultsError(f"is not XML: {expat.ErrorString(error.code)}", error.lineno) from None
    except (LookupError, ValueError) as error:
        # an encoding Python does not know, or text that is not in the one declared
        raise ResultsError(f"is not XML: {one_line(str(error))}", None) from None
    return reader.cases
