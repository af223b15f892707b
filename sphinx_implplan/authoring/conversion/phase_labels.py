"""Lines of a phase's body that say when it runs: ``When: 3 March to 14 March``,
``**ETA**: end of February 2027``, ``- Target: March 2027``, ``Est. 5d``, bold or
plain, at the start of a paragraph's line or of a list item, in English and in the
languages plans are written in.

What the label says decides what the value gives: a range (``When``, ``Period``,
``Sprints``) its first and last day, or a duration; a deadline (``Target``, ``Due``,
``ETA``) the last day of what it names, unless it names a range; ``Start`` and
``End`` one day each. A value with words around its date (``nach den Osterferien,
12.04.\u201328.05.2027, in vier Gruppen``) gives that date where it names one only,
and a deadline's value naming several the one its deadline clause names (``before
Black Friday (28 Nov 2025), with code freeze from 17 Nov``: :mod:`.dates_in_prose`). Several labels may share a line (``**Start:** 6 April
2027 \u00b7 **End:** 30 April 2027``): each is read.

A phase's first paragraph may say when without a label: a line that is only spans,
perhaps emphasised or after a calendar sign, its parts split at `` \u00b7 `` or `` | ``
(``*2 weeks \u00b7 3-14 March*``, ``\U0001f4c5 3-21 March 2025``), or a line of
short tags one of which says when (``v2.3 | due 14 May 2027 | 13 pts``):
:func:`span_lines`.

The line itself stays in the phase's body as written: its label says more than the
options (an ETA is no promise), and a plain label is no field name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from sphinx_implplan.authoring.conversion.dates_in_prose import deadline_among, one_date_among
from sphinx_implplan.authoring.conversion.folding import fold
from sphinx_implplan.authoring.conversion.markdown import Text
from sphinx_implplan.authoring.conversion.phase_spans import (
    Anchors,
    Span,
    duration_after_event,
    span_of,
)
from sphinx_implplan.authoring.conversion.written_dates import names_a_date, points


class Says(Enum):
    """What a schedule label's value says about the phase."""

    #: when it runs: a range, a month, a duration
    PERIOD = "period"
    #: when it is due: a day, or the last day of a month, quarter or week
    DUE = "due"
    START = "start"
    END = "end"


def _named(names: str, says: Says) -> dict[str, Says]:
    return dict.fromkeys((fold(name.strip()) for name in names.split(",")), says)


#: the labels of a duration, whose value may name the event it follows (``Duration: 8
#: weeks after the pilot ends``: :func:`.duration_after_event`)
_DURATION_NAMES = (
    "duration, estimate, est, estimated effort, estimated duration, effort, length,"
    "dauer, duraci\u00f3n, dur\u00e9e, s\u00fcre, duur, dura\u00e7\u00e3o, durata,"
    "varaktighet, kesto, czas trwania, doba trv\u00e1n\u00ed, durasi, estimasi,"
    "id\u0151tartam,"
    "\u0442\u0440\u0438\u0432\u0430\u043b\u0456\u0441\u0442\u044c,"
    "\u0434\u043b\u0438\u0442\u0435\u043b\u044c\u043d\u043e\u0441\u0442\u044c,"
    "\u5de5\u671f, \u6301\u7eed\u65f6\u95f4, \u6240\u8981\u671f\u9593,"
    "\u0e23\u0e30\u0e22\u0e30\u0e40\u0e27\u0e25\u0e32,"
    # Catalan, Croatian, Malay, Estonian, Greek and Hebrew; Icelandic and Tagalog
    "durada, trajanje, tempoh, tempoh pelaksanaan, kestus, t\u00edmalengd, tagal,"
    "\u03b4\u03b9\u03ac\u03c1\u03ba\u03b5\u03b9\u03b1, \u03c7\u03c1\u03bf\u03bd\u03bf\u03b4\u03b9\u03ac\u03b3\u03c1\u03b1\u03bc\u03bc\u03b1, \u05dc\u05d5\u05d7 \u05d6\u05de\u05e0\u05d9\u05dd, \u05de\u05e9\u05da, \u05de\u05e9\u05da \u05d6\u05de\u05df"
)
_DURATIONS = frozenset(_named(_DURATION_NAMES, Says.PERIOD))

#: the labels, as compared once folded (:func:`.written_dates.fold`), and what each
#: says: in English, German, Portuguese, Spanish, French, Italian, Dutch, Swedish,
#: Polish, Czech, Romanian, Finnish, Turkish, Indonesian, Ukrainian, Russian, Chinese,
#: Japanese, Korean, Thai, Catalan, Croatian, Malay, Hindi, Greek, Hebrew, Icelandic,
#: Tagalog and Estonian (its duration)
_LABELS: dict[str, Says] = {
    **_named(
        "when, timeline, timeframe, time frame, timebox, time box, dates, period, window,"
        # Org mode's planned days: one day when work starts, or a range
        "scheduled,"
        "schedule, months, project months, zeitraum, perioada, aikataulu, ajankohta, sprint, sprints, periodo, fecha, fechas, tarih, calendrier,"
        "tid, tidsperiod, datum, vecka, veckor, okres, harmonogram, obdob\u00ed, jadwal,"
        "periode, \u043f\u0435\u0440\u0456\u043e\u0434, \u0434\u0430\u0442\u0438,"
        "\u0441\u0440\u043e\u043a\u0438, \u65f6\u95f4, \u5468\u671f, \u65e5\u7a0b,"
        "\u8ba1\u5212\u65f6\u95f4, \u671f\u9593, \u30b9\u30b1\u30b8\u30e5\u30fc\u30eb,"
        "\uae30\uac04, \uc77c\uc815, \u0e0a\u0e48\u0e27\u0e07\u0e40\u0e27\u0e25\u0e32,"
        # Vietnamese, folded: ``Th\u1eddi gian``, ``L\u1ecbch``
        "thoi gian, lich, thoi han thuc hien,"
        # Catalan, Croatian, Malay and Hindi (``avadhi``, ``samayavadhi``)
        "calendari, periode de treball, razdoblje, vremenski okvir, jangka masa,"
        "\u0905\u0935\u0927\u093f, \u0938\u092e\u092f\u093e\u0935\u0927\u093f,"
        # Icelandic and Tagalog
        "t\u00edmabil, t\u00edmasetning, petsa, panahon, iskedyul",
        Says.PERIOD,
    ),
    **_named(_DURATION_NAMES, Says.PERIOD),
    **_named(
        "eta, target, target date, target end, due, due date, deadline, \u00e9ch\u00e9ance,"
        "prazo, termin, frist, zieltermin, f\u00e4llig, plazo, scadenza, slutdatum,"
        "hat\u00e1rid\u0151, fecha limite, fecha de entrega, fecha objetivo, han chot,"
        "klart senast, valmis viimeistaan, maaraaika, takaraja, termen, termen limita,"
        "tenggat, batas waktu, \u0442\u0435\u0440\u043c\u0456\u043d,"
        "\u0441\u0442\u0440\u043e\u043a, \u0441\u0440\u043e\u043a,"
        "\u0434\u0435\u0434\u043b\u0430\u0439\u043d, \u622a\u6b62, \u622a\u6b62\u65e5\u671f,"
        "\u671f\u9650, \u7d0d\u671f, \ub9c8\uac10,"
        "\u0e01\u0e33\u0e2b\u0e19\u0e14\u0e40\u0e2a\u0e23\u0e47\u0e08,"
        # Catalan, Croatian, Malay and Hindi (``samay-seema``, ``lakshya tithi``)
        "data objectiu, data limit, termini, rok, krajnji rok, tarikh sasaran, tarikh akhir,"
        "\u0938\u092e\u092f-\u0938\u0940\u092e\u093e,"
        "\u0932\u0915\u094d\u0937\u094d\u092f \u0924\u093f\u0925\u093f,"
        # Greek and Hebrew
        "\u03c0\u03c1\u03bf\u03b8\u03b5\u03c3\u03bc\u03af\u03b1, \u05ea\u05d0\u05e8\u05d9\u05da \u05d9\u05e2\u05d3,"
        # Icelandic and Tagalog
        "skiladagur, lokafrestur, takdang petsa",
        Says.DUE,
    ),
    **_named(
        "start, starts, start date, begin, beginn, inicio, d\u00e9but, ba\u015flang\u0131\u00e7,"
        "startdatum, rozpocz\u0119cie, pocz\u0105tek, za\u010d\u00e1tek, zah\u00e1jen\u00ed,"
        "inizio, inceput, data de inceput, alku, aloitus, mulai, tanggal mulai, \u043f\u043e\u0447\u0430\u0442\u043e\u043a,"
        "\u043d\u0430\u0447\u0430\u043b\u043e, \u5f00\u59cb, \u5f00\u59cb\u65e5\u671f,"
        "\u958b\u59cb, \uc2dc\uc791, bat dau, ngay bat dau,"
        # Catalan, Croatian, Malay and Hindi (``prarambh``)
        "data d'inici, inici, pocetak, tarikh mula, \u092a\u094d\u0930\u093e\u0930\u0902\u092d,"
        # Greek and Hebrew
        "\u03ad\u03bd\u03b1\u03c1\u03be\u03b7, \u05d4\u05ea\u05d7\u05dc\u05d4,"
        # Icelandic and Tagalog
        "upphaf, simula",
        Says.START,
    ),
    **_named(
        "end, ends, end date, finish, ende, fim, fin, biti\u015f, slut, zako\u0144czenie,"
        "koniec, konec, sfarsit, data de sfarsit, loppu, selesai, tanggal selesai, \u043a\u0456\u043d\u0435\u0446\u044c,"
        "\u0437\u0430\u0432\u0435\u0440\u0448\u0435\u043d\u043d\u044f,"
        "\u043e\u043a\u043e\u043d\u0447\u0430\u043d\u0438\u0435, \u7ed3\u675f,"
        "\u7ed3\u675f\u65e5\u671f, \u7d42\u4e86, \uc885\ub8cc, ket thuc, ngay ket thuc,"
        # Catalan, Croatian, Malay and Hindi (``samapti``)
        "data de finalitzacio, final, zavrsetak, tarikh tamat, tamat,"
        "\u0938\u092e\u093e\u092a\u094d\u0924\u093f,"
        # Greek and Hebrew
        "\u03bb\u03ae\u03be\u03b7, \u05e1\u05d9\u05d5\u05dd,"
        # Icelandic and Tagalog
        "lok, katapusan, pagtatapos",
        Says.END,
    ),
}
#: ``Label: value``, ``**Label**: value``, ``**Label:** value``, ``_Label: value_``,
#: ``**Due: 31 August 2027** (hard deadline)``, after any emoji; the empty marker
#: lets a plain label match the same way
_LINE = re.compile(
    r"[^\w*_\[]*(?P<open>\*\*|__|\*|_|)(?P<label>[^\W\d_][^:\uff1a*_]{0,30}?)\s*"
    r"(?:(?P=open)\s*[:\uff1a]|[:\uff1a]\s*(?P=open)|(?P<unclosed>[:\uff1a])(?=\s))"
    r"\s*(?P<value>\S.*)"
)
#: the words that qualify a label without changing what it says: ``Planned window``,
#: ``Expected execution dates``, ``Tentative timeframe``
_QUALIFIERS = re.compile(
    r"^(?:(?:planned|expected|estimated|proposed|tentative|indicative|provisional"
    r"|execution|delivery|working"
    # what the label dates: ``Stage dates``, ``Sprint window``, ``Phase timeline``
    r"|stage|phase|step|sprint|milestone|wave|iteration)\s+)+"
)
#: ``Est. 5d``: an estimate's short label ends with its full stop
_ESTIMATE = re.compile(
    r"[^\w*_\[]*(?P<open>\*\*|__|\*|_|)(?P<label>est)\.(?P=open)\s+(?P<value>\S.*)", re.IGNORECASE
)
#: a remark in a label: ``Due date (tentative)``
_REMARK = re.compile(r"\([^()]*\)")
#: where a line holds several labels: ``Start: 2027-03-01 | End: 2027-03-19``,
#: ``**Owner**: Ana; **Due**: 12 May``, split where a label follows
#: ``SCHEDULED: <2027-02-15 Mon> DEADLINE: <2027-03-19 Fri>``: Org mode's planning
#: line, whose labels only a space parts
_SEPARATOR = re.compile(r"\s+[\u00b7|]\s+|;\s+|\s+(?=(?:SCHEDULED|DEADLINE|CLOSED):)")


@dataclass(frozen=True)
class ScheduleLine:
    """A line of a phase's body whose label says when the phase runs."""

    label: str
    says: Says
    value: Text
    line: int
    #: whether the label names a duration (``Duration``, ``Kestus``)
    duration: bool = False

    def values(
        self, sprint_days: int | None, year: int | None, anchors: Anchors | str | None
    ) -> list[tuple[str, str]]:
        """The phase options the value gives, by what the label says; none where the
        value is no span or date of that kind."""
        deadline = self.says in {Says.DUE, Says.END}
        text = self.value.plain
        found = span_of(text, sprint_days, year, deadline=deadline)
        if found is None:
            # a range says when the phase runs; a day alone, only when it starts or
            # ends, which a period label does not say
            among = one_date_among(text, year, range_only=self.says is Says.PERIOD)
            if among is None and self.says is Says.DUE:
                among = deadline_among(text, year)
            found = span_of(among, sprint_days, year, deadline=deadline) if among else None
        if found is None and self.duration:
            found = duration_after_event(text, sprint_days)
        if found is None:
            found = _first_clause_span(text, sprint_days, year, deadline=deadline)
        given = found.values(anchors) if found is not None else []
        if self.says is Says.START:
            return [(name, value) for name, value in given if name == "start"][:1]
        if self.says is Says.END:
            return [(name, value) for name, value in given if name == "end"][:1]
        return given


def _first_clause_span(
    text: str, sprint_days: int | None, year: int | None, *, deadline: bool
) -> Span | None:
    """``Weeks 13-14; go-live set for Friday 14 November``: the span of the value's
    first clause, where a remark after a semicolon dates something else and so made
    the whole value two dates."""
    head, separator, _ = text.partition(";")
    if separator and head.strip():
        return span_of(head.strip(), sprint_days, year, deadline=deadline)
    return _duration_then_start(text, sprint_days, year)


#: what follows a duration to say when it starts: ``3 weeks, starting 12 April``,
#: ``6 weeks from mid-April``, ``3 setmanes, a partir del 12 d'abril``, ``8 minggu,
#: bermula Mac``
_STARTING = re.compile(
    r"\s*,?\s+(?:from|starting(?:\s+on)?|beginning|begins|a partir del?|des del?"
    r"|desde|od|ab|vanaf|bermula|mulai|dari|fr\u00e5n|alkaen)\s+",
    re.IGNORECASE,
)


def _duration_then_start(text: str, sprint_days: int | None, year: int | None) -> Span | None:
    """``3 weeks, starting 12 April 2027``: the duration before a comma or a word for
    "from", and the start the rest names where it names one; the duration alone
    where the rest is a remark (``5 weeks, March and early April``)."""
    starting = _STARTING.search(text)
    if starting is not None:
        head, rest = text[: starting.start()], text[starting.end() :]
    else:
        head, rest = text.partition(",")[0], ""
    found = span_of(head.strip(), sprint_days, year) if head.strip() else None
    if found is None or found.duration is None or found != Span(duration=found.duration):
        return None
    start = span_of(rest.strip().rstrip("."), sprint_days, year) if rest.strip() else None
    if start is not None and start.start is not None:
        return Span(duration=found.duration, start=start.start)
    return found


def schedule_lines(raw_line: str, line: int) -> list[ScheduleLine]:
    """The schedule labels and values of one source line, each of the labels it
    holds (:func:`label_segments`); none for a line of any other shape or label."""
    found = (_schedule_line(segment, line) for segment in label_segments(raw_line))
    return [one for one in found if one is not None]


def label_segments(raw_line: str) -> list[str]:
    """The line split where another label follows a separator (`` \u00b7 ``,
    `` | ``, ``; ``); a line of one label, or one that opens with none, whole."""
    segments: list[str] = []
    start = 0
    for separator in _SEPARATOR.finditer(raw_line):
        before, after = raw_line[start : separator.start()], raw_line[separator.end() :]
        if _is_label(before) and _is_label(after):
            segments.append(before)
            start = separator.end()
    return [*segments, raw_line[start:]]


def _is_label(text: str) -> bool:
    # ``no label \u00b7 Due: 12 May`` reads as one label of many words: a label is short
    match = _LINE.match(text) or _ESTIMATE.match(text)
    return match is not None and not _SEPARATOR.search(match.group("label"))


def _schedule_line(raw_line: str, line: int) -> ScheduleLine | None:
    match = _LINE.match(raw_line) or _ESTIMATE.match(raw_line)
    if match is None:
        return None
    label = " ".join(fold(_REMARK.sub(" ", match.group("label"))).rstrip(".").split())
    if label not in _LABELS:
        label = _QUALIFIERS.sub("", label)
    says = _LABELS.get(label)
    value = match.group("value").rstrip()
    if says is None and _spans_alone(value):
        # a label of a language with no words here (``Ilgums: 6 ned\u0113\u013cas``,
        # ``Periudha: prill \u2013 qershor 2027``) whose value is a span and no more
        says = Says.PERIOD
    if says is None:
        return None
    if match.groupdict().get("unclosed"):
        # the emphasis opened before the label closes in or after the value
        # (``**Due: 31 August 2027** (hard deadline)``, ``_Timebox: 3 weeks_``): the
        # value reads as the line shows it
        value = match.group("open") + value
    return ScheduleLine(
        match.group("label").strip(), says, Text.parse(value), line, label in _DURATIONS
    )


def _spans_alone(value: str) -> bool:
    """Whether ``value``, its remarks in brackets aside, is a range of two dates or a
    duration: not one day, week or month (``Approved: 2027-01-05``, ``Exit review:
    WW16``), which an unknown label may name an event by (:mod:`.phase_events`)."""
    text = " ".join(_REMARK.sub(" ", Text.parse(value).plain).split()).strip(" .")
    if not text:
        return False
    ends = points(text)
    if ends is not None:
        return ends[0] != ends[1] and span_of(text, None, None) is not None
    found = span_of(text, None, None) or _duration_then_start(text, None, None)
    return found is not None and found.duration is not None


#: what may wrap or lead a line of spans: emphasis, a calendar or clock sign
_SPAN_LINE_MARKS = " \t*_\U0001f4c5\U0001f5d3\ufe0f\u23f0\u23f3\u231b"
#: where a line of spans is split: a dash joins the ends of a range instead
_SPAN_PARTS = re.compile(r"\s+(?:\u00b7|\|)\s+")


def span_lines(
    raw_line: str, line: int, sprint_days: int | None, year: int | None
) -> list[ScheduleLine]:
    """The parts of a line that is only spans, each as a period; none where a part
    is no span."""
    # read as shown: ``Done by **31.1.2026**.`` is no bolder a span than without
    text = Text.parse(raw_line.strip()).plain.strip(_SPAN_LINE_MARKS)
    parts = [part.strip() for part in _SPAN_PARTS.split(text) if part.strip()]
    if parts and all(span_of(part, sprint_days, year) is not None for part in parts):
        return [ScheduleLine("", Says.PERIOD, Text.parse(part), line) for part in parts]
    return _tag_line(parts, line, sprint_days, year)


#: the most words a tag of a line of tags has (``weight 8``, ``%"17.8"``, ``P2``)
_MOST_TAG_WORDS = 3


def _tag_line(
    parts: list[str], line: int, sprint_days: int | None, year: int | None
) -> list[ScheduleLine]:
    """``%"17.8" \u00b7 due 2027-01-15 \u00b7 weight 8``, ``v2.3 | 2027-06-01 \u2192
    2027-06-18 | 13 pts``: a line of short tags, one of them a span or a schedule
    label without its colon and its date; that one, where no other tag names a date."""
    if len(parts) < 2:
        return []
    found: list[ScheduleLine] = []
    for part in parts:
        one = _tag_schedule(part, line, sprint_days, year)
        if one is not None:
            found.append(one)
        elif len(part.split()) > _MOST_TAG_WORDS or names_a_date(part):
            return []
    return found if len(found) == 1 else []


def _tag_schedule(
    part: str, line: int, sprint_days: int | None, year: int | None
) -> ScheduleLine | None:
    if span_of(part, sprint_days, year) is not None:
        return ScheduleLine("", Says.PERIOD, Text.parse(part), line)
    label, _, value = part.partition(" ")
    says = _LABELS.get(fold(label))
    if says is None or not value.strip() or span_of(value, sprint_days, year) is None:
        return None
    return ScheduleLine(label, says, Text.parse(value.strip()), line)
