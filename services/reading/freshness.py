"""When a dossier's pages last changed: the key for ETags, Last-Modified and the caches.

`Dossier.changed_at` is kept by one session event (services.editing.last_change), so it
moves with every write to the dossier or anything shown in it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Dossier, Entity, Source
from services.reading import dossier_lookup
from services.reading.entity_visibility import shown_to_readers


def last_change(session: Session, dossier: Dossier) -> datetime:
    """The latest write that can alter the dossier's pages."""
    return _aware(dossier.changed_at)


def last_change_in_public(session: Session) -> tuple[datetime, str]:
    """For pages that span dossiers, like an entity's: the latest write to a dossier readers
    may come across, to an entity, or to a source of such a dossier; and which dossiers those
    are ("count:sum of ids"), so that one leaving the list (made private, archived) changes
    the page too. Writes to private dossiers move neither: an ETag must not tell readers
    when a private dossier was written."""
    listed = dossier_lookup.listed_to_readers()
    changed, count, ids = session.execute(
        select(func.max(Dossier.changed_at), func.count(Dossier.id), func.sum(Dossier.id)).where(
            listed
        )
    ).one()
    entity_changed, source_changed = session.execute(
        select(
            # Only entities readers may see: an edit to one known only to a private dossier
            # must not move public pages' ETags either.
            select(func.max(Entity.updated_at)).where(shown_to_readers()).scalar_subquery(),
            select(func.max(Source.updated_at))
            .join(Dossier, Dossier.id == Source.dossier_id)
            .where(listed)
            .scalar_subquery(),
        )
    ).one()
    moments = (changed, entity_changed, source_changed)
    known = [_aware(moment) for moment in moments if moment is not None]
    latest = max(known, default=datetime.min.replace(tzinfo=UTC))
    return latest, f"{count}:{ids or 0}"


def _aware(moment: datetime | str) -> datetime:
    # max() over a subquery bypasses the UTC column type on SQLite: it returns a string.
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
