"""A source's page: the document, and every claim read in it or crediting it, in its order."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from models import Claim, Source, SourceText
from models.vocabulary import reliability_words
from services.reading import paragraphs, timeline

MAX_CLAIMS = 500
WEB_SCHEMES = ("http://", "https://")


@dataclass
class SourceView:
    source: Source
    read_in: list[Claim]  # claims read in this document, by paragraph
    credited: list[Claim]  # claims read elsewhere that credit this source ("via")
    read_in_total: int
    credited_total: int
    text: SourceText | None = None  # the latest captured text, read at /sources/<id>/text

    @property
    def paragraphs(self) -> list[tuple[int | None, list[Claim]]]:
        """The claims read in the source, grouped by paragraph, in the source's order."""
        groups: list[tuple[int | None, list[Claim]]] = []
        for claim in self.read_in:
            if groups and groups[-1][0] == claim.locator:
                groups[-1][1].append(claim)
            else:
                groups.append((claim.locator, [claim]))
        return groups

    @property
    def reliability_words(self) -> str | None:
        return reliability_words(self.source.reliability or "")

    @property
    def web_url(self) -> str | None:
        """The URL, only when it is a web address a reader can safely follow."""
        url = (self.source.url or "").strip()
        return url if url.lower().startswith(WEB_SCHEMES) else None


def get_visible(session: Session, source_id: int) -> Source | None:
    """A live source with its dossier, or None."""
    statement = (
        select(Source)
        .where(Source.id == source_id, Source.deleted_at.is_(None))
        .options(joinedload(Source.dossier))
    )
    return session.scalar(statement)


def _in_source_order(session: Session, condition) -> tuple[list[Claim], int]:
    base = select(Claim).where(condition, Claim.deleted_at.is_(None))
    statement = (
        base.order_by(
            Claim.locator.is_(None), Claim.locator, Claim.timeline_date, Claim.id
        )  # claims with no paragraph go last
        .limit(MAX_CLAIMS)
        .options(*timeline.card_options())
    )
    claims = list(session.scalars(statement).unique())
    total = len(claims)
    if total == MAX_CLAIMS:
        total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    return claims, total


def build(session: Session, source: Source) -> SourceView:
    """The claims read in the source and those crediting it, each in paragraph order."""
    read_in, read_in_total = _in_source_order(session, Claim.source_id == source.id)
    credited, credited_total = _in_source_order(
        session, (Claim.via_id == source.id) & (Claim.source_id != source.id)
    )
    text = paragraphs.current(session, source)
    return SourceView(source, read_in, credited, read_in_total, credited_total, text)
