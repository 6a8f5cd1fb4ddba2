"""A write changes the dossier's last change: one session event, so no writer bumps it.

Every flush that inserts, updates or soft-deletes a claim, a claim relation, a source, an
entity or a dossier moves `changed_at` on the dossiers it shows in, so a cached page or an
ETag (services.reading.freshness) cannot outlive the write.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from models import Claim, ClaimRelation, Dossier, Entity, Source
from models.base import utcnow
from models.claim import claim_entities


def keep_last_change(session_factory: sessionmaker[Session]) -> None:
    """Make every flush of the factory's sessions move the last change of the dossiers it
    writes to. Called once, on a new factory (db.session_factory)."""
    # No event.contains() guard: SQLAlchemy's registry keys listeners by id(target), so a
    # new factory's session class, given the id of one already collected, looked listened
    # to and was silently skipped (tests/test_session_events.py).
    event.listen(session_factory, "before_flush", _mark_changed_dossiers)


def mark_written(dossier: Dossier) -> None:
    """Move the dossier's last change for a write no flush saw: claims inserted in bulk
    (services.editing.bulk_claims). The next flush saves it."""
    dossier.changed_at = utcnow()


def _mark_changed_dossiers(session: Session, flush_context: Any, instances: Any) -> None:
    # session.new and .deleted build a new set on every access: read each once.
    added_or_deleted = [*session.new, *session.deleted]
    written = added_or_deleted + [obj for obj in session.dirty if session.is_modified(obj)]
    if not written:
        return
    moment = utcnow()
    for dossier in _dossiers_written(session, written):
        dossier.changed_at = moment


def _dossiers_written(session: Session, written: list[object]) -> set[Dossier]:
    dossiers: set[Dossier] = set()
    dossier_ids: set[int] = set()
    entity_ids: list[int] = []
    with session.no_autoflush:
        _sort_written(written, dossiers, dossier_ids, entity_ids)
        dossier_ids.update(_dossiers_naming(session, entity_ids))
        dossier_ids.difference_update(dossier.id for dossier in dossiers)
        if dossier_ids:
            dossiers.update(session.scalars(select(Dossier).where(Dossier.id.in_(dossier_ids))))
    return dossiers


def _sort_written(
    written: list[object], dossiers: set[Dossier], dossier_ids: set[int], entity_ids: list[int]
) -> None:
    for obj in written:
        if isinstance(obj, Dossier):
            dossiers.add(obj)
        elif isinstance(obj, Claim | Source):
            _add_owner(obj, dossiers, dossier_ids)
        elif isinstance(obj, ClaimRelation):
            for claim in (obj.from_claim, obj.to_claim):
                if claim is not None:
                    _add_owner(claim, dossiers, dossier_ids)
        elif isinstance(obj, Entity) and obj.id is not None:
            entity_ids.append(obj.id)  # a new entity shows only through claims, written too


def _add_owner(obj: Claim | Source, dossiers: set[Dossier], dossier_ids: set[int]) -> None:
    # A new row may only have its relationship set, a loaded one only its column.
    if obj.dossier_id is not None:
        dossier_ids.add(obj.dossier_id)
    elif obj.dossier is not None:
        dossiers.add(obj.dossier)


def _dossiers_naming(session: Session, entity_ids: Iterable[int]) -> set[int]:
    """The dossiers whose claims name one of the entities: an entity's name shows on them."""
    entity_ids = list(entity_ids)
    if not entity_ids:
        return set()
    mentioning = select(claim_entities.c.claim_id).where(claim_entities.c.entity_id.in_(entity_ids))
    statement = select(Claim.dossier_id).where(
        Claim.speaker_id.in_(entity_ids)
        | Claim.relayed_by_id.in_(entity_ids)
        | Claim.id.in_(mentioning)
    )
    return set(session.scalars(statement.distinct()))
