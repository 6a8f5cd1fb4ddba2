"""When a dossier's pages last changed: the key for ETags, Last-Modified and the caches.

`Dossier.changed_at` is kept by one session event (services.editing.last_change), so it
moves with every write to the dossier or anything shown in it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Dossier, Entity, Source


def last_change(session: Session, dossier: Dossier) -> datetime:
    """The latest write that can alter the dossier's pages."""
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
