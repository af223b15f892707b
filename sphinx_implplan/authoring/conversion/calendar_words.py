"""Month names, and the words a duration counts its weeks and days in, for the
languages plans are written in, from the Unicode CLDR through Babel (which Sphinx
installs): a plan in Latvian, Albanian or Hausa dates its phases as one in English
does, with no table of its own here.

:mod:`.month_names` and :mod:`.durations` keep their own words too: short forms and
spellings CLDR does not give, and choices it cannot make (which of two languages'
``listopad`` a plan means). Where they name a word, theirs is kept.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from babel import Locale, UnknownLocaleError, units

from sphinx_implplan.authoring.conversion.folding import fold

#: the languages read, as CLDR names them, one locale each (Serbian in both its
#: scripts): the most written ones. CLDR knows hundreds more, but the month names of
#: many are common words of others (``di``, ``me``, ``here``).
_NAMES = (
    "af am ar az be bg bn bs ca cs cy da de el en es et eu fa fi fil fo fr ga gl gu ha "
    "he hi hr hu hy id is it ja ka kk km kn ko ky lb lo lt lv mk ml mn mr ms mt my nb "
    "ne nl nn pa pl ps pt ro ru si sk sl so sq sr sr_Latn sv sw ta te th tr uk ur uz "
    "vi xh yo zh zu"
)
LANGUAGES = tuple(_NAMES.split())

#: the shortest month name or unit word read, in letters: shorter ones are words of
#: other languages too (``ma``, ``lui``, ``kur``)
_SHORTEST = 4
#: counts a duration is spelt with in CLDR, one of each plural form of every
#: language read (one, two, few, many, other; Lithuanian's 11 to 19)
_COUNTS = (1, 2, 3, 5, 11, 21, 22, 25, 100)


@functools.cache
def _locales() -> tuple[Locale, ...]:
    found = []
    for name in LANGUAGES:
        try:
            found.append(Locale.parse(name))
        except (UnknownLocaleError, ValueError):
            # a Babel without the language reads the others
            continue
    return tuple(found)


def _usable(word: str) -> bool:
    # a name in another script than the Latin is no word of the plans' other languages
    # however short (Bulgarian ``\u044e\u043d\u0438``)
    shortest = _SHORTEST if word.isascii() else _SHORTEST - 1
    return len(word) >= shortest and not any(char.isdigit() or char.isspace() for char in word)


@functools.cache
def month_names() -> dict[str, int]:
    """Every month's names in full, as dates and as titles write them, folded; not
    their short forms, many of which are words (Lithuanian ``rugs.``, Irish ``Noll``),
    and not a name two languages give to different months."""
    months: defaultdict[str, set[int]] = defaultdict(set)
    for locale in _locales():
        for context in ("format", "stand-alone"):
            for month, name in locale.months[context]["wide"].items():
                word = fold(name)
                if _usable(word):
                    months[word].add(month)
    return {word: next(iter(found)) for word, found in months.items() if len(found) == 1}


@functools.cache
def unit_words(unit: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words ``unit`` (``week``, ``day``) is counted in, folded: those written after
    the count (``6 nedelas``) and those written before it (Hausa ``makonni 3``)."""
    after: set[str] = set()
    before: set[str] = set()
    for locale in _locales():
        for count in _COUNTS:
            written = fold(
                units.format_unit(count, f"duration-{unit}", length="long", locale=locale)
            )
            head, number, tail = written.partition(str(count))
            if not number:
                continue
            word, side = (tail.strip(), after) if tail.strip() else (head.strip(), before)
            if len(word) >= _SHORTEST - 1 and not re.search(r"[\d{}]", word):
                side.add(word)
    return frozenset(after), frozenset(before)


#: a literal word a CLDR date pattern writes after its year or day, with the full stop
#: after it if the pattern has one: Bulgarian ``y '\u0433'.``, Lithuanian ``y 'm'. MMMM d
#: 'd'.``, Latvian ``y. 'gada'``
_AFTER_NUMBER = re.compile(r"[yd]+[.\s\u202f]*'([^']+)'(\.?)")


@functools.cache
def number_marks() -> re.Pattern[str]:
    """What dates in the languages read write after a year or a day (``2027 \u0433.``,
    ``2027 m. sausio 11 d.``), folded, as one pattern that a date is read without."""
    marks: set[str] = set()
    for locale in _locales():
        for width in ("full", "long", "medium"):
            for word, stop in _AFTER_NUMBER.findall(locale.date_formats[width].pattern):
                # the full stop may be a sentence's, already taken off at the end
                marks.add(re.escape(fold(word)) + (r"(?:\.|$)" if stop else r"(?!\w)"))
    return re.compile(
        r"(?<=\d)[.\s]*(?:" + "|".join(sorted(marks, key=lambda mark: (-len(mark), mark))) + ")"
    )


def alternation(words: frozenset[str] | set[str]) -> str:
    """``words`` as one regular expression, the longest first."""
    return "|".join(map(re.escape, sorted(words, key=lambda word: (-len(word), word))))
