"""Who is signed in on each request: Flask-Login set up with the session version check, and
where a signed-in reader may be sent back to."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_login import LoginManager, current_user

from db import get_session
from i18n import _
from models import User
from services.accounts import users as auth_service
from web.problems import problem


class Editor:
    """The signed-in account as Flask-Login sees it. Its id carries the account's session
    version, so a session opened before a sign-out or password change no longer loads."""

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, user: User) -> None:
        self.user = user

    def get_id(self) -> str:
        return auth_service.session_token(self.user)

    @property
    def username(self) -> str:
        return self.user.username

    @property
    def display_name(self) -> str:
        return self.user.display_name

    @property
    def is_admin(self) -> bool:
        return self.user.is_admin


def register_login(app: Flask) -> None:
    """Flask-Login, checking the session version on every request; secure cookies on HTTPS."""
    manager = LoginManager(app)
    manager.login_view = "auth.login"
    manager.user_loader(_load_editor)
    manager.unauthorized_handler(_unauthorized)
    # A global, not only the context Flask-Login fills: the macros showing an editor's links
    # (_form_macros.html) are then imported without context, which Jinja does once per
    # process; imported with it, their whole file ran twice for each claim page (#17).
    app.jinja_env.globals["current_user"] = current_user
    if app.config.get("PREFERRED_URL_SCHEME") == "https" or app.config.get("SECURE_COOKIES"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        # __Host- binds the cookie to this exact host over HTTPS: no subdomain can set it.
        app.config["SESSION_COOKIE_NAME"] = "__Host-claimline"
        app.config["SESSION_COOKIE_DOMAIN"] = None
        app.config["SESSION_COOKIE_PATH"] = "/"
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    # ASVS 3.3: a session ends 12 hours after sign-in, or after 30 minutes without a request.
    app.config.setdefault("SESSION_ABSOLUTE_SECONDS", 12 * 3600)
    app.config.setdefault("SESSION_IDLE_SECONDS", 30 * 60)
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", app.config["SESSION_ABSOLUTE_SECONDS"])


def start_session_clock() -> None:
    """Note when the session began; called at sign-in."""
    session["signed_in_at"] = session["seen_at"] = time.time()


def _load_editor(token: str) -> Editor | None:
    if _session_expired():
        return None
    user = auth_service.by_session_token(get_session(), token)
    return Editor(user) if user is not None else None


def _session_expired() -> bool:
    """Whether the session is past its absolute or idle lifetime (then it is emptied). The
    time of the last request is written at most once a minute, not on every page."""
    now = time.time()
    started, seen = session.get("signed_in_at"), session.get("seen_at")
    absolute = current_app.config["SESSION_ABSOLUTE_SECONDS"]
    idle = current_app.config["SESSION_IDLE_SECONDS"]
    if not isinstance(started, float | int) or not isinstance(seen, float | int):
        session.clear()
        return True
    if now - started > absolute or now - seen > idle:
        session.clear()
        return True
    if now - seen > 60:
        session["seen_at"] = now
    return False


def _unauthorized():
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return problem(401, detail="Sign in to use this.")
    flash(_("Sign in to make changes."), "info")
    return redirect(url_for("auth.login", next=_return_path()))


def _return_path() -> str:
    """Where to come back after signing in: this page, or for a form post the page the
    form was on (a POST-only address cannot be opened after the redirect)."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host:
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return ""


def safe_next(target: object) -> str:
    """`target` if it is a path on this site, else the home page: never another site."""
    home = url_for("dossiers.index")
    if not isinstance(target, str):
        return home
    target = target.strip()
    if (
        not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(char) < 32 or ord(char) == 127 for char in target)
    ):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return home
    return target
