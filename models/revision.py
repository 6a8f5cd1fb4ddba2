"""A revision: one create, edit, delete, restore or merge of a claim, source or entity."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, enum_type, utcnow
from models.user import User


class RevisionAction(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"
    MERGE = "merge"


class Revision(Base):
    __tablename__ = "revisions"
    __table_args__ = (
        Index("ix_revisions_object", "object_type", "object_id", "id"),
        Index("ix_revisions_dossier", "dossier_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    object_type: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int]
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"))
    version: Mapped[int]
    action: Mapped[RevisionAction] = mapped_column(enum_type(RevisionAction, "revision_action"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Field-by-field difference from the previous revision: {field: [before, after]}.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The whole object as it stood after this revision, enough to restore it.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[str] = mapped_column(String(300), default="")

    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Revision {self.object_type}:{self.object_id} v{self.version} {self.action}>"
