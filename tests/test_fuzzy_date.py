"""Behaviour of fuzzy_date: what it reads, the days it covers, and how it reads back."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import settings

from fuzzy_date import OPEN_END, OPEN_START, FuzzyDate, FuzzyDateError, from_edtf, parse

# No example database: the suite must not write files into the working tree.
PROPERTY = settings(database=None, deadline=None)
ARTICLE = "2024-07~"  # the seeded article: published around July 2024
OPEN = None  # an open bound in the tables below


def d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# (input, reference EDTF, expected EDTF, earliest, latest, label)
READINGS = [
    # Days, in the ways people write them.
    ("2024-06-04", None, "2024-06-04", "2024-06-04", "2024-06-04", "4 June 2024"),
    ("4 June 2024", None, "2024-06-04", "2024-06-04", "2024-06-04", "4 June 2024"),
    ("June 4, 2024", None, "2024-06-04", "2024-06-04", "2024-06-04", "4 June 2024"),
    ("June 4th, 2024", None, "2024-06-04", "2024-06-04", "2024-06-04", "4 June 2024"),
    ("the 4th of June 2024", None, "2024-06-04", "2024-06-04", "2024-06-04", "4 June 2024"),
    ("4 juin 2024", None, "2024-06-04", "2024-06-04", "2024-06-04", "4 June 2024"),
    ("le 1er juin 2024", None, "2024-06-01", "2024-06-01", "2024-06-01", "1 June 2024"),
    ("Sept. 4, 2024", None, "2024-09-04", "2024-09-04", "2024-09-04", "4 September 2024"),
    ("  4 JUIN 2024  ", None, "2024-06-04", "2024-06-04", "2024-06-04", "4 June 2024"),
    ("2024-6-4", None, "2024-06-04", "2024-06-04", "2024-06-04", "4 June 2024"),
    ("2024-02-29", None, "2024-02-29", "2024-02-29", "2024-02-29", "29 February 2024"),
    # Months.
    ("June 2024", None, "2024-06", "2024-06-01", "2024-06-30", "June 2024"),
    ("Jun 2024", None, "2024-06", "2024-06-01", "2024-06-30", "June 2024"),
    ("juin 2024", None, "2024-06", "2024-06-01", "2024-06-30", "June 2024"),
    ("2024-06", None, "2024-06", "2024-06-01", "2024-06-30", "June 2024"),
    ("06/2024", None, "2024-06", "2024-06-01", "2024-06-30", "June 2024"),
    ("Sept 2024", None, "2024-09", "2024-09-01", "2024-09-30", "September 2024"),
    ("février 2024", None, "2024-02", "2024-02-01", "2024-02-29", "February 2024"),
    ("fevrier 2023", None, "2023-02", "2023-02-01", "2023-02-28", "February 2023"),
    ("août 2023", None, "2023-08", "2023-08-01", "2023-08-31", "August 2023"),
    ("aout 2023", None, "2023-08", "2023-08-01", "2023-08-31", "August 2023"),
    ("Décembre 2023", None, "2023-12", "2023-12-01", "2023-12-31", "December 2023"),
    ("decembre 2023", None, "2023-12", "2023-12-01", "2023-12-31", "December 2023"),
    ("mars 2024", None, "2024-03", "2024-03-01", "2024-03-31", "March 2024"),
    ("mai 2024", None, "2024-05", "2024-05-01", "2024-05-31", "May 2024"),
    # Years.
    ("2023", None, "2023", "2023-01-01", "2023-12-31", "2023"),
    ("in 2023", None, "2023", "2023-01-01", "2023-12-31", "2023"),
    # Approximate.
    ("around 2023", None, "2023~", "2023-01-01", "2023-12-31", "around 2023"),
    ("circa 2023", None, "2023~", "2023-01-01", "2023-12-31", "around 2023"),
    ("c. 2023", None, "2023~", "2023-01-01", "2023-12-31", "around 2023"),
    ("~2023", None, "2023~", "2023-01-01", "2023-12-31", "around 2023"),
    ("2023~", None, "2023~", "2023-01-01", "2023-12-31", "around 2023"),
    ("vers 2023", None, "2023~", "2023-01-01", "2023-12-31", "around 2023"),
    ("environ 2023", None, "2023~", "2023-01-01", "2023-12-31", "around 2023"),
    ("about June 2024", None, "2024-06~", "2024-06-01", "2024-06-30", "around June 2024"),
    # Uncertain, and both.
    ("2024-06?", None, "2024-06?", "2024-06-01", "2024-06-30", "June 2024 (uncertain)"),
    ("June 2024?", None, "2024-06?", "2024-06-01", "2024-06-30", "June 2024 (uncertain)"),
    ("possibly June 2024", None, "2024-06?", "2024-06-01", "2024-06-30", "June 2024 (uncertain)"),
    ("probably 2023", None, "2023?", "2023-01-01", "2023-12-31", "2023 (uncertain)"),
    ("2024-06%", None, "2024-06%", "2024-06-01", "2024-06-30", "around June 2024 (uncertain)"),
    (
        "probably around June 2024",
        None,
        "2024-06%",
        "2024-06-01",
        "2024-06-30",
        "around June 2024 (uncertain)",
    ),
    # Parts of a year.
    ("early 2023", None, "2023-01/2023-04", "2023-01-01", "2023-04-30", "early 2023"),
    ("début 2024", None, "2024-01/2024-04", "2024-01-01", "2024-04-30", "early 2024"),
    ("mid 2024", None, "2024-05/2024-08", "2024-05-01", "2024-08-31", "mid-2024"),
    ("mid-2024", None, "2024-05/2024-08", "2024-05-01", "2024-08-31", "mid-2024"),
    ("late 2023", None, "2023-09/2023-12", "2023-09-01", "2023-12-31", "late 2023"),
    ("end of 2023", None, "2023-09/2023-12", "2023-09-01", "2023-12-31", "late 2023"),
    ("fin 2023", None, "2023-09/2023-12", "2023-09-01", "2023-12-31", "late 2023"),
    (
        "around mid-2024",
        None,
        "2024-05~/2024-08~",
        "2024-05-01",
        "2024-08-31",
        "around mid-2024",
    ),
    # Quarters and halves.
    ("Q1 2024", None, "2024-01/2024-03", "2024-01-01", "2024-03-31", "Q1 2024"),
    ("2024 Q1", None, "2024-01/2024-03", "2024-01-01", "2024-03-31", "Q1 2024"),
    ("first quarter of 2024", None, "2024-01/2024-03", "2024-01-01", "2024-03-31", "Q1 2024"),
    ("T1 2024", None, "2024-01/2024-03", "2024-01-01", "2024-03-31", "Q1 2024"),
    ("Q2 2024", None, "2024-04/2024-06", "2024-04-01", "2024-06-30", "Q2 2024"),
    ("Q3 2024", None, "2024-07/2024-09", "2024-07-01", "2024-09-30", "Q3 2024"),
    ("Q4 2024", None, "2024-10/2024-12", "2024-10-01", "2024-12-31", "Q4 2024"),
    ("H1 2024", None, "2024-01/2024-06", "2024-01-01", "2024-06-30", "H1 2024"),
    ("first half of 2024", None, "2024-01/2024-06", "2024-01-01", "2024-06-30", "H1 2024"),
    ("H2 2024", None, "2024-07/2024-12", "2024-07-01", "2024-12-31", "H2 2024"),
    # Seasons; winter runs into the next year.
    ("spring 2024", None, "2024-21", "2024-03-01", "2024-05-31", "spring 2024"),
    ("printemps 2024", None, "2024-21", "2024-03-01", "2024-05-31", "spring 2024"),
    ("summer 2024", None, "2024-22", "2024-06-01", "2024-08-31", "summer 2024"),
    ("été 2024", None, "2024-22", "2024-06-01", "2024-08-31", "summer 2024"),
    ("autumn 2024", None, "2024-23", "2024-09-01", "2024-11-30", "autumn 2024"),
    ("fall 2024", None, "2024-23", "2024-09-01", "2024-11-30", "autumn 2024"),
    ("automne 2024", None, "2024-23", "2024-09-01", "2024-11-30", "autumn 2024"),
    ("winter 2024", None, "2024-24", "2024-12-01", "2025-02-28", "winter 2024–25"),
    ("hiver 2024", None, "2024-24", "2024-12-01", "2025-02-28", "winter 2024–25"),
    ("winter 2024–25", None, "2024-24", "2024-12-01", "2025-02-28", "winter 2024–25"),
    # Open at the end.
    ("2026 or later", None, "2026/..", "2026-01-01", OPEN, "2026 or later"),
    ("no earlier than 2026", None, "2026/..", "2026-01-01", OPEN, "2026 or later"),
    ("from 2026", None, "2026/..", "2026-01-01", OPEN, "2026 or later"),
    ("since 2023", None, "2023/..", "2023-01-01", OPEN, "2023 or later"),
    ("pas avant 2026", None, "2026/..", "2026-01-01", OPEN, "2026 or later"),
    ("after 2026", None, "2027/..", "2027-01-01", OPEN, "2027 or later"),
    ("around 2023 or later", None, "2023~/..", "2023-01-01", OPEN, "around 2023 or later"),
    # Open at the start.
    ("by 2025", None, "../2025", OPEN, "2025-12-31", "by 2025"),
    ("2025 or earlier", None, "../2025", OPEN, "2025-12-31", "by 2025"),
    ("no later than 2025", None, "../2025", OPEN, "2025-12-31", "by 2025"),
    ("before 2025", None, "../2024", OPEN, "2024-12-31", "by 2024"),
    ("before June 2024", None, "../2024-05", OPEN, "2024-05-31", "by May 2024"),
    # Closed intervals.
    ("2024-03/2024-06", None, "2024-03/2024-06", "2024-03-01", "2024-06-30", "March–June 2024"),
    ("March to June 2024", None, "2024-03/2024-06", "2024-03-01", "2024-06-30", "March–June 2024"),
    ("March–June 2024", None, "2024-03/2024-06", "2024-03-01", "2024-06-30", "March–June 2024"),
    (
        "from March 2024 to June 2024",
        None,
        "2024-03/2024-06",
        "2024-03-01",
        "2024-06-30",
        "March–June 2024",
    ),
    ("de mars à juin 2024", None, "2024-03/2024-06", "2024-03-01", "2024-06-30", "March–June 2024"),
    ("2023 to 2024", None, "2023/2024", "2023-01-01", "2024-12-31", "2023–2024"),
    ("between 2023 and 2024", None, "2023/2024", "2023-01-01", "2024-12-31", "2023–2024"),
    ("2023-2024", None, "2023/2024", "2023-01-01", "2024-12-31", "2023–2024"),
    (
        "June 2023 to March 2024",
        None,
        "2023-06/2024-03",
        "2023-06-01",
        "2024-03-31",
        "June 2023 – March 2024",
    ),
    (
        "4–10 June 2024",
        None,
        "2024-06-04/2024-06-10",
        "2024-06-04",
        "2024-06-10",
        "4–10 June 2024",
    ),
    (
        "du 4 au 10 juin 2024",
        None,
        "2024-06-04/2024-06-10",
        "2024-06-04",
        "2024-06-10",
        "4–10 June 2024",
    ),
    (
        "4 June to 10 July 2024",
        None,
        "2024-06-04/2024-07-10",
        "2024-06-04",
        "2024-07-10",
        "4 June – 10 July 2024",
    ),
    (
        "4 June 2023 – 10 July 2024",
        None,
        "2023-06-04/2024-07-10",
        "2023-06-04",
        "2024-07-10",
        "4 June 2023 – 10 July 2024",
    ),
    # Relative phrases, read against the source's publication date.
    ("last month", ARTICLE, "2024-06~", "2024-06-01", "2024-06-30", "around June 2024"),
    ("le mois dernier", ARTICLE, "2024-06~", "2024-06-01", "2024-06-30", "around June 2024"),
    ("this month", ARTICLE, "2024-07~", "2024-07-01", "2024-07-31", "around July 2024"),
    ("next month", ARTICLE, "2024-08~", "2024-08-01", "2024-08-31", "around August 2024"),
    ("last year", ARTICLE, "2023~", "2023-01-01", "2023-12-31", "around 2023"),
    ("l'année dernière", ARTICLE, "2023~", "2023-01-01", "2023-12-31", "around 2023"),
    ("this year", ARTICLE, "2024~", "2024-01-01", "2024-12-31", "around 2024"),
    ("cette année", ARTICLE, "2024~", "2024-01-01", "2024-12-31", "around 2024"),
    ("next year", ARTICLE, "2025~", "2025-01-01", "2025-12-31", "around 2025"),
    (
        "earlier this year",
        ARTICLE,
        "2024-01~/2024-07~",
        "2024-01-01",
        "2024-07-31",
        "around January–July 2024",
    ),
    (
        "plus tôt cette année",
        ARTICLE,
        "2024-01~/2024-07~",
        "2024-01-01",
        "2024-07-31",
        "around January–July 2024",
    ),
    ("last November", ARTICLE, "2023-11~", "2023-11-01", "2023-11-30", "around November 2023"),
    ("novembre dernier", ARTICLE, "2023-11~", "2023-11-01", "2023-11-30", "around November 2023"),
    (
        "en novembre dernier",
        ARTICLE,
        "2023-11~",
        "2023-11-01",
        "2023-11-30",
        "around November 2023",
    ),
    ("last June", ARTICLE, "2024-06~", "2024-06-01", "2024-06-30", "around June 2024"),
    ("this November", ARTICLE, "2024-11~", "2024-11-01", "2024-11-30", "around November 2024"),
    (
        "end of last year",
        ARTICLE,
        "2023-09~/2023-12~",
        "2023-09-01",
        "2023-12-31",
        "around late 2023",
    ),
    (
        "fin de l'année dernière",
        ARTICLE,
        "2023-09~/2023-12~",
        "2023-09-01",
        "2023-12-31",
        "around late 2023",
    ),
    ("months ago", ARTICLE, "2024-01~/2024-06~", "2024-01-01", "2024-06-30", "around H1 2024"),
    ("il y a des mois", ARTICLE, "2024-01~/2024-06~", "2024-01-01", "2024-06-30", "around H1 2024"),
    (
        "a few months ago",
        ARTICLE,
        "2024-01~/2024-06~",
        "2024-01-01",
        "2024-06-30",
        "around H1 2024",
    ),
    ("since last year", ARTICLE, "2023~/..", "2023-01-01", OPEN, "around 2023 or later"),
    ("depuis l'année dernière", ARTICLE, "2023~/..", "2023-01-01", OPEN, "around 2023 or later"),
    ("3 months ago", ARTICLE, "2024-04~", "2024-04-01", "2024-04-30", "around April 2024"),
    ("three months ago", ARTICLE, "2024-04~", "2024-04-01", "2024-04-30", "around April 2024"),
    ("il y a 3 mois", ARTICLE, "2024-04~", "2024-04-01", "2024-04-30", "around April 2024"),
    ("2 years ago", ARTICLE, "2022~", "2022-01-01", "2022-12-31", "around 2022"),
    ("il y a deux ans", ARTICLE, "2022~", "2022-01-01", "2022-12-31", "around 2022"),
    ("twelve months ago", ARTICLE, "2023-07~", "2023-07-01", "2023-07-31", "around July 2023"),
    # A day-precise reference still gives month-precise results.
    ("last month", "2024-07-15", "2024-06", "2024-06-01", "2024-06-30", "June 2024"),
    ("yesterday", "2024-03-01", "2024-02-29", "2024-02-29", "2024-02-29", "29 February 2024"),
]


def reference_of(edtf: str | None) -> FuzzyDate | None:
    return from_edtf(edtf) if edtf else None


@pytest.mark.parametrize("text, reference, edtf, earliest, latest, label", READINGS)
def test_reads_what_people_type(text, reference, edtf, earliest, latest, label):
    result = parse(text, reference=reference_of(reference))
    assert result.edtf == edtf
    assert result.earliest == (d(earliest) or OPEN_START)
    assert result.latest == (d(latest) or OPEN_END)
    assert result.label == label


@pytest.mark.parametrize("text, reference, edtf, earliest, latest, label", READINGS)
def test_parsed_date_round_trips_through_its_edtf(text, reference, edtf, earliest, latest, label):
    result = parse(text, reference=reference_of(reference))
    assert from_edtf(result.edtf) == result


@pytest.mark.parametrize("text, reference, edtf, earliest, latest, label", READINGS)
def test_label_reads_back_as_the_same_date(text, reference, edtf, earliest, latest, label):
    # Labels are plain words, so an editor can paste one back into a form field.
    assert parse(label) == from_edtf(edtf)


# (input, reference EDTF, a phrase the message must contain)
REFUSALS = [
    ("2024-13", None, "no month 13"),
    ("2024-00", None, "no month 00"),
    ("2024-02-30", None, "no 30 February 2024"),
    ("2023-02-29", None, "no 29 February 2023"),
    ("31 June 2024", None, "no 31 June 2024"),
    ("soon-ish", None, 'Could not read "soon-ish" as a date.'),
    ("", None, "No date"),
    ("   ", None, "No date"),
    ("x" * 10_000, None, "too long"),
    ("2024" + " " * 300, None, "too long"),
    ("June", None, "Add a year"),
    ("4 June", None, "Add a year"),
    ("June 24", None, "Add a year"),
    ("spring", None, "Add a year"),
    ("June to July", None, "Add a year"),
    ("04/06/2024", None, "day from the month"),
    ("4.6.2024", None, "day from the month"),
    ("2024/06/04", None, "day from the month"),
    ("2026/2024", None, "starts after it ends"),
    ("March to February 2024", None, "starts after it ends"),
    ("../..", None, "open at both ends"),
    ("2024/", None, '".."'),
    ("last month", None, "publication date"),
    ("since last year", None, "publication date"),
    ("last month", "2024", "to the month"),
    ("last year", "../2025", "to the year"),
    ("end of the year", ARTICLE, "Could not read"),
    ("à la fin de l'année", ARTICLE, "Could not read"),
    ("20XX", None, "Unspecified digits"),
    ("2024-1X", None, "Unspecified digits"),
    ("2024-25", None, "not supported"),
    ("2004?-06-11", None, "beyond level 1"),
    ("0999", None, "from 1000 to 2999"),
    ("3000", None, "from 1000 to 2999"),
    ("after 2999", None, "from 1000 to 2999"),
    ("2024-21-05", None, "season cannot have a day"),
    ("I was born on 4 June 2024", None, "Could not read"),
    ("Monday 4 June 2024", None, "falls on a Tuesday, not a Monday"),
    ("2023 and 2024", None, "Could not read"),
]


@pytest.mark.parametrize("text, reference, phrase", REFUSALS)
def test_refuses_unreadable_input_with_a_useful_message(text, reference, phrase):
    with pytest.raises(FuzzyDateError) as caught:
        parse(text, reference=reference_of(reference))
    message = str(caught.value)
    assert phrase in message
    assert "2024-06-04" in message  # every refusal shows something that works
    assert len(message) < 400  # and never echoes a wall of pasted text


def test_reversed_range_is_refused_without_showing_edtf_to_the_editor():
    with pytest.raises(FuzzyDateError) as caught:
        parse("March to February 2024")
    assert str(caught.value).startswith("That range starts after it ends.")


@pytest.mark.parametrize(
    "text", ["June 2024", "~2023", "around 2023", "2024-6", "2023-2024", "early 2023", "Q1 2024"]
)
def test_from_edtf_accepts_only_edtf(text):
    with pytest.raises(FuzzyDateError):
        from_edtf(text)


@pytest.mark.parametrize("value", [None, 2024, b"2024", ["2024"]])
def test_non_text_input_is_a_fuzzy_date_error(value):
    with pytest.raises(FuzzyDateError):
        parse(value)
    with pytest.raises(FuzzyDateError):
        from_edtf(value)


# (EDTF, precision, approximate, uncertain)
FLAGS = [
    ("2024-06-04", "day", False, False),
    ("2024-06", "month", False, False),
    ("2024-22", "season", False, False),
    ("2024", "year", False, False),
    ("2024-06?", "month", False, True),
    ("2023~", "year", True, False),
    ("2024-06%", "month", True, True),
    ("2023-01/2023-04", "interval", False, False),
    ("2023~/2024?", "interval", True, True),
    ("2026/..", "open", False, False),
    ("../2025~", "open", True, False),
]


@pytest.mark.parametrize("edtf, precision, approximate, uncertain", FLAGS)
def test_reports_precision_and_qualifiers(edtf, precision, approximate, uncertain):
    value = from_edtf(edtf)
    assert (value.precision, value.approximate, value.uncertain) == (
        precision,
        approximate,
        uncertain,
    )


# Labels of stored EDTF that people do not usually type.
LABELS = [
    ("2023~/2024?", "2023 (approximate) – 2024 (uncertain)"),
    ("../2025?", "by 2025 (uncertain)"),
    ("2024-21/2024-23", "spring 2024 – autumn 2024"),
    ("1999-24", "winter 1999–2000"),
    ("2024-01%/2024-04%", "around early 2024 (uncertain)"),
    ("2024/2024-06", "2024 – June 2024"),
    ("2024-06/2024-06", "June 2024"),
]


@pytest.mark.parametrize("edtf, label", LABELS)
def test_labels_stored_forms_in_plain_english(edtf, label):
    assert from_edtf(edtf).label == label


def test_leap_day_2024_is_valid():
    leap_day = from_edtf("2024-02-29")
    assert (leap_day.earliest, leap_day.latest) == (date(2024, 2, 29), date(2024, 2, 29))
    assert parse("29 February 2024") == leap_day


@pytest.mark.parametrize(
    "edtf, earliest, latest",
    [
        ("2024-24", date(2024, 12, 1), date(2025, 2, 28)),
        ("2023-24", date(2023, 12, 1), date(2024, 2, 29)),  # ends on a leap day
        ("2999-24", date(2999, 12, 1), date(3000, 2, 28)),
    ],
)
def test_winter_bounds_cross_the_year(edtf, earliest, latest):
    winter = from_edtf(edtf)
    assert (winter.earliest, winter.latest) == (earliest, latest)


def test_open_interval_bounds_are_the_sentinels_and_null_in_json():
    assert from_edtf("2026/..").latest == OPEN_END == date.max
    assert from_edtf("../2025").earliest == OPEN_START == date.min
    assert from_edtf("2026/..").to_json() == {
        "edtf": "2026/..",
        "earliest": "2026-01-01",
        "latest": None,
        "label": "2026 or later",
    }
    assert from_edtf("../2025").to_json()["earliest"] is None


def test_json_of_a_closed_date_has_iso_bounds():
    assert parse("mid-2024").to_json() == {
        "edtf": "2024-05/2024-08",
        "earliest": "2024-05-01",
        "latest": "2024-08-31",
        "label": "mid-2024",
    }


def test_from_edtf_is_cached():
    assert from_edtf("2024-06") is from_edtf("2024-06")


def test_relative_phrase_inherits_reference_uncertainty():
    result = parse("last year", reference=from_edtf("2024-07?"))
    assert result.edtf == "2023?"
    assert result.uncertain and not result.approximate


def test_relative_phrase_from_an_exact_reference_is_exact():
    result = parse("last November", reference=from_edtf("2024-07"))
    assert result.edtf == "2023-11"
    assert not result.approximate and not result.uncertain


def test_typed_qualifier_combines_with_the_reference_qualifier():
    assert parse("around last month", reference=from_edtf("2024-07?")).edtf == "2024-06%"


@pytest.mark.parametrize(
    "text, reference, edtf",
    [
        ("last November", "2024-11", "2023-11"),  # said in November: the one a year ago
        ("last November", "2024-12-05", "2024-11"),
        ("next November", "2024-11", "2025-11"),
        ("next March", "2024-07", "2025-03"),
        ("last month", "2024-01", "2023-12"),
        ("next month", "2024-12", "2025-01"),
    ],
)
def test_named_and_offset_months_count_from_the_reference_month(text, reference, edtf):
    assert parse(text, reference=from_edtf(reference)).edtf == edtf


def test_earlier_this_year_said_in_january_is_january():
    assert parse("earlier this year", reference=from_edtf("2024-01")).edtf == "2024-01"


def test_year_phrases_only_need_the_reference_year():
    assert parse("last year", reference=from_edtf("2024")).edtf == "2023"
    assert parse("last year", reference=from_edtf("2024-05/2024-08")).edtf == "2023"


def test_relative_phrase_refuses_a_reference_that_spans_two_months():
    with pytest.raises(FuzzyDateError, match="to the month"):
        parse("last month", reference=from_edtf("2024-05/2024-08"))
