"""Starting, changing and archiving dossiers through the JSON API."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db import get_session
from models import Dossier, Revision
from models.vocabulary import Role
from tests.accounts import add_account
from tests.conftest import make_token
from tests.helpers import bearer


@pytest.fixture
def admin_token(seeded_app) -> str:
    """A write-scope API token of an admin account."""
    add_account(seeded_app, "chief", Role.ADMIN)
    return make_token(seeded_app, "chief", "write")


def _count(app, model) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(model.id)))


def _new_dossier_id(app) -> int:
    with app.app_context():
        return get_session().scalar(
            select(Dossier.id).where(Dossier.slug == "arm-and-the-licences")
        )


def _create(client, token: str, **body):
    return client.post(
        "/api/v1/dossiers", json={"title": "Arm and the licences", **body}, headers=bearer(token)
    )


def test_a_new_dossier_is_answered_with_its_address_and_listed(client, write_token):
    response = _create(client, write_token, summary="Who pays *Arm*.")
    assert response.status_code == 201
    body = response.get_json()
    assert (body["slug"], body["version"], body["claim_count"]) == ("arm-and-the-licences", 1, 0)
    assert response.headers["Location"].endswith("/api/v1/dossiers/arm-and-the-licences")
    listed = client.get("/api/v1/dossiers").get_json()["items"]
    assert "arm-and-the-licences" in [item["slug"] for item in listed]


def test_a_slug_already_taken_is_refused(seeded_app, client, write_token):
    before = _count(seeded_app, Dossier)
    response = _create(client, write_token, slug="openai-chips")
    assert response.status_code == 400
    [error] = response.get_json()["errors"]
    assert error["field"] == "slug" and "already the address" in error["message"]
    assert _count(seeded_app, Dossier) == before


def test_an_editor_may_not_choose_who_reads_it(seeded_app, client, write_token):
    before = (_count(seeded_app, Dossier), _count(seeded_app, Revision))
    response = _create(client, write_token, visibility="private")
    assert response.status_code == 403
    assert (_count(seeded_app, Dossier), _count(seeded_app, Revision)) == before


def test_an_admin_may_start_a_private_dossier(client, admin_token):
    response = _create(client, admin_token, visibility="private")
    assert response.get_json()["visibility"] == "private"
    assert client.get("/api/v1/dossiers/arm-and-the-licences").status_code == 404


def test_patch_changes_the_fields_sent_and_moves_the_version(seeded_app, client, write_token):
    _create(client, write_token, subject="Before")
    response = client.patch(
        "/api/v1/dossiers/arm-and-the-licences",
        json={"version": 1, "subject": "After"},
        headers=bearer(write_token),
    )
    assert response.status_code == 200
    body = response.get_json()
    assert (body["subject"], body["title"], body["version"]) == (
        "After",
        "Arm and the licences",
        2,
    )
    with seeded_app.app_context():
        changes = get_session().scalars(
            select(Revision.changes)
            .where(
                Revision.object_type == "dossier", Revision.object_id == _new_dossier_id(seeded_app)
            )
            .order_by(Revision.id)
        )
        assert [change.get("subject") for change in changes] == [
            [None, "Before"],
            ["Before", "After"],
        ]


def test_a_stale_version_is_refused_with_the_current_dossier(client, write_token):
    _create(client, write_token)
    url = "/api/v1/dossiers/arm-and-the-licences"
    client.patch(url, json={"version": 1, "subject": "First"}, headers=bearer(write_token))
    response = client.patch(
        url, json={"version": 1, "subject": "Second"}, headers=bearer(write_token)
    )
    assert response.status_code == 409
    current = response.get_json()["current"]
    assert (current["subject"], current["version"]) == ("First", 2)


def test_the_slug_cannot_change_once_the_dossier_has_claims(client, write_token):
    response = client.patch(
        "/api/v1/dossiers/openai-chips",
        json={"version": 1, "slug": "renamed"},
        headers=bearer(write_token),
    )
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "slug"


def test_only_an_admin_archives(client, write_token):
    response = client.delete("/api/v1/dossiers/openai-chips?version=1", headers=bearer(write_token))
    assert response.status_code == 403
    assert client.get("/api/v1/dossiers/openai-chips").status_code == 200


def test_archiving_takes_the_dossier_away_from_readers(seeded_app, client, admin_token):
    response = client.delete("/api/v1/dossiers/openai-chips?version=1", headers=bearer(admin_token))
    assert response.status_code == 204
    assert client.get("/api/v1/dossiers/openai-chips").status_code == 404
    assert client.get("/api/v1/claims?dossier=openai-chips").status_code == 404
    assert client.get("/dossiers/openai-chips/").status_code == 404
    listed = client.get("/api/v1/dossiers", headers=bearer(admin_token)).get_json()["items"]
    assert "openai-chips" not in [item["slug"] for item in listed]
    # A token holder still reads it, marked archived.
    kept = client.get("/api/v1/dossiers/openai-chips", headers=bearer(admin_token)).get_json()
    assert kept["archived_at"] is not None and kept["version"] == 2
    with seeded_app.app_context():
        actions = get_session().scalars(
            select(Revision.action).where(Revision.object_type == "dossier")
        )
        assert [action.value for action in actions] == ["delete"]


def test_archiving_at_a_stale_version_is_refused(client, admin_token):
    response = client.delete("/api/v1/dossiers/openai-chips?version=7", headers=bearer(admin_token))
    assert response.status_code == 409
    assert client.get("/api/v1/dossiers/openai-chips").status_code == 200
