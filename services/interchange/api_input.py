"""JSON bodies and import rows in the shape the shared field readers take.

Claims, sources and entities are read by services.editing.claim_input, source_writes and
entity_writes, so the API, imports and the forms accept and refuse the same things with the
same words. What the API adds is here: the shapes a GET returns may be sent back (a date
object, {"id": …} for a source, {"slug": …} for an entity, a relation's `claim_id`),
a source may be named by its key, and members that are not fields are refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import _, _l
from models import Claim, Dossier, Source
from models.text import parse_whole_number
from services.editing import claim_input
from services.editing.claim_writes import ClaimInput, RelationInput

KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
KEY_HINT = _l("A key is letters, digits, dots, dashes or underscores, at most 100 of them.")

CLAIM_FIELDS = ("key", *claim_input.FIELDS)
SOURCE_FIELDS = (
    "key", "title", "outlet", "author", "url", "language", "kind", "published", "reliability",
    "notes", "text",
)  # fmt: skip
ENTITY_FIELDS = ("slug", "name", "kind", "description", "aliases", "member_of")
DATE_FIELDS = ("event_date", "stated_date", "published")


def unknown_fields(data: Mapping[str, Any], known: tuple[str, ...], ignored=()) -> dict:
    """{member: message} for every member of `data` that the object does not have."""
    return {
        name: _('There is no field "%(name)s" here.', name=name[:60])
        for name in data
        if name not in known and name not in ignored
    }


def flatten_dates(data: Mapping[str, Any]) -> dict[str, Any]:
    """Date objects as the API returns them ({"edtf": …}) become their EDTF text."""
    flat = dict(data)
    for name in DATE_FIELDS:
        value = flat.get(name)
        if isinstance(value, Mapping) and isinstance(value.get("edtf"), str):
            flat[name] = value["edtf"]
    return flat


def source_id_by_key(session: Session, dossier: Dossier, key: str) -> int | None:
    """The id of the dossier's live source with this key."""
    return session.scalar(
        select(Source.id).where(
            Source.dossier_id == dossier.id, Source.key == key, Source.deleted_at.is_(None)
        )
    )


def _source_reference(value: Any, find_key) -> Any:
    """{"id": 4} and 4 become "4"; a key becomes its source's id; anything else (a new
    source's fields, a wrong value) is left for the reader to judge."""
    if isinstance(value, Mapping) and "id" in value:
        value = value["id"]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip() and parse_whole_number(value) is None:
        found = find_key(value.strip())
        if found is not None:
            return str(found)
    return value


def claim_raw(data: Mapping[str, Any], find_source_key) -> dict[str, Any]:
    """A claim body (or import row) as claim_input.parse reads it. `find_source_key(key)`
    gives the id of the source with that key, or None."""
    raw = flatten_dates({name: value for name, value in data.items() if name != "key"})
    for name in ("source", "via"):
        if name in raw:
            raw[name] = _source_reference(raw[name], find_source_key)
    for name in ("speaker", "relayed_by"):
        person = raw.get(name)
        if isinstance(person, Mapping) and "slug" in person:
            raw[name] = person["slug"]
    relations = raw.get("relations")
    if isinstance(relations, list):
        raw["relations"] = [
            {("claim" if k == "claim_id" else k): v for k, v in item.items()}
            if isinstance(item, Mapping)
            else item
            for item in relations
        ]
    return raw


def api_errors(errors: Mapping[str, str]) -> dict[str, str]:
    """The readers' field names as the API spells them ("relations.0.claim_id")."""
    return {
        re.sub(r"^(relations\.\d+)\.claim$", r"\1.claim_id", name): message
        for name, message in errors.items()
    }


def read_claim(
    session: Session,
    dossier: Dossier,
    data: Mapping[str, Any],
    find_source_key=None,
    claim: Claim | None = None,
) -> tuple[ClaimInput | None, dict[str, str]]:
    """A ClaimInput from an API body or import row, or None and {field: message}.

    Sources may be named by key (looked up in the dossier unless `find_source_key` is
    given); the claim's `key` is checked and carried over.
    """
    find = find_source_key or (lambda key: source_id_by_key(session, dossier, key))
    data_input, errors = claim_input.parse(session, dossier, claim_raw(data, find), claim)
    errors = api_errors(errors)
    key = data.get("key")
    if key is not None and key != "" and (not isinstance(key, str) or not KEY_PATTERN.match(key)):
        errors["key"] = str(KEY_HINT)
    if errors or data_input is None:
        return None, errors
    data_input.key = key or None
    return data_input, {}


def kept_relations(claim: Claim) -> list[RelationInput]:
    """The claim's outgoing relations as they are, for an update that does not change them."""
    return [
        RelationInput(type=relation.type, target=relation.to_claim, note=relation.note)
        for relation in claim.relations_out
    ]
