"""The year index of a timeline (issue #16, "Long timelines"): every year the filtered
claims reach, with a link to its heading on this page or to the page that starts with it.

The years come from the view's month counts (services.reading.period_counts). A year not
on the current page is reached through the timeline's own keyset position: just after the
last possible claim of the day before the year starts, so its page opens with the year's
first claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fuzzy_date import OPEN_START
from i18n import _
from models.limits import LARGEST_ID
from services.reading.filters import Cursor


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
