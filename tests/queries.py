"""Counting the SQL a request runs, for the tests that keep query counts flat."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from db import engine_of
from services.reading import view_cache


@contextmanager
def recorded_statements(app) -> Iterator[list[str]]:
    """Collect every statement the app's engine runs inside the block."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = engine_of(app)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def count_statements(app, client, url: str) -> int:
    """Statements one uncached GET of `url` runs (the view caches are emptied first)."""
    view_cache.aggregates.clear()
    view_cache.pages.clear()
    with recorded_statements(app) as statements:
        assert client.get(url).status_code == 200
    return len(statements)
