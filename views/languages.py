"""The language switch: a plain link, so it works without JavaScript."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, request

import i18n
from i18n import _
from web.languages import COOKIE, ONE_YEAR
from web.sign_in import safe_next

languages = Blueprint("languages", __name__)


@languages.get("/language/<code>")
def choose(code: str):
    """Remember the reader's language and go back to the page they were reading."""
    if code not in i18n.LANGUAGES:
        abort(404, description=_("Claimline is not translated into this language."))
    response = redirect(safe_next(request.args.get("next")), code=303)
    response.set_cookie(COOKIE, code, max_age=ONE_YEAR, samesite="Lax", httponly=True)
    response.headers["Cache-Control"] = "private, no-store"
    return response
