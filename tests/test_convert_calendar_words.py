"""``implplan convert`` on dates and durations in languages it has no words of its own
for: month names and the words for weeks and days from the Unicode CLDR (through
Babel), the marks a language writes after a year or a day (``2027 \u0433.``, ``2027 m.
sausio 11 d.``), a count after its unit (``makonni 3``), and a label in such a
language whose value is a range or a duration and nothing else."""

from __future__ import annotations

import pytest
from convert_helpers import directive_items, lossless

from sphinx_implplan.authoring.conversion.calendar_words import month_names, unit_words
from sphinx_implplan.authoring.conversion.durations import duration_of
from sphinx_implplan.authoring.conversion.phase_spans import span_of


def _spans(source: str) -> list[dict[str, str]]:
    return [
        {name: phase[name] for name in ("start", "end", "duration") if name in phase}
        for phase in directive_items(lossless(source).text)
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # Latvian, Albanian, Welsh, Galician month names
        ("marts \u2013 maijs 2027", "2027-03-01", "2027-05-31"),
        ("prill \u2013 qershor 2027", "2027-04-01", "2027-06-30"),
        ("Ebrill \u2013 Mehefin 2028", "2028-04-01", "2028-06-30"),
        ("do 1 de febreiro ao 15 de marzo de 2027", "2027-02-01", "2027-03-15"),
        # Macedonian and Russian, the year's mark after it
        (
            (
                "\u043e\u0434 11 \u0458\u0430\u043d\u0443\u0430\u0440\u0438 \u0434\u043e 26 "
                "\u0444\u0435\u0432\u0440\u0443\u0430\u0440\u0438 2027 \u0433."
            ),
            "2027-01-11",
            "2027-02-26",
        ),
        (
            "1 \u043c\u0430\u0440\u0442\u0430 2027 \u0433. \u2013 30 \u0430\u043f\u0440\u0435\u043b\u044f 2027 \u0433.",
            "2027-03-01",
            "2027-04-30",
        ),
        # Lithuanian: the year first, marked, the day marked
        ("2027 m. rugs\u0117jo 6 d. \u2013 spalio 29 d.", "2027-09-06", "2027-10-29"),
        # and a month alone, its word for "month" after it
        ("2027 m. spalio m\u0117n.", "2027-10-01", "2027-10-31"),
        # Hausa month names
        ("Janairu \u2013 Maris 2027", "2027-01-01", "2027-03-31"),
    ],
)
def test_month_names_of_more_languages(text: str, start: str, end: str) -> None:
    found = span_of(text, None, None)
    assert found is not None
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("6 ned\u0113\u013cas", "6 weeks"),
        ("4 jav\u00eb", "4 weeks"),
        ("8 tednov", "8 weeks"),
        ("3 tedne", "3 weeks"),
        ("6 \u043d\u0435\u0434\u0435\u043b\u0438", "6 weeks"),
        ("10 dien\u0173", "10 days"),
        # the count after its unit: Hausa, Swahili
        ("makonni 3", "3 weeks"),
        ("siku 10", "10 days"),
        # months are no duration here in any language
        ("6 kuud", None),
    ],
)
def test_durations_in_more_languages(text: str, duration: str | None) -> None:
    assert duration_of(text) == duration


def test_a_month_name_two_languages_give_to_different_months_is_left_out() -> None:
    names = month_names()
    # Croatian ``listopad`` is October, Polish and Czech November: the converter's own
    # table decides (see the guide), CLDR's reading gives neither
    assert "listopad" not in names
    assert names["mehefin"] == 6
    # no English word of three letters or fewer comes in as a month
    assert not any(len(name) < 4 and name.isascii() for name in names)


def test_unit_words_know_which_side_of_the_count_they_stand() -> None:
    after, before = unit_words("week")
    assert "wythnos" in after
    assert "makonni" in before
    assert "week" not in before


PLAN = """\
# Plan

## Faza 1: Analiza

**Kohëzgjatja:** 4 javë

- [ ] Intervista

## Faza 2: Zhvillimi

**Periudha:** prill \u2013 qershor 2027

- [ ] Moduli

## Faza 3: Prova

**Miratuar:** 2027-01-05

- [ ] Prova

## Faza 4: Lansimi

**Shënim:** pas miratimit nga bordi

- [ ] Lansimi
"""


def test_a_label_of_no_known_language_dates_a_phase_by_a_range_or_a_duration() -> None:
    assert _spans(PLAN) == [
        {"duration": "4 weeks"},
        {"start": "2027-04-01", "end": "2027-06-30"},
        # one day under a label unknown: when it was approved, perhaps; no span
        {},
        {},
    ]


def test_a_single_week_under_an_unknown_label_is_no_period() -> None:
    # ``Review: WW16`` names an event; one event alone may be when the phase starts as
    # well as when it is due, so it gives nothing (a period label would give the week)
    source = "# Plan\n\n## Faza 1: Prova\n\n**Rishikim:** WW16 2027\n\n- [ ] Prova\n"
    assert _spans(source) == [{}]
