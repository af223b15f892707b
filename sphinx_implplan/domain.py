"""What the extension keeps in the build environment, per document, in a domain.

A domain's data is pickled with the environment, purged when a document is read
again and merged back from the processes of a parallel read, one document at a
time. Kept here:

- ``views``: docname -> the views placed in it, for the checks that need every
  document read and to know which pages to write again when the plan changes;
- ``descriptions``: docname -> item id -> the first paragraph of the item's body as
  text (the description column of the item tables);
- ``states``: need id -> what other pages show of that need, as found by the last
  build (main process only, see :mod:`sphinx_implplan.freshness`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.freshness import NeedState
    from sphinx_implplan.views.spec import ViewSpec


class ImplPlanDomain(Domain):
    name = "implplan"
    label = "sphinx-implplan"
    #: bump when the shape of ``data`` changes
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "views": {},
        "descriptions": {},
        "states": {},
    }

    @property
    def views(self) -> dict[str, list[ViewSpec]]:
        return self.data["views"]  # type: ignore[no-any-return]

    @property
    def descriptions(self) -> dict[str, dict[str, str]]:
        return self.data["descriptions"]  # type: ignore[no-any-return]

    @property
    def states(self) -> dict[str, NeedState]:
        return self.data["states"]  # type: ignore[no-any-return]

    def add_view(self, spec: ViewSpec) -> None:
        self.views.setdefault(spec.docname, []).append(spec)

    def add_description(self, docname: str, item_id: str, text: str) -> None:
        self.descriptions.setdefault(docname, {})[item_id] = text

    def all_descriptions(self) -> dict[str, str]:
        return {
            item_id: text
            for docname in sorted(self.descriptions)
            for item_id, text in self.descriptions[docname].items()
        }

    def all_views(self) -> list[ViewSpec]:
        """Every view of the project, in document order."""
        return [spec for docname in sorted(self.views) for spec in self.views[docname]]

    def clear_doc(self, docname: str) -> None:
        self.views.pop(docname, None)
        self.descriptions.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: Mapping[str, Any]) -> None:
        # only the documents the other process read; ``states`` belong to the main one
        for docname in docnames:
            if docname in otherdata["views"]:
                self.views[docname] = otherdata["views"][docname]
            if docname in otherdata["descriptions"]:
                self.descriptions[docname] = otherdata["descriptions"][docname]


def get_domain(env: BuildEnvironment) -> ImplPlanDomain:
    domain = env.get_domain(ImplPlanDomain.name)
    assert isinstance(domain, ImplPlanDomain)
    return domain
