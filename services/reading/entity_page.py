"""An entity's page: its own words in public against in private, then what others say of it.

The page answers one question first (#16): does the entity say one thing in public and
another in private? Its own words are the claims it speaks or relays, or that a person
who belongs to it (`member_of`) speaks: for TSMC, C.C. Wei's public remark. They stand
against its private remarks and what insiders say it does. Claims by others that name
it come after, under "What others say about it". Relations that cross two columns are
shown as pairs, read "<left claim> <phrase> <right claim>".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, CompoundSelect, Select, func, select, tuple_, union
from sqlalchemy.orm import Session, aliased, joinedload

from models import Claim, Entity, claim_entities, limits
from models.vocabulary import Attribution, RelationType
from services.reading import dossier_lookup, entity_breakdown, timeline
from services.reading.filters import Cursor

OFF_THE_RECORD = (Attribution.INSIDER, Attribution.PRIVATE)
# Tensions first, then how one account moves the other, then agreement.
PAIR_ORDER = (
    RelationType.CONTRADICTS,
    RelationType.REFUTES,
    RelationType.UPDATES,
    RelationType.CONFIRMS,
    RelationType.SUPPORTS,
)
COLUMN_LIMIT = 50
PER_PAGE = limits.PAGE_SIZE


@dataclass
class Link:
    """How a claim of the right column bears on one of the left, read left to right."""

    private: Claim  # the right-hand claim
    type: RelationType
    phrase: str  # "contradicts", "updated by": reads "<left claim> <phrase> <right claim>"
    note: str
    right_is_subject: bool = False  # the relation was recorded from the right-hand claim

    @property
    def arrow(self) -> str:
        """Which way the relation runs: one way but for a contradiction, which is mutual."""
        if self.type == RelationType.CONTRADICTS:
            return "↔"
        return "←" if self.right_is_subject else "→"

    @property
    def is_tension(self) -> bool:
        return self.type.is_tension


@dataclass
class Meeting:
    """A claim of the left column and the claims of the right related to it."""

    public: Claim  # the left-hand claim
    links: list[Link]

    @property
    def is_tension(self) -> bool:
        return any(link.is_tension for link in self.links)


@dataclass
class Comparison:
    """Two columns of claims and the relations that cross them (left first)."""

    public: list[Claim]
    private: list[Claim]
    meetings: list[Meeting]
    public_total: int
    private_total: int

    @property
    def unpaired_public(self) -> list[Claim]:
        paired = {meeting.public.id for meeting in self.meetings}
        return [claim for claim in self.public if claim.id not in paired]

    @property
    def unpaired_private(self) -> list[Claim]:
        paired = {link.private.id for meeting in self.meetings for link in meeting.links}
        return [claim for claim in self.private if claim.id not in paired]

    @property
    def empty(self) -> bool:
        return not self.public and not self.private


@dataclass
class Others:
    """Claims by others that name the entity, and how they bear on its own words."""

    claims: list[Claim]
    total: int
    meetings: list[Meeting]

    @property
    def unpaired(self) -> list[Claim]:
        paired = {meeting.public.id for meeting in self.meetings}
        return [claim for claim in self.claims if claim.id not in paired]


@dataclass
class EntityView:
    entity: Entity
    claims: list[Claim]
    years: list[timeline.YearGroup]
    total: int
    next_cursor: Cursor | None
    comparison: Comparison
    others: Others
    breakdowns: list[entity_breakdown.Breakdown]
    own_count: int
    members: list[Entity]
    errors: list[str] = field(default_factory=list)


def by_slug(session: Session, slug: str) -> Entity | None:
    """A live entity, or None; merged entities are returned as they are (the view redirects)."""
    return session.scalar(select(Entity).where(Entity.slug == slug, Entity.deleted_at.is_(None)))


def merged_target(session: Session, entity: Entity) -> Entity | None:
    return session.get(Entity, entity.merged_into_id) if entity.merged_into_id else None


def about(entity: Entity) -> ColumnElement[bool]:
    """Claims the entity speaks or that name it (ids from the two indexes, not a scan)."""
    return Claim.id.in_(timeline.claim_ids_about([entity.id]))


def _visible() -> tuple[ColumnElement[bool], ...]:
    # Only listed dossiers: an entity page gathers claims across dossiers, and must not
    # reveal an unlisted or private dossier's claims to someone who was not given its link.
    return (Claim.deleted_at.is_(None), dossier_lookup.listed_to_readers())


def voices(entity: Entity):
    """Ids of the entity and of the live entities that belong to it."""
    return select(Entity.id).where(
        (Entity.id == entity.id) | (Entity.member_of_id == entity.id), Entity.deleted_at.is_(None)
    )


def _own_selects(entity: Entity) -> list[Select]:
    """Ids of the claims the entity (or one of its members) speaks, and of those it relays:
    two index lookups. As a UNION they lead a query; an OR of the two made SQLite read every
    claim of an attribution (120 ms for one count at 100,000 claims)."""
    other = aliased(Claim)  # not correlated with the claims of the enclosing query
    return [
        select(other.id).where(other.speaker_id.in_(voices(entity))),
        select(other.id).where(other.relayed_by_id.in_(voices(entity))),
    ]


def _own_ids(entity: Entity) -> CompoundSelect:
    return union(*_own_selects(entity))


def _own_words(entity: Entity) -> ColumnElement[bool]:
    return Claim.id.in_(_own_ids(entity))


def _mention_ids(entity: Entity):
    return select(claim_entities.c.claim_id).where(claim_entities.c.entity_id == entity.id)


def _sides(entity: Entity) -> dict[str, ColumnElement[bool]]:
    """Which claims stand where: its words on the record, its words off the record (with
    what insiders say of it), and what others say of it. Each side leads with an id list
    (its own words, or them and its mentions) so the claims are found through indexes."""
    own, mentioned = _own_words(entity), Claim.id.in_(_mention_ids(entity))
    either = Claim.id.in_(union(*_own_selects(entity), _mention_ids(entity)))
    insider_about = (Claim.attribution == Attribution.INSIDER) & mentioned
    private = either & ((own & Claim.attribution.in_(OFF_THE_RECORD)) | insider_about)
    return {
        "public": own & Claim.attribution.not_in(OFF_THE_RECORD),
        "private": private,
        # NOT IN a list of claim ids, never NULL: true for every claim not in its own words.
        "others": mentioned
        & Claim.id.not_in(_own_ids(entity))
        & (Claim.attribution != Attribution.INSIDER),
    }


def _ids(session: Session, where: ColumnElement[bool], column, limit: int) -> list[int]:
    """The ids of the first `limit` claims `where` holds, in the order of `column` and id.
    Rows are loaded afterwards, for every list of the page at once (_load): PostgreSQL sorted
    the whole rows to keep 50 (entity pages at 30,000 claims, 222 to 187 ms)."""
    statement = (
        select(Claim.id)
        .join(Claim.dossier)
        .where(where, *_visible())
        .order_by(column, Claim.id)
        .limit(limit)
    )
    return list(session.scalars(statement))


def _load(session: Session, *lists: list[int]) -> list[list[Claim]]:
    """Each list of ids as claims with what a card shows, in timeline order, read in one
    statement (and one for each of the cards' collections) rather than one per list."""
    wanted = {claim_id for ids in lists for claim_id in ids}
    statement = (
        select(Claim)
        .where(Claim.id.in_(wanted))
        .options(*timeline.card_options(), joinedload(Claim.dossier))
    )
    by_id = {claim.id: claim for claim in session.scalars(statement).unique()} if wanted else {}
    in_order = sorted(by_id.values(), key=lambda claim: (claim.timeline_date, claim.id))
    return [[claim for claim in in_order if claim.id in chosen] for chosen in map(set, lists)]


def _by_date(session: Session, total: int | None):
    """The timeline date to order an entity's claims by: walked in its index unless the
    entity is known to be named by few claims (timeline.ordering_column)."""
    walk = total is None or total > timeline.WALK_BY_DATE_ABOVE
    return timeline.ordering_column("event", session.get_bind().dialect.name, walk)


def _count(session: Session, where: ColumnElement[bool]) -> int:
    statement = select(func.count(Claim.id)).join(Claim.dossier).where(where, *_visible())
    return session.scalar(statement) or 0


def _related(claim: Claim):
    """(relation, other claim, whether `claim` is the relation's subject) for each link."""
    for relation in claim.live_relations_out:
        yield relation, relation.to_claim, True
    for relation in claim.live_relations_in:
        yield relation, relation.from_claim, False


def meet(left: list[Claim], right: list[Claim]) -> list[Meeting]:
    """Each claim of `left` with the claims of `right` related to it, tensions first."""
    by_id = {claim.id: claim for claim in left}
    meetings: dict[int, Meeting] = {}
    seen = set()
    for claim in right:
        for relation, other, right_is_subject in _related(claim):
            if other.id not in by_id or relation.id in seen:
                continue
            seen.add(relation.id)
            phrase = relation.type.inverse_label if right_is_subject else relation.type.label
            meeting = meetings.setdefault(other.id, Meeting(by_id[other.id], []))
            meeting.links.append(
                Link(claim, relation.type, phrase, relation.note, right_is_subject)
            )
    for meeting in meetings.values():
        meeting.links.sort(key=lambda link: PAIR_ORDER.index(link.type))
    return sorted(
        meetings.values(),
        key=lambda m: (PAIR_ORDER.index(m.links[0].type), m.public.timeline_date, m.public.id),
    )


def comparison(
    session: Session, entity: Entity, total: int | None = None, page: list[int] | None = None
) -> tuple[Comparison, Others, list[Claim]]:
    """Its own words in public against in private, and what others say of it; `total` is
    how many claims name it, when the caller knows. The claims of `page` (ids) are loaded
    with the columns' and returned third."""
    sides = _sides(entity)
    column = _by_date(session, total)
    public, private, others, listed = _load(
        session,
        _ids(session, sides["public"], column, COLUMN_LIMIT),
        _ids(session, sides["private"], column, COLUMN_LIMIT),
        _ids(session, sides["others"], column, COLUMN_LIMIT),
        page or [],
    )
    # Its own private remarks lead the column; what insiders say of it follows.
    private.sort(
        key=lambda claim: (claim.attribution != Attribution.PRIVATE, claim.timeline_date, claim.id)
    )
    return (
        Comparison(
            public=public,
            private=private,
            meetings=meet(public, private),
            public_total=_count(session, sides["public"]),
            private_total=_count(session, sides["private"]),
        ),
        Others(others, _count(session, sides["others"]), meet(others, public + private)),
        listed,
    )


def attribution_counts(session: Session, entity: Entity) -> dict[Attribution, int]:
    statement = (
        select(Claim.attribution, func.count(Claim.id))
        .join(Claim.dossier)
        .where(about(entity), *_visible())
        .group_by(Claim.attribution)
    )
    return dict(session.execute(statement).all())


def page_of_claims(
    session: Session, entity: Entity, after: Cursor | None, total: int, per_page: int = PER_PAGE
) -> tuple[list[int], bool]:
    """The ids of a page of the entity's claims (`total` of them) in timeline order (keyset
    on date and id), and whether more follow."""
    column = _by_date(session, total)
    where = about(entity)
    if after:
        where = where & (tuple_(column, Claim.id) > tuple_(after.sort_date, after.claim_id))
    ids = _ids(session, where, column, per_page + 1)
    return ids[:per_page], len(ids) > per_page


def build(session: Session, entity: Entity, after: Cursor | None) -> EntityView:
    """Everything the entity page shows, in a fixed number of queries."""
    counts = attribution_counts(session, entity)
    total = sum(counts.values())
    page, more = page_of_claims(session, entity, after, total)
    own, others, claims = comparison(session, entity, total, page)
    next_cursor = Cursor(claims[-1].timeline_date, claims[-1].id) if more else None
    members = session.scalars(
        select(Entity)
        .where(Entity.member_of_id == entity.id, Entity.deleted_at.is_(None))
        .order_by(Entity.name)
    ).all()
    return EntityView(
        entity=entity,
        claims=claims,
        years=timeline.group_by_month(claims),
        total=total,
        next_cursor=next_cursor,
        comparison=own,
        others=others,
        breakdowns=entity_breakdown.breakdowns(session, about(entity), _visible()),
        own_count=_count(session, _own_words(entity)),
        members=list(members),
    )
