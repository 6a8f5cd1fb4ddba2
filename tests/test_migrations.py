"""The schema comes from migrations, and the migrations agree with the models."""

from alembic import command
from sqlalchemy import inspect

from cli.database import alembic_config, upgrade
from db import make_engine


def test_upgrade_on_an_empty_database_creates_every_table(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    tables = set(inspect(make_engine(url)).get_table_names())
    assert {"dossiers", "sources", "entities", "claims", "claim_relations", "tags"} <= tables
    assert {"revisions", "users", "claims_fts"} <= tables


def test_models_and_migrations_agree(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    # Raises when autogenerate would write a new migration: a model changed without one.
    command.check(alembic_config(url))


def test_downgrade_to_base_and_back(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "base")
    assert "claims" not in inspect(make_engine(url)).get_table_names()
    upgrade(url)
    assert "claims" in inspect(make_engine(url)).get_table_names()


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
