"""An entity's claims in each dossier, counted by attribution and by year.

Kept apart from the page assembly (`entity_page`), which hands over which claims count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

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


class _Dated(NamedTuple):
    dossier_id: int
    attribution: Attribution
    first: date
    last: date


def _dated_claims(
    session: Session, about: ColumnElement[bool], visible: tuple[ColumnElement[bool], ...]
) -> list[_Dated]:
    first, last = timeline.date_bounds("event")
    statement = (
        select(Claim.dossier_id, Claim.attribution, first, last)
        .join(Claim.dossier)
        .where(about, *visible)
    )
    return [
        _Dated(dossier_id, kind, strip_axis.as_date(start), strip_axis.as_date(end))
        for dossier_id, kind, start, end in session.connection().execute(statement)
    ]


def _year_span(claims: list[_Dated]) -> list[int]:
    if not claims:
        return []
    known = [strip_axis.known_years(claim.first, claim.last) for claim in claims]
    lowest, highest = min(first for first, _ in known), max(last for _, last in known)
    return list(range(lowest, highest + 1))[-MAX_YEARS:]


def breakdowns(
    session: Session, about: ColumnElement[bool], visible: tuple[ColumnElement[bool], ...]
) -> list[Breakdown]:
    """Per dossier, the claims `about` selects (of the `visible`) by attribution and by each
    year they overlap.

    A claim dated "2023 – July 2024" counts in 2023 and in 2024, as the timeline's year
    filter finds it in both (so each number matches the view it links to); the "All years"
    total counts each claim once, and each row says how many of its claims span years.
    The claims' dates are read once and counted here: a GROUP BY against a table of years
    read the entity's claims again for every year (43 ms of a 210 ms page at 100,000
    claims), and three more statements read them again for the span, the totals and the
    claims spanning years.
    """
    claims = _dated_claims(session, about, visible)
    years = _year_span(claims)
    if not years:
        return []
    cells: dict[int, dict[tuple[Attribution, int], int]] = {}
    spanning: dict[tuple[int, Attribution], int] = {}
    row_totals: dict[int, dict[Attribution, int]] = {}
    for claim in claims:
        totals = row_totals.setdefault(claim.dossier_id, {})
        totals[claim.attribution] = totals.get(claim.attribution, 0) + 1
        # The years of the span it overlaps (an open end reaches the end of the span).
        overlapped = range(max(claim.first.year, years[0]), min(claim.last.year, years[-1]) + 1)
        counts = cells.setdefault(claim.dossier_id, {})
        for year in overlapped:
            counts[(claim.attribution, year)] = counts.get((claim.attribution, year), 0) + 1
        if len(overlapped) > 1:
            key = (claim.dossier_id, claim.attribution)
            spanning[key] = spanning.get(key, 0) + 1
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
