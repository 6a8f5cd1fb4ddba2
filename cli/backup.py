"""`flask backup PATH` and `flask restore PATH [--force]`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from services.operations.backups import BackupError, backup, restore


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent copy of the live database to PATH while the app keeps serving."""
    try:
        size = backup(current_app.config["DATABASE_URL"], path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up to {path} ({size:,} bytes).")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite the database that is there now.")
@with_appcontext
def restore_command(path: Path, force: bool) -> None:
    """Replace the database with the backup at PATH (refuses to overwrite without --force)."""
    try:
        restore(current_app.config["DATABASE_URL"], path, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored from {path}.")
