"""How the approval state of an item is shown: the line of its card, and the mark of
a suspect link in a traceability view. Words, never colour alone, so every builder
(HTML, LaTeX, text) shows the same."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_implplan.plan.approvals import ApprovalState
from sphinx_implplan.write.references import joined

if TYPE_CHECKING:
    from sphinx_implplan.plan.approvals import Approval, ItemApproval

#: the text after an item id whose link to the row's requirement is suspect
SUSPECT_MARK = "(suspect)"
#: said under a traceability view that marks a link
SUSPECT_LEGEND = (
    "(suspect): the requirement changed since the item linking to it was approved; "
    "review the item and approve it again."
)

_STATE_CLASSES = {
    ApprovalState.APPROVED: "approved",
    ApprovalState.SUSPECT: "suspect",
    ApprovalState.CHANGED: "changed",
    ApprovalState.NOT_APPROVED: "not-approved",
}


def suspect_mark() -> nodes.inline:
    return nodes.inline(SUSPECT_MARK, SUSPECT_MARK, classes=["implplan-suspect"])


def _since(entry: Approval) -> str:
    return f" since the approval on {entry.approved}"


def _by(entry: Approval) -> str:
    text = f" by {entry.by}" if entry.by else ""
    return text + (f" ({entry.note})" if entry.note else "")


def approval_text(
    approval: ItemApproval, reference: Callable[[str], nodes.Node]
) -> list[nodes.Node]:
    """The value of a card's ``approval`` line: the state, and for a suspect item the
    needs that changed, each a link."""
    entry = approval.entry
    state = approval.state
    if state is ApprovalState.NOT_APPROVED or entry is None:
        shown: list[nodes.Node] = [nodes.Text("not approved")]
    elif state is ApprovalState.APPROVED:
        shown = [nodes.Text(f"approved on {entry.approved}{_by(entry)}")]
    elif state is ApprovalState.CHANGED:
        shown = [nodes.Text(f"changed{_since(entry)}{_by(entry)}")]
    else:
        shown = [
            nodes.Text("suspect: "),
            *joined([reference(target) for target in approval.changed]),
            nodes.Text(f" changed{_since(entry)}{_by(entry)}"),
        ]
    state_class = f"implplan-approval-{_STATE_CLASSES[state]}"
    return [nodes.inline("", "", *shown, classes=["implplan-approval", state_class])]
