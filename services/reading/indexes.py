"""The indexes of people and organisations and of sources, across dossiers or in one, each
with how many live claims name or cite it (issue #16, "Find anything from anywhere").

Each index is one GROUP BY query, capped at INDEX_MAX rows, most-counted first then by
name. Only live claims of the dossiers the visitor may list are counted (listed ones for a
reader, all but archived ones for an editor), and only entities `visible_entities` allows
are shown, so a private or unlisted dossier shows through no name and no count.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Generic, TypeVar

from sqlalchemy import ColumnElement, func, select, union_all
from sqlalchemy.orm import Session

from models import Claim, Dossier, Entity, Source, claim_entities
from services.reading.dossier_lookup import listed_to_readers, open_to_editors
from services.reading.entity_visibility import visible_entities

INDEX_MAX = 500

Row = TypeVar("Row")


@dataclass(frozen=True)
class EntityRow:
    slug: str
    name: str
    kind: str
    count: int


@dataclass(frozen=True)
class SourceRow:
    id: int
    title: str
    outlet: str
    dossier_slug: str
    dossier_title: str
    count: int
    # For the page's lang= marks (issue #20), not the API: the title's language (the
    # source's, else its dossier's) and the dossier's statement language (the outlet's).
    title_language: str = "en"
    dossier_language: str = "en"

    def public(self) -> dict[str, object]:
        """The row as the API shows it: without the page's language marks."""
        row = asdict(self)
        del row["title_language"], row["dossier_language"]
        return row


@dataclass(frozen=True)
class Index(Generic[Row]):
    rows: list[Row]
    truncated: bool  # more than INDEX_MAX rows matched; the least counted are left out


def _dossiers_in_scope(signed_in: bool, dossier: Dossier | None) -> ColumnElement[bool]:
    """One dossier (already checked readable by the caller), or every one the visitor may
    list."""
    if dossier is not None:
        return Dossier.id == dossier.id
    return open_to_editors() if signed_in else listed_to_readers()


def entities(session: Session, signed_in: bool, dossier: Dossier | None = None) -> Index[EntityRow]:
    """People and organisations with the number of live claims naming them (as a name
    mentioned or as speaker, as the timeline's "Naming" filter counts them)."""
    naming = union_all(
        select(claim_entities.c.claim_id, claim_entities.c.entity_id),
        select(Claim.id.label("claim_id"), Claim.speaker_id.label("entity_id")).where(
            Claim.speaker_id.is_not(None)
        ),
    ).subquery()
    counted = func.count(func.distinct(naming.c.claim_id)).label("count")
    statement = (
        select(Entity.slug, Entity.name, Entity.kind, counted)
        .join(naming, naming.c.entity_id == Entity.id)
        .join(Claim, Claim.id == naming.c.claim_id)
        .join(Dossier, Dossier.id == Claim.dossier_id)
        .where(
            Claim.deleted_at.is_(None),
            Entity.deleted_at.is_(None),
            _dossiers_in_scope(signed_in, dossier),
            visible_entities(signed_in),
        )
        .group_by(Entity.id, Entity.slug, Entity.name, Entity.kind)
        .order_by(counted.desc(), Entity.name, Entity.id)
        .limit(INDEX_MAX + 1)
    )
    rows = [
        EntityRow(slug, name, kind.value, count)
        for slug, name, kind, count in session.execute(statement)
    ]
    return Index(rows[:INDEX_MAX], len(rows) > INDEX_MAX)


def sources(session: Session, signed_in: bool, dossier: Dossier | None = None) -> Index[SourceRow]:
    """Sources with the number of live claims citing them (as their source or the outlet
    they came through, as the timeline's "Source" filter counts them); a source no claim
    cites yet counts 0."""
    citing = union_all(
        select(Claim.id.label("claim_id"), Claim.source_id.label("source_id")).where(
            Claim.deleted_at.is_(None)
        ),
        select(Claim.id.label("claim_id"), Claim.via_id.label("source_id")).where(
            Claim.deleted_at.is_(None), Claim.via_id.is_not(None)
        ),
    ).subquery()
    counted = func.count(func.distinct(citing.c.claim_id)).label("count")
    statement = (
        select(
            Source.id,
            Source.title,
            Source.outlet,
            Dossier.slug,
            Dossier.title,
            counted,
            func.coalesce(Source.language, Dossier.statement_language),
            Dossier.statement_language,
        )
        .join(Dossier, Dossier.id == Source.dossier_id)
        .outerjoin(citing, citing.c.source_id == Source.id)
        .where(Source.deleted_at.is_(None), _dossiers_in_scope(signed_in, dossier))
        .group_by(
            Source.id,
            Source.title,
            Source.outlet,
            Source.language,
            Dossier.slug,
            Dossier.title,
            Dossier.statement_language,
        )
        .order_by(counted.desc(), Source.title, Source.id)
        .limit(INDEX_MAX + 1)
    )
    rows = [SourceRow(*row) for row in session.execute(statement)]
    return Index(rows[:INDEX_MAX], len(rows) > INDEX_MAX)
