"""spec.md: the feature's title and header, its requirements, user stories and key
entities.

- **Requirements** are the list items and lines that start with a bold id and a colon
  (``- **FR-001**: System MUST ...``, ``**SC-002:** ...``; also ``FR-003: ...``),
  anywhere outside code. The kind comes from the prefix (``FR`` functional, ``NFR``
  non-functional, ``SC`` success criterion); another prefix takes the kind of the
  section it stands in, else "other". Success criteria are requirements of their own
  kind, so that a reader can tell them apart and decide how they count. A second
  definition of an id is a ``duplicate-requirement`` problem and is left out.
- **User stories** are headings ``User Story N - Title (Priority: P1)`` (also ``USN``,
  and, for a spec written in another language, any heading of a few words, a number, a
  title and a priority in brackets: a French heading, ``Recit utilisateur 2 - Titre (Priorite : P2)`` with its accents).
  Their prose, ``**Why this priority**`` and ``**Independent Test**`` lines, and the
  list after ``**Acceptance Scenarios**`` (else the first numbered list of the story)
  are kept. A spec of the older template, with no numbered story, has one "Primary
  User Story": it is read as story 1, without a priority, titled from its first
  sentence, its scenarios the numbered list of the "Acceptance Scenarios" section
  beside it.
- **Key entities** are the ``- **Name**: description`` items of a "Key Entities"
  section; the folder reader uses them only where there is no data-model.md.

Edge cases, assumptions and the review checklists are not read.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from sphinx_implplan.speckit.bold_labels import (
    Label,
    item_text,
    label_item_texts,
    label_text,
    paragraph_labels,
    paragraph_prose,
)
from sphinx_implplan.speckit.markdown_blocks import Document, Heading, plain
from sphinx_implplan.speckit.records import (
    Entity,
    Problem,
    Requirement,
    Source,
    UserStory,
)
from sphinx_implplan.speckit.requirement_ids import (
    clarifications,
    definition,
    kind_of,
    short_title,
)

FILE = "spec.md"
_STORY = re.compile(
    r"^\W*(?:(?:User\s+)?Story|US)[\s-]*([0-9]{1,4})(?![0-9])\s*[-\u2013\u2014:.]?\s*(.*)$",
    re.IGNORECASE,
)
_ANY_LANGUAGE_STORY = re.compile(
    r"^\W*[^\W\d][^\d()\[\]]{0,40}?\s([0-9]{1,4})\s*[-\u2013\u2014:]\s*(.+?)\s*"
    r"[(\[][^()\[\]]{0,30}?\b(P[0-9]{1,2})\s*[)\]].*$"
)
_PRIMARY = re.compile(r"^\W*Primary\s+User\s+Story\b", re.IGNORECASE)
_PRIORITY = re.compile(r"[(\[][^()\[\]]{0,30}?\b(P[0-9]{1,2})\s*[)\]]")
_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])")
_BRANCH = re.compile(r"`([0-9]{1,6}-[^`\s]+)`")
_KEY_ENTITY = re.compile(
    r"\*\*(.+?)\*\*\s*[:\uff1a\-\u2013\u2014]?\s*(.*)|([^:\uff1a]{1,60})[:\uff1a]\s*(.*)", re.DOTALL
)


@dataclass
class SpecContent:
    title: str | None = None
    branch: str | None = None
    date: str | None = None
    status: str | None = None
    requirements: list[Requirement] = field(default_factory=list)
    stories: list[UserStory] = field(default_factory=list)
    key_entities: list[Entity] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def title_of(document: Document) -> str | None:
    """The first top heading after its colon: ``NAME`` of ``Feature Specification:
    NAME``; the whole heading where it has no colon."""
    for heading in document.headings:
        if heading.level == 1:
            before, colon, after = heading.title.replace("\uff1a", ":").partition(":")
            return (after if colon and after.strip() else before).strip() or None
    return None


def header_labels(document: Document) -> list[Label]:
    """The labels before the first section below the title."""
    first_section = next(
        (heading.line for heading in document.headings if heading.level > 1), len(document.lines)
    )
    return [
        label
        for paragraph in document.paragraphs
        if paragraph.start < first_section
        for label in paragraph_labels(paragraph)
    ]


def iso_date(text: str) -> str | None:
    """The first real calendar date written ``YYYY-MM-DD`` in ``text``."""
    for match in _ISO_DATE.finditer(text):
        try:
            return datetime.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            continue
    return None


def branch_of(labels: list[Label]) -> str | None:
    """A label naming the branch, else the first code span shaped like ``001-name``."""
    for label in labels:
        if "branch" in label.key or "branche" in label.key or "rama" in label.key:
            return plain(label.value) or None
    for label in labels:
        match = _BRANCH.search(label.value)
        if match:
            return match.group(1)
    return None


def date_of(labels: list[Label]) -> str | None:
    for label in labels:
        if label.key not in {"input", "spec"}:
            found = iso_date(label.value)
            if found:
                return found
    return None


def read_spec(document: Document) -> SpecContent:
    content = SpecContent(title=title_of(document))
    labels = header_labels(document)
    content.branch = branch_of(labels)
    content.date = date_of(labels)
    content.status = next(
        (plain(label.value) or None for label in labels if label.key in {"status", "statut"}),
        None,
    )
    _read_requirements(document, content)
    _read_stories(document, content)
    _read_key_entities(document, content)
    return content


def _definitions(document: Document) -> list[tuple[int, str]]:
    """Each item text and line outside items that may define a requirement, in order."""
    found = [
        (item.paragraph.start, item.text) for item in document.items if item.paragraph is not None
    ]
    found += [
        (text_line.line, text_line.text)
        for paragraph in document.paragraphs
        if paragraph.item is None
        for text_line in paragraph.lines
    ]
    return sorted(found, key=lambda pair: pair[0])


def _read_requirements(document: Document, content: SpecContent) -> None:
    seen: dict[str, int] = {}
    for line, text in _definitions(document):
        defined = definition(text)
        if defined is None:
            continue
        requirement_id, sentence = defined
        source = Source(FILE, line + 1)
        if requirement_id in seen:
            content.problems.append(
                Problem(
                    "duplicate-requirement",
                    f"{requirement_id} is defined again; the definition on line "
                    f"{seen[requirement_id]} is kept",
                    source,
                )
            )
            continue
        seen[requirement_id] = line + 1
        headings = [heading.title for heading in document.headings_around(line)]
        content.requirements.append(
            Requirement(
                requirement_id,
                kind_of(requirement_id, headings),
                short_title(sentence) or requirement_id,
                sentence,
                tuple(clarifications(sentence)),
                source,
            )
        )


def story_heading(title: str) -> tuple[int, str, str | None] | None:
    """The number, title and priority of a user story's heading."""
    match = _STORY.match(title)
    if match is not None:
        rest = match.group(2)
        priority = _PRIORITY.search(rest)
        name = rest[: priority.start()] if priority else rest
        return (
            int(match.group(1)),
            name.strip(" -\u2013\u2014:"),
            priority.group(1) if priority else None,
        )
    match = _ANY_LANGUAGE_STORY.match(title)
    if match is not None:
        return int(match.group(1)), match.group(2).strip(" -\u2013\u2014:"), match.group(3)
    return None


def _read_stories(document: Document, content: SpecContent) -> None:
    numbers: set[int] = set()
    for heading in document.headings:
        parsed = story_heading(heading.title)
        if parsed is None or heading.level == 1:
            continue
        number, title, priority = parsed
        if number in numbers:
            content.problems.append(
                Problem(
                    "duplicate-story",
                    f"user story {number} is written again; the first is kept",
                    Source(FILE, heading.line + 1),
                )
            )
            continue
        numbers.add(number)
        content.stories.append(_story(document, heading, number, title, priority))
    if not content.stories:
        primary = next((h for h in document.headings if _PRIMARY.match(h.title)), None)
        if primary is not None:
            content.stories.append(_primary_story(document, primary))


def _first_ordered_list(document: Document, heading: Heading) -> list[str]:
    first = next(
        (item for item in document.items_in(heading) if item.ordered and item.parent is None),
        None,
    )
    if first is None:
        return []
    return [item_text(item) for item in document.list_of(first)]


def _primary_story(document: Document, heading: Heading) -> UserStory:
    """The older template's one story: its prose, and the scenarios of the
    "Acceptance Scenarios" section that follows it (or of its own section)."""
    prose = [
        paragraph.text
        for paragraph in document.paragraphs_in(heading)
        if paragraph.item is None and document.heading_at(paragraph.start) is heading
    ]
    beside = next(
        (
            other
            for other in document.headings
            if other.parent == heading.parent
            and other.line > heading.line
            and "acceptance" in other.title.lower()
        ),
        None,
    )
    scenarios = _first_ordered_list(document, beside or heading)
    text = "\n\n".join(prose)
    title = short_title(text) or heading.title
    return UserStory(
        1, title, None, text, None, None, tuple(scenarios), Source(FILE, heading.line + 1)
    )


def _story(
    document: Document, heading: Heading, number: int, title: str, priority: str | None
) -> UserStory:
    prose: list[str] = []
    why = test = None
    scenarios: list[str] | None = None
    labelled = False
    for paragraph in document.paragraphs_in(heading):
        if paragraph.item is not None:
            continue
        labels = paragraph_labels(paragraph)
        if not labelled:
            text = paragraph_prose(paragraph) if labels else paragraph.text
            if text:
                prose.append(text)
        labelled = labelled or bool(labels)
        for label in labels:
            if label.key.startswith("why"):
                why = label_text(document, label) or None
            elif "independent test" in label.key:
                test = label_text(document, label) or None
            elif "acceptance" in label.key and scenarios is None:
                scenarios = [text for text, _ in label_item_texts(document, label)]
    if scenarios is None:
        scenarios = _first_ordered_list(document, heading)
    return UserStory(
        number,
        title,
        priority,
        "\n\n".join(prose),
        why,
        test,
        tuple(scenarios),
        Source(FILE, heading.line + 1),
    )


def _read_key_entities(document: Document, content: SpecContent) -> None:
    for heading in document.headings:
        if "entit" not in heading.title.lower():
            continue
        for item in document.items_in(heading):
            if item.parent is not None or document.heading_at(item.start) is not heading:
                continue
            match = _KEY_ENTITY.fullmatch(item.text.strip())
            if match is None:
                continue
            name = plain(match.group(1) or match.group(3) or "").strip()
            description = (match.group(2) if match.group(1) else match.group(4)) or ""
            if name:
                content.key_entities.append(
                    Entity(name, (), (), description.strip() or None, Source(FILE, item.start + 1))
                )
