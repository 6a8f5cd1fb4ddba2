"""One-time form tokens: a form posted twice (double click, back and resubmit) acts once.

Each form carries a random token; the first successful POST stores it with the page it led
to, and any later POST with the same token is sent to that page instead of acting again.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from models import Submission, User
from models.base import utcnow

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
KEPT_FOR = timedelta(days=2)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def is_token(value: object) -> bool:
    return isinstance(value, str) and TOKEN_PATTERN.fullmatch(value) is not None


def earlier_result(session: Session, token: str, user: User | None) -> str | None:
    """The page a POST with this token already led to, or None if it is new.

    A token used by someone else leads nowhere: it is treated as already spent."""
    done = session.get(Submission, token)
    if done is None:
        return None
    if user is not None and done.user_id not in (None, user.id):
        return ""
    return done.result_url


def remember(session: Session, token: str, user: User | None, result_url: str) -> None:
    """Store the token with the page it led to, and forget tokens older than two days."""
    session.execute(delete(Submission).where(Submission.created_at < utcnow() - KEPT_FOR))
    session.add(Submission(token=token, user_id=user.id if user else None, result_url=result_url))
