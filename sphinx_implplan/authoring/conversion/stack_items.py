"""A stack list item read as technology, version, layer and purpose.

``- **Language**: Python 3.11+`` names a role, then the technology: the title is
``Python``, ``3.11+`` its version and the role its purpose, or its layer where the
role names one (``Database``, ``Frontend``). ``- PostgreSQL 16: primary store``
names the technology first: the rest is the purpose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion.section_kinds import layer_of

_VERSION = re.compile(r"[vV]?\d+(\.(\d+|x|\*))*\+?(-[\w.]+)?")
#: what may follow a version and belongs to it: ``20 LTS``, ``3.11 or later``
_VERSION_TAIL = re.compile(
    r"(lts|or (later|newer|higher|above)|and (up|above|later))\b", re.IGNORECASE
)
#: the words of a role: what a technology is used as, not its name
_ROLE_TEXT = """
    language languages programming runtime framework frameworks web back front end
    backend frontend database databases db primary cache caching queue queues messaging
    message broker bus search storage object file files testing tests test unit e2e
    integration ci cd hosting cloud infrastructure infra deployment deploy orchestration
    container containers containerization monitoring observability logging logs metrics
    tracing auth authentication authorization identity api apis ui ux styling css state
    management mobile server client orm build bundler package packaging manager linting
    linter formatting formatter type types checking checker documentation docs email
    payments analytics scheduler scheduling jobs background worker workers task tasks
    iac dns cdn secrets version control vcs repository tooling tools platform data layer
    service services gateway proxy load balancer realtime real time notifications ml ai
    llm vector store key value and for of main core
"""
_ROLE_WORDS = frozenset(_ROLE_TEXT.split())
_LAYER_NAMES = frozenset({"frontend", "backend", "database", "infrastructure", "tooling"})
#: a technology named in more words than this is a sentence, not a name
_MAX_NAME_WORDS = 6
#: a lead no role word names is a role when a name of at most this many words and a
#: version follow it
_NAMED_WORDS = 3


@dataclass(frozen=True)
class Tech:
    title: str
    layer: str | None
    version: str
    purpose: str


def is_role(lead: str) -> bool:
    """Whether every word of ``lead`` is a role's (``Language``, ``CI/CD``,
    ``Primary database``)."""
    found = re.findall(r"[a-z0-9]+", lead.lower())
    return bool(found) and all(word in _ROLE_WORDS for word in found)


def name_and_version(text: str) -> tuple[str, str, str]:
    """``("Python", "3.11+", "")`` from ``Python 3.11+``; the text after the version
    is the third part. No version: the whole text is the name."""
    tokens = text.split()
    for index, token in enumerate(tokens):
        bare = token.strip(",;()")
        # "(v2 beta)": a version that opens or closes a remark is part of the remark
        if _VERSION.fullmatch(bare) and token.count("(") == token.count(")"):
            name = " ".join(tokens[:index])
            rest = " ".join(tokens[index + 1 :])
            if token.endswith(",") and rest:
                break  # "Ktor 3, React 18": several technologies, each with its version
            tail = _VERSION_TAIL.match(rest)
            if tail is not None:
                bare, rest = f"{bare} {tail.group(0)}", rest[tail.end() :].strip()
            return name, bare, rest
    return text, "", ""


def _purpose_of(role: str, remainder: str, layer: str | None) -> str:
    named = "" if layer in _LAYER_NAMES and role.strip().lower() == layer else role
    remainder = (
        remainder.lstrip("-\u2013\u2014/,;: ").strip() if remainder[:1] != "(" else remainder
    )
    if named and remainder:
        return f"{named} {remainder}" if remainder.startswith("(") else f"{named}: {remainder}"
    return named or remainder


def tech_item(lead: str, rest: str, section_layer: str | None) -> Tech:
    """The technology of a list item whose lead and rest are ``lead`` and ``rest``."""
    name, version, remainder = name_and_version(rest)
    # "Serving store: PostgreSQL 16": a name and its version follow a role
    named = bool(name and version and name[:1].isupper() and len(name.split()) <= _NAMED_WORDS)
    role = is_role(lead) or (named and not name_and_version(lead)[1])
    if rest and role and name and len(name.split()) <= _MAX_NAME_WORDS:
        layer = layer_of(lead) or section_layer
        return Tech(name, layer, version, _purpose_of(lead, remainder, layer))
    name, version, remainder = name_and_version(lead)
    if not name:
        name, version, remainder = lead, "", ""
    # "PostgreSQL 16: 2 replicas": with the version in the lead, the rest is all purpose
    purpose_version, purpose = _version_and_purpose(rest) if not version else ("", rest.strip())
    version = version or purpose_version
    if remainder:
        purpose = " ".join(part for part in (remainder, purpose) if part)
    return Tech(name, section_layer, version, purpose)


def _version_and_purpose(rest: str) -> tuple[str, str]:
    """``18.2 / UI rendering`` -> version and purpose; a text with no version first
    is all purpose."""
    first, _, remainder = rest.strip().partition(" ")
    first = first.rstrip(",;/")
    if _VERSION.fullmatch(first):
        return first, remainder.strip().lstrip("/-,;:\u2013\u2014 ").strip()
    return "", rest.strip()
