"""The JSON API's read endpoints: dossiers, claims, sources, entities, history, errors."""

from __future__ import annotations

import pytest
from flask import url_for
from sqlalchemy import select

from db import get_session
from models import Dossier, Source
from models.vocabulary import Visibility
from tests.conftest import claim_by_key
from tests.helpers import bearer


def make_private(app, slug: str = "openai-chips") -> None:
    with app.app_context():
        session = get_session()
        session.scalar(select(Dossier).where(Dossier.slug == slug)).visibility = Visibility.PRIVATE
        session.commit()


def test_dossiers_list_the_seeded_dossier_with_counts_and_links(client):
    body = client.get("/api/v1/dossiers").get_json()
    assert body["total"] == 1 and body["next"] is None
    dossier = body["items"][0]
    assert dossier["slug"] == "openai-chips"
    assert dossier["claim_count"] == 48 and dossier["source_count"] == 8
    assert dossier["claims_url"] == "http://claimline.test/api/v1/claims?dossier=openai-chips"
    assert dossier["exports"]["timelinejs"].endswith("/dossiers/openai-chips/timelinejs.json")


def test_one_dossier_by_slug(client):
    body = client.get("/api/v1/dossiers/openai-chips").get_json()
    assert body["title"] == "OpenAI's in-house AI chip and data-centre plan"
    assert body["visibility"] == "public"


def test_claims_are_filtered_like_the_timeline(client):
    body = client.get("/api/v1/claims?dossier=openai-chips&attribution=public").get_json()
    assert body["total"] > 0
    assert {item["attribution"] for item in body["items"]} == {"public"}


def test_listed_claims_link_to_their_page_and_their_api_address(app, client):
    items = client.get("/api/v1/claims?dossier=openai-chips").get_json()["items"]
    with app.test_request_context(base_url="http://claimline.test"):
        expected = [
            (
                url_for("claims.detail", claim_id=item["id"], _external=True),
                url_for("api.get_claim", claim_id=item["id"], _external=True),
            )
            for item in items
        ]
    assert [(item["url"], item["api_url"]) for item in items] == expected
    assert items[0]["url"] == f"http://claimline.test/claims/{items[0]['id']}"
    assert client.get(items[0]["api_url"]).get_json()["id"] == items[0]["id"]


def test_claims_search_with_q(client):
    items = client.get("/api/v1/claims?dossier=openai-chips&q=Broadcom").get_json()["items"]
    texts = [(item["statement"] + item["quote"] + item["notes"]).lower() for item in items]
    assert texts and all("broadcom" in text for text in texts)


def test_each_wrong_parameter_is_named_in_the_errors(client):
    response = client.get(
        "/api/v1/claims?dossier=openai-chips&min_confidence=lots&status=maybe&per_page=900"
    )
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    fields = {error["field"] for error in response.get_json()["errors"]}
    assert fields == {"min_confidence", "status", "per_page"}


def test_claims_need_a_dossier(client):
    response = client.get("/api/v1/claims")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "dossier"


def test_sources_are_listed_a_page_at_a_time(client):
    first = client.get("/api/v1/sources?dossier=openai-chips&per_page=5").get_json()
    assert first["total"] == 8 and len(first["items"]) == 5
    second = client.get(first["next"]).get_json()
    assert len(second["items"]) == 3 and second["next"] is None
    keys = [item["key"] for item in first["items"] + second["items"]]
    assert sorted(keys) == [
        "article",
        "baxtel-ho-hiring",
        "bloomberg-softbank-perplexity",
        "sifma",
        "sifma-research-quarterly-1q24",
        "the-information",
        "tsmc-agm-2024",
        "wsj",
    ]


def test_one_source_with_its_page_and_document_addresses(client, db_session):
    source = db_session.scalar(select(Source).where(Source.key == "wsj"))
    body = client.get(f"/api/v1/sources/{source.id}").get_json()
    assert body["key"] == "wsj" and body["dossier"] == "openai-chips"
    assert body["page_url"] == f"http://claimline.test/sources/{source.id}"
    assert body["published"]["edtf"]


def test_entities_are_found_by_name_or_alias(client):
    body = client.get("/api/v1/entities?q=c. c. wei").get_json()
    assert [item["slug"] for item in body["items"]] == ["cc-wei"]


def test_entities_narrow_to_one_kind(client):
    items = client.get("/api/v1/entities?kind=person&per_page=200").get_json()["items"]
    assert items and {item["kind"] for item in items} == {"person"}


def test_entities_walk_every_page_once(client):
    url, seen = "/api/v1/entities?per_page=5", []
    while url:
        body = client.get(url).get_json()
        seen += [item["slug"] for item in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 24 and seen == sorted(seen)


def test_one_entity(client):
    body = client.get("/api/v1/entities/cc-wei").get_json()
    assert body["name"] == "C.C. Wei" and body["url"] == "http://claimline.test/entities/cc-wei"


def test_history_lists_the_seed_revision(client, db_session, read_token):
    claim = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    url = f"/api/v1/claims/{claim.id}/history"
    assert client.get(url).status_code == 401  # histories keep deleted text: tokens only
    body = client.get(url, headers=bearer(read_token)).get_json()
    assert [item["action"] for item in body["items"]] == ["create"]
    assert body["items"][0]["changes"]["stated_date"] == [None, "2024-06-04"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/dossiers/nope",
        "/api/v1/claims?dossier=nope",
        "/api/v1/claims/999999",
        "/api/v1/sources/999999",
        "/api/v1/entities/nobody",
        "/api/v1/no-such-thing",
    ],
)
def test_unknown_things_are_404_problems(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 404


def test_a_method_the_api_does_not_have_is_a_405_problem(client):
    response = client.put("/api/v1/dossiers")
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"


def test_a_private_dossier_is_hidden_without_a_token(seeded_app, client, db_session):
    claim_id = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive").id
    db_session.rollback()  # let go of the database before another session writes
    make_private(seeded_app)
    assert client.get("/api/v1/dossiers").get_json()["items"] == []
    for url in (
        "/api/v1/dossiers/openai-chips",
        "/api/v1/claims?dossier=openai-chips",
        f"/api/v1/claims/{claim_id}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/api/v1/claims/{claim_id}/history").status_code == 401


def test_the_history_of_an_unknown_claim_is_a_404_for_a_token_holder(client, read_token):
    response = client.get("/api/v1/claims/999999/history", headers=bearer(read_token))
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_a_private_dossier_shows_to_a_token_holder(seeded_app, client, read_token):
    make_private(seeded_app)
    body = client.get("/api/v1/dossiers", headers=bearer(read_token)).get_json()
    assert [item["slug"] for item in body["items"]] == ["openai-chips"]
