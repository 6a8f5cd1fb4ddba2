"""The domain's words in French (#20): every vocabulary value has its French label, pages show
them to a French reader, exports and the API's fields stay English, and an API problem's
detail follows Accept-Language while its title does not.

These tests read the compiled French catalogue (translations/fr/LC_MESSAGES/messages.mo,
made by `make`).
"""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

import i18n
from db import get_session
from models import Claim, Dossier, Source
from models.vocabulary import (
    ATTRIBUTION_EXPLANATIONS,
    ATTRIBUTION_LABELS,
    ENTITY_KIND_LABELS,
    LIKELIHOOD_BANDS,
    RELATION_INVERSE_LABELS,
    RELATION_LABELS,
    RELIABILITY_GRADES,
    SOURCE_KIND_LABELS,
    STATUS_LABELS,
    VISIBILITY_LABELS,
    Attribution,
    EntityKind,
    RelationType,
    SourceKind,
    Status,
    Visibility,
    likelihood,
    likelihood_bands,
    likelihood_words,
    reliability_words,
)
from services.interchange import exports, serialize
from services.interchange.formats import atom, claimline_json, csv_columns, timelinejs
from services.reading.filters import FILTER_NAMES, confidence_words, parse_filters
from services.reading.name_index import Name
from services.reading.strip_axis import month_abbreviation
from tests.helpers import bearer, soup

FRENCH = {"Accept-Language": "fr"}
TIMELINE = "/dossiers/openai-chips/"
# Words that are the same in both languages, on purpose: checked to be in the catalogue.
SAME_IN_FRENCH = {"Organisation", "Podcast"}

TABLES = {
    "attribution labels": ATTRIBUTION_LABELS,
    "attribution explanations": ATTRIBUTION_EXPLANATIONS,
    "statuses": STATUS_LABELS,
    "relation types": RELATION_LABELS,
    "inverse relation types": RELATION_INVERSE_LABELS,
    "source kinds": SOURCE_KIND_LABELS,
    "entity kinds": ENTITY_KIND_LABELS,
    "visibility": VISIBILITY_LABELS,
    "reliability grades": RELIABILITY_GRADES,
    "likelihood words": dict(LIKELIHOOD_BANDS),
}


@pytest.fixture(autouse=True)
def english_outside_requests():
    """A French request leaves its language set in the test's thread (web/languages.py sets
    it with i18n.use and nothing resets it): each test here starts and ends in English."""
    i18n.use(i18n.SOURCE_LANGUAGE)
    yield
    i18n.use(i18n.SOURCE_LANGUAGE)


def french_catalogue() -> dict:
    return i18n._translations("fr")._catalog  # type: ignore[attr-defined]


@pytest.mark.parametrize("table", TABLES.values(), ids=list(TABLES))
def test_every_vocabulary_word_has_its_french(table):
    catalogue = french_catalogue()
    for english in table.values():
        with i18n.speaking("fr"):
            french = i18n.gettext(english)
        assert catalogue.get(english), f"{english!r} has no French"
        assert french != english or english in SAME_IN_FRENCH, f"{english!r} is not translated"


def test_labels_follow_the_language_and_english_is_unchanged():
    assert Attribution.INSIDER.label == "Insider says"
    assert Status.UNVERIFIED.label == "Unverified"
    assert SourceKind.COURT_RECORD.label == "Court record"
    assert EntityKind.OUTLET.label == "Outlet"
    assert RelationType.CONTRADICTS.label == "contradicts"
    assert likelihood(60) == "likely"
    with i18n.speaking("fr"):
        assert Attribution.INSIDER.label == "Selon des initiés"
        assert Attribution.PRIVATE.label == "Propos privés"
        assert Attribution.REPORT.label == "Article de presse"
        assert Attribution.DATA.label == "Donnée / document"
        assert Status.CONTESTED.label == "Contestée"
        assert RelationType.CONTRADICTS.inverse_label == "contredite par"
        assert Visibility.PRIVATE.label.startswith("Privé")
        assert likelihood(60) == "probable"
        assert likelihood(2) == "quasi aucune chance"
        assert likelihood_words(60) == "likely"
        assert [band.words for band in likelihood_bands()][-1] == "quasi certain"
        assert FILTER_NAMES["attributions"] == "Attribution"
        assert FILTER_NAMES["tag"] == "Étiquette"
        assert month_abbreviation(2) == "févr."
        assert confidence_words(60) == "au moins 60\u00a0% (probable)"


def test_filter_errors_are_french_for_a_french_reader():
    with i18n.speaking("fr"):
        errors = parse_filters(MultiDict({"status": "maybe"})).errors
    assert errors == (
        "Statut inconnu «\u00a0maybe\u00a0»\u202f; valeurs attendues\u00a0: "
        "unverified, corroborated, contested, confirmed, refuted, retracted.",
    )


def test_the_timeline_facets_and_chips_are_french(client):
    page = soup(client.get(f"{TIMELINE}?attribution=insider", headers=FRENCH))
    facets = page.select_one(".facet-attributions").get_text()
    for label in ("Selon des initiés", "Déclaration publique", "Propos privés",
                  "Article de presse", "Donnée / document", "Analyse"):  # fmt: skip
        assert label in facets
    assert "Insider says" not in facets
    statuses = page.select_one("#f-status").get_text()
    assert "Non vérifiée" in statuses
    assert "Selon des initiés" in page.select_one(".chip").get_text()


def test_the_english_timeline_is_unchanged(client):
    facets = soup(client.get(TIMELINE)).select_one(".facet-attributions").get_text()
    assert "Insider says" in facets and "Selon des initiés" not in facets


def test_a_claim_page_shows_its_attribution_status_and_likelihood_in_french(client, seeded_app):
    with seeded_app.app_context():
        claim = get_session().scalar(select(Claim).where(Claim.deleted_at.is_(None)))
        english = (claim.attribution.label, claim.status.label, likelihood(claim.confidence))
        with i18n.speaking("fr"):
            french = (claim.attribution.label, claim.status.label, likelihood(claim.confidence))
        url = f"/claims/{claim.id}"
    text = soup(client.get(url, headers=FRENCH)).get_text()
    for word in french:
        assert word in text
    assert english[0] not in text
    assert english[0] in soup(client.get(url)).get_text()


def test_exports_asked_in_french_carry_english_labels(client):
    # An export is kept on disk and served to every reader: it must not be in French.
    rows = csv.DictReader(io.StringIO(client.get(TIMELINE + "claims.csv", headers=FRENCH).text))
    english_attributions = set(ATTRIBUTION_LABELS.values())
    english_likelihoods = set(dict(LIKELIHOOD_BANDS).values())
    for row in rows:
        assert row["attribution_label"] in english_attributions
        assert row["confidence_label"] in english_likelihoods
    events = client.get(TIMELINE + "timelinejs.json", headers=FRENCH).get_json()["events"]
    assert {event["group"] for event in events} <= english_attributions
    feed = ElementTree.fromstring(client.get(TIMELINE + "feed.atom", headers=FRENCH).data)
    labels = {item.get("label") for item in feed.iter("{http://www.w3.org/2005/Atom}category")}
    assert labels and labels <= english_attributions


@pytest.mark.parametrize("name", ["claims.csv", "claims.json", "timelinejs.json", "feed.atom"])
def test_an_export_is_the_same_in_both_languages(client, name):
    french = client.get(TIMELINE + name, headers=FRENCH)
    assert french.status_code == 200
    assert french.data == client.get(TIMELINE + name).data


def test_every_writer_gives_the_same_english_in_any_language(seeded_app):
    """Not through the file cache: each writer is called in each language."""

    def written() -> list:
        session = get_session()
        dossier = session.scalar(select(Dossier).where(Dossier.slug == "openai-chips"))
        claims = exports.claims(session, dossier, parse_filters(MultiDict()))
        sources = claimline_json.dossier_sources(session, dossier)
        return [
            csv_columns.write(claims, lambda claim: f"/claims/{claim.id}"),
            timelinejs.write(dossier, claims, lambda claim: f"/claims/{claim.id}"),
            claimline_json.write(dossier, sources, claims),
            [atom.claim_entry(claim, f"/claims/{claim.id}") for claim in claims],
            [serialize.claim(claim, dossier.slug) for claim in claims],
            [serialize.source(source, dossier.slug) for source in sources],
        ]

    with seeded_app.app_context():
        english = written()
        with i18n.speaking("fr"):
            french = written()
    assert french == english
    assert "Insider says" in english[0]


def test_the_api_claim_fields_stay_english_for_a_french_reader(client):
    french = client.get("/api/v1/claims?dossier=openai-chips", headers=FRENCH).get_json()
    english = client.get("/api/v1/claims?dossier=openai-chips").get_json()
    assert french["items"] == english["items"]
    assert {item["attribution_label"] for item in french["items"]} <= set(
        ATTRIBUTION_LABELS.values()
    )


def test_an_api_validation_error_has_a_french_detail_and_an_english_title(
    client, write_token, seeded_app
):
    with seeded_app.app_context():
        article = get_session().scalar(select(Source.id).where(Source.key == "article"))
    body = {"dossier": "openai-chips", "statement": "", "attribution": "rumour",
            "source": article, "stated_date": "juin 2024", "confidence": 150}  # fmt: skip
    headers = {**bearer(write_token), **FRENCH}
    response = client.post("/api/v1/claims", json=body, headers=headers)
    problem = response.get_json()
    assert response.status_code == 400
    assert problem["title"] == "Bad Request"
    assert problem["detail"] == "3 champs n’ont pas pu être utilisés."
    messages = {error["field"]: error["message"] for error in problem["errors"]}
    assert messages["statement"] == "Remplissez le champ «\u00a0énoncé\u00a0»."
    assert "«\u00a0confiance\u00a0»" in messages["confidence"]
    english = client.post("/api/v1/claims", json=body, headers=bearer(write_token)).get_json()
    assert english["title"] == "Bad Request"
    assert english["detail"] == "3 fields could not be used."
    assert {e["field"]: e["message"] for e in english["errors"]}["statement"] == (
        "Enter the statement."
    )


def test_an_api_not_found_detail_is_french(client):
    problem = client.get("/api/v1/claims/999999", headers=FRENCH).get_json()
    assert problem["title"] == "Not Found"
    assert problem["detail"] == "Il n’y a pas d’affirmation 999999."


def test_a_found_name_shows_its_entity_kind_in_the_readers_language():
    outlet = Name("entity", "Reuters", "reuters", 3, ("reuters",), detail="outlet")
    with i18n.speaking("en"):
        assert outlet.shown_detail == "outlet"
    with i18n.speaking("fr"):
        assert outlet.shown_detail == "média"
    assert outlet.detail == "outlet"  # the API's entity_kind


def test_a_source_page_gives_its_reliability_grade_in_french(client, seeded_app):
    with seeded_app.app_context():
        source = get_session().scalar(select(Source).where(Source.reliability.is_not(None)))
        url, grade = f"/sources/{source.id}", source.reliability
    with i18n.speaking("fr"):
        french = reliability_words(grade)
    assert french and french != RELIABILITY_GRADES[grade]
    assert french in soup(client.get(url, headers=FRENCH)).get_text()
    assert RELIABILITY_GRADES[grade] in soup(client.get(url)).get_text()
