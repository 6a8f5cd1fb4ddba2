"""Backups are consistent copies taken under writes; restores never overwrite by accident."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import func, select

from db import get_session
from models import Claim
from tests.databases import dialect

pytestmark = pytest.mark.skipif(
    dialect() != "sqlite", reason="SQLite backups; pg_dump for PostgreSQL"
)


def claim_count(path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM claims").fetchone()[0]
    finally:
        connection.close()


def database_path(app) -> str:
    return app.config["DATABASE_URL"].removeprefix("sqlite:///")


def test_backup_under_write_load_is_consistent_and_restores(seeded_app, tmp_path):
    runner = seeded_app.test_cli_runner()
    stop, busy = threading.Event(), threading.Event()
    written = []

    def writer():
        connection = sqlite3.connect(database_path(seeded_app), timeout=30)
        while not stop.is_set():
            with connection:
                connection.execute(
                    "UPDATE claims SET confidence = (confidence + 1) % 100 WHERE id = 1"
                )
            written.append(1)
            if len(written) >= 20:
                busy.set()
        connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert busy.wait(timeout=30)
        result = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    copy = tmp_path / "copy.db"
    connection = sqlite3.connect(copy)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    with seeded_app.app_context():
        expected = get_session().scalar(select(func.count()).select_from(Claim))
    assert claim_count(copy) == expected

    with seeded_app.app_context():
        session = get_session()
        session.execute(Claim.__table__.delete().where(Claim.id > 3))
        session.commit()
    refused = runner.invoke(args=["restore", str(copy)])
    assert refused.exit_code != 0 and "--force" in refused.output
    assert claim_count(database_path(seeded_app)) == 3
    restored = runner.invoke(args=["restore", str(copy), "--force"])
    assert restored.exit_code == 0, restored.output
    assert claim_count(database_path(seeded_app)) == expected


def test_backup_refuses_to_overwrite_a_file(seeded_app, tmp_path):
    existing = tmp_path / "there.db"
    existing.write_bytes(b"keep me")
    result = seeded_app.test_cli_runner().invoke(args=["backup", str(existing)])
    assert result.exit_code != 0
    assert existing.read_bytes() == b"keep me"


def test_restore_refuses_something_that_is_not_a_backup(seeded_app, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database at all" * 100)
    result = seeded_app.test_cli_runner().invoke(args=["restore", str(bogus), "--force"])
    assert result.exit_code != 0
    assert "not a SQLite database" in result.output or "not a Claimline backup" in result.output
