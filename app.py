"""Claimline: the application factory. `flask --app app` and `gunicorn "app:create_app()"`."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFProtect

import db
from cli import register_commands
from views import register_blueprints
from views.filters import register_template_filters
from views.problems import problem

DEFAULTS: dict[str, Any] = {
    # Replaced by instance/config.py (which `make run` writes) or the SECRET_KEY variable.
    "SECRET_KEY": "dev-only-not-secret",
    "PER_PAGE": 50,
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Long enough to write a claim carefully without the form's token expiring.
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    "SEED_DIR": os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds"),
}
ENVIRONMENT_KEYS = ("DATABASE_URL", "SECRET_KEY")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config in layers (defaults, instance/config.py, environment, tests)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    app.config["DATABASE_URL"] = "sqlite:///" + os.path.join(app.instance_path, "claimline.db")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping({key: os.environ[key] for key in ENVIRONMENT_KEYS if key in os.environ})
    if test_config is not None:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    register_extensions(app)
    register_blueprints(app)
    register_commands(app)
    register_errorhandlers(app)
    register_template_filters(app)
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    CSRFProtect(app)


def register_errorhandlers(app: Flask) -> None:
    def render_error(error):
        code = getattr(error, "code", 500) or 500
        if code >= 500:
            db.get_session().rollback()
        if request.path.startswith("/api/"):
            return problem(code, detail=getattr(error, "description", None))
        return render_template("errors/error.html", error=error, code=code), code

    for code in (400, 403, 404, 405, 409, 413, 429, 500):
        app.register_error_handler(code, render_error)
