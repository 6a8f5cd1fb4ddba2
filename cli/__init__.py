"""Command-line interface: `flask --app app <command>`."""

from flask import Flask

from cli.backup import backup_command, restore_command
from cli.cards import card_commands
from cli.database import database_commands
from cli.imports import import_command
from cli.pdf_worker import pdf_worker_command
from cli.seed import seed_command
from cli.suggestions import suggestion_commands
from cli.tokens import token_commands
from cli.users import user_commands


def register_commands(app: Flask) -> None:
    app.cli.add_command(database_commands)
    app.cli.add_command(backup_command)
    app.cli.add_command(card_commands)
    app.cli.add_command(restore_command)
    app.cli.add_command(seed_command)
    app.cli.add_command(import_command)
    app.cli.add_command(pdf_worker_command)
    app.cli.add_command(token_commands)
    app.cli.add_command(user_commands)
    app.cli.add_command(suggestion_commands)
