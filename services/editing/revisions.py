"""Recording revisions: every write to a claim, source, entity or dossier leaves a snapshot
and a diff.

What the history pages make of them is in `revision_display`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.orm.exc import StaleDataError

from models import Claim, Dossier, Entity, Revision, RevisionAction, Source, User
from models.base import utcnow
from models.vocabulary import RelationType


def snapshot_claim(claim: Claim) -> dict[str, Any]:
    """Everything needed to restore a claim, as JSON-ready values."""
    return {
        "statement": claim.statement,
        "quote": claim.quote,
        "quote_lang": claim.quote_lang,
        "statement_lang": claim.statement_lang,
        "locator": claim.locator,
        "notes": claim.notes,
        "attribution": claim.attribution.value,
        "speaker_id": _id(claim.speaker),
        "speaker_description": claim.speaker_description,
        "relayed_by_id": _id(claim.relayed_by),
        "relayed_by_description": claim.relayed_by_description,
        "via_id": _id(claim.via),
        "source_id": _id(claim.source),
        "event_date": claim.event_edtf,
        "stated_date": claim.stated_edtf,
        "confidence": claim.confidence,
        "status": claim.status.value,
        "tags": [tag.name for tag in sorted(claim.tags, key=lambda tag: tag.key)],
        "entity_ids": sorted(entity.id for entity in claim.entities),
        "relations": relations_snapshot(
            (relation.type, _id(relation.to_claim), relation.note)
            for relation in claim.relations_out
        ),
        "deleted": claim.deleted_at is not None,
        "version": claim.version,
    }


def relations_snapshot(
    relations: Iterable[tuple[RelationType, int | None, str]],
) -> list[list[Any]]:
    """A claim's outgoing relations (kind, target id, note) as its snapshot keeps them."""
    return sorted([type_.value, target_id, note] for type_, target_id, note in relations)


def _id(obj) -> int | None:
    # Read ids through relationships: a reference set before the flush has no *_id yet.
    return obj.id if obj is not None else None


def snapshot_source(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "outlet": source.outlet,
        "author": source.author,
        "url": source.url,
        "language": source.language,
        "kind": source.kind.value,
        "published": source.published_edtf,
        "reliability": source.reliability,
        "notes": source.notes,
        "deleted": source.deleted_at is not None,
        "version": source.version,
    }


def snapshot_entity(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "slug": entity.slug,
        "kind": entity.kind.value,
        "description": entity.description,
        "aliases": list(entity.aliases),
        "member_of": entity.member_of.slug if entity.member_of else None,
        "merged_into_id": entity.merged_into_id,
        "deleted": entity.deleted_at is not None,
        "version": entity.version,
    }


def snapshot_dossier(dossier: Dossier) -> dict[str, Any]:
    return {
        "title": dossier.title,
        "slug": dossier.slug,
        "subject": dossier.subject,
        "summary": dossier.summary,
        "methodology": dossier.methodology,
        "visibility": dossier.visibility.value,
        "print_language": dossier.print_language,
        "statement_language": dossier.statement_language,
        "archived": dossier.archived_at is not None,
        "version": dossier.version,
    }


Revised = Claim | Source | Entity | Dossier


def object_type(obj: Revised) -> str:
    return {Claim: "claim", Source: "source", Entity: "entity", Dossier: "dossier"}[type(obj)]


def snapshot(obj: Revised) -> dict[str, Any]:
    if isinstance(obj, Claim):
        return snapshot_claim(obj)
    if isinstance(obj, Source):
        return snapshot_source(obj)
    if isinstance(obj, Dossier):
        return snapshot_dossier(obj)
    return snapshot_entity(obj)


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for every field that changed (all fields for a new object).

    The version is bookkeeping, not content, and never counts as a change.
    """
    before = before or {}
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if name != "version" and before.get(name) != value
    }


def record(
    session: Session,
    obj: Revised,
    before: dict[str, Any] | None,
    user: User | None,
    action: RevisionAction | None = None,
    summary: str = "",
) -> Revision | None:
    """Write a revision if `obj` differs from its `before` snapshot; returns it, or None.

    Any change, even to tags or relations alone, moves `updated_at` and so the row's version
    exactly once, which is what concurrent editors are checked against. Flushes when the
    object has something to write. A dossier counts its versions here (models.dossier says
    why), and its revisions belong to it, so they show among its recent changes.
    """
    after = snapshot(obj)
    changes = diff(before, after)
    if before is not None and not changes:
        return None
    if isinstance(obj, Dossier):
        if before is not None:
            obj.version = before["version"] + 1
    elif before is not None and obj.version == before["version"]:
        obj.updated_at = utcnow()
    state = instance_state(obj)
    if state.pending or state.modified:
        # The id and the version are assigned by the flush. Skipping a flush with nothing of
        # the object's to write lets a bulk import write its revisions in batches.
        session.flush()
        after = snapshot(obj)
        changes = diff(before, after)
    if action is None:
        action = RevisionAction.CREATE if before is None else RevisionAction.UPDATE
    dossier_id = obj.id if isinstance(obj, Dossier) else getattr(obj, "dossier_id", None)
    columns = _columns(object_type(obj), obj.id, dossier_id, action, changes, after, summary)
    revision = Revision(user=user, **columns, version=obj.version)
    session.add(revision)
    return revision


def created_claim_rows(
    created: Iterable[tuple[int, int, dict[str, Any]]], user: User | None, summary: str = ""
) -> list[dict[str, Any]]:
    """The first revision of each claim given as (id, dossier id, snapshot), as rows for a
    Core insert: what `record` writes for a new claim, for claims written in bulk outside the
    session (services.editing.bulk_claims)."""
    moment = utcnow()
    user_id = user.id if user else None
    return [
        {
            **_columns(
                "claim",
                claim_id,
                dossier_id,
                RevisionAction.CREATE,
                diff(None, after),
                after,
                summary,
            ),
            "version": after["version"],
            "user_id": user_id,
            "created_at": moment,
        }  # fmt: skip
        for claim_id, dossier_id, after in created
    ]


def _columns(
    type_name: str,
    object_id: int,
    dossier_id: int | None,
    action: RevisionAction,
    changes: dict[str, list[Any]],
    after: dict[str, Any],
    summary: str,
) -> dict[str, Any]:
    return {
        "object_type": type_name,
        "object_id": object_id,
        "dossier_id": dossier_id,
        "action": action,
        "changes": changes,
        "snapshot": after,
        "summary": summary,
    }


def history(session: Session, type_name: str, object_id: int) -> list[Revision]:
    """An object's revisions, newest first."""
    statement = (
        select(Revision)
        .where(Revision.object_type == type_name, Revision.object_id == object_id)
        .options(joinedload(Revision.user))
        .order_by(Revision.id.desc())
    )
    return list(session.scalars(statement))


# --- optimistic locking -------------------------------------------------------------------


class StaleVersion(Exception):
    """The object changed since the editor loaded it; `current` holds the current version."""

    def __init__(self, current: Revised):
        super().__init__(f"{object_type(current)} {current.id} is at version {current.version}")
        self.current = current


def check_version(obj: Revised, expected_version: int | None) -> None:
    """Raise StaleVersion if the editor loaded another version than the one stored."""
    if expected_version is not None and obj.version != expected_version:
        raise StaleVersion(obj)


def record_checked(
    session: Session,
    obj: Claim | Source | Entity,
    before: dict[str, Any] | None,
    user: User | None,
    action: RevisionAction | None = None,
    summary: str = "",
    reload: Callable[[int], Claim | Source | Entity | None] | None = None,
) -> Revision | None:
    """`record`, turning a write that raced another (the UPDATE's version clause matched no
    row) into StaleVersion carrying the current object, loaded by `reload(id)`."""
    try:
        return record(session, obj, before, user, action, summary)
    except StaleDataError:
        session.rollback()
        current = reload(obj.id) if reload else session.get(type(obj), obj.id)
        if not isinstance(current, Claim | Source | Entity):
            current = obj  # deleted meanwhile: show what the editor had
        raise StaleVersion(current) from None
