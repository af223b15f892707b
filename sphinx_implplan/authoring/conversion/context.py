"""What the section converters share while one plan is converted: the plan's ids,
the edits made so far, the items made per type and the notes for the author."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sphinx_implplan.authoring.conversion.edits import Edit
from sphinx_implplan.authoring.conversion.markdown import Label, Text
from sphinx_implplan.authoring.conversion.phase_spans import Anchors
from sphinx_implplan.authoring.conversion.section_kinds import PhaseTitle
from sphinx_implplan.authoring.item_ids import IdMaker
from sphinx_implplan.authoring.myst_writer import Directive, render_directives


@dataclass
class Phase:
    """A phase made from a ``Phase N: Name`` heading, kept so the timeline and the
    ``Depends on`` labels can find it by number or by name."""

    #: ``"1"``, ``"7.1"``
    number: str
    name: str
    directive: Directive
    #: the span its title carries (``Weeks 2-3``)
    span: str | None = None


@dataclass(frozen=True)
class _Replacement:
    start: int
    end: int
    keep: str
    directives: list[Directive]

    def edit(self) -> Edit:
        parts = [self.keep.strip("\n"), render_directives(self.directives).rstrip("\n")]
        return Edit(self.start, self.end, "\n\n".join(part for part in parts if part))


@dataclass
class Conversion:
    lines: list[str]
    plan_id: str
    ids: IdMaker
    replacements: list[_Replacement] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    #: ``(line, message)`` for what looked like an item but is kept as written
    notes: list[tuple[int, str]] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    #: entity name (lower case) -> its directive, for relationships
    entities: dict[str, Directive] = field(default_factory=dict)
    #: (entity, entity) name pairs, from SQL references and relationship lists
    relations: list[tuple[str, str]] = field(default_factory=list)
    #: (line, sentence) of each relationship list item, linked once all entities exist
    relationship_texts: list[tuple[int, str, bool]] = field(default_factory=list)
    #: each phase with its ``**Depends on**:`` labels, linked once all phases exist
    phase_depends: list[tuple[Phase, list[Label]]] = field(default_factory=list)
    #: the line of each heading that is a phase -> what its title says
    phase_titles: dict[int, PhaseTitle] = field(default_factory=dict)
    #: the days of one sprint, where the plan states it ("2-week sprints")
    sprint_days: int | None = None
    #: the plan's start date (``YYYY-MM-DD``), where it states one outside its phases
    plan_start: str | None = None
    #: the year of the plan's date line or front matter, which dates ``Oct 6 - Oct 17``
    plan_year: int | None = None
    #: the day T its countdowns count to (``T-0 = 14 June 2025``), as ``YYYY-MM-DD``
    day_zero: str | None = None
    #: the year of the calendar weeks its ``Week N`` names, where it says so
    week_year: int | None = None
    #: whether it says its phases run one after another
    in_sequence: bool = False
    #: the first lines of blocks already made items (a list of phases in a timeline)
    claimed: set[int] = field(default_factory=set)

    def anchors(self) -> Anchors:
        """What places the phases' spans in the calendar."""
        return Anchors(self.plan_start, self.day_zero, self.week_year)

    def item(self, name: str, argument: str, item_id: str) -> Directive:
        """A new item directive of this plan, counted."""
        directive = Directive(name, argument)
        directive.option("id", item_id)
        self.counts[name] += 1
        return directive

    def replace(self, start: int, end: int, directives: list[Directive], keep: str = "") -> None:
        """Lines ``[start, end)`` become ``keep`` (source text kept) then the directives.
        The directives are written out at the end, as the timeline, dependencies and
        relationships still add options to them."""
        self.replacements.append(_Replacement(start, end, keep, directives))

    def untaken(self, start: int, end: int) -> bool:
        """Whether no converter has replaced any of lines ``[start, end)`` (a phase or
        a risk section holding them): a later pass may read them."""
        return not any(
            replacement.start < end and start < replacement.end for replacement in self.replacements
        )

    def edits(self) -> list[Edit]:
        return [replacement.edit() for replacement in self.replacements]

    def note(self, line: int, message: str) -> None:
        self.notes.append((line + 1, message))


def add_fields(directive: Directive, fields: list[tuple[str, Text]]) -> None:
    """Cells and labels the item has no option for, or whose value no option takes,
    kept in its body as ``**Name**: value`` paragraphs so nothing is lost."""
    kept = [f"**{name}**: {text.raw}" for name, text in fields if text.raw]
    if kept:
        directive.body = "\n\n".join(part for part in (directive.body.strip("\n"), *kept) if part)


def set_title_text(directive: Directive, name: str, text: Text) -> None:
    """A title or text option takes the plain text; a link or image in it is also kept
    as written in the body, where it stays a link."""
    if text.rich:
        add_fields(directive, [(name, text)])
