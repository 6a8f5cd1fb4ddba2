"""`flask users ...`: editor accounts, and the first admin account `make run` creates."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from db import get_session
from models.vocabulary import Role
from services.accounts import users
from services.accounts.users import AccountError

user_commands = AppGroup("users", help="Create and list editor accounts.")

PASSWORD_FILE = click.option(
    "--password-file",
    type=click.File("r", encoding="utf-8"),
    help="Read the password from the first line of this file instead of prompting.",
)


DISPLAY_NAME = click.option(
    "--display-name",
    help="The name readers and editors see on this account's work (never the sign-in name); "
    'by default "Editor <number>".',
)


def _password(password_file) -> str:
    if password_file is not None:
        return password_file.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@user_commands.command("create")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default=Role.EDITOR.value,
    show_default=True,
    help="editor: claims, sources and entities; admin: also users and dossiers.",
)
@PASSWORD_FILE
@DISPLAY_NAME
def create_command(name: str, role: str, password_file, display_name: str | None) -> None:
    """Create an account called NAME (prompts for the password)."""
    session = get_session()
    try:
        user = users.create_user(session, name, _password(password_file), Role(role), display_name)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    session.commit()
    click.echo(f"Created {user.role.value} {user.username}, shown as {user.display_name!r}.")


@user_commands.command("list")
def list_command() -> None:
    """List the accounts, with their role and last sign-in."""
    accounts = users.list_users(get_session())
    if not accounts:
        click.echo("No accounts yet. Create one with: flask --app app users create NAME")
        return
    width = max(len(user.username) for user in accounts)
    shown_width = max(len(user.display_name) for user in accounts)
    for user in accounts:
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "never"
        click.echo(
            f"{user.username:<{width}}  {user.display_name:<{shown_width}}  "
            f"{user.role.value:<6}  last sign-in: {last}"
        )


@user_commands.command("set-password")
@click.argument("name")
@PASSWORD_FILE
def set_password_command(name: str, password_file) -> None:
    """Change NAME's password; every session NAME has open ends."""
    session = get_session()
    user = users.by_name(session, name)
    if user is None:
        raise click.ClickException(f'There is no account called "{name}".')
    try:
        revoked = users.set_password(session, user, _password(password_file))
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    session.commit()
    click.echo(
        f"Password changed for {user.username}; their open sessions have ended and "
        f"{revoked} API token{'' if revoked == 1 else 's'} revoked."
    )


@user_commands.command("set-display-name")
@click.argument("name")
@click.argument("display_name")
def set_display_name_command(name: str, display_name: str) -> None:
    """Change the name shown on NAME's work to DISPLAY_NAME."""
    session = get_session()
    user = _existing(name)
    try:
        users.set_display_name(user, display_name)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    session.commit()
    click.echo(f"{user.username} is now shown as {user.display_name!r}.")


@user_commands.command("disable")
@click.argument("name")
def disable_command(name: str) -> None:
    """Stop NAME's account: no sign-in, open sessions end, API tokens revoked."""
    session = get_session()
    user = _existing(name)
    revoked = users.disable(session, user)
    session.commit()
    click.echo(
        f"Disabled {user.username}; {revoked} API token{'' if revoked == 1 else 's'} revoked."
    )


@user_commands.command("enable")
@click.argument("name")
def enable_command(name: str) -> None:
    """Let NAME sign in again (tokens revoked when it was disabled stay revoked)."""
    session = get_session()
    user = _existing(name)
    users.enable(user)
    session.commit()
    click.echo(f"Enabled {user.username}.")


def _existing(name: str):
    user = users.by_name(get_session(), name)
    if user is None:
        raise click.ClickException(f'There is no account called "{name}".')
    return user


@user_commands.command("bootstrap")
@click.argument("name", default=users.BOOTSTRAP_USERNAME)
@DISPLAY_NAME
def bootstrap_command(name: str, display_name: str | None) -> None:
    """On a database without accounts, create the admin NAME (`admin` unless given) with a
    random password and print it.

    Run by `make run` (`make run ADMIN_NAME=NAME` names it); once any account exists it does
    nothing, so the password shows once.
    """
    session = get_session()
    try:
        password = users.bootstrap_admin(session, name, display_name)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    if password is None:
        return
    session.commit()
    rule = "-" * 64
    click.echo(
        f"{rule}\n"
        "Created the first account. This password is shown only this once:\n\n"
        f"    name:     {name}\n"
        f"    password: {password}\n\n"
        "Sign in at /login. To choose your own password:\n"
        f"    flask --app app users set-password {name}\n"
        f"{rule}"
    )
