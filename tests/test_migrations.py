"""The schema comes from migrations, and migrations and models agree, on both databases."""

import pytest
from alembic import command
from sqlalchemy import inspect, text

from cli.database import alembic_config, upgrade
from db import make_engine
from tests.databases import dialect, empty_database


@pytest.fixture
def fresh_url(tmp_path):
    return empty_database(tmp_path)


def table_names(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_on_an_empty_database_creates_every_table(fresh_url):
    upgrade(fresh_url)
    tables = table_names(fresh_url)
    assert {"dossiers", "sources", "entities", "claims", "claim_relations", "tags"} <= tables
    assert {"revisions", "users", "api_tokens", "login_failures", "submissions"} <= tables
    if dialect() == "sqlite":
        assert "claims_fts" in tables


def test_models_and_migrations_agree(fresh_url):
    upgrade(fresh_url)
    # Raises when autogenerate would write a new migration: a model changed without one.
    command.check(alembic_config(fresh_url))


def test_downgrade_to_base_and_back(fresh_url):
    upgrade(fresh_url)
    command.downgrade(alembic_config(fresh_url), "base")
    assert "claims" not in table_names(fresh_url)
    upgrade(fresh_url)
    assert "claims" in table_names(fresh_url)


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    engine.dispose()


def test_new_source_kinds_migrate_down_and_up_with_claims_in_place(tmp_path, seeded_template):
    # Issue #15: the CHECK on source kinds is rewritten; on SQLite that copies `sources`,
    # which claims refer to. Their rows, and the claims' full-text search, must survive.
    url = seeded_template.clone(tmp_path)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            claims_before = connection.exec_driver_sql("SELECT count(*) FROM claims").scalar()
            connection.exec_driver_sql("UPDATE sources SET kind = 'podcast' WHERE id = 1")
        command.downgrade(alembic_config(url), "0005")
        with engine.connect() as connection:
            kind = connection.exec_driver_sql("SELECT kind FROM sources WHERE id = 1").scalar()
        assert kind == "transcript"
        upgrade(url)
        with engine.begin() as connection:
            connection.exec_driver_sql("UPDATE sources SET kind = 'court_record' WHERE id = 1")
            assert connection.exec_driver_sql("SELECT count(*) FROM claims").scalar() == (
                claims_before
            )
            orphans = connection.exec_driver_sql(
                "SELECT count(*) FROM claims WHERE source_id NOT IN (SELECT id FROM sources)"
            ).scalar()
            assert orphans == 0
    finally:
        engine.dispose()


def test_months_and_axis_years_filled_by_the_migration_equal_those_kept_at_write_time(
    tmp_path, seeded_template
):
    # Issue #17: 0012 fills the months and axis years of the claims already there; the
    # session event keeps them from then on. Both must give the same rows, or the strip
    # changes on the next write.
    url = seeded_template.clone(tmp_path)
    engine = make_engine(url)
    months = text(  # text(): SQLAlchemy escapes the % for PostgreSQL's driver
        "SELECT dossier_id, facet, value, count FROM facet_counts"
        " WHERE (facet LIKE 'months:%' OR facet LIKE 'starts:%' OR facet LIKE 'ends:%')"
        " AND count > 0 ORDER BY 1, 2, 3"
    )
    try:
        with engine.connect() as connection:
            kept = connection.execute(months).all()
        command.downgrade(alembic_config(url), "0011")
        with engine.connect() as connection:
            assert connection.execute(months).all() == []
        upgrade(url)
        with engine.connect() as connection:
            assert connection.execute(months).all() == kept
        facets = {"months:event", "months:stated", "starts:event", "ends:event"}
        assert {facet for _, facet, _, _ in kept} == facets | {"starts:stated", "ends:stated"}
    finally:
        engine.dispose()
