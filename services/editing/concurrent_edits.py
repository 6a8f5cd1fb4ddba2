"""Settling an edit made from a version that is no longer the saved one (issue #14 §3).

The editor's values, the saved ones and the version the editor loaded (its revision
snapshot) are merged field by field with `three_way.merge`: what only the other editor
changed is taken from them, what only this editor changed is kept, and only a field both
changed to different values needs a person's choice. Every comparison is made on revision
snapshots, whose values are normalised (dates as EDTF, ids, sorted tags), so "June 2024"
and "juin 2024" are the same value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Claim, Dossier, Entity, Revision
from models.vocabulary import EntityKind
from services.editing import (
    claim_input,
    entity_writes,
    revision_display,
    revisions,
    source_writes,
    three_way,
)
from services.editing.claim_writes import ClaimInput
from services.editing.entity_writes import EntityInput
from services.editing.revisions import Revised
from services.editing.source_writes import SourceInput

# Snapshot members that are bookkeeping, not something an editor edits.
NOT_EDITED = ("version", "deleted", "slug", "merged_into_id")
MINE, THEIRS = "mine", "theirs"


@dataclass
class ConflictRow:
    """A field both editors changed: its value as loaded, as saved since, and as typed."""

    name: str  # the field's name in a form and in the API
    label: str
    original: str
    theirs: str
    mine: str


def base_snapshot(session: Session, current: Revised, version: int | None) -> dict[str, Any]:
    """The object as it was at `version` (the one the editor loaded), or {} if unknown: with
    no base every difference is a conflict, so nothing is taken silently by mistake.

    The revision at that version holds it. When there is none (a seeded or imported object
    edited for the first time), it is rebuilt from the current values by undoing, newest
    first, the changes of every revision since: each holds its fields' before and after."""
    if version is None:
        return {}
    kind = revisions.object_type(current)
    later = session.scalars(
        select(Revision)
        .where(
            Revision.object_type == kind,
            Revision.object_id == current.id,
            Revision.version >= version,
        )
        .order_by(Revision.version.desc(), Revision.id.desc())
    ).all()
    exact = [revision for revision in later if revision.version == version]
    if exact:
        return dict(exact[0].snapshot)
    if sorted({revision.version for revision in later}) != list(
        range(version + 1, current.version + 1)
    ):
        return {}  # a version in between left no revision: the base cannot be known
    base = revisions.snapshot(current)
    for revision in later:
        for name, (before, _after) in revision.changes.items():
            base[name] = before
    return base


def reconcile(
    base: dict[str, Any], current: Revised, mine: dict[str, Any]
) -> tuple[three_way.Merge, dict[str, Any]]:
    """The merge of `mine` (a snapshot) with the saved object, both edits of `base`; and the
    saved object's snapshot."""
    theirs = revisions.snapshot(current)
    fields = [name for name in theirs if name not in NOT_EDITED]
    return three_way.merge(base, theirs, mine, fields), theirs


def changed_only(base: dict[str, Any], mine: dict[str, Any], changed: list[str]) -> dict[str, Any]:
    """For a partial edit (an API PATCH): the base with only the `changed` snapshot fields
    taken from `mine`, so that the fields it did not send count as untouched."""
    return {**base, **{name: mine[name] for name in changed if name in mine}}


def snapshot_name(field_name: str) -> str:
    """The snapshot name of a form or API field: "source" is kept as "source_id"."""
    return SNAPSHOT_NAMES.get(field_name, field_name)


def field_name(snapshot_name: str) -> str:
    """The form or API name of a snapshot field."""
    return claim_input.field_of_snapshot(snapshot_name)


SNAPSHOT_NAMES = {raw: name for name, raw in claim_input.SNAPSHOT_FIELDS.items()}


def conflict_rows(
    session: Session,
    type_name: str,
    merge: three_way.Merge,
    base: dict,
    theirs: dict,
    mine: dict,
    pending: Mapping[str, str] | None = None,
) -> list[ConflictRow]:
    """The conflicting fields, each with its three values as a reader should see them."""
    names = revision_display.names_for(session, [base, theirs, mine])
    mine_names = revision_display.Names(
        names.sources, names.entities, names.claims, dict(pending or {})
    )
    return [
        ConflictRow(
            name=claim_input.field_of_snapshot(name),
            label=revision_display.field_label(type_name, name),
            original=revision_display.display_value(name, base.get(name), names),
            theirs=revision_display.display_value(name, theirs.get(name), names),
            mine=revision_display.display_value(name, mine.get(name), mine_names),
        )
        for name in merge.conflicts
    ]


def taken_labels(type_name: str, merge: three_way.Merge) -> list[str]:
    """The labels of the fields taken from the other editor, for the message after saving."""
    return [revision_display.field_label(type_name, name, fallback=name) for name in merge.theirs]


# --- claims: merged in raw form, so the result is read again like any form post ------------


def merged_claim_raw(
    merge: three_way.Merge,
    mine_raw: Mapping[str, Any],
    current: Claim,
    mine: ClaimInput,
    choices: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The claim's raw fields (claim_input's shape) after the merge: the editor's own, the
    other editor's where the merge took theirs, and for each conflict what was chosen
    (`choices` maps a raw field name to "mine" or "theirs")."""
    theirs_raw = claim_input.raw_from_claim(current)
    slugs = {entity.id: entity.slug for entity in [*current.entities, *mine.entities]}
    raw = {name: mine_raw.get(name) for name in claim_input.FIELDS}
    for name in merge.theirs:
        field_name = claim_input.field_of_snapshot(name)
        value = merge.values[name]
        if name == "tags":
            raw["tags"] = ", ".join(value)
        elif name == "entity_ids":
            raw["entities"] = [slugs[entity_id] for entity_id in value if entity_id in slugs]
        else:
            raw[field_name] = theirs_raw.get(field_name)
    for name in merge.conflicts:
        field_name = claim_input.field_of_snapshot(name)
        if (choices or {}).get(field_name) == THEIRS:
            raw[field_name] = theirs_raw.get(field_name)
    return raw


# --- sources and entities: merged as snapshots, whose values are already valid --------------


def source_snapshot(dossier: Dossier, data: SourceInput) -> dict[str, Any]:
    """A source's values as a snapshot, without adding anything to the session."""
    return revisions.snapshot(source_writes.new_source(dossier, data))


def entity_snapshot(data: EntityInput) -> dict[str, Any]:
    """An entity's values as a snapshot, without adding anything to the session."""
    entity = Entity(aliases=[])
    entity_writes.apply(entity, data)
    # Not looked up: a snapshot names the organisation by slug, as the input does.
    return {**revisions.snapshot(entity), "member_of": data.member_of}


def chosen(
    merge: three_way.Merge, theirs: dict[str, Any], choices: Mapping[str, str]
) -> dict[str, Any]:
    """The merged snapshot values with each conflict settled as chosen."""
    values = dict(merge.values)
    for name in merge.conflicts:
        if choices.get(name) == THEIRS:
            values[name] = theirs[name]
    return values


def entity_input(values: Mapping[str, Any]) -> EntityInput:
    return EntityInput(
        name=values["name"],
        kind=EntityKind(values["kind"]),
        description=values["description"] or "",
        aliases=list(values["aliases"] or []),
        member_of=values.get("member_of"),
    )
