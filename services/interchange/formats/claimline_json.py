"""Claimline JSON ("claimline-dossier"): the whole dossier as one document that imports back
without loss. Its writer (an export) and its reader (an import) live here together."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import _
from models import Claim, Dossier, Entity, Source
from services.interchange import serialize
from services.interchange.formats.document import (
    Document,
    FormatError,
    Row,
    claim_key,
    source_key,
)

FORMAT_NAME = "claimline-dossier"
FORMAT_VERSION = 1


# --- writing ------------------------------------------------------------------------------


def dossier_sources(session: Session, dossier: Dossier) -> list[Source]:
    return list(
        session.scalars(
            select(Source).where(Source.dossier_id == dossier.id, Source.deleted_at.is_(None))
        )
    )


def write(dossier: Dossier, sources: list[Source], claims: list[Claim]) -> dict:
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
        for entity in [claim.speaker, claim.relayed_by, *claim.entities]:
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
        "member_of": entity.member_of.slug if entity.member_of else None,
    }


def claim_document(claim: Claim) -> dict[str, Any]:
    return {
        "key": claim_key(claim),
        "statement": claim.statement,
        "quote": claim.quote,
        "quote_lang": claim.quote_lang,
        "statement_lang": claim.statement_lang,
        "attribution": claim.attribution.value,
        "speaker": claim.speaker.slug if claim.speaker else None,
        "speaker_description": claim.speaker_description,
        "relayed_by": claim.relayed_by.slug if claim.relayed_by else None,
        "relayed_by_description": claim.relayed_by_description,
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


# --- reading ------------------------------------------------------------------------------


def load(text: str) -> Any:
    """The file's JSON. Raises FormatError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(_("The file is not valid JSON: %(error)s.", error=error)) from None
    except RecursionError:
        raise FormatError(_("The file is not valid JSON: it is nested too deeply.")) from None


def _list(data: dict, name: str) -> list:
    value = data.get(name) or []
    if not isinstance(value, list):
        raise FormatError(_('"%(name)s" must be a list.', name=name))
    return value


def _rows(items: list, section: str, identifier: str) -> list[Row]:
    rows = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            rows.append(Row(f"{section} #{index}", {}))
            continue
        name = item.get(identifier)
        where = f'{section} "{name}"' if isinstance(name, str) and name else f"{section} #{index}"
        rows.append(Row(where, item))
    return rows


def read(data: Any) -> Document:
    """The rows of a Claimline JSON document. Raises FormatError."""
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise FormatError(
            _(
                'This is not a Claimline dossier: expected an object with a "claims" list '
                "(as /dossiers/<slug>/claims.json exports)."
            )
        )
    if data.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise FormatError(
            _(
                'Unknown format "%(format)s"; expected "%(expected)s".',
                format=data.get("format"),
                expected=FORMAT_NAME,
            )
        )
    dossier = data.get("dossier")
    return Document(
        format="json",
        dossier=dossier if isinstance(dossier, dict) else None,
        sources=_rows(_list(data, "sources"), "source", "key"),
        entities=_rows(_list(data, "entities"), "entity", "slug"),
        claims=_rows(_list(data, "claims"), "claim", "key"),
        relations=_rows(_list(data, "relations"), "relation", "from"),
    )
