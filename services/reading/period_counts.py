"""How many claims of a view fall in each month, by attribution: the one aggregate that the
overview strip's bars, its focus years and the year index all read (issue #17).

For the whole dossier the months are kept at write time with the facet counts
(services.editing.facet_counts, facets "months:event" and "months:stated"), so the
unfiltered timeline, the first page a reader opens after a write, runs no GROUP BY over
the claims. A filtered view counts its months with one GROUP BY; the strip and the year
index used to run three over the same claims.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from fuzzy_date import OPEN_START
from models import Dossier, FacetCount
from models.vocabulary import Attribution
from services.reading import timeline
from services.reading.filters import ClaimFilters

Month = tuple[int, int]  # (year, month)


def stored_facet(order: str) -> str:
    """The facet_counts facet keeping the whole dossier's months for a timeline order."""
    return "months:stated" if order == "stated" else "months:event"


def stored_value(year: int, month: int, attribution: Attribution) -> str:
    """A month's facet_counts value: "2024-06 insider"."""
    return f"{year:04d}-{month:02d} {attribution.value}"


@dataclass(frozen=True)
class PeriodCounts:
    """Claims per (year, month) by attribution, for the view's claims placed by its order."""

    months: dict[Month, Counter[Attribution]]

    @property
    def total(self) -> int:
        return sum(sum(counts.values()) for counts in self.months.values())

    def years(self) -> list[tuple[int, int]]:
        """(year, number of claims), earliest first; the open start's claims under its year."""
        per_year: Counter[int] = Counter()
        for (year, _), counts in self.months.items():
            per_year[year] += sum(counts.values())
        return sorted(per_year.items())

    def occupied_years(self) -> set[int]:
        """The years in which a claim of the view sits (an open start sits in none)."""
        return {year for year, _ in self.months} - {OPEN_START.year}


def counted(session: Session, dossier: Dossier, filters: ClaimFilters) -> PeriodCounts:
    """The months of the claims passing `filters`: kept ones for the whole dossier, else
    one GROUP BY. Raises search.SearchError like the timeline."""
    if not filters.active:
        return _kept(session, dossier, filters.order)
    months: dict[Month, Counter[Attribution]] = {}
    dialect = session.get_bind().dialect.name
    claims = timeline.filtered(dossier, filters, dialect).subquery()
    day = claims.c[timeline.sort_column(filters.order).key]
    # Both dialects: the year and month as numbers or digits, which int() reads alike.
    year_of: ColumnElement[Any] = func.strftime("%Y", day)
    month_of: ColumnElement[Any] = func.strftime("%m", day)
    if dialect == "postgresql":
        year_of, month_of = func.extract("year", day), func.extract("month", day)
    statement = select(year_of, month_of, claims.c.attribution, func.count()).group_by(
        year_of, month_of, claims.c.attribution
    )
    for year, month, attribution, number in session.execute(statement):
        months.setdefault((int(year), int(month)), Counter())[attribution] += number
    return PeriodCounts(months)


def _kept(session: Session, dossier: Dossier, order: str) -> PeriodCounts:
    months: dict[Month, Counter[Attribution]] = {}
    statement = select(FacetCount.value, FacetCount.count).where(
        FacetCount.dossier_id == dossier.id,
        FacetCount.facet == stored_facet(order),
        FacetCount.count > 0,
    )
    for value, number in session.execute(statement):
        # "YYYY-MM attribution" (stored_value); a dossier of many years has thousands.
        month = (int(value[:4]), int(value[5:7]))
        months.setdefault(month, Counter())[_ATTRIBUTIONS[value[8:]]] += number
    return PeriodCounts(months)


_ATTRIBUTIONS = {attribution.value: attribution for attribution in Attribution}
