"""Everything the extension asks of sphinx-needs: the only package importing ``sphinx_needs``.

sphinx-needs' API has changed shape across releases; keeping every call here means
a new release is met in one folder. The rest of the extension imports this package
and calls what it names below, never a module of it directly:

- :mod:`.registration`: item types, fields and link types, at ``config-inited``;
- :mod:`.purge`: sphinx-needs' purge of the documents to read, before the read;
- :mod:`.creation`: a plan item's need, from its directive;
- :mod:`.merging`: a parallel reader's needs, merged as a serial read keeps them;
- :mod:`.access`: needs as mappings, their links, and the events around them.
"""

from __future__ import annotations

from sphinx_implplan.needs_bridge.access import (
    MutableNeeds,
    NeedData,
    backlinks_of,
    connect_post_processing,
    connect_sealing,
    extend_targets_by_document,
    extends_by_location,
    fingerprint_fields,
    flat_fields,
    link_names,
    link_titles,
    links_of,
    modification_locations,
    need_nodes,
    need_type_names,
    needs_as_read,
    needs_view,
    resolve_link_target,
)
from sphinx_implplan.needs_bridge.creation import (
    CreatedNeed,
    IdTaken,
    create_need,
    first_paragraph_text,
    id_to_generate,
    own_body_of,
    update_need,
)
from sphinx_implplan.needs_bridge.merging import (
    DroppedNeed,
    drop_parallel_duplicates,
    wrap_need_mappings,
)
from sphinx_implplan.needs_bridge.registration import (
    IMPLPLAN_ID_REGEX,
    SPHINX_NEEDS_DEFAULT_ID_REGEX,
    id_follows_rule,
    project_options_for_type,
    project_owned_fields,
    register_needs_model,
    setup_sphinx_needs,
)

__all__ = [
    "IMPLPLAN_ID_REGEX",
    "SPHINX_NEEDS_DEFAULT_ID_REGEX",
    "CreatedNeed",
    "DroppedNeed",
    "IdTaken",
    "MutableNeeds",
    "NeedData",
    "backlinks_of",
    "connect_post_processing",
    "connect_sealing",
    "create_need",
    "drop_parallel_duplicates",
    "extend_targets_by_document",
    "extends_by_location",
    "fingerprint_fields",
    "first_paragraph_text",
    "flat_fields",
    "id_follows_rule",
    "id_to_generate",
    "link_names",
    "link_titles",
    "links_of",
    "modification_locations",
    "need_nodes",
    "need_type_names",
    "needs_as_read",
    "needs_view",
    "own_body_of",
    "project_options_for_type",
    "project_owned_fields",
    "register_needs_model",
    "resolve_link_target",
    "setup_sphinx_needs",
    "update_need",
    "wrap_need_mappings",
]
