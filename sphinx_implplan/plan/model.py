"""The plan as the views and the JSON report read it: frozen records made once per
build from the resolved needs. No Sphinx imports.

Views, coverage and the report never touch sphinx-needs' own objects: they read a
:class:`Corpus` of :class:`Item` records, so they can be unit-tested with records
written by hand.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sphinx_implplan.plan.itemtypes import (
    ITEM_TYPES_BY_DIRECTIVE,
    LINK_TYPES,
    NEEDS_BUILTIN_FIELDS,
    PLAN,
    REQUIREMENT,
)
from sphinx_implplan.plan.open_questions import questions_in
from sphinx_implplan.plan.outcomes import NO_TEST_RESULTS, TestOutcome, TestResults
from sphinx_implplan.plan.stored_forms import has_stored_form

_DIGITS = re.compile(r"([0-9]+)")


def _number_key(digits: str) -> str:
    # compared as text, never converted: its length first, so any number of digits
    # orders by value without Python's limit on converting long digit strings
    significant = digits.lstrip("0") or "0"
    return f"{len(significant):06d}{significant}"


# every sort of ids asks again for the keys of the same few thousand ids: kept, up to
# more ids than the largest project measured holds
@functools.lru_cache(maxsize=1 << 17)
def natural_key(text: str) -> tuple[tuple[int, str], ...]:
    """Sort key reading the numbers in an id as numbers: ``PH_2`` before ``PH_10``.

    The text itself ends the key, so that ids equal as numbers (``PH_2``, ``PH_02``)
    still sort one way whatever order they come in; ``-1`` keeps a prefix first.
    """
    parts = tuple(
        (1, _number_key(part)) if _DIGITS.fullmatch(part) else (0, part)
        for part in _DIGITS.split(text)
        if part
    )
    return (*parts, (-1, text))


@dataclass(frozen=True)
class Item:
    """One need: a plan item or a requirement (or any other need a link names)."""

    id: str
    type: str
    title: str
    docname: str | None = None
    lineno: int = 0
    plan: str | None = None
    status: str | None = None
    #: own option values and computed values (start, score, deliverables_done, ...)
    fields: Mapping[str, Any] = field(default_factory=dict)
    #: outgoing links of the extension's link types: link name -> target ids
    links: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: loaded from another project's ``needs.json`` (``needs_external_needs``)
    external: bool = False
    external_url: str | None = None
    #: the first paragraph of the body as plain text
    description: str = ""
    #: sphinx-needs' ``:tags:``, which a plan's ``:requirements:`` may select by
    tags: tuple[str, ...] = ()
    #: the questions of the ``[NEEDS CLARIFICATION: ...]`` markers anywhere in the
    #: body of a need of a type not the extension's (a requirement), as written
    open_questions: tuple[str, ...] = ()
    #: what only a plan item's card shows: the type's name as the project calls it,
    #: sphinx-needs' ``:style:`` and ``:hide:``, and for every link type of the
    #: project (its own and sphinx-needs' ``links`` too) the targets as written and
    #: the needs linking to it, in sphinx-needs' order
    type_title: str = ""
    style: str = ""
    hidden: bool = False
    written_links: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    backlinks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.fields.get(name)

    def whole_number(self, name: str) -> int | None:
        """A field holding a whole number (a count, a score), else ``None``."""
        value = self.fields.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def links_of(self, link: str) -> tuple[str, ...]:
        return self.links.get(link, ())

    @property
    def position(self) -> tuple[str, int, tuple[tuple[int, str], ...]]:
        """Document order, then id: the order of a plan's items as written."""
        return (self.docname or "", self.lineno, natural_key(self.id))


class Corpus:
    """Every item of a build, with the incoming links indexed once."""

    def __init__(
        self,
        items: Iterable[Item],
        *,
        requirement_types: Iterable[str] = ("req",),
        risk_levels: Iterable[str] = ("low", "medium", "high"),
        test_results: TestResults = NO_TEST_RESULTS,
    ) -> None:
        self.items: Mapping[str, Item] = MappingProxyType({item.id: item for item in items})
        self.requirement_types = frozenset(requirement_types)
        self.risk_levels = tuple(risk_levels)
        #: each test's result in the build's test results
        self.test_results = test_results
        incoming: dict[tuple[str, str], list[str]] = {}
        for item in self.items.values():
            for link, targets in item.links.items():
                for target in dict.fromkeys(targets):
                    incoming.setdefault((target, link), []).append(item.id)
        self._incoming = {
            key: tuple(sorted(sources, key=natural_key)) for key, sources in incoming.items()
        }
        by_type: dict[str, list[Item]] = {}
        for item in self.items.values():
            by_type.setdefault(item.type, []).append(item)
        # every view and the report ask by type, by plan and by spec document: sorted
        # and grouped once here, not per question (a project has hundreds of plans)
        self._by_type = {
            item_type: sorted(items, key=lambda item: item.position)
            for item_type, items in by_type.items()
        }
        self._by_type_and_plan: dict[tuple[str, str | None], list[Item]] = {}
        for item_type, of_type in self._by_type.items():
            for item in of_type:
                self._by_type_and_plan.setdefault((item_type, item.plan), []).append(item)
        self._requirements_by_doc: dict[str | None, list[Item]] = {}
        for item_type in sorted(self.requirement_types):
            for item in self._by_type.get(item_type, ()):
                self._requirements_by_doc.setdefault(item.docname, []).append(item)

    def sources(self, target: str, link: str) -> tuple[str, ...]:
        """The ids of the items linking to ``target`` by ``link``, in id order."""
        return self._incoming.get((target, link), ())

    def test_outcome(self, test_id: str) -> TestOutcome:
        return self.test_results.of(test_id)

    @property
    def shows_results(self) -> bool:
        """Whether the project reads test results: only then do pages show them."""
        return self.test_results.configured

    def is_requirement(self, item: Item) -> bool:
        return item.type in self.requirement_types

    def of_type(self, item_type: str, plans: Iterable[str] | None = None) -> list[Item]:
        """The items of one type (of the given plans), in document order."""
        if plans is None:
            return list(self._by_type.get(item_type, ()))
        wanted = list(dict.fromkeys(plans))
        if len(wanted) == 1:
            return list(self._by_type_and_plan.get((item_type, wanted[0]), ()))
        chosen = set(wanted)
        return [item for item in self._by_type.get(item_type, ()) if item.plan in chosen]

    @property
    def plans(self) -> list[Item]:
        """This project's plans (not those of a project loaded as external needs)."""
        return [plan for plan in self.of_type(PLAN) if not plan.external]

    def requirements(self, docnames: Iterable[str] | None = None) -> list[Item]:
        """The requirements (of the given documents), in id order."""
        groups = (
            self._requirements_by_doc.values()
            if docnames is None
            else [self._requirements_by_doc.get(docname, []) for docname in set(docnames)]
        )
        return sorted(
            (item for group in groups for item in group), key=lambda item: natural_key(item.id)
        )


#: the link names of the extension, for reading a need's outgoing links
LINK_NAMES = tuple(link.name for link in LINK_TYPES)

#: item types whose links can reach a requirement: those counted by default
REQUIREMENT_LINKING_TYPES = tuple(
    directive
    for directive in ITEM_TYPES_BY_DIRECTIVE
    if any(REQUIREMENT in link.targets and directive in link.sources for link in LINK_TYPES)
)


def _base_id(target: str) -> str:
    # ``ID.part`` names a part of need ``ID``: views count the need
    return target.partition(".")[0]


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(target) for target in value) if isinstance(value, list) else ()


def item_from_need(
    need: Mapping[str, Any], description: str = "", link_names: Iterable[str] = LINK_NAMES
) -> Item:
    """The record of one resolved need (a mapping as sphinx-needs gives it);
    ``link_names``: every link type of the project, for a plan item's card."""
    item_type = ITEM_TYPES_BY_DIRECTIVE.get(str(need.get("type")))
    fields: dict[str, Any] = {}
    card: dict[str, Any] = {}
    if item_type is not None:
        names = (*item_type.options, *item_type.computed, *NEEDS_BUILTIN_FIELDS, "tags")
        fields = {
            name: value
            for name in names
            # a value of another form is of a field the project defines itself
            if (value := need.get(name)) not in (None, "", []) and has_stored_form(name, value)
        }
        card = {
            "type_title": str(need.get("type_name") or item_type.title),
            "style": str(need.get("style") or ""),
            "hidden": bool(need.get("hide")),
            "written_links": MappingProxyType(
                {name: ids for name in link_names if (ids := _texts(need.get(name)))}
            ),
            "backlinks": MappingProxyType(
                {name: ids for name in link_names if (ids := _texts(need.get(f"{name}_back")))}
            ),
        }
    links: dict[str, tuple[str, ...]] = {}
    for name in LINK_NAMES:
        value = need.get(name)
        if isinstance(value, list) and value:
            links[name] = tuple(dict.fromkeys(_base_id(str(target)) for target in value))
    external_url = need.get("external_url") if need.get("is_external") else None
    # the body as written (sphinx-needs' ``content``), not its first paragraph: a
    # marker may stand in any paragraph, of a hidden, imported or external need too
    questions = questions_in(str(need.get("content") or "")) if item_type is None else ()
    return Item(
        id=str(need["id"]),
        type=str(need.get("type")),
        title=str(need.get("title") or ""),
        docname=need.get("docname") or None,
        lineno=int(need.get("lineno") or 0),
        plan=need.get("plan") if isinstance(need.get("plan"), str) else None,
        status=str(need["status"]) if need.get("status") else None,
        fields=MappingProxyType(fields),
        links=MappingProxyType(links),
        external=bool(need.get("is_external")),
        external_url=str(external_url) if external_url else None,
        description=description,
        tags=_texts(need.get("tags")),
        open_questions=questions,
        **card,
    )
