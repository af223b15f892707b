"""What runs while Sphinx reads the documents: the plan item directive and the base
every directive of the extension shares, counting deliverables, the domain that
keeps per-document data, items left out for a duplicate id, warnings repeated in
builds that do not read their document again, and the checks that need every
document read (at ``needs-before-post-processing``)."""

from __future__ import annotations
