"""The timeline: which claims a view shows, in which order, a page at a time, grouped by month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.orm import Session, joinedload, selectinload

from models import Claim, ClaimRelation, Dossier, Entity, Tag
from models.fuzzy_date import FuzzyDate
from services import search
from services.filters import ClaimFilters, Cursor

MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


@dataclass
class Page:
    claims: list[Claim]
    total: int
    next_cursor: Cursor | None


@dataclass
class MonthGroup:
    """Claims of one month; `month` is None for claims whose date names no month."""

    year: int
    month: int | None
    claims: list[Claim]

    @property
    def label(self) -> str:
        if self.month is None:
            return f"{self.year}, no month given"
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def anchor(self) -> str:
        return f"m-{self.year}-{self.month or 0:02d}"


@dataclass
class YearGroup:
    year: int
    months: list[MonthGroup]


def sort_column(order: str):
    return Claim.stated_earliest if order == "stated" else Claim.timeline_date


def sort_date(claim: Claim, order: str) -> date:
    return claim.stated_earliest if order == "stated" else claim.timeline_date


def card_options():
    """Eager loads for everything a claim card shows, so a page costs a fixed number of queries."""
    return (
        joinedload(Claim.speaker),
        joinedload(Claim.via),
        joinedload(Claim.source),
        selectinload(Claim.tags),
        selectinload(Claim.relations_out).joinedload(ClaimRelation.to_claim),
        selectinload(Claim.relations_in).joinedload(ClaimRelation.from_claim),
    )


def filtered(dossier: Dossier, filters: ClaimFilters, dialect: str) -> Select:
    """Select the live claims of a dossier that pass the filters, unordered.

    Raises search.SearchError when the search has no words.
    """
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
    if filters.entity:
        statement = statement.where(
            Claim.entities.any(Entity.slug == filters.entity)
            | Claim.speaker.has(Entity.slug == filters.entity)
        )
    if filters.tag:
        statement = statement.where(Claim.tags.any(Tag.key == filters.tag))
    column = sort_column(filters.order)
    if filters.date_from:
        statement = statement.where(column >= filters.date_from.earliest)
    if filters.date_to:
        statement = statement.where(column <= filters.date_to.latest)
    if filters.q:
        statement = statement.where(search.matches(filters.q, dialect))
    return statement


def count(session: Session, statement: Select) -> int:
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def page(session: Session, dossier: Dossier, filters: ClaimFilters, per_page: int) -> Page:
    """One page of the filtered timeline, after `filters.after`, oldest first.

    Keyset pagination on (sort date, id): a row-value comparison that SQLite and PostgreSQL
    answer from the (dossier, date, id) index, as fast on page 2,000 as on page 1.
    """
    base = filtered(dossier, filters, session.get_bind().dialect.name)
    column = sort_column(filters.order)
    statement = base.order_by(column, Claim.id).limit(per_page + 1).options(*card_options())
    if filters.after:
        statement = statement.where(
            tuple_(column, Claim.id) > tuple_(filters.after.sort_date, filters.after.claim_id)
        )
    claims = list(session.scalars(statement).unique())
    next_cursor = None
    if len(claims) > per_page:
        claims = claims[:per_page]
        last = claims[-1]
        next_cursor = Cursor(sort_date(last, filters.order), last.id)
    return Page(claims=claims, total=count(session, base), next_cursor=next_cursor)


def sort_fuzzy_date(claim: Claim, order: str) -> FuzzyDate:
    return claim.stated_date if order == "stated" else claim.timeline_fuzzy_date


def starts_in_a_known_month(value: FuzzyDate) -> bool:
    """Whether the date's start names a month ("June 2024", "4 June 2024"), not just a year."""
    start = value.edtf.split("/")[0].rstrip("?~%")
    if start == "..":
        start = value.edtf.split("/")[1].rstrip("?~%")
    return len(start) >= 7 and int(start[5:7]) <= 12


def group_by_month(claims: list[Claim], order: str = "event") -> list[YearGroup]:
    """Group claims, already in timeline order, by year and then by month.

    A claim dated only to a year ("2023", "2023 or later") goes to its year's "no month
    given" group, shown first, instead of pretending to belong to January.
    """
    years = []
    for year, in_year in groupby(claims, key=lambda claim: sort_date(claim, order).year):
        months: dict[int | None, MonthGroup] = {}
        for claim in in_year:
            value = sort_fuzzy_date(claim, order)
            month = sort_date(claim, order).month if starts_in_a_known_month(value) else None
            months.setdefault(month, MonthGroup(year, month, [])).claims.append(claim)
        ordered = sorted(months.values(), key=lambda group: group.month or 0)
        years.append(YearGroup(year, ordered))
    return years
