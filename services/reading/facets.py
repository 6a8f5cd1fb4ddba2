"""Facets: how many claims each filter choice would show, given the other filters.

Standard facet semantics: a facet's own selection is left out when counting that facet, so
"Insider says (12)" stays visible, with its count, after "Public statement" is ticked. The
claims a set of filters passes are selected once and every facet is a GROUP BY over them
(issue #17: the entity and source facets each re-ran the whole filter as an IN subquery).
The results are plain data that depend only on the dossier's state and the filters, so
they can be cached on `Dossier.changed_at`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Select, String, cast, func, literal, select, union, union_all
from sqlalchemy.orm import Session

from i18n import _
from models import (
    Claim,
    Dossier,
    Entity,
    FacetCount,
    Source,
    Tag,
    claim_entities,
    claim_tags,
    limits,
)
from models.vocabulary import Attribution, Status
from services.reading import period_counts, timeline
from services.reading.filters import FILTER_NAMES, ClaimFilters, confidence_words, searched_words
from services.reading.period_counts import PeriodCounts

MAX_TAGS = 200
MAX_ENTITIES = 500
MAX_SOURCES = 500


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int | None  # None when the claims it would count are beyond counting
    selected: bool
    language: str | None = None  # the label's, when an editor wrote it (a source's title)


@dataclass(frozen=True)
class Facets:
    attributions: list[FacetValue]
    statuses: list[FacetValue]
    tags: list[FacetValue]
    entities: list[FacetValue]
    sources: list[FacetValue]
    # The view's claims per month, by the date its order places them at: not a filter of
    # the form, but counted over the same claims in the same statement. None when more
    # claims pass than a view counts (limits.COUNTED_CLAIMS_MAX).
    months: PeriodCounts | None

    def label_of(self, facet: str, value: str) -> str | None:
        for item in getattr(self, facet):
            if item.value == value:
                return item.label
        return None


@dataclass(frozen=True)
class Chip:
    """One active filter, shown so it can be removed; `filters` is the view without it."""

    kind: str
    label: str
    filters: ClaimFilters


# Which filter each facet leaves out when it counts (its own selection).
OWN_FILTER = {
    "attributions": "attributions",
    "statuses": "status",
    "tags": "tag",
    "entities": "entity",
    "sources": "source",
}


def counted(
    session: Session, dossier: Dossier, filters: ClaimFilters, names: list[str]
) -> dict[str, dict[str, int]] | None:
    """Counts per value of each facet in `names` over the claims that pass `filters`, in one
    statement: the passing claims are selected once (a CTE, materialised because every facet
    reads it) and each facet is a GROUP BY over it, joined to a link table's primary key
    where it needs one. Values are strings: an attribution or status, or a row id.

    None when more claims pass than a view counts (limits.COUNTED_CLAIMS_MAX): the CTE
    reads one more than that, in no order, so the work is bounded whatever the dossier."""
    dialect = session.get_bind().dialect.name
    matching = (
        timeline.filtered(dossier, filters, dialect, first_few=True)
        .with_only_columns(
            Claim.id,
            Claim.attribution,
            Claim.status,
            Claim.speaker_id,
            Claim.source_id,
            Claim.via_id,
            timeline.sort_column(filters.order).label("placed"),
        )
        .limit(limits.COUNTED_CLAIMS_MAX + 1)
        .cte("matching")
    )
    size = select(literal(SIZE), literal(""), func.count()).select_from(matching)
    parts = [size, *(_facet_query(name, matching, dialect) for name in names)]
    rows = session.connection().execute(union_all(*parts))
    result: dict[str, dict[str, int]] = {name: {} for name in [SIZE, *names]}
    for name, value, number in rows:
        if name == SIZE and number > limits.COUNTED_CLAIMS_MAX:
            # SQLite runs a UNION ALL's parts in order and yields rows as it goes: the size
            # comes first, and closing the result here skips the GROUP BYs.
            rows.close()
            return None
        result[name][value] = number
    del result[SIZE]
    return result


SIZE = "size"  # the part of counted's statement that says how many claims it read


def stored(session: Session, dossier: Dossier, names: list[str]) -> dict[str, dict[str, int]]:
    """The facets in `names` over all the dossier's live claims, as kept at write time."""
    result: dict[str, dict[str, int]] = {name: {} for name in names}
    statement = select(FacetCount.facet, FacetCount.value, FacetCount.count).where(
        FacetCount.dossier_id == dossier.id, FacetCount.facet.in_(names), FacetCount.count > 0
    )
    # Through the session's connection: thousands of rows (a month each, a source each), and
    # the ORM's result layer took 5 of the 13 ms of reading them.
    for name, value, number in session.connection().execute(statement):
        result[name][value] = number
    return result


def stored_total(session: Session, dossier: Dossier) -> int:
    """How many live claims the dossier has, as kept at write time."""
    statement = select(FacetCount.count).where(
        FacetCount.dossier_id == dossier.id, FacetCount.facet == "total"
    )
    return session.scalar(statement) or 0


def _facet_query(name: str, matching, dialect: str) -> Select:
    found = matching.c
    if name.startswith("months:"):
        # Grouped by a subquery's column: PostgreSQL does not match the month expression of
        # the GROUP BY with the select list's when each has its own bound format string.
        months = select(
            period_counts.value_expression(found.placed, found.attribution, dialect).label("value")
        ).subquery()
        return select(literal(name), months.c.value, func.count()).group_by(months.c.value)
    if name in ("attributions", "statuses"):
        column = found.attribution if name == "attributions" else found.status
        return select(literal(name), cast(column, String), func.count()).group_by(column)
    if name == "tags":
        # "tag_id + 0" is not indexed: grouping by the bare column, SQLite would walk all
        # of claim_tags in tag order (to skip a sort) and probe the matching claims for each.
        links = (
            select(claim_tags.c.claim_id, (claim_tags.c.tag_id + 0).label("target"))
            .join(matching, matching.c.id == claim_tags.c.claim_id)
            .subquery()
        )
    elif name == "entities":
        # UNION (not UNION ALL): a claim both spoken by and naming an entity counts once.
        links = union(
            select(claim_entities.c.claim_id, claim_entities.c.entity_id.label("target")).join(
                matching, matching.c.id == claim_entities.c.claim_id
            ),
            select(found.id, found.speaker_id).where(found.speaker_id.isnot(None)),
        ).subquery()
    else:  # sources: the source a claim was read in, and the one it credits
        links = union(
            select(found.id, found.source_id.label("target")),
            select(found.id, found.via_id).where(found.via_id.isnot(None)),
        ).subquery()
    target = links.c.target
    return select(literal(name), cast(target, String), func.count()).group_by(target)


def attribution_counts(counts: dict[str, int], filters: ClaimFilters) -> list[FacetValue]:
    return [
        FacetValue(kind.value, kind.label, counts.get(kind.value, 0), kind in filters.attributions)
        for kind in Attribution
    ]


def status_counts(counts: dict[str, int], filters: ClaimFilters) -> list[FacetValue]:
    return [
        FacetValue(
            status.value, status.label, counts.get(status.value, 0), status == filters.status
        )
        for status in Status
    ]


def tag_counts(session: Session, counts: dict[str, int], filters: ClaimFilters):
    """Tags of the claims that pass the other filters, most used first."""
    rows = _labelled(session, select(Tag.id, Tag.key, Tag.name), Tag.id, counts, Tag.key)
    # A stable sort keeps the database's order of keys among equal counts.
    rows.sort(key=lambda row: -counts[str(row[0])])
    values = [
        FacetValue(key, name, counts[str(tag_id)], key == filters.tag)
        for tag_id, key, name in rows[:MAX_TAGS]
    ]
    return _keep_selected(values, filters.tag)


def entity_counts(session: Session, counts: dict[str, int], filters: ClaimFilters):
    """Entities named by, or speaking in, the claims that pass the other filters, by name."""
    statement = select(Entity.id, Entity.slug, Entity.name)
    rows = _labelled(
        session, statement, Entity.id, counts, Entity.name, Entity.slug, limit=MAX_ENTITIES
    )
    values = [
        FacetValue(slug, name, counts[str(entity_id)], slug == filters.entity)
        for entity_id, slug, name in rows
    ]
    return _keep_selected(values, filters.entity)


def source_counts(
    session: Session, counts: dict[str, int], filters: ClaimFilters, language: str = "en"
):
    """Sources the claims that pass the other filters were read in or credit, by title;
    a title is in its source's language, else the dossier's (`language`)."""
    statement = select(Source.id, Source.title, Source.language)
    rows = _labelled(session, statement, Source.id, counts, Source.title, limit=MAX_SOURCES)
    selected = str(filters.source) if filters.source is not None else None
    values = [
        FacetValue(
            str(source_id),
            title,
            counts[str(source_id)],
            str(source_id) == selected,
            source_language or language,
        )
        for source_id, title, source_language in rows
    ]
    return _keep_selected(values, selected)


def _labelled(
    session: Session, statement: Select, key, counts: dict[str, int], *order, limit=None
) -> list:
    """The rows of the counted ids, in the database's order (its collation, as before), the
    first `limit` of them (building only those rows: 2,000 sources cost 22 ms, 500 3 ms)."""
    if not counts:
        return []
    ids = [int(value) for value in counts]
    statement = statement.where(key.in_(ids)).order_by(*order, key).limit(limit)
    return list(session.execute(statement).all())


def _keep_selected(values: list[FacetValue], selected: str | None) -> list[FacetValue]:
    # A selection that matches nothing under the other filters still shows, at 0, so the
    # reader sees what is selected and can change it.
    if selected is not None and all(value.value != selected for value in values):
        values.insert(0, FacetValue(selected, selected, 0, True))
    return values


def facets(session: Session, dossier: Dossier, filters: ClaimFilters) -> Facets:
    """Every facet of the timeline's filter form, and the view's months. Facets whose own
    filter is not set count over the same claims, so each distinct set of claims is
    selected once (one statement). A set of more claims than a view counts is not counted:
    its facets list the dossier's values in their usual order, with no count (None), and
    the view's months are None. Raises search.SearchError like the timeline."""
    base = filters.without_position()
    by_filters: dict[ClaimFilters, list[str]] = {}
    for name, own in OWN_FILTER.items():
        by_filters.setdefault(base.without(own), []).append(name)
    months = period_counts.stored_facet(filters.order)
    by_filters.setdefault(base, []).append(months)
    counts: dict[str, dict[str, int]] = {}
    uncounted: set[str] = set()
    kept: list[str] = []  # read from the counts kept at write time
    # The view's own claims first: every other set leaves one filter out, so holds them all
    # and is beyond counting too when they are.
    beyond = False
    for counted_filters, names in sorted(by_filters.items(), key=lambda item: item[0] != base):
        if not counted_filters.active:  # over every live claim
            kept += names
            continue
        found = None if beyond else counted(session, dossier, counted_filters, names)
        if found is None:
            beyond = beyond or counted_filters == base
            uncounted.update(names)
            # The dossier's own counts only say which values there are, and their order.
            kept += [name for name in names if name != months]
        else:
            counts.update(found)
    if kept:
        counts.update(stored(session, dossier, kept))
    built = {
        "attributions": attribution_counts(counts["attributions"], filters),
        "statuses": status_counts(counts["statuses"], filters),
        "tags": tag_counts(session, counts["tags"], filters),
        "entities": entity_counts(session, counts["entities"], filters),
        "sources": source_counts(session, counts["sources"], filters, dossier.statement_language),
    }
    for name in uncounted & built.keys():
        built[name] = [replace(value, count=None) for value in built[name]]
    return Facets(
        **built,
        months=None if months in uncounted else period_counts.from_values(counts[months]),
    )


def chips(filters: ClaimFilters, facets: Facets) -> list[Chip]:
    """The active filters in the order of the form, each with the view that removes it."""
    result = [
        Chip(FILTER_NAMES["attributions"], kind.label, filters.without("attributions", kind))
        for kind in filters.attributions
    ]
    if filters.entity:
        label = facets.label_of("entities", filters.entity) or filters.entity
        result.append(Chip(FILTER_NAMES["entity"], label, filters.without("entity")))
    if filters.tag:
        label = facets.label_of("tags", filters.tag) or filters.tag
        result.append(Chip(FILTER_NAMES["tag"], label, filters.without("tag")))
    if filters.source is not None:
        label = facets.label_of("sources", str(filters.source)) or _(
            "source %(id)s", id=filters.source
        )
        result.append(Chip(FILTER_NAMES["source"], label, filters.without("source")))
    if filters.status:
        status = filters.status.label
        result.append(Chip(FILTER_NAMES["status"], status, filters.without("status")))
    if filters.min_confidence is not None:
        label = confidence_words(filters.min_confidence)
        result.append(
            Chip(FILTER_NAMES["min_confidence"], label, filters.without("min_confidence"))
        )
    if filters.date_from:
        result.append(
            Chip(FILTER_NAMES["date_from"], filters.date_from.label, filters.without("date_from"))
        )
    if filters.date_to:
        result.append(
            Chip(FILTER_NAMES["date_to"], filters.date_to.label, filters.without("date_to"))
        )
    if filters.q:
        result.append(Chip(FILTER_NAMES["q"], searched_words(filters.q), filters.without("q")))
    return result
