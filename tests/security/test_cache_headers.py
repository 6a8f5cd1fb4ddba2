"""Answers made for a signed-in editor or a token holder are never stored by shared caches, and
every answer says what it varies on (issue #18)."""

from __future__ import annotations

from tests.editing_helpers import claim_id_by_key
from tests.helpers import bearer


def test_signed_in_pages_are_private_and_not_stored(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    for url in (f"/claims/{claim_id}/edit", f"/claims/{claim_id}", "/dossiers/openai-chips/"):
        response = editor_client.get(url)
        assert response.headers["Cache-Control"] == "private, no-store", url
        assert "Cookie" in response.headers["Vary"], url


def test_token_answers_are_private_and_vary_on_the_token(seeded_app, client, read_token):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    for url in (f"/api/v1/claims/{claim_id}", "/api/v1/claims?dossier=openai-chips"):
        response = client.get(url, headers=bearer(read_token))
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "private, no-store", url
        assert "Authorization" in response.headers["Vary"], url


def test_anonymous_pages_may_be_shared_but_vary_on_the_cookie(client):
    response = client.get("/dossiers/openai-chips/")
    assert response.headers["Cache-Control"] == "public, no-cache"
    assert "Cookie" in response.headers["Vary"]
    api = client.get("/api/v1/dossiers")
    assert "Authorization" in api.headers["Vary"]
