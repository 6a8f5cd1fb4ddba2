"""When a dossier's pages last changed: kept by one session event, read for ETags and caches.

Every flush that inserts, updates or soft-deletes a claim, a claim relation, a source, an
entity or a dossier moves the changed dossiers' `changed_at` (`keep_last_change`), so no
writer has to remember to, and a cached page or an ETag cannot outlive the write.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from models import Claim, ClaimRelation, Dossier, Entity, Source
from models.base import utcnow
from models.claim import claim_entities


def keep_last_change(session_factory: sessionmaker[Session]) -> None:
    """Make every flush of the factory's sessions move the last change of the dossiers it
    writes to. Called once per app by the factory."""
    if not event.contains(session_factory, "before_flush", _mark_changed_dossiers):
        event.listen(session_factory, "before_flush", _mark_changed_dossiers)


def _mark_changed_dossiers(session: Session, flush_context: Any, instances: Any) -> None:
    written = [
        obj
        for obj in (*session.new, *session.deleted, *session.dirty)
        if obj in session.new or obj in session.deleted or session.is_modified(obj)
    ]
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
        Claim.speaker_id.in_(entity_ids) | Claim.id.in_(mentioning)
    )
    return set(session.scalars(statement.distinct()))


def last_change(session: Session, dossier: Dossier) -> datetime:
    """The latest write that can alter the dossier's pages (see `keep_last_change`)."""
    return _aware(dossier.changed_at)


def last_change_anywhere(session: Session) -> datetime:
    """The latest write to any dossier, entity or source: for pages that span dossiers, like
    an entity's, which changes with the entity even when no claim names it."""
    moments = session.execute(
        select(
            select(func.max(Dossier.changed_at)).scalar_subquery(),
            select(func.max(Entity.updated_at)).scalar_subquery(),
            select(func.max(Source.updated_at)).scalar_subquery(),
        )
    ).one()
    known = [_aware(moment) for moment in moments if moment is not None]
    return max(known, default=datetime.min.replace(tzinfo=UTC))


def _aware(moment: datetime | str) -> datetime:
    # max() over a subquery bypasses the UTC column type on SQLite: it returns a string.
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
