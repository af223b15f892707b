"""Phases written as collapsible ``<details>`` blocks, as roadmaps on GitHub write
their milestones: ``<details>``, a ``<summary>`` naming the phase
(``<strong>0.9 - Config file</strong> \u00b7 target: March 2025``), Markdown with a
checklist, then ``</details>``.

At least two such in one section's own blocks are phases. The HTML stays as written
around each: the phase takes the Markdown between the summary and ``</details>``,
titled by the summary's text, so its checkboxes are its deliverables and a span in
the summary says when it runs. A block whose summary names a kind or an aside
(``Things that could derail this``, ``After 1.0 (ideas)``) is none.
"""

from __future__ import annotations

from sphinx_implplan.authoring.conversion.context import Conversion, Phase
from sphinx_implplan.authoring.conversion.details_blocks import closed_details
from sphinx_implplan.authoring.conversion.markdown import Section, span
from sphinx_implplan.authoring.conversion.phase_members import has_checkbox, names_work
from sphinx_implplan.authoring.conversion.phase_spans import span_in_title
from sphinx_implplan.authoring.conversion.phases import phase_id


def convert_details_phases(conversion: Conversion, section: Section) -> None:
    """The section's own details blocks that are phases, where there are two or more."""
    # each holding a checklist and naming work
    groups = [
        (details.summary, details.opening, details.inner)
        for details in closed_details(section.blocks)
        if names_work(details.summary)
        and any(has_checkbox(block) for block in details.inner)
        and span(details.opening)[0] not in conversion.claimed
    ]
    if len(groups) < 2:
        return
    lines = conversion.lines
    for place, (summary, opening, inner) in enumerate(groups, 1):
        start, end = span(inner[0])[0], span(inner[-1])[1]
        directive = conversion.item("impl-phase", summary, phase_id(conversion, str(place)))
        directive.body = "".join(lines[start:end]).strip("\n")
        # answers to its summary in a timeline, not to a bare number
        when = span_in_title(summary, conversion.sprint_days, conversion.plan_year)
        phase = Phase(f"series details:{place}", summary, directive, when)
        conversion.phases.append(phase)
        conversion.phase_depends.append((phase, []))
        conversion.replace(start, end, [directive])
        conversion.claimed.add(span(opening)[0])
