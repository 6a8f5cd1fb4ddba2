"""Test databases: a migrated (and a seeded) template made once per run, cloned per test.

SQLite clones by copying the file. PostgreSQL (when TEST_DATABASE_URL names a server) clones
with CREATE DATABASE ... TEMPLATE, so the same suite runs on both at the same per-test cost.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from cli.database import upgrade
from db import make_engine, session_factory

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
_numbers = itertools.count()


def dialect() -> str:
    return make_url(TEST_DATABASE_URL).get_backend_name() if TEST_DATABASE_URL else "sqlite"


class SQLiteTemplate:
    def __init__(self, path: Path):
        self.path = path

    def clone(self, folder: Path) -> str:
        target = folder / "claimline.db"
        shutil.copy(self.path, target)
        return f"sqlite:///{target}"


class PostgresTemplate:
    def __init__(self, name: str):
        self.name = name

    def clone(self, folder: Path) -> str:
        name = f"claimline_test_{os.getpid()}_{next(_numbers)}"
        _admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.name}"')
        return _url_for(name)


def _url_for(name: str) -> str:
    return make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)


def _admin(statement: str) -> None:
    engine = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


def make_template(folder: Path, name: str, fill: Callable[[Session], None] | None = None):
    """A migrated database, filled by `fill` (e.g. the seed loader), ready to be cloned."""
    if TEST_DATABASE_URL:
        database = f"claimline_template_{os.getpid()}_{name}"
        _admin(f'DROP DATABASE IF EXISTS "{database}"')
        _admin(f'CREATE DATABASE "{database}"')
        url = _url_for(database)
        template = PostgresTemplate(database)
    else:
        path = folder / f"{name}.db"
        url = f"sqlite:///{path}"
        template = SQLiteTemplate(path)
    upgrade(url)
    if fill is not None:
        engine = make_engine(url)
        with session_factory(engine)() as session:
            fill(session)
            session.commit()
        engine.dispose()
    return template


def empty_database(folder: Path) -> str:
    """The URL of a new, empty database on the test server (no schema at all)."""
    if not TEST_DATABASE_URL:
        return f"sqlite:///{folder / 'empty.db'}"
    name = f"claimline_empty_{os.getpid()}_{next(_numbers)}"
    _admin(f'CREATE DATABASE "{name}"')
    return _url_for(name)
