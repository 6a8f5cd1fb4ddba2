"""The full text of a source, as captured: one row per version (issue #15).

The text is split into paragraphs once, by the rule in services.editing.source_texts, and
the count kept here; the paragraphs themselves are derived from the text when read. A
version is never changed once a claim quotes its source: a new capture is a new version.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from models.source import Source


class SourceText(Base):
    __tablename__ = "source_texts"
    __table_args__ = (
        UniqueConstraint("source_id", "version", name="uq_source_texts_source_version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("paragraph_count >= 0", name="paragraph_count_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    version: Mapped[int] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    # Hex SHA-256 of the UTF-8 text: what was captured can be compared with a copy elsewhere.
    sha256: Mapped[str] = mapped_column(String(64))
    paragraph_count: Mapped[int] = mapped_column()
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    source: Mapped[Source] = relationship(back_populates="texts")

    def __repr__(self) -> str:
        return f"<SourceText source={self.source_id} v{self.version} {self.sha256[:12]}>"
