"""The id an item's need will have, judged before the need is created.

An item written without an ``:id:``, or with one the project's ``needs_id_regex``
refuses, gets the id sphinx-needs generates from its type's prefix and its title.
Where the project's rule refuses that id too, sphinx-needs would refuse the whole
item: the warning says so, and why, rather than promise an id that is never given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_implplan import needs_bridge
from sphinx_implplan.diagnostics import Subtype
from sphinx_implplan.plan.values import shown

if TYPE_CHECKING:
    from sphinx_implplan.plan.itemtypes import ItemType
    from sphinx_implplan.read.directive_base import ImplPlanDirective

#: what a warning about an item left out for its id tells the author to do
_GIVE_AN_ID = "give it an :id: that matches the rule"


def planned_id(
    directive: ImplPlanDirective,
    item_type: ItemType,
    title: str,
    fields: dict[str, Any],
    refused: str | None,
) -> str | None:
    """The id the item's need will have: its ``:id:``, or the one generated for it
    (``refused``: an ``:id:`` written but not valid). ``None``, with a warning, where
    the item cannot have one: it is left out."""
    if "id" in fields:
        return str(fields["id"])
    config = directive.config
    generated = needs_bridge.id_to_generate(
        directive, item_type.directive, title, directive.content, directive.source_line
    )
    rule = config.needs_id_regex
    follows = needs_bridge.id_follows_rule(config, generated)
    if refused is None:
        if not follows and not config.needs_id_required:
            directive.problem(
                Subtype.VALUE,
                f"the item has no :id:, and the id {generated!r} sphinx-needs would "
                f"generate for it does not match the project's rule {rule!r}; the item "
                f"is left out: {_GIVE_AN_ID}",
            )
            return None
        # with needs_id_required, sphinx-needs itself says why it refuses the item
        return generated
    written = f"{shown(refused)} is not a valid id (the project's rule is {rule!r})"
    if config.needs_id_required:
        directive.problem(
            Subtype.VALUE,
            f"{written}; the item is left out: the project sets needs_id_required, so no "
            f"id is generated for it; {_GIVE_AN_ID}",
        )
        return None
    if not follows:
        directive.problem(
            Subtype.VALUE,
            f"{written}, and neither is the id {generated!r} sphinx-needs would generate "
            f"for it; the item is left out: {_GIVE_AN_ID}",
        )
        return None
    directive.problem(Subtype.VALUE, f"{written}; the id {generated!r} is generated instead")
    return generated
