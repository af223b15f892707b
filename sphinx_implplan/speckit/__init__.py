"""Reading GitHub spec-kit feature folders (``specs/NNN-feature/``). No Sphinx imports.

A feature folder holds ``spec.md``, ``plan.md``, ``tasks.md``, ``research.md``,
``data-model.md`` and ``contracts/*.md``; :func:`read_feature` reads whichever exist
into a :class:`~sphinx_implplan.speckit.records.Feature`, every record with the file
and line it was read from, and :func:`read_feature_texts` does the same for texts
already in memory. Both are pure: markdown-it reads the Markdown, and nothing of
Sphinx, docutils or MyST is imported, so a directive and a converter can share them.
"""

from __future__ import annotations

from sphinx_implplan.speckit.reader import read_feature, read_feature_texts
from sphinx_implplan.speckit.records import (
    Clarification,
    Consideration,
    ConsiderationKind,
    Decision,
    Endpoint,
    Entity,
    EntityField,
    Feature,
    Phase,
    Problem,
    Requirement,
    RequirementKind,
    Source,
    StackItem,
    Task,
    UserStory,
)

__all__ = [
    "Clarification",
    "Consideration",
    "ConsiderationKind",
    "Decision",
    "Endpoint",
    "Entity",
    "EntityField",
    "Feature",
    "Phase",
    "Problem",
    "Requirement",
    "RequirementKind",
    "Source",
    "StackItem",
    "Task",
    "UserStory",
    "read_feature",
    "read_feature_texts",
]
