"""Fixed-window rate limits counted in the database, so they hold across every server process.

An in-process counter lets N workers through N times the limit; one row per key and window,
incremented by an atomic upsert, does not.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Engine, Table, delete
from sqlalchemy.dialects import postgresql, sqlite

from models import RateLimitCounter

# Longer than any limit's window: a counter older than this can no longer refuse anything.
STALE_AFTER = 24 * 3600


@dataclass(frozen=True)
class Limit:
    name: str
    requests: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    retry_after: int


def hit(engine: Engine, limit: Limit, identity: str, now: float | None = None) -> Verdict:
    """Count one request by `identity` against `limit`, in its own short transaction."""
    now = time.time() if now is None else now
    window = int(now // limit.seconds) * limit.seconds
    key = f"{limit.name}:{identity}"[:200]
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    table = RateLimitCounter.__table__
    assert isinstance(table, Table)  # a declarative model's table (typed as any FromClause)
    upsert = dialect.insert(table).values(key=key, window_start=window, count=1)
    upsert = upsert.on_conflict_do_update(
        index_elements=[table.c.key, table.c.window_start],
        set_={"count": table.c.count + 1},
    ).returning(table.c.count)
    with engine.begin() as connection:
        count = connection.execute(upsert).scalar_one()
        if count == 1:
            # First hit of a new window: forget this key's older windows, and every key's
            # windows long past (keys that never come back would otherwise stay for ever).
            connection.execute(
                delete(table).where(table.c.key == key, table.c.window_start < window)
            )
            connection.execute(delete(table).where(table.c.window_start < now - STALE_AFTER))
    retry_after = max(1, int(window + limit.seconds - now))
    return Verdict(allowed=count <= limit.requests, count=count, retry_after=retry_after)
