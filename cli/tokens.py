"""`flask tokens ...`: create, list and revoke the API tokens of editors."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from db import get_session
from models import TokenScope
from services.accounts import api_tokens
from services.accounts.api_tokens import TokenError

token_commands = AppGroup("tokens", help="Create, list and revoke API tokens.")


@token_commands.command("create")
@click.argument("username")
@click.option("--name", default="API token", show_default=True, help="What the token is for.")
@click.option(
    "--scope",
    type=click.Choice([scope.value for scope in TokenScope]),
    default=TokenScope.READ.value,
    show_default=True,
    help="read: GET requests only; write: may also create, change and delete.",
)
def create_command(username: str, name: str, scope: str) -> None:
    """Create a token for USERNAME and print it once: only its hash is kept."""
    session = get_session()
    try:
        new = api_tokens.create(session, username, name, TokenScope(scope))
    except TokenError as error:
        raise click.ClickException(str(error)) from None
    session.commit()
    click.echo(f"Token {new.token.id} ({scope}) for {username}, named {new.token.name!r}:")
    click.echo(new.secret)
    click.echo("Keep it now: it cannot be shown again. Send it as `Authorization: Bearer <token>`.")


@token_commands.command("list")
def list_command() -> None:
    """List every token: id, user, scope, name, and when it was created, last wrote, revoked."""
    tokens = api_tokens.listed(get_session())
    if not tokens:
        click.echo("No API tokens yet. Create one with `flask --app app tokens create USERNAME`.")
        return
    for token in tokens:
        state = f"revoked {_when(token.revoked_at)}" if token.revoked_at else "active"
        click.echo(
            f"{token.id}\t{token.user.username}\t{token.scope.value}\t{token.name}\t"
            f"created {_when(token.created_at)}\tlast write {_when(token.last_used_at)}\t{state}"
        )


@token_commands.command("revoke")
@click.argument("token_id", type=int)
def revoke_command(token_id: int) -> None:
    """Revoke the token TOKEN_ID; requests carrying it are refused from now on."""
    session = get_session()
    try:
        token = api_tokens.revoke(session, token_id)
    except TokenError as error:
        raise click.ClickException(str(error)) from None
    session.commit()
    click.echo(f"Revoked token {token.id} ({token.name!r}) of {token.user.username}.")


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"
