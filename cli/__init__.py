"""Command-line interface: `flask --app app <command>`."""

from flask import Flask

from cli.database import database_commands
from cli.seed import seed_command


def register_commands(app: Flask) -> None:
    app.cli.add_command(database_commands)
    app.cli.add_command(seed_command)
