"""Walks the plan's sections and hands each to the converter of its kind."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion.architecture import (
    collect_relationships,
    convert_api,
    convert_components,
    convert_data_model,
    link_relationships,
)
from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.edits import apply_edits
from sphinx_implplan.authoring.conversion.fiscal_years import fiscal_year_of
from sphinx_implplan.authoring.conversion.header import convert_header, plan_title
from sphinx_implplan.authoring.conversion.markdown import Section, parse, sections
from sphinx_implplan.authoring.conversion.pandoc_tables import indent_pandoc_tables
from sphinx_implplan.authoring.conversion.phase_bold import convert_bold_phases
from sphinx_implplan.authoring.conversion.phase_details import convert_details_phases
from sphinx_implplan.authoring.conversion.phase_end_checks import drop_ends_before_starts
from sphinx_implplan.authoring.conversion.phase_events import date_phases_by_events
from sphinx_implplan.authoring.conversion.phase_lists import convert_phase_lists
from sphinx_implplan.authoring.conversion.phase_schedules import (
    convert_schedules,
    convert_timeline,
)
from sphinx_implplan.authoring.conversion.phase_sections import find_phases
from sphinx_implplan.authoring.conversion.phase_sequence import chain_phases
from sphinx_implplan.authoring.conversion.phase_title_spans import give_title_spans
from sphinx_implplan.authoring.conversion.phases import convert_phase, link_depends
from sphinx_implplan.authoring.conversion.registers import (
    convert_changelog,
    convert_considerations,
    convert_dated_changes,
    convert_decisions,
    convert_metrics,
    convert_rollout,
    convert_stack,
    convert_test,
)
from sphinx_implplan.authoring.conversion.requirement_links import (
    SpecLookup,
    link_requirements,
)
from sphinx_implplan.authoring.conversion.risk_details import convert_risk_details
from sphinx_implplan.authoring.conversion.risk_label_lists import convert_labelled_risk_lists
from sphinx_implplan.authoring.conversion.risk_warning_runs import convert_warned_runs
from sphinx_implplan.authoring.conversion.risks import convert_risk_sections, is_risk_heading
from sphinx_implplan.authoring.conversion.section_kinds import (
    SectionKind,
    consideration_kind_of,
    kind_of,
    layer_of,
)
from sphinx_implplan.authoring.conversion.slash_order import slashes_of
from sphinx_implplan.authoring.item_ids import IdMaker, plan_id_for, plan_key, words

_LINE_ENDS = re.compile(r"\r\n?")


@dataclass(frozen=True)
class Converted:
    text: str
    plan_id: str
    #: directive name -> items made
    counts: Counter[str]
    #: ``(line, message)``: what looked like an item but is kept as written
    notes: list[tuple[int, str]]


def convert(source: str, fallback_title: str, spec: SpecLookup | None = None) -> Converted:
    """``source`` in directive form; ``fallback_title`` names a plan with no heading.
    Line ends become ``\n``, as markdown-it reads them. ``spec``, given the plan's
    ``:spec:`` value (``None`` without one), gives the ids the spec defines: the
    requirements the items' text names become their links. Slashed dates are read
    in the order the plan writes them (:mod:`.slash_order`), fiscal quarters in the
    fiscal year it states (:mod:`.fiscal_years`); Pandoc's own tables are indented
    into fixed-width blocks first (:mod:`.pandoc_tables`)."""
    source = indent_pandoc_tables(_LINE_ENDS.sub("\n", source))
    with slashes_of(source), fiscal_year_of(source):
        return _converted(source, fallback_title, spec)


def _converted(source: str, fallback_title: str, spec: SpecLookup | None) -> Converted:
    # split where markdown-it counts lines: not at form feeds or other separators
    # that str.splitlines() also breaks at
    lines = source.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    root = sections(parse(source), len(lines))
    title, title_section = plan_title(root, fallback_title)
    # a title of no Latin letters (Greek, Hebrew, Thai) gives no id: the file's name
    # does, so that two such plans of one project do not share ``PLAN_1``
    named_by = title if words(title) else fallback_title
    plan_id = plan_id_for(named_by)
    conversion = Conversion(lines=lines, plan_id=plan_id, ids=IdMaker(plan_key(named_by)))
    plan = conversion.item("impl-plan", title, plan_id)
    conversion.ids.reserve(plan_id)
    find_phases(conversion, root, title_section)

    timelines: list[Section] = []
    # a plan written without headings holds its phases before any section
    convert_phase_lists(conversion, root)
    convert_bold_phases(conversion, root)
    convert_details_phases(conversion, root)
    for section in root.subsections:
        _visit(conversion, section, None, timelines, is_title=section is title_section)
    convert_risk_details(conversion, root)
    convert_labelled_risk_lists(conversion, root)
    convert_warned_runs(conversion, root)
    # the phases are all known now, wherever the timeline stands
    for section in timelines:
        convert_timeline(conversion, section)
    convert_schedules(conversion, root, timelines)
    give_title_spans(conversion)
    date_phases_by_events(conversion)
    link_depends(conversion)
    chain_phases(conversion)
    drop_ends_before_starts(conversion)
    link_relationships(conversion)
    convert_header(conversion, plan, title_section, root)
    spec_ids = spec(dict(plan.options).get("spec")) if spec is not None else None
    if spec_ids is not None:
        link_requirements(conversion, spec_ids)
    return Converted(
        text=apply_edits(lines, conversion.edits()),
        plan_id=plan_id,
        counts=conversion.counts,
        notes=sorted(conversion.notes),
    )


def _visit(
    conversion: Conversion,
    section: Section,
    inherited: SectionKind | None,
    timelines: list[Section],
    *,
    is_title: bool = False,
) -> None:
    heading = section.title.plain
    if section.start in conversion.phase_titles and not is_title:
        # the phase takes its whole section, and converts the phases nested in it
        convert_phase(conversion, section)
        return
    else:
        # the title names the feature ("Billing API"), not a part of the plan; a
        # risk's heading ("R2: Teams wait on APIs") names a risk, whatever its words
        named_risk = inherited is SectionKind.RISKS and is_risk_heading(section.title.raw)
        own = None if is_title or named_risk else kind_of(heading)
        kind = own or inherited
        if kind in {None, SectionKind.TIMELINE}:
            convert_phase_lists(conversion, section)
        if kind in {None, SectionKind.TIMELINE, SectionKind.ROLLOUT}:
            # a rollout's waves written as bold lines over checklists are phases
            convert_bold_phases(conversion, section)
            convert_details_phases(conversion, section)
        if kind is not None and not _convert_own_blocks(
            conversion, section, kind=kind, own=own, inherited=inherited, timelines=timelines
        ):
            return
    for subsection in section.subsections:
        _visit(conversion, subsection, kind, timelines)


def _convert_own_blocks(
    conversion: Conversion,
    section: Section,
    *,
    kind: SectionKind,
    own: SectionKind | None,
    inherited: SectionKind | None,
    timelines: list[Section],
) -> bool:
    """Convert the section's blocks before its first subsection; ``False`` when the
    whole section, subsections included, is done."""
    heading = section.title.plain
    if kind is SectionKind.COMPONENTS:
        convert_components(conversion, section)
    elif kind is SectionKind.DATA_MODEL:
        convert_data_model(conversion, section)
        collect_relationships(conversion, section, named=False)
    elif kind is SectionKind.RELATIONSHIPS:
        collect_relationships(conversion, section, named=True)
    elif kind is SectionKind.API:
        convert_api(conversion, section)
    elif kind is SectionKind.TIMELINE:
        timelines.append(section)
    elif kind is SectionKind.DECISIONS:
        convert_decisions(conversion, section)
    elif kind is SectionKind.RISKS:
        # the top of a risk section reads its subsections too, with their levels
        if inherited is not SectionKind.RISKS:
            convert_risk_sections(conversion, section)
    elif kind is SectionKind.TESTING:
        # "### Unit Tests" under "## Testing Strategy" is one test
        if inherited is SectionKind.TESTING and convert_test(conversion, section):
            return False
    elif kind is SectionKind.ROLLOUT and own is not None:
        # stages come from the rollout's own lists, not from its subsections'
        convert_rollout(conversion, section)
    elif kind is SectionKind.METRICS:
        convert_metrics(conversion, section)
    elif kind is SectionKind.STACK:
        convert_stack(conversion, section, None if own is not None else layer_of(heading))
    elif kind is SectionKind.CONSIDERATIONS:
        convert_considerations(conversion, section, consideration_kind_of(heading))
    elif kind is SectionKind.CHANGELOG:
        if own is None:
            convert_dated_changes(conversion, section)
        else:
            convert_changelog(conversion, section)
    return True
