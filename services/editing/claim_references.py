"""Reading the claim fields that name other rows: its source (or a new one), the outlet
credited, the speaker and who relayed a private remark (each possibly a new
entity), the names mentioned and the related claims.

Part of claim_input's reading: each reader records its messages on the FieldReader and
never raises for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from i18n import N_, _
from models import Claim, Dossier, Entity, Source
from models.limits import RELATION_NOTE_MAX, RELATIONS_MAX
from models.text import parse_whole_number
from models.vocabulary import RelationType
from services.editing import entity_writes, field_values, source_writes
from services.editing.claim_writes import RelationInput
from services.editing.field_values import FieldError, FieldReader
from services.reading import search

_CLAIM_NUMBER = re.compile(r"#?([0-9]{1,9})(?:\s*[:—–-]\s.*)?", re.DOTALL)


def source(read: FieldReader, session: Session, dossier: Dossier) -> Source | None:
    value = read.raw.get("source")
    if isinstance(value, Mapping):
        data, errors = source_writes.parse_source(value, prefix="source.")
        read.errors.update(errors)
        return source_writes.new_source(dossier, data) if data else None
    return read("source", existing_source, session, dossier, N_("source"), required=True)


def via(read: FieldReader, session: Session, dossier: Dossier) -> Source | None:
    """The outlet the source credits: a source of the dossier, or a new one named inline."""
    value = read.raw.get("via")
    if isinstance(value, Mapping):
        data, errors = source_writes.parse_source(value, prefix="via.")
        read.errors.update(errors)
        return source_writes.new_source(dossier, data) if data else None
    return read("via", existing_source, session, dossier, N_("outlet credited"))


def existing_source(
    value: Any, session: Session, dossier: Dossier, label: str, required: bool = False
) -> Source | None:
    text = field_values.as_text(value)
    if not text:
        if required:
            raise FieldError(_("Choose the %(label)s, or add a new source.", label=_(label)))
        return None
    number = parse_whole_number(text, max_digits=9)
    if number is None:
        raise FieldError(_("Choose the %(label)s from the list.", label=_(label)))
    source = session.get(Source, number)
    if source is None or source.dossier_id != dossier.id:
        raise FieldError(
            _("There is no source %(id)s in this dossier; choose one from the list.", id=text)
        )
    if source.deleted_at is not None:
        raise FieldError(_("Source %(id)s was deleted; choose another.", id=text))
    return source


def speaker(read: FieldReader, session: Session) -> Entity | None:
    return _entity_or_new(read, session, "speaker")


def relayed_by(read: FieldReader, session: Session) -> Entity | None:
    """Who passed on a private remark: a known entity, or a new one, read like the speaker."""
    return _entity_or_new(read, session, "relayed_by")


def _entity_or_new(read: FieldReader, session: Session, name: str) -> Entity | None:
    value = read.raw.get(name)
    if not isinstance(value, Mapping):
        return read(name, _entity, session)
    data, errors = entity_writes.parse_entity(value, prefix=f"{name}.")
    read.errors.update(errors)
    if data is None:
        return None
    same_name = session.scalar(
        select(Entity).where(
            func.lower(Entity.name) == data.name.lower(), Entity.deleted_at.is_(None)
        )
    )
    if same_name is not None:
        read.errors[f"{name}.name"] = _(
            "There is already an entity called %(name)s; choose it from the list.",
            name=same_name.name,
        )
        return None
    return entity_writes.new_entity(session, data)


def _entity(value: Any, session: Session) -> Entity | None:
    slug = field_values.as_text(value)
    if not slug:
        return None
    entity = entity_writes.by_slug(session, slug)
    if entity is None:
        raise FieldError(
            _('There is no entity "%(slug)s"; choose one from the list.', slug=slug[:60])
        )
    return entity


def entities(value: Any, session: Session) -> list[Entity]:
    slugs = field_values.name_list(value, N_("names mentioned"), 100)
    found = {slug: entity_writes.by_slug(session, slug) for slug in dict.fromkeys(slugs)}
    unknown = [slug for slug, entity in found.items() if entity is None]
    if unknown:
        raise FieldError(
            _(
                "There is no entity %(slugs)s.",
                slugs=", ".join(f'"{slug[:40]}"' for slug in unknown[:5]),
            )
        )
    known = [entity for entity in found.values() if entity is not None]
    return list({entity.id: entity for entity in known}.values())


def relations(
    read: FieldReader, session: Session, dossier: Dossier, claim: Claim | None
) -> list[RelationInput]:
    items = read.raw.get("relations") or []
    if not isinstance(items, list | tuple):
        read.errors["relations"] = _("Give the related claims as a list.")
        return []
    if len(items) > RELATIONS_MAX:
        read.errors["relations"] = _(
            "A claim can have at most %(most)s related claims.", most=RELATIONS_MAX
        )
        return []
    relations, seen = [], set()
    for index, item in enumerate(items):
        prefix = f"relations.{index}."
        if not isinstance(item, Mapping):
            read.errors[f"relations.{index}"] = _("Give each related claim as named fields.")
            continue
        if all(_blank(value) for value in item.values()):
            continue  # an empty row of the form
        row = FieldReader(item, prefix)
        kind = row("type", field_values.choice, RelationType, N_("kind of relation"))
        target = row("claim", _related_claim, session, dossier, claim)
        note = row("note", field_values.text, N_("note"), RELATION_NOTE_MAX)
        if kind is not None and target is not None and (kind, target.id) in seen:
            row.errors[prefix + "claim"] = _("This relation is listed twice.")
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
        raise FieldError(_("Say which claim: type its number, or words from its statement."))
    number = _CLAIM_NUMBER.fullmatch(text)
    if number:
        target = session.get(Claim, int(number.group(1)))
        if target is None or target.dossier_id != dossier.id:
            raise FieldError(_("There is no claim %(id)s in this dossier.", id=number.group(1)))
    else:
        target = _claim_by_key_or_words(session, dossier, text)
    if target.deleted_at is not None:
        raise FieldError(
            _("Claim %(id)s was deleted; restore it first to relate to it.", id=target.id)
        )
    if claim is not None and target.id == claim.id:
        raise FieldError(_("A claim cannot be related to itself."))
    return target


def _claim_by_key_or_words(session: Session, dossier: Dossier, text: str) -> Claim:
    live = select(Claim).where(Claim.dossier_id == dossier.id, Claim.deleted_at.is_(None))
    by_key = session.scalar(live.where(Claim.key == text))
    if by_key is not None:
        return by_key
    try:
        condition = search.matches(text, session.get_bind().dialect.name)
    except search.SearchError:
        raise FieldError(_("Type the claim's number, or words from its statement.")) from None
    found = list(session.scalars(live.where(condition).order_by(Claim.id).limit(4)))
    if not found:
        raise FieldError(_('No claim in this dossier matches "%(words)s".', words=text[:60]))
    if len(found) > 1:
        examples = "; ".join(f"{c.id} ({c.statement[:50]}…)" for c in found[:3])
        raise FieldError(
            _(
                'Several claims match "%(words)s". Type the number of the one you mean: '
                "%(examples)s.",
                words=text[:40],
                examples=examples,
            )
        )
    return found[0]


def claim_reference(claim: Claim) -> str:
    """How a form names a related claim: its number, then the start of its statement."""
    statement_start = claim.statement if len(claim.statement) <= 70 else claim.statement[:69] + "…"
    return f"{claim.id} — {statement_start}"


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
