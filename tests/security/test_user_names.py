"""Sign-in names stay private (issue #18, 5): pages, feeds and the API show the display name
an editor chose; the first account is named at bootstrap; behind a proxy, limits count the
client's address (PROXY_FIX)."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from db import get_session
from models import User
from tests.accounts import add_account, sign_in
from tests.conftest import build_app, make_token
from tests.helpers import bearer

LOGIN = "zx-login-7731"
SHOWN = "Zoë Reporter"


@pytest.fixture
def edited(seeded_app):
    """An editor called LOGIN, shown as SHOWN, who has edited a claim through the API;
    returns the claim's id and a token of theirs."""
    user_id = add_account(seeded_app, LOGIN)
    with seeded_app.app_context():
        session = get_session()
        session.get(User, user_id).display_name = SHOWN
        session.commit()
    token = make_token(seeded_app, LOGIN, "write")
    client = seeded_app.test_client()
    claim = client.get("/api/v1/claims?dossier=openai-chips&per_page=1").get_json()["items"][0]
    response = client.patch(
        f"/api/v1/claims/{claim['id']}",
        json={"version": claim["version"], "statement": "Edited by an editor with a name."},
        headers=bearer(token),
    )
    assert response.status_code == 200
    return claim["id"], token


def surfaces(claim_id: int) -> list[str]:
    """Every surface that names who changed something, or says who is signed in."""
    return [
        "/changes.atom",
        f"/api/v1/claims/{claim_id}/history",
        f"/claims/{claim_id}/history",
        "/dossiers/openai-chips/changes",
        "/dossiers/openai-chips/history",
        f"/claims/{claim_id}",
        "/dossiers/openai-chips/",
        "/",
        "/account",
    ]


def test_the_display_name_stands_for_the_editor_everywhere(seeded_app, edited):
    claim_id, token = edited
    signed_in = seeded_app.test_client()
    assert sign_in(signed_in, LOGIN).status_code == 302
    shown_somewhere = set()
    for path in surfaces(claim_id):
        headers = bearer(token) if path.startswith("/api/") or path.endswith(".atom") else {}
        response = signed_in.get(path, headers=headers)
        assert response.status_code == 200, path
        body = response.get_data(as_text=True)
        assert LOGIN not in body, path
        if SHOWN in body or json.dumps(SHOWN)[1:-1] in body:  # JSON escapes the "ë"
            shown_somewhere.add(path)
    assert {"/changes.atom", f"/api/v1/claims/{claim_id}/history"} <= shown_somewhere
    assert f"/claims/{claim_id}/history" in shown_somewhere


def test_an_editor_chooses_a_display_name_but_not_the_sign_in_name(seeded_app, edited):
    client = seeded_app.test_client()
    sign_in(client, LOGIN)
    refused = client.post("/account", data={"display_name": LOGIN.upper()})
    assert refused.status_code == 422 and "other than the name you sign in with" in (
        refused.get_data(as_text=True)
    )
    assert client.post("/account", data={"display_name": "  Ada   Byline "}).status_code == 302
    claim_id, token = edited
    history = client.get(f"/api/v1/claims/{claim_id}/history", headers=bearer(token)).get_json()
    assert history["items"][0]["user"] == "Ada Byline"


def test_the_account_page_needs_a_signed_in_editor(client):
    assert client.get("/account").status_code == 302
    assert client.post("/account", data={"display_name": "Anyone"}).status_code in (302, 400)


def test_an_admin_sets_a_display_name_from_the_command_line(seeded_app, runner, edited):
    result = runner.invoke(args=["users", "set-display-name", LOGIN, "Desk Editor"])
    assert result.exit_code == 0, result.output
    with seeded_app.app_context():
        user = get_session().scalar(select(User).where(User.username == LOGIN))
        assert user.display_name == "Desk Editor"
    refused = runner.invoke(args=["users", "set-display-name", LOGIN, LOGIN])
    assert refused.exit_code != 0


def test_new_accounts_get_a_neutral_display_name(seeded_app, runner, tmp_path):
    password_file = tmp_path / "password"
    password_file.write_text("a long enough password\n")
    result = runner.invoke(args=["users", "create", "quietname", "--password-file", password_file])
    assert result.exit_code == 0, result.output
    with seeded_app.app_context():
        user = get_session().scalar(select(User).where(User.username == "quietname"))
        assert re.fullmatch(r"Editor \d+", user.display_name)


def test_bootstrap_names_the_first_account_when_asked(seeded_app, runner):
    result = runner.invoke(
        args=["users", "bootstrap", "night-desk", "--display-name", "Night desk"]
    )
    assert result.exit_code == 0, result.output
    password = re.search(r"password: (\S+)", result.output).group(1)
    assert "name:     night-desk" in result.output
    with seeded_app.app_context():
        names = get_session().execute(select(User.username, User.display_name)).all()
    assert names == [("night-desk", "Night desk")]
    assert sign_in(seeded_app.test_client(), "night-desk", password).status_code == 302


@pytest.mark.usefixtures("one_window")
@pytest.mark.parametrize("proxies, separate", [(0, False), (1, True)])
def test_proxy_fix_decides_whose_address_the_limits_count(
    tmp_path, seeded_template, proxies, separate
):
    app = build_app(
        tmp_path,
        seeded_template,
        RATE_LIMITS={"search": (2, 60)},
        RATE_LIMITS_ENABLED=True,
        PROXY_FIX=proxies,
    )
    client = app.test_client()

    def search(address: str) -> int:
        forwarded = {"X-Forwarded-For": address}
        return client.get("/dossiers/openai-chips/?q=chip", headers=forwarded).status_code

    assert [search("203.0.113.1") for _ in range(3)] == [200, 200, 429]
    # Behind a proxy each client has its own allowance; without one, X-Forwarded-For is
    # whatever the client typed and must not buy a fresh allowance.
    assert search("203.0.113.2") == (200 if separate else 429)
