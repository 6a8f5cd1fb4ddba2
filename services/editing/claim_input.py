"""Reading a claim's raw fields into a ClaimInput: one reading for the form, the JSON API and
CSV imports, so all three accept and refuse the same things with the same words.

In: a plain mapping of the API's field names to raw values (text from a form or a CSV cell,
or JSON values). `source` and `speaker` may also be mappings describing a new source or
entity. Out: a ClaimInput, or None and {field: message}; nested fields are named
"source.title", "speaker.name", "relations.0.claim". Nothing here raises for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fuzzy_date import FuzzyDate
from models import Claim, Dossier, Entity, Source
from models.claim import NOTES_MAX, QUOTE_MAX, STATEMENT_MAX, TAGS_MAX
from models.vocabulary import Attribution, RelationType, Status, likelihood
from services.editing import entity_writes, field_values, markdown_render, source_writes
from services.editing.claim_writes import ClaimInput, RelationInput, tag_key
from services.editing.field_values import FieldError, FieldReader
from services.reading import search

FIELDS = (
    "statement",
    "quote",
    "quote_lang",
    "attribution",
    "speaker",
    "speaker_description",
    "via",
    "source",
    "locator",
    "event_date",
    "stated_date",
    "confidence",
    "status",
    "tags",
    "notes",
    "entities",
    "relations",
)
SPEAKER_DESCRIPTION_MAX = 300
TAG_NAME_MAX = 60
LOCATOR_MAX = 100_000
RELATION_NOTE_MAX = 1000
RELATIONS_MAX = 50
# "873", "#873", "873 — Broadcom is..." name claim 873; "2024 plans" and "2024-06" do not.
_CLAIM_NUMBER = re.compile(r"#?([0-9]{1,9})(?:\s*[:—–-]\s.*)?", re.DOTALL)


# --- single fields, needing nothing but their value (the form's validate_<field> use these) --


def statement(value: Any) -> str:
    return field_values.text(value, "statement", STATEMENT_MAX, required=True)


def quote(value: Any) -> str:
    return field_values.text(value, "quote", QUOTE_MAX, multiline=True)


def notes(value: Any) -> str:
    return field_values.text(value, "notes", NOTES_MAX, multiline=True)


def quote_lang(value: Any) -> str | None:
    return field_values.language_tag(value, "quote's language")


def speaker_description(value: Any) -> str | None:
    return field_values.optional_text(value, "speaker description", SPEAKER_DESCRIPTION_MAX)


def locator(value: Any) -> int | None:
    return field_values.whole_number(value, "paragraph number", 1, LOCATOR_MAX, 12)


def confidence(value: Any) -> int:
    number = field_values.whole_number(value, "confidence", 0, 100, 70)
    if number is None:
        raise FieldError('Enter the confidence, a whole number from 0 to 100, like "70".')
    return number


def attribution(value: Any) -> Attribution:
    return field_values.choice(value, Attribution, "kind of attribution")


def status(value: Any) -> Status:
    return field_values.choice(value, Status, "status", Status.UNVERIFIED)


def tags(value: Any) -> list[str]:
    names = field_values.name_list(value, "tags", TAG_NAME_MAX)
    distinct: dict[str, str] = {}
    for name in names:
        distinct.setdefault(tag_key(name), name)
    if len(distinct) > TAGS_MAX:
        raise FieldError(f"A claim can have at most {TAGS_MAX} tags; this has {len(distinct)}.")
    return list(distinct.values())


# --- the whole claim -----------------------------------------------------------------------


@dataclass
class Parsed:
    """What could be read of each field, and a message for each field that could not."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def claim_input(self) -> ClaimInput | None:
        if self.errors:
            return None
        values = self.values
        return ClaimInput(
            statement=values["statement"],
            attribution=values["attribution"],
            source=values["source"],
            stated_date=values["stated_date"],
            confidence=values["confidence"],
            status=values["status"],
            quote=values["quote"],
            quote_lang=values["quote_lang"] if values["quote"] else None,
            locator=values["locator"],
            notes=values["notes"],
            speaker=values["speaker"],
            speaker_description=values["speaker_description"],
            via=values["via"],
            event_date=values["event_date"],
            tags=values["tags"],
            entities=values["entities"],
            relations=values["relations"],
        )


def parse(
    session: Session, dossier: Dossier, raw: Mapping[str, Any], claim: Claim | None = None
) -> tuple[ClaimInput | None, dict[str, str]]:
    """Raw fields to a ClaimInput, or None and {field: message}. `claim` is the claim being
    edited, if any (it cannot be related to itself). New sources and entities come back
    unsaved; claim_writes saves them with the claim."""
    parsed = parse_fields(session, dossier, raw, claim)
    return parsed.claim_input(), parsed.errors


def parse_fields(
    session: Session, dossier: Dossier, raw: Mapping[str, Any], claim: Claim | None = None
) -> Parsed:
    """Read every field it can, so a preview shows the readings even while some are wrong."""
    read = FieldReader(raw)
    values: dict[str, Any] = {
        "statement": read("statement", statement),
        "quote": read("quote", quote),
        "quote_lang": read("quote_lang", quote_lang),
        "attribution": read("attribution", attribution),
        "speaker_description": read("speaker_description", speaker_description),
        "locator": read("locator", locator),
        "confidence": read("confidence", confidence),
        "status": read("status", status),
        "tags": read("tags", tags),
        "notes": read("notes", notes),
        "source": _source(read, session, dossier),
        "speaker": _speaker(read, session),
        "entities": read("entities", _entities, session),
        "relations": _relations(read, session, dossier, claim),
    }
    values["via"] = read("via", _existing_source, session, dossier, "outlet credited")
    if values["via"] is not None and values["via"] is values["source"]:
        read.errors["via"] = "Via names the outlet the source credits, not the source itself."
    reference = values["source"].published if values["source"] is not None else None
    values["event_date"] = read("event_date", field_values.fuzzy_date, "event date", reference)
    values["stated_date"] = read(
        "stated_date", field_values.fuzzy_date, "date it was said", reference, required=True
    )
    return Parsed(values, read.errors)


def _source(read: FieldReader, session: Session, dossier: Dossier) -> Source | None:
    value = read.raw.get("source")
    if isinstance(value, Mapping):
        data, errors = source_writes.parse_source(value, prefix="source.")
        read.errors.update(errors)
        return source_writes.new_source(dossier, data) if data else None
    return read("source", _existing_source, session, dossier, "source", required=True)


def _existing_source(
    value: Any, session: Session, dossier: Dossier, label: str, required: bool = False
) -> Source | None:
    text = field_values.as_text(value)
    if not text:
        if required:
            raise FieldError(f"Choose the {label}, or add a new source.")
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise FieldError(f"Choose the {label} from the list.")
    source = session.get(Source, int(text))
    if source is None or source.dossier_id != dossier.id:
        raise FieldError(f"There is no source {text} in this dossier; choose one from the list.")
    if source.deleted_at is not None:
        raise FieldError(f"Source {text} was deleted; choose another.")
    return source


def _speaker(read: FieldReader, session: Session) -> Entity | None:
    value = read.raw.get("speaker")
    if not isinstance(value, Mapping):
        return read("speaker", _entity, session)
    data, errors = entity_writes.parse_entity(value, prefix="speaker.")
    read.errors.update(errors)
    if data is None:
        return None
    same_name = session.scalar(
        select(Entity).where(
            func.lower(Entity.name) == data.name.lower(), Entity.deleted_at.is_(None)
        )
    )
    if same_name is not None:
        read.errors["speaker.name"] = (
            f"There is already an entity called {same_name.name}; choose it from the list."
        )
        return None
    return entity_writes.new_entity(session, data)


def _entity(value: Any, session: Session) -> Entity | None:
    slug = field_values.as_text(value)
    if not slug:
        return None
    entity = entity_writes.by_slug(session, slug)
    if entity is None:
        raise FieldError(f'There is no entity "{slug[:60]}"; choose one from the list.')
    return entity


def _entities(value: Any, session: Session) -> list[Entity]:
    slugs = field_values.name_list(value, "names mentioned", 100)
    found = {slug: entity_writes.by_slug(session, slug) for slug in dict.fromkeys(slugs)}
    unknown = [slug for slug, entity in found.items() if entity is None]
    if unknown:
        raise FieldError(
            "There is no entity " + ", ".join(f'"{slug[:40]}"' for slug in unknown[:5]) + "."
        )
    return list({entity.id: entity for entity in found.values()}.values())


def _relations(
    read: FieldReader, session: Session, dossier: Dossier, claim: Claim | None
) -> list[RelationInput]:
    items = read.raw.get("relations") or []
    if not isinstance(items, list | tuple):
        read.errors["relations"] = "Give the related claims as a list."
        return []
    if len(items) > RELATIONS_MAX:
        read.errors["relations"] = f"A claim can have at most {RELATIONS_MAX} related claims."
        return []
    relations, seen = [], set()
    for index, item in enumerate(items):
        prefix = f"relations.{index}."
        if not isinstance(item, Mapping):
            read.errors[f"relations.{index}"] = "Give each related claim as named fields."
            continue
        if all(_blank(value) for value in item.values()):
            continue  # an empty row of the form
        row = FieldReader(item, prefix)
        kind = row("type", field_values.choice, RelationType, "kind of relation")
        target = row("claim", _related_claim, session, dossier, claim)
        note = row("note", field_values.text, "note", RELATION_NOTE_MAX)
        if kind is not None and target is not None and (kind, target.id) in seen:
            row.errors[prefix + "claim"] = "This relation is listed twice."
        read.errors.update(row.errors)
        if not row.errors:
            seen.add((kind, target.id))
            relations.append(RelationInput(kind, target, note or ""))
    return relations


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _related_claim(value: Any, session: Session, dossier: Dossier, claim: Claim | None) -> Claim:
    text = field_values.as_text(value)
    if not text:
        raise FieldError("Say which claim: type its number, or words from its statement.")
    number = _CLAIM_NUMBER.fullmatch(text)
    if number:
        target = session.get(Claim, int(number.group(1)))
        if target is None or target.dossier_id != dossier.id:
            raise FieldError(f"There is no claim {number.group(1)} in this dossier.")
    else:
        target = _claim_by_key_or_words(session, dossier, text)
    if target.deleted_at is not None:
        raise FieldError(f"Claim {target.id} was deleted; restore it first to relate to it.")
    if claim is not None and target.id == claim.id:
        raise FieldError("A claim cannot be related to itself.")
    return target


def _claim_by_key_or_words(session: Session, dossier: Dossier, text: str) -> Claim:
    live = select(Claim).where(Claim.dossier_id == dossier.id, Claim.deleted_at.is_(None))
    by_key = session.scalar(live.where(Claim.key == text))
    if by_key is not None:
        return by_key
    try:
        condition = search.matches(text, session.get_bind().dialect.name)
    except search.SearchError:
        raise FieldError("Type the claim's number, or words from its statement.") from None
    found = list(session.scalars(live.where(condition).order_by(Claim.id).limit(4)))
    if not found:
        raise FieldError(f'No claim in this dossier matches "{text[:60]}".')
    if len(found) > 1:
        examples = "; ".join(f"{c.id} ({c.statement[:50]}…)" for c in found[:3])
        raise FieldError(
            f'Several claims match "{text[:40]}". Type the number of the one you mean: {examples}.'
        )
    return found[0]


# --- readings shown before saving ----------------------------------------------------------


@dataclass
class Preview:
    """How the server reads what was typed: shown by the form's Preview button."""

    event_date: FuzzyDate | None
    stated_date: FuzzyDate | None
    confidence: int | None
    confidence_words: str
    notes_html: str
    relations: list[RelationInput]


def preview(parsed: Parsed) -> Preview:
    values = parsed.values
    number = values.get("confidence")
    return Preview(
        event_date=values.get("event_date"),
        stated_date=values.get("stated_date"),
        confidence=number,
        confidence_words=likelihood(number) if number is not None else "",
        notes_html=markdown_render.render(values.get("notes") or ""),
        relations=values.get("relations") or [],
    )


def read_date(
    session: Session, text: Any, source_id: Any = None, published: Any = None
) -> FuzzyDate | None:
    """One date field as the form reads it, against the chosen source's publication date
    (or the date typed for a new source). Raises FieldError; None when empty."""
    reference = None
    source_text = field_values.as_text(source_id)
    if source_text.isascii() and source_text.isdigit() and len(source_text) <= 9:
        source = session.get(Source, int(source_text))
        reference = source.published if source is not None else None
    elif published:
        try:
            reference = field_values.fuzzy_date(published, "publication date")
        except FieldError:
            reference = None
    return field_values.fuzzy_date(text, "date", reference)


# --- a saved claim as raw fields -------------------------------------------------------------


def raw_from_claim(claim: Claim) -> dict[str, Any]:
    """A claim's values in the shape `parse` reads: what an edit form starts from. The
    claim's collections must be loaded (claim_writes.load_for_edit)."""
    return {
        "statement": claim.statement,
        "quote": claim.quote,
        "quote_lang": claim.quote_lang or "",
        "attribution": claim.attribution.value,
        "speaker": claim.speaker.slug if claim.speaker else "",
        "speaker_description": claim.speaker_description or "",
        "via": str(claim.via_id) if claim.via_id else "",
        "source": str(claim.source_id),
        "locator": str(claim.locator) if claim.locator else "",
        "event_date": source_writes.date_text(claim.event_date),
        "stated_date": source_writes.date_text(claim.stated_date),
        "confidence": str(claim.confidence),
        "status": claim.status.value,
        "tags": ", ".join(tag.name for tag in claim.tags),
        "notes": claim.notes,
        "entities": [entity.slug for entity in claim.entities],
        "relations": [
            {
                "type": relation.type.value,
                "claim": claim_reference(relation.to_claim),
                "note": relation.note,
            }
            for relation in claim.relations_out
        ],
    }


def claim_reference(claim: Claim) -> str:
    """How a form names a related claim: its number, then the start of its statement."""
    statement_start = claim.statement if len(claim.statement) <= 70 else claim.statement[:69] + "…"
    return f"{claim.id} — {statement_start}"


# Snapshot names (services.revisions) of the fields whose raw names differ.
SNAPSHOT_FIELDS = {
    "source_id": "source",
    "via_id": "via",
    "speaker_id": "speaker",
    "entity_ids": "entities",
}


def field_of_snapshot(name: str) -> str:
    """The raw field name for a snapshot field: "source_id" is the "source" field."""
    return SNAPSHOT_FIELDS.get(name, name)


def suggest_claims(session: Session, dossier: Dossier, text: Any, limit: int = 8) -> list[Claim]:
    """Live claims of the dossier whose number or words match, for the relation picker."""
    query = field_values.as_text(text)
    live = select(Claim).where(Claim.dossier_id == dossier.id, Claim.deleted_at.is_(None))
    number = _CLAIM_NUMBER.fullmatch(query)
    if number:
        return list(session.scalars(live.where(Claim.id == int(number.group(1)))))
    try:
        condition = search.matches(query, session.get_bind().dialect.name)
    except search.SearchError:
        return []
    return list(session.scalars(live.where(condition).order_by(Claim.id).limit(limit)))
