"""Finding dossiers."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Claim, Dossier
from models.vocabulary import Visibility


def listed(session: Session) -> list[tuple[Dossier, int]]:
    """Public dossiers with their number of live claims, most recently changed first."""
    claim_count = (
        select(func.count(Claim.id))
        .where(Claim.dossier_id == Dossier.id, Claim.deleted_at.is_(None))
        .scalar_subquery()
    )
    statement = (
        select(Dossier, claim_count)
        .where(Dossier.visibility == Visibility.PUBLIC)
        .order_by(Dossier.changed_at.desc(), Dossier.id)
    )
    return [(dossier, count) for dossier, count in session.execute(statement)]


def by_slug(session: Session, slug: str) -> Dossier | None:
    return session.scalar(select(Dossier).where(Dossier.slug == slug))


def readable(dossier: Dossier, signed_in: bool) -> bool:
    """Public and unlisted dossiers are readable by anyone with the address; private ones
    only by signed-in editors."""
    return signed_in or dossier.visibility is not Visibility.PRIVATE
