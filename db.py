"""The database engine and the per-request session.

One engine per application; one session per application context, closed at teardown.
Views and CLI commands commit; services only add and flush.
"""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from services.editing.facet_counts import keep_facet_counts
from services.editing.last_change import keep_last_change
from services.editing.stored_cards import keep_marking_stale_cards

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def make_engine(url: str, **options) -> Engine:
    """Create an engine; SQLite connections get foreign keys, WAL and a busy timeout."""
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _configure_sqlite_connection(dbapi_connection, connection_record) -> None:
    # Hand transaction control to SQLAlchemy's "begin" event (see below) instead of pysqlite.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_sqlite_transaction(connection) -> None:
    # A deferred transaction that reads and then writes fails with "database is locked"
    # whatever the busy timeout, when another process wrote in between; taking the write
    # lock up front makes it wait instead. Reads (safe requests) stay deferred and concurrent.
    if has_request_context() and request.method in SAFE_METHODS:
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions on `engine` whose flushes keep the derived state in step: a dossier's last
    change, its facet counts and which stored cards are stale. Every writer (the app, the
    seed loader of the tests, the benchmark's generator) opens its sessions here, so none
    can skip them."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    keep_last_change(factory)
    keep_facet_counts(factory)
    keep_marking_stale_cards(factory)
    return factory


def init_app(app: Flask) -> None:
    """Create the app's engine and session factory and close sessions at teardown."""
    app.extensions["claimline.db"] = session_factory(make_engine(app.config["DATABASE_URL"]))
    app.teardown_appcontext(_close_session)


def engine_of(app: Flask) -> Engine:
    return app.extensions["claimline.db"].kw["bind"]


def get_session() -> Session:
    """The session of the current application context, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["claimline.db"]()
    return g.db_session


def _close_session(exception: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        if exception is not None:
            session.rollback()
        session.close()
