"""Who may read what on the HTML pages, the exports and the print.

The rule itself is `services.reading.dossier_lookup.readable` (private dossiers for signed-in
editors only, unlisted ones for holders of their access key); this module applies it to the
current visitor, and every page, export and print that shows a dossier's content goes through
`require_readable`. A reader is given an unlisted dossier's key by its share link, `/d/<key>`,
which keeps it in their session (`grant_access`), so the dossier's own links need not carry
it. The JSON API applies the same rule to the holder of its bearer token or `?key=`
(views/api.py, services/interchange).
"""

from __future__ import annotations

from flask import abort, request, session
from flask_login import current_user

from db import get_session
from i18n import _
from models import Dossier
from services.accounts import api_tokens
from services.reading import dossier_lookup


def signed_in() -> bool:
    return bool(current_user.is_authenticated)


def editor_or_token() -> bool:
    """A signed-in editor, or a request carrying a valid API token (`Authorization: Bearer`).
    Histories and the site's change feed name editors and keep deleted and redacted text:
    they are for these callers only."""
    if signed_in():
        return True
    secret = api_tokens.bearer_secret(request.headers.get("Authorization"))
    return secret is not None and api_tokens.authenticate(get_session(), secret) is not None


# How many share links one browser session remembers; the oldest is forgotten first.
KEYS_KEPT = 20


def held_access_keys() -> list[str]:
    """The access keys of unlisted dossiers this visitor holds: those their share links left
    in the session, and one sent as `?key=`."""
    keys = list(session.get("dossier_keys", []))
    if sent := request.args.get("key"):
        keys.append(sent)
    return keys


def grant_access(dossier: Dossier) -> None:
    """Remember that this visitor opened the dossier's share link (in the signed session)."""
    key = dossier.access_key
    kept = [held for held in session.get("dossier_keys", []) if held != key]
    if key is not None:
        session["dossier_keys"] = [*kept, key][-KEYS_KEPT:]


def require_readable(dossier: Dossier | None, missing: str) -> Dossier:
    """The dossier if the visitor may read it; otherwise 404 saying `missing` ("There is no
    claim 12."), the same answer as for something that does not exist, so a private or
    unlisted dossier's existence does not leak."""
    if dossier is None or not dossier_lookup.readable(dossier, signed_in(), held_access_keys()):
        abort(404, description=missing)
    return dossier


def readable_dossier(slug: str) -> Dossier:
    """The dossier named by `slug` if the visitor may read it; otherwise 404."""
    found = dossier_lookup.by_slug(get_session(), slug)
    return require_readable(found, _('There is no dossier "%(slug)s".', slug=slug))
