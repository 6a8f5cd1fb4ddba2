"""An entity's page: its claims in time order and what is said of it in public and in private.

The comparison is the product's signature. The left column holds what is on the record:
public statements and media reports spoken by the entity or naming it. The right column holds
what insiders say and what private remarks relay. An analysis or data claim that a claim of
the right column contradicts, refutes or updates stands on the left too: it is the public
picture the private account is measured against (for Sam Altman, his public reticence
against what he told people privately). Relations that cross the columns are shown as pairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Date, Integer, case, func, literal, select, tuple_, union_all
from sqlalchemy.orm import Session, joinedload

from fuzzy_date import OPEN_END, OPEN_START
from models import Claim, Dossier, Entity, limits
from models.vocabulary import Attribution, RelationType
from services.reading import dossier_lookup, overview, timeline
from services.reading.filters import Cursor

ON_THE_RECORD = (Attribution.PUBLIC, Attribution.REPORT)
OFF_THE_RECORD = (Attribution.INSIDER, Attribution.PRIVATE)
# Kinds that can stand for the public picture when an off-the-record claim bears on them.
PUBLIC_PICTURE = (Attribution.ANALYSIS, Attribution.DATA)
OPPOSING = (RelationType.CONTRADICTS, RelationType.REFUTES, RelationType.UPDATES)
# Tensions first, then how the private account moves the public one, then agreement.
PAIR_ORDER = (
    RelationType.CONTRADICTS,
    RelationType.REFUTES,
    RelationType.UPDATES,
    RelationType.CONFIRMS,
    RelationType.SUPPORTS,
)
COLUMN_LIMIT = 50
PER_PAGE = limits.PAGE_SIZE
MAX_YEARS = 40


@dataclass
class Link:
    """How one off-the-record claim bears on an on-the-record one, read left to right."""

    private: Claim
    type: RelationType
    phrase: str  # "contradicts", "updated by": reads "<public claim> <phrase> <private claim>"
    note: str

    @property
    def is_tension(self) -> bool:
        return self.type.is_tension


@dataclass
class Meeting:
    """A claim on the record and the claims off the record related to it."""

    public: Claim
    links: list[Link]

    @property
    def is_tension(self) -> bool:
        return any(link.is_tension for link in self.links)


@dataclass
class Comparison:
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
class Breakdown:
    """Claims about the entity in one dossier, counted by attribution and year."""

    dossier: Dossier
    years: list[int]
    rows: list[tuple[Attribution, list[int], int]]  # kind, count per year, total
    total: int


@dataclass
class EntityView:
    entity: Entity
    claims: list[Claim]
    years: list[timeline.YearGroup]
    total: int
    next_cursor: Cursor | None
    comparison: Comparison
    breakdowns: list[Breakdown]
    speaker_count: int
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


def _claims(entity: Entity):
    return (
        select(Claim)
        .join(Claim.dossier)
        .where(about(entity), *_visible())
        .options(*timeline.card_options(), joinedload(Claim.dossier))
    )


def _column(session: Session, entity: Entity, kinds) -> list[Claim]:
    statement = (
        _claims(entity)
        .where(Claim.attribution.in_(kinds))
        .order_by(Claim.timeline_date, Claim.id)
        .limit(COLUMN_LIMIT)
    )
    return list(session.scalars(statement).unique())


def _related(claim: Claim):
    """(relation, other claim, whether `claim` is the relation's subject) for each link."""
    for relation in claim.live_relations_out:
        yield relation, relation.to_claim, True
    for relation in claim.live_relations_in:
        yield relation, relation.from_claim, False


def comparison(session: Session, entity: Entity, counts: dict[Attribution, int]) -> Comparison:
    """The two columns and the relations that cross them."""
    public = _column(session, entity, ON_THE_RECORD)
    private = _column(session, entity, OFF_THE_RECORD)
    candidates = {
        other.id
        for claim in private
        for relation, other, _ in _related(claim)
        if relation.type in OPPOSING and other.attribution in PUBLIC_PICTURE
    }
    pulled = []
    if candidates:
        statement = _claims(entity).where(Claim.id.in_(candidates))
        pulled = list(session.scalars(statement).unique())
        public = sorted(public + pulled, key=lambda claim: (claim.timeline_date, claim.id))
    by_id = {claim.id: claim for claim in public}
    meetings: dict[int, Meeting] = {}
    seen = set()
    for claim in private:
        for relation, other, private_is_subject in _related(claim):
            if other.id not in by_id or relation.id in seen:
                continue
            seen.add(relation.id)
            phrase = relation.type.inverse_label if private_is_subject else relation.type.value
            meeting = meetings.setdefault(other.id, Meeting(by_id[other.id], []))
            meeting.links.append(Link(claim, relation.type, phrase, relation.note))
    for meeting in meetings.values():
        meeting.links.sort(key=lambda link: PAIR_ORDER.index(link.type))
    ordered = sorted(
        meetings.values(),
        key=lambda m: (PAIR_ORDER.index(m.links[0].type), m.public.timeline_date, m.public.id),
    )
    return Comparison(
        public=public,
        private=private,
        meetings=ordered,
        public_total=sum(counts.get(kind, 0) for kind in ON_THE_RECORD) + len(pulled),
        private_total=sum(counts.get(kind, 0) for kind in OFF_THE_RECORD),
    )


def _year_span(session: Session, entity: Entity) -> list[int]:
    first, last = timeline.date_bounds("event")
    # An open end has no year of its own: the other end stands in for it.
    known_first = case((first > OPEN_START, first), else_=last)
    known_last = case((last < OPEN_END, last), else_=first)
    lowest, highest = session.execute(
        select(func.min(known_first), func.max(known_last))
        .join(Claim.dossier)
        .where(about(entity), *_visible())
    ).one()
    if lowest is None or highest is None:
        return []
    lowest, highest = overview.as_date(lowest), overview.as_date(highest)
    return list(range(lowest.year, highest.year + 1))[-MAX_YEARS:]


def breakdowns(session: Session, entity: Entity) -> list[Breakdown]:
    """Per dossier, the entity's claims counted by attribution and by each year they overlap.

    A claim dated "2023 – July 2024" counts in 2023 and in 2024, as the timeline's year
    filter finds it in both; the "All years" total counts each claim once.
    """
    years = _year_span(session, entity)
    if not years:
        return []
    # A small table of the years, one row each (SQLite cannot name VALUES columns).
    grid = union_all(
        *(
            select(
                literal(year, Integer).label("year"),
                literal(date(year, 1, 1), Date).label("starts"),
                literal(date(year, 12, 31), Date).label("ends"),
            )
            for year in years
        )
    ).subquery("years")
    first, last = timeline.date_bounds("event")
    per_year = (
        select(Claim.dossier_id, Claim.attribution, grid.c.year, func.count(Claim.id))
        .join(Claim.dossier)
        .join(grid, (first <= grid.c.ends) & (last >= grid.c.starts))
        .where(about(entity), *_visible())
        .group_by(Claim.dossier_id, Claim.attribution, grid.c.year)
    )
    cells: dict[int, dict[tuple[Attribution, int], int]] = {}
    for dossier_id, kind, year, number in session.execute(per_year):
        cells.setdefault(dossier_id, {})[(kind, year)] = number
    totals = (
        select(Claim.dossier_id, Claim.attribution, func.count(Claim.id))
        .join(Claim.dossier)
        .where(about(entity), *_visible())
        .group_by(Claim.dossier_id, Claim.attribution)
    )
    row_totals: dict[int, dict[Attribution, int]] = {}
    for dossier_id, kind, number in session.execute(totals):
        row_totals.setdefault(dossier_id, {})[kind] = number
    dossiers = session.scalars(select(Dossier).where(Dossier.id.in_(row_totals))).all()
    result = []
    for dossier in sorted(dossiers, key=lambda d: d.title):
        counts = cells.get(dossier.id, {})
        shown = [year for year in years if any(counts.get((kind, year)) for kind in Attribution)]
        rows = [
            (kind, [counts.get((kind, year), 0) for year in shown], total)
            for kind, total in sorted(
                row_totals[dossier.id].items(), key=lambda item: list(Attribution).index(item[0])
            )
        ]
        result.append(Breakdown(dossier, shown, rows, sum(row_totals[dossier.id].values())))
    return result


def attribution_counts(session: Session, entity: Entity) -> dict[Attribution, int]:
    statement = (
        select(Claim.attribution, func.count(Claim.id))
        .join(Claim.dossier)
        .where(about(entity), *_visible())
        .group_by(Claim.attribution)
    )
    return dict(session.execute(statement).all())


def page_of_claims(
    session: Session, entity: Entity, after: Cursor | None, per_page: int = PER_PAGE
) -> tuple[list[Claim], Cursor | None]:
    """The entity's claims in timeline order, a page at a time (keyset on date and id)."""
    statement = _claims(entity).order_by(Claim.timeline_date, Claim.id).limit(per_page + 1)
    if after:
        statement = statement.where(
            tuple_(Claim.timeline_date, Claim.id) > tuple_(after.sort_date, after.claim_id)
        )
    claims = list(session.scalars(statement).unique())
    if len(claims) <= per_page:
        return claims, None
    claims = claims[:per_page]
    return claims, Cursor(claims[-1].timeline_date, claims[-1].id)


def build(session: Session, entity: Entity, after: Cursor | None) -> EntityView:
    """Everything the entity page shows, in a fixed number of queries."""
    counts = attribution_counts(session, entity)
    claims, next_cursor = page_of_claims(session, entity, after)
    speaker_count = session.scalar(
        select(func.count(Claim.id))
        .join(Claim.dossier)
        .where(Claim.speaker_id == entity.id, *_visible())
    )
    return EntityView(
        entity=entity,
        claims=claims,
        years=timeline.group_by_month(claims),
        total=sum(counts.values()),
        next_cursor=next_cursor,
        comparison=comparison(session, entity, counts),
        breakdowns=breakdowns(session, entity),
        speaker_count=speaker_count or 0,
    )
