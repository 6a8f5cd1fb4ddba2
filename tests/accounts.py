"""Editor accounts for tests: one password hash per run (Argon2id is slow on purpose)."""

from __future__ import annotations

from functools import cache

from flask import Flask
from flask.testing import FlaskClient

from db import get_session
from models import User
from models.vocabulary import Role
from services.accounts.users import hash_password

EDITOR_PASSWORD = "a long editor password"


@cache
def editor_password_hash() -> str:
    return hash_password(EDITOR_PASSWORD)


def add_account(app: Flask, username: str, role: Role = Role.EDITOR) -> int:
    """An account with EDITOR_PASSWORD; returns its id."""
    with app.app_context():
        session = get_session()
        user = User(username=username, password_hash=editor_password_hash(), role=role)
        session.add(user)
        session.commit()
        return user.id


def sign_in(client: FlaskClient, username: str, password: str = EDITOR_PASSWORD, **extra):
    """Post the sign-in form; returns the response."""
    return client.post("/login", data={"username": username, "password": password, **extra})
