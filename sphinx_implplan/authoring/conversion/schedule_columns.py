"""The columns of a schedule table, by their names in the languages plans are written
in: which names the phase, its start, its end, its duration or its span, and the unit
a Weeks or Days column counts."""

from __future__ import annotations

import re

from sphinx_implplan.authoring.conversion.folding import fold
from sphinx_implplan.authoring.conversion.markdown import normal_header

_REMARK = re.compile(r"\([^()]*\)")


def _names(names: str) -> frozenset[str]:
    return frozenset(name.strip() for name in names.split(","))


#: the columns of a schedule table, by their names (accents folded), in the
#: languages plans are written in (Icelandic and Tagalog last)
COLUMNS: dict[str, frozenset[str]] = {
    "phase": _names(
        "phase, phases, name, stage, stages, milestone, milestones, iteration, step, steps,"
        "increment, increments, gate, gates, wave, waves, workstream, release, part,"
        "cohort, cohorts, group, groups, move group, batch, batches, build, builds, track,"
        "tracks, activity, activities, event, events, beat, beats, term, terms, semester,"
        "semesters, trimester, trimesters, afangi, afangar, yugto,"
        "work package, fase, fases, etappe, etapa, etapas, etape, jalon, hito, tappa, faze,"
        "faza, etap, vaihe, krok, asama, etapp, fas, meilenstein, nazwa, nombre, naam, nome, namn,"
        "nazev, trin, trinn, steg, navn, \u6bb5\u968e, \u30d5\u30a7\u30fc\u30ba, \ub2e8\uacc4, \u9636\u6bb5"
    ),
    "start": _names(
        "start, start date, starts, from, begin, beginning, planned start, kickoff, kick off,"
        "inicio, data de inicio, inicio previsto, inceput, data de inceput, alku, aloitus, beginn, debut, baslangic, zacatek, od, von, van, desde,"
        "\u958b\u59cb, \uc2dc\uc791"
    ),
    "end": _names(
        "end, end date, ends, to, until, eind, einde, fim, fin, ende, finish, completion,"
        "planned end, planned finish, planned completion, due, due date, deadline, target,"
        "target date, eta, prazo, termin, sfarsit, data de sfarsit, termen, loppu, valmis,"
        " bitis, konec, echeance, frist, do, bis, tot, hasta,"
        "ate, termino, data de termino, termino previsto, conclusao, data de conclusao,"
        "\u7d42\u4e86, \u671f\u9650, \uc885\ub8cc"
    ),
    "duration": _names(
        "duration, length, effort, estimate, duur, duracao, dauer, duree, duracion, sure, durata,"
        "kesto, varighed, varighet, timalengd, tagal"
    ),
    # a span, as a title carries it: ``Weeks 2-3``, ``Feb-Mar 2027``
    "span": _names(
        "weeks, week, days, sprint, sprints, when, timeframe, time frame, weken, semanas,"
        "semana, dagen, dias, periode, periodo, period, dates, window, timeline, zeitraum,"
        "tarih, fecha, fechas, perioada, aikataulu, ajankohta, saptamani, viikot, kw, ww, cw, work weeks, calendar weeks,"
        "uge, uger, uke, uker, \u671f\u9593, \uae30\uac04, timabil, petsa, panahon, iskedyul"
    ),
}
#: the last word of a column that names the start or end of something
_LAST_WORDS = {
    **dict.fromkeys(("start", "starts", "begin", "kickoff", "inicio", "beginn"), "start"),
    **dict.fromkeys(("end", "ends", "finish", "due", "deadline", "ende", "fim", "fin"), "end"),
}
#: the unit a Weeks or Days column counts, in Dutch and Portuguese too; calendar
#: weeks (``KW``, work weeks, Danish ``uger``) are numbered in the year
UNITS = {
    "weken": "weeks",
    "semanas": "weeks",
    "semana": "week",
    "dagen": "days",
    "dias": "days",
    # Danish and Norwegian weeks are numbered in the year too: ``uge 6``, ``uke 12``
    **dict.fromkeys(
        ("kw", "ww", "cw", "work weeks", "calendar weeks", "uge", "uger", "uke", "uker"), "kw"
    ),
}


def column_of(header: str) -> str | None:
    """The schedule column a header names (``phase``, ``start``, ``end``, ``duration``,
    ``span``), or ``None``."""
    key = " ".join(fold(_REMARK.sub(" ", normal_header(header))).split())
    found = next((column for column, names in COLUMNS.items() if key in names), None)
    if found is None and " " in key:
        # ``SMT start``, ``Pilot end``: the start or end of what the column names
        found = _LAST_WORDS.get(key.rsplit(" ", 1)[1])
    return found
