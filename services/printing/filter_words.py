"""The briefing's cover says which filters made it: each active filter in words."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Dossier, Entity, Source, Tag
from services.reading.filters import FILTER_NAMES, ClaimFilters, confidence_words


@dataclass(frozen=True)
class FilterLine:
    """One active filter as a reader would say it: "Attribution" / "Insider says"."""

    label: str
    value: str


def describe_filters(session: Session, dossier: Dossier, filters: ClaimFilters) -> list[FilterLine]:
    """The active filters in words, for the cover; names are looked up (one query each)."""
    lines = []
    if filters.attributions:
        labels = [attribution.label for attribution in filters.attributions]
        lines.append(FilterLine(FILTER_NAMES["attributions"], _either(labels)))
    if filters.entity:
        entity = session.scalar(select(Entity).where(Entity.slug == filters.entity))
        name = entity.name if entity else f"“{filters.entity}” (no such name in Claimline)"
        lines.append(FilterLine(FILTER_NAMES["entity"], name))
    if filters.tag:
        tag = session.scalar(select(Tag).where(Tag.key == filters.tag))
        lines.append(FilterLine(FILTER_NAMES["tag"], tag.name if tag else f"“{filters.tag}”"))
    if filters.source is not None:
        # Only this dossier's sources: an id from another dossier must not reveal its title.
        source = session.scalar(
            select(Source).where(Source.id == filters.source, Source.dossier_id == dossier.id)
        )
        lines.append(FilterLine(FILTER_NAMES["source"], _source_words(source, filters.source)))
    if filters.status:
        lines.append(FilterLine(FILTER_NAMES["status"], filters.status.label))
    if filters.min_confidence is not None:
        confidence = confidence_words(filters.min_confidence)
        lines.append(FilterLine(FILTER_NAMES["min_confidence"], confidence))
    dates = _date_words(filters)
    if dates:
        label = "Stated" if filters.order == "stated" else "Dated"
        lines.append(FilterLine(label, dates))
    if filters.q:
        lines.append(FilterLine(FILTER_NAMES["q"], f"“{filters.q}”"))
    if filters.order == "stated":
        lines.append(FilterLine("Order", "by the date each claim was made"))
    return lines


def _either(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def _source_words(source: Source | None, source_id: int) -> str:
    if source is None:
        return f"source {source_id} (no such source)"
    return f"{source.outlet}: {source.title}" if source.outlet else source.title


def _date_words(filters: ClaimFilters) -> str:
    start, end = filters.date_from, filters.date_to
    if start and end and start == end:  # "2024", not "from 2024 to 2024" (#16)
        return start.label
    if start and end:
        return f"from {start.label} to {end.label}"
    if start:
        return f"from {start.label} on"
    if end:
        return f"up to {end.label}"
    return ""
