"""New claims written in bulk (issue #17): filled by the same `claim_writes.apply` as every
other write, then inserted with Core executemany instead of through the unit of work.

An import of 100,000 claims spent most of its time in the ORM's flush: change tracking,
cascades and the session events, claim by claim. Here a claim is an object the session never
sees; its columns are read off it and a batch is inserted in one statement, its tag and entity
links in one each, its first revisions in one. What the session events do for a flush is done
here, with the same functions: the facet counts (facet_counts.contributions), the dossier's
last change (last_change.mark_written) and the cards to render (stored_cards.mark); the
revisions are the ones `revisions.record` writes for a new claim
(revisions.created_claim_rows).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from models import Claim, ClaimRelation, Dossier, Revision, User, claim_entities, claim_tags
from models.base import utcnow
from models.vocabulary import RelationType
from services.editing import facet_counts, last_change, revisions, stored_cards

# The foreign keys a claim holds through its relationships: `apply` sets the related objects,
# and a new source or entity gets its id only when it is flushed.
_REFERENCES = {
    "speaker_id": "speaker",
    "relayed_by_id": "relayed_by",
    "via_id": "via",
    "source_id": "source",
}
# Columns the database or the ORM fills for a new row, set here for the whole batch.
_BOOKKEEPING = {"id", "dossier_id", "created_at", "updated_at", "deleted_at", "version"}


def unsaved_claim() -> Claim:
    """A new claim for `insert_claims`, to fill with claim_writes.apply. It is not given its
    dossier: the dossier's collection of claims would carry it into the next flush. Its
    collections start empty when first read (an object outside the session loads nothing);
    setting them here cost 30 µs a claim in the ORM's collection events."""
    return Claim()


def insert_claims(session: Session, dossier: Dossier, claims: list[Claim]) -> None:
    """Insert `claims` (from unsaved_claim, each with its key) into `dossier` with their tags
    and entities, and count them in the dossier's facets. Gives each its id and version.
    Never commits."""
    if not claims:
        return
    if any(claim.key is None for claim in claims):
        raise ValueError("claims inserted in bulk need their keys")
    session.flush()  # the tags, sources and entities the claims name get their ids
    connection = session.connection()
    moment = utcnow()
    table = _table(Claim)
    rows = [_row(claim, dossier.id, moment) for claim in claims]
    # Matched back by key: asking for the ids in the rows' order makes SQLite insert them
    # one statement per row (10,000 statements for 10,000 claims, instead of 20).
    returned = connection.execute(insert(table).returning(table.c.key, table.c.id), rows)
    ids = {key: claim_id for key, claim_id in returned}
    for claim in claims:
        claim.id, claim.dossier_id, claim.version = ids[claim.key], dossier.id, 1
    _insert_links(session, claim_tags, "tag_id", [(c.id, t.id) for c in claims for t in c.tags])
    entity_links = [(claim.id, entity.id) for claim in claims for entity in claim.entities]
    _insert_links(session, claim_entities, "entity_id", entity_links)
    facet_counts.apply(connection, facet_counts.contributions(connection, ids.values()))
    last_change.mark_written(dossier)
    stored_cards.mark(session, ids.values())


def record_created(
    session: Session,
    created: list[tuple[int, int, dict[str, Any]]],
    user: User | None,
    summary: str = "",
) -> None:
    """Write the first revision of each claim inserted by insert_claims, given as (id,
    dossier id, snapshot as revisions.snapshot_claim took it)."""
    if created:
        rows = revisions.created_claim_rows(created, user, summary)
        session.connection().execute(insert(_table(Revision)), rows)


def insert_relations(session: Session, relations: list[tuple[int, int, RelationType, str]]) -> None:
    """Insert links (from claim id, to claim id, kind, note) from claims inserted by
    insert_claims, which have none yet."""
    if relations:
        rows = [
            {"from_claim_id": from_id, "to_claim_id": to_id, "type": type_, "note": note}
            for from_id, to_id, type_, note in relations
        ]
        session.connection().execute(insert(_table(ClaimRelation)), rows)
        # The cards at both ends now show the link.
        stored_cards.mark(session, (end for link in relations for end in link[:2]))


def _row(claim: Claim, dossier_id: int, moment: datetime) -> dict[str, Any]:
    row: dict[str, Any] = {
        "dossier_id": dossier_id,
        "created_at": moment,
        "updated_at": moment,
        "deleted_at": None,
        "version": 1,
    }
    for column, reference in _REFERENCES.items():
        related = getattr(claim, reference)
        row[column] = related.id if related is not None else None
    for name in _CONTENT:
        if name not in claim.__dict__:
            # A column apply no longer sets would silently take NULL: refuse instead.
            raise ValueError(f"claim_writes.apply left the claim's {name} unset")
        row[name] = claim.__dict__[name]
    return row


def _insert_links(session: Session, table: Table, column: str, pairs: list[tuple[int, int]]):
    if pairs:
        rows = [{"claim_id": claim_id, column: other_id} for claim_id, other_id in pairs]
        session.connection().execute(insert(table), rows)


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)  # a declarative model's table (typed as any FromClause)
    return table


_CONTENT = [
    column.key
    for column in _table(Claim).columns
    if column.key not in _BOOKKEEPING and column.key not in _REFERENCES
]
