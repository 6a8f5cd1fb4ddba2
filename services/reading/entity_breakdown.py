"""An entity's claims in each dossier, counted by attribution and by year.

Kept apart from the page assembly (`entity_page`), which hands over which claims count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Date, Integer, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from fuzzy_date import OPEN_END, OPEN_START
from models import Claim, Dossier
from models.vocabulary import Attribution
from services.reading import strip_axis, timeline

MAX_YEARS = 40


@dataclass
class Breakdown:
    """Claims about the entity in one dossier, counted by attribution and year."""

    dossier: Dossier
    years: list[int]
    # kind, count per year, total (each claim once), and how many of its claims are counted
    # in more than one year
    rows: list[tuple[Attribution, list[int], int, int]]
    total: int


def _year_span(
    session: Session, about: ColumnElement[bool], visible: tuple[ColumnElement[bool], ...]
) -> list[int]:
    first, last = timeline.date_bounds("event")
    # An open end has no year of its own: the other end stands in for it.
    known_first = case((first > OPEN_START, first), else_=last)
    known_last = case((last < OPEN_END, last), else_=first)
    lowest, highest = session.execute(
        select(func.min(known_first), func.max(known_last))
        .join(Claim.dossier)
        .where(about, *visible)
    ).one()
    if lowest is None or highest is None:
        return []
    lowest, highest = strip_axis.as_date(lowest), strip_axis.as_date(highest)
    return list(range(lowest.year, highest.year + 1))[-MAX_YEARS:]


def breakdowns(
    session: Session, about: ColumnElement[bool], visible: tuple[ColumnElement[bool], ...]
) -> list[Breakdown]:
    """Per dossier, the claims `about` selects (of the `visible`) by attribution and by each
    year they overlap.

    A claim dated "2023 – July 2024" counts in 2023 and in 2024, as the timeline's year
    filter finds it in both (so each number matches the view it links to); the "All years"
    total counts each claim once, and each row says how many of its claims span years.
    """
    years = _year_span(session, about, visible)
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
        .where(about, *visible)
        .group_by(Claim.dossier_id, Claim.attribution, grid.c.year)
    )
    cells: dict[int, dict[tuple[Attribution, int], int]] = {}
    for dossier_id, kind, year, number in session.execute(per_year):
        cells.setdefault(dossier_id, {})[(kind, year)] = number
    years_per_claim = (
        per_year.with_only_columns(
            Claim.dossier_id, Claim.attribution, func.count(grid.c.year).label("years")
        )
        .group_by(None)
        .group_by(Claim.id, Claim.dossier_id, Claim.attribution)
        .subquery()
    )
    spanning: dict[tuple[int, Attribution], int] = {
        (dossier_id, kind): number
        for dossier_id, kind, number in session.execute(
            select(years_per_claim.c.dossier_id, years_per_claim.c.attribution, func.count())
            .where(years_per_claim.c.years > 1)
            .group_by(years_per_claim.c.dossier_id, years_per_claim.c.attribution)
        )
    }
    totals = (
        select(Claim.dossier_id, Claim.attribution, func.count(Claim.id))
        .join(Claim.dossier)
        .where(about, *visible)
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
            (
                kind,
                [counts.get((kind, year), 0) for year in shown],
                total,
                spanning.get((dossier.id, kind), 0),
            )
            for kind, total in sorted(
                row_totals[dossier.id].items(), key=lambda item: list(Attribution).index(item[0])
            )
        ]
        result.append(Breakdown(dossier, shown, rows, sum(row_totals[dossier.id].values())))
    return result
