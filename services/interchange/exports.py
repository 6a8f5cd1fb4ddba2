"""A dossier handed back out: CSV for spreadsheets, Claimline JSON, and TimelineJS3 JSON.

Every export honours the timeline's filters. Claims and sources without a `key` are exported
as "claim-<id>" and "source-<id>", which an import into the same dossier recognises, so a
file can always be imported again without creating duplicates.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from fuzzy_date import FuzzyDate, Point
from models import Claim, ClaimRelation, Dossier, Entity, Source
from services.interchange import serialize
from services.reading import timeline
from services.reading.filters import ClaimFilters

FORMAT_NAME = "claimline-dossier"
FORMAT_VERSION = 1

# Field names are the form's and the API's; the *_label, *_name, *_title columns are there
# for people reading the sheet, and imports ignore them.
CSV_COLUMNS = (
    "key", "event_date", "event_date_label", "stated_date", "stated_date_label", "attribution",
    "attribution_label", "statement", "quote", "quote_lang", "speaker", "speaker_name",
    "speaker_description", "via", "via_title", "source", "source_title", "source_url",
    "locator", "confidence", "confidence_label", "status", "tags", "entities", "relations",
    "notes", "url",
)  # fmt: skip
# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def claim_key(claim: Claim) -> str:
    return claim.key or f"claim-{claim.id}"


def source_key(source: Source) -> str:
    return source.key or f"source-{source.id}"


def export_options():
    """Eager loads for everything an export writes, so an export is a few queries."""
    return (
        joinedload(Claim.speaker),
        joinedload(Claim.via),
        joinedload(Claim.source),
        selectinload(Claim.tags),
        selectinload(Claim.entities),
        selectinload(Claim.relations_out).joinedload(ClaimRelation.to_claim),
    )


def claims(session: Session, dossier: Dossier, filters: ClaimFilters) -> list[Claim]:
    """The dossier's live claims that pass the filters, in timeline order.

    Raises search.SearchError when the search has no words.
    """
    statement = timeline.filtered(dossier, filters, session.get_bind().dialect.name)
    column = timeline.sort_column(filters.order)
    statement = statement.order_by(column, Claim.id).options(*export_options())
    return list(session.scalars(statement).unique())


# --- CSV ----------------------------------------------------------------------------------


def neutralise(value: Any) -> str:
    """A cell as text, with a leading apostrophe where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(claim: Claim, claim_url: Callable[[Claim], str]) -> dict[str, str]:
    event, stated = claim.event_date, claim.stated_date
    return {
        "key": claim_key(claim),
        "event_date": event.edtf if event else "",
        "event_date_label": event.label if event else "",
        "stated_date": stated.edtf,
        "stated_date_label": stated.label,
        "attribution": claim.attribution.value,
        "attribution_label": claim.attribution_label,
        "statement": claim.statement,
        "quote": claim.quote,
        "quote_lang": claim.quote_lang or "",
        "speaker": claim.speaker.slug if claim.speaker else "",
        "speaker_name": claim.speaker.name if claim.speaker else "",
        "speaker_description": claim.speaker_description or "",
        "via": source_key(claim.via) if claim.via else "",
        "via_title": claim.via.title if claim.via else "",
        "source": source_key(claim.source),
        "source_title": claim.source.title,
        "source_url": claim.source.url or "",
        "locator": claim.locator or "",
        "confidence": claim.confidence,
        "confidence_label": claim.confidence_label,
        "status": claim.status.value,
        "tags": ", ".join(tag.name for tag in claim.tags),
        "entities": ", ".join(entity.slug for entity in claim.entities),
        "relations": "; ".join(
            f"{relation.type.value} {claim_key(relation.to_claim)}"
            for relation in claim.relations_out
            if relation.to_claim.deleted_at is None
        ),
        "notes": claim.notes,
        "url": claim_url(claim),
    }


def to_csv(claims: list[Claim], claim_url: Callable[[Claim], str]) -> str:
    """RFC 4180 CSV: a header row, CRLF line ends, quotes where a cell needs them."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for claim in claims:
        writer.writerow(
            {name: neutralise(value) for name, value in csv_row(claim, claim_url).items()}
        )
    return buffer.getvalue()


# --- Claimline JSON -----------------------------------------------------------------------


def dossier_sources(session: Session, dossier: Dossier) -> list[Source]:
    return list(
        session.scalars(
            select(Source).where(Source.dossier_id == dossier.id, Source.deleted_at.is_(None))
        )
    )


def to_claimline_json(dossier: Dossier, sources: list[Source], claims: list[Claim]) -> dict:
    """The whole dossier as one document that imports back without loss.

    No ids, timestamps or URLs: they belong to one database, and leaving them out makes an
    export of an imported copy identical to the original export.
    """
    keys = {claim.id: claim_key(claim) for claim in claims}
    cited = {claim.source.id: claim.source for claim in claims}
    cited.update({claim.via.id: claim.via for claim in claims if claim.via})
    all_sources = {source.id: source for source in sources} | cited
    entities: dict[str, Entity] = {}
    for claim in claims:
        for entity in [claim.speaker, *claim.entities]:
            if entity is not None:
                entities[entity.slug] = entity
    relations = [
        {
            "from": keys[claim.id],
            "type": relation.type.value,
            "to": keys[relation.to_claim_id],
            "note": relation.note,
        }
        for claim in claims
        for relation in claim.relations_out
        if relation.to_claim_id in keys
    ]
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "dossier": serialize.dossier(dossier),
        "sources": sorted(
            (source_document(source) for source in all_sources.values()),
            key=lambda item: item["key"],
        ),
        "entities": [entity_document(entities[slug]) for slug in sorted(entities)],
        "claims": [claim_document(claim) for claim in claims],
        "relations": sorted(relations, key=lambda item: (item["from"], item["type"], item["to"])),
    }


def source_document(source: Source) -> dict[str, Any]:
    return {
        "key": source_key(source),
        "title": source.title,
        "outlet": source.outlet,
        "author": source.author,
        "url": source.url,
        "language": source.language,
        "kind": source.kind.value,
        "published": serialize.fuzzy_date(source.published),
        "reliability": source.reliability,
        "notes": source.notes,
    }


def entity_document(entity: Entity) -> dict[str, Any]:
    return {
        "slug": entity.slug,
        "name": entity.name,
        "kind": entity.kind.value,
        "description": entity.description,
        "aliases": list(entity.aliases),
    }


def claim_document(claim: Claim) -> dict[str, Any]:
    return {
        "key": claim_key(claim),
        "statement": claim.statement,
        "quote": claim.quote,
        "quote_lang": claim.quote_lang,
        "attribution": claim.attribution.value,
        "speaker": claim.speaker.slug if claim.speaker else None,
        "speaker_description": claim.speaker_description,
        "via": source_key(claim.via) if claim.via else None,
        "source": source_key(claim.source),
        "locator": claim.locator,
        "event_date": serialize.fuzzy_date(claim.event_date),
        "stated_date": serialize.fuzzy_date(claim.stated_date),
        "confidence": claim.confidence,
        "status": claim.status.value,
        "tags": [tag.name for tag in claim.tags],
        "entities": sorted(entity.slug for entity in claim.entities),
        "notes": claim.notes,
    }


# --- TimelineJS3 --------------------------------------------------------------------------

_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}


def _timelinejs_date(point: Point, end: bool) -> dict[str, int | str]:
    """One EDTF point as a TimelineJS date: year, then month and day only when the date
    names them. A season gives its first month as a start and its last month as an end."""
    year, month, day = point.year, point.month, point.day
    date: dict[str, int | str] = {"year": year}
    if month in _SEASON_MONTHS:
        first, last = _SEASON_MONTHS[month]
        if end and last < first:
            date["year"] = year + 1
        date["month"] = last if end else first
    elif month is not None:
        date["month"] = month
        if day is not None:
            date["day"] = day
    return date


def timelinejs_dates(
    value: FuzzyDate,
) -> tuple[dict[str, int | str], dict[str, int | str] | None]:
    """start_date and end_date (or None) for a fuzzy date, each with its display_date."""
    end: dict[str, int | str] | None = None
    if value.start is None:  # open at the start ("2025 or earlier"): place it at its end
        assert value.end is not None  # EDTF intervals are never open at both ends
        start = _timelinejs_date(value.end, end=True)
    else:
        start = _timelinejs_date(value.start, end=False)
        if value.end is not None:
            end = _timelinejs_date(value.end, end=True)
        if value.precision not in ("interval", "open") and end == start:
            end = None
    start["display_date"] = value.label
    if end is not None:
        end["display_date"] = value.label
    return start, end


def timelinejs_text(claim: Claim, claim_url: str) -> str:
    """The slide's HTML: who says it and through whom, the quote, confidence and status."""
    who = claim.speaker.name if claim.speaker else claim.speaker_description
    line = [Markup("<strong>%s</strong>") % claim.attribution_label]
    if who:
        line.append(escape(who))
    if claim.via:
        line.append(Markup("via <cite>%s</cite>") % (claim.via.outlet or claim.via.title))
    parts = [Markup("<p>%s</p>") % Markup(" · ").join(line)]
    if claim.quote:
        lang = Markup(' lang="%s"') % claim.quote_lang if claim.quote_lang else ""
        parts.append(Markup("<blockquote%s>%s</blockquote>") % (lang, claim.quote))
    source = escape(claim.source.title)
    if claim.source.url:
        source = Markup('<a href="%s">%s</a>') % (claim.source.url, claim.source.title)
    parts.append(
        Markup("<p>Confidence %s%% (%s) · %s · Source: %s</p>")
        % (claim.confidence, claim.confidence_label, claim.status.label, source)
    )
    parts.append(Markup('<p><a href="%s">This claim on Claimline</a></p>') % claim_url)
    return str(Markup("").join(parts))


def to_timelinejs(
    dossier: Dossier, claims: list[Claim], claim_url: Callable[[Claim], str]
) -> dict[str, Any]:
    """Knight Lab TimelineJS3's JSON: a title slide and one event per claim, grouped by
    attribution, each at its event date (or the date it was stated)."""
    events = []
    for claim in claims:
        start, end = timelinejs_dates(claim.timeline_fuzzy_date)
        event: dict[str, Any] = {
            "unique_id": claim_key(claim),
            "start_date": start,
            "display_date": claim.timeline_fuzzy_date.label,
            "text": {
                "headline": str(escape(claim.statement)),
                "text": timelinejs_text(claim, claim_url(claim)),
            },
            "group": claim.attribution_label,
        }
        if end is not None:
            event["end_date"] = end
        events.append(event)
    return {
        "title": {
            "text": {
                "headline": str(escape(dossier.title)),
                "text": str(Markup("<p>%s</p>") % dossier.subject) if dossier.subject else "",
            }
        },
        "events": events,
        "scale": "human",
    }
