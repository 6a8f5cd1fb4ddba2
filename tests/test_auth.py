"""Signing in and out: lockouts that hold across processes, server-side sign-out, CSRF and
the editor-only routes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from db import get_session
from models import Claim, LoginFailure, Revision
from models.base import utcnow
from services.accounts import users as auth_service
from tests.accounts import EDITOR_PASSWORD, add_account, sign_in
from tests.conftest import build_app
from tests.editing_helpers import (
    claim_data,
    claim_id_by_key,
    count_claims,
    count_revisions,
    source_id,
    token,
)
from tests.helpers import soup

LOCKED = "Too many failed sign-ins"


def _message(response, status: int) -> str:
    return soup(response, status).select_one(".error-summary").get_text(" ", strip=True)


def test_sign_in_returns_to_the_page_the_editor_came_from(client, editor):
    response = sign_in(client, editor, next="/claims/new?dossier=openai-chips")
    assert response.status_code == 302
    assert response.location == "/claims/new?dossier=openai-chips"
    assert client.get("/claims/new?dossier=openai-chips").status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "\t//evil.example",
        "/login\r\nLocation: https://evil.example",
    ],
)
def test_sign_in_never_sends_the_editor_to_another_site(client, editor, target):
    response = sign_in(client, editor, next=target)
    assert response.status_code == 302
    assert response.location == "/"


def test_an_anonymous_editor_is_sent_to_sign_in_and_back(client):
    response = client.get("/claims/new?dossier=openai-chips")
    assert response.status_code == 302
    assert response.location == "/login?next=/claims/new?dossier%3Dopenai-chips"


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(client, editor):
    wrong_password = sign_in(client, editor, "not the password")
    unknown_name = sign_in(client, "nobody-here", "not the password")
    assert wrong_password.status_code == unknown_name.status_code == 401
    assert _message(wrong_password, 401) == _message(unknown_name, 401)
    assert "do not match" in _message(unknown_name, 401)


def test_five_failures_lock_that_name_from_that_address_even_with_the_right_password(
    client, editor
):
    for _ in range(auth_service.LOCKOUT_LIMIT):
        client.post(
            "/login",
            data={"username": editor, "password": "wrong"},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},
        )
    response = client.post(
        "/login",
        data={"username": editor, "password": EDITOR_PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 60
    assert LOCKED in _message(response, 429)
    assert client.get("/claims/new?dossier=openai-chips").status_code == 302


def test_failures_from_elsewhere_only_slow_the_real_user_down(seeded_app, editor):
    """Anyone can type a name: failures from other addresses never lock the account, they make
    each attempt wait a few seconds, and the real user gets in once the wait is over."""
    with seeded_app.app_context():
        session = get_session()
        moments = [utcnow() - timedelta(seconds=30 - second) for second in range(6)]
        for number, moment in enumerate(moments):
            address = f"203.0.113.{number}"
            session.add(LoginFailure(username_key=editor, address=address, created_at=moment))
        session.commit()
        now = moments[-1] + timedelta(seconds=1)
        slowed = auth_service.authenticate(session, editor, EDITOR_PASSWORD, "10.9.9.9", now=now)
        assert slowed.user is None and slowed.status == 429 and 0 < slowed.retry_after <= 2
        later = now + timedelta(seconds=slowed.retry_after)
        result = auth_service.authenticate(session, editor, EDITOR_PASSWORD, "10.9.9.9", now=later)
        assert result.user is not None


def test_the_delay_doubles_with_each_failure_up_to_a_minute(seeded_app, editor):
    with seeded_app.app_context():
        session = get_session()
        now = utcnow()
        for number in range(auth_service.LOCKOUT_LIMIT + 10):
            session.add(
                LoginFailure(username_key=editor, address=f"198.51.100.{number}", created_at=now)
            )
        session.commit()
        refused = auth_service.authenticate(session, editor, EDITOR_PASSWORD, "10.9.9.9", now=now)
        assert refused.retry_after == auth_service.ACCOUNT_DELAY_MAX


def test_an_address_guessing_many_names_is_locked(client, editor):
    for number in range(auth_service.ADDRESS_LIMIT):
        client.post(
            "/login",
            data={"username": f"guess{number}", "password": "wrong"},
            environ_base={"REMOTE_ADDR": "10.0.0.9"},
        )
    response = client.post(
        "/login",
        data={"username": editor, "password": EDITOR_PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert response.status_code == 429
    elsewhere = client.post(
        "/login",
        data={"username": editor, "password": EDITOR_PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.10"},
    )
    assert elsewhere.status_code == 302


def test_a_locked_unknown_name_looks_like_a_locked_real_one(client, editor):
    for name in (editor, "no-such-editor"):
        for _ in range(auth_service.LOCKOUT_LIMIT):
            sign_in(client, name, "wrong", environ_base={"REMOTE_ADDR": f"10.1.0.{len(name)}"})
    real = sign_in(client, editor, "wrong", environ_base={"REMOTE_ADDR": "10.2.0.1"})
    unknown = sign_in(client, "no-such-editor", "wrong", environ_base={"REMOTE_ADDR": "10.2.0.2"})
    assert real.status_code == unknown.status_code == 429
    assert _message(real, 429) == _message(unknown, 429)


def test_failures_count_across_server_processes(tmp_path, seeded_app, editor):
    # A second app on the same database stands for a second gunicorn worker.
    other_worker = build_app(tmp_path / "other", _Template(seeded_app))
    clients = [seeded_app.test_client(), other_worker.test_client()]
    for attempt in range(auth_service.LOCKOUT_LIMIT):
        sign_in(clients[attempt % 2], editor, "wrong")
    assert sign_in(clients[0], editor).status_code == 429
    assert sign_in(clients[1], editor).status_code == 429


class _Template:
    """Points build_app at an existing database instead of cloning one."""

    def __init__(self, app) -> None:
        self.url = app.config["DATABASE_URL"]

    def clone(self, tmp_path) -> str:
        return self.url


def test_the_lockout_ends_after_its_window(seeded_app, editor):
    with seeded_app.app_context():
        session = get_session()
        long_ago = utcnow() - auth_service.LOCKOUT_WINDOW - timedelta(seconds=1)
        for _ in range(auth_service.LOCKOUT_LIMIT):
            session.add(LoginFailure(username_key=editor, address="10.0.0.1", created_at=long_ago))
        session.commit()
        result = auth_service.authenticate(session, editor, EDITOR_PASSWORD, "10.0.0.1")
        assert result.user is not None and result.user.username == editor


def test_signing_in_starts_a_new_session(client, editor):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    sign_in(client, editor)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_signing_out_ends_the_session_on_the_server_too(seeded_app, editor):
    browser = seeded_app.test_client()
    sign_in(browser, editor)
    stolen = browser.get_cookie("session", domain="claimline.test").value
    copy = seeded_app.test_client()
    copy.set_cookie("session", stolen, domain="claimline.test")
    assert copy.get("/claims/new?dossier=openai-chips").status_code == 200
    response = browser.post("/logout")
    assert response.status_code == 302
    replay = seeded_app.test_client()
    replay.set_cookie("session", stolen, domain="claimline.test")
    assert replay.get("/claims/new?dossier=openai-chips").status_code == 302


def test_a_password_change_ends_open_sessions(seeded_app, editor_client):
    with seeded_app.app_context():
        session = get_session()
        auth_service.set_password(
            session, auth_service.by_name(session, "editor"), "another long password"
        )
        session.commit()
    assert editor_client.get("/claims/new?dossier=openai-chips").status_code == 302


def test_sign_out_needs_a_post(editor_client):
    assert editor_client.get("/logout").status_code == 405
    assert editor_client.get("/claims/new?dossier=openai-chips").status_code == 200


def test_the_session_cookie_is_http_only_and_same_site(client, editor):
    response = sign_in(client, editor)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_the_session_cookie_is_secure_when_served_over_https(tmp_path, seeded_template):
    app = build_app(tmp_path, seeded_template, PREFERRED_URL_SCHEME="https")
    add_account(app, "editor")
    response = sign_in(app.test_client(), "editor")
    assert "Secure" in response.headers["Set-Cookie"]


def test_the_site_nav_offers_sign_in_to_readers_and_sign_out_to_editors(client, editor_client):
    reader = soup(client.get("/"))
    assert reader.select_one('nav a[href^="/login"]').get_text() == "Sign in"
    editor = soup(editor_client.get("/"))
    # The display name (add_account leaves the default), never the sign-in name "editor".
    assert editor.select_one(".user-name").get_text() == "Signed in as Editor"
    sign_out = editor.select_one('form[action="/logout"]')
    assert sign_out["method"] == "post" and sign_out.select_one('input[name="csrf_token"]')


# --- every route that changes something ----------------------------------------------------


def _changing_requests(app) -> list[tuple[str, dict]]:
    """(url, form data) for every state-changing route, with otherwise valid data."""
    claim = claim_id_by_key(app, "hbm-shortage")
    article = source_id(app)
    with app.app_context():
        session = get_session()
        version = str(session.get(Claim, claim).version)
        revision = str(
            session.scalar(
                select(Revision.id).where(
                    Revision.object_type == "claim", Revision.object_id == claim
                )
            )
        )
    edit = claim_data(article, version=version)
    return [
        ("/claims/new?dossier=openai-chips", claim_data(article)),
        (f"/claims/{claim}/edit", edit),
        (f"/claims/{claim}/merge", {"mine": "{}", "version": version, "submission": token()}),
        (f"/claims/{claim}/delete", {"version": version, "submission": token()}),
        (
            f"/claims/{claim}/restore",
            {"revision": revision, "version": version, "submission": token()},
        ),
        (
            "/sources/new?dossier=openai-chips",
            {"title": "A new report", "kind": "report", "submission": token()},
        ),
        (f"/sources/{article}/edit", {"title": "Renamed", "version": "1", "submission": token()}),
        ("/entities/new", {"name": "Hock Tan", "kind": "person", "submission": token()}),
        (
            "/entities/broadcom/edit",
            {"name": "Broadcom Inc.", "kind": "organisation", "version": "1"},
        ),
        ("/entities/merge", {"duplicate": "google", "kept": "broadcom", "submission": token()}),
        ("/dossiers/new", {"title": "A new dossier", "submission": token()}),
        (
            "/dossiers/openai-chips/edit",
            {"title": "Renamed", "version": "1", "submission": token()},
        ),
        ("/dossiers/openai-chips/archive", {"version": "1", "archive": "x", "submission": token()}),
    ]


def test_anonymous_posts_change_nothing_and_go_to_sign_in(seeded_app, client):
    before = (count_claims(seeded_app), count_revisions(seeded_app))
    for url, data in _changing_requests(seeded_app):
        response = client.post(url, data=data)
        assert response.status_code == 302, url
        assert response.location.startswith("/login?next="), url
    assert (count_claims(seeded_app), count_revisions(seeded_app)) == before


@pytest.mark.parametrize("csrf_token", [None, "wrong-token"])
def test_every_state_changing_route_refuses_a_missing_or_wrong_csrf_token(
    tmp_path, seeded_template, csrf_token
):
    app = build_app(tmp_path, seeded_template, WTF_CSRF_ENABLED=True)
    add_account(app, "editor")
    browser = app.test_client()
    page = soup(browser.get("/login"))
    good = page.select_one('input[name="csrf_token"]')["value"]
    assert sign_in(browser, "editor", csrf_token=good).status_code == 302
    before = (count_claims(app), count_revisions(app))
    requests = _changing_requests(app) + [("/logout", {}), ("/login", {"username": "editor"})]
    for url, data in requests:
        if csrf_token:
            data = data | {"csrf_token": csrf_token}
        response = browser.post(url, data=data)
        assert response.status_code == 400, url
    assert (count_claims(app), count_revisions(app)) == before
    assert browser.get("/claims/new?dossier=openai-chips").status_code == 200  # still signed in


def test_a_valid_csrf_token_is_accepted(tmp_path, seeded_template):
    app = build_app(tmp_path, seeded_template, WTF_CSRF_ENABLED=True)
    add_account(app, "editor")
    browser = app.test_client()
    login_token = soup(browser.get("/login")).select_one('input[name="csrf_token"]')["value"]
    sign_in(browser, "editor", csrf_token=login_token)
    form = soup(browser.get("/claims/new?dossier=openai-chips"))
    form_token = form.select_one('form.claim-form input[name="csrf_token"]')["value"]
    data = claim_data(source_id(app), csrf_token=form_token)
    assert browser.post("/claims/new?dossier=openai-chips", data=data).status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/claims/new?dossier=openai-chips",
        "/claims/1/edit",
        "/claims/1/delete",
        "/claims/1/history",
        "/dossiers/openai-chips/changes",
        "/sources/new?dossier=openai-chips",
        "/sources/1/edit",
        "/entities/new",
        "/entities/broadcom/edit",
        "/entities/merge",
        "/dossiers/new",
        "/dossiers/openai-chips/edit",
        "/dossiers/openai-chips/history",
    ],
)
def test_editing_pages_need_a_signed_in_editor(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.location.startswith("/login?next=")


def test_the_date_reader_answers_anonymous_callers_with_401_json(client):
    response = client.get("/claims/parse-date?text=2024", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_the_sign_in_page_sends_a_signed_in_editor_on(editor_client):
    response = editor_client.get("/login?next=/dossiers/openai-chips/")
    assert response.status_code == 302 and response.location == "/dossiers/openai-chips/"


def test_readers_get_no_session_cookie(client):
    # Pages stay cacheable for readers: only signing in (or a form) starts a session.
    for url in ("/", "/dossiers/openai-chips/", "/claims/1"):
        assert "Set-Cookie" not in client.get(url).headers, url


def test_new_passwords_are_hashed_with_argon2id(seeded_app, editor):
    with seeded_app.app_context():
        user = auth_service.by_name(get_session(), editor)
        assert user.password_hash.startswith("$argon2id$")


def test_an_older_scrypt_hash_still_signs_in_and_is_rehashed_with_argon2id(
    seeded_app, client, editor
):
    with seeded_app.app_context():
        session = get_session()
        user = auth_service.by_name(session, editor)
        user.password_hash = generate_password_hash(EDITOR_PASSWORD, method="scrypt")
        session.commit()
    assert sign_in(client, editor, "not the password").status_code == 401
    assert sign_in(client, editor).status_code == 302
    with seeded_app.app_context():
        assert auth_service.by_name(get_session(), editor).password_hash.startswith("$argon2id$")
