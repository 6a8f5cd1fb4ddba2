"""Unchanged pages cost a 304; a write makes them fresh; static files are fingerprinted."""

from __future__ import annotations

from bs4 import BeautifulSoup

from db import get_session
from tests.conftest import claim_by_key
from tests.factories import make_claim


def test_repeated_conditional_get_of_the_timeline_is_304(client):
    first = client.get("/dossiers/openai-chips/")
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"]
    again = client.get("/dossiers/openai-chips/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""


def test_a_write_makes_the_timeline_fresh(client, seeded_app, seeded_dossier):
    etag = client.get("/dossiers/openai-chips/").headers["ETag"]
    session = get_session()
    make_claim(session, seeded_dossier, statement="A brand new claim about wafers.")
    session.commit()
    fresh = client.get("/dossiers/openai-chips/", headers={"If-None-Match": etag})
    assert fresh.status_code == 200
    assert "A brand new claim about wafers." in fresh.get_data(as_text=True)


def test_different_filters_have_different_etags(client):
    everything = client.get("/dossiers/openai-chips/").headers["ETag"]
    insiders = client.get("/dossiers/openai-chips/?attribution=insider").headers["ETag"]
    assert everything != insiders


def test_claim_page_answers_conditional_requests(client, db_session):
    claim = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    etag = client.get(f"/claims/{claim.id}").headers["ETag"]
    assert client.get(f"/claims/{claim.id}", headers={"If-None-Match": etag}).status_code == 304


def test_signed_in_editors_are_never_served_from_cache(editor_client):
    response = editor_client.get("/dossiers/openai-chips/")
    assert "ETag" not in response.headers
    assert "no-store" in response.headers["Cache-Control"]


def test_html_is_compressed_for_clients_that_accept_it(client):
    response = client.get("/dossiers/openai-chips/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"


def test_static_files_are_fingerprinted_and_cached_for_a_year(client):
    page = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser")
    stylesheet = page.select_one('link[rel="stylesheet"]')["href"]
    assert "?v=" in stylesheet
    with client.get(stylesheet) as response:
        assert "immutable" in response.headers["Cache-Control"]
        assert "max-age=31536000" in response.headers["Cache-Control"]
