"""An import's claims and their relations, a batch at a time (issue #17).

A file of 100,000 claims held every claim in the session until the end: 1.9 GB and eleven
minutes. Here the memory is bounded by the batch, not by the file:

1. The file's claims are read in order, BATCH rows at a time. The batch's claims that exist
   already are loaded in one query; each row is checked and its claim created or changed. A
   claim that existed is flushed; the new ones are inserted together, outside the unit of work
   (services.editing.bulk_claims). The batch is then let go, keeping only its keys and ids
   (and, for a claim that existed, its snapshot from before, as JSON text, for its revision).
   A new claim that the file relates to nothing is finished there and then: it has no
   relations to set, and its revision is recorded from the objects just written.
2. Once every claim of the file has an id, so that a relation may point to a claim further
   down the file, the other keys are walked again in batches: each claim's relations are
   set and its revision recorded (in bulk again for the new ones), and the batch let go.

Everything happens in the caller's transaction: the import stays all or nothing.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import N_, _
from models import Claim, Dossier, Revision, Source, User
from models.vocabulary import RelationType
from services.editing import bulk_claims, claim_writes, field_values, revisions
from services.editing.claim_writes import RelationInput
from services.editing.field_values import FieldReader
from services.interchange import api_input, exports
from services.interchange.formats.document import Document, Row
from services.interchange.import_report import ImportReport

# Rows per batch: large enough that a flush writes many rows at once, small enough that a
# batch's objects are a few megabytes.
BATCH = 500


class Existing(NamedTuple):
    id: int
    deleted: bool


@dataclass
class Written:
    """What phase 1 keeps of each claim it wrote into the dossier `dossier_id`: its id; for
    those phase 2 finishes, in file order, their key and their snapshot before (None for a
    claim it created), and for those it created, their snapshot as created, for their first
    revision (both as JSON text)."""

    dossier_id: int
    ids: dict[str, int] = field(default_factory=dict)
    befores: dict[str, str | None] = field(default_factory=dict)
    created: dict[str, str] = field(default_factory=dict)


def run(
    session: Session,
    document: Document,
    dossier: Dossier,
    keyed_rows: Iterable[tuple[Row, str]],
    find_source: Callable[[str], int | None],
    user: User | None,
    report: ImportReport,
) -> None:
    """Write the claims of `keyed_rows` (each row with its checked key), then their relations
    and revisions. Flushes, never commits."""
    existing = existing_keys(session, dossier)
    written = Written(dossier.id)
    relating = _relating_keys(document)
    for batch in _batches(keyed_rows):
        _write_batch(
            session, document, dossier, batch, existing, written, find_source, user, report,
            relating,
        )  # fmt: skip
        _collect()
    wanted = None
    if document.relations is not None:
        wanted = _relations(document.relations, written.ids, existing, report)
    for keys in _batches(list(written.befores)):
        _finish_batch(session, document, keys, written, wanted, user, report)
        _collect()


def _relating_keys(document: Document) -> set[str]:
    """The keys of the claims the file's relations start from (well formed or not)."""
    starts = (row.data.get("from") for row in document.relations or [])
    return {key for key in starts if isinstance(key, str)}


def existing_keys(session: Session, dossier: Dossier) -> dict[str, Existing]:
    """The dossier's claims by key ("claim-<id>" for one without), deleted ones too."""
    rows = session.execute(
        select(Claim.key, Claim.id, Claim.deleted_at).where(Claim.dossier_id == dossier.id)
    )
    return {key or f"claim-{id_}": Existing(id_, deleted is not None) for key, id_, deleted in rows}


def _batches(items: Iterable) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _load(session: Session, ids: list[int]) -> dict[int, Claim]:
    """Claims with everything a change and a snapshot read, in one query each."""
    if not ids:
        return {}
    claims = session.scalars(
        select(Claim).where(Claim.id.in_(ids)).options(*exports.whole_claim_options())
    ).unique()
    return {claim.id: claim for claim in claims}


def _write_batch(
    session: Session,
    document: Document,
    dossier: Dossier,
    batch: list[tuple[Row, str]],
    existing: dict[str, Existing],
    written: Written,
    find_source: Callable[[str], int | None],
    user: User | None,
    report: ImportReport,
    relating: set[str],
) -> None:
    found = [existing[key] for _, key in batch if key in existing]
    loaded = _load(session, [item.id for item in found if not item.deleted])
    claims: dict[str, Claim] = {}
    created: dict[str, Claim] = {}  # the new ones, written by bulk_claims
    for row, key in batch:
        if _creates_references(row):
            # Autoflush is off: a row that creates a source or an entity inline sees those
            # of the rows before it, so its name is checked against them.
            session.flush()
        if row.data.get("error"):
            report.reject(row.where, _("cannot be a claim: %(error)s", error=row.data["error"]))
            continue
        match = existing.get(key)
        if match is not None and match.deleted:
            report.skipped.append((row.where, "this claim was deleted here; it stays deleted"))
            continue
        claim = loaded[match.id] if match is not None else None
        if claim is not None and document.claims_create_only:
            report.count("unchanged", "claim", claim.statement)
            continue
        errors = _unknown_sources(row, find_source)
        fields = {name: value for name, value in row.data.items() if name != "relations"}
        data, parse_errors = api_input.read_claim(session, dossier, fields, find_source, claim)
        errors = {**parse_errors, **errors}
        if errors or data is None:
            report.reject(row.where, errors)
            continue
        # Sources and entities created inline first: saving them flushes, and a new claim
        # must not be flushed before it has its fields.
        claim_writes.add_new_references(session, data, user)
        if claim is None:
            claim = created[key] = bulk_claims.unsaved_claim()
            if key in relating:
                written.befores[key] = None
        else:
            written.befores[key] = json.dumps(revisions.snapshot(claim))
        # A claim matched as "claim-<id>" keeps its empty key: a key is no change to make.
        data.key = None if claim.key is None and match is not None else key
        claim_writes.apply(session, claim, data, relations=False)
        claims[key] = claim
    session.flush()
    bulk_claims.insert_claims(session, dossier, list(created.values()))
    for key, claim in claims.items():
        written.ids[key] = claim.id
    finished = []
    for key, claim in created.items():
        snapshot = revisions.snapshot_claim(claim)
        if key in written.befores:  # its relations and revision in phase 2
            written.created[key] = json.dumps(snapshot)
        else:  # related to nothing: its one revision now
            finished.append((claim.id, dossier.id, snapshot))
            report.count("created", "claim", claim.statement)
    bulk_claims.record_created(session, finished, user, summary=document.revision_summary)
    _let_go(session, [*claims.values(), *loaded.values()])


def _finish_batch(
    session: Session,
    document: Document,
    keys: list[str],
    written: Written,
    wanted: dict[str, list[Wanted]] | None,
    user: User | None,
    report: ImportReport,
) -> None:
    created = [key for key in keys if key in written.created]
    _finish_created(session, document, created, written, wanted or {}, user, report)
    updated = [key for key in keys if key not in written.created]
    claims = _load(session, [written.ids[key] for key in updated])
    if wanted is not None:
        targets = {relation.to for key in updated for relation in wanted.get(key, [])}
        claims.update(_load(session, [id_ for id_ in targets if id_ not in claims]))
        for key in updated:
            claim = claims[written.ids[key]]
            relations = [
                RelationInput(relation.type, claims[relation.to], relation.note)
                for relation in wanted.get(key, [])
            ]
            if not document.relation_notes:
                _keep_notes(claim, relations)
            claim_writes.set_relations(claim, relations)
        session.flush()
    summary = document.revision_summary
    for key in updated:
        claim = claims[written.ids[key]]
        before_text = written.befores[key]
        before = json.loads(before_text) if before_text is not None else None
        changed = revisions.record(session, claim, before, user, summary=summary)
        action = "created" if before is None else ("updated" if changed else "unchanged")
        report.count(action, "claim", claim.statement)
    session.flush()
    _let_go(session, list(claims.values()))


def _finish_created(
    session: Session,
    document: Document,
    keys: list[str],
    written: Written,
    wanted: dict[str, list[Wanted]],
    user: User | None,
    report: ImportReport,
) -> None:
    """The relations and first revision of claims phase 1 inserted in bulk."""
    links: list[tuple[int, int, RelationType, str]] = []
    made: list[tuple[int, int, dict[str, Any]]] = []
    for key in keys:
        claim_id, snapshot = written.ids[key], json.loads(written.created[key])
        # As set_relations: one link of each kind to each claim, with the last note given.
        relations = {(relation.type, relation.to): relation for relation in wanted.get(key, [])}
        links.extend(
            (claim_id, to, type_, relation.note) for (type_, to), relation in relations.items()
        )
        snapshot["relations"] = revisions.relations_snapshot(
            (type_, to, relation.note) for (type_, to), relation in relations.items()
        )
        made.append((claim_id, written.dossier_id, snapshot))
        report.count("created", "claim", snapshot["statement"])
    bulk_claims.insert_relations(session, links)
    bulk_claims.record_created(session, made, user, summary=document.revision_summary)


def _let_go(session: Session, claims: list[Claim]) -> None:
    """Forget a flushed batch: its claims (with their relations) leave the session, and the
    revisions and link rows it wrote are freed with them."""
    for claim in claims:
        if claim in session:
            session.expunge(claim)
    for obj in list(session):
        if isinstance(obj, Revision):
            session.expunge(obj)


def _collect() -> None:
    """The cyclic collector is off during a bulk write (bulk_lookups), and the ORM's objects
    form cycles: free the batch's, once nothing of the batch is referenced any more. They
    are all young, so the rest of the process is not walked; collecting while the batch
    was still referenced promoted it to the oldest generation, never collected, and an
    import of 100,000 claims grew to 578 MB."""
    gc.collect(1)


def _creates_references(row: Row) -> bool:
    names = ("source", "via", "speaker", "relayed_by")
    return any(isinstance(row.data.get(name), Mapping) for name in names)


def _unknown_sources(row: Row, find) -> dict[str, str]:
    errors = {}
    for name in ("source", "via"):
        value = row.data.get(name)
        if isinstance(value, str) and value.strip() and find(value.strip()) is None:
            errors[name] = f'There is no source "{value.strip()[:100]}" in this file or dossier.'
    return errors


def source_finder(session: Session, dossier: Dossier, sources: dict[str, Source], match):
    """Source ids by key: this file's sources, then the dossier's (as exported, too)."""
    ids = {key: source.id for key, source in sources.items()}

    def find(key: str) -> int | None:
        if key not in ids:
            found = match(session, Source, dossier, key)
            if found is None or found.deleted_at is not None:
                return None
            ids[key] = found.id
        return ids[key]

    return find


def _keep_notes(claim: Claim, relations: list[RelationInput]) -> None:
    """Give relations from a file without notes the notes they already have here."""
    notes = {(r.type, r.to_claim_id): r.note for r in claim.relations_out}
    for relation in relations:
        relation.note = notes.get((relation.type, relation.target.id), relation.note)


class Wanted(NamedTuple):
    type: RelationType
    to: int
    note: str


def _relations(rows, ids, existing, report) -> dict[str, list[Wanted]]:
    """The file's relations by the key of the claim they start from."""
    wanted: dict[str, list[Wanted]] = {}
    known = {key: item.id for key, item in existing.items() if not item.deleted} | ids
    for row in rows:
        data: dict[str, Any] = row.data
        if data.get("error"):
            report.reject(row.where, {"relations": f'"{data["error"]}" is not "<type> <key>"'})
            continue
        read = FieldReader(data, prefix="relation ")
        type_ = read("type", field_values.choice, RelationType, N_("kind of relation"))
        note = read("note", field_values.text, N_("note"), 1000) or ""
        source, target = data.get("from"), data.get("to")
        if not isinstance(source, str) or source not in ids:
            read.errors["relation from"] = _('"%(key)s" is not a claim of this file.', key=source)
        if not isinstance(target, str) or target not in known:
            read.errors["relation to"] = _(
                '"%(key)s" is not a claim of this file or dossier.', key=target
            )
        elif target == source:
            read.errors["relation to"] = _("A claim cannot be related to itself.")
        if read.errors:
            report.reject(row.where, read.errors)
            continue
        wanted.setdefault(str(source), []).append(Wanted(type_, known[target], note))
    return wanted
