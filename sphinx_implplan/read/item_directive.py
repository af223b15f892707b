"""The thirteen plan item directives: one class, driven by the table in ``itemtypes``.

Options are read here, not by the parser (see :mod:`.directive_base`). Each bad
value is dropped with an ``implplan.value`` warning; the rest of the item stays.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cached_property
from types import MappingProxyType
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
from sphinx_implplan.plan.scoring import risk_band, risk_score
from sphinx_implplan.plan.values import (
    CHANGES,
    KINDS,
    LAYERS,
    TEST_LEVELS,
    InvalidValue,
    parse_date,
    parse_duration,
    parse_enum,
    parse_ids,
    parse_method,
    parse_positive_integer,
    parse_text_list,
    resolve_docnames,
    shown,
)
from sphinx_implplan.read.deliverables import count_deliverables
from sphinx_implplan.read.directive_base import ImplPlanDirective
from sphinx_implplan.read.domain import get_domain
from sphinx_implplan.read.duplicate_ids import note_left_out

if TYPE_CHECKING:
    from docutils import nodes

#: the enumerated kinds whose allowed values the contract fixes
FIXED_ENUMS: Mapping[Kind, tuple[str, ...]] = MappingProxyType(
    {Kind.CHANGE: CHANGES, Kind.TEST_LEVEL: TEST_LEVELS, Kind.LAYER: LAYERS, Kind.KIND: KINDS}
)
#: sphinx-needs' common options, passed on as written
PASSED_OPTIONS = ("tags", "collapse", "hide", "style", "layout", "constraints")
#: what opens a sphinx-needs dynamic function in a title or status, and what a title
#: holding one that sphinx-needs cannot read gets instead
DYNAMIC_FUNCTION_START = "[["
NO_DYNAMIC_FUNCTION = "[ ["
#: a title and fields to create an item with instead, and how that keeps the item
Fallback = tuple[str, dict[str, Any], str]
#: per document, the id of the latest ``impl-plan`` read (``env.temp_data`` is reset
#: for each document, so this never leaks into the next one)
CURRENT_PLAN_KEY = "implplan_current_plan"


class PlanItemDirective(ImplPlanDirective):
    """``impl-<type>``: one plan item, created as a sphinx-needs need of that type."""

    has_content = True

    @property
    def item_type(self) -> ItemType:
        return ITEM_TYPES_BY_DIRECTIVE[self.name]

    def run(self) -> list[nodes.Node]:
        item_type = self.item_type
        title = self.arguments[0].strip() if self.arguments else ""
        fields: dict[str, Any] = {}
        self.read_options(item_type, fields)
        self.complete_fields(item_type, title, fields)

        created = self.create(item_type, title, fields)
        for fallback in (self.without_passed_options, self.without_dynamic_functions):
            if not isinstance(created, str):
                break
            retry = fallback(title, fields)
            if retry is not None:
                title, fields, kept = retry
                self.problem(Subtype.VALUE, f"{created.rstrip('.')}; the item is kept {kept}")
                created = self.create(item_type, title, fields)
        if isinstance(created, needs_bridge.IdTaken):
            # warned about once every document is read, naming the need that kept it
            note_left_out(self.env, created.id, self.source_line, self.name)
            if not item_type.belongs_to_plan:
                # the items after it still belong to its id, as in a parallel read,
                # where no reader sees another's needs and every plan is created
                self.open_plan(created.id)
            return []
        if isinstance(created, str):
            self.problem(Subtype.VALUE, f"the item could not be created: {created}")
            return []
        self.after_creation(item_type, created, fields)
        return created.result

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

    # sphinx-needs refuses a whole need for some values the extension passes on; each
    # fallback gives the title and fields to try instead, and says how the item is kept

    @staticmethod
    def without_passed_options(title: str, fields: dict[str, Any]) -> Fallback | None:
        """Without sphinx-needs' own options: one of them may hold a value sphinx-needs
        refuses (a constraint not in ``needs_constraints``, say)."""
        passed = [key for key in PASSED_OPTIONS if key in fields]
        if not passed:
            return None
        kept = {key: value for key, value in fields.items() if key not in passed}
        return title, kept, "without " + ", ".join(f":{key}:" for key in passed)

    @staticmethod
    def without_dynamic_functions(title: str, fields: dict[str, Any]) -> Fallback | None:
        """With ``[[`` taken apart in the title and status, sphinx-needs' own fields,
        where it opens a dynamic function and sphinx-needs refuses one it cannot read."""
        status = fields.get("status")
        if DYNAMIC_FUNCTION_START not in title + str(status or ""):
            return None
        kept = dict(fields)
        if isinstance(status, str):
            kept["status"] = status.replace(DYNAMIC_FUNCTION_START, NO_DYNAMIC_FUNCTION)
        how = (
            f"with {NO_DYNAMIC_FUNCTION!r} in place of {DYNAMIC_FUNCTION_START!r}, which "
            "starts a sphinx-needs dynamic function"
        )
        return title.replace(DYNAMIC_FUNCTION_START, NO_DYNAMIC_FUNCTION), kept, how

    # -- options -------------------------------------------------------------------

    def read_options(self, item_type: ItemType, fields: dict[str, Any]) -> None:
        own_links = {link.name for link in links_from(item_type.directive)}
        for key in sorted(self.options):
            raw = self.options[key] or ""
            if key in item_type.required and not raw.strip():
                continue  # one warning, from complete_fields: the option is empty
            if key == "id":
                self.read_id(raw, fields)
            elif key == "status":
                self.read_status(item_type, raw, fields)
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
            elif key in PASSED_OPTIONS or key in self.project_options:
                # sphinx-needs' own options and the project's own fields and links
                fields[key] = raw
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

    def read_id(self, raw: str, fields: dict[str, Any]) -> None:
        need_id = raw.strip()
        rule = self.config.needs_id_regex
        if need_id and re.match(rule, need_id) and not re.search(r"[\s\[\]]", need_id):
            fields["id"] = need_id
        else:
            self.problem(
                Subtype.VALUE,
                f"{shown(need_id)} is not a valid id (the project's rule "
                f"is {rule!r}); an id is generated instead",
            )

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
        try:
            fields[key] = self.parse_kind(kind, raw)
        except InvalidValue as error:
            self.problem(Subtype.VALUE, f":{key}: {error}")

    def parse_kind(self, kind: Kind, raw: str) -> Any:
        match kind:
            case Kind.TEXT:
                return raw.strip()
            case Kind.TEXT_LIST:
                return parse_text_list(raw)
            case Kind.DATE:
                return parse_date(raw).isoformat()
            case Kind.DURATION:
                return parse_duration(raw)
            case Kind.LEVEL:
                return parse_enum(raw, risk_levels(self.config), "level")
            case Kind.CHANGE | Kind.TEST_LEVEL | Kind.LAYER | Kind.KIND:
                return parse_enum(raw, FIXED_ENUMS[kind], kind.value)
            case Kind.METHOD:
                return parse_method(raw)
            case Kind.STAGE:
                return parse_positive_integer(raw, "stage")
            case Kind.DOCS:
                return self.read_docs(raw)
        raise AssertionError(kind)  # pragma: no cover - every kind is handled above

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
            for name, value in item_type.fields_from_title(title).items():
                fields.setdefault(name, value)
        if item_type.scored and "impact" in fields and "likelihood" in fields:
            levels = risk_levels(self.config)
            score = risk_score(fields["impact"], fields["likelihood"], levels)
            fields["score"] = score
            fields["band"] = risk_band(score, len(levels))
        if item_type.belongs_to_plan and "plan" not in fields:
            current = self.env.temp_data.get(CURRENT_PLAN_KEY)
            if current is not None:
                fields["plan"] = current
            else:
                self.problem(
                    Subtype.PLAN,
                    "the item belongs to no plan: put an impl-plan before it in this "
                    "document, or name one with :plan:",
                )

    def open_plan(self, plan_id: str) -> None:
        """The items after this ``impl-plan`` in its document belong to ``plan_id``."""
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
            self.open_plan(created.id)
            updates["plan"] = created.id
        elif item_type.has_deliverables:
            progress = count_deliverables(created.own_body())
            updates["deliverables_done"] = progress.done
            updates["deliverables_total"] = progress.total
            updates["completion"] = progress.percent
            if "status" not in fields:
                updates["status"] = progress.derived_status()
        if updates:
            needs_bridge.update_need(self.env, created.id, updates)
        description = needs_bridge.first_paragraph_text(created)
        if description:
            get_domain(self.env).add_description(self.env.docname, created.id, description)


def item_directive_names() -> Sequence[str]:
    return tuple(ITEM_TYPES_BY_DIRECTIVE)


__all__ = ["PlanItemDirective", "item_directive_names"]
