"""A dossier's facet counts follow every write to its claims: one pair of session events.

Before a flush we read, from the database, what the claims it touches contribute to the
counts (their attribution, status, tags, entities, sources, the month each timeline order
places them in and the years they hold the strip's axis to, and whether they are live);
after it we read the same again and apply the difference to `facet_counts`, in the same
transaction. Reading the rows rather than the objects' history makes every kind of write
count the same way: a form, the API, an import, a soft delete or restore, an entity merge.
So no reader waits for a recount after a write (issue #17), and no writer counts by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from models import Claim, Dossier, FacetCount, claim_entities, claim_tags
from models.vocabulary import Attribution
from services.reading.period_counts import stored_facet, stored_value
from services.reading.strip_axis import kept_axis_facets, known_years

BEFORE = "facet_counts.before"
# Claims read per statement: well under every database's limit on bound parameters.
CHUNK = 500

Key = tuple[int, str, str]  # (dossier id, facet, value)


def keep_facet_counts(session_factory: sessionmaker[Session]) -> None:
    """Make every flush of the factory's sessions keep `facet_counts` in step. Called once,
    on a new factory (db.session_factory); see last_change.keep_last_change for why there
    is no event.contains() guard."""
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "after_flush", _after_flush)


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    touched = [
        claim.id
        for claim in (*session.dirty, *session.deleted)
        if isinstance(claim, Claim) and claim.id is not None
    ]
    session.info[BEFORE] = (touched, contributions(session.connection(), touched))


def _after_flush(session: Session, flush_context: Any) -> None:
    touched, before = session.info.pop(BEFORE, ([], Counter()))
    new = [claim.id for claim in session.new if isinstance(claim, Claim)]
    ids = [*touched, *new]
    if not ids:
        return
    connection = session.connection()
    after = contributions(connection, ids)
    after.subtract(before)
    # A dossier deleted in this flush took its counts with it (ON DELETE CASCADE).
    dossiers = {dossier for dossier, _, _ in after}
    kept = set(connection.scalars(select(Dossier.id).where(Dossier.id.in_(dossiers))))
    apply(connection, {key: delta for key, delta in after.items() if delta and key[0] in kept})


def contributions(connection: Connection, claim_ids: Iterable[int]) -> Counter[Key]:
    """What the live claims among `claim_ids` add to their dossiers' facet counts."""
    counts: Counter[Key] = Counter()
    ids = list(claim_ids)
    for start in range(0, len(ids), CHUNK):
        _add_chunk(connection, ids[start : start + CHUNK], counts)
    return counts


def _add_chunk(connection: Connection, ids: list[int], counts: Counter[Key]) -> None:
    live = Claim.id.in_(ids) & Claim.deleted_at.is_(None)
    claims = connection.execute(
        select(
            Claim.id, Claim.dossier_id, Claim.attribution, Claim.status, Claim.speaker_id,
            Claim.source_id, Claim.via_id, Claim.timeline_date, Claim.event_earliest,
            Claim.event_latest, Claim.stated_earliest, Claim.stated_latest,
        ).where(live)
    ).all()  # fmt: skip
    entities: dict[int, set[int]] = {}
    for claim_id, dossier, attribution, status, speaker, source, via, *dates in claims:
        counts[(dossier, "total", "")] += 1
        counts[(dossier, "attributions", attribution.value)] += 1
        counts[(dossier, "statuses", status.value)] += 1
        _add_placement(counts, dossier, attribution, *dates)
        for source_id in {source, via} - {None}:
            counts[(dossier, "sources", str(source_id))] += 1
        entities[claim_id] = {speaker} if speaker is not None else set()
    dossier_of = {row[0]: row[1] for row in claims}
    links = select(claim_tags.c.claim_id, claim_tags.c.tag_id).where(
        claim_tags.c.claim_id.in_(dossier_of)
    )
    for claim_id, tag_id in connection.execute(links):
        counts[(dossier_of[claim_id], "tags", str(tag_id))] += 1
    named = select(claim_entities.c.claim_id, claim_entities.c.entity_id).where(
        claim_entities.c.claim_id.in_(dossier_of)
    )
    for claim_id, entity_id in connection.execute(named):
        entities[claim_id].add(entity_id)
    for claim_id, entity_ids in entities.items():
        for entity_id in entity_ids:  # a claim naming its own speaker counts once
            counts[(dossier_of[claim_id], "entities", str(entity_id))] += 1


def _add_placement(
    counts: Counter[Key],
    dossier: int,
    attribution: Attribution,
    timeline_date: date,
    event_earliest: date | None,
    event_latest: date | None,
    stated_earliest: date,
    stated_latest: date,
) -> None:
    """Where each timeline order places the claim: its month (services.reading.period_counts)
    and the years it holds the strip's axis to (strip_axis.axis)."""
    event = (event_earliest or stated_earliest, event_latest or stated_latest)
    for order, day, (first, last) in (
        ("event", timeline_date, event),
        ("stated", stated_earliest, (stated_earliest, stated_latest)),
    ):
        counts[(dossier, stored_facet(order), stored_value(day.year, day.month, attribution))] += 1
        starts, ends = kept_axis_facets(order)
        first_year, last_year = known_years(first, last)
        counts[(dossier, starts, f"{first_year:04d}")] += 1
        counts[(dossier, ends, f"{last_year:04d}")] += 1


def apply(connection: Connection, deltas: dict[Key, int]) -> None:
    """Add each delta to its row, creating the row at the delta when it is new."""
    if not deltas:
        return
    table = FacetCount.__table__
    assert isinstance(table, Table)  # a declarative model's table (typed as any FromClause)
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.dossier_id, table.c.facet, table.c.value],
        set_={"count": table.c.count + statement.excluded.count},
    )
    connection.execute(
        statement,
        [
            {"dossier_id": dossier, "facet": facet, "value": value, "count": delta}
            for (dossier, facet, value), delta in deltas.items()
        ],
    )
