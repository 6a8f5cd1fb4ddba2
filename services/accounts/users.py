"""Editor accounts: password hashing, sign-in with a lockout that holds across processes,
server-side session invalidation, and the first admin account.

Failed sign-ins are rows in `login_failures`, counted per account and per address over a
sliding window; an in-memory counter would give each server process its own allowance.
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from i18n import N_, _, ngettext
from models import ApiToken, LoginFailure, User
from models.base import utcnow
from models.limits import DISPLAY_NAME_MAX
from models.text import parse_whole_number
from models.vocabulary import Role

PASSWORD_MIN = 10
# scrypt's cost grows with the input; a cap keeps one request from buying minutes of CPU.
PASSWORD_MAX = 1000
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
# Failures are counted per (name, address) pair: five lock that pair for the window. Anyone
# can type a name, so an account as a whole is never locked, only slowed: past five failures
# from anywhere, each attempt waits a delay that doubles with every failure, up to a minute.
# An address guessing many names is locked after ADDRESS_LIMIT failures.
LOCKOUT_LIMIT = 5
ADDRESS_LIMIT = 20
ACCOUNT_DELAY_MAX = 60
LOCKOUT_WINDOW = timedelta(minutes=15)
BOOTSTRAP_USERNAME = "admin"

# One message for every refusal, so nobody can learn which names have accounts.
# Marked with N_ and translated when a refusal is made, in the language of the one refused.
SIGN_IN_REFUSED = N_("That name and password do not match an account.")
LOCKED_OUT = N_(
    "Too many failed sign-ins for this name from this address. "
    "Wait %(minutes)s minutes, then try again."
)


class AccountError(ValueError):
    """A name, role or password that cannot be used; the message says why."""


@cache
def _hasher() -> PasswordHasher:
    # Argon2id with argon2-cffi's defaults (RFC 9106's second recommendation: 64 MiB, three
    # passes, four lanes), above OWASP's minimum for Argon2id; Werkzeug's scrypt default was
    # below OWASP's advice.
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def password_matches(stored: str, password: str) -> bool:
    """Whether `password` is the one `stored` was made from: Argon2id, or the scrypt hashes
    of accounts made before (rehashed at their next sign-in)."""
    if not stored.startswith("$argon2"):
        return check_password_hash(stored, password)
    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """An older scheme, or Argon2 parameters weaker than today's."""
    return not stored.startswith("$argon2") or _hasher().check_needs_rehash(stored)


@cache
def _decoy_hash() -> str:
    # Checked against when the name is unknown, so a refusal takes as long either way.
    return hash_password(secrets.token_urlsafe(16))


def username_key(username: str) -> str:
    """The form of a name that lockouts and lookups use: "Admin " and "admin" are one name."""
    return username.strip().casefold()[:80]


def check_username(username: str) -> str:
    """The cleaned name, or AccountError if it cannot be one."""
    username = username.strip()
    if not USERNAME_PATTERN.fullmatch(username):
        raise AccountError(
            _(
                "A name is 1 to 80 letters, digits, dots, hyphens or underscores, "
                "starting with a letter or digit."
            )
        )
    return username


def check_display_name(username: str, display_name: str) -> str:
    """The cleaned display name (runs of spaces made one), or AccountError. It may not be the
    sign-in name: shown on every revision, it would tell everyone which name to try."""
    cleaned = " ".join(display_name.split())
    if not 1 <= len(cleaned) <= DISPLAY_NAME_MAX or not cleaned.isprintable():
        raise AccountError(
            _("A display name is 1 to %(most)s printable characters.", most=DISPLAY_NAME_MAX)
        )
    if username_key(cleaned) == username_key(username):
        raise AccountError(
            _("Choose a display name other than the name you sign in with: readers see it.")
        )
    return cleaned


def set_display_name(user: User, display_name: str) -> None:
    """Change the name shown on the account's work. Raises AccountError."""
    user.display_name = check_display_name(user.username, display_name)


def check_password(password: str) -> str:
    """The password, or AccountError if it is too short or too long."""
    if len(password) < PASSWORD_MIN:
        raise AccountError(_("A password needs at least %(least)s characters.", least=PASSWORD_MIN))
    if len(password) > PASSWORD_MAX:
        raise AccountError(_("A password can have at most %(most)s characters.", most=PASSWORD_MAX))
    return password


def by_name(session: Session, username: str) -> User | None:
    key = username_key(username)
    return session.scalar(select(User).where(func.lower(User.username) == key))


def by_session_token(session: Session, token: str) -> User | None:
    """The user a session's "<id>:<session version>" token names, if that version is current.

    Signing out or changing the password moves the version, so older sessions stop working.
    """
    user_id, _, version = token.partition(":")
    user_number, version_number = parse_whole_number(user_id), parse_whole_number(version)
    if user_number is None or version_number is None:
        return None
    user = session.get(User, user_number)
    if user is None or user.session_version != version_number or user.disabled_at is not None:
        return None
    return user


def session_token(user: User) -> str:
    return f"{user.id}:{user.session_version}"


def create_user(
    session: Session, username: str, password: str, role: Role, display_name: str | None = None
) -> User:
    """Add an account, shown as `display_name` or else as "Editor <id>". Raises AccountError
    for a bad or taken name, a bad display name or a weak password."""
    username = check_username(username)
    check_password(password)
    shown = check_display_name(username, display_name) if display_name else None
    if by_name(session, username) is not None:
        raise AccountError(_('There is already an account called "%(name)s".', name=username))
    user = User(username=username, password_hash=hash_password(password), role=role)
    session.add(user)
    session.flush()
    # Neutral and distinct, like the names the migration gave existing accounts.
    user.display_name = shown or f"Editor {user.id}"
    return user


def set_password(session: Session, user: User, password: str) -> int:
    """Change the password, end every session the user has open and revoke their API tokens
    (a leaked password may have made a token too); returns how many tokens were revoked.
    Raises AccountError."""
    user.password_hash = hash_password(check_password(password))
    end_sessions(user)
    return _revoke_tokens(session, user)


def disable(session: Session, user: User) -> int:
    """Stop the account: no sign-in, every session ended, every token revoked."""
    user.disabled_at = user.disabled_at or utcnow()
    end_sessions(user)
    return _revoke_tokens(session, user)


def enable(user: User) -> None:
    """Let a disabled account sign in again (its old tokens stay revoked)."""
    user.disabled_at = None


def _revoke_tokens(session: Session, user: User) -> int:
    live = session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ).all()
    for token in live:
        token.revoked_at = utcnow()
    return len(live)


def end_sessions(user: User) -> None:
    """Sign the user out everywhere: sessions carrying the old version are refused."""
    user.session_version += 1


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def bootstrap_admin(
    session: Session, username: str = BOOTSTRAP_USERNAME, display_name: str | None = None
) -> str | None:
    """On a database without accounts, create an admin called `username` and return its
    random password. Raises AccountError for a name that cannot be one.

    Returns None when any account exists, so the password is shown once and never again.
    """
    if session.scalar(select(func.count(User.id))):
        return None
    password = secrets.token_urlsafe(15)
    create_user(session, username, password, Role.ADMIN, display_name)
    return password


@dataclass
class SignIn:
    """The outcome of a sign-in attempt: the user, or the message to show and its status."""

    user: User | None
    message: str = ""
    status: int = 200
    retry_after: int | None = None


def refusal(session: Session, username: str, address: str, now: datetime) -> SignIn | None:
    """Why an attempt is refused before its password is even checked, or None: the pair or
    the address locked for the window, or the account slowed down for a few seconds."""
    since = now - LOCKOUT_WINDOW
    recent = select(func.count(LoginFailure.id)).where(LoginFailure.created_at > since)
    name, place = username_key(username), address[:64]
    window = int(LOCKOUT_WINDOW.total_seconds())
    pair = session.scalar(
        recent.where(LoginFailure.username_key == name, LoginFailure.address == place)
    )
    by_address = session.scalar(recent.where(LoginFailure.address == place))
    if (pair or 0) >= LOCKOUT_LIMIT or (by_address or 0) >= ADDRESS_LIMIT:
        message = _(LOCKED_OUT, minutes=window // 60)
        return SignIn(None, message, 429, retry_after=window)
    failures, last = session.execute(
        select(func.count(LoginFailure.id), func.max(LoginFailure.created_at)).where(
            LoginFailure.created_at > since, LoginFailure.username_key == name
        )
    ).one()
    if failures < LOCKOUT_LIMIT or last is None:
        return None
    delay = min(2 ** (failures - LOCKOUT_LIMIT), ACCOUNT_DELAY_MAX)
    last = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
    wait = math.ceil(delay - (now - last).total_seconds())
    if wait <= 0:
        return None
    message = ngettext(
        "Too many failed sign-ins for this name. Wait %(num)s second, then try again.",
        "Too many failed sign-ins for this name. Wait %(num)s seconds, then try again.",
        wait,
    )
    return SignIn(None, message, 429, retry_after=wait)


def authenticate(
    session: Session, username: str, password: str, address: str, now: datetime | None = None
) -> SignIn:
    """Check a name and password, counting failures; a locked-out name or address is refused
    even with the right password. Adds rows (a failure, or the sign-in time); never commits."""
    now = now or utcnow()
    _forget_old_failures(session, now)
    if (refused := refusal(session, username, address, now)) is not None:
        return refused
    user = by_name(session, username) if len(password) <= PASSWORD_MAX else None
    if user is not None and user.disabled_at is not None:
        user = None  # refused with the same words as a wrong password: nothing to learn
    if user is None:
        password_matches(_decoy_hash(), password[:PASSWORD_MAX])
    elif password_matches(user.password_hash, password):
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        session.execute(
            delete(LoginFailure).where(LoginFailure.username_key == username_key(username))
        )
        user.last_login_at = now
        return SignIn(user)
    session.add(
        LoginFailure(username_key=username_key(username), address=address[:64], created_at=now)
    )
    return SignIn(None, _(SIGN_IN_REFUSED), 401)


def _forget_old_failures(session: Session, now: datetime) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.created_at <= now - LOCKOUT_WINDOW))
