"""The date reader is never wrong: a corpus of typed dates, and properties over the grammar.

A phrase is read right or refused with a helpful message. The properties generate
phrases from the grammar's parts in English and French: one naming a month never covers
a day outside that month, one naming a year never covers another year, and one unknown
word anywhere refuses the whole phrase.
"""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzy_date import OPEN_END, OPEN_START, AmbiguousDate, FuzzyDateError, from_edtf, parse
from tests.date_corpus import CORPUS, REFUSED

PROPERTY = settings(database=None, deadline=None, max_examples=max(300, settings().max_examples))


@pytest.mark.parametrize("phrase, reference, earliest, latest", CORPUS)
def test_corpus_phrase_is_read_right_or_refused(phrase, reference, earliest, latest):
    source_date = from_edtf(reference) if reference else None
    if earliest == REFUSED:
        with pytest.raises(FuzzyDateError) as caught:
            parse(phrase, reference=source_date)
        assert latest in str(caught.value)
        return
    value = parse(phrase, reference=source_date)
    expected = (
        date.fromisoformat(earliest) if earliest else OPEN_START,
        date.fromisoformat(latest) if latest else OPEN_END,
    )
    assert (value.earliest, value.latest) == expected
    assert parse(value.label, reference=source_date) == value  # the label reads back


def test_corpus_is_large_and_bilingual():
    assert len(CORPUS) >= 150
    french = [row for row in CORPUS if any(word in row[0] for word in ("juin", "années", "fin "))]
    assert len(french) >= 30


def test_ambiguous_numeric_date_offers_both_readings_as_phrases():
    with pytest.raises(AmbiguousDate) as caught:
        parse("since 05/06/2024")
    assert caught.value.readings == ("since 5 June 2024", "since 6 May 2024")
    assert [parse(reading).edtf for reading in caught.value.readings] == [
        "2024-06-05/..",
        "2024-05-06/..",
    ]


# --- the grammar's parts, in both languages -----------------------------------------

MONTHS = [
    ("January", "Jan", "janvier", "janv."), ("February", "Feb", "février", "fevrier"),
    ("March", "Mar", "mars"), ("April", "Apr", "avril"), ("May", "mai"), ("June", "juin"),
    ("July", "Jul", "juillet"), ("August", "Aug", "août"), ("September", "Sept", "septembre"),
    ("October", "Oct", "octobre"), ("November", "Nov", "novembre"),
    ("December", "Dec", "décembre"),
]  # fmt: skip
WEEKDAYS = [
    ("Monday", "lundi"), ("Tuesday", "mardi"), ("Wednesday", "mercredi"),
    ("Thursday", "jeudi"), ("Friday", "vendredi"), ("Saturday", "samedi"),
    ("Sunday", "dimanche"),
]  # fmt: skip
THIRDS = [
    "early", "early in", "the beginning of", "début", "au début de", "mid", "mid-",
    "the middle of", "mi-", "à la mi-", "milieu de", "late", "the end of", "fin",
    "à la fin de", "en fin de",
]  # fmt: skip
HALVES = ["the first half of", "the second half of", "la première moitié de",
          "la seconde moitié de"]  # fmt: skip
QUALIFIERS = ["", "around ", "probably ", "vers ", "environ ", "peut-être ", "c. "]
DURING = ["", "in ", "during ", "courant ", "in the course of ", "au cours de ", "en "]
SEASONS = ["spring", "printemps", "summer", "été", "autumn", "fall", "automne"]


def join(*words: str) -> str:
    return " ".join(" ".join(words).replace("- ", "-").split())


@st.composite
def month_phrases(draw):
    """(phrase, first day, last day) for a phrase naming a month of a year."""
    year = draw(st.integers(1000, 2999))
    month = draw(st.integers(1, 12))
    name = draw(st.sampled_from(MONTHS[month - 1]))
    last = calendar.monthrange(year, month)[1]
    day = draw(st.integers(1, last))
    weekday = draw(st.sampled_from(WEEKDAYS[date(year, month, day).weekday()]))
    form = draw(st.sampled_from(["month", "day", "us day", "weekday", "third", "half", "numeric"]))
    phrase = {
        "month": join(draw(st.sampled_from(DURING)), name, str(year)),
        "day": join(str(day), name, str(year)),
        "us day": f"{name} {day}, {year}",
        "weekday": join(weekday, str(day), name, str(year)),
        "third": join(draw(st.sampled_from(THIRDS)), name, str(year)),
        "half": join(draw(st.sampled_from(HALVES)), name, str(year)),
        "numeric": f"{day}/{month}/{year}" if day > 12 else f"{month:02d}/{year}",
    }[form]
    return draw(st.sampled_from(QUALIFIERS)) + phrase, date(year, month, 1), date(year, month, last)


@st.composite
def year_phrases(draw):
    """(phrase, 1 January, 31 December) for a phrase naming one year and no other."""
    year = draw(st.integers(1000, 2999))
    number = draw(st.integers(1, 4))
    phrase = draw(
        st.sampled_from(
            [
                join(draw(st.sampled_from(DURING)), str(year)),
                join(draw(st.sampled_from(THIRDS)), str(year)),
                f"Q{number} {year}",
                f"T{number} {year}",
                f"H{1 + number % 2} {year}",
                join(draw(st.sampled_from(HALVES)), str(year)),
                join(draw(st.sampled_from(SEASONS)), str(year)),  # not winter: it crosses
            ]
        )
    )
    return draw(st.sampled_from(QUALIFIERS)) + phrase, date(year, 1, 1), date(year, 12, 31)


@PROPERTY
@given(month_phrases())
def test_a_phrase_naming_a_month_never_covers_a_day_outside_it(case):
    phrase, first, last = case
    value = parse(phrase)
    assert first <= value.earliest <= value.latest <= last, (phrase, value)


@PROPERTY
@given(year_phrases())
def test_a_phrase_naming_a_year_never_covers_another_year(case):
    phrase, first, last = case
    value = parse(phrase)
    assert first <= value.earliest <= value.latest <= last, (phrase, value)


# Words the grammar does not know, some close to ones it does.
UNKNOWN = st.one_of(
    st.sampled_from(
        [
            "banana",
            "sometime",
            "thereabouts",
            "noon",
            "midi",
            "matin",
            "weekend",
            "jours",
            "blue",
            "moon",
            "ish",
            "roughlyish",
            "quelque",
            "chose",
            "octobers",
            "junes",
            "earlyish",
            "finale",
            "annee",
            "semaines",
            "weeks",
            "halfway",
            "courante",
        ]
    ),  # fmt: skip
    st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=3, max_size=8),
)


@PROPERTY
@given(st.one_of(month_phrases(), year_phrases()), UNKNOWN, st.integers(0, 20))
def test_an_unknown_word_anywhere_refuses_the_whole_phrase(case, word, position):
    words = case[0].split()
    words.insert(position % (len(words) + 1), word)
    with pytest.raises(FuzzyDateError):
        parse(" ".join(words))
