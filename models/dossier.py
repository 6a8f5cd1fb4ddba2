"""A dossier: one story, holding its sources and claims."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, enum_type, utcnow
from models.limits import (
    ACCESS_KEY_BYTES,
    ACCESS_KEY_LENGTH,
    DOSSIER_SLUG_MAX,
    DOSSIER_SUBJECT_MAX,
    DOSSIER_TITLE_MAX,
    LANGUAGE_TAG_MAX,
)
from models.vocabulary import Visibility

if TYPE_CHECKING:
    from models.claim import Claim
    from models.source import Source


def new_access_key() -> str:
    """An unguessable key for an unlisted dossier's share link."""
    return secrets.token_urlsafe(ACCESS_KEY_BYTES)


class Dossier(Base):
    __tablename__ = "dossiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(DOSSIER_SLUG_MAX), unique=True)
    title: Mapped[str] = mapped_column(String(DOSSIER_TITLE_MAX))
    subject: Mapped[str] = mapped_column(String(DOSSIER_SUBJECT_MAX), default="")
    # Markdown as entered, and its sanitised HTML rendered once at write time.
    summary: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    methodology: Mapped[str] = mapped_column(Text, default="")
    methodology_html: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[Visibility] = mapped_column(
        enum_type(Visibility, "visibility"), default=Visibility.PUBLIC
    )
    # What an unlisted dossier's share link carries (/d/<key>): its slug and its ids can be
    # guessed by counting, so reading an unlisted dossier's items needs the key (issue #18).
    access_key: Mapped[str | None] = mapped_column(
        String(ACCESS_KEY_LENGTH), unique=True, index=True, default=new_access_key
    )
    # The language the briefing prints in; None prints in each reader's own (issue #20).
    print_language: Mapped[str | None] = mapped_column(String(LANGUAGE_TAG_MAX))
    # The language its statements are written in (a claim may say otherwise: statement_lang).
    statement_language: Mapped[str] = mapped_column(
        String(LANGUAGE_TAG_MAX), default="en", server_default="en"
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Moves on every change to the dossier or anything in it: the key for caches and ETags.
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when an admin archives the dossier: it leaves every reader's page until restored.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What an edit form is checked against. Counted by the dossier's own writes, not by
    # SQLAlchemy's version counter: `changed_at` moves on every write to a claim in the
    # dossier, and an editor's form must not go stale because someone edited a claim.
    version: Mapped[int] = mapped_column(default=1)

    claims: Mapped[list[Claim]] = relationship(back_populates="dossier", lazy="raise")
    sources: Mapped[list[Source]] = relationship(back_populates="dossier", lazy="raise")

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def __repr__(self) -> str:
        return f"<Dossier {self.slug!r}>"
