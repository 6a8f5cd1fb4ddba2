"""Claims' cards stored at write time: which ones a write makes stale, and their rows.

A claim's card (models.stored_card) shows its own fields and also its speaker's and relay's
names, its sources' names, its dossier's slug, its tags and the statements of the claims it
is linked to. So every flush that touches a claim, a relation, an entity, a source, a tag
or a dossier marks the claims whose cards show it, in `session.info`; the web layer
renders their cards again just before the transaction commits (web/claim_cards.py).

Marking is for speed only, never for correctness: a reader compares a stored card's
fingerprint with the claim as it reads it now, so a card a write failed to mark is
rendered afresh rather than shown stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, delete, event, inspect, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from models import Claim, ClaimRelation, Dossier, Entity, Source, StoredCard, Tag, claim_tags

DUE = "stored_cards.due"
# What a card shows of the rows around its claim. A dossier's `changed_at` moves on every
# write, so a dirty dossier alone must not mark all its claims.
SHOWN: dict[type[Entity | Source | Tag | Dossier], tuple[str, ...]] = {
    Entity: ("name", "slug"),
    Source: ("outlet", "title", "language"),
    Tag: ("key", "name"),
    Dossier: ("slug", "statement_language"),
}
# A write renders at most this many cards before it commits: a rename that reaches every
# claim of a large dossier leaves the rest to be rendered by readers until
# `flask cards refresh` runs.
CARDS_PER_WRITE = 500


def keep_marking_stale_cards(session_factory: sessionmaker[Session]) -> None:
    """Make every flush of the factory's sessions mark the claims whose cards it changes.
    Called once, on a new factory (db.session_factory); see last_change.keep_last_change
    for why there is no event.contains() guard."""
    event.listen(session_factory, "after_flush", _after_flush)
    event.listen(session_factory, "after_soft_rollback", _forget)


def mark(session: Session, claim_ids: Iterable[int]) -> None:
    """Mark claims a write changed without a flush (services.editing.bulk_claims)."""
    due: set[int] = session.info.setdefault(DUE, set())
    for claim_id in claim_ids:
        if len(due) >= CARDS_PER_WRITE:
            return
        due.add(claim_id)


def take(session: Session) -> list[int]:
    """The claims marked since the last call, in id order; none are marked after it."""
    return sorted(session.info.pop(DUE, ()))


def _forget(session: Session, previous_transaction: Any) -> None:
    session.info.pop(DUE, None)


def _after_flush(session: Session, flush_context: Any) -> None:
    if len(session.info.get(DUE, ())) >= CARDS_PER_WRITE:
        return  # as many as a write renders: readers render the rest (see CARDS_PER_WRITE)
    # session.new, .dirty and .deleted build a new set on every access: read each once.
    dirty = list(session.dirty)
    written = [*session.new, *dirty, *session.deleted]
    claims = {obj.id for obj in written if isinstance(obj, Claim) and obj.id is not None}
    for relation in (obj for obj in written if isinstance(obj, ClaimRelation)):
        claims.update((relation.from_claim_id, relation.to_claim_id))
    renamed = {
        kind: [obj.id for obj in dirty if isinstance(obj, kind) and _changed(obj, shown)]
        for kind, shown in SHOWN.items()
    }
    connection = session.connection()
    found = set(_linked(connection, claims))  # their cards show these claims' statements
    found |= _showing(connection, *(renamed[kind] for kind in (Entity, Source, Tag, Dossier)))
    mark(session, sorted(claims | found))


def _changed(obj: object, names: tuple[str, ...]) -> bool:
    attributes = inspect(obj).attrs
    return any(attributes[name].history.has_changes() for name in names)


def _linked(connection: Connection, claim_ids: set[int]) -> Iterable[int]:
    if not claim_ids:
        return []
    relations = ClaimRelation.__table__.c
    ids = sorted(claim_ids)[:CARDS_PER_WRITE]
    linked = select(relations.from_claim_id, relations.to_claim_id).where(
        or_(relations.from_claim_id.in_(ids), relations.to_claim_id.in_(ids))
    )
    rows = connection.execute(linked.limit(CARDS_PER_WRITE))
    return {claim_id for row in rows for claim_id in row}


def _showing(
    connection: Connection,
    entities: list[int],
    sources: list[int],
    tags: list[int],
    dossiers: list[int],
) -> set[int]:
    """The live claims whose cards name these entities, sources or tags, or sit in these
    dossiers (whose slug and language a card carries)."""
    claims = Claim.__table__.c
    conditions = []
    if entities:
        conditions += [claims.speaker_id.in_(entities), claims.relayed_by_id.in_(entities)]
    if sources:
        conditions += [claims.source_id.in_(sources), claims.via_id.in_(sources)]
    if tags:
        tagged = select(claim_tags.c.claim_id).where(claim_tags.c.tag_id.in_(tags))
        conditions.append(claims.id.in_(tagged))
    if dossiers:
        conditions.append(claims.dossier_id.in_(dossiers))
    if not conditions:
        return set()
    showing = select(claims.id).where(or_(*conditions), claims.deleted_at.is_(None))
    return set(connection.scalars(showing.limit(CARDS_PER_WRITE)))


def stored(session: Session, claim_ids: list[int], language: str) -> dict[int, tuple[str, str]]:
    """The stored cards of these claims in `language`: (fingerprint, HTML) by claim id."""
    if not claim_ids:
        return {}
    cards = StoredCard.__table__.c
    rows = session.execute(
        select(cards.claim_id, cards.fingerprint, cards.html).where(
            cards.claim_id.in_(claim_ids), cards.language == language
        )
    )
    return {claim_id: (fingerprint, html) for claim_id, fingerprint, html in rows}


def replace(session: Session, language: str, cards: dict[int, tuple[str, str]]) -> None:
    """Store these cards in `language`, (fingerprint, HTML) by claim id, replacing any.
    An upsert, in id order: two writers renewing the same card neither fail nor deadlock."""
    if not cards:
        return
    table = StoredCard.__table__
    assert isinstance(table, Table)  # a declarative model's table (typed as any FromClause)
    connection = session.connection()
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.claim_id, table.c.language],
        set_={"fingerprint": statement.excluded.fingerprint, "html": statement.excluded.html},
    )
    connection.execute(
        statement,
        [
            {"claim_id": claim_id, "language": language, "fingerprint": fp, "html": html}
            for claim_id, (fp, html) in sorted(cards.items())
        ],
    )


def forget(session: Session, claim_ids: list[int]) -> None:
    """Drop the stored cards of these claims (deleted ones: no surface keeps them)."""
    if claim_ids:
        cards = StoredCard.__table__.c
        session.execute(delete(StoredCard).where(cards.claim_id.in_(claim_ids)))
