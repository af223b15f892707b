"""The plan skeleton that ``implplan new`` writes. No Sphinx imports.

The skeleton follows the sections of the seed plan template, from the approach
summary to the references, and writes each one as the directives that hold it: the
``impl-plan`` header, one or two example items of every other type, and the four
views where a reader looks for them. Each section opens with a sentence or two of
guidance for the author, to be replaced with the plan's own text.

The skeleton builds without a warning: its links only point at its own items, never
at requirement ids, which it cannot know; the guidance names the link options to add
instead. It uses backtick fences only, which MyST reads without ``colon_fence``.
"""

from __future__ import annotations

import datetime
import re
import textwrap
from dataclasses import dataclass, field

from sphinx_implplan.authoring.item_ids import IdMaker, plan_id_for, plan_key
from sphinx_implplan.authoring.myst_writer import Directive, fence_for, render_directive

#: the section headings in order, as (level, heading)
SECTIONS: tuple[tuple[int, str], ...] = (
    (2, "Approach Summary"),
    (2, "Architecture"),
    (3, "Components"),
    (3, "Data Model"),
    (3, "API Design"),
    (3, "System Diagram"),
    (2, "Implementation Phases"),
    (2, "Timeline"),
    (2, "Technical Decisions"),
    (2, "Risks and Mitigations"),
    (2, "Testing Strategy"),
    (2, "Rollout Plan"),
    (2, "Success Metrics"),
    (2, "Technology Stack"),
    (2, "Security and Performance Considerations"),
    (2, "Changelog"),
    (2, "References"),
)

_DIAGRAM = """\
 client ---> API service ---> database
                  |
                  +---> queue ---> worker"""


#: the width prose is wrapped at, so that the file reads well in an editor and a diff
_WIDTH = 80
_CODE_SPAN = re.compile(r"`[^`]+`")


def _wrap(paragraph: str) -> str:
    # a code span stays on one line (its spaces are held apart while wrapping), and
    # no line breaks at a hyphen: a line must never start with "- " (a list item)
    held = _CODE_SPAN.sub(lambda span: span[0].replace(" ", "\0"), paragraph)
    text = textwrap.fill(held, _WIDTH, break_long_words=False, break_on_hyphens=False)
    return text.replace("\0", " ")


@dataclass
class _Page:
    """The skeleton's blocks (headings, paragraphs, directives), a blank line apart."""

    blocks: list[str] = field(default_factory=list)

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(f"{'#' * level} {text}")

    def text(self, *paragraphs: str) -> None:
        self.blocks.extend(_wrap(paragraph) for paragraph in paragraphs)

    def directive(
        self, name: str, argument: str = "", *options: tuple[str, str | None], body: str = ""
    ) -> None:
        # a body of prose is wrapped; a list (the deliverables) is kept as written
        if body and not body.startswith("- "):
            body = _wrap(body)
        directive = Directive(name, argument, body=body)
        for option, value in options:
            directive.option(option, value)
        self.blocks.append(render_directive(directive).rstrip("\n"))

    def code(self, language: str, body: str) -> None:
        fence = fence_for(body)
        self.blocks.append(f"{fence}{language}\n{body}\n{fence}")

    def render(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def skeleton(title: str, *, plan_id: str | None, spec: str | None, today: datetime.date) -> str:
    """The MyST text of a new plan titled ``title``, dated ``today``.

    ``plan_id`` defaults to one made from the title; ``spec`` is written into the
    plan's ``:spec:`` as given (a document relative to the plan's file).
    """
    title = " ".join(title.split())
    # the item key comes from an id given by hand, else from the title's initials
    ids = IdMaker(plan_key(title, plan_id))
    plan_id = plan_id or plan_id_for(title)
    ids.reserve(plan_id)
    # numbered, not named ids: the example titles are meant to be replaced
    cmp1, cmp2 = ids.numbered("impl-component"), ids.numbered("impl-component")
    ent1, ent2 = ids.numbered("impl-entity"), ids.numbered("impl-entity")
    api1, api2 = ids.numbered("impl-endpoint"), ids.numbered("impl-endpoint")
    ph1, ph2 = ids.numbered("impl-phase"), ids.numbered("impl-phase")
    risk1, risk2 = ids.numbered("impl-risk"), ids.numbered("impl-risk")
    date = today.isoformat()

    page = _Page()
    page.heading(1, title)
    page.text(
        "Replace each paragraph of guidance, and each example item, with your own; "
        "delete the examples you do not need. Keep ids unique: they are what links "
        "and views refer to."
    )

    page.heading(2, "Approach Summary")
    page.text(
        "The plan item below is the header: keep `:status:` (draft, in-progress, "
        "complete) and `:updated:` current"
        + ("." if spec else ", and add `:spec:` with the document that holds the requirements.")
    )
    page.directive(
        "impl-plan",
        title,
        ("id", plan_id),
        ("spec", spec),
        ("status", "draft"),
        ("updated", date),
        body=(
            "In two or three paragraphs, say how the plan meets the spec: the overall "
            "approach, what changes and what stays, and why this way rather than another."
        ),
    )
    # the plan at a glance, right under its header
    page.directive("impl-summary")

    page.heading(2, "Architecture")
    page.text(
        "Describe the parts the plan builds or changes. Give each item "
        "`:implements: REQ_ID` with the ids of the requirements it implements."
    )
    page.heading(3, "Components")
    page.text(
        "One item per component, with `:change:` new, modified or removed and a "
        "one-line `:purpose:`."
    )
    page.directive(
        "impl-component",
        "Example service",
        ("id", cmp1),
        ("change", "new"),
        ("purpose", "What the component does, in a line"),
        body="What it is responsible for, what it talks to, and what it stores.",
    )
    page.directive(
        "impl-component",
        "Existing client",
        ("id", cmp2),
        ("change", "modified"),
        ("purpose", "What changes in it, in a line"),
    )
    page.heading(3, "Data Model")
    page.text(
        "One item per entity, with its `:fields:` comma-separated and `:relates:` to "
        "the entities it refers to."
    )
    page.directive(
        "impl-entity",
        "Example record",
        ("id", ent1),
        ("fields", "id: uuid, owner_id: uuid, created_at: timestamp"),
    )
    page.directive(
        "impl-entity",
        "Example owner",
        ("id", ent2),
        ("fields", "id: uuid, name: text"),
        ("relates", ent1),
    )
    page.heading(3, "API Design")
    page.text(
        "One item per endpoint, with `:method:` and `:path:`; the body says what it "
        "takes, returns and refuses."
    )
    page.directive(
        "impl-endpoint",
        "Create a record",
        ("id", api1),
        ("method", "POST"),
        ("path", "/api/records"),
        body="Request and response bodies, status codes, who may call it.",
    )
    page.directive(
        "impl-endpoint",
        "Read a record",
        ("id", api2),
        ("method", "GET"),
        ("path", "/api/records/{id}"),
    )
    page.heading(3, "System Diagram")
    page.text(
        "Replace the drawing with the components above and how data flows between "
        "them: text art as here, or an image."
    )
    page.code("text", _DIAGRAM)

    page.heading(2, "Implementation Phases")
    page.text(
        "One phase per step of the work, each with a `:goal:`, a `:duration:` (`2w`, "
        "`10d`) and `:depends:` on the phases before it. Deliverables are `- [ ]` "
        "items, `- [x]` once done; add `:implements: REQ_ID` and `:mitigates:` with "
        "the risks the phase reduces."
    )
    page.directive(
        "impl-phase",
        "Foundation",
        ("id", ph1),
        ("goal", "What is true when this phase ends, in a line"),
        ("duration", "2w"),
        body="- [ ] First deliverable\n- [ ] Second deliverable",
    )
    page.directive(
        "impl-phase",
        "First release",
        ("id", ph2),
        ("goal", "What is true when this phase ends, in a line"),
        ("depends", ph1),
        ("duration", "3w"),
        body="- [ ] First deliverable\n- [ ] Second deliverable",
    )

    page.heading(2, "Timeline")
    page.text(
        "The timeline is computed from the phases. Give the first phase a `:start:` "
        "date (YYYY-MM-DD); the others start when the phases they depend on end. "
        "Use `:end:` where a date is fixed."
    )
    page.directive("impl-timeline")

    page.heading(2, "Technical Decisions")
    page.text(
        "One item per decision: the title says what needed deciding, `:choice:` the "
        "answer, `:alternatives:` the options not taken, the body why. Add "
        "`:addresses: REQ_ID`, and `:status: accepted` once agreed."
    )
    page.directive(
        "impl-decision",
        "What needs deciding",
        ("id", ids.numbered("impl-decision")),
        ("choice", "The option chosen or proposed"),
        ("alternatives", "First alternative, second alternative"),
        ("mitigates", risk1),
        body="Why this option: what it makes easy, what it costs, why not the others.",
    )

    page.heading(2, "Risks and Mitigations")
    page.text(
        "One item per risk, with `:impact:` and `:likelihood:` (low, medium, high) and "
        "a `:mitigation:`, which a high risk must have. Add `:affects:` with the "
        "requirements, phases, components or endpoints it would hit."
    )
    page.directive(
        "impl-risk",
        "What could go wrong",
        ("id", risk1),
        ("impact", "high"),
        ("likelihood", "medium"),
        ("mitigation", "How the risk is reduced or handled, in a line"),
        ("affects", ph2),
    )
    page.directive(
        "impl-risk",
        "A smaller risk",
        ("id", risk2),
        ("impact", "medium"),
        ("likelihood", "low"),
        ("mitigation", "How the risk is reduced or handled, in a line"),
    )
    page.directive("impl-risk-matrix")

    page.heading(2, "Testing Strategy")
    page.text(
        "One item per kind of test, with its `:level:` and `:verifies:` naming the "
        "requirements (`REQ_ID`), components, endpoints or phases it checks."
    )
    page.directive(
        "impl-test",
        "Unit tests",
        ("id", ids.numbered("impl-test")),
        ("level", "unit"),
        ("verifies", cmp1),
        body="What the unit tests cover and what they leave to the others.",
    )
    page.directive(
        "impl-test",
        "Integration tests",
        ("id", ids.numbered("impl-test")),
        ("level", "integration"),
        ("verifies", f"{api1}, {api2}"),
        body="Which parts run together, against what (a real database, a fake service).",
    )
    page.directive(
        "impl-test",
        "End-to-end tests",
        ("id", ids.numbered("impl-test")),
        ("level", "e2e"),
        ("verifies", ph2),
        body="The user journeys checked from end to end before a release.",
    )

    page.heading(2, "Rollout Plan")
    page.text(
        "One item per stage, in order, with its `:stage:` number and `:audience:`; "
        "the body says what ends the stage. A stage that makes a requirement true "
        "takes `:implements: REQ_ID`."
    )
    for stage, name, audience in (
        (1, "Internal users", "The team and colleagues"),
        (2, "Beta", "Users who opted in"),
        (3, "Everyone", "All users"),
    ):
        page.directive(
            "impl-rollout",
            name,
            ("id", ids.numbered("impl-rollout")),
            ("stage", str(stage)),
            ("audience", audience),
        )

    page.heading(2, "Success Metrics")
    page.text(
        "One item per metric, with a `:target:` (value, unit, time frame), a "
        "`:baseline:` where there is one, and `:measures: REQ_ID`."
    )
    page.directive(
        "impl-metric",
        "What shows the plan worked",
        ("id", ids.numbered("impl-metric")),
        ("target", "The value to reach, with its unit and when"),
        ("baseline", "Where it stands today"),
    )

    page.heading(2, "Technology Stack")
    page.text(
        "One item per technology, with its `:layer:` (frontend, backend, database, "
        "infrastructure, tooling, other), `:version:` and `:purpose:`."
    )
    page.directive(
        "impl-tech",
        "Example framework",
        ("id", ids.numbered("impl-tech")),
        ("layer", "backend"),
        ("purpose", "What it is used for in this plan"),
    )
    page.directive(
        "impl-tech",
        "Example database",
        ("id", ids.numbered("impl-tech")),
        ("layer", "database"),
        ("purpose", "What it stores"),
    )

    page.heading(2, "Security and Performance Considerations")
    page.text(
        "One item per concern, with its `:kind:` (security, performance, "
        "accessibility, operations, other) and `:addresses: REQ_ID`."
    )
    page.directive(
        "impl-consideration",
        "Security",
        ("id", ids.numbered("impl-consideration")),
        ("kind", "security"),
        body="Who may do what, what data is sensitive, how it is protected.",
    )
    page.directive(
        "impl-consideration",
        "Performance",
        ("id", ids.numbered("impl-consideration")),
        ("kind", "performance"),
        body="The load expected, the limits to stay within, how they are checked.",
    )

    page.heading(2, "Changelog")
    page.text(
        "One item per notable change of the plan, newest last, with its `:date:`; "
        "refer to the items it concerns with `{need}` references in the body."
    )
    page.directive(
        "impl-change",
        "Plan created",
        ("id", ids.numbered("impl-change")),
        ("date", date),
        body="First draft.",
    )

    page.heading(2, "References")
    page.text(
        "List the spec, design notes and outside documents the plan draws on, one "
        "bullet each. The table below shows each requirement of the spec beside the "
        "items that implement, verify, measure, address or affect it."
    )
    page.directive("impl-traceability")
    return page.render()
