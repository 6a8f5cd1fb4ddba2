"""A dossier: one story, holding its sources and claims."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, enum_type, utcnow
from models.vocabulary import Visibility

if TYPE_CHECKING:
    from models.claim import Claim
    from models.source import Source


class Dossier(Base):
    __tablename__ = "dossiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(300), default="")
    # Markdown as entered, and its sanitised HTML rendered once at write time.
    summary: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    methodology: Mapped[str] = mapped_column(Text, default="")
    methodology_html: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[Visibility] = mapped_column(
        enum_type(Visibility, "visibility"), default=Visibility.PUBLIC
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Moves on every change to the dossier or anything in it: the key for caches and ETags.
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    claims: Mapped[list[Claim]] = relationship(back_populates="dossier", lazy="raise")
    sources: Mapped[list[Source]] = relationship(back_populates="dossier", lazy="raise")

    def __repr__(self) -> str:
        return f"<Dossier {self.slug!r}>"
