"""member_of: an entity belongs to an organisation, in the seed, the forms, the API and files."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from db import get_session
from models import Entity
from services.interchange.formats.claimline_json import entity_document
from tests.editing_helpers import field_error, form_values
from tests.helpers import bearer, soup


def _member_of(app, slug: str) -> str | None:
    with app.app_context():
        entity = get_session().scalar(select(Entity).where(Entity.slug == slug))
        return entity.member_of.slug if entity.member_of else None


@pytest.mark.parametrize(
    "person, organisation",
    [("cc-wei", "tsmc"), ("richard-ho", "openai"), ("sam-altman", "openai")],
)
def test_the_seed_says_who_belongs_to_which_organisation(client, person, organisation):
    assert client.get(f"/api/v1/entities/{person}").get_json()["member_of"] == organisation


def test_an_organisation_belongs_to_nothing_in_the_seed(client):
    assert client.get("/api/v1/entities/tsmc").get_json()["member_of"] is None


def test_the_dossier_file_carries_member_of(client):
    exported = json.loads(client.get("/dossiers/openai-chips/claims.json").get_data())
    by_slug = {entity["slug"]: entity for entity in exported["entities"]}
    assert by_slug["cc-wei"]["member_of"] == "tsmc"
    assert by_slug["tsmc"]["member_of"] is None


def test_the_entity_document_names_the_organisation_by_slug(db_session):
    wei = db_session.scalar(select(Entity).where(Entity.slug == "cc-wei"))
    assert entity_document(wei)["member_of"] == "tsmc"


def test_the_entity_form_sets_the_organisation(seeded_app, editor_client):
    data = form_values(soup(editor_client.get("/entities/broadcom/edit")).select_one("main form"))
    assert data["member_of"] == ""
    data["member_of"] = "google"
    assert editor_client.post("/entities/broadcom/edit", data=data).status_code == 302
    assert _member_of(seeded_app, "broadcom") == "google"


def test_a_person_cannot_be_an_organisation(seeded_app, editor_client):
    data = form_values(soup(editor_client.get("/entities/richard-ho/edit")).select_one("main form"))
    data["member_of"] = "sam-altman"
    response = editor_client.post("/entities/richard-ho/edit", data=data)
    assert "is a person" in field_error(soup(response, 422), "member_of")
    assert _member_of(seeded_app, "richard-ho") == "openai"


def test_a_loop_of_organisations_is_refused(seeded_app, editor_client):
    data = form_values(soup(editor_client.get("/entities/openai/edit")).select_one("main form"))
    data["member_of"] = "openai-board"
    assert editor_client.post("/entities/openai/edit", data=data).status_code == 302
    data = form_values(
        soup(editor_client.get("/entities/openai-board/edit")).select_one("main form")
    )
    data["member_of"] = "openai"
    response = editor_client.post("/entities/openai-board/edit", data=data)
    assert "cannot belong to itself" in field_error(soup(response, 422), "member_of")
    assert _member_of(seeded_app, "openai-board") is None


def test_the_api_sets_and_refuses_member_of(client, write_token):
    headers = bearer(write_token)
    made = client.post(
        "/api/v1/entities",
        json={"name": "Mark Liu", "kind": "person", "member_of": "tsmc"},
        headers=headers,
    )
    assert made.status_code == 201 and made.get_json()["member_of"] == "tsmc"
    refused = client.patch(
        "/api/v1/entities/mark-liu", json={"version": 1, "member_of": "nobody"}, headers=headers
    )
    assert refused.status_code == 400
    assert "nobody" in json.dumps(refused.get_json())
    # Named in no claim yet, so only a token holder or an editor sees it (issue #18).
    assert client.get("/api/v1/entities/mark-liu").status_code == 404
    assert (
        client.get("/api/v1/entities/mark-liu", headers=headers).get_json()["member_of"] == "tsmc"
    )
