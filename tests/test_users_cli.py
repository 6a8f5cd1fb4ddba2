"""`flask users ...`: creating accounts, listing them, changing passwords, the first admin."""

from __future__ import annotations

import re

import pytest

from db import get_session
from models.vocabulary import Role
from services.accounts import users
from tests.accounts import sign_in
from tests.conftest import make_token
from tests.helpers import bearer


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password.txt"
    path.write_text("a password from a file\n", encoding="utf-8")
    return path


def _user(app, name):
    with app.app_context():
        return users.by_name(get_session(), name)


def test_create_with_a_password_file_makes_an_account_that_can_sign_in(
    seeded_app, runner, password_file
):
    result = runner.invoke(
        args=["users", "create", "ada", "--role", "admin", "--password-file", str(password_file)]
    )
    assert result.exit_code == 0, result.output
    assert "Created admin ada, shown as 'Editor 1'." in result.output
    assert _user(seeded_app, "ada").role is Role.ADMIN
    response = sign_in(seeded_app.test_client(), "ada", "a password from a file")
    assert response.status_code == 302


def test_create_prompts_for_the_password_twice(seeded_app, runner):
    result = runner.invoke(
        args=["users", "create", "grace"], input="typed at the prompt\ntyped at the prompt\n"
    )
    assert result.exit_code == 0, result.output
    assert _user(seeded_app, "grace").role is Role.EDITOR
    assert "typed at the prompt" not in result.output


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("bo", "short", "at least 10 characters"),
        ("has space", "long enough password", "A name is 1 to 80"),
    ],
)
def test_create_refuses_a_bad_name_or_password(runner, tmp_path, name, password, message):
    path = tmp_path / "pw"
    path.write_text(password)
    result = runner.invoke(args=["users", "create", name, "--password-file", str(path)])
    assert result.exit_code != 0 and message in result.output


def test_create_refuses_a_name_taken_in_another_case(runner, password_file):
    runner.invoke(args=["users", "create", "Ada", "--password-file", str(password_file)])
    result = runner.invoke(args=["users", "create", "ada", "--password-file", str(password_file)])
    assert result.exit_code != 0 and 'already an account called "ada"' in result.output


def test_list_shows_names_roles_and_last_sign_in(seeded_app, runner, password_file):
    runner.invoke(args=["users", "create", "ada", "--password-file", str(password_file)])
    sign_in(seeded_app.test_client(), "ada", "a password from a file")
    runner.invoke(args=["users", "create", "zed", "--password-file", str(password_file)])
    lines = runner.invoke(args=["users", "list"]).output.splitlines()
    # The sign-in name, the display name readers see ("Editor <id>" until chosen), the role.
    assert lines[0].split()[:4] == ["ada", "Editor", "1", "editor"] and "UTC" in lines[0]
    assert lines[1].split()[:4] == ["zed", "Editor", "2", "editor"]
    assert lines[1].endswith("never")


def test_set_password_changes_it_and_ends_open_sessions(seeded_app, runner, password_file):
    runner.invoke(args=["users", "create", "ada", "--password-file", str(password_file)])
    browser = seeded_app.test_client()
    sign_in(browser, "ada", "a password from a file")
    result = runner.invoke(
        args=["users", "set-password", "ada"], input="a brand new password\n" * 2
    )
    assert result.exit_code == 0, result.output
    assert browser.get("/claims/new?dossier=openai-chips").status_code == 302
    assert sign_in(seeded_app.test_client(), "ada", "a brand new password").status_code == 302


def test_set_password_for_an_unknown_name_fails(runner, password_file):
    result = runner.invoke(
        args=["users", "set-password", "nobody", "--password-file", str(password_file)]
    )
    assert result.exit_code != 0 and "no account called" in result.output


def test_bootstrap_creates_admin_once_and_prints_the_password_once(seeded_app, runner):
    first = runner.invoke(args=["users", "bootstrap"])
    assert first.exit_code == 0
    password = re.search(r"password: (\S+)", first.output).group(1)
    assert len(password) >= users.PASSWORD_MIN
    assert _user(seeded_app, "admin").role is Role.ADMIN
    assert sign_in(seeded_app.test_client(), "admin", password).status_code == 302
    second = runner.invoke(args=["users", "bootstrap"])
    assert second.exit_code == 0 and second.output == ""


def test_bootstrap_does_nothing_when_an_account_exists(seeded_app, runner, editor):
    result = runner.invoke(args=["users", "bootstrap"])
    assert result.output == ""
    assert _user(seeded_app, "admin") is None


def test_a_password_change_revokes_the_accounts_api_tokens(seeded_app, runner, password_file):
    runner.invoke(args=["users", "create", "ada", "--password-file", str(password_file)])
    secret = make_token(seeded_app, "ada", "read")
    client = seeded_app.test_client()
    assert client.get("/api/v1/dossiers", headers=bearer(secret)).status_code == 200
    result = runner.invoke(
        args=["users", "set-password", "ada", "--password-file", str(password_file)]
    )
    assert "1 API token revoked" in result.output
    assert client.get("/api/v1/dossiers", headers=bearer(secret)).status_code == 401


def test_a_disabled_account_cannot_sign_in_and_its_sessions_and_tokens_end(
    seeded_app, runner, password_file
):
    runner.invoke(args=["users", "create", "ada", "--password-file", str(password_file)])
    secret = make_token(seeded_app, "ada", "write")
    browser = seeded_app.test_client()
    assert sign_in(browser, "ada", "a password from a file").status_code == 302
    result = runner.invoke(args=["users", "disable", "ada"])
    assert result.exit_code == 0 and "Disabled ada" in result.output
    assert browser.get("/claims/new?dossier=openai-chips").status_code == 302  # signed out
    refused = sign_in(seeded_app.test_client(), "ada", "a password from a file")
    assert refused.status_code == 401  # the same answer as a wrong password
    api = seeded_app.test_client().get("/api/v1/dossiers", headers=bearer(secret))
    assert api.status_code == 401
    assert runner.invoke(args=["users", "enable", "ada"]).exit_code == 0
    assert sign_in(seeded_app.test_client(), "ada", "a password from a file").status_code == 302


def test_disabling_an_unknown_account_says_so(runner):
    result = runner.invoke(args=["users", "disable", "nobody"])
    assert result.exit_code != 0 and 'no account called "nobody"' in result.output
