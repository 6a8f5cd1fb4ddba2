"""Alembic environment: migrations run on the URL handed over by `cli.database`."""

from alembic import context

from db import make_engine
from models import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    # Full-text search (FTS5 tables, the PostgreSQL GIN index) is created by hand in
    # migrations; autogenerate must not drop it.
    if type_ == "table" and name.startswith("claims_fts"):
        return False
    return not (type_ == "index" and name == "ix_claims_search")


def run_migrations_online() -> None:
    engine = make_engine(config.attributes["database_url"])
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run `flask --app app db upgrade`.")
run_migrations_online()
