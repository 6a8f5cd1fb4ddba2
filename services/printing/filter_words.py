"""The briefing's cover says which filters made it: each active filter in words, in the
language the briefing prints in (issue #20)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import _
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
    name = _filter_name
    if filters.attributions:
        labels = [attribution.label for attribution in filters.attributions]
        lines.append(FilterLine(name("attributions"), _either(labels)))
    if filters.entity:
        entity = session.scalar(select(Entity).where(Entity.slug == filters.entity))
        found = (
            entity.name
            if entity
            else _("“%(name)s” (no such name in Claimline)", name=filters.entity)
        )
        lines.append(FilterLine(name("entity"), found))
    if filters.tag:
        tag = session.scalar(select(Tag).where(Tag.key == filters.tag))
        words = tag.name if tag else _("“%(words)s”", words=filters.tag)
        lines.append(FilterLine(name("tag"), words))
    if filters.source is not None:
        # Only this dossier's sources: an id from another dossier must not reveal its title.
        source = session.scalar(
            select(Source).where(Source.id == filters.source, Source.dossier_id == dossier.id)
        )
        lines.append(FilterLine(name("source"), _source_words(source, filters.source)))
    if filters.status:
        lines.append(FilterLine(name("status"), filters.status.label))
    if filters.min_confidence is not None:
        confidence = confidence_words(filters.min_confidence)
        lines.append(FilterLine(name("min_confidence"), confidence))
    dates = _date_words(filters)
    if dates:
        label = _("Stated") if filters.order == "stated" else _("Dated")
        lines.append(FilterLine(label, dates))
    if filters.q:
        lines.append(FilterLine(name("q"), _("“%(words)s”", words=filters.q)))
    if filters.order == "stated":
        lines.append(FilterLine(_("Order"), _("by the date each claim was made")))
    return lines


def _filter_name(key: str) -> str:
    # str() first: the table may hold English or words already translated (lazy); gettext
    # returns a word it does not know as it is.
    return _(str(FILTER_NAMES[key]))


def _either(labels: list[str]) -> str:
    if len(labels) == 1:
        return labels[0]
    return _("%(some)s or %(last)s", some=", ".join(labels[:-1]), last=labels[-1])


def _source_words(source: Source | None, source_id: int) -> str:
    if source is None:
        return _("source %(id)s (no such source)", id=source_id)
    return f"{source.outlet}: {source.title}" if source.outlet else source.title


def _date_words(filters: ClaimFilters) -> str:
    start, end = filters.date_from, filters.date_to
    if start and end and start == end:  # "2024", not "from 2024 to 2024" (#16)
        return start.label
    if start and end:
        return _("from %(start)s to %(end)s", start=start.label, end=end.label)
    if start:
        return _("from %(start)s on", start=start.label)
    if end:
        return _("up to %(end)s", end=end.label)
    return ""
