"""The read surface: dossier list, timeline, claim page and the claims API."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import Claim
from tests.conftest import claim_by_key
from tests.helpers import soup


def test_home_lists_the_seeded_dossier(client):
    page = soup(client.get("/"))
    links = [a["href"] for a in page.select(".dossier-list a")]
    assert "/dossiers/openai-chips/" in links


def test_timeline_lists_claims_with_attribution_labels_in_date_order(client):
    page = soup(client.get("/dossiers/openai-chips/"))
    cards = page.select("article.claim")
    assert len(cards) >= 28
    labels = {card.select_one(".attribution-tag").get_text(strip=True) for card in cards}
    assert {"Insider says", "Public statement", "Private remark", "Media report"} <= labels
    years = [int(h.get_text()) for h in page.select(".year-heading")]
    assert years == sorted(years)


def test_each_quote_is_marked_with_its_language(client, db_session):
    languages = dict(db_session.execute(select(Claim.quote, Claim.quote_lang)).all())
    page = soup(client.get("/dossiers/openai-chips/"))
    quotes = page.select("details.quote blockquote")
    assert "fr" in {quote["lang"] for quote in quotes}
    assert all(quote["lang"] == languages[quote.get_text()] for quote in quotes)


def test_claim_page_shows_the_claim_and_its_contradiction(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    page = soup(client.get(f"/claims/{wei.id}"))
    assert page.h1.get_text(strip=True) == wei.statement
    related = page.select(".relation-contradicts a")
    assert f"/claims/{promise.id}" in [a["href"] for a in related]
    assert page.select_one('link[rel="canonical"]')["href"].endswith(f"/claims/{wei.id}")


@pytest.mark.parametrize("url", ["/claims/999999", "/dossiers/no-such-dossier/", "/claims/abc"])
def test_unknown_things_are_404(client, url):
    assert client.get(url).status_code == 404


def test_api_lists_claims_with_documented_fields(client):
    response = client.get("/api/v1/claims?dossier=openai-chips&per_page=5")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"items", "next", "total"}
    assert len(body["items"]) == 5
    assert body["total"] >= 28
    item = body["items"][0]
    for field in (
        "id", "dossier", "statement", "quote", "quote_lang", "attribution", "attribution_label",
        "speaker", "speaker_description", "via", "source", "locator", "event_date", "stated_date",
        "confidence", "confidence_label", "status", "tags", "relations", "url",
    ):  # fmt: skip
        assert field in item
    assert set(item["stated_date"]) == {"edtf", "earliest", "latest", "label"}


def test_api_pages_walk_every_claim_once(client):
    url, seen = "/api/v1/claims?dossier=openai-chips&per_page=7", []
    while url:
        body = client.get(url).get_json()
        seen.extend(item["id"] for item in body["items"])
        url = body["next"]
    assert len(seen) == len(set(seen)) == body["total"]


def test_api_claim_has_relations(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    item = client.get(f"/api/v1/claims/{wei.id}").get_json()
    assert {"type": "contradicts", "claim_id": promise.id} in [
        {"type": r["type"], "claim_id": r["claim_id"]} for r in item["relations"]
    ]
    assert item["speaker"] == {"name": "C.C. Wei", "slug": "cc-wei"}


def test_api_errors_are_problem_json(client):
    response = client.get("/api/v1/claims/999999")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert client.get("/api/v1/claims").status_code == 400
