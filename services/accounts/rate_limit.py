"""Fixed-window rate limits counted in the database, so they hold across every server process.

An in-process counter lets N workers through N times the limit; one row per key and window,
incremented by an atomic upsert, does not.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, Table, delete, func, insert, select
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


def take_slot(
    engine: Engine, pools: list[tuple[str, int]], lease_seconds: int, now: float | None = None
) -> tuple[list[str], int]:
    """Take one slot in each of `pools` ((pool name, most held at once)) in one transaction.

    A slot is a row of the same counter table whose key names the pool and whose
    window_start is the moment its lease ends, so a worker killed while holding one frees
    it when the lease runs out instead of for ever. Returns the slots' keys (hand them to
    `give_back`), or no keys and the seconds until the oldest lease in a full pool ends.
    """
    now = time.time() if now is None else now
    expires = int(now) + lease_seconds
    table = RateLimitCounter.__table__
    assert isinstance(table, Table)
    taken = [f"{pool}:{uuid.uuid4().hex}"[:200] for pool, _ in pools]
    with engine.begin() as connection:
        connection.execute(
            delete(table).where(table.c.key.startswith("slot:"), table.c.window_start < now)
        )
        for key in taken:
            connection.execute(insert(table).values(key=key, window_start=expires, count=1))
        for pool, most in pools:
            leases = connection.execute(
                select(func.count(), func.min(table.c.window_start)).where(
                    table.c.key.startswith(f"{pool}:", autoescape=True), table.c.window_start >= now
                )
            ).one()
            if leases[0] > most:
                connection.execute(delete(table).where(table.c.key.in_(taken)))
                return [], max(1, int(leases[1] - now))
    return taken, 0


def give_back(engine: Engine, keys: list[str]) -> None:
    """Free the slots `take_slot` handed out."""
    if keys:
        table = RateLimitCounter.__table__
        assert isinstance(table, Table)
        with engine.begin() as connection:
            connection.execute(delete(table).where(table.c.key.in_(keys)))
