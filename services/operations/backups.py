"""Consistent online backups and restores of the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why and what to do."""


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            "Online backups here are for SQLite. For PostgreSQL use its own tools: "
            "pg_dump --format=custom --file=claimline.dump DATABASE and "
            "pg_restore --clean --if-exists --dbname=DATABASE claimline.dump."
        )
    if not url.database or url.database == ":memory:":
        raise BackupError("The configured SQLite database is not a file.")
    return Path(url.database)


def backup(database_url: str, target: Path) -> int:
    """Copy the live database to `target` in one step; returns the size in bytes.

    SQLite's backup API in a single step holds a read transaction for the whole copy, so the
    copy is consistent while the app keeps serving. (A chunked copy restarts every time another
    connection writes, and under steady writes may never finish.)
    """
    source_path = sqlite_path(database_url)
    if not source_path.exists():
        raise BackupError(f"There is no database at {source_path}.")
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(source_path, timeout=30)
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination, pages=-1)
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
        source.close()
    partial.rename(target)
    return target.stat().st_size


def check(path: Path) -> None:
    """Raise BackupError unless `path` is an intact SQLite database with Claimline's tables."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite database: {error}") from None
    if result != "ok":
        raise BackupError(f"{path} is damaged: {result}")
    if not {"claims", "alembic_version"} <= tables:
        raise BackupError(f"{path} is not a Claimline backup.")


def restore(database_url: str, source: Path, force: bool = False) -> None:
    """Replace the live database with the backup at `source`; refuses to overwrite data
    unless `force`. Uses the backup API so open connections see a consistent switch."""
    target_path = sqlite_path(database_url)
    if not source.exists():
        raise BackupError(f"There is no backup at {source}.")
    check(source)
    if target_path.exists() and target_path.stat().st_size > 0 and not force:
        raise BackupError(
            f"{target_path} already holds a database; add --force to overwrite it "
            "(make a backup of it first)."
        )
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    destination = sqlite3.connect(target_path, timeout=30)
    try:
        origin.backup(destination, pages=-1)
    finally:
        destination.close()
        origin.close()
