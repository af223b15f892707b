"""The view directives: read and check the options, leave a placeholder node.

What a view shows depends on every document, so it is drawn when its page is
written (:mod:`.render`). Here each option is checked at the directive's line: a bad
one is warned about as ``implplan.view`` and left out, and the view is still drawn
with the rest.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_implplan.diagnostics import Subtype
from sphinx_implplan.plan.columns import columns_for, find_column
from sphinx_implplan.plan.itemtypes import ITEM_TYPES_BY_DIRECTIVE
from sphinx_implplan.plan.model import REQUIREMENT_LINKING_TYPES
from sphinx_implplan.plan.values import (
    InvalidValue,
    normalise_enum_text,
    parse_enum,
    parse_ids,
    parse_text_list,
    resolve_docnames,
    shown,
)
from sphinx_implplan.read.directive_base import ImplPlanDirective
from sphinx_implplan.read.domain import get_domain
from sphinx_implplan.write.views.spec import (
    CHART_PLACES,
    LAYOUTS,
    SHOW,
    VIEW_OPTIONS,
    ViewKind,
    ViewSpec,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
#: per document, how many views were read so far (``env.temp_data`` is per document)
_SERIAL_KEY = "implplan_view_serial"


class view_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils' naming
    """Where a view goes; replaced by its tables when the page is written.

    Carries its :class:`ViewSpec` in ``node["spec"]``, with its document name, so
    the LaTeX builder's one assembled tree still knows where each view came from.
    """


def item_type_named(written: str) -> str | None:
    """``impl-risk`` from ``impl-risk``, ``risk`` or ``Risk``."""
    name = normalise_enum_text(written)
    for candidate in (name, f"impl-{name}"):
        if candidate in ITEM_TYPES_BY_DIRECTIVE:
            return candidate
    return None


class ViewDirective(ImplPlanDirective):
    """``impl-traceability``, ``impl-risk-matrix``, ``impl-timeline``, ``impl-table``
    and ``impl-summary``; the optional argument is the caption of the view's table."""

    has_content = False

    @property
    def kind(self) -> ViewKind:
        return ViewKind(self.name)

    def run(self) -> list[nodes.Node]:
        serial = int(self.env.temp_data.get(_SERIAL_KEY) or 0) + 1
        self.env.temp_data[_SERIAL_KEY] = serial
        values: dict[str, Any] = {}
        allowed = ("plan", *VIEW_OPTIONS[self.kind])
        for key in sorted(self.options):
            raw = self.options[key] or ""
            if key not in allowed:
                self.problem(
                    Subtype.VIEW,
                    f"unknown option :{key}:; it takes " + ", ".join(f":{a}:" for a in allowed),
                )
                continue
            try:
                self.read_option(key, raw, values)
            except InvalidValue as error:
                self.problem(Subtype.VIEW, f":{key}: {error}")
        if self.kind is ViewKind.TABLE and "item_type" not in values and "type" not in self.options:
            self.problem(
                Subtype.VIEW,
                "the required option :type: is missing; name the item type to list, "
                "e.g. :type: impl-risk",
            )
        if self.kind is ViewKind.TABLE and "columns" in self.options:
            self.read_columns(self.options["columns"] or "", values)

        spec = ViewSpec(
            kind=self.kind,
            docname=self.env.docname,
            lineno=self.source_line,
            included=self.included_file,
            serial=serial,
            caption=self.arguments[0].strip() if self.arguments else "",
            **values,
        )
        get_domain(self.env).add_view(spec)
        node = view_placeholder("", spec=spec, docname=spec.docname)
        self.set_source_info(node)
        return [node]

    def read_option(self, key: str, raw: str, values: dict[str, Any]) -> None:
        match key:
            case "plan":
                ids, problems = parse_ids(raw)
                if len(ids) != 1 or problems:
                    raise InvalidValue(f"{raw.strip()!r} must name exactly one plan id")
                values["plan"] = ids[0]
            case "layout":
                values["layout"] = parse_enum(raw, LAYOUTS, "layout")
            case "show":
                values["show"] = parse_enum(raw, SHOW, "show value")
            case "chart":
                values["chart"] = parse_enum(raw, CHART_PLACES, "chart placement")
            case "types":
                if (types := self.read_types(raw)) is not None:
                    values["types"] = types
            case "min-coverage":
                values["min_coverage"] = read_percentage(raw)
            case "spec":
                if known := self.read_docs(raw):
                    values["spec"] = tuple(known)
            case "type":
                item_type = item_type_named(raw)
                if item_type is None:
                    raise InvalidValue(
                        f"{shown(raw.strip())} is not an item type; use one "
                        f"of: {', '.join(ITEM_TYPES_BY_DIRECTIVE)}"
                    )
                values["item_type"] = item_type
            case "columns":
                pass  # read once the type is known
            case "include-closed":
                if raw.strip():
                    raise InvalidValue("is a flag and takes no value")
                values["include_closed"] = True

    def read_types(self, raw: str) -> tuple[str, ...] | None:
        types: list[str] = []
        for entry in parse_text_list(raw):
            item_type = item_type_named(entry)
            if item_type is None:
                self.problem(Subtype.VIEW, f":types: {entry!r} is not an item type; it is left out")
            elif item_type not in REQUIREMENT_LINKING_TYPES:
                self.problem(
                    Subtype.VIEW,
                    f":types: {item_type} never links to a requirement; it is left out",
                )
            elif item_type not in types:
                types.append(item_type)
        # none left: each entry was warned about, and every such type counts
        return tuple(types) if types else None

    def read_docs(self, raw: str) -> list[str]:
        docnames = resolve_docnames(raw, self.env.docname, tuple(self.config.source_suffix))
        unknown = [name for name in docnames if name not in self.env.found_docs]
        for name in unknown:
            self.problem(
                Subtype.VIEW, f":spec: {name!r} is not a document of this project; it is left out"
            )
        # none left: each was warned about, and the plans' own :spec: is used
        return [name for name in docnames if name not in unknown]

    def read_columns(self, raw: str, values: dict[str, Any]) -> None:
        item_type = values.get("item_type")
        if item_type is None:
            return
        keys: list[str] = []
        for entry in parse_text_list(raw):
            column = find_column(item_type, entry)
            if column is None:
                self.problem(
                    Subtype.VIEW,
                    f":columns: {entry!r} is not a column of {item_type}; it is left out "
                    f"(columns: {', '.join(columns_for(item_type))})",
                )
            elif column.key not in keys:
                keys.append(column.key)
        if keys:
            values["columns"] = tuple(keys)
        else:
            self.problem(
                Subtype.VIEW,
                f":columns: names no column of {item_type}; the default columns are used",
            )


def read_percentage(raw: str) -> float:
    """A number from 0 to 100, with or without a ``%`` sign."""
    text = raw.strip().removesuffix("%").strip()
    if not _NUMBER.fullmatch(text) or not 0 <= float(text) <= 100:
        raise InvalidValue(f"{shown(raw.strip())} is not a percentage from 0 to 100")
    return float(text)


def view_directive_names() -> Iterable[str]:
    return [kind.value for kind in ViewKind]
