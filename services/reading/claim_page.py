"""Finding claims, and what a claim's page shows around it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import BindParameter, Date, Select, bindparam, or_, select, tuple_, union_all
from sqlalchemy.orm import Session, joinedload, selectinload

from models import Claim, ClaimRelation, Dossier, Revision
from models.revision import RevisionAction
from models.vocabulary import RelationType
from services.reading.filters import Cursor
from services.reading.timeline import card_options, own_options

# Tensions first: they are what a reader of one claim most needs to know about.
RELATION_ORDER = (
    RelationType.CONTRADICTS,
    RelationType.REFUTES,
    RelationType.CONFIRMS,
    RelationType.SUPPORTS,
    RelationType.UPDATES,
)


@dataclass
class Related:
    claim: Claim
    note: str


@dataclass
class RelationGroup:
    """Related claims sharing one relation read from this claim: "Contradicts", "Supported by"."""

    type: RelationType
    outgoing: bool
    items: list[Related]

    @property
    def label(self) -> str:
        words = self.type.label if self.outgoing else self.type.inverse_label
        return words[:1].upper() + words[1:]


@dataclass
class DeletedClaim:
    """What an editor who opens a deleted claim's address is told: when, by whom, and which
    revision a restore would bring back."""

    claim: Claim
    deletion: Revision | None
    restorable: Revision | None


@dataclass
class Neighbours:
    previous: Claim | None
    next: Claim | None
    position: Cursor  # the timeline position whose page starts with the claim itself


# The claim page's statements are built once per process, their values bound when they
# run: building a statement and its cache key each time was a fifth of the cold page (#17).
CLAIM_ID: BindParameter[int] = bindparam("claim_id")


@cache
def _dossier_statement() -> Select:
    return (
        select(Dossier)
        .join(Claim, Claim.dossier_id == Dossier.id)
        .where(Claim.id == CLAIM_ID, Claim.deleted_at.is_(None))
    )


def dossier_of_visible(session: Session, claim_id: int) -> Dossier | None:
    """The dossier of a live claim, or None when there is no such claim."""
    return session.scalar(_dossier_statement(), {"claim_id": claim_id})


def get_visible(session: Session, claim_id: int) -> Claim | None:
    """A live claim with everything its card shows, relations included, or None."""
    statement = (
        select(Claim)
        .where(Claim.id == claim_id, Claim.deleted_at.is_(None))
        .options(*card_options(), joinedload(Claim.dossier), selectinload(Claim.entities))
    )
    return session.scalars(statement).unique().one_or_none()


@cache
def _page_statement() -> Select:
    return (
        select(Claim)
        .where(Claim.id == CLAIM_ID, Claim.deleted_at.is_(None))
        .options(*own_options(), joinedload(Claim.dossier), selectinload(Claim.entities))
    )


def for_page(session: Session, claim_id: int) -> Claim | None:
    """A live claim with what its page shows of it, or None. Its relations are left
    unloaded: relation_groups reads both directions in one statement."""
    return session.scalars(_page_statement(), {"claim_id": claim_id}).unique().one_or_none()


def deleted(session: Session, claim_id: int) -> DeletedClaim | None:
    """A deleted claim with its deletion and the last revision before it, or None. For editors
    only: readers are never told that a deleted claim exists."""
    claim = session.scalar(
        select(Claim)
        .where(Claim.id == claim_id, Claim.deleted_at.is_not(None))
        .options(joinedload(Claim.dossier))
    )
    if claim is None:
        return None
    revisions = session.scalars(
        select(Revision)
        .where(Revision.object_type == "claim", Revision.object_id == claim_id)
        .order_by(Revision.version.desc(), Revision.id.desc())
        .options(joinedload(Revision.user))
    ).all()
    deletion = next((r for r in revisions if r.action is RevisionAction.DELETE), None)
    restorable = next((r for r in revisions if not r.snapshot.get("deleted")), None)
    return DeletedClaim(claim, deletion, restorable)


@cache
def _relations_statement() -> Select:
    return (
        select(ClaimRelation)
        .where(or_(ClaimRelation.from_claim_id == CLAIM_ID, ClaimRelation.to_claim_id == CLAIM_ID))
        .order_by(ClaimRelation.id)
        .options(joinedload(ClaimRelation.from_claim), joinedload(ClaimRelation.to_claim))
    )


def relation_groups(session: Session, claim: Claim) -> list[RelationGroup]:
    """The claim's relations in both directions, grouped by type and direction, tensions first.

    One statement for both directions (the claim's collections take one each). A deleted
    claim is left out: deleted means absent from every reading surface.
    """
    relations = session.scalars(_relations_statement(), {"claim_id": claim.id})
    groups: dict[tuple[RelationType, bool], RelationGroup] = {}
    # Outgoing first, then incoming, each in the order the links were made.
    ordered = sorted(relations, key=lambda relation: relation.from_claim_id != claim.id)
    for relation in ordered:
        outgoing = relation.from_claim_id == claim.id
        other = relation.to_claim if outgoing else relation.from_claim
        if other.is_deleted:
            continue
        key = (relation.type, outgoing)
        group = groups.setdefault(key, RelationGroup(relation.type, outgoing, []))
        group.items.append(Related(other, relation.note))
    return sorted(
        groups.values(), key=lambda group: (RELATION_ORDER.index(group.type), not group.outgoing)
    )


@cache
def _neighbours_statement() -> Select:
    position = tuple_(Claim.timeline_date, Claim.id)
    here = tuple_(bindparam("day", type_=Date), CLAIM_ID)
    base = select(Claim.id).where(
        Claim.dossier_id == bindparam("dossier_id"), Claim.deleted_at.is_(None)
    )
    before = (
        base.where(position < here).order_by(Claim.timeline_date.desc(), Claim.id.desc()).limit(1)
    ).subquery()
    after = (
        base.where(position > here).order_by(Claim.timeline_date, Claim.id).limit(1)
    ).subquery()
    return select(Claim).where(Claim.id.in_(union_all(select(before.c.id), select(after.c.id))))


def neighbours(session: Session, claim: Claim) -> Neighbours:
    """The live claims just before and just after this one on its dossier's timeline, read
    in one statement."""
    found = session.scalars(
        _neighbours_statement(),
        {"dossier_id": claim.dossier_id, "day": claim.timeline_date, "claim_id": claim.id},
    )
    previous = following = None
    for other in found:
        if (other.timeline_date, other.id) < (claim.timeline_date, claim.id):
            previous = other
        else:
            following = other
    return Neighbours(previous, following, Cursor(claim.timeline_date, claim.id - 1))
