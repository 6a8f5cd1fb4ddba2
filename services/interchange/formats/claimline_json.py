"""Claimline JSON ("claimline-dossier"): the whole dossier as one document that imports back
without loss. Its writer (an export) and its reader (an import) live here together."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import ijson
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
# A file is read in two passes over the stream, never whole (issue #17): the first builds
# everything but the claims (the dossier, sources, entities and relations are small), the
# second hands the claims to the import one at a time.

# The parts of a document built in the first pass; "claims" is only checked to be a list.
BUILT = ("format", "format_version", "dossier", "sources", "entities", "relations")


@dataclass
class Outline:
    """What the first pass learnt: each top-level key's first event (its JSON type: "start_array",
    "start_map", "string", ...) and the built values of BUILT."""

    types: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)


def load(text: str) -> Any:
    """Whole JSON text, for the small documents read at once. Raises FormatError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(_("The file is not valid JSON: %(error)s.", error=error)) from None
    except RecursionError:
        raise FormatError(_("The file is not valid JSON: it is nested too deeply.")) from None


def _events(stream: BinaryIO, start: int):
    stream.seek(start)
    return ijson.parse(stream, use_float=True)


def outline(stream: BinaryIO, start: int = 0) -> Outline | None:
    """The document's top level read in one pass from byte `start` (after a BOM); None when the
    file holds JSON but not an object. Raises FormatError for a file that is not JSON."""
    result = Outline()
    try:
        events = _events(stream, start)
        first = next(events, None)
        if first is None or first[1] != "start_map":
            for _event in events:  # a list or a scalar: still report broken JSON as such
                pass
            return None
        key: str = ""
        builder = None
        for prefix, event, value in events:
            if prefix == "":  # the top-level object's own events: a key, or its end
                if builder is not None:
                    result.values[key] = builder.value
                builder = None
                if event == "map_key":
                    key = value
                    result.types[key] = ""
                    builder = ijson.ObjectBuilder() if key in BUILT else None
                continue
            if not result.types[key]:
                result.types[key] = event
            if builder is not None:
                builder.event(event, value)
    except ijson.JSONError as error:
        raise FormatError(_("The file is not valid JSON: %(error)s.", error=error)) from None
    return result


class StreamedClaims:
    """The document's claims, read from the stream each time they are walked."""

    def __init__(self, stream: BinaryIO, start: int):
        self.stream, self.start = stream, start

    def __iter__(self) -> Iterator[Row]:
        self.stream.seek(self.start)
        items = ijson.items(self.stream, "claims.item", use_float=True)
        try:
            for index, item in enumerate(items, start=1):
                yield _row(item, "claim", "key", index)
        except ijson.JSONError as error:  # checked by the first pass: only if the file changed
            raise FormatError(_("The file is not valid JSON: %(error)s.", error=error)) from None


def _list(found: Outline, name: str) -> list:
    value = found.values.get(name) or []
    if not isinstance(value, list):
        raise FormatError(_('"%(name)s" must be a list.', name=name))
    return value


def _row(item: Any, section: str, identifier: str, index: int) -> Row:
    if not isinstance(item, dict):
        return Row(f"{section} #{index}", {})
    name = item.get(identifier)
    where = f'{section} "{name}"' if isinstance(name, str) and name else f"{section} #{index}"
    return Row(where, item)


def _rows(items: list, section: str, identifier: str) -> list[Row]:
    return [_row(item, section, identifier, index) for index, item in enumerate(items, start=1)]


def read(stream: BinaryIO, found: Outline | None, start: int = 0) -> Document:
    """The rows of a Claimline JSON document whose first pass gave `found`; the claims stay
    in `stream`, read when the import walks them. Raises FormatError."""
    if found is None or found.types.get("claims") != "start_array":
        raise FormatError(
            _(
                'This is not a Claimline dossier: expected an object with a "claims" list '
                "(as /dossiers/<slug>/claims.json exports)."
            )
        )
    format_name = found.values.get("format", FORMAT_NAME)
    if format_name != FORMAT_NAME:
        raise FormatError(
            _(
                'Unknown format "%(format)s"; expected "%(expected)s".',
                format=format_name,
                expected=FORMAT_NAME,
            )
        )
    dossier = found.values.get("dossier")
    return Document(
        format="json",
        dossier=dossier if isinstance(dossier, dict) else None,
        sources=_rows(_list(found, "sources"), "source", "key"),
        entities=_rows(_list(found, "entities"), "entity", "slug"),
        claims=StreamedClaims(stream, start),
        relations=_rows(_list(found, "relations"), "relation", "from"),
    )
