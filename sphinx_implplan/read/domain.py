"""What the extension keeps in the build environment, per document, in a domain.

A domain's data is pickled with the environment, purged when a document is read
again and merged back from the processes of a parallel read, one document at a
time. Kept here:

- ``views``: docname -> the views placed in it, for the checks that need every
  document read and to know which pages to write again when the plan changes;
- ``descriptions``: docname -> item id -> the first paragraph of the item's body as
  text (the description column of the item tables);
- ``read_warnings``: docname -> the warnings its directives gave when it was read,
  so that a build which does not read it again repeats them (:mod:`.replay`);
- ``duplicates``: docname -> the items in it left out because another need has
  their id (:mod:`.duplicates`);
- ``states``: need id -> what other pages show of that need, as found by the last
  build (main process only, see :mod:`sphinx_implplan.write.freshness`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.read.duplicate_ids import LeftOut
    from sphinx_implplan.read.warning_replay import ReadWarning
    from sphinx_implplan.write.freshness import NeedState
    from sphinx_implplan.write.views.spec import ViewSpec


class ImplPlanDomain(Domain):
    name = "implplan"
    label = "sphinx-implplan"
    #: bump when the shape of ``data`` changes
    data_version = 2
    initial_data: ClassVar[dict[str, Any]] = {
        "views": {},
        "descriptions": {},
        "read_warnings": {},
        "duplicates": {},
        "states": {},
    }
    #: the per-document parts of ``data``: purged and merged one document at a time
    PER_DOCUMENT: ClassVar[tuple[str, ...]] = (
        "views",
        "descriptions",
        "read_warnings",
        "duplicates",
    )

    @property
    def views(self) -> dict[str, list[ViewSpec]]:
        return self.data["views"]  # type: ignore[no-any-return]

    @property
    def descriptions(self) -> dict[str, dict[str, str]]:
        return self.data["descriptions"]  # type: ignore[no-any-return]

    @property
    def read_warnings(self) -> dict[str, list[ReadWarning]]:
        return self.data["read_warnings"]  # type: ignore[no-any-return]

    @property
    def duplicates(self) -> dict[str, list[LeftOut]]:
        return self.data["duplicates"]  # type: ignore[no-any-return]

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
        for key in self.PER_DOCUMENT:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: Mapping[str, Any]) -> None:
        # only the documents the other process read; ``states`` belong to the main one
        for docname in docnames:
            for key in self.PER_DOCUMENT:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]


def get_domain(env: BuildEnvironment) -> ImplPlanDomain:
    domain = env.get_domain(ImplPlanDomain.name)
    assert isinstance(domain, ImplPlanDomain)
    return domain
