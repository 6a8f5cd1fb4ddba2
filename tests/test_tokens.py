"""API tokens: created once by the CLI, stored hashed, revocable; reads and writes checked."""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import select

from db import get_session
from models import ApiToken
from tests.helpers import bearer

NEW_ENTITY = {"name": "Arm Holdings", "kind": "organisation"}


def test_create_prints_the_token_once_and_stores_only_its_hash(seeded_app, runner, editor):
    result = runner.invoke(
        args=["tokens", "create", editor, "--name", "script", "--scope", "write"]
    )
    assert result.exit_code == 0, result.output
    secret = re.search(r"^(cl_\S+)$", result.output, re.MULTILINE).group(1)
    with seeded_app.app_context():
        token = get_session().scalar(select(ApiToken))
        assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert token.scope.value == "write" and token.name == "script"
    assert secret not in runner.invoke(args=["tokens", "list"]).output


def test_create_refuses_an_unknown_user(runner):
    result = runner.invoke(args=["tokens", "create", "nobody"])
    assert result.exit_code != 0
    assert 'There is no user "nobody"' in result.output


def test_a_new_token_reads_by_default(runner, editor):
    result = runner.invoke(args=["tokens", "create", editor])
    assert "(read)" in result.output


def test_list_shows_each_token_and_whether_it_is_revoked(runner, editor, write_token):
    runner.invoke(args=["tokens", "create", editor, "--name", "second"])
    runner.invoke(args=["tokens", "revoke", "1"])
    lines = runner.invoke(args=["tokens", "list"]).output.splitlines()
    assert lines[0].startswith("1\teditor\twrite")
    assert "\trevoked 20" in lines[0]
    assert lines[1].startswith("2\teditor\tread\tsecond") and lines[1].endswith("active")


def test_revoking_twice_says_so(runner, write_token):
    assert runner.invoke(args=["tokens", "revoke", "1"]).exit_code == 0
    again = runner.invoke(args=["tokens", "revoke", "1"])
    assert again.exit_code != 0 and "already revoked" in again.output


@pytest.mark.parametrize(
    "headers",
    [{}, bearer("cl_wrong"), {"Authorization": "Basic ZWRpdG9yOnB3"}, {"Authorization": "Bearer "}],
    ids=["missing", "wrong", "other scheme", "empty"],
)
def test_a_write_without_a_valid_token_is_refused_with_401(client, headers):
    response = client.post("/api/v1/entities", json=NEW_ENTITY, headers=headers)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(client, runner, write_token):
    assert (
        client.post("/api/v1/entities", json=NEW_ENTITY, headers=bearer(write_token)).status_code
        == 201
    )
    runner.invoke(args=["tokens", "revoke", "1"])
    response = client.get("/api/v1/dossiers", headers=bearer(write_token))
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_a_wrong_token_is_refused_even_for_reading(client):
    assert client.get("/api/v1/dossiers", headers=bearer("cl_nope")).status_code == 401


def test_a_read_token_cannot_write(client, read_token):
    response = client.post("/api/v1/entities", json=NEW_ENTITY, headers=bearer(read_token))
    assert response.status_code == 403
    assert "may only read" in response.get_json()["detail"]


def test_a_read_token_reads(client, read_token):
    assert client.get("/api/v1/dossiers", headers=bearer(read_token)).status_code == 200


def test_the_session_cookie_of_a_signed_in_editor_does_not_authenticate(editor_client):
    response = editor_client.post("/api/v1/entities", json=NEW_ENTITY)
    assert response.status_code == 401


def test_a_write_notes_when_the_token_was_last_used(seeded_app, client, write_token):
    client.post("/api/v1/entities", json=NEW_ENTITY, headers=bearer(write_token))
    with seeded_app.app_context():
        assert get_session().scalar(select(ApiToken)).last_used_at is not None
