"""Counters that must hold across every server process, so they live in the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class LoginFailure(Base):
    """One failed sign-in; recent rows per account and per address decide a lockout."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username", "username_key", "created_at"),
        Index("ix_login_failures_address", "address", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username_key: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RateLimitCounter(Base):
    """Requests counted per key (e.g. "search:127.0.0.1") in a fixed time window."""

    __tablename__ = "rate_limit_counters"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[int] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


class Submission(Base):
    """A form or API submission already carried out, keyed by its one-time token, so that
    a double click or a replayed request creates one claim, not two."""

    __tablename__ = "submissions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int | None]
    result_url: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
