"""A private dossier, and everything in it, is invisible to anyone not signed in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import get_session
from models import Source
from models.vocabulary import Visibility
from tests.factories import make_claim, make_dossier
from tests.helpers import bearer

SECRET = "Unpublished zanzibarite lead from a confidential source"


@pytest.fixture
def private(seeded_app):
    """A private dossier holding one claim about TSMC; returns its claim and source ids."""
    with seeded_app.app_context():
        session = get_session()
        dossier = make_dossier(session, "secret-story", visibility=Visibility.PRIVATE)
        claim = make_claim(session, dossier, statement=SECRET, entities=["tsmc"])
        source = session.scalar(select(Source).where(Source.dossier_id == dossier.id))
        session.commit()
        return {"claim": claim.id, "source": source.id}


def surfaces(ids: dict) -> list[str]:
    return [
        "/",
        "/dossiers/secret-story/",
        f"/claims/{ids['claim']}",
        f"/sources/{ids['source']}",
        "/entities/tsmc",
        "/dossiers/secret-story/claims.csv",
        "/dossiers/secret-story/claims.json",
        "/dossiers/secret-story/timelinejs.json",
        "/dossiers/secret-story/feed.atom",
        "/changes.atom",
        "/dossiers/secret-story/print",
        "/api/v1/dossiers",
        "/api/v1/dossiers/secret-story",
        "/api/v1/claims?dossier=secret-story",
        f"/api/v1/claims/{ids['claim']}",
        f"/api/v1/claims/{ids['claim']}/history",
        f"/api/v1/sources/{ids['source']}",
        f"/api/v1/sources/{ids['source']}/text",
        "/api/v1/sources?dossier=secret-story",
        "/api/v1/entities/tsmc",
        "/entities/",
        "/sources/",
        "/dossiers/secret-story/entities/",
        "/dossiers/secret-story/sources/",
        "/api/v1/index/sources",
        "/api/v1/index/sources?dossier=secret-story",
        "/api/v1/index/entities?dossier=secret-story",
    ]


def test_anonymous_readers_never_see_a_private_dossier(client, private):
    for path in surfaces(private):
        response = client.get(path)
        assert response.status_code in (200, 400, 401, 404), path
        body = response.get_data(as_text=True)
        assert SECRET not in body, path
        assert "secret-story" not in body or response.status_code == 404, path


def test_a_private_dossier_does_not_change_public_counts(seeded_app, client):
    before = client.get("/api/v1/entities/tsmc").get_json()
    timeline_before = client.get("/dossiers/openai-chips/").get_data(as_text=True)
    with seeded_app.app_context():
        session = get_session()
        make_claim(
            session,
            make_dossier(session, "hidden", visibility=Visibility.PRIVATE),
            statement=SECRET,
            entities=["tsmc"],
        )
        session.commit()
    assert client.get("/api/v1/entities/tsmc").get_json() == before
    assert client.get("/").get_data(as_text=True).count("dossier-item") == 1
    assert client.get("/dossiers/openai-chips/").get_data(as_text=True) == timeline_before


def test_signed_in_editors_read_the_private_dossier(editor_client, private):
    assert SECRET in editor_client.get("/dossiers/secret-story/").get_data(as_text=True)
    assert SECRET in editor_client.get(f"/claims/{private['claim']}").get_data(as_text=True)
    assert editor_client.get("/dossiers/secret-story/claims.csv").status_code == 200


def test_token_holders_read_the_private_dossier(client, private, read_token):
    response = client.get("/api/v1/claims?dossier=secret-story", headers=bearer(read_token))
    assert response.status_code == 200
    assert response.get_json()["items"][0]["statement"] == SECRET
