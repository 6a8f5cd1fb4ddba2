"""Small factories for tests: a claim through the same write path as the form and the API."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fuzzy_date import FuzzyDate, parse
from models import Claim, Dossier, Entity, Source
from models.vocabulary import Attribution, Status
from services.editing.claim_writes import (
    ClaimInput,
    RelationInput,
    create_claim,
    delete_claim,
    load_for_edit,
)


def _date(value: str | FuzzyDate | None) -> FuzzyDate | None:
    return parse(value) if isinstance(value, str) else value


def _entity(session: Session, value: str | Entity) -> Entity:
    if isinstance(value, Entity):
        return value
    return session.scalars(select(Entity).where(Entity.slug == value)).one()


def first_source(session: Session, dossier: Dossier) -> Source:
    return session.scalars(
        select(Source).where(Source.dossier_id == dossier.id).order_by(Source.id)
    ).first()


def make_claim(session: Session, dossier: Dossier, **overrides: Any) -> Claim:
    """A live claim in `dossier`, flushed, with plain defaults that `overrides` replace.

    Dates may be given as text ("2024-06", "2023"), attributions and statuses as their
    values, the speaker and entities as slugs, relations as (type, target claim) pairs.
    """
    fields: dict[str, Any] = {
        "statement": "A claim made for a test.",
        "attribution": Attribution.INSIDER,
        "stated_date": "2024-06-01",
        "confidence": 50,
        "status": Status.UNVERIFIED,
    }
    fields.update(overrides)
    fields["attribution"] = Attribution(fields["attribution"])
    fields["status"] = Status(fields["status"])
    fields["stated_date"] = _date(fields["stated_date"])
    fields["event_date"] = _date(fields.get("event_date"))
    if fields.get("source") is None:
        fields["source"] = first_source(session, dossier)
    if fields.get("speaker") is not None:
        fields["speaker"] = _entity(session, fields["speaker"])
    fields["entities"] = [_entity(session, value) for value in fields.get("entities", [])]
    fields["relations"] = [
        RelationInput(type=kind, target=target) for kind, target in fields.get("relations", [])
    ]
    claim = create_claim(session, dossier, ClaimInput(**fields), user=None)
    session.flush()
    return claim


def make_dossier(session: Session, slug: str = "test-dossier", **overrides: Any) -> Dossier:
    """An empty dossier with one source (every claim needs a source), flushed."""
    dossier = Dossier(slug=slug, title=overrides.pop("title", f"Dossier {slug}"), **overrides)
    session.add(dossier)
    session.add(Source(dossier=dossier, title=f"Source of {slug}", outlet="Test Outlet"))
    session.flush()
    return dossier


def delete(session: Session, claim: Claim) -> None:
    """Soft-delete a claim the way an editor does."""
    loaded = load_for_edit(session, claim.id)
    delete_claim(session, loaded, user=None, expected_version=None)
    session.flush()
