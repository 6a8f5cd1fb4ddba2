"""`flask --app app cards refresh`: render the claims' cards that are missing or stale."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from db import get_session
from web import claim_cards


@click.group("cards", cls=AppGroup)
def card_commands() -> None:
    """Claims' cards rendered ahead of readers (issue #17)."""


@card_commands.command("refresh")
def refresh_command() -> None:
    """Render every live claim's card that no write rendered, or that a rename, an import
    or a new release has made stale. Readers render those themselves meanwhile, so this
    only makes pages faster; run it after an import or a deployment."""
    session = get_session()
    started = time.perf_counter()
    rendered = 0
    for batch in claim_cards.refresh(session):
        session.commit()  # a batch at a time: writers wait for one batch at most
        rendered += batch
    seconds = time.perf_counter() - started
    click.echo(f"Rendered {rendered} claims' cards in {seconds:.1f} s.")
