"""The worked examples of the API page, with real ids from the database.

The request bodies are built here as data and shown as JSON, so the page never shows an
example the API would refuse (a test sends them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Claim, Dossier, Source
from services.reading.dossier_lookup import listed_to_readers

EXAMPLE_DOSSIER = "openai-chips"
EXAMPLE_CLAIM = "broadcom-most-likely-partner"
NEW_SOURCE_KEY = "openai-broadcom-announcement"


@dataclass
class Example:
    """A dossier, one of its claims and sources, to put real values in the examples."""

    dossier: Dossier
    claim: Claim | None
    source: Source | None


def find(session: Session) -> Example | None:
    """The seeded dossier (or else the first public one) with a claim and a source of it."""
    dossier = session.scalar(select(Dossier).where(Dossier.slug == EXAMPLE_DOSSIER))
    if dossier is None:
        dossier = session.scalar(select(Dossier).where(listed_to_readers()).order_by(Dossier.id))
    if dossier is None:
        return None
    live = (Claim.dossier_id == dossier.id, Claim.deleted_at.is_(None))
    claim = session.scalar(select(Claim).where(*live, Claim.key == EXAMPLE_CLAIM))
    claim = claim or session.scalar(select(Claim).where(*live).order_by(Claim.id))
    source = session.scalar(
        select(Source)
        .where(Source.dossier_id == dossier.id, Source.deleted_at.is_(None))
        .order_by(Source.id)
    )
    return Example(dossier, claim, source)


def new_source_body(example: Example) -> dict[str, Any]:
    return {
        "dossier": example.dossier.slug,
        "key": NEW_SOURCE_KEY,
        "title": "OpenAI and Broadcom announce a strategic collaboration on AI accelerators",
        "outlet": "OpenAI",
        "kind": "report",
        "published": "13 October 2025",
        "language": "en",
    }


def new_claim_body(example: Example) -> dict[str, Any]:
    body: dict[str, Any] = {
        "dossier": example.dossier.slug,
        "statement": "OpenAI and Broadcom announce a partnership to develop custom AI chips",
        "attribution": "public",
        "source": NEW_SOURCE_KEY,
        "event_date": "13 October 2025",
        "stated_date": "13 October 2025",
        "confidence": 95,
        "status": "confirmed",
        "tags": ["chips"],
    }
    if example.dossier.slug == EXAMPLE_DOSSIER:  # the seeded entities exist
        body["speaker"] = "openai"
        body["entities"] = ["openai", "broadcom"]
    if example.claim is not None:
        body["relations"] = [{"type": "confirms", "claim_id": example.claim.id}]
    return body


def patch_body(claim_version: int = 1) -> dict[str, Any]:
    return {"version": claim_version, "confidence": 97}
