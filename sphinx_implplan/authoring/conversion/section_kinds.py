"""Which part of a plan a section is, read from the words of its heading."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from sphinx_implplan.authoring.conversion.countdowns import countdown
from sphinx_implplan.authoring.conversion.markdown import normal_header

_Name = TypeVar("_Name")


def _patterns(
    pairs: tuple[tuple[_Name, str], ...],
) -> tuple[tuple[_Name, re.Pattern[str]], ...]:
    return tuple((name, re.compile(pattern)) for name, pattern in pairs)


def _first_named(patterns: tuple[tuple[_Name, re.Pattern[str]], ...], heading: str) -> _Name | None:
    """The name of the first pattern the heading's words match (first match wins)."""
    words = normal_header(heading)
    return next((name for name, pattern in patterns if pattern.search(words)), None)


class SectionKind(Enum):
    COMPONENTS = "components"
    DATA_MODEL = "data model"
    RELATIONSHIPS = "relationships"
    API = "api"
    TIMELINE = "timeline"
    DECISIONS = "decisions"
    RISKS = "risks"
    TESTING = "testing"
    ROLLOUT = "rollout"
    METRICS = "metrics"
    STACK = "stack"
    CONSIDERATIONS = "considerations"
    CHANGELOG = "changelog"


# first match wins: "Security Considerations" is a consideration, not a test level,
# and "Risks & Mitigation" a risk section
_KIND_WORDS = _patterns(
    (
        (SectionKind.CHANGELOG, r"\b(change ?log|revision history|version history|history)\b"),
        (SectionKind.CONSIDERATIONS, r"\bconsiderations?\b"),
        (SectionKind.TESTING, r"\btest(s|ing)?\b"),
        # risks by the stems plans use in many languages (Risiken, Rizika, Ryzyka,
        # Riskler, Risker, Risici, Kockazatok, ...) and by the English names of a
        # register; "cross-cutting concerns" and "separation of concerns" are design.
        # CJK writing has no word boundaries, so its words match anywhere
        (
            SectionKind.RISKS,
            (
                # "Not risks, but worth noting", "Known limitations (not risks)": none
                r"(?<!\bnot )(?<!\bnon )(?<!\bnon-)"
                r"\b(risk\w*|risi[kc]\w*|rizi[kc]\w*|ryzyk\w*|riesgos?|ris(?:ch|co)\w*|risqu\w*"
                r"|riscuri|kock[a\u00e1]zat\w*|r\u1ee7i ro|\u03ba\u03af\u03bd\u03b4\u03c5\u03bd\w*"
                r"|\u0440\u0438(?:\u0441\u043a|\u0437\u0438[\u043a\u0446])\w*"
                # Slovenian, Albanian and Hausa; Welsh and Swahili
                r"|tveganj\w*|rrezi\w*|ha[\u0257d]ar\w*|hadurr\w*|risg\w*|hatari"
                # Icelandic and Tagalog
                r"|\u00e1h\u00e6tt\w*|panganib\w*"
                r"|threats?|hazards?|(?<!cutting )(?<!of )concerns?|fmea|failure modes?"
                r"|known issues|pre-?mortems?|rabbit holes?|raid(?: log)?|challenges"
                # the idioms of a team's own register: "Known sharp edges", "Watch
                # list", "Pitfalls", "What keeps us up at night", "Red flags"
                r"|sharp edges|watch ?list|pitfalls?|gotchas|red flags|worries"
                r"|keeps? (?:us|me|the team) (?:up|awake) at night"
                # "Possible problems", "Potential issues", Croatian "Mogu\u0107i problemi"
                r"|(?:possible|potential|likely) (?:problems|issues|pitfalls)"
                r"|mogu\u0107i problemi|mogu\u0107e pote\u0161ko\u0107e"
                # "What could go wrong", "Things that could derail this", "What might
                # get in our way": a heading asking what may stop the plan
                r"|(?:could|can|might|may) (?:go wrong|derail|sink|block|delay|stop|kill"
                r"|hurt|bite|break|get in (?:our|the) way))\b"
                # Hindi: "jokhim" (risk)
                r"|\u091c\u094b\u0916\u093f\u092e"
                # Hebrew: "sikun", "sikunim" (risk, risks)
                r"|\u05e1\u05d9\u05db\u05d5\u05df|\u05e1\u05d9\u05db\u05d5\u05e0\u05d9\u05dd"
                r"|\u30ea\u30b9\u30af|\u61f8\u5ff5|\u98ce\u9669|\u98a8\u96aa|\uc704\ud5d8"
                r"|\ub9ac\uc2a4\ud06c|\u0e04\u0e27\u0e32\u0e21\u0e40\u0e2a\u0e35\u0e48\u0e22\u0e07"
            ),
        ),
        (
            SectionKind.DECISIONS,
            (
                r"\b(d[\u00e9e]cisions?|entscheidungen|decisi(?:ones|\u00f3n|on[ei])"
                r"|decis(?:\u00f5es|oes|\u00e3o|ao)|besluit(?:en)?)\b"
            ),
        ),
        (SectionKind.STACK, r"\b(stack|technolog(y|ies)|tech)\b"),
        (SectionKind.METRICS, r"\b(metrics?|kpis?|success criteria)\b"),
        # stages of a rollout; "Deployment & Maintenance" lists chores, not stages
        (
            SectionKind.ROLLOUT,
            (
                r"\b(roll ?-?outs?|launch|(release|deployment) (plan|stages?|strategy|phases?)"
                r"|(staged|phased|gradual|progressive) (deployment|release)s?)\b"
            ),
        ),
        # and the timeline in Afrikaans and Dutch
        (SectionKind.TIMELINE, r"\b(timeline|schedule|milestones?|tydlyn|tijdlijn)\b"),
        (SectionKind.RELATIONSHIPS, r"\brelationships?\b"),
        (SectionKind.API, r"\b(apis?|endpoints?)\b"),
        (SectionKind.DATA_MODEL, r"\b(data model|entities|entity|schema|data structures?)\b"),
        (SectionKind.COMPONENTS, r"\bcomponents?\b"),
    )
)

#: the words of a phase heading; those after ``milestone`` are phases only outside a
#: section of another kind (a rollout's ``### Stage 1``, a test's ``### Step 1``)
#: "phase" in English, Spanish, Portuguese, Italian, Dutch, Czech, Slovak, Polish,
#: Turkish, Russian, Ukrainian, Japanese, Swedish and Greek, and "milestone"
_PHASE_ITSELF_WORDS = (
    *("phase", "fase", "milestone", "f\u00e1ze", "faze", "faza", "faz"),
    # Swahili
    "awamu",
    *("\u0444\u0430\u0437\u0430", "\u30d5\u30a7\u30fc\u30ba", "fas", "\u03c6\u03ac\u03c3\u03b7"),
)
#: "stage" or "step": phases outside a section of another kind (a rollout's stages)
_STAGE_WORDS = (
    *("stage", "iteration", "step", "sprint", "etappe", "etapa", "\u00e9tape", "etape"),
    # Polish, Czech, Turkish, Russian, Ukrainian, Finnish, Indonesian, Vietnamese,
    # Hindi, Hebrew and Hausa
    *("etap", "a\u015fama", "\u044d\u0442\u0430\u043f", "\u0435\u0442\u0430\u043f"),
    *(
        "vaihe",
        "tahap",
        "tahapan",
        "giai \u0111o\u1ea1n",
        "\u091a\u0930\u0923",
        "\u05e9\u05dc\u05d1",
        # Hausa
        "mataki",
        # Icelandic and Tagalog
        "\u00e1fangi",
        "yugto",
    ),
    # Korean, Japanese and Chinese; Thai ("phase no.")
    *("\ub2e8\uacc4", "\u6bb5\u968e", "\u9636\u6bb5", "\u0e23\u0e30\u0e22\u0e30\u0e17\u0e35\u0e48"),
)
PHASE_WORDS = (*_PHASE_ITSELF_WORDS, *_STAGE_WORDS)
#: the words that mean "phase" itself, in any language: a phase wherever it stands
PHASE_ITSELF = frozenset(_PHASE_ITSELF_WORDS)
#: the words written after their number: ``1\ub2e8\uacc4`` (Korean), ``\u7b2c1\u6bb5\u968e``
#: (Japanese), ``\u7b2c\u4e00\u9636\u6bb5`` (Chinese), ``1. A\u015fama`` (Turkish), ``2. Etap``
_NUMBER_FIRST_WORDS = (
    *("\ub2e8\uacc4", "\u6bb5\u968e", "\u9636\u6bb5", "\u30d5\u30a7\u30fc\u30ba"),
    *("a\u015fama", "etap", "faz", "f\u00e1ze", "faze", "faza"),
    # Lithuanian: ``1 etapas``, ``2 faz\u0117``; Icelandic: ``1. \u00e1fangi``
    *("etapas", "faz\u0117", "\u00e1fangi"),
)
_CJK_NUMERALS = "\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341"
_NUMBER_FIRST = re.compile(
    r"(?:\[(?P<mark>[ xX])\]\s*)?\u7b2c?\s*(?P<number>\d{1,3}|[" + _CJK_NUMERALS + r"])"
    r"\s*\.?\s*(?P<word>" + "|".join(_NUMBER_FIRST_WORDS) + r")(?![^\W\d_])\s*"
    r"(?:\((?P<span>[^()]*)\)\s*)?(?::|-|\u2013|\u2014|\.|\)|\uff1a|\u30fb)?\s*(?P<rest>.*)",
    re.IGNORECASE,
)
_PHASE_HEADING = re.compile(
    r"(?:\[(?P<mark>[ xX])\]\s*)?"
    # the document's section number before it: ``4.5 Phase 5 \u2014 QA``
    r"(?:\d{1,2}(?:\.\d{1,2})+\.?\s+)?"
    r"(?P<word>" + "|".join(PHASE_WORDS) + r")"
    # CJK words need no space before their number: ``\u30d5\u30a7\u30fc\u30ba1``
    r"(?:\s+|(?<=[\u3000-\u9fff\uac00-\ud7af]))"
    # the number's own word: ``Phase No. 2``, ``Etapa nr 3``, ``Fase n.\u00ba 1``, Hausa
    # ``Mataki na 1``, Swahili ``Awamu ya 1``
    r"(?:(?:no|nr|n\.?\s?[\u00b0\u00ba]|na|ya)\.?\s*(?=\d))?"
    # "Phase 3+" sums up what is left, in spec-kit plans: no phase; "Phase B" is one
    r"(?P<number>\d+(?:\.\d+)*|(?-i:[A-Z])(?!\w|\.\w))(?!\d|\+|\.\d)\s*"
    r"(?:\((?P<span>[^()]*)\)\s*)?(?::|-|\u2013|\u2014|\.|\))?\s*(?P<rest>.*)",
    re.IGNORECASE,
)
#: a span at the end of a phase's name: ``(Week 1)``, ``[Days 2-3]``, `` - Sprint 3``
_TRAILING_SPAN = re.compile(
    r"\s*(?:\((?P<paren>[^()]*)\)|\[(?P<bracket>[^\[\]]*)\]|"
    r"\s(?:-|\u2013|\u2014)\s+(?P<dash>[^-\u2013\u2014]*?))\s*$"
)
#: a checkbox after a phase's title: ``Phase 1: Core [x]``
_LAST_CHECKBOX = re.compile(r"\s*\[([ xX])\]\s*$")
#: marks people put on a heading that is done
_DONE_MARKS = frozenset("\u2705\u2714\u2611\u2713")
#: what joins or varies emoji: no text of its own
_EMOJI_PARTS = frozenset("\ufe0e\ufe0f\u200d\u20e3")


def kind_of(heading: str) -> SectionKind | None:
    return _first_named(_KIND_WORDS, heading)


@dataclass(frozen=True)
class PhaseTitle:
    """What a ``Phase N: Name`` heading says."""

    #: ``"1"``, ``"7.1"``
    number: str
    #: the name without the number, marks and span: ``Core``
    name: str
    #: the item's title: the heading without emoji or checkbox marks
    title: str
    #: a span the title carries (``Week 1``, ``2 weeks``), as written
    span: str | None
    #: whether the heading is marked done (``[x]``, a check mark)
    done: bool
    #: whether it carries a checkbox or a check mark, as a progress list does
    marked: bool
    #: the word naming it, lower case (``phase``, ``stage``); ``""`` for ``A. Name``
    word: str = "phase"
    #: the status an Org mode keyword gives it (``TODO``: ``planned``)
    status: str | None = None
    #: its Org mode tags (``:infra:ops:``)
    tags: tuple[str, ...] = ()


def _without_emoji(text: str) -> str:
    """``text`` without pictographs (pdflatex cannot print them); Latin-1 symbols
    such as the degree sign stay."""
    kept = [
        char
        for char in text
        if char not in _EMOJI_PARTS
        and not (ord(char) >= 0x2190 and unicodedata.category(char) == "So")
        and not 0x1F3FB <= ord(char) <= 0x1F3FF
    ]
    return " ".join("".join(kept).split())


#: for the modules that read phases by the plan's shape
without_emoji = _without_emoji


#: Org mode's keywords before a heading's title (``DONE Phase 1: Test cluster``), by
#: the phase status each says, and its tags after it (``:infra:``, as code or not)
ORG_STATUSES = {
    **dict.fromkeys(("TODO",), "planned"),
    **dict.fromkeys(("NEXT", "STARTED", "IN-PROGRESS", "WIP"), "in-progress"),
    **dict.fromkeys(("DONE",), "done"),
    **dict.fromkeys(("WAITING", "HOLD", "BLOCKED"), "blocked"),
}
_ORG_KEYWORD = re.compile(r"(?P<keyword>" + "|".join(ORG_STATUSES) + r")\s+")
_ORG_TAGS = re.compile(r"\s+(`?):(?P<tags>[\w@#%]+(?::[\w@#%]+)*):\1\s*$")


def phase_heading(heading: str) -> PhaseTitle | None:
    """``Phase 1: Foundation`` and its looser forms (``\U0001f3af Phase 7.1: Polish``,
    ``[x] Phase 2 (Weeks 2-3): Sync``, Org mode's ``DONE Phase 1: Pilot :infra:``);
    ``None`` for other headings."""
    keyword = _ORG_KEYWORD.match(heading)
    tags = _ORG_TAGS.search(heading) if keyword is not None else None
    if keyword is not None:
        heading = heading[keyword.end() : tags.start() if tags else None]
    done = any(char in _DONE_MARKS for char in heading)
    title = _without_emoji(heading)
    last_mark = _LAST_CHECKBOX.search(title)
    if last_mark is not None:
        title = title[: last_mark.start()]
    match = _PHASE_HEADING.fullmatch(title) or _NUMBER_FIRST.fullmatch(title)
    if match is None:
        return None
    marks = {match.group("mark"), last_mark.group(1) if last_mark else None}
    done = done or bool(marks & {"x", "X"})
    if match.group("mark") is not None:
        title = title[match.end("mark") + 1 :].lstrip()
    rest = match.group("rest").strip()
    span = match.group("span")
    if span is not None and not _is_span(span):
        rest, span = f"({span}) {rest}".strip(), None
    trailing = _TRAILING_SPAN.search(rest) if span is None else None
    found = next((group for group in trailing.groups() if group), "") if trailing else ""
    if trailing is not None and _is_span(found):
        span, rest = found, rest[: trailing.start()].strip()
    marked = done or marks != {None}
    span = span.strip() if span is not None else ""
    number = match.group("number")
    if number in _CJK_NUMERALS:
        number = str(_CJK_NUMERALS.index(number) + 1)
    word = match.group("word").lower()
    if number.isalpha() and (word not in {"phase", "fase", "stage", "etappe", "etapa"}):
        return None
    status = ORG_STATUSES[keyword["keyword"]] if keyword is not None else None
    found_tags = tuple(tags["tags"].split(":")) if tags is not None else ()
    return PhaseTitle(number, rest, title, span or None, done, marked, word, status, found_tags)


_SPAN_WORDS = re.compile(
    r"\b(weeks?|wks?|days?|sprints?|months?|q[1-4]|wochen?|tage?|semaines?|jours?|semanas?"
    r"|d\u00edas?|dias?|settiman[ae]|giorn[oi]|weken|dag|dagen"
    # weeks and days in Turkish, Czech, Polish and Russian
    r"|hafta|g\u00fcn|t\u00fdd(?:en|ny|n\u016f)|dn(?:\u00ed|y|i)|tydzie\u0144|tygodni(?:e)?"
    r"|\u043d\u0435\u0434\u0435\u043b\w*|\u0434\u043d\w*"
    # Welsh weeks
    r"|wythnos(?:au)?)\b"
    # in Japanese, Chinese and Korean, after their number: ``2\u9031\u9593``, ``3\uc8fc``
    r"|\d\s*(?:\u9031|\u5468|\u65e5|\u4e2a?\u6708|\u30f6\u6708|\uc8fc|\uc77c|\uac1c\uc6d4)"
    r"|\d{4}-\d{2}-\d{2}"
    # calendar and work weeks: ``KW 3``, ``WW10``, ``CW14``, Swedish ``v. 10``; project
    # months ``M1-M18``; quarters in Chinese, Japanese and Korean
    r"|\b(?:kw|ww|cw)\s*\d|\bv\.\s*\d|\bm\d{1,3}\s*[-\u2013\u2014]\s*m\d{1,3}\b"
    r"|[\d\u4e00\u4e8c\u4e09\u56db]\s*(?:\u5b63\u5ea6|\u56db\u534a\u671f|\ubd84\uae30)"
    # a day of a month, ``Oct 6``, ``September 15``, or a month of a year ending the
    # text, ``target: March 2027`` (``March 2026 pilot`` names the pilot)
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\.?\s+"
    r"(?:\d{1,2}\b|(?:19|20)\d\d\s*$)",
    re.IGNORECASE,
)


#: ``A. Collector rollout``, ``B) Cutover``: a phase where its siblings form a series
_LETTERED = re.compile(r"(?P<letter>[A-Z])(?:\.|\)|:)\s+(?P<rest>\S.*)")


def lettered_heading(heading: str) -> PhaseTitle | None:
    """``A. Collector rollout`` read as ``Phase A``; whether it is one depends on its
    siblings (:mod:`.phase_sections`)."""
    match = _LETTERED.fullmatch(_without_emoji(heading))
    if match is None:
        return None
    found = phase_heading(f"Phase {match.group('letter')}: {match.group('rest')}")
    if found is None:
        return None
    return PhaseTitle(
        found.number, found.name, _without_emoji(heading), found.span, False, False, ""
    )


def is_span(text: str) -> bool:
    """Whether ``text`` names time (``Weeks 1-2``, ``Mar 2 - Mar 13``)."""
    return _is_span(text)


def _is_span(text: str) -> bool:
    """Whether a bracket or dash part of a title names time: ``(API)`` is part of the
    name; a countdown (``T-14d to T-3d``, ``SOP -20w to SOP -14w``) does."""
    if countdown(text) is not None:
        return True
    return bool(_SPAN_WORDS.search(text)) and any(char.isdigit() for char in text)


_LAYERS = _patterns(
    (
        ("frontend", r"\b(front ?-?end|client|ui|web|mobile|apps?)\b"),
        ("backend", r"\b(back ?-?end|server|services?)\b"),
        ("database", r"\b(databases?|db|data|storage|persistence)\b"),
        ("infrastructure", r"\b(infrastructure|infra|hosting|cloud|platform|operations)\b"),
        ("tooling", r"\b(tooling|tools|ci|cd|build|devops|developer)\b"),
    )
)


def layer_of(heading: str) -> str | None:
    return _first_named(_LAYERS, heading)


_TEST_LEVELS = _patterns(
    (
        ("unit", r"\bunit\b"),
        ("integration", r"\bintegration\b"),
        ("e2e", r"\b(end ?-?to ?-?end|e2e)\b"),
        ("performance", r"\b(performance|load|stress)\b"),
        ("security", r"\b(security|penetration|pen)\b"),
        ("manual", r"\b(manual|acceptance|uat|exploratory)\b"),
    )
)


def test_level_of(heading: str) -> str | None:
    return _first_named(_TEST_LEVELS, heading)


_CONSIDERATION_KINDS = _patterns(
    (
        ("security", r"\b(security|privacy)\b"),
        ("performance", r"\b(performance|scalability)\b"),
        ("accessibility", r"\b(accessibility|a11y)\b"),
        ("operations", r"\b(operations|operational|ops|reliability|monitoring)\b"),
    )
)


def consideration_kind_of(heading: str) -> str | None:
    return _first_named(_CONSIDERATION_KINDS, heading)
