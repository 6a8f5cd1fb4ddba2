"""The timeline page assembled: a page of claims, its grouping, facets, chips and the strip."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

import i18n
from models import Dossier
from services.reading import facets as facet_service
from services.reading import overview as overview_service
from services.reading import timeline, view_cache, year_index
from services.reading.filters import ClaimFilters
from services.reading.freshness import last_change
from services.reading.period_counts import PeriodCounts

KEY_ENTITIES = 8


@dataclass
class TimelineView:
    page: timeline.Page
    years: list[timeline.YearGroup]
    facets: facet_service.Facets
    chips: list[facet_service.Chip]
    overview: overview_service.Overview | None
    errors: list[str] = field(default_factory=list)
    year_links: list[year_index.YearLink] = field(default_factory=list)

    @property
    def page_ids(self) -> set[int]:
        """The claims on this page: their marks on the strip link within the page."""
        return {claim.id for claim in self.page.claims}

    @property
    def key_entities(self) -> list[facet_service.FacetValue]:
        """The people and organisations most named in this view, for quick links."""
        # None counts (a view beyond counting) name no one: there is nothing to rank by.
        named = [(value.count, value) for value in self.facets.entities if value.count]
        ranked = sorted(named, key=lambda pair: (-pair[0], pair[1].label))
        return [value for _count, value in ranked[:KEY_ENTITIES]]


def dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _cache_key(
    session: Session, dossier: Dossier, filters: ClaimFilters, changed: datetime | None
) -> tuple:
    return (
        str(session.get_bind().engine.url),
        dossier.id,
        changed or last_change(session, dossier),
        filters.without_position(),
        i18n.current(),  # the strip's and the facets' words
    )


def counted_page(
    session: Session,
    dossier: Dossier,
    filters: ClaimFilters,
    per_page: int,
    changed: datetime | None = None,
    options: Callable[[], tuple] = timeline.card_options,
) -> timeline.Page:
    """A page of the claims that pass `filters` with their number, counted once per process
    until the dossier changes: when it is not known yet, the page counts them in the read
    that finds its claims. `changed` is the dossier's last change when the caller has read it.
    Raises search.SearchError when the search has no words."""
    if not filters.active:  # every live claim: counted at write time
        stored = facet_service.stored_total(session, dossier)
        return timeline.page(session, dossier, filters, per_page, total=stored, options=options)
    key = ("count", *_cache_key(session, dossier, filters, changed))
    total = view_cache.aggregates.get(key)
    page = timeline.page(session, dossier, filters, per_page, total=total, options=options)
    if total is None:
        view_cache.aggregates.put(key, page.total)
    return page


def build(
    session: Session,
    dossier: Dossier,
    filters: ClaimFilters,
    per_page: int,
    today: date,
    changed: datetime | None = None,
) -> TimelineView:
    """Everything the timeline page shows for these filters.

    A fixed number of queries whatever the page size: the page with its eager loads (plus
    one walking back for the "Earlier claims" link when the page is not the first). The
    facets with the view's months (one statement, or the rows kept at write time when
    nothing filters) and the strip come from the per-process cache until the dossier
    changes (`changed`, when the caller has read it). The count, the strip's bars and the
    year index are all read from the months; a view of more claims than it counts
    (limits.COUNTED_CLAIMS_MAX) has none of the three.
    """
    key = _cache_key(session, dossier, filters, changed)
    facets = view_cache.aggregates.get_or_compute(
        ("facets", *key), lambda: facet_service.facets(session, dossier, filters)
    )
    periods = facets.months
    overview: overview_service.Overview | None = None
    year_links: list[year_index.YearLink] = []
    if periods is None:  # more claims than a view counts: no count, strip or year index
        page = timeline.page(session, dossier, filters, per_page, beyond_counting=True)
    else:
        overview = _overview(session, dossier, filters, periods, today, key)
        page = timeline.page(session, dossier, filters, per_page, total=periods.total)
    years = timeline.group_by_month(page.claims, filters.order)
    if periods is not None:
        year_links = year_index.links(periods.years(), {group.year for group in years})
    return TimelineView(
        page=page,
        years=years,
        year_links=year_links,
        facets=facets,
        chips=facet_service.chips(filters, facets),
        overview=overview,
        errors=list(filters.errors),
    )


def _overview(
    session: Session,
    dossier: Dossier,
    filters: ClaimFilters,
    periods: PeriodCounts,
    today: date,
    key: tuple,
) -> overview_service.Overview | None:
    # The strip also depends on the day: its axis reaches today.
    return view_cache.aggregates.get_or_compute(
        ("overview", *key, today),
        lambda: overview_service.build(session, dossier, filters, periods, today),
    )
