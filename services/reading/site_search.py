"""Searching every dossier a reader may see at once: matching names first (entities, sources,
tags), then claims grouped by dossier, and "Did you mean" when nothing matches.

What is counted and shown is bounded: the name index is cached (services.reading.name_index),
claims are counted in one GROUP BY over the full-text matches, and only the first few claims
of the dossiers with the most matches are loaded, through the timeline's own keyset page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager

from i18n import _
from models import Claim, Dossier
from services.reading import name_index, search, timeline
from services.reading.filters import ClaimFilters
from services.reading.name_index import Name, NameIndex

NAMES_SHOWN = 8
DOSSIERS_SHOWN = 10
CLAIMS_PER_DOSSIER = 5
SUGGESTIONS_PER_KIND = 4


@dataclass
class DossierMatches:
    dossier: Dossier
    total: int
    claims: list[Claim]

    @property
    def years(self) -> list[timeline.YearGroup]:
        return timeline.group_by_month(self.claims)


@dataclass
class Correction:
    """A corrected query that finds something, and the entity it names exactly, if one does."""

    query: str
    entity: Name | None = None


@dataclass
class SearchResults:
    query: str
    entities: list[Name] = field(default_factory=list)
    sources: list[Name] = field(default_factory=list)
    tags: list[Name] = field(default_factory=list)
    dossiers: list[DossierMatches] = field(default_factory=list)
    # Dossiers with matching claims beyond the DOSSIERS_SHOWN listed.
    more_dossiers: int = 0
    claim_total: int = 0
    did_you_mean: Correction | None = None

    @property
    def empty(self) -> bool:
        return not (self.entities or self.sources or self.tags or self.claim_total)


def dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def claim_counts(session: Session, query: str, signed_in: bool) -> list[tuple[Dossier, int]]:
    """Readable dossiers with live claims matching `query`, most matches first.

    Raises search.SearchError when the query has no words."""
    statement = (
        select(Dossier, func.count(Claim.id))
        .join(Claim, Claim.dossier_id == Dossier.id)
        .where(Claim.deleted_at.is_(None), name_index.readable_dossiers(signed_in))
        .where(search.matches(query, dialect(session)))
        .group_by(Dossier.id)
    )
    counted = [(dossier, count) for dossier, count in session.execute(statement)]
    counted.sort(key=lambda item: (-item[1], item[0].title))
    return counted


def find(session: Session, query: str, signed_in: bool) -> SearchResults:
    """Names and claims matching `query` in the dossiers the reader may see, with a
    correction when nothing matches. Raises search.SearchError when it has no words."""
    names = name_index.index(session, signed_in)
    results = _find_in(session, names, query, signed_in)
    if results.empty:
        results.did_you_mean = correction(session, names, query, signed_in)
    return results


def _find_in(session: Session, names: NameIndex, query: str, signed_in: bool) -> SearchResults:
    counted = claim_counts(session, query, signed_in)
    filters = ClaimFilters(q=query)
    dossiers = [
        DossierMatches(
            dossier,
            total,
            timeline.page(session, dossier, filters, CLAIMS_PER_DOSSIER, total=total).claims,
        )
        for dossier, total in counted[:DOSSIERS_SHOWN]
    ]
    return SearchResults(
        query=query,
        entities=names.find(query, "entity", NAMES_SHOWN),
        sources=names.find(query, "source", NAMES_SHOWN),
        tags=names.find(query, "tag", NAMES_SHOWN),
        dossiers=dossiers,
        more_dossiers=max(0, len(counted) - DOSSIERS_SHOWN),
        claim_total=sum(total for _, total in counted),
    )


def correction(
    session: Session, names: NameIndex, query: str, signed_in: bool
) -> Correction | None:
    """A spelling of `query` made of known names' words that does find something, or None.

    Candidates come only from the reader's name index, and are searched before being offered,
    so a suggestion never names something the reader could not find."""
    corrected = names.correct(query)
    if corrected is None:
        return None
    entities = names.find(corrected, "entity", 1)
    if (
        not entities
        and not names.find(corrected, "source", 1)
        and not names.find(corrected, "tag", 1)
    ):
        if not claim_counts(session, corrected, signed_in):
            return None
    exact = [
        entity
        for entity in entities
        if search.search_terms(entity.label) == search.search_terms(corrected)
    ]
    return Correction(corrected, exact[0] if exact else None)


@dataclass
class Suggestion:
    kind: str  # "entity", "source", "tag", "claim" or "correction"
    label: str
    detail: str
    name: Name | None = None
    claim: Claim | None = None


def suggestions(session: Session, query: str, signed_in: bool) -> list[Suggestion]:
    """What to offer while a reader types: a few names of each kind whose words start with
    what was typed, a few matching claims, or else the names of a corrected spelling."""
    names = name_index.index(session, signed_in)
    found = _name_suggestions(names, query)
    found += [
        Suggestion("claim", claim.statement, claim.dossier.title, claim=claim)
        for claim in _claims(session, query, signed_in)
    ]
    if found:
        return found
    corrected = names.correct(query)
    if corrected is None:
        return []
    return [
        Suggestion(
            "correction", item.label, _("Did you mean %(words)s?", words=corrected), name=item.name
        )
        for item in _name_suggestions(names, corrected)
    ]


def _name_suggestions(names: NameIndex, query: str) -> list[Suggestion]:
    found = []
    for kind in ("entity", "source", "tag"):
        for name in names.find(query, kind, SUGGESTIONS_PER_KIND):
            detail = name.shown_detail if kind == "entity" else name.dossier_title or ""
            found.append(Suggestion(kind, name.label, detail, name=name))
    return found


def _claims(session: Session, query: str, signed_in: bool) -> list[Claim]:
    """A few live claims of readable dossiers matching `query`, newest first among the first
    matches found (an index lookup with a LIMIT, whatever the number of matches)."""
    statement = (
        select(Claim)
        .join(Dossier, Dossier.id == Claim.dossier_id)
        .where(Claim.deleted_at.is_(None), name_index.readable_dossiers(signed_in))
        .where(search.matches(query, dialect(session)))
        .options(contains_eager(Claim.dossier))
        .limit(SUGGESTIONS_PER_KIND)
    )
    claims = list(session.scalars(statement))
    return sorted(claims, key=lambda claim: -claim.id)
