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
from i18n import N_, _, _l
from models import Claim, Entity, Revision, RevisionAction, Source
from models.vocabulary import (
    Attribution,
    EntityKind,
    RelationType,
    SourceKind,
    Status,
    Visibility,
    likelihood,
    reliability_words,
)
from services.editing.revisions import history

# Lazy: the templates read them in the reader's language.
ACTION_WORDS = {
    RevisionAction.CREATE.value: _l("created"),
    RevisionAction.UPDATE.value: _l("edited"),
    RevisionAction.DELETE.value: _l("deleted"),
    RevisionAction.RESTORE.value: _l("restored"),
    RevisionAction.MERGE.value: _l("merged"),
}

FIELD_LABELS = {
    "claim": {
        "statement": N_("Statement"),
        "attribution": N_("Attribution"),
        "speaker_id": N_("Speaker"),
        "speaker_description": N_("Speaker description"),
        "relayed_by_id": N_("Relayed by"),
        "relayed_by_description": N_("Relayed by (description)"),
        "source_id": N_("Source"),
        "via_id": N_("Via"),
        "locator": N_("Paragraph"),
        "quote": N_("Quote"),
        "quote_lang": N_("Quote language"),
        "statement_lang": N_("Statement language"),
        "event_date": N_("When it happened"),
        "stated_date": N_("When it was said"),
        "confidence": N_("Confidence"),
        "status": N_("Status"),
        "tags": N_("Tags"),
        "entity_ids": N_("Names mentioned"),
        "relations": N_("Related claims"),
        "notes": N_("Notes"),
        "deleted": N_("Deleted"),
    },
    "source": {
        "title": N_("Title"),
        "outlet": N_("Outlet"),
        "author": N_("Author"),
        "url": N_("URL"),
        "language": N_("Language"),
        "kind": N_("Kind"),
        "published": N_("Published"),
        "reliability": N_("Reliability"),
        "notes": N_("Notes"),
        "deleted": N_("Deleted"),
    },
    "entity": {
        "name": N_("Name"),
        "slug": N_("Address name"),
        "kind": N_("Kind"),
        "description": N_("Description"),
        "aliases": N_("Other names"),
        "member_of": N_("Belongs to"),
        "merged_into_id": N_("Merged into"),
        "deleted": N_("Deleted"),
    },
    "dossier": {
        "title": N_("Title"),
        "slug": N_("Address name"),
        "subject": N_("Subject"),
        "summary": N_("Summary"),
        "methodology": N_("Methodology"),
        "visibility": N_("Visibility"),
        "print_language": N_("Print language"),
        "statement_language": N_("Language of the statements"),
        "archived": N_("Archived"),
    },
}


def field_label(type_name: str, name: str, fallback: str | None = None) -> str:
    """A snapshot field's name as a reader sees it, in their language."""
    label = FIELD_LABELS[type_name].get(name)
    if label is None:
        return fallback if fallback is not None else name.replace("_", " ").capitalize()
    return _(label)


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
# Fields whose values an editor wrote in the dossier's language: marked `lang=` when the
# page is in another (issue #20). Dates, codes and labels are in the reader's language.
CONTENT_FIELDS = PROSE_FIELDS | {"outlet", "author", "source_id", "via_id", "tags", "aliases"}
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

    @property
    def is_content(self) -> bool:
        """The values are an editor's words, not the interface's."""
        return self.name in CONTENT_FIELDS


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
        return names.sources.get(value, _("source %(id)s (gone)", id=value))
    if name in ("speaker_id", "relayed_by_id", "merged_into_id"):
        return names.entities.get(value, _("entity %(id)s (gone)", id=value))
    if name == "entity_ids":
        return ", ".join(names.entities.get(i, _("entity %(id)s (gone)", id=i)) for i in value)
    if name == "relations":
        return "\n".join(
            _(
                "%(relation)s claim %(id)s: %(statement)s",
                relation=RelationType(kind).label,
                id=to_id,
                statement=names.claims.get(to_id, _("(gone)")),
            )
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
        return _("%(percent)s%% (%(words)s)", percent=value, words=likelihood(value))
    if name == "reliability":
        return f"{value} ({reliability_words(value) or '?'})"
    if name in ("tags", "aliases"):
        return ", ".join(value)
    if name == "visibility":
        return Visibility(value).label
    if name in ("deleted", "archived"):
        return _("yes") if value else _("no")
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
    label = field_label(type_name, name)
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
            labels.get((revision.object_type, revision.object_id), _("(gone)")),
            [
                field_label(revision.object_type, name, fallback=name)
                for name in _ordered(revision.object_type, revision.changes)
            ],
        )
        for revision in found
    ]
