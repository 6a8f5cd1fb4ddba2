"""Who may read what: one check for every HTML page that shows a dossier's content."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from models import Dossier
from services.reading import dossier_lookup as dossier_service


def signed_in() -> bool:
    return bool(current_user.is_authenticated)


def require_readable(dossier: Dossier | None, what: str) -> Dossier:
    """The dossier if the visitor may read it; otherwise 404, the same answer as for something
    that does not exist, so a private dossier's existence does not leak."""
    if dossier is None or not dossier_service.readable(dossier, signed_in()):
        abort(404, description=f"There is no {what}.")
    return dossier
