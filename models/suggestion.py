"""A claim suggestion an editor dismissed (issue #21), so it is not proposed again.

Suggestions themselves are computed when asked for and never stored; only the editor's "no"
is. It is keyed by the text version it was read in, the paragraph and the quote (by its
SHA-256, so the unique index stays small), within the dossier the source belongs to.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class DismissedSuggestion(Base):
    __tablename__ = "dismissed_suggestions"
    __table_args__ = (
        UniqueConstraint(
            "dossier_id",
            "source_text_id",
            "locator",
            "quote_sha256",
            name="uq_dismissed_suggestions_place",
        ),
        CheckConstraint("locator >= 1", name="locator_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    source_text_id: Mapped[int] = mapped_column(ForeignKey("source_texts.id"), index=True)
    locator: Mapped[int] = mapped_column()
    quote: Mapped[str] = mapped_column(Text)
    quote_sha256: Mapped[str] = mapped_column(String(64))
    dismissed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<DismissedSuggestion text={self.source_text_id} ¶{self.locator}>"
