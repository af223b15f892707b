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
- ``included``: docname -> item id -> the file the document includes that the item
  stands in (absolute path), for the items that stand in one: sphinx-needs keeps
  only the document and the line, a line of that file;
- ``speckit_folders``: docname -> each spec-kit feature folder it reads (absolute
  path) and the files found in it, so that a file added or removed there reads the
  document again (:mod:`.speckit_directive`);
- ``states``: need id -> what other pages show of that need, as found by the last
  build (main process only, see :mod:`sphinx_implplan.write.freshness`);
- ``state_link_names``: the link types those states were worked out with (the same);
- ``extend_targets``: docname -> the ids its ``needextend`` directives named in the
  last build, ``*`` for a filter (main process only, the same module);
- ``approvals``: what the approval states of the last build were worked out from
  (main process only, :mod:`sphinx_implplan.write.approval_pages`);
- ``test_results``: each test's result in the last build (main process only,
  :mod:`sphinx_implplan.write.result_pages`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from docutils import nodes
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_implplan.read.duplicate_ids import LeftOut
    from sphinx_implplan.read.warning_replay import ReadWarning
    from sphinx_implplan.write.freshness import NeedState
    from sphinx_implplan.write.views.spec import ViewSpec


class ImplPlanDomain(Domain):
    name = "implplan"
    label = "sphinx-implplan"
    #: bump when the shape of ``data`` changes
    data_version = 6
    initial_data: ClassVar[dict[str, Any]] = {
        "views": {},
        "descriptions": {},
        "read_warnings": {},
        "duplicates": {},
        "included": {},
        "speckit_folders": {},
        "states": {},
        "state_link_names": [],
        "extend_targets": {},
        "approvals": None,
        "test_results": None,
    }
    #: the per-document parts of ``data``: purged and merged one document at a time
    PER_DOCUMENT: ClassVar[tuple[str, ...]] = (
        "views",
        "descriptions",
        "read_warnings",
        "duplicates",
        "included",
        "speckit_folders",
    )

    @property
    def speckit_folders(self) -> dict[str, dict[str, tuple[str, ...]]]:
        return self.data["speckit_folders"]  # type: ignore[no-any-return]

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
    def included(self) -> dict[str, dict[str, str]]:
        return self.data["included"]  # type: ignore[no-any-return]

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

    def wrap_mappings(self, wrap: Callable[[dict[Any, Any]], dict[Any, Any]]) -> None:
        """Replace each mapping of ``data`` with ``wrap(mapping)``, which holds the same
        entries (a parallel reader's, :mod:`.parallel_reader`)."""
        for key, value in self.data.items():
            if isinstance(value, dict):
                self.data[key] = wrap(value)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: Mapping[str, Any]) -> None:
        # only the documents the other process read; ``states`` belong to the main one
        for docname in docnames:
            for key in self.PER_DOCUMENT:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    # the domain defines no roles and no object types: it takes no part in resolving
    # references, so a link the project leaves unresolved is reported by whoever owns
    # it (MyST, Sphinx), never as a problem of this domain

    def resolve_xref(  # noqa: PLR0917 - Sphinx's signature
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> None:
        return None

    def resolve_any_xref(  # noqa: PLR0917 - Sphinx's signature
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []


def get_domain(env: BuildEnvironment) -> ImplPlanDomain:
    domain = env.get_domain(ImplPlanDomain.name)
    assert isinstance(domain, ImplPlanDomain)
    return domain
