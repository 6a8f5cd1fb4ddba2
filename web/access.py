"""Who may read what on the HTML pages, the exports and the print.

The rule itself is `services.reading.dossier_lookup.readable` (private dossiers for signed-in
editors only); this module applies it to the current visitor, and every page, export and
print that shows a dossier's content goes through `require_readable`. The JSON API applies
the same rule to the holder of its bearer token (views/api.py, services/interchange).
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from db import get_session
from models import Dossier
from services.reading import dossier_lookup


def signed_in() -> bool:
    return bool(current_user.is_authenticated)


def require_readable(dossier: Dossier | None, what: str) -> Dossier:
    """The dossier if the visitor may read it; otherwise 404, the same answer as for something
    that does not exist, so a private dossier's existence does not leak."""
    if dossier is None or not dossier_lookup.readable(dossier, signed_in()):
        abort(404, description=f"There is no {what}.")
    return dossier


def readable_dossier(slug: str) -> Dossier:
    """The dossier named by `slug` if the visitor may read it; otherwise 404."""
    return require_readable(dossier_lookup.by_slug(get_session(), slug), f'dossier "{slug}"')
