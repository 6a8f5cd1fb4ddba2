"""The JSON API's writes: create, update at a version, soft delete; errors as problems."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import get_session
from models import Claim, Revision, Source
from services.interchange import api_examples
from tests.accounts import add_account
from tests.conftest import build_app, claim_by_key, make_token
from tests.helpers import bearer


@pytest.fixture
def api(client, write_token):
    """Send JSON to the API with the editor's write token."""

    def send(method: str, url: str, body=None, **kwargs):
        headers = {**bearer(write_token), **kwargs.pop("headers", {})}
        return client.open(url, method=method, json=body, headers=headers, **kwargs)

    return send


def claim_id(app, key: str) -> int:
    """The id of a seeded claim, read in a context of its own (no session left open)."""
    with app.app_context():
        return claim_by_key(get_session(), key).id


@pytest.fixture
def article_id(seeded_app) -> int:
    with seeded_app.app_context():
        return get_session().scalar(select(Source.id).where(Source.key == "article"))


def new_claim(article_id: int, **changes) -> dict:
    body = {
        "dossier": "openai-chips",
        "statement": "Broadcom confirms it is working with OpenAI on a chip.",
        "attribution": "public",
        "source": article_id,
        "stated_date": "juin 2024",
        "confidence": 90,
        "tags": ["chips", "Broadcom"],
        "entities": ["broadcom", "openai"],
        "speaker": "broadcom",
    }
    body.update(changes)
    return body


def test_create_claim_returns_it_with_its_address(api, article_id):
    response = api("POST", "/api/v1/claims", new_claim(article_id, key="broadcom-confirms"))
    assert response.status_code == 201
    claim = response.get_json()
    assert response.headers["Location"] == claim["api_url"]
    assert (
        claim["stated_date"]["edtf"] == "2024-06" and claim["stated_date"]["label"] == "June 2024"
    )
    assert claim["speaker"] == {"name": "Broadcom", "slug": "broadcom"}
    assert claim["key"] == "broadcom-confirms" and claim["version"] == 1
    assert sorted(claim["tags"]) == ["Broadcom", "chips"]


def test_create_records_a_revision_by_the_token_owner(api, article_id, seeded_app):
    new_id = api("POST", "/api/v1/claims", new_claim(article_id)).get_json()["id"]
    with seeded_app.app_context():
        revision = get_session().scalar(
            select(Revision).where(Revision.object_id == new_id, Revision.object_type == "claim")
        )
        assert revision.action.value == "create" and revision.user.username == "editor"


def test_every_wrong_field_is_listed(api, article_id):
    body = new_claim(article_id, confidence=150, stated_date="the day after", attribution="gossip")
    del body["statement"]
    response = api("POST", "/api/v1/claims", body)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    fields = {error["field"] for error in response.get_json()["errors"]}
    assert fields == {"statement", "confidence", "stated_date", "attribution"}


def test_a_member_that_is_not_a_field_is_refused(api, article_id):
    response = api("POST", "/api/v1/claims", new_claim(article_id, statment="typo"))
    assert response.status_code == 400
    assert response.get_json()["errors"] == [
        {"field": "statment", "message": 'There is no field "statment" here.'}
    ]


def test_a_source_may_be_named_by_its_key(api):
    body = new_claim(0, source="wsj")
    assert api("POST", "/api/v1/claims", body).get_json()["source"]["title"]


def test_a_key_is_unique_in_its_dossier(api, article_id):
    response = api("POST", "/api/v1/claims", new_claim(article_id, key="hbm-shortage"))
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "key"


@pytest.mark.parametrize(
    "data, content_type, status",
    [
        ("statement=hello", "application/x-www-form-urlencoded", 415),
        ("{not json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ("null", "application/json", 400),
    ],
)
def test_a_body_that_is_not_a_json_object_is_refused(
    client, write_token, data, content_type, status
):
    response = client.post(
        "/api/v1/claims",
        data=data,
        content_type=content_type,
        headers=bearer(write_token),
    )
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"


def test_a_body_over_the_limit_is_413(api, article_id):
    response = api("POST", "/api/v1/claims", new_claim(article_id, notes="x" * 1_100_000))
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_patch_changes_only_the_fields_sent_and_keeps_relations(api, seeded_app):
    wei = api("GET", f"/api/v1/claims/{claim_id(seeded_app, 'tsmc-ceo-plan-too-aggressive')}")
    wei = wei.get_json()
    version, relations = wei["version"], len(wei["relations"])
    response = api("PATCH", f"/api/v1/claims/{wei['id']}", {"version": version, "confidence": 80})
    assert response.status_code == 200
    body = response.get_json()
    assert body["confidence"] == 80 and body["version"] == version + 1
    assert len(body["relations"]) == relations > 0
    assert body["stated_date"]["edtf"] == "2024-06-04"


def test_a_get_response_can_be_sent_back_as_a_patch(api, client, seeded_app):
    hbm = claim_id(seeded_app, "hbm-shortage")
    body = client.get(f"/api/v1/claims/{hbm}").get_json()
    body["confidence"] = 33
    response = api("PATCH", f"/api/v1/claims/{hbm}", body)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["confidence"] == 33


def test_a_stale_change_to_a_changed_field_is_refused_with_the_current_claim(api, seeded_app):
    # A stale version alone is merged now (tests/test_concurrent_edits.py); changing a field
    # that was changed since is what is refused.
    url = f"/api/v1/claims/{claim_id(seeded_app, 'hbm-shortage')}"
    assert api("PATCH", url, {"version": 1, "status": "confirmed"}).status_code == 200
    response = api("PATCH", url, {"version": 1, "status": "contested"})
    assert response.status_code == 409
    problem = response.get_json()
    assert problem["current"]["version"] == 2 and problem["current"]["status"] == "confirmed"
    assert problem["conflicts"] == ["status"]
    assert "version 2" in problem["detail"]


def test_patch_needs_the_version(api, seeded_app):
    url = f"/api/v1/claims/{claim_id(seeded_app, 'hbm-shortage')}"
    response = api("PATCH", url, {"confidence": 5})
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "version"


def test_relations_can_be_replaced(api, seeded_app):
    wei_id = claim_id(seeded_app, "tsmc-ceo-plan-too-aggressive")
    target_id = claim_id(seeded_app, "hbm-shortage")
    body = {"version": 1, "relations": [{"type": "supports", "claim_id": target_id}]}
    relations = api("PATCH", f"/api/v1/claims/{wei_id}", body).get_json()["relations"]
    assert relations == [{"type": "supports", "claim_id": target_id, "note": ""}]


def test_delete_is_soft_and_needs_the_version(api, client, seeded_app):
    url = f"/api/v1/claims/{claim_id(seeded_app, 'hbm-shortage')}"
    assert api("DELETE", url).status_code == 400
    assert api("DELETE", f"{url}?version=7").status_code == 409
    assert api("DELETE", f"{url}?version=1").status_code == 204
    assert client.get(url).status_code == 404
    history = api("GET", f"{url}/history").get_json()["items"]
    assert history[0]["action"] == "delete"


def test_sources_are_created_changed_and_deleted(api):
    body = {"dossier": "openai-chips", "key": "ft", "title": "FT report", "published": "2024-08"}
    created = api("POST", "/api/v1/sources", body)
    assert created.status_code == 201
    source = created.get_json()
    assert source["published"]["label"] == "August 2024"
    changed = api("PATCH", f"/api/v1/sources/{source['id']}", {"version": 1, "reliability": "b"})
    assert changed.get_json()["reliability"] == "B"
    assert api("DELETE", f"/api/v1/sources/{source['id']}?version=2").status_code == 204


def test_a_source_that_claims_cite_cannot_be_deleted(api, article_id):
    response = api("DELETE", f"/api/v1/sources/{article_id}?version=1")
    assert response.status_code == 409
    assert "cite this source" in response.get_json()["detail"]


def test_entities_are_created_changed_and_deleted(api):
    created = api("POST", "/api/v1/entities", {"name": "Arm Holdings", "kind": "organisation"})
    assert created.status_code == 201 and created.get_json()["slug"] == "arm-holdings"
    changed = api("PATCH", "/api/v1/entities/arm-holdings", {"version": 1, "aliases": ["Arm"]})
    assert changed.get_json()["aliases"] == ["Arm"]
    assert (
        api("PATCH", "/api/v1/entities/arm-holdings", {"version": 2, "slug": "arm"}).status_code
        == 400
    )
    assert api("DELETE", "/api/v1/entities/arm-holdings?version=2").status_code == 204
    assert api("GET", "/api/v1/entities/arm-holdings").status_code == 404


def test_an_entity_that_claims_name_cannot_be_deleted(api):
    response = api("DELETE", "/api/v1/entities/broadcom?version=1")
    assert response.status_code == 409


def test_the_api_needs_no_csrf_token_even_where_forms_need_one(tmp_path, seeded_template):
    app = build_app(tmp_path, seeded_template, WTF_CSRF_ENABLED=True)
    add_account(app, "editor")
    token = make_token(app, "editor", "write")
    response = app.test_client().post(
        "/api/v1/entities",
        json={"name": "Arm Holdings", "kind": "organisation"},
        headers=bearer(token),
    )
    assert response.status_code == 201


def test_the_api_page_example_adds_a_claim(api, client, seeded_app):
    with seeded_app.app_context():
        example = api_examples.find(get_session())
        source_body = api_examples.new_source_body(example)
        claim_body = api_examples.new_claim_body(example)
    assert api("POST", "/api/v1/sources", source_body).status_code == 201
    response = api("POST", "/api/v1/claims", claim_body)
    assert response.status_code == 201
    claim = response.get_json()
    assert claim["stated_date"]["edtf"] == "2025-10-13"
    assert claim["relations"][0]["type"] == "confirms"
    with client.application.app_context():
        assert get_session().get(Claim, claim["id"]).source.key == api_examples.NEW_SOURCE_KEY
