"""What the rules that find phases by a plan's shape share: whether a section holds a
checklist, whether it carries work, which headings are asides, and the title a
phase found by its shape gets (:mod:`.phase_series`, :mod:`.phase_lead_series`,
:mod:`.phase_bold`)."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from sphinx_implplan.authoring.conversion.markdown import Section, normal_header
from sphinx_implplan.authoring.conversion.section_kinds import (
    PhaseTitle,
    SectionKind,
    kind_of,
    phase_heading,
    without_emoji,
)

#: headings beside the work: a checklist under them lists no phase's tasks
ASIDES = re.compile(
    r"\b(notes?|edge cases?|faq|questions?|acceptance|definition of done|prerequisites?"
    r"|checklist|summary|overview|out of scope|non-goals?|assumptions?|appendix|dependencies"
    r"|references?|open items?|follow-ups?|backlog|parking lot|tests?|testing|qa|docs?)\b"
)
#: sections that hold checklists without being work: what the plan is for
_NOT_WORK = re.compile(
    r"\b(requirements?|goals?|objectives?|scope|background|context|motivation|problem"
    r"|success|outcomes?|glossary|contacts?|team|roles?|stakeholders?|budget|resources?"
    r"|ideas?|wish ?list|stretch|someday|future work)\b"
)
_CHECKBOX = re.compile(r"\s*\[[ xX]\]\s+\S")

#: the word of a phase found by its shape: its number is its place in its series only
SERIES = "series"


def holds_checklist(section: Section) -> bool:
    """Whether one of the section's own lists has a task box."""
    return any(
        block.type in {"bullet_list", "ordered_list"} and has_checkbox(block)
        for block in section.blocks
    )


def has_checkbox(block: SyntaxTreeNode) -> bool:
    """Whether an item of the list (not of a nested one) has a task box."""
    if block.type in {"bullet_list", "ordered_list"}:
        for item in block.children:
            first = item.children[0] if item.children else None
            if (
                first is not None
                and first.type == "paragraph"
                and first.children
                and _CHECKBOX.match(first.children[0].content or "")
            ):
                return True
    return False


#: the kinds of section a phase's heading may name: a launch or a rollout among the
#: phases is one of them
WORK_KINDS = frozenset({None, SectionKind.ROLLOUT, SectionKind.TIMELINE})
_TEST_WORDS = re.compile(r"\b(tests?|testing|qa)\b")
#: what joins the parts of a heading that lists several: ``QA, redirects & launch``
_LISTED = re.compile(r",|&|\+|/|\band\b")


def names_work(rest: str, *, testing: bool = False) -> bool:
    """Whether a heading's words may name a phase: no kind (a launch or a rollout
    among the phases is one of them; with ``testing``, a test stage too), no aside,
    nothing a plan is for."""
    words = normal_header(without_emoji(rest))
    kinds = WORK_KINDS | {SectionKind.TESTING} if testing else WORK_KINDS
    if not words or kind_of(rest) not in kinds:
        return False
    if testing:
        words = _TEST_WORDS.sub("", words)
    # ``QA, redirects & launch`` lists work, one part of it an aside's word
    parts = [part.strip() for part in _LISTED.split(words) if part.strip()]
    aside = all(ASIDES.search(part) for part in parts) if len(parts) > 1 else ASIDES.search(words)
    return not (aside or _NOT_WORK.search(words))


#: the headings of a plan's work, whose subsections with checklists are its phases
DELIVERY = re.compile(
    r"\b(implementation|delivery|roadmap|work ?breakdown|tasks?|execution|plan"
    r"|workstreams?|work ?streams?|deliverables|waves|phases|stages|rollout|roll out"
    r"|milestones)\b"
)


def chapter_of_phases(section: Section) -> bool:
    """A document's section holding the phases (``3. Implementation stages`` over
    ``### Stage 1``; ``5.2 Work plan by period`` over subsections that each hold a
    checklist): their chapter, not a phase of its own."""
    subsections = section.subsections
    if any(phase_heading(sub.title.plain) is not None for sub in subsections):
        return True
    if not DELIVERY.search(normal_header(section.title.plain)):
        return False
    return sum(holds_checklist(sub) for sub in subsections) >= 2


def carries_work(section: Section, rest: str) -> bool:
    """Whether a numbered or versioned section is a phase: it holds a checklist (its
    own or a subsection's) or its heading states a span, and names no other part of
    a plan."""
    if not names_work(rest):
        return False
    if chapter_of_phases(section):
        return False
    title = phase_heading(f"Phase 1: {without_emoji(rest)}")
    if title is not None and title.span is not None:
        return True
    return any(holds_checklist(sub) for sub in section.walk())


def series_title(heading: str, number: str, rest: str, lead: str) -> PhaseTitle:
    """The phase of a heading found by its shape: ``rest`` (the heading without its
    marker) names it, ``lead`` (the series' word) tells its kind of series."""
    read = phase_heading(f"Phase {number}: {without_emoji(rest)}") if rest else None
    name = read.name if read is not None else without_emoji(rest)
    span = read.span if read is not None else None
    word = f"{SERIES} {lead}".strip()
    return PhaseTitle(number, name, without_emoji(heading), span, False, False, word)
