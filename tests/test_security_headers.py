"""Security headers on every route, and the refusals that back up CSRF tokens."""

from __future__ import annotations

import pytest

from app import create_app
from tests.accounts import add_account, sign_in
from tests.conftest import build_app


def all_get_paths(app) -> list[str]:
    """One concrete path per GET route of the app, with seeded ids and slugs filled in."""
    samples = {"slug": "openai-chips", "claim_id": "1", "source_id": "1", "id": "1"}
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        path = rule.rule
        for name in rule.arguments:
            value = samples.get(name, "1")
            if name == "slug" and "entities" in path:
                value = "tsmc"
            path = path.replace(f"<{name}>", value).replace(f"<int:{name}>", value)
            path = path.replace(f"<path:{name}>", value)
        paths.append(path)
    return paths


def test_every_route_sends_the_security_headers(seeded_app, client):
    paths = all_get_paths(seeded_app)
    assert len(paths) >= 4
    for path in paths:
        response = client.get(path)
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, path
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp, (path, directive)
        assert "form-action 'self'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        assert "Strict-Transport-Security" not in headers


def test_hsts_is_sent_over_https(client):
    response = client.get("/", base_url="https://claimline.test")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}, {"Origin": "null"}],
)
def test_cross_site_writes_are_refused(client, headers):
    response = client.post("/dossiers/openai-chips/", headers=headers)
    assert response.status_code == 403


def test_same_origin_writes_pass_the_origin_check(client):
    response = client.post("/dossiers/openai-chips/", headers={"Origin": "http://claimline.test"})
    assert response.status_code == 405


def test_production_refuses_the_development_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"})


def test_error_pages_show_no_traceback(seeded_app, client):
    @seeded_app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret internal detail /etc/passwd")

    seeded_app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom-for-test")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internal detail" not in body and "Traceback" not in body


def test_over_https_the_session_cookie_is_host_prefixed_and_secure(tmp_path, seeded_template):
    app = build_app(tmp_path, seeded_template, SECURE_COOKIES=True)
    add_account(app, "secure-editor")
    client = app.test_client()
    response = sign_in(client, "secure-editor")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-claimline=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "Path=/" in cookie
    assert "Domain=" not in cookie
