"""Per-user API tokens: created once in plain text, stored only as a SHA-256 hash, revocable."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import ApiToken, TokenScope, User
from models.base import utcnow

# A recognisable prefix lets secret scanners and people tell a Claimline token at a glance.
TOKEN_PREFIX = "cl_"
NAME_MAX = 100


class TokenError(ValueError):
    """A token command that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create(session: Session, username: str, name: str, scope: TokenScope) -> NewToken:
    """A new token for the user `username`. Raises TokenError. Flushes."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise TokenError(f'There is no user "{username}".')
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX:
        raise TokenError(f"A token name must have 1 to {NAME_MAX} characters.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_hash=hash_secret(secret), scope=scope)
    session.add(token)
    session.flush()
    return NewToken(token, secret)


def bearer_secret(header: str | None) -> str | None:
    """The secret of an `Authorization: Bearer <secret>` header, the scheme in any case and
    spaces around it ignored; None for another scheme or none at all."""
    scheme, _, secret = (header or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def authenticate(session: Session, secret: str) -> ApiToken | None:
    """The live token with this secret, with its user loaded; None if unknown, revoked, or its
    account disabled."""
    if not secret or len(secret) > 200:
        return None
    token = session.scalar(
        select(ApiToken)
        .where(ApiToken.token_hash == hash_secret(secret), ApiToken.revoked_at.is_(None))
        .options(joinedload(ApiToken.user))
    )
    if token is None or token.user.disabled_at is not None:
        return None
    return token


def mark_used(token: ApiToken) -> None:
    """Note when a token last made a change (reads are not recorded: no writes on GET)."""
    token.last_used_at = utcnow()


def listed(session: Session) -> list[ApiToken]:
    """Every token, revoked ones included, oldest first, with their users."""
    return list(
        session.scalars(select(ApiToken).options(joinedload(ApiToken.user)).order_by(ApiToken.id))
    )


def revoke(session: Session, token_id: int) -> ApiToken:
    """Revoke a token for good. Raises TokenError when there is no such live token."""
    token = session.get(ApiToken, token_id)
    if token is None:
        raise TokenError(f"There is no token {token_id}.")
    if token.revoked_at is not None:
        raise TokenError(f"Token {token_id} was already revoked.")
    token.revoked_at = utcnow()
    session.flush()
    return token
