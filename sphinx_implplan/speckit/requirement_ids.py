"""Requirement ids: where spec.md defines one, where a task names some, the open
questions a text holds, and the short title made from a requirement's sentence."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from sphinx_implplan.speckit.markdown_blocks import plain
from sphinx_implplan.speckit.records import RequirementKind

#: an id as spec.md writes one: ``FR-001``, ``NFR-12``, ``FR-012a``, ``FR-AUTH-003``
_ID = r"[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-[0-9]{1,6}[a-z]?"
_BOLD_DEFINITION = re.compile(
    rf"\*\*({_ID})[ \t]*[:\uff1a.]?\*\*[ \t]*[:\uff1a\-\u2013\u2014]?[ \t]*(.*)", re.DOTALL
)
_PLAIN_DEFINITION = re.compile(rf"({_ID})[ \t]*[:\uff1a][ \t]*(.*)", re.DOTALL)
_CLARIFICATION = re.compile(r"\[\s*NEEDS\s+CLARIFICATION\s*[:\uff1a]\s*([^\]]*)\]", re.IGNORECASE)
#: the prefixes a reference is looked for with, beside those spec.md defines
DEFAULT_PREFIXES = ("FR", "NFR", "SC")
#: the most ids one range is expanded to; a longer one keeps its two ends only
MAX_RANGE = 500
_KINDS = {
    "FR": RequirementKind.FUNCTIONAL,
    "NFR": RequirementKind.NON_FUNCTIONAL,
    "SC": RequirementKind.SUCCESS_CRITERION,
}
_MODAL = re.compile(
    r"^(?:the\s+)?[\w/-]+(?:\s+[\w/-]+){0,3}?\s+(?:MUST|SHALL)(?:\s+be\s+able\s+to)?\s+(?!NOT\b)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
MAX_TITLE = 80


def definition(text: str) -> tuple[str, str] | None:
    """``("FR-001", "System MUST ...")`` of an item or line that defines a requirement:
    ``**FR-001**: ...``, ``**FR-001:** ...`` or ``FR-001: ...``."""
    stripped = text.strip()
    match = _BOLD_DEFINITION.fullmatch(stripped) or _PLAIN_DEFINITION.fullmatch(stripped)
    if match is None:
        return None
    return match.group(1), match.group(2).strip()


def kind_of(requirement_id: str, headings: Iterable[str]) -> RequirementKind:
    """By the id's prefix (``FR``, ``NFR``, ``SC``); for another prefix, by the
    headings above it (a "Non-Functional" or "Success Criteria" section), else other."""
    prefix = requirement_id.rpartition("-")[0]
    if prefix in _KINDS:
        return _KINDS[prefix]
    for heading in headings:
        words = heading.lower().replace("-", " ")
        if "non functional" in words or "nonfunctional" in words:
            return RequirementKind.NON_FUNCTIONAL
        if "success criteria" in words or "measurable outcome" in words:
            return RequirementKind.SUCCESS_CRITERION
        if "functional requirement" in words:
            return RequirementKind.FUNCTIONAL
    return RequirementKind.OTHER


def clarifications(text: str) -> list[str]:
    """The question of each ``[NEEDS CLARIFICATION: ...]`` marker. A bare ``[NEEDS
    CLARIFICATION]``, without a question, is how templates and checklists speak of
    the markers ("No [NEEDS CLARIFICATION] markers remain"), and is not one."""
    return [" ".join(match.group(1).split()) for match in _CLARIFICATION.finditer(text)]


def without_clarifications(text: str) -> str:
    return " ".join(_CLARIFICATION.sub(" ", text).split())


def short_title(text: str) -> str:
    """A title made from a sentence: its first sentence in plain text, without the
    clarification markers and a leading "System MUST" (a "MUST NOT" is kept), cut at a
    word to at most :data:`MAX_TITLE` characters."""
    sentence = plain(without_clarifications(text))
    sentence = _SENTENCE_END.split(sentence, maxsplit=1)[0].strip()
    stripped = _MODAL.sub("", sentence, count=1)
    if stripped and stripped != sentence:
        sentence = stripped[0].upper() + stripped[1:]
    sentence = sentence.rstrip(" .;:")
    if len(sentence) <= MAX_TITLE:
        return sentence
    cut = sentence[: MAX_TITLE - 3].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut or sentence[: MAX_TITLE - 3]}..."


def _reference_pattern(prefixes: Collection[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(prefix) for prefix in sorted(prefixes, key=len, reverse=True))
    last = r"([0-9]{1,6})(?![0-9])"
    # ``FR-056-063`` and ``FR-3..FR-5`` run on; ``FR-101 through FR-110`` and
    # ``FR-1 - FR-4`` name the prefix again (``FR-10 - 15 minutes`` is no range)
    compact = rf"(?:-|\u2013|\u2014|\.\.)(?:\1-)?{last}"
    spaced = rf"\s*(?:through|thru|to|-|\u2013|\u2014|\.\.)\s*\1-{last}"
    return re.compile(
        rf"(?<![A-Za-z0-9-])({alternatives})-([0-9]{{1,6}})([a-z]?)"
        rf"(?:{compact}|{spaced})?(?![A-Za-z0-9])"
    )


def references(text: str, prefixes: Collection[str]) -> tuple[str, ...]:
    """Every requirement id ``text`` names with one of ``prefixes``: singles, lists and
    ranges (``FR-056-063``, ``FR-101 through FR-110``, ``FR-3..FR-5``) expanded, in
    order, once each. A range's ids keep the width of its first number."""
    if not prefixes:
        return ()
    found: list[str] = []
    for match in _reference_pattern(prefixes).finditer(text):
        prefix, first, suffix = match.group(1, 2, 3)
        last = match.group(4) or match.group(5)
        width = len(first)
        if last is None or suffix:
            found.append(f"{prefix}-{first}{suffix}")
            if last is not None:
                found.append(f"{prefix}-{last.zfill(width)}")
            continue
        start, stop = int(first), int(last)
        if start <= stop and stop - start < MAX_RANGE:
            found.extend(
                f"{prefix}-{str(number).zfill(width)}" for number in range(start, stop + 1)
            )
        else:
            found += [f"{prefix}-{first}", f"{prefix}-{last.zfill(width)}"]
    return tuple(dict.fromkeys(found))
