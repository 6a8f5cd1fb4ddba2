"""Finding claims."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from models import Claim
from services.timeline import card_options


def get_visible(session: Session, claim_id: int) -> Claim | None:
    """A live claim with everything its page shows, or None."""
    statement = (
        select(Claim)
        .where(Claim.id == claim_id, Claim.deleted_at.is_(None))
        .options(*card_options(), joinedload(Claim.dossier), selectinload(Claim.entities))
    )
    return session.scalars(statement).unique().one_or_none()
