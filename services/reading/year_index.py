"""The year index of a timeline (issue #16, "Long timelines"): every year the filtered
claims reach, with a link to its heading on this page or to the page that starts with it.

The years come from one GROUP BY over the filtered claims. A year not on the current page
is reached through the timeline's own keyset position: just after the last possible claim
of the day before the year starts, so its page opens with the year's first claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from fuzzy_date import OPEN_START
from i18n import _
from models import Dossier
from models.limits import LARGEST_ID
from services.reading import timeline
from services.reading.filters import ClaimFilters, Cursor


@dataclass(frozen=True)
class YearLink:
    year: int
    count: int
    on_page: bool
    # The position of the page opening with this year; None for the first page.
    after: Cursor | None

    @property
    def label(self) -> str:
        return _("Open start") if self.year == OPEN_START.year else str(self.year)

    @property
    def anchor(self) -> str:
        return f"y-{self.year}"


def year_counts(
    session: Session, dossier: Dossier, filters: ClaimFilters, dialect: str
) -> list[tuple[int, int]]:
    """(year, number of claims) for the claims passing `filters`, by the year the timeline
    places them in, earliest first. Raises search.SearchError like the timeline."""
    claims = timeline.filtered(dossier, filters, dialect).subquery()
    year = extract("year", claims.c[timeline.sort_column(filters.order).key])
    statement = select(year, func.count()).group_by(year).order_by(year)
    return [(int(found), count) for found, count in session.execute(statement)]


def start_of(year: int) -> Cursor:
    """The page position just before the first claim placed in `year`."""
    return Cursor(date(year - 1, 12, 31), LARGEST_ID)


def links(counts: list[tuple[int, int]], years_on_page: set[int]) -> list[YearLink]:
    """A link per year: to its heading when the page shows it, else to the page it opens."""
    return [
        YearLink(
            year,
            count,
            year in years_on_page,
            None if index == 0 or year <= OPEN_START.year else start_of(year),
        )
        for index, (year, count) in enumerate(counts)
    ]
