"""The API's writes: JSON bodies checked field by field, then the same write services the
forms use (create, update at a version, soft delete), each leaving a revision.

Problems a client can cause raise WriteProblem, which the API answers as problem JSON.
Nothing here commits: the view commits once the write succeeded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import N_, _, ngettext
from models import Claim, Dossier, Entity, Source, User
from models.limits import LARGEST_ID, SLUG_PATTERN
from models.text import parse_whole_number
from services.editing import (
    claim_input,
    claim_writes,
    concurrent_edits,
    entity_writes,
    revisions,
    source_writes,
    three_way,
)
from services.editing.entity_writes import EntityInput
from services.editing.revisions import Revised, StaleVersion
from services.interchange import api_input, api_queries
from services.interchange.api_input import (
    CLAIM_FIELDS,
    ENTITY_FIELDS,
    KEY_PATTERN,
    SOURCE_FIELDS,
)

# Members of a GET response that a client may send back unchanged; they are not fields.
CLAIM_READ_ONLY = (
    "id", "url", "api_url", "attribution_label", "confidence_label", "created_at",
    "updated_at",
)  # fmt: skip
SOURCE_READ_ONLY = ("id", "page_url", "api_url", "created_at", "updated_at")
ENTITY_READ_ONLY = ("url", "api_url", "created_at", "updated_at")


class WriteProblem(Exception):
    """A write refused: `errors` per field (400), or a status with a reason; `current` is
    the stored object when the client's version was stale (409)."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: Mapping[str, str] | None = None,
        current: Revised | None = None,
        conflicts: list[str] | None = None,
    ):
        super().__init__(detail)
        self.status, self.detail, self.errors, self.current = status, detail, errors, current
        self.conflicts = conflicts or []

    @classmethod
    def invalid(cls, errors: Mapping[str, str]) -> WriteProblem:
        count = len(errors)
        detail = ngettext(
            "%(total)s field could not be used.",
            "%(total)s fields could not be used.",
            count,
            total=count,
        )
        return cls(400, detail, errors)

    @classmethod
    def stale(cls, current: Revised, kind: str) -> WriteProblem:
        return cls(
            409,
            _(
                "%(this)s changed since the version you sent: it is now at version %(version)s. "
                "Apply your change to the current version and send it again.",
                this=_(THIS_KIND[kind]),
                version=current.version,
            ),
            current=current,
        )

    @classmethod
    def conflict(cls, current: Claim | Source | Entity, kind: str, fields: list[str]):
        named = ", ".join(fields)
        return cls(
            409,
            _(
                "%(this)s changed since the version you sent, in fields you also changed: "
                "%(named)s. It is now at version %(version)s; decide what these fields "
                "should say and send them again with that version.",
                this=_(THIS_KIND[kind]),
                named=named,
                version=current.version,
            ),
            current=current,
            conflicts=fields,
        )


# The item a conflict message names, as its sentence opens ("This claim changed ...").
THIS_KIND = {
    "claim": N_("This claim"),
    "source": N_("This source"),
    "entity": N_("This entity"),
    "dossier": N_("This dossier"),
}


def _merge_stale(
    session: Session,
    current: Claim | Source | Entity,
    version: int,
    mine: dict[str, Any],
    sent: list[str],
    kind: str,
) -> three_way.Merge:
    """A PATCH made from an older `version`: merged with what was saved since when the fields
    it `sent` (snapshot names) were not changed by anyone else. Raises WriteProblem (409)
    naming the fields both changed, or when the older version is not known."""
    base = concurrent_edits.base_snapshot(session, current, version)
    if not base:
        raise WriteProblem.stale(current, kind)
    merge, _ = concurrent_edits.reconcile(
        base, current, concurrent_edits.changed_only(base, mine, sent)
    )
    if merge.conflicts:
        fields = [concurrent_edits.field_name(name) for name in merge.conflicts]
        raise WriteProblem.conflict(current, kind, fields)
    return merge


def check_members(body: Mapping[str, Any], fields: tuple, read_only: tuple, extra=()) -> None:
    errors = api_input.unknown_fields(body, fields + tuple(extra), ignored=read_only)
    if errors:
        raise WriteProblem.invalid(errors)


def read_version(value: Any, errors: dict[str, str]) -> int | None:
    if isinstance(value, str) and (number := parse_whole_number(value, max_digits=10)) is not None:
        value = number
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= LARGEST_ID:
        errors["version"] = _(
            "Send the version you last read, so that nobody's newer edit is overwritten."
        )
        return None
    return value


def version_argument(value: str | None) -> int:
    """The `version` a DELETE names, or a WriteProblem."""
    errors: dict[str, str] = {}
    version = read_version(value, errors)
    if errors or version is None:
        raise WriteProblem.invalid(errors)
    return version


def _dossier(session: Session, body: Mapping[str, Any]) -> Dossier:
    slug = body.get("dossier")
    if not isinstance(slug, str) or not SLUG_PATTERN.match(slug):
        raise WriteProblem.invalid({"dossier": _("Name the dossier by its slug.")})
    dossier = session.scalar(select(Dossier).where(Dossier.slug == slug))
    if dossier is None:
        raise WriteProblem.invalid({"dossier": _('There is no dossier "%(slug)s".', slug=slug)})
    return dossier


def _same_dossier(body: Mapping[str, Any], dossier: Dossier) -> None:
    if "dossier" in body and body["dossier"] != dossier.slug:
        raise WriteProblem.invalid({"dossier": _("An item stays in its dossier; it cannot move.")})


def _key_errors(session, model, dossier: Dossier, key: Any, current_id=None) -> dict:
    if key is None or key == "":
        return {}
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        return {"key": str(api_input.KEY_HINT)}
    holder = session.scalar(
        select(model.id).where(model.dossier_id == dossier.id, model.key == key)
    )
    if holder is not None and holder != current_id:
        return {"key": _('"%(key)s" is already the key of another item in this dossier.', key=key)}
    return {}


# --- claims -------------------------------------------------------------------------------


def create_claim(session: Session, body: Mapping[str, Any], user: User) -> Claim:
    """A new claim in the dossier the body names. Raises WriteProblem. Flushes."""
    check_members(body, CLAIM_FIELDS, CLAIM_READ_ONLY, extra=("dossier",))
    dossier = _dossier(session, body)
    data, errors = api_input.read_claim(session, dossier, body)
    errors = {**errors, **_key_errors(session, Claim, dossier, body.get("key"))}
    if errors or data is None:
        raise WriteProblem.invalid(errors)
    return claim_writes.create_claim(session, dossier, data, user)


def editable_claim(session: Session, claim_id: int, signed_in: bool) -> Claim:
    claim = claim_writes.load_for_edit(session, claim_id)
    if claim is None or not api_queries.readable(claim.dossier, signed_in):
        raise WriteProblem(404, _("There is no claim %(id)s.", id=claim_id))
    return claim


def update_claim(session: Session, claim: Claim, body: Mapping[str, Any], user: User) -> None:
    """Change the fields the body names, if the claim is still at the body's `version`.

    Raises WriteProblem (400 for wrong fields, 409 with the current claim when stale).
    """
    check_members(body, CLAIM_FIELDS, CLAIM_READ_ONLY, extra=("dossier", "version"))
    errors: dict[str, str] = {}
    version = read_version(body.get("version"), errors)
    if errors or version is None:
        raise WriteProblem.invalid(errors)
    _same_dossier(body, claim.dossier)
    changes = {name: value for name, value in body.items() if name in CLAIM_FIELDS}
    current = {**claim_input.raw_from_claim(claim), "key": claim.key, "relations": []}
    merged = {**current, **changes}
    data, errors = api_input.read_claim(session, claim.dossier, merged, claim=claim)
    errors = {**errors, **_key_errors(session, Claim, claim.dossier, merged["key"], claim.id)}
    if errors or data is None:
        raise WriteProblem.invalid(errors)
    if "relations" not in body:
        data.relations = api_input.kept_relations(claim)
    if claim.version != version:
        sent = [concurrent_edits.snapshot_name(name) for name in changes]
        mine = claim_writes.snapshot_input(data)
        merge = _merge_stale(session, claim, version, mine, sent, "claim")
        _take_merged_lists(data, merge, claim)
        version = claim.version
    try:
        claim_writes.update_claim(session, claim, data, user, version)
    except StaleVersion as stale:
        raise WriteProblem.stale(stale.current, "claim") from None


def _take_merged_lists(data: claim_writes.ClaimInput, merge: three_way.Merge, claim: Claim):
    """Tags and entities both sides changed merge as sets: put the merged set in `data`."""
    if "tags" in merge.theirs:
        data.tags = list(merge.values["tags"])
    if "entity_ids" in merge.theirs:
        known = {entity.id: entity for entity in [*claim.entities, *data.entities]}
        data.entities = [known[i] for i in merge.values["entity_ids"] if i in known]


def delete_claim(session: Session, claim: Claim, version: int, user: User) -> None:
    try:
        claim_writes.delete_claim(session, claim, user, version)
    except StaleVersion as stale:
        raise WriteProblem.stale(stale.current, "claim") from None


# --- sources ------------------------------------------------------------------------------


def create_source(session: Session, body: Mapping[str, Any], user: User) -> Source:
    """A new source in the dossier the body names. Raises WriteProblem. Flushes."""
    check_members(body, SOURCE_FIELDS, SOURCE_READ_ONLY, extra=("dossier",))
    dossier = _dossier(session, body)
    data, errors = source_writes.parse_source(api_input.flatten_dates(body))
    errors = {**(errors or {}), **_key_errors(session, Source, dossier, body.get("key"))}
    if errors or data is None:
        raise WriteProblem.invalid(errors)
    source = source_writes.new_source(dossier, data)
    source.key = body.get("key") or None
    session.add(source)
    source_writes.capture_text(session, source, data)
    source_writes.add_created(session, source, user)
    return source


def editable_source(session: Session, source_id: int, signed_in: bool) -> Source:
    source = api_queries.source(session, source_id, signed_in)
    if source is None:
        raise WriteProblem(404, _("There is no source %(id)s.", id=source_id))
    return source


def update_source(session: Session, source: Source, body: Mapping[str, Any], user: User) -> None:
    """Change the fields the body names, if the source is still at the body's `version`."""
    check_members(body, SOURCE_FIELDS, SOURCE_READ_ONLY, extra=("dossier", "version"))
    errors: dict[str, str] = {}
    version = read_version(body.get("version"), errors)
    if errors or version is None:
        raise WriteProblem.invalid(errors)
    _same_dossier(body, source.dossier)
    changes = {name: value for name, value in body.items() if name in SOURCE_FIELDS}
    raw = {**source_writes.raw_from_source(source), **api_input.flatten_dates(changes)}
    data, errors = source_writes.parse_source(raw)
    key = changes.get("key", source.key)
    errors = {**(errors or {}), **_key_errors(session, Source, source.dossier, key, source.id)}
    if errors or data is None:
        raise WriteProblem.invalid(errors)
    if source.version != version:
        mine = concurrent_edits.source_snapshot(source.dossier, data)
        sent = [name for name in changes if name != "key"]
        _merge_stale(session, source, version, mine, sent, "source")
        version = source.version
    source.key = key or None
    try:
        source_writes.update_source(session, source, data, user, version)
    except StaleVersion as stale:
        raise WriteProblem.stale(stale.current, "source") from None


def delete_source(session: Session, source: Source, version: int, user: User) -> None:
    try:
        source_writes.delete_source(session, source, user, version)
    except StaleVersion as stale:
        raise WriteProblem.stale(stale.current, "source") from None
    except source_writes.SourceInUse as error:
        raise WriteProblem(409, str(error)) from None


# --- entities -----------------------------------------------------------------------------


def create_entity(session: Session, body: Mapping[str, Any], user: User) -> Entity:
    """A new entity; its slug is the body's, or made from its name. Raises WriteProblem."""
    check_members(body, ENTITY_FIELDS, ENTITY_READ_ONLY)
    data, errors = entity_writes.parse_entity(body)
    errors = dict(errors or {})
    slug = body.get("slug")
    if slug is not None:
        if not isinstance(slug, str) or not SLUG_PATTERN.match(slug):
            errors["slug"] = _("A slug is lower-case letters, digits and dashes, at most 100.")
        elif session.scalar(select(Entity.id).where(Entity.slug == slug)) is not None:
            errors["slug"] = _('"%(slug)s" is already the slug of another entity.', slug=slug)
    _check_membership(session, data, None, errors)
    if errors or data is None:
        raise WriteProblem.invalid(errors)
    entity = entity_writes.new_entity(session, data)
    if slug:
        entity.slug = slug
    session.add(entity)
    revisions.record(session, entity, None, user)
    return entity


def editable_entity(session: Session, slug: str) -> Entity:
    entity = api_queries.entity(session, slug, signed_in=True)
    if entity is None:
        raise WriteProblem(404, _('There is no entity "%(slug)s".', slug=slug[:100]))
    return entity


def update_entity(session: Session, entity: Entity, body: Mapping[str, Any], user: User) -> None:
    """Change the fields the body names (not the slug), if still at the body's `version`."""
    check_members(body, ENTITY_FIELDS, ENTITY_READ_ONLY, extra=("version",))
    errors: dict[str, str] = {}
    version = read_version(body.get("version"), errors)
    if "slug" in body and body["slug"] != entity.slug:
        errors["slug"] = _("The slug cannot change: pages and files elsewhere link to it.")
    if errors or version is None:
        raise WriteProblem.invalid(errors)
    changes = {name: value for name, value in body.items() if name in ENTITY_FIELDS}
    data, errors = entity_writes.parse_entity({**entity_writes.raw_from_entity(entity), **changes})
    _check_membership(session, data, entity, errors)
    if errors or data is None:
        raise WriteProblem.invalid(errors)
    if entity.version != version:
        mine = concurrent_edits.entity_snapshot(data)
        sent = [name for name in changes if name != "slug"]
        merge = _merge_stale(session, entity, version, mine, sent, "entity")
        if "aliases" in merge.theirs:
            data.aliases = list(merge.values["aliases"])
        version = entity.version
    try:
        entity_writes.update_entity(session, entity, data, user, version)
    except StaleVersion as stale:
        raise WriteProblem.stale(stale.current, "entity") from None


def _check_membership(
    session: Session, data: EntityInput | None, entity: Entity | None, errors: dict[str, str]
) -> None:
    """Add a member_of message to `errors` when the organisation named cannot be used."""
    if data is None:
        return
    try:
        entity_writes.organisation_for(session, data, entity)
    except entity_writes.MembershipError as error:
        errors["member_of"] = str(error)


def delete_entity(session: Session, entity: Entity, version: int, user: User) -> None:
    try:
        entity_writes.delete_entity(session, entity, user, version)
    except StaleVersion as stale:
        raise WriteProblem.stale(stale.current, "entity") from None
    except entity_writes.EntityInUse as error:
        raise WriteProblem(409, str(error)) from None
