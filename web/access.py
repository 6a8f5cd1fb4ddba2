"""Who may read what on the HTML pages, the exports and the print.

The rule itself is `services.reading.dossier_lookup.readable` (private dossiers for signed-in
editors only); this module applies it to the current visitor, and every page, export and
print that shows a dossier's content goes through `require_readable`. The JSON API applies
the same rule to the holder of its bearer token (views/api.py, services/interchange).
"""

from __future__ import annotations

from flask import abort, request
from flask_login import current_user

from db import get_session
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


def require_readable(dossier: Dossier | None, what: str) -> Dossier:
    """The dossier if the visitor may read it; otherwise 404, the same answer as for something
    that does not exist, so a private dossier's existence does not leak."""
    if dossier is None or not dossier_lookup.readable(dossier, signed_in()):
        abort(404, description=f"There is no {what}.")
    return dossier


def readable_dossier(slug: str) -> Dossier:
    """The dossier named by `slug` if the visitor may read it; otherwise 404."""
    return require_readable(dossier_lookup.by_slug(get_session(), slug), f'dossier "{slug}"')
