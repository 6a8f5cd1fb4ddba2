"""HTTP caching: compression, long-lived fingerprinted static files, conditional GET.

An unchanged page costs a 304 and one small query instead of a render: the ETag is derived
from the dossier's last change, the exact URL, the day (the overview strip marks today) and
the build of the code. Because the ETag names the page's exact content, a page rendered for
one reader is kept under it and served to the next reader who asks for it (PAGE_CACHE).
Pages for signed-in editors carry their name and CSRF tokens, so they are never cached or
answered with 304.
"""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, current_app, make_response, request
from flask import session as cookie_session
from flask_compress import Compress
from flask_login import current_user
from sqlalchemy.orm import Session

import i18n
from db import engine_of
from models import Dossier
from services.reading import view_cache
from services.reading.freshness import last_change, last_change_in_public

ONE_YEAR = 365 * 24 * 3600


def register_caching(app: Flask) -> None:
    app.config.setdefault("PAGE_CACHE", True)
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    app.config.setdefault(
        "COMPRESS_MIMETYPES",
        ["text/html", "text/css", "application/json", "application/problem+json",
         "text/javascript", "image/svg+xml", "application/atom+xml", "text/csv"],
    )  # fmt: skip
    # Static files are left alone: compressing a file response reads it without closing it,
    # and they are small and cached for a year anyway.
    app.config["COMPRESS_REGISTER"] = False
    compress = Compress(app)

    def compress_dynamic(response: Response) -> Response:
        # Files kept on disk (exports, PDFs) go out as they are: compressing a 12 MB export
        # again for every download would cost what keeping it saved (issue #18).
        if request.endpoint == "static" or response.direct_passthrough:
            return response
        return compress.after_request(response)

    app.config["BUILD_ID"] = build_id(app)
    app.url_defaults(fingerprint_static)
    app.after_request(compress_dynamic)
    app.after_request(cache_static)
    app.after_request(keep_personal_answers_private)


def build_id(app: Flask) -> str:
    """Changes whenever a template or static file does, so a deploy invalidates every ETag."""
    digest = hashlib.sha256()
    folders = [Path(app.root_path) / "templates"]
    if app.static_folder is not None:
        folders.append(Path(app.static_folder))
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(f"{path}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=512)
def _file_digest(path: str, modified: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


def fingerprint_static(endpoint: str, values: dict) -> None:
    """`url_for('static', ...)` gains ?v=<content hash>, so the file can be cached for a year."""
    if endpoint != "static" or "filename" not in values or current_app.static_folder is None:
        return
    # One stat and no Path objects: every page links six static files through here (#17).
    path = os.path.join(current_app.static_folder, values["filename"])
    try:
        status = os.stat(path)
    except OSError:
        return
    if stat.S_ISREG(status.st_mode):
        values["v"] = _file_digest(path, status.st_mtime_ns)


def cache_static(response: Response) -> Response:
    if request.endpoint == "static" and response.status_code == 200:
        if "v" in request.args:
            response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
        else:
            response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def keep_personal_answers_private(response: Response) -> Response:
    """Say what an answer varies on, and keep shared caches from storing one made for a
    signed-in editor or a token holder (ASVS 8.1: sensitive data not cached by intermediaries).
    Pages vary on the session cookie (an editor sees edit buttons), the API on its token."""
    if request.endpoint == "static":
        return response
    response.vary.add("Authorization" if request.path.startswith("/api/") else "Cookie")
    personal = current_user.is_authenticated or "Authorization" in request.headers
    if personal and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "private, no-store"
    return response


def anonymous() -> bool:
    """A reader whose page is the same as every other reader's: not signed in, and with no
    message waiting to be shown once (after signing out, say)."""
    return not current_user.is_authenticated and "_flashes" not in cookie_session


def page_etag(session: Session, dossier: Dossier | None) -> tuple[str, datetime] | None:
    """The ETag and Last-Modified of the current request's page of `dossier` (or of a page
    drawing on every dossier, like an entity's, when None), or None when the page must not
    be cached (a signed-in editor)."""
    if not anonymous():
        return None
    if dossier is None:
        changed, listed = last_change_in_public(session)
    else:
        changed, listed = last_change(session, dossier), str(dossier.id)
    key = "|".join(
        (
            current_app.config["BUILD_ID"],
            listed,
            changed.isoformat(),
            datetime.now(UTC).date().isoformat(),
            request.host_url,  # canonical links and the API's "next" are absolute
            request.full_path,
            request.accept_mimetypes.to_header(),
            i18n.current(),  # the same address in every language (web/languages.py)
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()[:20], changed


def not_modified(validators: tuple[str, datetime] | None) -> Response | None:
    """A 304 when the client already holds this version of the page."""
    if validators is None:
        return None
    etag, _ = validators
    if request.if_none_match.contains(etag):
        response = Response(status=304)
        return mark(response, validators)
    return None


def _page_key(etag: str) -> tuple[str, str]:
    # Several apps can share a process (tests, a WSGI server hosting two): key by database.
    return str(engine_of(current_app).url), etag


def from_page_cache(
    validators: tuple[str, datetime] | None, mimetype: str = "text/html"
) -> Response | None:
    """The page as rendered for an earlier reader with the same ETag: the same bytes."""
    if validators is None or not current_app.config["PAGE_CACHE"]:
        return None
    body = view_cache.pages.get(_page_key(validators[0]))
    if body is None:
        return None
    return mark(Response(body, mimetype=mimetype), validators)


def page_response(page: str | Response, validators: tuple[str, datetime] | None) -> Response:
    """The rendered page with its validators, kept for the next reader when it may be."""
    response = make_response(page)
    if validators is not None and current_app.config["PAGE_CACHE"]:
        view_cache.pages.put(_page_key(validators[0]), response.get_data())
    return mark(response, validators)


def mark(response: Response, validators: tuple[str, datetime] | None) -> Response:
    """Send the validators, and ask caches to revalidate every time (content can change)."""
    if validators is None:
        response.headers["Cache-Control"] = "private, no-store"
        return response
    etag, changed = validators
    response.set_etag(etag)
    response.last_modified = changed
    response.headers["Cache-Control"] = "public, no-cache"
    return response
