"""Which claims an export writes: the dossier's live claims that pass the timeline's filters,
in timeline order, with everything the writers in `services.interchange.formats` need loaded.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, joinedload, selectinload

from models import Claim, ClaimRelation, Dossier
from services.reading import timeline
from services.reading.filters import ClaimFilters


def export_options():
    """Eager loads for everything an export writes, so an export is a few queries."""
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
    statement = statement.order_by(column, Claim.id).options(*export_options())
    return list(session.scalars(statement).unique())
