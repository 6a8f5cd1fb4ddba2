"""Finding dossiers."""

from __future__ import annotations

import hmac
from collections.abc import Collection

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from models import Claim, Dossier
from models.vocabulary import Visibility


def listed_to_readers() -> ColumnElement[bool]:
    """The one rule for the dossiers a reader may come across in a list, a count or a feed:
    public and not archived."""
    return (Dossier.visibility == Visibility.PUBLIC) & Dossier.archived_at.is_(None)


def open_to_editors() -> ColumnElement[bool]:
    """The dossiers a signed-in editor or a token holder sees listed: all but archived ones."""
    return Dossier.archived_at.is_(None)


def listed(session: Session, signed_in: bool = False) -> list[tuple[Dossier, int]]:
    """The dossiers the visitor may come across (public ones; for an editor, every one but
    the archived) with their number of live claims, most recently changed first."""
    claim_count = (
        select(func.count(Claim.id))
        .where(Claim.dossier_id == Dossier.id, Claim.deleted_at.is_(None))
        .scalar_subquery()
    )
    statement = (
        select(Dossier, claim_count)
        .where(open_to_editors() if signed_in else listed_to_readers())
        .order_by(Dossier.changed_at.desc(), Dossier.id)
    )
    return [(dossier, count) for dossier, count in session.execute(statement)]


def by_slug(session: Session, slug: str) -> Dossier | None:
    return session.scalar(select(Dossier).where(Dossier.slug == slug))


def archived(session: Session) -> list[Dossier]:
    """Archived dossiers, most recently archived first: for editors, who may restore them."""
    statement = (
        select(Dossier)
        .where(Dossier.archived_at.is_not(None))
        .order_by(Dossier.archived_at.desc(), Dossier.id)
    )
    return list(session.scalars(statement))


def by_access_key(session: Session, key: str) -> Dossier | None:
    """The dossier whose share link carries `key`, or None."""
    return session.scalar(select(Dossier).where(Dossier.access_key == key))


def holds_key(dossier: Dossier, keys: Collection[str]) -> bool:
    """Whether one of `keys` is the dossier's access key (compared in constant time)."""
    expected = dossier.access_key
    return expected is not None and any(
        hmac.compare_digest(expected.encode(), key.encode()) for key in keys
    )


def readable(dossier: Dossier, signed_in: bool, keys: Collection[str] = ()) -> bool:
    """The one rule for reading a dossier and each of its items. Public dossiers are
    readable by anyone; unlisted ones by anyone holding their access key (`keys`: from the
    share link, or `?key=` in the API), since their slug and their items' ids can be guessed
    by counting (issue #18); private and archived ones only by signed-in editors and token
    holders."""
    if signed_in:
        return True
    if dossier.is_archived:
        return False
    if dossier.visibility is Visibility.PUBLIC:
        return True
    return dossier.visibility is Visibility.UNLISTED and holds_key(dossier, keys)
