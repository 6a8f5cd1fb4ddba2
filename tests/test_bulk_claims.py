"""The claims an import creates are written in bulk, outside the unit of work (issue #17). Each
must be stored exactly as the API stores the same claim one at a time: the same columns (the
derived ones too), links, relations, first revision, search entry and counts."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from db import get_session
from models import Claim, ClaimRelation, Dossier, Revision, claim_entities, claim_tags
from services.editing import bulk_claims
from services.reading import search
from tests.conftest import claim_by_key
from tests.helpers import bearer
from tests.test_facet_counts import assert_counts_match_a_recount
from tests.test_imports import write

DOSSIER = "openai-chips"
# Between them, every field a claim has, each in more than one shape.
BODIES = [
    {
        "statement": "Broadcom confirme travailler avec OpenAI sur une puce « maison ».",
        "statement_lang": "fr",
        "quote": "Nous travaillons avec OpenAI",
        "quote_lang": "fr",
        "attribution": "public",
        "source": "article",
        "stated_date": "juin 2024",
        "event_date": "mi-mai 2024",
        "confidence": 90,
        "status": "corroborated",
        "tags": ["Puces", "Broadcom"],
        "entities": ["broadcom", "openai"],
        "speaker": "broadcom",
        "notes": "Vu dans *deux* dépêches; voir [le communiqué](https://example.org/x).",
    },
    {
        "statement": "A person familiar with the talks says the chip is late.",
        "attribution": "private",
        "speaker_description": "a person familiar with the talks",
        "relayed_by": "sam-altman",
        "relayed_by_description": "in a message to staff",
        "source": "article",
        "via": "wsj",
        "locator": 2,
        "stated_date": "2025 or earlier",
        "confidence": 35,
        "tags": ["chips"],
    },
    {
        "statement": "OpenAI's board discussed the plan.",
        "attribution": "insider",
        "source": "the-information",
        "stated_date": "2024-02-09",
        "event_date": "early 2024",
        "confidence": 60,
        "entities": ["openai-board"],
    },
]
RELATED_TO = "altman-chip-urgency"  # a seeded claim the first body is related to
# Kept by the database or the ORM for each row, not by the claim's content.
BOOKKEEPING = {"id", "key", "created_at", "updated_at"}


def _created_through_the_api(client, write_token, target_id: int) -> list[int]:
    ids = []
    for number, body in enumerate(BODIES):
        body = {**body, "dossier": DOSSIER, "key": f"api-{number}"}
        if number == 0:
            body["relations"] = [{"type": "supports", "claim": target_id, "note": "same week"}]
        response = client.post("/api/v1/claims", json=body, headers=bearer(write_token))
        assert response.status_code == 201, response.get_json()
        ids.append(response.get_json()["id"])
    return ids


def _imported(runner, tmp_path) -> None:
    document = {
        "format": "claimline-dossier",
        "format_version": 1,
        "claims": [{**body, "key": f"file-{n}"} for n, body in enumerate(BODIES)],
        "relations": [
            {"from": "file-0", "type": "supports", "to": RELATED_TO, "note": "same week"}
        ],
    }
    path = write(tmp_path, "claims.json", json.dumps(document))
    result = runner.invoke(args=["import", path, "--dossier", DOSSIER])
    assert result.exit_code == 0, result.output


def _stored(session, claim_id: int) -> dict:
    """Everything kept about a claim, with the bookkeeping left out."""
    claim = session.get(Claim, claim_id)
    columns = {
        column.key: getattr(claim, column.key)
        for column in Claim.__table__.columns
        if column.key not in BOOKKEEPING
    }
    revision = session.scalars(
        select(Revision).where(Revision.object_type == "claim", Revision.object_id == claim_id)
    ).one()
    relations = session.execute(
        select(ClaimRelation.to_claim_id, ClaimRelation.type, ClaimRelation.note).where(
            ClaimRelation.from_claim_id == claim_id
        )
    ).all()
    tags = select(claim_tags.c.tag_id).where(claim_tags.c.claim_id == claim_id)
    entities = select(claim_entities.c.entity_id).where(claim_entities.c.claim_id == claim_id)
    return {
        "columns": columns,
        "tags": set(session.scalars(tags)),
        "entities": set(session.scalars(entities)),
        "relations": sorted(relations),
        "revision": (
            revision.action,
            revision.version,
            revision.dossier_id,
            revision.changes,
            revision.snapshot,
        ),  # fmt: skip
    }


def test_an_imported_claim_is_stored_as_the_api_stores_it(
    seeded_app, client, runner, tmp_path, write_token
):
    with seeded_app.app_context():
        target_id = claim_by_key(get_session(), RELATED_TO).id
    through_the_api = _created_through_the_api(client, write_token, target_id)
    _imported(runner, tmp_path)
    with seeded_app.app_context():
        session = get_session()
        for number, api_id in enumerate(through_the_api):
            imported = claim_by_key(session, f"file-{number}")
            assert _stored(session, imported.id) == _stored(session, api_id), number
            assert imported.version == 1 and imported.created_at is not None
        assert _stored(session, claim_by_key(session, "file-0").id)["relations"]
    assert_counts_match_a_recount(seeded_app)


def test_imported_claims_are_found_by_search_and_move_the_last_change(
    seeded_app, client, runner, tmp_path
):
    with seeded_app.app_context():
        session = get_session()
        dossier = session.scalar(select(Dossier).where(Dossier.slug == DOSSIER))
        before = dossier.changed_at
    _imported(runner, tmp_path)
    with seeded_app.app_context():
        session = get_session()
        dossier = session.scalar(select(Dossier).where(Dossier.slug == DOSSIER))
        assert dossier.changed_at > before
        dialect = session.get_bind().dialect.name
        found = session.scalars(
            select(Claim.key).where(
                search.matches("maison", dialect), Claim.dossier_id == dossier.id
            )
        ).all()
        assert found == ["file-0"]
    page = client.get(f"/dossiers/{DOSSIER}/?q=maison")
    assert "Broadcom confirme travailler avec OpenAI" in page.get_data(as_text=True)


def test_claims_without_their_keys_are_refused(seeded_app):
    with seeded_app.app_context():
        session = get_session()
        dossier = session.scalar(select(Dossier).where(Dossier.slug == DOSSIER))
        with pytest.raises(ValueError, match="keys"):
            bulk_claims.insert_claims(session, dossier, [bulk_claims.unsaved_claim()])
