"""A phase's progress: "2/3 (67 %)" in every format, with a bar before it in HTML
and in LaTeX."""

from __future__ import annotations

from docutils import nodes

from sphinx_implplan.plan.model import Item

#: a no-break space, which Sphinx's LaTeX writer writes as ``~``
NO_BREAK = "\u00a0"


def progress_nodes(phase: Item, *, builder_format: str) -> list[nodes.Node]:
    done = phase.whole_number("deliverables_done") or 0
    total = phase.whole_number("deliverables_total") or 0
    if not total:
        return [nodes.Text("no deliverables")]
    text = f"{done}/{total} ({phase.get('completion')} %)"
    shown: list[nodes.Node] = []
    # numbers only (counts of the phase's own task list) go into the raw markup
    if builder_format == "html":
        # hidden from screen readers: the text beside it says the same
        bar = (
            f'<progress class="implplan-progress" max="{total}" value="{done}" '
            'aria-hidden="true"></progress>'
        )
        shown += [nodes.raw("", bar, format="html"), nodes.Text(" ")]
    elif builder_format == "latex":
        bar = rf"\implplanprogressbar{{{done}}}{{{total}}}"
        # no-break spaces (the writer's ~): the bar and its text stay on one line, as
        # wide as ``latex_layout`` counts them
        text = text.replace(" ", NO_BREAK)
        shown += [nodes.raw("", bar, format="latex"), nodes.Text(NO_BREAK)]
    shown.append(nodes.inline(text, text, classes=["implplan-progress-text"]))
    return shown
