"""RFC 9457 problem details, the API's error format."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import Response, jsonify


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
    response.mimetype = "application/problem+json"
    return response
