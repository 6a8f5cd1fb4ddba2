"""An entity: a person, organisation, government, agency or outlet that claims name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, enum_type, utcnow
from models.vocabulary import EntityKind


class Entity(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[EntityKind] = mapped_column(enum_type(EntityKind, "entity_kind"))
    description: Mapped[str] = mapped_column(String(300), default="")
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Set when this entity was merged into another; its references then point there.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    # The organisation this entity speaks for (C.C. Wei for TSMC): its public words count as
    # the organisation's own on the organisation's page. One, not many: the page asks whose
    # voice a statement is, and a person speaking for two organisations at once is rare
    # enough to record as two entities rather than make every reader guess (issue #16).
    member_of_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column()

    member_of: Mapped[Entity | None] = relationship(remote_side=[id], foreign_keys=[member_of_id])

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Entity {self.slug!r}>"
