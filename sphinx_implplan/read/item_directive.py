"""The thirteen plan item directives: one class, driven by the table in ``itemtypes``.

Options are read here, not by the parser (see :mod:`.directive_base`). Each bad
value is dropped with an ``implplan.value`` warning; the rest of the item stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sphinx_implplan import needs_bridge
from sphinx_implplan.config import risk_levels
from sphinx_implplan.diagnostics import Subtype
from sphinx_implplan.plan.itemtypes import (
    ITEM_TYPES_BY_DIRECTIVE,
    LINK_TYPES_BY_NAME,
    ItemType,
    Kind,
    links_from,
)
from sphinx_implplan.plan.requirement_entries import parse_requirement_entries
from sphinx_implplan.plan.scoring import risk_band, risk_score
from sphinx_implplan.plan.stored_forms import parse_option
from sphinx_implplan.plan.values import (
    InvalidValue,
    parse_enum,
    parse_ids,
    resolve_docnames,
)
from sphinx_implplan.read.deliverables import count_deliverables, parsed_apart
from sphinx_implplan.read.directive_base import ImplPlanDirective
from sphinx_implplan.read.domain import get_domain
from sphinx_implplan.read.duplicate_ids import note_left_out
from sphinx_implplan.read.fallbacks import FALLBACKS, PASSED_OPTIONS
from sphinx_implplan.read.generated_ids import planned_id

if TYPE_CHECKING:
    from docutils import nodes

#: per document, the id of the latest ``impl-plan`` read (``env.temp_data`` is reset
#: for each document, so this never leaks into the next one)
CURRENT_PLAN_KEY = "implplan_current_plan"


class PlanItemDirective(ImplPlanDirective):
    """``impl-<type>``: one plan item, created as a sphinx-needs need of that type."""

    has_content = True
    #: the item's ``:id:``, once read and accepted
    item_id: str | None = None
    #: an ``:id:`` written but not valid, judged with the id generated instead
    refused_id: str | None = None
    #: the options passed on as written to the project's own fields
    passed_on: tuple[str, ...] = ()

    @property
    def item_type(self) -> ItemType:
        return ITEM_TYPES_BY_DIRECTIVE[self.name]

    @property
    def subject(self) -> str:
        """A warning names the item by its id, as the checks made once every document
        is read do; by its type where it has no valid ``:id:``."""
        return self.item_id or self.name

    def run(self) -> list[nodes.Node]:
        item_type = self.item_type
        title = self.arguments[0].strip() if self.arguments else ""
        fields: dict[str, Any] = {}
        self.read_options(item_type, fields)
        self.complete_fields(item_type, title, fields)
        need_id = planned_id(self, item_type, title, fields, self.refused_id)
        if need_id is None:
            self.keep_items_of_body(item_type, fields)
            return []
        before = self.env.temp_data.get(CURRENT_PLAN_KEY)
        if not item_type.belongs_to_plan:
            # before sphinx-needs parses its body: the items in it belong to it too. A
            # plan left out for its id still opens it, as in a parallel read, where no
            # reader sees another's needs and every plan is created
            self.open_plan(need_id)

        created = self.create(item_type, title, fields)
        for fallback in FALLBACKS:
            if not isinstance(created, str):
                break
            retry = fallback(title, fields, self.passed_on)
            if retry is not None:
                title, fields, kept = retry
                self.problem(Subtype.VALUE, f"{created.rstrip('.')}; the item is kept {kept}")
                created = self.create(item_type, title, fields)
        if isinstance(created, needs_bridge.IdTaken):
            # warned about once every document is read, naming the need that kept it
            note_left_out(self.env, created.id, self.source_line, self.name, self.included_file)
            # as in a parallel read, where a reader creates it and its body before the
            # merge leaves it out
            self.keep_items_of_body(item_type, fields)
            return []
        if isinstance(created, str):
            self.problem(Subtype.VALUE, f"the item could not be created: {created}")
            if not item_type.belongs_to_plan:
                self.env.temp_data[CURRENT_PLAN_KEY] = before
            return []
        self.after_creation(item_type, created, fields)
        self.note_included_item(created.id)
        return created.result

    def keep_items_of_body(self, item_type: ItemType, fields: dict[str, Any]) -> None:
        """The items in the body of an item left out are kept: the body is parsed apart
        as it would be had the item been created (sphinx-needs never parses the body
        of a hidden item, which is parsed only for a phase's deliverables)."""
        if "hide" not in fields or item_type.has_deliverables:
            parsed_apart(self, self.content)

    def create(
        self, item_type: ItemType, title: str, fields: dict[str, Any]
    ) -> needs_bridge.CreatedNeed | needs_bridge.IdTaken | str:
        return needs_bridge.create_need(
            self,
            need_type=item_type.directive,
            title=title,
            content=self.content,
            lineno=self.source_line,
            fields=fields,
        )

    # -- options -------------------------------------------------------------------

    def read_options(self, item_type: ItemType, fields: dict[str, Any]) -> None:
        own_links = {link.name for link in links_from(item_type.directive)}
        # the id first: every later warning of the item names it
        for key in sorted(self.options, key=lambda key: (key != "id", key)):
            raw = self.options[key] or ""
            if key in item_type.required and not raw.strip():
                continue  # one warning, from complete_fields: the option is empty
            if key == "id":
                self.read_id(raw, fields)
                self.item_id = fields.get("id")
            elif key == "status":
                self.read_status(item_type, raw, fields)
            elif key in self.owned:
                self.pass_on(key, raw, fields)
            elif key == "plan" and item_type.belongs_to_plan:
                self.read_plan_option(raw, fields)
            elif key in item_type.options:
                self.read_own_option(key, item_type.options[key], raw, fields)
            elif key in own_links:
                self.read_link_option(key, raw, fields)
            elif key in LINK_TYPES_BY_NAME:
                link = LINK_TYPES_BY_NAME[key]
                self.problem(
                    Subtype.LINK,
                    f":{key}: is not a link this item type takes; it goes from "
                    f"{', '.join(sorted(link.sources))}",
                )
            elif key in PASSED_OPTIONS:
                fields[key] = raw
            elif key in self.project_options:
                self.pass_on(key, raw, fields)
            else:
                allowed = sorted(
                    {"id", "status", *PASSED_OPTIONS, *item_type.options, *own_links}
                    | ({"plan"} if item_type.belongs_to_plan else set())
                )
                self.problem(
                    Subtype.VALUE,
                    f"unknown option :{key}:; it takes "
                    + ", ".join(f":{name}:" for name in allowed),
                )

    @cached_property
    def project_options(self) -> frozenset[str]:
        """The project's own fields and links: looked up only for an item that uses an
        option that is not the extension's, so most items never pay for it."""
        return needs_bridge.project_options_for_type(self.env, self.item_type.directive)

    def pass_on(self, key: str, raw: str, fields: dict[str, Any]) -> None:
        """An option of the project's own fields and links, as written (also of a name
        the extension uses, where the project's field cannot hold what it stores)."""
        fields[key] = raw
        self.passed_on += (key,)

    @cached_property
    def owned(self) -> frozenset[str]:
        """The extension's field names that the project defines in a form that cannot
        hold what the extension stores: it neither fills nor reads them."""
        return needs_bridge.project_owned_fields(self.config)

    def read_id(self, raw: str, fields: dict[str, Any]) -> None:
        """The ``:id:``, if the project's rule takes it; else warned about with the id
        generated instead (see :func:`.generated_ids.planned_id`)."""
        need_id = raw.strip()
        valid = need_id and needs_bridge.id_follows_rule(self.config, need_id)
        if valid and not re.search(r"[\s\[\]]", need_id):
            fields["id"] = need_id
        else:
            self.refused_id = need_id

    def read_status(self, item_type: ItemType, raw: str, fields: dict[str, Any]) -> None:
        if item_type.statuses is None:
            if raw.strip():
                fields["status"] = raw.strip()
            return
        try:
            fields["status"] = parse_enum(raw, item_type.statuses, f"{item_type.short} status")
        except InvalidValue as error:
            self.problem(Subtype.VALUE, f":status: {error}")

    def read_plan_option(self, raw: str, fields: dict[str, Any]) -> None:
        ids, problems = parse_ids(raw)
        if len(ids) == 1 and not problems:
            fields["plan"] = ids[0]
        else:
            self.problem(Subtype.PLAN, f":plan: {raw.strip()!r} must name exactly one plan id")

    def read_own_option(self, key: str, kind: Kind, raw: str, fields: dict[str, Any]) -> None:
        if kind is Kind.REQUIREMENTS:
            self.read_requirement_entries(key, raw, fields)
            return
        try:
            fields[key] = self.parse_kind(kind, raw)
        except InvalidValue as error:
            self.problem(Subtype.VALUE, f":{key}: {error}")

    def parse_kind(self, kind: Kind, raw: str) -> Any:
        if kind is Kind.DOCS:
            return self.read_docs(raw)
        return parse_option(kind, raw, risk_levels(self.config))

    def read_docs(self, raw: str) -> list[str]:
        docnames = resolve_docnames(raw, self.env.docname, tuple(self.config.source_suffix))
        unknown = [name for name in docnames if name not in self.env.found_docs]
        if unknown:
            raise InvalidValue(
                f"{', '.join(repr(name) for name in unknown)} "
                f"{'is not a document' if len(unknown) == 1 else 'are not documents'} "
                "of this project"
            )
        return docnames

    def read_requirement_entries(self, key: str, raw: str, fields: dict[str, Any]) -> None:
        """A plan's ``:requirements:``, entry by entry: one bad entry is dropped, not
        the others, which would widen the plan to its whole ``:spec:``."""
        entries, problems = parse_requirement_entries(raw)
        for message in problems:
            dropped = (
                "the entry is left out"
                if entries
                else "the option is left out, so the plan's whole :spec: counts"
            )
            self.problem(Subtype.VALUE, f":{key}: {message}; {dropped}")
        if entries:
            fields[key] = entries

    def read_link_option(self, key: str, raw: str, fields: dict[str, Any]) -> None:
        ids, problems = parse_ids(raw)
        for message in problems:
            self.problem(Subtype.VALUE, f":{key}: {message}")
        if ids:
            fields[key] = ids

    # -- computed fields -----------------------------------------------------------

    def complete_fields(self, item_type: ItemType, title: str, fields: dict[str, Any]) -> None:
        for name in item_type.required:
            if name not in fields and name not in self.options:
                self.problem(Subtype.MISSING, f"the required option :{name}: is missing")
            elif name in self.options and not (self.options[name] or "").strip():
                self.problem(Subtype.MISSING, f"the required option :{name}: is empty")
                fields.pop(name, None)
        if "status" not in fields and item_type.default_status is not None:
            fields["status"] = item_type.default_status

        if item_type.fields_from_title is not None:
            try:
                from_title = item_type.fields_from_title(title, tuple(self.options))
            except InvalidValue as error:
                self.problem(Subtype.VALUE, str(error))
                from_title = {}
            for name, value in from_title.items():
                fields.setdefault(name, value)
        levels_read = "impact" in fields and "likelihood" in fields
        if item_type.scored and levels_read and not self.owned & {"impact", "likelihood"}:
            levels = risk_levels(self.config)
            score = risk_score(fields["impact"], fields["likelihood"], levels)
            fields["score"] = score
            fields["band"] = risk_band(score, len(levels))
        if item_type.belongs_to_plan and "plan" not in fields and "plan" not in self.owned:
            current = self.env.temp_data.get(CURRENT_PLAN_KEY)
            if current is not None:
                fields["plan"] = current
            else:
                self.problem(
                    Subtype.PLAN,
                    "the item belongs to no plan: put an impl-plan before it in this "
                    "document, or name one with :plan:",
                )
        # nothing computed goes into a field the project keeps for itself
        for name in self.owned.difference(self.passed_on):
            fields.pop(name, None)

    def open_plan(self, plan_id: str) -> None:
        """The items in this ``impl-plan``'s body and after it in its document belong to
        ``plan_id``."""
        current = self.env.temp_data.get(CURRENT_PLAN_KEY)
        if current is not None:
            self.problem(
                Subtype.PLAN,
                f"a second plan in this document (after {current!r}); items after it "
                f"belong to {plan_id!r}. Keep one plan per document",
            )
        self.env.temp_data[CURRENT_PLAN_KEY] = plan_id

    def after_creation(
        self, item_type: ItemType, created: needs_bridge.CreatedNeed, fields: dict[str, Any]
    ) -> None:
        updates: dict[str, Any] = {}
        if not item_type.belongs_to_plan:
            updates["plan"] = created.id
        elif item_type.has_deliverables:
            # sphinx-needs parses no body for a hidden need: it is parsed here, apart
            body = parsed_apart(self, self.content) if created.hidden else created.own_body()
            progress = count_deliverables(body)
            updates["deliverables_done"] = progress.done
            updates["deliverables_total"] = progress.total
            updates["completion"] = progress.percent
            if "status" not in fields:
                updates["status"] = progress.derived_status()
        updates = {name: value for name, value in updates.items() if name not in self.owned}
        if updates:
            needs_bridge.update_need(self.env, created.id, updates)
        description = needs_bridge.first_paragraph_text(created)
        if description:
            get_domain(self.env).add_description(self.env.docname, created.id, description)


def item_directive_names() -> Sequence[str]:
    return tuple(ITEM_TYPES_BY_DIRECTIVE)


__all__ = ["PlanItemDirective", "item_directive_names"]
