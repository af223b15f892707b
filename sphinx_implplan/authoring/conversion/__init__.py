"""``implplan convert``: a plain Markdown plan (the seed templates' shape) turned into
directive form.

The input is parsed with markdown-it. Each section is recognised by its heading,
and only the lines of what becomes a directive are replaced; every other line is
copied as written, so prose, diagrams, code and unknown sections stay in place.
"""

from __future__ import annotations

from sphinx_implplan.authoring.conversion.pipeline import Converted, convert
from sphinx_implplan.authoring.conversion.requirement_links import SpecIds, SpecLookup
from sphinx_implplan.authoring.conversion.spec_requirements import defined_ids

__all__ = ["Converted", "SpecIds", "SpecLookup", "convert", "defined_ids"]
