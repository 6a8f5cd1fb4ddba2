"""Showing revisions: what changed, field by field and word by word, for the history pages,
the dossier's recent changes and the edit-conflict comparison."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from fuzzy_date import from_edtf
from models import Claim, Entity, Revision, RevisionAction, Source
from models.vocabulary import (
    RELIABILITY_GRADES,
    Attribution,
    EntityKind,
    RelationType,
    SourceKind,
    Status,
    Visibility,
    likelihood,
)
from services.editing.revisions import history

ACTION_WORDS = {
    RevisionAction.CREATE.value: "created",
    RevisionAction.UPDATE.value: "edited",
    RevisionAction.DELETE.value: "deleted",
    RevisionAction.RESTORE.value: "restored",
    RevisionAction.MERGE.value: "merged",
}

FIELD_LABELS = {
    "claim": {
        "statement": "Statement",
        "attribution": "Attribution",
        "speaker_id": "Speaker",
        "speaker_description": "Speaker description",
        "relayed_by_id": "Relayed by",
        "relayed_by_description": "Relayed by (description)",
        "source_id": "Source",
        "via_id": "Via",
        "locator": "Paragraph",
        "quote": "Quote",
        "quote_lang": "Quote language",
        "statement_lang": "Statement language",
        "event_date": "When it happened",
        "stated_date": "When it was said",
        "confidence": "Confidence",
        "status": "Status",
        "tags": "Tags",
        "entity_ids": "Names mentioned",
        "relations": "Related claims",
        "notes": "Notes",
        "deleted": "Deleted",
    },
    "source": {
        "title": "Title",
        "outlet": "Outlet",
        "author": "Author",
        "url": "URL",
        "language": "Language",
        "kind": "Kind",
        "published": "Published",
        "reliability": "Reliability",
        "notes": "Notes",
        "deleted": "Deleted",
    },
    "entity": {
        "name": "Name",
        "slug": "Address name",
        "kind": "Kind",
        "description": "Description",
        "aliases": "Other names",
        "member_of": "Belongs to",
        "merged_into_id": "Merged into",
        "deleted": "Deleted",
    },
    "dossier": {
        "title": "Title",
        "slug": "Address name",
        "subject": "Subject",
        "summary": "Summary",
        "methodology": "Methodology",
        "visibility": "Visibility",
        "print_language": "Print language",
        "statement_language": "Language of the statements",
        "archived": "Archived",
    },
}
# Prose fields get a word-by-word diff; the rest are shown whole.
PROSE_FIELDS = {
    "statement",
    "quote",
    "notes",
    "speaker_description",
    "relayed_by_description",
    "title",
    "description",
    "subject",
    "summary",
    "methodology",
}
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_DIFF_TOKEN_LIMIT = 4000
EMPTY = "—"


@dataclass
class Names:
    """Display names for the ids a snapshot holds, and for objects not saved yet."""

    sources: dict[int, str] = field(default_factory=dict)
    entities: dict[int, str] = field(default_factory=dict)
    claims: dict[int, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)


@dataclass
class Piece:
    text: str
    changed: bool = False


@dataclass
class DiffRow:
    name: str
    label: str
    before: list[Piece]
    after: list[Piece]
    changed: bool


@dataclass
class HistoryEntry:
    revision: Revision
    rows: list[DiffRow]


@dataclass
class ChangeEntry:
    revision: Revision
    object_label: str
    fields: list[str]


def names_for(session: Session, values: Iterable[dict[str, Any]]) -> Names:
    """Load, in three queries at most, the names of everything the given values refer to."""
    source_ids: set[int] = set()
    entity_ids: set[int] = set()
    claim_ids: set[int] = set()
    for item in values:
        source_ids.update(i for i in (item.get("source_id"), item.get("via_id")) if i)
        entity_ids.update(
            i
            for i in (item.get("speaker_id"), item.get("relayed_by_id"), item.get("merged_into_id"))
            if i
        )
        entity_ids.update(item.get("entity_ids") or [])
        claim_ids.update(to_id for _, to_id, _ in item.get("relations") or [] if to_id)
    names = Names()
    if source_ids:
        rows = session.execute(select(Source.id, Source.title).where(Source.id.in_(source_ids)))
        names.sources = {source_id: title for source_id, title in rows}
    if entity_ids:
        rows = session.execute(select(Entity.id, Entity.name).where(Entity.id.in_(entity_ids)))
        names.entities = {entity_id: name for entity_id, name in rows}
    if claim_ids:
        rows = session.execute(select(Claim.id, Claim.statement).where(Claim.id.in_(claim_ids)))
        names.claims = {claim_id: statement for claim_id, statement in rows}
    return names


def display_value(name: str, value: Any, names: Names) -> str:
    """A snapshot value as a reader should see it: titles for ids, labels for codes."""
    if value is None and name in names.pending:
        return names.pending[name]
    if value is None or value == "" or value == []:
        return EMPTY
    if name in ("source_id", "via_id"):
        return names.sources.get(value, f"source {value} (gone)")
    if name in ("speaker_id", "relayed_by_id", "merged_into_id"):
        return names.entities.get(value, f"entity {value} (gone)")
    if name == "entity_ids":
        return ", ".join(names.entities.get(i, f"entity {i} (gone)") for i in value)
    if name == "relations":
        return "\n".join(
            f"{RelationType(kind).value} claim {to_id}: {names.claims.get(to_id, '(gone)')}"
            + (f" — {note}" if note else "")
            for kind, to_id, note in value
        )
    if name in ("event_date", "stated_date", "published"):
        return f"{from_edtf(value).label} ({value})"
    if name == "attribution":
        return Attribution(value).label
    if name == "status":
        return Status(value).label
    if name == "kind":
        kinds = {member.value: member.label for member in (*SourceKind, *EntityKind)}
        return kinds.get(value, value)
    if name == "confidence":
        return f"{value}% ({likelihood(value)})"
    if name == "reliability":
        return f"{value} ({RELIABILITY_GRADES.get(value, '?')})"
    if name in ("tags", "aliases"):
        return ", ".join(value)
    if name == "visibility":
        return Visibility(value).label
    if name in ("deleted", "archived"):
        return "yes" if value else "no"
    return str(value)


def word_diff(before: str, after: str) -> tuple[list[Piece], list[Piece]]:
    """Both texts cut into pieces, the words that differ marked as changed."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    if len(old) + len(new) > _DIFF_TOKEN_LIMIT:
        return [Piece(before, before != after)], [Piece(after, before != after)]
    left: list[Piece] = []
    right: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        if i2 > i1:
            left.append(Piece("".join(old[i1:i2]), changed))
        if j2 > j1:
            right.append(Piece("".join(new[j1:j2]), changed))
    return left, right


def diff_row(type_name: str, name: str, before: Any, after: Any, names: Names) -> DiffRow:
    label = FIELD_LABELS[type_name].get(name, name.replace("_", " ").capitalize())
    shown_before, shown_after = (
        display_value(name, before, names),
        display_value(name, after, names),
    )
    changed = shown_before != shown_after
    if changed and name in PROSE_FIELDS and before and after:
        left, right = word_diff(str(before), str(after))
    else:
        left, right = [Piece(shown_before, changed)], [Piece(shown_after, changed)]
    return DiffRow(name, label, left, right, changed)


def _ordered(type_name: str, fields: Iterable[str]) -> list[str]:
    order = list(FIELD_LABELS[type_name])
    return sorted(fields, key=lambda name: order.index(name) if name in order else len(order))


def history_entries(session: Session, type_name: str, object_id: int) -> list[HistoryEntry]:
    """An object's revisions, newest first, each with the rows its change touched."""
    entries = history(session, type_name, object_id)
    names = names_for(
        session,
        (values for revision in entries for values in _sides(revision.changes)),
    )
    result = []
    for revision in entries:
        rows = [
            diff_row(type_name, name, before, after, names)
            for name in _ordered(type_name, revision.changes)
            for before, after in [revision.changes[name]]
            if not (before is None and after in (None, "", [], False))
        ]
        result.append(HistoryEntry(revision, rows))
    return result


def _sides(changes: dict[str, list[Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    return (
        {name: pair[0] for name, pair in changes.items()},
        {name: pair[1] for name, pair in changes.items()},
    )


def recent_changes(
    session: Session, dossier_id: int, before_id: int | None = None, limit: int = 50
) -> list[ChangeEntry]:
    """The latest revisions of a dossier, its claims and its sources, newest first, a page at a time
    (`before_id` is the last revision id of the previous page)."""
    statement = (
        select(Revision)
        .where(Revision.dossier_id == dossier_id)
        .options(joinedload(Revision.user))
        .order_by(Revision.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        statement = statement.where(Revision.id < before_id)
    found = list(session.scalars(statement))
    claim_ids = {r.object_id for r in found if r.object_type == "claim"}
    source_ids = {r.object_id for r in found if r.object_type == "source"}
    labels = {}
    if claim_ids:
        rows = session.execute(select(Claim.id, Claim.statement).where(Claim.id.in_(claim_ids)))
        labels.update({("claim", i): text for i, text in rows})
    if source_ids:
        rows = session.execute(select(Source.id, Source.title).where(Source.id.in_(source_ids)))
        labels.update({("source", i): text for i, text in rows})
    labels.update(
        {
            ("dossier", r.object_id): r.snapshot.get("title", "")
            for r in found
            if r.object_type == "dossier"
        }
    )
    return [
        ChangeEntry(
            revision,
            labels.get((revision.object_type, revision.object_id), "(gone)"),
            [
                FIELD_LABELS[revision.object_type].get(name, name)
                for name in _ordered(revision.object_type, revision.changes)
            ],
        )
        for revision in found
    ]
