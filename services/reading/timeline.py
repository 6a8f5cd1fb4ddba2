"""The timeline: which claims a view shows, in which order, a page at a time, grouped by month."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import groupby

from sqlalchemy import CompoundSelect, Select, bindparam, func, select, tuple_, union
from sqlalchemy.orm import Session, aliased, joinedload, selectinload
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from fuzzy_date import OPEN_START, FuzzyDate, Period, heading_period
from i18n import _
from models import Claim, ClaimRelation, Dossier, Entity, Tag, claim_entities, claim_tags
from services.reading import search
from services.reading.filters import ClaimFilters, Cursor

# Above this many matching claims a page walks the date index (see `filtered`): the walk
# reads about per_page x dossier size / matches rows, at most 1,000 for a page of 50 at
# 100,000 claims (10,000 at a million, still a few milliseconds). Below it, sorting the
# matches' ids (from the covering facets index) is quicker: 6.5 ms against 9.5 ms for a
# year's 2,019 insider claims at 100,000.
WALK_BY_DATE_ABOVE = 5_000
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


@dataclass
class Page:
    claims: list[Claim]
    # None when more claims pass than a view counts (limits.COUNTED_CLAIMS_MAX).
    total: int | None
    next_cursor: Cursor | None
    # Set when the page does not start at the beginning: where the page before it starts
    # (None for the first page itself).
    has_previous: bool = False
    previous_cursor: Cursor | None = None


@dataclass
class MonthGroup:
    """Claims under one heading of a year: a month, or the part of the year their dates
    cover when they name no single month ("2024, first half", "2024, month not known")."""

    year: int
    period: Period
    claims: list[Claim]

    @property
    def label(self) -> str:
        return self.period.label

    @property
    def anchor(self) -> str:
        return f"m-{self.year}-{self.period.key}"


@dataclass
class YearGroup:
    year: int
    months: list[MonthGroup]

    @property
    def label(self) -> str:
        # Only an interval open at the start ("July 2024 or earlier") sorts at date.min.
        return _("Open start") if self.year == OPEN_START.year else str(self.year)

    @property
    def anchor(self) -> str:
        return f"y-{self.year}"


def sort_column(order: str):
    return Claim.stated_earliest if order == "stated" else Claim.timeline_date


def ordering_column(order: str, dialect: str, walk: bool):
    """The sort date as ORDER BY and the keyset compare it. When a page should not walk the
    date index (`walk` false: few claims match), SQLite gets "+date", which it cannot read
    from an index: else its planner walks the index to skip a sort, through the whole
    dossier, to find a few hundred claims (278 ms for the 272 public claims of 2020 among
    100,000, against a few ms reading them by attribution and sorting them)."""
    column = sort_column(order)
    if walk or dialect != "sqlite":
        return column
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def date_bounds(order: str):
    """The first and last day of the date the timeline places claims by, as SQL expressions."""
    if order == "stated":
        return Claim.stated_earliest, Claim.stated_latest
    return (
        func.coalesce(Claim.event_earliest, Claim.stated_earliest),
        func.coalesce(Claim.event_latest, Claim.stated_latest),
    )


def sort_date(claim: Claim, order: str) -> date:
    return claim.stated_earliest if order == "stated" else claim.timeline_date


def own_options():
    """Eager loads for what a claim shows of its own: who said it, who relayed it, its
    sources and its tags (not its relations, nor the claims at their other ends)."""
    return (
        joinedload(Claim.speaker),
        joinedload(Claim.relayed_by),
        joinedload(Claim.via),
        joinedload(Claim.source),
        selectinload(Claim.tags),
    )


def card_options():
    """Eager loads for everything a claim card shows, so a page costs a fixed number of queries."""
    return (
        *own_options(),
        selectinload(Claim.relations_out).joinedload(ClaimRelation.to_claim),
        selectinload(Claim.relations_in).joinedload(ClaimRelation.from_claim),
    )


def listing_options():
    """Eager loads for a claim as the API lists it: its relations by id, and of each related
    claim only whether it is deleted (a link to a deleted claim is not shown)."""
    return (
        joinedload(Claim.speaker),
        joinedload(Claim.relayed_by),
        joinedload(Claim.via),
        joinedload(Claim.source),
        selectinload(Claim.tags),
        selectinload(Claim.relations_out)
        .joinedload(ClaimRelation.to_claim)
        .load_only(Claim.id, Claim.deleted_at),
    )


def filtered(
    dossier: Dossier,
    filters: ClaimFilters,
    dialect: str,
    by_date: bool = False,
    first_few: bool = False,
) -> Select:
    """Select the live claims of a dossier that pass the filters, unordered.

    `first_few` is for reading a few of them in no order (facets.counted): SQLite
    then joins the search's matches as the FTS index yields them and stops when it has
    enough, instead of first listing them all (170 ms for a word in all of 1,000,000).

    `by_date` is for a page of many matching claims: SQLite then walks the date index and
    checks each claim against the id lists of the search, entity and tag filters, instead
    of reading every matching claim and sorting them (58 ms for a word in all 100,000
    claims; 20 ms walking). For a rare match the id lists lead: a walk would read them all.
    Raises search.SearchError when the search has no words.
    """
    # "claims.id + 0" is not an indexed column, so SQLite cannot drive the query from it.
    ids = Claim.id + 0 if by_date and dialect == "sqlite" else Claim.id
    statement = select(Claim).where(Claim.dossier_id == dossier.id, Claim.deleted_at.is_(None))
    if filters.attributions:
        statement = statement.where(Claim.attribution.in_(filters.attributions))
    if filters.status:
        statement = statement.where(Claim.status == filters.status)
    if filters.min_confidence is not None:
        statement = statement.where(Claim.confidence >= filters.min_confidence)
    if filters.source is not None:
        statement = statement.where(
            (Claim.source_id == filters.source) | (Claim.via_id == filters.source)
        )
    # Entity and tag filters as IN (ids from the link table's index), not a correlated
    # EXISTS per claim: a rare entity then costs a few index lookups, not a walk of the dossier.
    if filters.entity:
        statement = statement.where(
            ids.in_(claim_ids_about(select(Entity.id).where(Entity.slug == filters.entity)))
        )
    if filters.tag:
        tagged = (
            select(claim_tags.c.claim_id)
            .join(Tag, Tag.id == claim_tags.c.tag_id)
            .where(Tag.key == filters.tag)
        )
        statement = statement.where(ids.in_(tagged))
    # A claim is "in 2024" when its date overlaps 2024: "2023 – July 2024" is, though it
    # sits at its start, in 2023. An open end overlaps everything on its side.
    first, last = date_bounds(filters.order)
    if filters.date_from:
        statement = statement.where(last >= filters.date_from.earliest)
    if filters.date_to:
        statement = statement.where(first <= filters.date_to.latest)
    if filters.q and first_few and dialect == "sqlite":
        found = search.matching_rowids(filters.q).subquery()
        statement = statement.join(found, found.c.rowid == Claim.id)
    elif filters.q:
        statement = statement.where(search.matches(filters.q, dialect, ids))
    return statement


def claim_ids_about(entity_ids) -> CompoundSelect:
    """Ids of the claims that name one of `entity_ids` (a subquery) or are spoken by one."""
    spoken = aliased(Claim)
    return union(
        select(claim_entities.c.claim_id).where(claim_entities.c.entity_id.in_(entity_ids)),
        select(spoken.id).where(spoken.speaker_id.in_(entity_ids)),
    )


def count(session: Session, statement: Select) -> int:
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def page(
    session: Session,
    dossier: Dossier,
    filters: ClaimFilters,
    per_page: int,
    total: int | None = None,
    options: Callable[[], tuple] = card_options,
    beyond_counting: bool = False,
) -> Page:
    """One page of the filtered timeline, after `filters.after`, oldest first, with the
    number of claims that pass: `total` when the caller knows it already, else counted here
    (see _count_and_keys); `beyond_counting` (more claims pass than a view counts) leaves
    it out: the page's total is then None. `options` makes the eager loads.

    Keyset pagination on (sort date, id): a row-value comparison that SQLite and PostgreSQL
    answer from the (dossier, date, id) index, as fast on page 2,000 as on page 1.
    """
    dialect = session.get_bind().dialect.name
    base = filtered(dossier, filters, dialect)
    ids = None
    if total is None and not beyond_counting:
        total, ids = _count_and_keys(session, base, filters, per_page)
    by_date = beyond_counting or (total is not None and total > WALK_BY_DATE_ABOVE)
    if by_date:
        base = filtered(dossier, filters, dialect, by_date)
    column = ordering_column(filters.order, dialect, walk=by_date)
    # The page's ids first, then their rows: sorting the matches' whole rows (statement,
    # quote, notes) to keep 51 of them cost 12 ms for 1,200 matches, their ids 2 ms.
    if ids is not None:
        found = session.scalars(_rows_by_id(filters.order, options), {"ids": ids})
    else:
        keys = base.with_only_columns(Claim.id).order_by(column, Claim.id).limit(per_page + 1)
        if filters.after:
            keys = keys.where(
                tuple_(column, Claim.id) > tuple_(filters.after.sort_date, filters.after.claim_id)
            )
        found = session.scalars(_rows(filters.order, options).where(Claim.id.in_(keys)))
    claims = list(found.unique())
    next_cursor = None
    if len(claims) > per_page:
        claims = claims[:per_page]
        last = claims[-1]
        next_cursor = Cursor(sort_date(last, filters.order), last.id)
    result = Page(claims=claims, total=total, next_cursor=next_cursor)
    if filters.after:
        result.has_previous, result.previous_cursor = _previous(
            session, base, filters, per_page, column
        )
    return result


@cache
def _rows(order: str, options: Callable[[], tuple]) -> Select:
    """A page's claims in timeline order with their eager loads, built once per process for
    each order and set of loads: building the loads and the statement's cache key each
    time cost more than reading the rows (#17)."""
    return select(Claim).order_by(sort_column(order), Claim.id).options(*options())


@cache
def _rows_by_id(order: str, options: Callable[[], tuple]) -> Select:
    """_rows for the ids bound as `ids` when the statement runs."""
    return _rows(order, options).where(Claim.id.in_(bindparam("ids", expanding=True)))


def _count_and_keys(
    session: Session, base: Select, filters: ClaimFilters, per_page: int
) -> tuple[int, list[int] | None]:
    """How many claims pass, and the ids of the first page's when one statement finds both.

    Up to WALK_BY_DATE_ABOVE matches, that statement counts them as it sorts them: one read
    of the matches rather than a count and then a sorted read (issue #17: a cold API list
    of 542 of 100,000 claims, 9.6 ms of SQL to 5.1). Beyond it, or for a page after a
    position (the count takes in the claims before it), they are counted on their own and
    the ids are None: 3 ms more than a count alone for 38,000 matches, paid only by the
    first reader of so large a view while the count is kept (timeline_page.counted_page).
    """
    if filters.after:
        return count(session, base), None
    matches = (
        base.with_only_columns(sort_column(filters.order).label("day"), Claim.id)
        .limit(WALK_BY_DATE_ABOVE + 1)
        .subquery()
    )
    rows = session.execute(
        select(matches.c.id, func.count().over())
        .order_by(matches.c.day, matches.c.id)
        .limit(per_page + 1)
    ).all()
    total = rows[0][1] if rows else 0
    if total > WALK_BY_DATE_ABOVE:
        return count(session, base), None
    return total, [claim_id for claim_id, _total in rows]


def _previous(
    session: Session, base: Select, filters: ClaimFilters, per_page: int, column
) -> tuple[bool, Cursor | None]:
    """Whether claims come before this page, and the position the page before it starts after.

    Walks back from `filters.after` on the same index: the previous page is the `per_page`
    claims at or before it, and it starts after the claim before those (or at the start).
    """
    if filters.after is None:  # the first page: nothing comes before it
        return False, None
    statement = (
        base.with_only_columns(column, Claim.id)
        .where(tuple_(column, Claim.id) <= tuple_(filters.after.sort_date, filters.after.claim_id))
        .order_by(column.desc(), Claim.id.desc())
        .limit(per_page + 1)
    )
    rows = session.execute(statement).all()
    if len(rows) > per_page:
        return True, Cursor(*rows[per_page])
    return bool(rows), None


def sort_fuzzy_date(claim: Claim, order: str) -> FuzzyDate:
    return claim.stated_date if order == "stated" else claim.timeline_fuzzy_date


def group_by_month(claims: list[Claim], order: str = "event") -> list[YearGroup]:
    """Group claims, already in timeline order, by year and then under honest headings.

    A claim sits in the year of its sort date; within the year its heading says what its
    date names: a month, a part of the year ("2024, first half"), "2024, month not known",
    a span over several years, or "By July 2024" for a date open at the start. Headings
    come in the order of their first claim, so the page keeps the timeline's date order.
    """
    years = []
    for year, in_year in groupby(claims, key=lambda claim: sort_date(claim, order).year):
        groups: dict[str, MonthGroup] = {}
        for claim in in_year:
            period = heading_period(sort_fuzzy_date(claim, order).shape, year)
            groups.setdefault(period.key, MonthGroup(year, period, [])).claims.append(claim)
        years.append(YearGroup(year, list(groups.values())))
    return years
