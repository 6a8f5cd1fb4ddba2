"""Dates in the reader's language (#20): French labels, headings and refusals, read back.

Needs the compiled French catalogue (translations/fr/LC_MESSAGES/messages.mo, built by make).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given

from fuzzy_date import FuzzyDateError, cautions, from_edtf, heading_period, parse
from fuzzy_date.vocabulary import MONTH_NAMES
from i18n import speaking
from tests.factories import make_claim, make_dossier
from tests.helpers import soup
from tests.test_fuzzy_date import PROPERTY
from tests.test_fuzzy_date_properties import edtf_dates

# English words a French label must never show.
ENGLISH = re.compile(
    r"\b(?:"
    + "|".join(name.lower() for name in MONTH_NAMES)
    + r"|around|or later|by|first half|second half|early|mid|late|spring|summer|autumn"
    + r"|winter|uncertain|approximate|quarter|spanning|month not known|[qh][1-4])\b"
)


def sits_in_year(value) -> int:
    return value.earliest.year if value.start is not None else value.latest.year


@PROPERTY
@given(edtf_dates(uniform=True))
def test_a_french_label_reads_back_as_the_same_date(case):
    # Uniform qualifiers, as for the English labels: a range whose two ends are qualified
    # differently says so end by end ("2024 (approximate) – 2025 (uncertain)"), which no
    # reader takes back in either language.
    value = from_edtf(case[0])
    with speaking("fr"):
        label = value.label
        assert parse(label) == value, label


@PROPERTY
@given(edtf_dates())
def test_a_french_label_or_heading_has_no_english_word(case):
    value = from_edtf(case[0])
    with speaking("fr"):
        label = value.label
        heading = heading_period(value.shape, sits_in_year(value)).label
    assert not ENGLISH.search(label.lower()), label
    assert not ENGLISH.search(heading.lower()), heading


@PROPERTY
@given(edtf_dates())
def test_a_heading_key_is_the_same_in_every_language(case):
    value = from_edtf(case[0])
    year = sits_in_year(value)
    english = heading_period(value.shape, year)
    with speaking("fr"):
        french = heading_period(value.shape, year)
    assert french.key == english.key


@pytest.mark.parametrize(
    "edtf, label",
    [
        ("2024-06-04", "4 juin 2024"),
        ("2024-06-01", "1er juin 2024"),
        ("2024-08", "août 2024"),
        ("2024", "2024"),
        ("2023~", "vers 2023"),
        ("2024-06~", "vers juin 2024"),
        ("2024-06-04~", "vers le 4 juin 2024"),
        ("2024-06?", "juin 2024 (incertain)"),
        ("2024%", "vers 2024 (incertain)"),
        ("2023-09/2023-12", "fin 2023"),
        ("2024-01/2024-04", "début 2024"),
        ("2024-05/2024-08", "mi-2024"),
        ("2024-05~/2024-08~", "vers mi-2024"),
        ("2026/..", "2026 ou plus tard"),
        ("2026~/..", "vers 2026 ou plus tard"),
        ("../2024-07", "au plus tard en juillet 2024"),
        ("../2024", "au plus tard en 2024"),
        ("../2024-06-04", "au plus tard le 4 juin 2024"),
        ("../2024-21", "au plus tard au printemps 2024"),
        ("../2024-22", "au plus tard en été 2024"),
        ("../2024-07~", "au plus tard vers juillet 2024"),
        ("../2024-07?", "au plus tard en juillet 2024 (incertain)"),
        ("2024-22", "été 2024"),
        ("2024-22~", "vers l’été 2024"),
        ("2024-21~", "vers le printemps 2024"),
        ("2024-23", "automne 2024"),
        ("2024-24", "hiver 2024–25"),
        ("2024-01/2024-06", "premier semestre 2024"),
        ("2024-07/2024-12", "second semestre 2024"),
        ("2024-01/2024-03", "T1 2024"),
        ("2024-10/2024-12", "T4 2024"),
        ("2024-01~/2024-03~", "vers le T1 2024"),
        ("2014/2022", "2014–2022"),
        ("2024-06/2024-08", "juin – août 2024"),
        ("2024-06-04/2024-06-10", "4–10 juin 2024"),
        ("2024-06-01/2024-08-10", "1er juin – 10 août 2024"),
        ("2024-21/2025-06", "printemps 2024 – juin 2025"),
        ("2024~/2025?", "2024 (approximatif) – 2025 (incertain)"),
    ],
)
def test_french_labels_for_stored_dates(edtf, label):
    value = from_edtf(edtf)
    with speaking("fr"):
        assert value.label == label
        assert value.to_json()["label"] == label
        if "approximatif" not in label:
            assert parse(label) == value


@pytest.mark.parametrize(
    "edtf, heading",
    [
        ("2024-01~/2024-06~", "2024, premier semestre"),
        ("2024", "2024, mois inconnu"),
        ("2024-07~", "Juillet 2024"),
        ("../2024-07", "Au plus tard en juillet 2024"),
        ("2014/2022", "2014–2022, sur plusieurs années"),
        ("2024-05/2024-08", "2024, mai – août"),
        ("2024-04/2024-06", "2024, deuxième trimestre"),
        ("2024-22", "Été 2024"),
        ("2023-11-22/..", "Novembre 2023"),
    ],
)
def test_french_headings_for_imprecise_dates(edtf, heading):
    value = from_edtf(edtf)
    with speaking("fr"):
        assert heading_period(value.shape, sits_in_year(value)).label == heading


def test_english_is_unchanged_when_english_is_asked_for():
    value = from_edtf("../2024-07~")
    with speaking("en"):
        assert value.label == "by around July 2024"
        assert heading_period(value.shape, 2024).label == "By July 2024"


def refusal(text: str, reference=None) -> FuzzyDateError:
    with speaking("fr"), pytest.raises(FuzzyDateError) as caught:
        parse(text, reference)
    return caught.value


@pytest.mark.parametrize(
    "text, words",
    [
        ("blah", "Impossible de lire « blah » comme une date."),
        ("june", "Ajoutez une année, par exemple « juin 2024 »"),
        ("été", "Ajoutez une année, par exemple « été 2024 »"),
        ("2024-13", "Il n’y a pas de mois 13"),
        ("31 juin 2024", "Le 31 juin 2024 n’existe pas."),
        ("2025/2024", "« 2025/2024 » commence après sa fin."),
        ("last month", "« last month » est relatif"),
        ("les années 2000", "« les années 2000 » peut désigner une décennie ou un siècle"),
    ],
)
def test_refusals_are_in_french_with_french_examples(text, words):
    message = str(refusal(text)).replace("\u00a0", " ")
    assert words.replace("\u00a0", " ") in message
    assert "Essayez « 2024-06-04 », « juin 2024 », « T1 2024 », « vers 2023 »" in message
    assert not re.search(r"\b(?:Try|around|or later|June)\b", message)


def test_an_ambiguous_date_offers_its_readings_in_french():
    error = refusal("05/06/2024")
    assert error.readings == ("5 juin 2024", "6 mai 2024")
    assert "il peut s’agir du 5 juin 2024 ou du 6 mai 2024" in str(error)
    with speaking("fr"):
        assert [parse(reading).edtf for reading in error.readings] == ["2024-06-05", "2024-05-06"]


def test_a_wrong_weekday_is_refused_in_french():
    error = refusal("mardi 5 juin 2024")
    assert error.readings == ("mercredi 5 juin 2024", "mardi 4 juin 2024")
    assert str(error).startswith("Le 5 juin 2024 tombe un mercredi, pas un mardi")


def test_a_relative_phrase_says_how_the_source_date_is_known_in_french():
    message = str(refusal("yesterday", from_edtf("2024-06~")))
    assert "au jour près" in message and "« vers juin 2024 »" in message.replace("\u00a0", " ")


def test_cautions_are_in_french():
    with speaking("fr"):
        found = cautions("since 4 June 2024", parse("since 4 June 2024"))
    assert found and "« 4 juin 2024 ou plus tard »" in found[0].replace("\u00a0", " ")
    assert "couvre plus d’un mois" in found[0]


def test_a_french_timeline_shows_french_headings_under_the_same_anchors(client, db_session):
    dossier = make_dossier(db_session, "semestres")
    make_claim(
        db_session, dossier, statement="Half", event_date="around H1 2024", stated_date="2024-03"
    )
    make_claim(
        db_session, dossier, statement="January", event_date="2024-01-20", stated_date="2024-01"
    )
    db_session.commit()

    def headings(language: str) -> dict[str, tuple[str | None, list[str]]]:
        page = soup(client.get("/dossiers/semestres/", headers={"Accept-Language": language}))
        return {
            section.select_one(".month-heading").get_text(strip=True): (
                section.get("id"),
                [date.get_text(" ", strip=True) for date in section.select(".claim-date")],
            )
            for section in page.select("section.month")
        }

    english, french = headings("en"), headings("fr")
    assert set(english) == {"2024, first half", "January 2024"}
    assert set(french) == {"2024, premier semestre", "Janvier 2024"}
    assert french["2024, premier semestre"][0] == english["2024, first half"][0]
    assert french["Janvier 2024"][0] == english["January 2024"][0]
    assert french["2024, premier semestre"][1] == ["vers le premier semestre 2024"]
    assert french["Janvier 2024"][1] == ["20 janvier 2024"]
