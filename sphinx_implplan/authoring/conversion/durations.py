"""Durations as plans write them: ``2 weeks``, ``10d``, ``~1 wk``, ``5 working days``,
``2 Wochen``, ``3\u65e5\u9593``, after an estimate's word in the languages plans are
written in (``approx.``, ``perkiraan``, ``\u7ea6``); sprints counted with their length
(``3 sprints of 2 weeks``, ``2 \u00d7 2 weeks``, ``3 sprints`` where the plan states
how long one is); and the sprint length a plan states (``2-week sprints``).

``two weeks after cut-over`` is no duration: it says when, from a day the plan may
not name.
"""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.calendar_words import alternation, unit_words
from sphinx_implplan.authoring.conversion.folding import fold
from sphinx_implplan.plan.values import InvalidValue, parse_duration

#: ``~2 weeks``, ``approx. 2 weeks``: an estimate is a duration all the same; also in
#: German, French, Spanish, Italian, Dutch, Swedish, Polish, Czech, Turkish,
#: Indonesian, Ukrainian, Russian, Chinese, Japanese and Korean
ROUGHLY = re.compile(
    r"^(?:~|\u2248|approx\.?|approximately|about|around|roughly|est\.?|estimated|ca\.?"
    r"|circa|etwa|ungef(?:\u00e4|a)hr|environ|aprox\.?|aproximadamente|ongeveer|cirka"
    r"|ungef(?:\u00e4|a)r|oko(?:\u0142|l)o|ok\.|cca\.?|p(?:\u0159|r)ibli(?:\u017e|z)n(?:\u011b|e)"
    r"|yakla(?:\u015f|s)(?:\u0131|i)k|perkiraan|sekitar|kurang lebih"
    r"|\u043f\u0440\u0438\u0431\u043b\u0438\u0437\u043d\u043e"
    r"|\u043e\u0440\u0456\u0454\u043d\u0442\u043e\u0432\u043d\u043e"
    r"|\u043f\u0440\u0438\u043c\u0435\u0440\u043d\u043e|\u043e\u043a\u043e\u043b\u043e"
    r"|\u5927\u7ea6|\u5927\u7d04|\u7ea6|\u7d04|\u9884\u8ba1|\u9810\u8a08|\uc57d)\s*",
    re.IGNORECASE,
)

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
#: the units of a week, accents folded: English, German, French, Spanish, Portuguese,
#: Italian, Dutch, Swedish, Danish, Norwegian, Hungarian, Turkish, Polish, Czech,
#: Indonesian, Malay, Finnish, Vietnamese, Catalan, Croatian (and the Slovenian
#: accusative, which CLDR does not give), Ukrainian, Russian,
#: Japanese, Chinese, Korean and Thai
_WEEK_UNITS = (
    r"wks?|weeks?|wochen?|semaines?|semanas?|settiman[ae]|weken|veckor|vecka|uger?|uker?"
    r"|hafta|tydzien|het|tuan|setmanes|setmana|tjedana|tjedna|tjedan|tjedne|tedne"
    r"|tygodnie|tygodni|tydny?|tydnu|minggu|viikkoa?|wythnos(?:au)?"
    r"|\u0442\u0438\u0436\u043d(?:\u0456|\u0456\u0432|\u044f)|\u0442\u0438\u0436\u0434\u0435\u043d\u044c"
    r"|\u043d\u0435\u0434\u0435\u043b(?:\u044f|\u0438|\u044c|\u044e)"
    r"|\u9031\u9593|\u9031|\u5468|\uc8fc(?:\uc77c)?|\uc8fc\uac04"
    # Thai, folded
    r"|\u0e2a\u0e31\u0e1b\u0e14\u0e32\u0e2b\u0e4c"
    # Hindi ``saptah``, ``hafte``, ``hafta``, folded (no virama, no nukta)
    r"|\u0938\u092a\u0924\u093e\u0939|\u0939\u092b\u0924\u0947|\u0939\u092b\u0924\u093e"
    # Greek, folded, and Hebrew
    r"|\u03b5\u03b2\u03b4\u03bf\u03bc\u03b1\u03b4\u03b5\u03c3|\u03b5\u03b2\u03b4\u03bf\u03bc\u03b1\u03b4\u03b1|\u03b5\u03b2\u03b4\u03bf\u03bc\u03b1\u03b4\u03c9\u03bd"
    r"|\u05e9\u05d1\u05d5\u05e2\u05d5\u05ea|\u05e9\u05d1\u05d5\u05e2"
)
_DAY_UNITS = (
    r"days?|tage?n?|jours?|dias?|giorn[oi]|dagen|dag(?:ar|e|er)?|gun|dni|dny|den|hari"
    r"|paivaa?|nap|ngay|dies|dana|dan"
    r"|\u0434\u043d(?:\u0456|\u0456\u0432|\u044f|\u0435\u0439|\u0438)|\u0434\u0435\u043d\u044c"
    r"|\u65e5\u9593|\u65e5|\u5929|\uc77c(?:\uac04)?|\u0e27\u0e31\u0e19"
    # Hindi ``din``
    r"|\u0926\u093f\u0928"
    # Greek, folded, and Hebrew
    r"|\u03b7\u03bc\u03b5\u03c1\u03b5\u03c3|\u03b7\u03bc\u03b5\u03c1\u03b1|\u03b7\u03bc\u03b5\u03c1\u03c9\u03bd|\u03bc\u03b5\u03c1\u03b5\u03c3"
    r"|\u05d9\u05de\u05d9\u05dd|\u05d9\u05d5\u05dd"
)
_CLDR_WEEKS, _CLDR_WEEKS_FIRST = unit_words("week")
_CLDR_DAYS, _CLDR_DAYS_FIRST = unit_words("day")
# CLDR's words for the languages the lists above do not name
_WEEK_UNITS += "|" + alternation(_CLDR_WEEKS)
_DAY_UNITS += "|" + alternation(_CLDR_DAYS)
#: a count and its unit, accents folded: ``1 wk``, ``2 Wochen``, ``3 jours``,
#: ``10 business days``, ``2\u9031\u9593``, ``3\uc77c``, Tagalog ``6 na linggo`` (its
#: linker between); working days in English, German, Dutch, French, Spanish and
#: Portuguese
_COUNTED = re.compile(
    r"(?P<count>\d{1,5}|one|two|three|four|five|six)\s*-?\s*(?:na\s+)?"
    r"(?:(?P<working>(?:working|work|business) days?|arbeitstage?|werkdagen"
    r"|jours? ouvr(?:e|a)bles?|jours? ouvres?|dias? (?:uteis|habiles|laborables))"
    rf"|(?P<unit>{_WEEK_UNITS}|{_DAY_UNITS}))"
)
_WEEK_UNIT = re.compile(_WEEK_UNITS)
#: a count after its unit, as some languages write it (Hausa ``makonni 3``)
_UNIT_FIRST = re.compile(
    rf"(?:(?P<week>{alternation(_CLDR_WEEKS_FIRST)})|{alternation(_CLDR_DAYS_FIRST)})"
    r"\s+(?P<count>\d{1,5})"
)
#: ``3-4 days``, ``2\u20133 weeks``: a range of counts of one unit (``Days 3-4`` names
#: days, its unit first)
_COUNT_RANGE = re.compile(r"\d{1,3}\s*(?:-|\u2013|\u2014|to)\s*(?P<last>\d{1,3}\s*[^\d\s-].*)")
_COUNT = r"(\d{1,2}|one|two|three|four|five|six)"
#: ``3 sprints of 2 weeks``, ``2 \u00d7 2 weeks``, ``3x 1-week sprints``: so many times
#: a length
_TIMES = re.compile(
    rf"{_COUNT}\s*(?:sprints?\s+of|x|\u00d7)\s*(?P<length>\d{{1,2}}\s*-?\s*\w+?)(?:\s+sprints?)?",
    re.IGNORECASE,
)
#: ``3 sprints``: counted in the plan's sprint length
_SPRINT_COUNT = re.compile(rf"{_COUNT}\s+sprints?", re.IGNORECASE)
_UNIT = r"(weeks?|days?)"
_SPRINT_LENGTHS = (
    re.compile(rf"\b{_COUNT}[- ]{_UNIT}[- ]sprints?\b", re.IGNORECASE),
    re.compile(
        rf"\bsprints?(?: length| duration)?\s*(?:of|are|is|last|lasting|:|=)\s*"
        rf"(?:about\s+)?{_COUNT}[- ]?{_UNIT}\b",
        re.IGNORECASE,
    ),
)


def length(count: int, unit: str) -> str | None:
    """``count`` days or weeks as the extension writes a duration."""
    written = f"{count} {unit}" + ("s" if count != 1 else "")
    return checks.duration(written)


def _in_days(days: int) -> str | None:
    return length(days // 7, "week") if days % 7 == 0 else length(days, "day")


def _count(text: str) -> int:
    return NUMBER_WORDS.get(text.lower()) or int(text)


def duration_of(text: str, sprint_days: int | None = None) -> str | None:
    """``2 weeks``, ``10d`` as written; ``~1 wk``, ``5 working days``, ``2 Wochen``,
    ``3\u65e5\u9593``, ``3 sprints of 2 weeks`` as the extension writes a duration; ``3 sprints`` where ``sprint_days`` says how long one
    is; ``3-4 days`` as its longer end; ``None`` for any other text."""
    text = ROUGHLY.sub("", " ".join(text.split()).strip().rstrip("."))
    if (written := checks.duration(text)) is not None:
        return written
    times = _TIMES.fullmatch(text)
    if times is not None:
        each = duration_of(times.group("length"))
        days = _days(each) if each is not None else None
        return _in_days(_count(times.group(1)) * days) if days is not None else None
    sprints = _SPRINT_COUNT.fullmatch(text)
    if sprints is not None:
        return _in_days(_count(sprints.group(1)) * sprint_days) if sprint_days else None
    ranged = _COUNT_RANGE.fullmatch(text)
    if ranged is not None:
        # ``3-4 days``: an estimate's range lasts as long as its longer end, so that
        # the duration is never shorter than the work
        return duration_of(ranged.group("last"), sprint_days)
    match = _COUNTED.fullmatch(fold(text))
    if match is None:
        first = _UNIT_FIRST.fullmatch(fold(text))
        if first is None:
            return None
        return length(int(first.group("count")), "week" if first.group("week") else "day")
    count = _count(match.group("count"))
    if match.group("working"):
        # five working days are a calendar week; the days past whole weeks are taken
        # as they come, so that the duration is never shorter than the work
        weeks, days = divmod(count, 5)
        if days == 0:
            return length(weeks, "week")
        return length(weeks * 7 + days, "day")
    unit = "week" if _WEEK_UNIT.fullmatch(match.group("unit")) else "day"
    return length(count, unit)


def _days(duration: str) -> int | None:
    try:
        return parse_duration(duration)
    except InvalidValue:
        return None


def sprint_days_in(texts: list[str]) -> int | None:
    """The one sprint length the texts state, in days; ``None`` for none or several."""
    found: set[int] = set()
    for text in texts:
        for pattern in _SPRINT_LENGTHS:
            for count, unit in pattern.findall(text):
                number = _count(count)
                found.add(number * (7 if unit.lower().startswith("w") else 1))
    return found.pop() if len(found) == 1 and 0 not in found else None
