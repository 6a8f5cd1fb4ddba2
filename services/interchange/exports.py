"""Which claims an export writes: the dossier's live claims that pass the timeline's filters,
in timeline order, with everything the writers in `services.interchange.formats` need loaded.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from models import Claim, ClaimRelation, Dossier
from services.reading import timeline
from services.reading.filters import ClaimFilters


def whole_claim_options():
    """Eager loads for everything an export writes and a revision's snapshot reads, so an
    export or an import's batch is a few queries."""
    return (
        joinedload(Claim.speaker),
        joinedload(Claim.relayed_by),
        joinedload(Claim.via),
        joinedload(Claim.source),
        selectinload(Claim.tags),
        selectinload(Claim.entities),
        selectinload(Claim.relations_out).joinedload(ClaimRelation.to_claim),
    )


def claims(session: Session, dossier: Dossier, filters: ClaimFilters) -> list[Claim]:
    """The dossier's live claims that pass the filters, in timeline order.

    Raises search.SearchError when the search has no words.
    """
    statement = timeline.filtered(dossier, filters, session.get_bind().dialect.name)
    column = timeline.sort_column(filters.order)
    statement = statement.order_by(column, Claim.id).options(*whole_claim_options())
    return list(session.scalars(statement).unique())


# Claims loaded at a time by `claims_in_batches`: few queries, and a bounded number of claims
# (with their sources, tags and relations) in memory at once.
BATCH_SIZE = 500


def claims_in_batches(session: Session, dossier: Dossier, filters: ClaimFilters) -> Iterator[Claim]:
    """The same claims as `claims`, in the same order, loaded BATCH_SIZE at a time, so an
    export of 30,000 claims streams instead of building in memory (issue #18).

    Raises search.SearchError when the search has no words (at once, not when streaming).
    """
    statement = timeline.filtered(dossier, filters, session.get_bind().dialect.name)
    column = timeline.sort_column(filters.order)
    ids = list(session.scalars(statement.with_only_columns(Claim.id).order_by(column, Claim.id)))
    return _load_in_batches(session, ids)


def _load_in_batches(session: Session, ids: list[int]) -> Iterator[Claim]:
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        loaded = session.scalars(
            select(Claim).where(Claim.id.in_(batch)).options(*whole_claim_options())
        ).unique()
        by_id = {claim.id: claim for claim in loaded}
        # The session's identity map holds its objects weakly: a written batch is let go.
        yield from (by_id[claim_id] for claim_id in batch)
