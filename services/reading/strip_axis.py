"""The overview strip's axis: its range, its scale and its ticks.

The axis follows the view (#16): filtered to 2024, it is 2024 by month; otherwise it covers
every live claim of the dossier and today, by year. On a long axis whose claims cluster, a
focus + context scale draws the years where no claim sits narrower (`CONTEXT_WEIGHT` of a
year with claims), so one long imprecise span (2014–2022) does not squeeze every other
claim into a corner, and the empty years stay on the axis rather than being cut out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import i18n
from fuzzy_date import OPEN_END, OPEN_START, parse
from models import Dossier, FacetCount
from services.reading import timeline
from services.reading.filters import ClaimFilters

WIDTH = 1200
PAD_X = 14
MONTHS_FOR_MONTH_TICKS = 24  # an axis this short or shorter is marked month by month
CONTEXT_WEIGHT = 0.2  # the width of a year without claims, against one with claims
YEARS_FOR_FOCUS = 4  # on shorter axes every year keeps its full width
LABEL_ROOM = 50  # a narrower year is marked without its label ("2015" needs about 40)


def month_abbreviation(month: int) -> str:
    """A month's short name in the reader's language, as the axis writes it: "Jan", "janv."."""
    return i18n.month_name(month, "abbreviated")


def sort_columns(order: str):
    """The sort date and the first and last day of the date the timeline orders by."""
    return (timeline.sort_column(order), *timeline.date_bounds(order))


def as_date(value: object) -> date:
    """A date column's value as a date: SQLite hands back text where PostgreSQL gives a date."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Tick:
    """A year (or month) boundary on the axis; `filters` show that period only."""

    x: float
    label: str
    filters: ClaimFilters | None
    narrow: bool = False  # a context year, drawn narrower: its label is left out


@dataclass(frozen=True)
class Zoom:
    """A link for readers without a pointer or JavaScript: show one period of the strip."""

    label: str
    filters: ClaimFilters


def kept_axis_facets(order: str) -> tuple[str, str]:
    """The facet_counts facets that count a dossier's live claims by the first and by the
    last year they hold the axis to, for a timeline order. Kept at write time with the
    other counts (services.editing.facet_counts): a year leaves the axis when its count
    falls to 0, which a stored minimum or maximum could not tell."""
    order = "stated" if order == "stated" else "event"
    return f"starts:{order}", f"ends:{order}"


def known_years(first: date, last: date) -> tuple[int, int]:
    """The first and last year a claim dated `first`..`last` holds the axis to. An open end
    has no position of its own: the other end stands in for it."""
    known_first = first if first > OPEN_START else last
    known_last = last if last < OPEN_END else first
    return known_first.year, known_last.year


def axis(session: Session, dossier: Dossier, order: str, today: date) -> tuple[date, date] | None:
    """Whole years covering every live claim of the dossier and today; None if it has none.
    Read from the years kept at write time: no query over the claims."""
    starts, ends = kept_axis_facets(order)
    statement = (
        select(FacetCount.facet, func.min(FacetCount.value), func.max(FacetCount.value))
        .where(
            FacetCount.dossier_id == dossier.id,
            FacetCount.facet.in_((starts, ends)),
            FacetCount.count > 0,
        )
        .group_by(FacetCount.facet)
    )
    years = {facet: (lowest, highest) for facet, lowest, highest in session.execute(statement)}
    if starts not in years or ends not in years:
        return None
    # Years are kept as four digits, so the text's order is the years' order.
    lowest, highest = int(years[starts][0]), int(years[ends][1])
    return date(min(lowest, today.year), 1, 1), date(max(highest, today.year), 12, 31)


class Scale:
    """Days to x, linear within each year; each year as wide as its weight says."""

    def __init__(self, start: date, end: date, weights: dict[int, float] | None = None):
        self.start, self.end = start, end
        self.pieces: list[tuple[date, date, float, float]] = []  # first, last day, x0, x1
        weights = weights or {}
        spans = [
            (max(start, date(year, 1, 1)), min(end, date(year, 12, 31)))
            for year in range(start.year, end.year + 1)
        ]
        sizes = [((last - first).days + 1) * weights.get(first.year, 1.0) for first, last in spans]
        total = sum(sizes)
        x = float(PAD_X)
        for (first, last), size in zip(spans, sizes, strict=True):
            width = size / total * (WIDTH - 2 * PAD_X)
            self.pieces.append((first, last, x, x + width))
            x += width

    def x(self, day: date) -> float:
        day = min(max(day, self.start), self.end)
        first, last, left, right = next(p for p in self.pieces if p[0] <= day <= p[1])
        share = (day - first).days / ((last - first).days + 1)
        return round(left + share * (right - left), 1)

    def width_of(self, year: int) -> float:
        return next((p[3] - p[2] for p in self.pieces if p[0].year == year), 0.0)


def view_bounds(filters: ClaimFilters, dossier_bounds: tuple[date, date]) -> tuple[date, date]:
    """The axis for a view: the date filters' range in whole months, each missing side the
    dossier's."""
    start, end = dossier_bounds
    if filters.date_from and filters.date_from.earliest != OPEN_START:
        start = filters.date_from.earliest.replace(day=1)
    if filters.date_to and filters.date_to.latest != OPEN_END:
        end = period_end(filters.date_to.latest.replace(day=1), "month")
    return (start, end) if start <= end else dossier_bounds


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def focus_weights(start: date, end: date, occupied: set[int], today: date) -> dict[int, float]:
    """Full width for years where claims sit (and today's), `CONTEXT_WEIGHT` for the others;
    nothing when the axis is short or no year is empty."""
    years = set(range(start.year, end.year + 1))
    focus = (occupied | {today.year}) & years
    if len(years) < YEARS_FOR_FOCUS or not focus or focus == years:
        return {}
    return {year: 1.0 if year in focus else CONTEXT_WEIGHT for year in years}


def ticks(scale: Scale, filters: ClaimFilters, weights: dict[int, float]) -> list[Tick]:
    if months_between(scale.start, scale.end) <= MONTHS_FOR_MONTH_TICKS:
        return _month_ticks(scale, filters)
    years = list(range(scale.start.year, scale.end.year + 1))
    step = 1 if len(years) <= 20 else 5
    ticks = []
    for year in years:
        if (year - years[0]) % step:
            continue
        only_year = parse(str(year))
        year_filters = replace(filters, date_from=only_year, date_to=only_year, after=None)
        narrow = weights.get(year, 1.0) < 1.0 and scale.width_of(year) < LABEL_ROOM
        ticks.append(Tick(scale.x(date(year, 1, 1)), str(year), year_filters, narrow))
    return ticks


def _month_ticks(scale: Scale, filters: ClaimFilters) -> list[Tick]:
    """A tick per month, each linking to that month; the year is named in January."""
    ticks: list[Tick] = []
    month = scale.start.replace(day=1)
    while month <= scale.end:
        only_month = parse(f"{month.year}-{month.month:02d}")
        month_filters = replace(filters, date_from=only_month, date_to=only_month, after=None)
        name = month_abbreviation(month.month)
        label = f"{name} {month.year}" if month.month == 1 or not ticks else name
        ticks.append(Tick(scale.x(month), label, month_filters))
        month = period_end(month, "month") + timedelta(days=1)
    return ticks


def month_positions(scale: Scale) -> list[tuple[str, float, str]]:
    """Each month of the axis as (YYYY-MM, x of its first day, its name), then the end, for
    the brush that zooms to a range of months (static/js/strip-brush.js)."""
    positions = []
    month = scale.start.replace(day=1)
    while month <= scale.end:
        name = f"{i18n.month_name(month.month)} {month.year}"
        positions.append((f"{month.year}-{month.month:02d}", scale.x(month), name))
        month = period_end(month, "month") + timedelta(days=1)
    return positions


def zooms(filters: ClaimFilters, start: date, end: date, occupied: set[int]) -> list[Zoom]:
    """Links into each year of the axis that holds claims of the view."""
    result = []
    for year in range(start.year, end.year + 1):
        if year in occupied:
            only_year = parse(str(year))
            year_filters = replace(filters, date_from=only_year, date_to=only_year, after=None)
            result.append(Zoom(str(year), year_filters))
    return result


def period_end(start: date, unit: str) -> date:
    if unit == "year":
        return date(start.year, 12, 31)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - timedelta(days=1)
