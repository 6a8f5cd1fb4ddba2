"""RFC 9457 problem details, the API's error format.

A problem's `title` is the status's English phrase, the same for every client (programs match
on it); its `detail` and the `message` of each validation error are for the person reading
them, in the language the request asked for (Accept-Language), as the callers build them
with i18n's `_` (#20). Field names and the other members stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from flask import Response, jsonify

from i18n import ngettext

PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem(status: int, detail: str | None = None, **extra: Any) -> Response:
    """A JSON problem response; `extra` adds members such as `errors` for validation."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_MEDIA_TYPE
    return response


def validation_problem(errors: Mapping[str, str], detail: str | None = None) -> Response:
    """400 with one `{field, message}` entry per wrong field, in the order they were found."""
    listed = [{"field": field, "message": message} for field, message in errors.items()]
    count = len(listed)
    return problem(
        400,
        detail=detail
        or ngettext(
            "%(total)s field could not be used.",
            "%(total)s fields could not be used.",
            count,
            total=count,
        ),
        errors=listed,
    )
