"""Claimline: the application factory. `flask --app app` and `gunicorn "app:create_app()"`."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, make_response, render_template, request
from werkzeug.exceptions import HTTPException

import db
from cli import register_commands
from models import limits
from views import register_blueprints
from web.caching import register_caching
from web.claim_cards import register_claim_cards
from web.error_pages import page_description
from web.extensions import csrf
from web.file_cache import register_file_cache
from web.heavy_requests import register_heavy_requests
from web.jinja_filters import register_template_filters
from web.languages import register_languages
from web.pdf_jobs import register_pdf_queue
from web.problems import problem
from web.security import register_security
from web.sign_in import register_login

DEVELOPMENT_SECRET_KEY = "dev-only-not-secret"
DEFAULTS: dict[str, Any] = {
    # Replaced by instance/config.py (which `make run` writes) or the SECRET_KEY variable;
    # check_secret_key refuses to run with this one outside tests and debug mode.
    "SECRET_KEY": DEVELOPMENT_SECRET_KEY,
    "PER_PAGE": limits.PAGE_SIZE,
    "MAX_CONTENT_LENGTH": limits.REQUEST_MAX_BYTES,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Long enough to write a claim carefully without the form's token expiring.
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    # The most claims a print page or PDF holds for a reader not signed in (issue #18).
    "PRINT_ANONYMOUS_CLAIMS_MAX": limits.PRINT_ANONYMOUS_CLAIMS_MAX,
    # How many reverse proxies stand in front (0: none). Behind one, set 1, so sign-in
    # lockouts and rate limits count the client's address from X-Forwarded-For.
    "PROXY_FIX": 0,
    "SEED_DIR": os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds"),
}
ENVIRONMENT_KEYS = ("DATABASE_URL", "SECRET_KEY", "PROXY_FIX")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config in layers (defaults, instance/config.py, environment, tests)."""
    # INSTANCE_PATH moves instance/ (config.py, the SQLite file) out of a read-only checkout.
    app = Flask(
        __name__, instance_relative_config=True, instance_path=os.environ.get("INSTANCE_PATH")
    )
    app.config.from_mapping(DEFAULTS)
    app.config["DATABASE_URL"] = "sqlite:///" + os.path.join(app.instance_path, "claimline.db")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping({key: os.environ[key] for key in ENVIRONMENT_KEYS if key in os.environ})
    if test_config is not None:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    check_secret_key(app)

    register_extensions(app)
    register_blueprints(app)
    register_commands(app)
    register_errorhandlers(app)
    register_template_filters(app)
    return app


def check_secret_key(app: Flask) -> None:
    """Refuse to serve with a guessable key: anyone could forge sessions with it."""
    key = app.config.get("SECRET_KEY")
    if (not key or key == DEVELOPMENT_SECRET_KEY) and not (app.testing or app.debug):
        raise RuntimeError(
            "Claimline needs a SECRET_KEY. `make run` writes a random one to "
            "instance/config.py; in production set the SECRET_KEY environment variable, e.g. "
            "to the output of: python3 -c 'import secrets; print(secrets.token_hex(32))'"
        )


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    register_claim_cards(app)
    # The language first: the CSRF check and rate limits refuse before any view, in it.
    register_languages(app)
    csrf.init_app(app)
    register_security(app)
    register_caching(app)
    register_login(app)
    register_heavy_requests(app)
    register_file_cache(app)
    register_pdf_queue(app)


def register_errorhandlers(app: Flask) -> None:
    def render_error(error):
        code = getattr(error, "code", 500) or 500
        if code >= 500:
            db.get_session().rollback()
        if request.path.startswith("/api/"):
            detail = getattr(error, "description", None) if code < 500 else None
            response = problem(code, detail=detail)
        else:
            if isinstance(error, HTTPException):
                error.description = page_description(error)
            response = make_response(
                render_template("errors/error.html", error=error, code=code), code
            )
        # Keep what the error says in headers: Retry-After on 429, Allow on 405.
        if isinstance(error, HTTPException):
            for name, value in error.get_headers():
                if name.lower() != "content-type":
                    response.headers[name] = value
        return response

    for code in (400, 403, 404, 405, 409, 413, 429, 500):
        app.register_error_handler(code, render_error)
