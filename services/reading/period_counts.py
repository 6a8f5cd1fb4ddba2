"""How many claims of a view fall in each month, by attribution: the one aggregate that the
overview strip's bars, its focus years, the year index and the count all read (issue #17).

The months are a facet like the others (services.reading.facets): for the whole dossier
they are kept at write time with the facet counts (services.editing.facet_counts, facets
"months:event" and "months:stated"), so the unfiltered timeline, the first page a reader
opens after a write, runs no GROUP BY over the claims; a filtered view groups its claims by
month in the statement that counts its other facets. The strip and the year index used to
run three GROUP BYs of their own over the same claims.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func

from fuzzy_date import OPEN_START
from models.vocabulary import Attribution

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


def value_expression(day: ColumnElement[Any], attribution: ColumnElement[Any], dialect: str):
    """stored_value in SQL, for a GROUP BY over the claims of a filtered view."""
    if dialect == "postgresql":
        month: ColumnElement[Any] = func.to_char(day, "YYYY-MM")
    else:
        month = func.strftime("%Y-%m", day)
    return month.concat(" ").concat(cast(attribution, String))


def from_values(values: Mapping[str, int]) -> PeriodCounts:
    """The months from stored_value texts and their counts: the rows kept for the whole
    dossier, or a filtered view's GROUP BY (services.reading.facets reads both)."""
    months: dict[Month, Counter[Attribution]] = {}
    for value, number in values.items():
        # "YYYY-MM attribution": a dossier of many years has thousands of them.
        month = (int(value[:4]), int(value[5:7]))
        months.setdefault(month, Counter())[_ATTRIBUTIONS[value[8:]]] += number
    return PeriodCounts(months)


_ATTRIBUTIONS = {attribution.value: attribution for attribution in Attribution}
