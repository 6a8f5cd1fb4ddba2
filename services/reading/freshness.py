"""When a dossier's pages last changed: the key for ETags and Last-Modified."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Dossier, Entity, Source


def last_change(session: Session, dossier: Dossier) -> datetime:
    """The latest write that can alter the dossier's pages.

    Claim writes move `dossier.changed_at`; an entity renamed or a source edited changes the
    pages too, so their latest update counts as well. One query, over small tables.
    """
    latest_entity = select(func.max(Entity.updated_at)).scalar_subquery()
    latest_source = (
        select(func.max(Source.updated_at)).where(Source.dossier_id == dossier.id).scalar_subquery()
    )
    entity_change, source_change = session.execute(select(latest_entity, latest_source)).one()
    moments = [dossier.changed_at, entity_change, source_change]
    return max(_aware(moment) for moment in moments if moment is not None)


def last_change_anywhere(session: Session) -> datetime:
    """The latest write to any dossier, entity or source: for pages that span dossiers."""
    moments = session.execute(
        select(
            select(func.max(Dossier.changed_at)).scalar_subquery(),
            select(func.max(Entity.updated_at)).scalar_subquery(),
            select(func.max(Source.updated_at)).scalar_subquery(),
        )
    ).one()
    known = [_aware(moment) for moment in moments if moment is not None]
    return max(known, default=datetime.min.replace(tzinfo=UTC))


def _aware(moment: datetime) -> datetime:
    # max() over a subquery bypasses the UTC column type on SQLite: it returns a string.
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
