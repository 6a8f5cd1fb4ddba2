"""Writing claims: one path for the form, the API, imports and seed files."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Claim, ClaimRelation, Dossier, Entity, Source, Tag
from models.base import utcnow
from models.fuzzy_date import FuzzyDate
from models.vocabulary import Attribution, RelationType, Status
from services import markdown_render


@dataclass
class RelationInput:
    type: RelationType
    target: Claim
    note: str = ""


@dataclass
class ClaimInput:
    """A claim's editable fields, already validated and resolved to objects."""

    statement: str
    attribution: Attribution
    source: Source
    stated_date: FuzzyDate
    confidence: int
    status: Status = Status.UNVERIFIED
    quote: str = ""
    quote_lang: str | None = None
    locator: int | None = None
    notes: str = ""
    speaker: Entity | None = None
    speaker_description: str | None = None
    via: Source | None = None
    event_date: FuzzyDate | None = None
    tags: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[RelationInput] = field(default_factory=list)
    key: str | None = None


def tag_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def resolve_tags(session: Session, names: list[str]) -> list[Tag]:
    """Existing tags by case-insensitive name, and new ones for the rest (added, not flushed)."""
    wanted: dict[str, str] = {}
    for name in names:
        name = " ".join(name.split())
        if name and tag_key(name) not in wanted:
            wanted[tag_key(name)] = name
    existing = {
        tag.key: tag for tag in session.scalars(select(Tag).where(Tag.key.in_(list(wanted))))
    }
    tags = []
    for key, name in wanted.items():
        tag = existing.get(key)
        if tag is None:
            tag = Tag(name=name, key=key)
            session.add(tag)
        tags.append(tag)
    return tags


def apply(session: Session, claim: Claim, data: ClaimInput, relations: bool = True) -> None:
    """Set a claim's fields from `data`; relations only when `relations` is true.

    The claim's collections must be loaded (they are lazy="raise"), or it must be new.
    """
    claim.key = data.key if data.key is not None else claim.key
    claim.statement = data.statement
    claim.quote = data.quote
    claim.quote_lang = data.quote_lang
    claim.locator = data.locator
    if claim.notes != data.notes or claim.notes_html is None:
        claim.notes = data.notes
        claim.notes_html = markdown_render.render(data.notes)
    claim.attribution = data.attribution
    claim.speaker = data.speaker
    claim.speaker_description = data.speaker_description
    claim.via = data.via
    claim.source = data.source
    claim.event_date = data.event_date
    claim.stated_date = data.stated_date
    claim.confidence = data.confidence
    claim.status = data.status
    claim.tags = resolve_tags(session, data.tags)
    claim.entities = _unique(data.entities)
    if relations:
        set_relations(claim, data.relations)


def set_relations(claim: Claim, relations: list[RelationInput]) -> None:
    """Make the claim's outgoing relations exactly `relations`, keeping rows that stay."""
    wanted = {(relation.type, id(relation.target)): relation for relation in relations}
    kept = []
    for existing in claim.relations_out:
        relation = wanted.pop((existing.type, id(existing.to_claim)), None)
        if relation is not None:
            existing.note = relation.note
            kept.append(existing)
    for relation in wanted.values():
        kept.append(ClaimRelation(type=relation.type, to_claim=relation.target, note=relation.note))
    claim.relations_out = kept


def new_claim(dossier: Dossier) -> Claim:
    """An empty claim in a dossier, with its collections initialised."""
    return Claim(dossier=dossier, tags=[], entities=[], relations_out=[])


def touch(dossier: Dossier) -> None:
    """Mark the dossier as changed, so cached pages and ETags move on."""
    dossier.changed_at = utcnow()


def _unique(items: list) -> list:
    seen, result = set(), []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            result.append(item)
    return result
