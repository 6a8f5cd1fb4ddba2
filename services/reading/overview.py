"""The overview strip above the timeline: the view's span, a mark per claim, today marked.

Plain geometry for an inline SVG drawn by the template. Up to `BIN_THRESHOLD` claims each
gets a mark (a span when its date is imprecise) in a lane where it does not hide another;
beyond that the claims are counted per month (or per year on a long span), by attribution,
from the view's month counts (`period_counts`, kept at write time for the whole dossier).
Every query is an aggregate or limited, so the strip costs the same at 100,000 claims. The
axis follows the view, on a focus + context scale (`strip_axis`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from fuzzy_date import OPEN_END, OPEN_START, from_edtf
from i18n import ngettext
from models import Claim, Dossier
from models.vocabulary import Attribution, LikelihoodBand, likelihood_bands
from services.reading import strip_axis, timeline
from services.reading.filters import ClaimFilters, Cursor
from services.reading.period_counts import PeriodCounts
from services.reading.strip_axis import (
    WIDTH,
    Scale,
    Tick,
    Zoom,
    as_date,
    axis,
    focus_weights,
    month_abbreviation,
    month_positions,
    period_end,
    sort_columns,
    view_bounds,
    zooms,
)

BIN_THRESHOLD = 300
TOP = 22  # room for the "Today" label
LANE_HEIGHT = 13
MAX_LANES = 16
MARK_SIZE = 9
GAP = 2
OPEN_STUB = 36
BAR_HEIGHT = 120
AXIS_HEIGHT = 30
YEARS_FOR_MONTH_BINS = 15


@dataclass(frozen=True)
class Mark:
    """One claim: its shape at `x` on its lane, and a span bar when its date is imprecise."""

    claim_id: int
    attribution: Attribution
    date_label: str
    statement: str
    x: float
    y: float
    span: tuple[float, float] | None
    open_start: bool
    open_end: bool
    cursor: Cursor  # the timeline position whose page starts with this claim
    language: str = "en"  # the statement's, for its lang= mark (issue #20)


@dataclass(frozen=True)
class Segment:
    attribution: Attribution
    count: int
    y: float
    height: float


@dataclass(frozen=True)
class Bin:
    label: str
    x: float
    width: float
    total: int
    segments: list[Segment]
    cursor: Cursor  # the timeline position whose page starts with this period

    @property
    def description(self) -> str:
        parts = ", ".join(f"{s.attribution.label} {s.count}" for s in self.segments)
        return ngettext(
            "%(period)s: %(total)s claim (%(parts)s)",
            "%(period)s: %(total)s claims (%(parts)s)",
            self.total,
            period=self.label,
            total=self.total,
            parts=parts,
        )


@dataclass(frozen=True)
class Overview:
    start: date
    end: date
    total: int
    height: float
    axis_y: float
    ticks: list[Tick]
    today_x: float | None
    marks: list[Mark]
    bins: list[Bin]
    unit: str | None  # "month" or "year" when binned
    zooms: list[Zoom] = field(default_factory=list)  # into each year shown
    zoom_out: ClaimFilters | None = None  # back to every year, when zoomed in
    focus_context: bool = False  # years without claims drawn narrower
    everything: ClaimFilters | None = None  # the view's filters but its dates, for the brush
    months: list[tuple[str, float, str]] = field(default_factory=list)

    width: int = WIDTH

    @property
    def binned(self) -> bool:
        return self.unit is not None

    @property
    def month_data(self) -> str:
        """The months for the brush, as one attribute: "2024-01,14.0,January 2024|…"."""
        return "|".join(f"{key},{x},{name}" for key, x, name in self.months)

    @property
    def label(self) -> str:
        return (
            f"{self.start.year}–{self.end.year}"
            if self.start.year != self.end.year
            else str(self.start.year)
        )


def _pack(extents: list[tuple[float, float]]) -> list[int]:
    """A lane for each extent (sorted by start) so that none hides another, while lanes last."""
    lane_ends: list[float] = []
    lanes = []
    for left, right in extents:
        lane = next((i for i, end in enumerate(lane_ends) if end + GAP <= left), None)
        if lane is None and len(lane_ends) < MAX_LANES:
            lane_ends.append(float("-inf"))
            lane = len(lane_ends) - 1
        elif lane is None:  # out of lanes: share the one that frees up first
            lane = min(range(len(lane_ends)), key=lane_ends.__getitem__)
        lane_ends[lane] = max(lane_ends[lane], right)
        lanes.append(lane)
    return lanes


def _marks(session, dossier, filters, scale: Scale) -> list[Mark]:
    sort, first, last = sort_columns(filters.order)
    edtf = Claim.stated_edtf if filters.order == "stated" else Claim.event_edtf
    dialect = session.get_bind().dialect.name
    statement = (
        timeline.filtered(dossier, filters, dialect)
        .with_only_columns(
            Claim.id,
            Claim.attribution,
            Claim.statement,
            edtf,
            Claim.stated_edtf,
            sort,
            first,
            last,
            Claim.statement_lang,
        )
        # At most BIN_THRESHOLD claims match: not worth walking the date index for.
        .order_by(timeline.ordering_column(filters.order, dialect, walk=False), Claim.id)
        .limit(BIN_THRESHOLD)
    )
    rows = session.execute(statement).all()
    extents, pending = [], []
    languages = []
    for row in rows:
        claim_id, attribution, text, own_edtf, stated_edtf, day, earliest, latest, lang = row
        languages.append(lang or dossier.statement_language)
        day, earliest, latest = as_date(day), as_date(earliest), as_date(latest)
        # An open end is drawn as a short stub pointing away, not a bar to the edge of the
        # strip, which would claim a start (or end) the source never gave.
        if earliest == OPEN_START:
            x = scale.x(latest)
            left, right = x - OPEN_STUB, x
        elif latest == OPEN_END:
            x = scale.x(earliest)
            left, right = x, x + OPEN_STUB
        else:
            x = scale.x(day)
            left, right = scale.x(earliest), scale.x(latest)
        span = (left, right) if right - left >= MARK_SIZE / 2 else None
        extent_left = min(x - MARK_SIZE / 2, left if span else x)
        extent_right = max(x + MARK_SIZE / 2, right if span else x)
        extents.append((extent_left, extent_right))
        label = from_edtf(own_edtf or stated_edtf).label
        pending.append((claim_id, attribution, label, text, x, span, earliest, latest, day))
    order = sorted(range(len(extents)), key=lambda i: extents[i])
    lanes = dict(zip(order, _pack([extents[i] for i in order]), strict=True))
    return [
        Mark(
            claim_id=claim_id,
            attribution=attribution,
            date_label=label,
            statement=text,
            x=x,
            y=TOP + lanes[index] * LANE_HEIGHT + LANE_HEIGHT / 2,
            span=span,
            open_start=earliest == OPEN_START,
            open_end=latest == OPEN_END,
            cursor=Cursor(day, claim_id - 1),
            language=languages[index],
        )
        for index, (claim_id, attribution, label, text, x, span, earliest, latest, day) in (
            enumerate(pending)
        )
    ]


def _bins(periods: PeriodCounts, scale: Scale, unit: str) -> tuple[list[Bin], float]:
    counts: dict[date, dict[Attribution, int]] = {}
    for (year, month), per_attribution in periods.months.items():
        start = max(date(year, month, 1), scale.start)
        start = date(start.year, 1, 1) if unit == "year" else start.replace(day=1)
        per_kind = counts.setdefault(start, {})
        for attribution, number in per_attribution.items():
            per_kind[attribution] = per_kind.get(attribution, 0) + number
    largest = max((sum(c.values()) for c in counts.values()), default=1)
    base = TOP + BAR_HEIGHT
    bins = []
    for start in sorted(counts):
        end = period_end(start, unit)
        x, right = scale.x(start), scale.x(end + timedelta(days=1))
        segments: list[Segment] = []
        y: float = base
        for kind in Attribution:
            number = counts[start].get(kind, 0)
            if not number:
                continue
            height = max(1.5, number / largest * BAR_HEIGHT)
            y -= height
            segments.append(Segment(kind, number, round(y, 1), round(height, 1)))
        label = (
            f"{month_abbreviation(start.month)} {start.year}"
            if unit == "month"
            else str(start.year)
        )
        bins.append(
            Bin(
                label=label,
                x=x,
                width=max(1.0, round(right - x - 0.5, 1)),
                total=sum(counts[start].values()),
                segments=segments,
                cursor=Cursor(start, 0),
            )
        )
    return bins, base


def build(
    session: Session,
    dossier: Dossier,
    filters: ClaimFilters,
    periods: PeriodCounts,
    today: date,
) -> Overview | None:
    """The strip for the claims that pass `filters`, whose months are `periods`; None for an
    empty dossier.

    It does not depend on the page being read, so it can be cached with the counts."""
    total = periods.total
    bounds = axis(session, dossier, filters.order, today)
    if bounds is None:
        return None
    filters = filters.without_position()
    start, end = view_bounds(filters, bounds)
    zoomed = (start, end) != bounds
    occupied = periods.occupied_years()
    weights = {} if zoomed else focus_weights(start, end, occupied, today)
    scale = Scale(start, end, weights)
    marks: list[Mark] = []
    bins: list[Bin] = []
    unit = None
    if total > BIN_THRESHOLD:
        unit = "month" if scale.end.year - scale.start.year < YEARS_FOR_MONTH_BINS else "year"
        bins, bottom = _bins(periods, scale, unit)
    elif total:
        marks = _marks(session, dossier, filters, scale)
        lanes = max(int((mark.y - TOP) // LANE_HEIGHT) + 1 for mark in marks)
        bottom = TOP + lanes * LANE_HEIGHT
    else:
        bottom = TOP + LANE_HEIGHT
    axis_y = bottom + 4
    today_x = scale.x(today) if scale.start <= today <= scale.end else None
    return Overview(
        start=scale.start,
        end=scale.end,
        total=total,
        height=axis_y + AXIS_HEIGHT,
        axis_y=axis_y,
        ticks=strip_axis.ticks(scale, filters, weights),
        today_x=today_x,
        marks=marks,
        bins=bins,
        unit=unit,
        zooms=zooms(filters, start, end, occupied) if end.year > start.year else [],
        zoom_out=replace(filters, date_from=None, date_to=None) if zoomed else None,
        focus_context=bool(weights),
        everything=replace(filters, date_from=None, date_to=None),
        months=month_positions(scale),
    )


@dataclass(frozen=True)
class Legend:
    attributions: list[Attribution]
    confidence_bands: list[LikelihoodBand]


def legend() -> Legend:
    """What the legend explains: the six attribution kinds and the ICD 203 confidence bands."""
    return Legend(attributions=list(Attribution), confidence_bands=likelihood_bands())
