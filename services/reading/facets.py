"""Facets: how many claims each filter choice would show, given the other filters.

Standard facet semantics: a facet's own selection is left out when counting that facet, so
"Insider says (12)" stays visible, with its count, after "Public statement" is ticked. Each
facet is one GROUP BY query, never a loop over claims. The results are plain data that
depend only on the dossier's state and the filters, so they can be cached on
`Dossier.changed_at`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select, union
from sqlalchemy.orm import Session

from models import Claim, Dossier, Entity, Source, Tag, claim_entities, claim_tags
from models.vocabulary import Attribution, Status
from services.reading import timeline
from services.reading.filters import FILTER_NAMES, ClaimFilters, confidence_words

MAX_TAGS = 200
MAX_ENTITIES = 500
MAX_SOURCES = 500


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facets:
    attributions: list[FacetValue]
    statuses: list[FacetValue]
    tags: list[FacetValue]
    entities: list[FacetValue]
    sources: list[FacetValue]

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


def _claim_ids(session: Session, dossier: Dossier, filters: ClaimFilters) -> Select:
    dialect = session.get_bind().dialect.name
    return timeline.filtered(dossier, filters, dialect).with_only_columns(Claim.id)


def _grouped(session: Session, dossier: Dossier, filters: ClaimFilters, column) -> dict:
    dialect = session.get_bind().dialect.name
    statement = (
        timeline.filtered(dossier, filters, dialect)
        .with_only_columns(column, func.count(Claim.id))
        .group_by(column)
    )
    return dict(session.execute(statement).all())


def attribution_counts(session: Session, dossier: Dossier, filters: ClaimFilters):
    counts = _grouped(session, dossier, filters.without("attributions"), Claim.attribution)
    return [
        FacetValue(kind.value, kind.label, counts.get(kind, 0), kind in filters.attributions)
        for kind in Attribution
    ]


def status_counts(session: Session, dossier: Dossier, filters: ClaimFilters):
    counts = _grouped(session, dossier, filters.without("status"), Claim.status)
    return [
        FacetValue(status.value, status.label, counts.get(status, 0), status == filters.status)
        for status in Status
    ]


def tag_counts(session: Session, dossier: Dossier, filters: ClaimFilters):
    """Tags of the claims that pass the other filters, most used first."""
    ids = _claim_ids(session, dossier, filters.without("tag"))
    number = func.count(claim_tags.c.claim_id)
    statement = (
        select(Tag.key, Tag.name, number)
        .join(claim_tags, claim_tags.c.tag_id == Tag.id)
        .where(claim_tags.c.claim_id.in_(ids))
        .group_by(Tag.id, Tag.key, Tag.name)
        .order_by(number.desc(), Tag.key)
        .limit(MAX_TAGS)
    )
    values = [
        FacetValue(key, name, n, key == filters.tag) for key, name, n in session.execute(statement)
    ]
    return _keep_selected(values, filters.tag)


def entity_counts(session: Session, dossier: Dossier, filters: ClaimFilters):
    """Entities named by, or speaking in, the claims that pass the other filters, by name."""
    ids = _claim_ids(session, dossier, filters.without("entity"))
    # UNION (not UNION ALL): a claim both spoken by and naming an entity counts once.
    links = union(
        select(claim_entities.c.claim_id, claim_entities.c.entity_id).where(
            claim_entities.c.claim_id.in_(ids)
        ),
        select(Claim.id, Claim.speaker_id).where(Claim.id.in_(ids), Claim.speaker_id.isnot(None)),
    ).subquery()
    statement = (
        select(Entity.slug, Entity.name, func.count())
        .join(links, links.c[1] == Entity.id)
        .group_by(Entity.id, Entity.slug, Entity.name)
        .order_by(Entity.name, Entity.slug)
        .limit(MAX_ENTITIES)
    )
    values = [
        FacetValue(slug, name, n, slug == filters.entity)
        for slug, name, n in session.execute(statement)
    ]
    return _keep_selected(values, filters.entity)


def source_counts(session: Session, dossier: Dossier, filters: ClaimFilters):
    """Sources the claims that pass the other filters were read in or credit, by title."""
    ids = _claim_ids(session, dossier, filters.without("source"))
    links = union(
        select(Claim.id, Claim.source_id).where(Claim.id.in_(ids)),
        select(Claim.id, Claim.via_id).where(Claim.id.in_(ids), Claim.via_id.isnot(None)),
    ).subquery()
    statement = (
        select(Source.id, Source.title, func.count())
        .join(links, links.c[1] == Source.id)
        .group_by(Source.id, Source.title)
        .order_by(Source.title, Source.id)
        .limit(MAX_SOURCES)
    )
    selected = str(filters.source) if filters.source is not None else None
    values = [
        FacetValue(str(source_id), title, n, str(source_id) == selected)
        for source_id, title, n in session.execute(statement)
    ]
    return _keep_selected(values, selected)


def _keep_selected(values: list[FacetValue], selected: str | None) -> list[FacetValue]:
    # A selection that matches nothing under the other filters still shows, at 0, so the
    # reader sees what is selected and can change it.
    if selected is not None and all(value.value != selected for value in values):
        values.insert(0, FacetValue(selected, selected, 0, True))
    return values


def facets(session: Session, dossier: Dossier, filters: ClaimFilters) -> Facets:
    """Every facet of the timeline's filter form, one aggregate query each."""
    return Facets(
        attributions=attribution_counts(session, dossier, filters),
        statuses=status_counts(session, dossier, filters),
        tags=tag_counts(session, dossier, filters),
        entities=entity_counts(session, dossier, filters),
        sources=source_counts(session, dossier, filters),
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
        label = facets.label_of("sources", str(filters.source)) or f"source {filters.source}"
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
        result.append(Chip("From", filters.date_from.label, filters.without("date_from")))
    if filters.date_to:
        result.append(Chip("To", filters.date_to.label, filters.without("date_to")))
    if filters.q:
        result.append(Chip(FILTER_NAMES["q"], f"“{filters.q}”", filters.without("q")))
    return result
