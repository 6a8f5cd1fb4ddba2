"""Writing claims: one path for the form, the API, imports and seed files."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from fuzzy_date import FuzzyDate, from_edtf
from i18n import _
from models import (
    Claim,
    ClaimRelation,
    Dossier,
    Entity,
    Revision,
    RevisionAction,
    Source,
    Tag,
    User,
)
from models.base import utcnow
from models.vocabulary import Attribution, RelationType, Status, tag_key
from services.editing import (
    bulk_lookups,
    entity_writes,
    markdown_render,
    revisions,
    source_writes,
)
from services.editing.revisions import StaleVersion

__all__ = [
    "ClaimInput",
    "RelationInput",
    "StaleVersion",
    "create_claim",
    "delete_claim",
    "restore_revision",
    "update_claim",
]


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
    statement_lang: str | None = None  # None: the dossier's statement language
    locator: int | None = None
    notes: str = ""
    speaker: Entity | None = None
    speaker_description: str | None = None
    relayed_by: Entity | None = None
    relayed_by_description: str | None = None
    via: Source | None = None
    event_date: FuzzyDate | None = None
    tags: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[RelationInput] = field(default_factory=list)
    key: str | None = None


def resolve_tags(session: Session, names: list[str]) -> list[Tag]:
    """Existing tags by case-insensitive name, and new ones for the rest (added, not flushed)."""
    wanted: dict[str, str] = {}
    for name in names:
        name = " ".join(name.split())
        if name and tag_key(name) not in wanted:
            wanted[tag_key(name)] = name
    # In a bulk write the memo also holds the tags created but not yet flushed.
    known = bulk_lookups.table(session, "tags")
    if known is None:
        known = {}
    missing = [key for key in wanted if key not in known]
    if missing:
        known.update(
            (tag.key, tag) for tag in session.scalars(select(Tag).where(Tag.key.in_(missing)))
        )
    tags = []
    for key, name in wanted.items():
        tag = known.get(key)
        if tag is None:
            tag = known[key] = Tag(name=name, key=key)
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
    claim.statement_lang = data.statement_lang
    claim.locator = data.locator
    if claim.notes != data.notes or claim.notes_html is None:
        claim.notes = data.notes
        claim.notes_html = markdown_render.render(data.notes)
    claim.attribution = data.attribution
    claim.speaker = data.speaker
    claim.speaker_description = data.speaker_description
    claim.relayed_by = data.relayed_by
    claim.relayed_by_description = data.relayed_by_description
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


def _unique(items: list) -> list:
    seen, result = set(), []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            result.append(item)
    return result


def load_for_edit(session: Session, claim_id: int, include_deleted: bool = False) -> Claim | None:
    """A claim with the collections that editing reads and writes loaded."""
    statement = (
        select(Claim)
        .where(Claim.id == claim_id)
        .options(
            selectinload(Claim.tags),
            selectinload(Claim.entities),
            selectinload(Claim.relations_out).joinedload(ClaimRelation.to_claim),
            joinedload(Claim.dossier),
        )
    )
    if not include_deleted:
        statement = statement.where(Claim.deleted_at.is_(None))
    return session.scalars(statement).unique().one_or_none()


def create_claim(session: Session, dossier: Dossier, data: ClaimInput, user: User | None) -> Claim:
    """Add a claim and its first revision. Flushes."""
    add_new_references(session, data, user)
    claim = new_claim(dossier)
    session.add(claim)
    apply(session, claim, data)
    revisions.record(session, claim, None, user)
    return claim


def add_new_references(session: Session, data: ClaimInput, user: User | None) -> None:
    """Save the sources and entities a claim form created inline, each with its revision."""
    for source in _unsaved([data.source, data.via]):
        session.add(source)
        source_writes.add_created(session, source, user)
    for entity in _unsaved([data.speaker, data.relayed_by, *data.entities]):
        session.add(entity)
        revisions.record(session, entity, None, user)


def _unsaved(objects: list) -> list:
    """The objects not saved yet, each once."""
    return _unique([obj for obj in objects if obj is not None and obj.id is None])


def _check_version(claim: Claim, expected_version: int | None) -> None:
    revisions.check_version(claim, expected_version)


def _record_checked(session: Session, claim: Claim, before, user, action=None, summary=""):
    # The UPDATE carries "WHERE version = <loaded>": a write that raced ours matches no row.
    return revisions.record_checked(
        session,
        claim,
        before,
        user,
        action,
        summary,
        reload=lambda claim_id: load_for_edit(session, claim_id, include_deleted=True),
    )


def update_claim(
    session: Session,
    claim: Claim,
    data: ClaimInput,
    user: User | None,
    expected_version: int | None,
) -> Revision | None:
    """Change a claim if it is still at `expected_version`; returns the revision, or None when
    nothing changed. Raises StaleVersion. Flushes."""
    _check_version(claim, expected_version)
    before = revisions.snapshot(claim)
    add_new_references(session, data, user)
    apply(session, claim, data)
    return _record_checked(session, claim, before, user)


def delete_claim(
    session: Session, claim: Claim, user: User | None, expected_version: int | None
) -> Revision:
    """Soft-delete: the claim leaves every listing but stays in history and can be restored."""
    _check_version(claim, expected_version)
    before = revisions.snapshot(claim)
    claim.deleted_at = utcnow()
    return _record_checked(session, claim, before, user, RevisionAction.DELETE)


def restore_revision(
    session: Session,
    claim: Claim,
    revision: Revision,
    user: User | None,
    expected_version: int | None = None,
) -> Revision | None:
    """Bring a claim back to the state of one of its revisions, as a new revision.

    Restoring a revision of a deleted claim undeletes it. References to sources, entities or
    claims that no longer exist are dropped rather than failing the restore. Raises
    StaleVersion if the claim is no longer at `expected_version`.
    """
    if revision.object_type != "claim" or revision.object_id != claim.id:
        raise ValueError("that revision belongs to another object")
    _check_version(claim, expected_version)
    before = revisions.snapshot(claim)
    apply(session, claim, input_from_snapshot(session, claim, revision.snapshot))
    if revision.snapshot.get("deleted"):
        claim.deleted_at = claim.deleted_at or utcnow()
    else:
        claim.deleted_at = None
    action = RevisionAction.RESTORE
    summary = f"restored version {revision.version}"
    return _record_checked(session, claim, before, user, action, summary)


def input_from_snapshot(session: Session, claim: Claim, snapshot: dict) -> ClaimInput:
    """Rebuild editable fields from a revision snapshot, resolving ids to current objects."""
    source = session.get(Source, snapshot["source_id"]) or claim.source
    targets = {
        target.id: target
        for target in session.scalars(
            select(Claim).where(Claim.id.in_([to_id for _, to_id, _ in snapshot["relations"]]))
        )
    }
    return ClaimInput(
        key=claim.key,
        statement=snapshot["statement"],
        quote=snapshot["quote"],
        quote_lang=snapshot["quote_lang"],
        # Revisions recorded before statements had a language (0011) have no key.
        statement_lang=snapshot.get("statement_lang"),
        locator=snapshot["locator"],
        notes=snapshot["notes"],
        attribution=Attribution(snapshot["attribution"]),
        speaker=_entity(session, snapshot["speaker_id"]),
        speaker_description=snapshot["speaker_description"],
        # Revisions recorded before the relay existed have neither key.
        relayed_by=_entity(session, snapshot.get("relayed_by_id")),
        relayed_by_description=snapshot.get("relayed_by_description"),
        via=session.get(Source, snapshot["via_id"]) if snapshot["via_id"] else None,
        source=source,
        event_date=from_edtf(snapshot["event_date"]) if snapshot["event_date"] else None,
        stated_date=from_edtf(snapshot["stated_date"]),
        confidence=snapshot["confidence"],
        status=Status(snapshot["status"]),
        tags=list(snapshot["tags"]),
        entities=[
            entity
            for entity in (_entity(session, entity_id) for entity_id in snapshot["entity_ids"])
            if entity is not None
        ],
        relations=[
            RelationInput(RelationType(type_name), targets[to_id], note)
            for type_name, to_id, note in snapshot["relations"]
            if to_id in targets
        ],
    )


def _entity(session: Session, entity_id: int | None) -> Entity | None:
    """An entity by id, following merges so a restore names the entity that was kept."""
    if entity_id is None:
        return None
    return entity_writes.current(session.get(Entity, entity_id), session)


def snapshot_input(data: ClaimInput) -> dict:
    """A ClaimInput in the shape of a revision snapshot, to compare with a saved claim.
    Sources and entities not saved yet have no id; `pending_names` describes them."""
    return {
        "statement": data.statement,
        "quote": data.quote,
        "quote_lang": data.quote_lang,
        "statement_lang": data.statement_lang,
        "locator": data.locator,
        "notes": data.notes,
        "attribution": data.attribution.value,
        "speaker_id": data.speaker.id if data.speaker else None,
        "speaker_description": data.speaker_description,
        "relayed_by_id": data.relayed_by.id if data.relayed_by else None,
        "relayed_by_description": data.relayed_by_description,
        "via_id": data.via.id if data.via else None,
        "source_id": data.source.id,
        "event_date": data.event_date.edtf if data.event_date else None,
        "stated_date": data.stated_date.edtf,
        "confidence": data.confidence,
        "status": data.status.value,
        "tags": sorted((" ".join(name.split()) for name in data.tags), key=tag_key),
        "entity_ids": sorted(entity.id for entity in data.entities if entity.id),
        "relations": sorted(
            [relation.type.value, relation.target.id, relation.note] for relation in data.relations
        ),
    }


def pending_names(data: ClaimInput) -> dict[str, str]:
    names: dict[str, str] = {}
    if data.source.id is None:
        names["source_id"] = _("%(title)s (new source)", title=data.source.title)
    if data.via is not None and data.via.id is None:
        names["via_id"] = _("%(title)s (new source)", title=data.via.title)
    if data.speaker is not None and data.speaker.id is None:
        names["speaker_id"] = _("%(name)s (new)", name=data.speaker.name)
    if data.relayed_by is not None and data.relayed_by.id is None:
        names["relayed_by_id"] = _("%(name)s (new)", name=data.relayed_by.name)
    return names
