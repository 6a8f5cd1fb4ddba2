"""What the API's read endpoints list: dossiers, sources, entities, a claim's history.

A private dossier, and everything in it, is visible only to a caller with a token; an
unlisted one is left out of the list of dossiers and readable only with a token or its access
key (`keys`, sent as `?key=`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session, joinedload

from models import Claim, Dossier, Entity, Revision, Source
from models.vocabulary import EntityKind
from services.reading import entity_page
from services.reading.dossier_lookup import listed_to_readers, open_to_editors, readable
from services.reading.entity_visibility import visible_entities

T = TypeVar("T")


@dataclass
class Listing(Generic[T]):
    items: list[T]
    total: int
    next_after: str | None


@dataclass
class DossierCounts:
    dossier: Dossier
    claims: int
    sources: int


def _counts():
    claims = (
        select(func.count(Claim.id))
        .where(Claim.dossier_id == Dossier.id, Claim.deleted_at.is_(None))
        .scalar_subquery()
    )
    sources = (
        select(func.count(Source.id))
        .where(Source.dossier_id == Dossier.id, Source.deleted_at.is_(None))
        .scalar_subquery()
    )
    return claims, sources


def dossiers(session: Session, signed_in: bool) -> list[DossierCounts]:
    """Listed dossiers (public; every one for a token holder; no archived one for anybody),
    most recently changed first."""
    claims, sources = _counts()
    statement = (
        select(Dossier, claims, sources)
        .where(open_to_editors() if signed_in else listed_to_readers())
        .order_by(Dossier.changed_at.desc(), Dossier.id)
    )
    return [DossierCounts(*row) for row in session.execute(statement)]


def dossier(
    session: Session, slug: str, signed_in: bool, keys: Collection[str] = ()
) -> DossierCounts | None:
    """One dossier by slug with its counts, or None when it is missing or not visible."""
    claims, sources = _counts()
    row = session.execute(select(Dossier, claims, sources).where(Dossier.slug == slug)).first()
    if row is None or not readable(row[0], signed_in, keys):
        return None
    return DossierCounts(*row)


def visible_dossier(
    session: Session, slug: str, signed_in: bool, keys: Collection[str] = ()
) -> Dossier | None:
    """One dossier by slug, or None when it is missing or not visible."""
    found = session.scalar(select(Dossier).where(Dossier.slug == slug))
    return found if found is not None and readable(found, signed_in, keys) else None


def sources(
    session: Session, dossier: Dossier, after: int | None, per_page: int
) -> Listing[Source]:
    """A dossier's live sources by id, a page at a time after the id `after`."""
    base = select(Source).where(Source.dossier_id == dossier.id, Source.deleted_at.is_(None))
    statement = base.order_by(Source.id).limit(per_page + 1)
    if after is not None:
        statement = statement.where(Source.id > after)
    items = list(session.scalars(statement))
    next_after = str(items[per_page - 1].id) if len(items) > per_page else None
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    return Listing(items[:per_page], total, next_after)


def source(
    session: Session, source_id: int, signed_in: bool, keys: Collection[str] = ()
) -> Source | None:
    """A live source with its dossier, or None when missing, deleted or not visible."""
    found = session.scalar(
        select(Source)
        .where(Source.id == source_id, Source.deleted_at.is_(None))
        .options(joinedload(Source.dossier))
    )
    return found if found is not None and readable(found.dossier, signed_in, keys) else None


def entities(
    session: Session,
    query: str,
    kind: EntityKind | None,
    after: str | None,
    per_page: int,
    signed_in: bool,
) -> Listing[Entity]:
    """Live entities the caller may see, by slug, optionally those whose name, slug or alias
    contains `query`."""
    base = select(Entity).where(Entity.deleted_at.is_(None), visible_entities(signed_in))
    if kind is not None:
        base = base.where(Entity.kind == kind)
    if query:
        pattern = f"%{query.lower().replace('%', '').replace('_', '')}%"
        base = base.where(
            or_(
                func.lower(Entity.name).like(pattern),
                Entity.slug.like(pattern),
                func.lower(cast(Entity.aliases, String)).like(pattern),
            )
        )
    statement = base.order_by(Entity.slug).limit(per_page + 1)
    if after is not None:
        statement = statement.where(Entity.slug > after)
    items = list(session.scalars(statement))
    next_after = items[per_page - 1].slug if len(items) > per_page else None
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    return Listing(items[:per_page], total, next_after)


def entity(session: Session, slug: str, signed_in: bool) -> Entity | None:
    """A live entity the caller may see, or None."""
    return session.scalar(
        select(Entity).where(
            Entity.slug == slug, Entity.deleted_at.is_(None), visible_entities(signed_in)
        )
    )


# The entity page's three questions, as the API names them (OpenAPI reads this too).
ENTITY_PAGE_SIDES = ("in_public", "in_private", "others_say")


def entity_sides(session: Session, entity: Entity) -> dict[str, Any]:
    """The entity page's questions as JSON, the page's twin: claim ids (in the page's order,
    up to its column limit) and totals for its own words in public and in private, and for
    what others say of it."""
    own, others, _ = entity_page.comparison(session, entity)

    def side(claims: list[Claim], total: int) -> dict[str, Any]:
        return {"claims": [claim.id for claim in claims], "total": total}

    answers = (
        side(own.public, own.public_total),
        side(own.private, own.private_total),
        side(others.claims, others.total),
    )
    return dict(zip(ENTITY_PAGE_SIDES, answers, strict=True))


def claim_for_history(session: Session, claim_id: int, signed_in: bool) -> Claim | None:
    """A claim, deleted or not (its history outlives it), when its dossier is visible."""
    claim = session.scalar(
        select(Claim).where(Claim.id == claim_id).options(joinedload(Claim.dossier))
    )
    return claim if claim is not None and readable(claim.dossier, signed_in) else None


def history(session: Session, claim: Claim) -> list[Revision]:
    """A claim's revisions, newest first, with who made them."""
    return list(
        session.scalars(
            select(Revision)
            .where(Revision.object_type == "claim", Revision.object_id == claim.id)
            .options(joinedload(Revision.user))
            .order_by(Revision.id.desc())
        )
    )
