"""The claim an editor has just added, found again when the same claim is about to be added
twice: the form's one-time token cannot catch a form fetched afresh (Back re-requests a page
sent with "no-store", and the browser refills the typed fields into a page with a new token).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Claim, Dossier, Revision, RevisionAction, User
from models.base import utcnow
from services.editing.claim_writes import ClaimInput

# How long after adding a claim the same one again is taken for a slip, not a choice.
RECENT = timedelta(hours=1)


def recent_twin(
    session: Session, dossier: Dossier, data: ClaimInput, user: User | None
) -> Claim | None:
    """The live claim with the same dossier, source, paragraph, quote and statement as `data`
    that `user` added within the last hour (the latest, if several), or None.

    Claims from other editors, or with another statement (the next claim from the same
    source, "Save and add another"), are not twins."""
    if user is None or data.source.id is None:
        return None
    added_by_user = select(Revision.object_id).where(
        Revision.object_type == "claim",
        Revision.action == RevisionAction.CREATE,
        Revision.user_id == user.id,
        Revision.created_at >= utcnow() - RECENT,
    )
    statement = (
        select(Claim)
        .where(
            Claim.dossier_id == dossier.id,
            Claim.source_id == data.source.id,
            Claim.locator.is_(None) if data.locator is None else Claim.locator == data.locator,
            Claim.quote == data.quote,
            Claim.statement == data.statement,
            Claim.deleted_at.is_(None),
            Claim.id.in_(added_by_user),
        )
        .order_by(Claim.id.desc())
        .limit(1)
    )
    with session.no_autoflush:  # the form's new sources or names are not to be saved yet
        return session.scalars(statement).first()
