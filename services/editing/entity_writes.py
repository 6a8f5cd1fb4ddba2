"""Writing entities: parse raw fields, create, edit, soft-delete, restore and merge duplicates.

Every change leaves a revision. A merge moves every reference (claims' speaker and the
names they mention) from the duplicate to the entity kept, and records a MERGE on both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from i18n import N_, _, ngettext
from models import (
    Claim,
    ClaimRelation,
    Entity,
    Revision,
    RevisionAction,
    User,
    claim_entities,
)
from models.base import utcnow
from models.limits import (
    ENTITY_ALIASES_MAX,
    ENTITY_DESCRIPTION_MAX,
    ENTITY_NAME_MAX,
    ENTITY_SLUG_MAX,
)
from models.vocabulary import EntityKind
from services.editing import bulk_lookups, field_values, revisions
from services.editing.field_values import FieldReader

ENTITY_FIELDS = ("name", "kind", "description", "aliases", "member_of")


@dataclass
class EntityInput:
    name: str
    kind: EntityKind
    description: str = ""
    aliases: list[str] = field(default_factory=list)
    member_of: str | None = None  # the slug of the organisation it belongs to


@dataclass
class MergeResult:
    kept: Entity
    claims_changed: int


class EntityInUse(ValueError):
    """An entity that live claims still name cannot be deleted; merge it instead."""


class MergeError(ValueError):
    """Two entities that cannot be merged (the same one, or one already merged)."""


class MembershipError(ValueError):
    """An organisation an entity cannot belong to: unknown, itself, a person, or a loop."""


def parse_entity(
    raw: Mapping[str, Any], prefix: str = ""
) -> tuple[EntityInput | None, dict[str, str]]:
    """Raw field values (form, JSON or CSV) to an EntityInput, or None and {field: message}."""
    read = FieldReader(raw, prefix)
    name = read("name", field_values.text, N_("name"), ENTITY_NAME_MAX, required=True)
    kind = read("kind", field_values.choice, EntityKind, N_("kind"))
    description = read("description", field_values.text, N_("description"), ENTITY_DESCRIPTION_MAX)
    aliases = read("aliases", field_values.name_list, N_("other names"), ENTITY_NAME_MAX)
    if aliases is not None and len(aliases) > ENTITY_ALIASES_MAX:
        read.errors[prefix + "aliases"] = _(
            "Give at most %(most)s other names.", most=ENTITY_ALIASES_MAX
        )
    member_of = read("member_of", field_values.text, N_("organisation"), ENTITY_SLUG_MAX)
    if read.errors:
        return None, read.errors
    unique_aliases = list(dict.fromkeys(alias for alias in aliases if alias != name))
    return EntityInput(name, kind, description or "", unique_aliases, member_of or None), {}


def organisation_for(
    session: Session,
    data: EntityInput,
    entity: Entity | None,
    known: Mapping[str, Entity] | None = None,
) -> Entity | None:
    """The entity `data` says `entity` belongs to (looked up in `known` first, then stored),
    or None. Raises MembershipError with a message for the member_of field."""
    if not data.member_of:
        return None
    organisation = (known or {}).get(data.member_of) or by_slug(session, data.member_of)
    if organisation is None:
        raise MembershipError(_('There is no entity "%(slug)s" to belong to.', slug=data.member_of))
    if organisation.kind == EntityKind.PERSON:
        raise MembershipError(
            _(
                "%(name)s is a person; an entity belongs to an organisation, "
                "government, agency or outlet.",
                name=organisation.name,
            )
        )
    above: Entity | None = organisation
    for _step in range(100):  # a chain of organisations, walked until it ends or loops back
        if above is None:
            return organisation
        if above is entity or (entity is not None and above.id == entity.id):
            raise MembershipError(
                _("An entity cannot belong to itself, directly or through another organisation.")
            )
        above = above.member_of
    raise MembershipError(_("That chain of organisations is too long."))


def raw_from_entity(entity: Entity) -> dict[str, Any]:
    """An entity's current values in the shape parse_entity reads."""
    return {
        "name": entity.name,
        "kind": entity.kind.value,
        "description": entity.description,
        "aliases": ", ".join(entity.aliases),
        "member_of": entity.member_of.slug if entity.member_of else None,
    }


def slugify(name: str) -> str:
    """An address-friendly form of a name: "C.C. Wei" becomes "c-c-wei"."""
    return field_values.slug_from(name, ENTITY_SLUG_MAX, "entity")


def unique_slug(session: Session, name: str) -> str:
    """A slug for `name` that no entity has, adding -2, -3... when needed."""
    base = slugify(name)
    taken = set(
        session.scalars(
            select(Entity.slug).where((Entity.slug == base) | Entity.slug.like(f"{base}-%"))
        )
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def apply(entity: Entity, data: EntityInput, organisation: Entity | None = None) -> None:
    """Set the entity's fields; `organisation` is what organisation_for found for it."""
    entity.name = data.name
    entity.kind = data.kind
    entity.description = data.description
    entity.aliases = list(data.aliases)
    entity.member_of = organisation


def new_entity(session: Session, data: EntityInput) -> Entity:
    """An entity not yet in the session, with a free slug. Raises MembershipError."""
    entity = Entity(slug=unique_slug(session, data.name), aliases=[])
    apply(entity, data, organisation_for(session, data, None))
    return entity


def create_entity(session: Session, data: EntityInput, user: User | None) -> Entity:
    """Add an entity and its first revision. Raises MembershipError. Flushes."""
    entity = new_entity(session, data)
    session.add(entity)
    revisions.record(session, entity, None, user)
    return entity


def update_entity(
    session: Session,
    entity: Entity,
    data: EntityInput,
    user: User | None,
    expected_version: int | None,
) -> Revision | None:
    """Change an entity if it is still at `expected_version`. Raises StaleVersion or
    MembershipError. Flushes."""
    revisions.check_version(entity, expected_version)
    organisation = organisation_for(session, data, entity)
    before = revisions.snapshot(entity)
    apply(entity, data, organisation)
    return revisions.record_checked(session, entity, before, user)


def delete_entity(
    session: Session, entity: Entity, user: User | None, expected_version: int | None
) -> Revision | None:
    """Soft-delete an entity no live claim names. Raises EntityInUse or StaleVersion."""
    revisions.check_version(entity, expected_version)
    naming = len(_claims_naming(session, [entity.id]))
    if naming:
        raise EntityInUse(
            ngettext(
                "%(total)s claim name this entity; merge it into another instead.",
                "%(total)s claims name this entity; merge it into another instead.",
                naming,
                total=naming,
            )
        )
    before = revisions.snapshot(entity)
    entity.deleted_at = utcnow()
    return revisions.record_checked(session, entity, before, user, RevisionAction.DELETE)


def merge_entities(
    session: Session, duplicate: Entity, kept: Entity, user: User | None
) -> MergeResult:
    """Fold `duplicate` into `kept`: claims that name the duplicate (as speaker or mention)
    name `kept` instead, its names become aliases, and it is marked merged. Each changed
    claim gets a revision; both entities get a MERGE revision. Raises MergeError. Flushes."""
    if duplicate.id == kept.id:
        raise MergeError(_("Choose two different entities."))
    if duplicate.deleted_at is not None or kept.deleted_at is not None:
        raise MergeError(_("Only live entities can be merged."))
    claims = _claims_naming(session, [duplicate.id])
    befores = {claim.id: revisions.snapshot(claim) for claim in claims}
    for claim in claims:
        if claim.speaker_id == duplicate.id:
            claim.speaker = kept
        if claim.relayed_by_id == duplicate.id:
            claim.relayed_by = kept
        if any(entity.id == duplicate.id for entity in claim.entities):
            claim.entities = _without(claim.entities, duplicate, kept)
    kept_before, duplicate_before = revisions.snapshot(kept), revisions.snapshot(duplicate)
    kept.aliases = list(
        dict.fromkeys(
            alias
            for alias in [*kept.aliases, duplicate.name, *duplicate.aliases]
            if alias != kept.name
        )
    )
    members = session.scalars(select(Entity).where(Entity.member_of_id == duplicate.id)).all()
    member_befores = {member.id: revisions.snapshot(member) for member in members}
    for member in members:  # who belonged to the duplicate belongs to the entity kept
        member.member_of = kept if member.id != kept.id else None
    duplicate.merged_into_id = kept.id
    duplicate.deleted_at = utcnow()
    summary = f"merged {duplicate.name} ({duplicate.slug}) into {kept.name} ({kept.slug})"
    for claim in claims:
        revisions.record(session, claim, befores[claim.id], user, summary=summary)
    for member in members:
        revisions.record(session, member, member_befores[member.id], user, summary=summary)
    revisions.record(session, kept, kept_before, user, RevisionAction.MERGE, summary)
    revisions.record(session, duplicate, duplicate_before, user, RevisionAction.MERGE, summary)
    return MergeResult(kept, len(claims))


def merge_by_slugs(
    session: Session, duplicate_slug: str, kept_slug: str, user: User | None
) -> MergeResult:
    """merge_entities for two live entities named by slug. Raises MergeError."""
    duplicate = by_slug(session, duplicate_slug, follow_merges=False)
    kept = by_slug(session, kept_slug, follow_merges=False)
    if duplicate is None or kept is None:
        raise MergeError(_("Choose two entities from the lists."))
    return merge_entities(session, duplicate, kept, user)


def _without(entities: list[Entity], duplicate: Entity, kept: Entity) -> list[Entity]:
    result = [entity for entity in entities if entity.id != duplicate.id]
    if all(entity.id != kept.id for entity in result):
        result.append(kept)
    return sorted(result, key=lambda entity: entity.name)


def _claims_naming(session: Session, entity_ids: list[int]) -> list[Claim]:
    """Claims (deleted ones too, so a restore finds the right entity) that name the entities,
    with what a revision snapshot reads loaded."""
    mentioning = select(claim_entities.c.claim_id).where(claim_entities.c.entity_id.in_(entity_ids))
    return list(
        session.scalars(
            select(Claim)
            .where(
                Claim.speaker_id.in_(entity_ids)
                | Claim.relayed_by_id.in_(entity_ids)
                | Claim.id.in_(mentioning)
            )
            .options(
                selectinload(Claim.tags),
                selectinload(Claim.entities),
                selectinload(Claim.relations_out).joinedload(ClaimRelation.to_claim),
                joinedload(Claim.dossier),
                joinedload(Claim.speaker),
                joinedload(Claim.relayed_by),
                joinedload(Claim.source),
                joinedload(Claim.via),
            )
            .order_by(Claim.id)
        ).unique()
    )


def current(entity: Entity | None, session: Session) -> Entity | None:
    """The entity a reference should point to now: the one a merged duplicate went into."""
    seen = set()
    while entity is not None and entity.merged_into_id and entity.id not in seen:
        seen.add(entity.id)
        entity = session.get(Entity, entity.merged_into_id)
    return entity


def by_slug(session: Session, slug: str, follow_merges: bool = True) -> Entity | None:
    """A live entity by slug; a merged duplicate's slug gives the entity it went into."""
    memo = bulk_lookups.table(session, "entities")
    if memo is not None and (slug, follow_merges) in memo:
        return memo[slug, follow_merges]
    entity = session.scalar(select(Entity).where(Entity.slug == slug))
    if follow_merges:
        entity = current(entity, session)
    if entity is None or entity.deleted_at is not None:
        return None
    if memo is not None:
        memo[slug, follow_merges] = entity
    return entity


def organisations(session: Session) -> list[Entity]:
    """Every live entity another can belong to (all but people), by name, for pickers."""
    return [entity for entity in live(session) if entity.kind != EntityKind.PERSON]


def live(session: Session) -> list[Entity]:
    """Every live entity, by name, for pickers."""
    return list(
        session.scalars(
            select(Entity).where(Entity.deleted_at.is_(None)).order_by(func.lower(Entity.name))
        )
    )
