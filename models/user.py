"""Editor accounts and their API tokens."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, enum_type, utcnow
from models.limits import DISPLAY_NAME_MAX
from models.vocabulary import Role


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    # What readers and other editors see on this account's work; the sign-in name stays
    # private, so nobody learns which name to try (issue #18).
    display_name: Mapped[str] = mapped_column(
        String(DISPLAY_NAME_MAX), default="Editor", server_default="Editor"
    )
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"), default=Role.EDITOR)
    # Bumped at sign-out and password change: sessions carrying an older value are refused.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A disabled account cannot sign in, its sessions end and its tokens stop working; its
    # name stays on the revisions it made.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.username!r} {self.role}>"


class TokenScope(enum.StrEnum):
    READ = "read"
    WRITE = "write"


class ApiToken(Base):
    """A per-user API token; only its SHA-256 hash is stored, so a leaked table leaks nothing."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[TokenScope] = mapped_column(enum_type(TokenScope, "token_scope"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<ApiToken {self.name!r} of user {self.user_id} ({self.scope})>"
