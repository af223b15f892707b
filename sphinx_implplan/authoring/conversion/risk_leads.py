"""How a risk starts where no list marker or table row marks it: a paragraph's bold
lead (``**Small files.** Streaming writes ...``, ``**Vendor lock-in** - text``), after
an id if it has one (``R-01 \u00b7 **Leak**``); a numbered risk word (``Ryzyko 1 \u2013
...``); an id before a heading's title (``R3 - Vendor lock-in``). Also the first
sentence of a text, which titles a risk written as sentences only, and the words that
name a part of a risk section rather than a risk (``Assumptions``, ``**Note**``)."""

from __future__ import annotations

import re
import unicodedata

from sphinx_implplan.authoring.conversion.markdown import normal_header, parse_inline
from sphinx_implplan.authoring.conversion.risk_labels import OPTION_OF
from sphinx_implplan.authoring.conversion.risk_levels import severity_of
from sphinx_implplan.authoring.conversion.section_kinds import SectionKind, kind_of

#: an id a register gives a risk: ``R3``, ``R-01``, ``RISK-2``, ``T1``, ``FM-3``
_ID = r"[A-Z]{1,6}[-_]?\d+(?:\.\d+)*"
_ID_SEPARATOR = r"\s*(?:[:.)|\u00b7\-\u2013\u2014]\s*|\s)"
_ID_HEADING = re.compile(rf"{_ID}{_ID_SEPARATOR}\s*(?P<rest>\S.*)")
_ID_BEFORE_BOLD = re.compile(rf"{_ID}(?:{_ID_SEPARATOR})?\s*(?=\*\*|__)")
#: ``Risk 2 - ...``, ``Ryzyko 1 \u2013 ...``, ``Risque n\u00b03 : ...``: a risk word and its number
_NUMBERED_RISK = re.compile(
    r"(?:risk|risque|risiko|riesgo|rischio|risico|risco|ryzyko|riziko|threat|hazard)"
    r"\s*(?:#|n\u00b0|no\.?)?\s*\d+\s*[:.)\-\u2013\u2014]\s*\S",
    re.IGNORECASE,
)
#: the words of leads and headings that name a remark or a part of a risk section
#: (``Notes``, ``Mitigation strategy``, ``Monitoring and escalation``), not a risk
_PART_WORDS = frozenset(
    {"note", "notes", "nb", "summary", "overview", "legend", "key", "tl", "dr", "tldr"}
    | {"overall", "general", "update", "updates", "context", "background", "example"}
    | {"examples", "assumption", "assumptions", "dependency", "dependencies", "scope"}
    | {"constraint", "constraints", "out", "owner", "owners", "ownership", "status"}
    | {"scale", "scales", "scoring", "methodology", "process", "review", "reviews"}
    | {"monitoring", "escalation", "matrix", "heat", "map", "heatmap", "approach"}
    | {"strategy", "strategies", "mitigation", "mitigations", "contingency", "glossary"}
    | {"contingencies", "definition", "definitions", "reference", "references"}
    | {"appendix", "see", "also", "source", "sources", "register"}
    # what a register says of itself: "**Last updated:** May 2", "**Version:** 3"
    | {"last", "next", "updated", "reviewed", "date", "version", "author", "authors"}
    # the words that join them: "Risks and mitigations", "Scope of the register"
    | {"and", "of", "the", "our", "for", "risk", "risks", "plan", "plans"}
)
#: the other entries a risk section may list apart, as a RAID log does: a label
#: line of these words above a list or a table (``**Issues** (not risks):``,
#: ``Open questions:``) says its items are no risks
_OTHER_ENTRIES = frozenset(
    {"assumption", "assumptions", "dependency", "dependencies", "issue", "issues"}
    | {"constraint", "constraints", "decision", "decisions", "question", "questions"}
)
_ENTRY_QUALIFIERS = frozenset(
    {"open", "known", "current", "key", "external", "internal", "outstanding", "other"}
    | {"and", "the", "our", "items"}
)
#: a label line: its words, then an aside in brackets and a colon, each optional
_LABEL_LINE = re.compile(r"(?P<label>[^():]+?)\s*(?:\([^()]*\))?\s*:?\s*")
_WORD = re.compile(r"[^\W\d_]+")
_INITIALS = re.compile(r"[^\W\d_](?:\.[^\W\d_])+")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "vs", "cf", "approx", "incl", "no", "ca"})
#: a full stop, question or exclamation mark and the space after it
_STOP = re.compile(r"[.!?]\s+")


def names_part(text: str) -> bool:
    """Whether a heading (``Assumptions``, ``Mitigation strategy``) names a part of a
    risk section, or a lead (``**Note**``) a remark, rather than a risk."""
    words = _WORD.findall(text.lower())
    return bool(words) and all(word in _PART_WORDS for word in words)


def names_other_entries(raw: str) -> bool:
    """Whether a paragraph is a label line naming entries other than risks
    (``**Issues** (open today):``, ``Open questions:``)."""
    match = _LABEL_LINE.fullmatch(raw.replace("*", "").replace("_", " ").strip())
    if match is None:
        return False
    words = set(_WORD.findall(match.group("label").lower()))
    return bool(words & _OTHER_ENTRIES) and words <= _OTHER_ENTRIES | _ENTRY_QUALIFIERS


def id_heading(heading: str) -> bool:
    """``R3 - Vendor lock-in``, ``RISK-2: Key leak``: a risk the heading's id names; a
    heading naming risks (``R1 Risks``) or a level (``R2: High``) groups them."""
    match = _ID_HEADING.fullmatch(heading.strip())
    if match is None:
        return False
    rest = match.group("rest")
    return kind_of(rest) is not SectionKind.RISKS and severity_of(rest) is None


def risk_lead(raw: str) -> tuple[str, str] | None:
    """``(title, rest)`` of a paragraph's text that starts a risk: its bold lead, with
    the id before it; or its first line, where that is a numbered risk word.
    ``None`` for a paragraph that starts no risk: a remark (``**Note**``), a label
    (``**Mitigation**:``), a level (``**High**``) or a group (``**Technical risks:**``)."""
    found = _bold_lead(raw)
    if found is not None:
        title, rest = found
        words = normal_header(title).rstrip(".:")
        grouping = not rest.strip() or title.rstrip().endswith(":")
        if (
            not words
            or names_part(words)
            or words in OPTION_OF
            or severity_of(words) is not None
            or (grouping and kind_of(words) is not None)
        ):
            return None
        return found
    first, _, rest = raw.partition("\n")
    if _NUMBERED_RISK.match(first):
        return first.rstrip(), rest
    return None


def _bold_lead(raw: str) -> tuple[str, str] | None:
    """``(title, rest)`` of a text starting with bold words, an id before them kept in
    the title (``R-01 \u00b7 Leak``); the rest without the separator after the bold."""
    # a warning sign or another pictograph before the bold lead (``\u26a0\ufe0f **Leak.**``)
    # marks it, as a callout does; it is no part of the title
    marked = len(raw) - len(without_emoji_prefix(raw))
    raw = raw[marked:]
    prefix = _ID_BEFORE_BOLD.match(raw)
    start = prefix.end() if prefix is not None else 0
    text = raw[start:]
    children = parse_inline(text).children
    if len(children) >= 2 and children[0].type == "text" and not children[0].content:
        children = children[1:]
    # an italic lead (``*The tender fails.* If fewer ...``) leads as a bold one does
    # where text follows it; an italic paragraph alone is a remark
    if not children or children[0].type not in {"strong", "em"}:
        return None
    marker = children[0].markup or "**"
    closing = text.find(marker, len(marker))
    if closing <= len(marker):
        return None
    title = raw[:start] + text[len(marker) : closing]
    rest = text[closing + len(marker) :]
    stripped = rest.lstrip(" \t")
    if stripped.startswith((":", "-", "\u2013", "\u2014", ".")):
        rest = stripped[1:]
    if children[0].type == "em" and not rest.strip():
        return None
    return title, rest.strip()


def first_sentence(raw: str) -> tuple[str, str]:
    """``(first sentence, the rest)`` of a text of sentences; ``(raw, "")`` for one
    sentence. A stop inside code or brackets, or after an abbreviation, ends none."""
    for stop in _STOP.finditer(raw):
        head = raw[: stop.start()]
        words = head.split()
        last = words[-1].lower().strip("()[]\"'") if words else ""
        if (
            len(words) < 2
            or head.count("`") % 2
            or sum(head.count(c) for c in "([") != sum(head.count(c) for c in ")]")
            # "U.S. market", "e.g. the cache": a stop inside the words
            or _INITIALS.fullmatch(last)
            or last in _ABBREVIATIONS
        ):
            continue
        rest = raw[stop.end() :].strip()
        return (raw[: stop.start() + 1], rest) if rest else (raw, "")
    return raw, ""


def without_emoji_prefix(raw: str) -> str:
    """``raw`` without the pictographs and spaces it starts with."""
    position = 0
    while position < len(raw) and (
        raw[position] in " \t\ufe0e\ufe0f\u200d"
        or (ord(raw[position]) >= 0x2190 and unicodedata.category(raw[position]) == "So")
    ):
        position += 1
    return raw[position:]


#: a heading of this many words under a risk section is a risk's title, whatever
#: kind its words name
_TITLE_WORDS = 3


def names_other_kind(heading: str) -> bool:
    """Whether a heading under a risk section names a section of another kind
    (``### Testing``, ``### Data model``); a risk's title of three words or more
    that holds such a word (``Fivetran schema drift``, ``API rate limits``) does
    not."""
    kind = kind_of(heading)
    return kind not in {None, SectionKind.RISKS} and len(heading.split()) < _TITLE_WORDS
