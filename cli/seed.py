"""`flask seed`: load the dossiers in seeds/ (or given files) into the database."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from db import get_session
from services.interchange.seeding import SeedError, load_file, seed_files


@click.command("seed")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def seed_command(files: tuple[Path, ...]) -> None:
    """Load seed FILES (default: every seeds/*.yaml); safe to run again after edits."""
    session = get_session()
    paths = list(files) or seed_files(Path(current_app.config["SEED_DIR"]))
    try:
        for path in paths:
            report = load_file(session, path)
            click.echo(str(report))
        session.commit()
    except SeedError as error:
        session.rollback()
        raise click.ClickException(f"{error} (nothing was loaded)") from None
