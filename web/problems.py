"""RFC 9457 problem details, the API's error format."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from flask import Response, jsonify

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
        detail=detail or f"{count} field{'' if count == 1 else 's'} could not be used.",
        errors=listed,
    )
