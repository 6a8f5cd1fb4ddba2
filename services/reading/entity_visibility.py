"""Which people and organisations a reader who is not signed in may see.

An entity entered only in a private dossier is as private as the dossier: its name,
description and aliases are the reporting (issue #18). So a reader sees an entity only when a
live claim of a listed dossier names it, as its speaker, as who relayed it, or among the
names it mentions, or when one of its members (`member_of`) speaks or relays such a claim,
since the entity page counts those words as the organisation's own. Editors and token
holders see every entity. The entity page, the API's entity list and item, and the ETag of
pages that span dossiers all go through `shown_to_readers`; a new surface that lists or
finds entities (a search, suggestions) must filter with `visible_entities` too.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, or_, select, true
from sqlalchemy.orm import Session, aliased

from models import Claim, Dossier, Entity, claim_entities
from services.reading.dossier_lookup import listed_to_readers


def shown_to_readers() -> ColumnElement[bool]:
    """True for the entities that a live claim of a listed dossier names: as speaker, as
    relay, as a name mentioned, or through a member who speaks or relays it (one EXISTS
    each, on their foreign-key indexes)."""

    def named_by(condition: ColumnElement[bool]) -> ColumnElement[bool]:
        public_claim = (
            select(Claim.id)
            .join(Dossier, Dossier.id == Claim.dossier_id)
            .where(condition, Claim.deleted_at.is_(None), listed_to_readers())
        )
        return exists(public_claim)

    mentioned = exists(
        select(claim_entities.c.claim_id)
        .join(Claim, Claim.id == claim_entities.c.claim_id)
        .join(Dossier, Dossier.id == Claim.dossier_id)
        .where(
            claim_entities.c.entity_id == Entity.id,
            Claim.deleted_at.is_(None),
            listed_to_readers(),
        )
    )
    member = aliased(Entity)
    members_words = exists(
        select(Claim.id)
        .join(Dossier, Dossier.id == Claim.dossier_id)
        .join(member, or_(member.id == Claim.speaker_id, member.id == Claim.relayed_by_id))
        .where(member.member_of_id == Entity.id, Claim.deleted_at.is_(None), listed_to_readers())
    )
    return or_(
        named_by(Claim.speaker_id == Entity.id),
        named_by(Claim.relayed_by_id == Entity.id),
        mentioned,
        members_words,
    )


def visible_entities(signed_in: bool) -> ColumnElement[bool]:
    """The filter for a query over entities: every one for an editor or a token holder,
    those `shown_to_readers` for anyone else."""
    return true() if signed_in else shown_to_readers()


def is_visible(session: Session, entity: Entity, signed_in: bool) -> bool:
    """Whether this entity may be shown to the visitor; otherwise answer as if it did not
    exist."""
    if signed_in:
        return True
    found = session.scalar(select(Entity.id).where(Entity.id == entity.id, shown_to_readers()))
    return found is not None
