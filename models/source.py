"""A source: a document in which claims appear, or which a document credits."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fuzzy_date import FuzzyDate, from_edtf
from models.base import Base, UTCDateTime, enum_type, utcnow
from models.vocabulary import SourceKind

if TYPE_CHECKING:
    from models.dossier import Dossier
    from models.source_text import SourceText


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (
        UniqueConstraint("dossier_id", "key", name="uq_sources_dossier_key"),
        CheckConstraint("reliability IN ('A','B','C','D','E','F')", name="reliability_grade"),
        Index("ix_sources_dossier_title", "dossier_id", "title"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    # A stable identifier within the dossier, used by seed files and imports.
    key: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(500))
    outlet: Mapped[str] = mapped_column(String(200), default="")
    author: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2000))
    language: Mapped[str | None] = mapped_column(String(35))
    kind: Mapped[SourceKind] = mapped_column(
        enum_type(SourceKind, "source_kind"), default=SourceKind.NEWS_ARTICLE
    )
    published_edtf: Mapped[str | None] = mapped_column(String(100))
    published_earliest: Mapped[date | None] = mapped_column(Date)
    published_latest: Mapped[date | None] = mapped_column(Date)
    reliability: Mapped[str | None] = mapped_column(String(1))
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column()

    dossier: Mapped[Dossier] = relationship(back_populates="sources")
    # Read through services.editing.source_texts, never loaded by accident.
    texts: Mapped[list[SourceText]] = relationship(
        back_populates="source", order_by="SourceText.version", lazy="raise"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def published(self) -> FuzzyDate | None:
        return from_edtf(self.published_edtf) if self.published_edtf else None

    @published.setter
    def published(self, value: FuzzyDate | None) -> None:
        self.published_edtf = value.edtf if value else None
        self.published_earliest = value.earliest if value else None
        self.published_latest = value.latest if value else None

    def __repr__(self) -> str:
        return f"<Source {self.id} {self.title[:40]!r}>"
