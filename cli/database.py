"""`flask db ...`: schema migrations with Alembic, run against the app's configured database."""

from __future__ import annotations

import os

import click
from alembic import command
from alembic.config import Config
from flask import current_app
from flask.cli import AppGroup

MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations")

database_commands = AppGroup("db", help="Create and migrate the database schema.")


def alembic_config(database_url: str) -> Config:
    """An Alembic config pointed at our migrations and the given database."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS_DIR)
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "heads") -> None:
    command.upgrade(alembic_config(database_url), revision)


@database_commands.command("upgrade")
@click.argument("revision", default="heads")
def upgrade_command(revision: str) -> None:
    """Migrate the database up to REVISION (default: the latest)."""
    upgrade(current_app.config["DATABASE_URL"], revision)


@database_commands.command("downgrade")
@click.argument("revision")
def downgrade_command(revision: str) -> None:
    """Migrate the database down to REVISION."""
    command.downgrade(alembic_config(current_app.config["DATABASE_URL"]), revision)


@database_commands.command("revision")
@click.option("-m", "--message", required=True)
def revision_command(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    command.revision(
        alembic_config(current_app.config["DATABASE_URL"]), message=message, autogenerate=True
    )


@database_commands.command("check")
def check_command() -> None:
    """Fail if the models and the migrated database disagree."""
    command.check(alembic_config(current_app.config["DATABASE_URL"]))


@database_commands.command("current")
def current_command() -> None:
    """Show the database's migration revision."""
    command.current(alembic_config(current_app.config["DATABASE_URL"]))
