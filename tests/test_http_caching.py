"""Unchanged pages cost a 304; a write makes them fresh; static files are fingerprinted."""

from __future__ import annotations

from bs4 import BeautifulSoup

from db import engine_of, get_session
from services.reading import view_cache
from tests.conftest import build_app, claim_by_key
from tests.factories import make_claim
from tests.helpers import bearer
from tests.queries import recorded_statements


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


def test_a_second_reader_gets_the_same_page_without_a_render(client, seeded_app):
    first = client.get("/dossiers/openai-chips/?attribution=insider")
    other_reader = seeded_app.test_client()
    with recorded_statements(seeded_app) as statements:
        second = other_reader.get("/dossiers/openai-chips/?attribution=insider")
    assert second.status_code == 200
    assert second.data == first.data
    assert second.headers["ETag"] == first.headers["ETag"]
    # Finding the dossier and its last change; no claim is read.
    assert not any("FROM claims" in statement for statement in statements)


def test_a_kept_claim_page_is_served_without_loading_the_claim(client, seeded_app, db_session):
    claim = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    first = client.get(f"/claims/{claim.id}")
    with recorded_statements(seeded_app) as statements:
        second = seeded_app.test_client().get(f"/claims/{claim.id}")
    assert second.data == first.data
    assert not any("claim_relations" in statement for statement in statements)


def test_a_write_reaches_readers_of_a_kept_page(client, seeded_app, seeded_dossier):
    client.get("/dossiers/openai-chips/")
    session = get_session()
    make_claim(session, seeded_dossier, statement="A brand new claim about wafers.")
    session.commit()
    page = seeded_app.test_client().get("/dossiers/openai-chips/").get_data(as_text=True)
    assert "A brand new claim about wafers." in page


def test_a_message_for_one_reader_is_shown_once_and_to_nobody_else(editor_client, seeded_app):
    editor_client.post("/logout")
    timeline = "/dossiers/openai-chips/"
    with_message = editor_client.get(timeline)
    assert "Signed out." in with_message.get_data(as_text=True)
    assert "no-store" in with_message.headers["Cache-Control"]
    for reader in (editor_client, seeded_app.test_client()):
        assert "Signed out." not in reader.get(timeline).get_data(as_text=True)


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


def test_entity_page_is_304_until_any_dossier_changes(client, seeded_app, seeded_dossier):
    etag = client.get("/entities/tsmc").headers["ETag"]
    assert client.get("/entities/tsmc", headers={"If-None-Match": etag}).status_code == 304
    session = get_session()
    make_claim(session, seeded_dossier, statement="TSMC names a new fab site in Kumamoto.")
    session.commit()
    fresh = client.get("/entities/tsmc", headers={"If-None-Match": etag})
    assert fresh.status_code == 200
    assert fresh.headers["ETag"] != etag


def test_the_json_claim_list_answers_conditional_requests(client):
    url = "/api/v1/claims?dossier=openai-chips&attribution=insider"
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    kept = client.get(url)
    assert kept.mimetype == "application/json"
    assert kept.get_json() == first.get_json()


def test_a_token_holder_is_never_served_a_shared_json_page(client, read_token):
    url = "/api/v1/claims?dossier=openai-chips"
    client.get(url)
    with_token = client.get(url, headers=bearer(read_token))
    assert "ETag" not in with_token.headers
    assert "no-store" in with_token.headers["Cache-Control"]


def test_pages_on_another_host_name_their_own_host(tmp_path, seeded_template):
    # Without a fixed SERVER_NAME, absolute links follow the host the reader asked.
    app = build_app(tmp_path, seeded_template, SERVER_NAME=None)
    page = "/dossiers/openai-chips/"
    app.test_client().get(page, base_url="http://claimline.example")
    other = app.test_client().get(page, base_url="http://newsroom.example")
    canonical = BeautifulSoup(other.get_data(as_text=True), "html.parser").select_one(
        'link[rel="canonical"]'
    )
    assert canonical["href"].startswith("http://newsroom.example/")
    engine_of(app).dispose()


def test_a_cleared_page_cache_keeps_the_next_pages():
    """Clearing forgets the sizes too: the tests' statement counts clear the caches, and a
    byte count left behind made every later page too big to keep, so readers were served
    fresh renders instead of kept pages (seen as a flaky test under load)."""
    pages = view_cache.ViewCache(max_entries=10, max_bytes=100)
    for number in range(4):
        pages.put(number, b"x" * 20)
    pages.clear()
    for number in range(4):
        pages.put(number, b"y" * 20)
    assert [pages.get(number) for number in range(4)] == [b"y" * 20] * 4
