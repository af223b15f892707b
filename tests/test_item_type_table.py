"""The item type table as users meet it, in one golden file.

Everything that differs from one item type to the next (prefix, options and how
their values are read, statuses, required options, computed fields, card fields,
the columns of ``impl-table`` and their defaults) and every link type, written out
in ``golden/item-types.txt``. A change to the table shows as one readable diff of
that file, to be reviewed with the guide's directive pages. After a deliberate
change, write the file anew with ``IMPLPLAN_UPDATE_GOLDEN=1 pytest tests/test_item_type_table.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx_implplan.plan.columns import columns_for, default_columns
from sphinx_implplan.plan.itemtypes import (
    COMPUTED_FIELDS,
    ITEM_TYPES,
    LINK_TYPES,
    NEEDS_BUILTIN_FIELDS,
    links_from,
)

GOLDEN = Path(__file__).parent / "golden" / "item-types.txt"


def _item_types() -> list[str]:
    lines = []
    for item_type in ITEM_TYPES:
        lines += [
            (
                f"{item_type.directive}  ({item_type.title}, prefix {item_type.prefix}, "
                f"class implplan-{item_type.short})"
            ),
            "  options: "
            + ", ".join(f"{name} ({kind.value})" for name, kind in item_type.options.items()),
            "  links: "
            + (", ".join(link.name for link in links_from(item_type.directive)) or "none"),
            (
                f"  statuses: {', '.join(item_type.statuses) if item_type.statuses else 'free text'}"
                f"; default {item_type.default_status or 'none'}"
            ),
            f"  required: {', '.join(item_type.required) or 'none'}",
            f"  computed: {', '.join(item_type.computed) or 'none'}",
            (
                f"  belongs to a plan: {item_type.belongs_to_plan}; "
                f"deliverables: {item_type.has_deliverables}; "
                f"fields from the title: {item_type.fields_from_title is not None}"
            ),
            f"  card: {', '.join(item_type.card_fields())}",
            "  columns: "
            + ", ".join(
                f"{column.key} '{column.header}' {column.shows.value}"
                + (f" <- {column.field}" if column.incoming else "")
                for column in columns_for(item_type.directive).values()
            ),
            "  default columns: "
            + ", ".join(column.header for column in default_columns(item_type.directive)),
            "",
        ]
    return lines


def _link_types() -> list[str]:
    return [
        f"{link.name}: '{link.outgoing}' / '{link.incoming}'; from "
        f"{', '.join(sorted(link.sources))}; to {', '.join(sorted(link.targets))}"
        for link in LINK_TYPES
    ]


def table_text() -> str:
    lines = [
        "# item types",
        "",
        *_item_types(),
        "# link types",
        "",
        *_link_types(),
        "",
        f"# fields the extension registers: {', '.join(COMPUTED_FIELDS)}",
        f"# sphinx-needs' own fields it fills: {', '.join(sorted(NEEDS_BUILTIN_FIELDS))}",
    ]
    return "\n".join(lines) + "\n"


def test_the_item_type_table_is_the_golden_one() -> None:
    text = table_text()
    if os.environ.get("IMPLPLAN_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert text == expected, (
        f"the item type table differs from {GOLDEN.name}; if the change is meant, "
        "write it anew with IMPLPLAN_UPDATE_GOLDEN=1 and review the diff"
    )
