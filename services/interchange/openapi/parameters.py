"""The OpenAPI document's parameters, responses and security requirements, shared by the
reading and the writing paths."""

from __future__ import annotations

from typing import Any

from models.vocabulary import Attribution, Status
from services.interchange.openapi.shapes import (
    ID_SCHEMA,
    JSON,
    MAX_PER_PAGE,
    PROBLEM,
    ref,
    values_of,
)


def query(name: str, schema: dict, description: str, required: bool = False, **extra) -> dict:
    parameter = {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
        "description": description,
    }
    parameter.update(extra)
    return parameter


def path_parameter(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": schema,
            "description": description}  # fmt: skip


PROBLEM_REASONS = {
    400: "Bad input: the `errors` list names each wrong field or parameter.",
    401: "No token, or an unknown or revoked one (a `WWW-Authenticate` header says which).",
    403: "The token may only read.",
    404: "Not found (or in a private dossier the caller may not see).",
    409: "A field sent was also changed since the version sent (`conflicts` names them, "
    "`current` holds the item), or the item is still in use. A stale version whose changes "
    "do not overlap is merged and answered 200.",
    413: "The body is larger than the server accepts (1 MB by default).",
    415: "The body is not application/json.",
}


def problems(*codes: int) -> dict[str, Any]:
    return {
        str(code): {
            "description": PROBLEM_REASONS[code],
            "content": {PROBLEM: {"schema": ref("Problem")}},
        }
        for code in codes
    }


def ok(schema: str, description: str, status: int = 200) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {JSON: {"schema": ref(schema)}},
    }
    if status == 201:
        response["headers"] = {
            "Location": {"description": "The new item's API address.", "schema": {"type": "string"}}
        }
    return {str(status): response}


def body(schema: str) -> dict[str, Any]:
    return {"required": True, "content": {JSON: {"schema": ref(schema)}}}


PER_PAGE = query(
    "per_page",
    {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    "Items per page (default 50).",
)
DOSSIER = query(
    "dossier", {"type": "string"}, "The dossier's slug, e.g. `openai-chips`.", required=True
)
VERSION_PARAMETER = query(
    "version",
    {"type": "integer", "minimum": 1},
    "The version you last read; a stale one is refused with 409.",
    required=True,
)
READ_SECURITY: list[dict] = [{}, {"bearerAuth": []}]
# Histories keep deleted and redacted text and name editors: a token of either scope.
TOKEN_SECURITY: list[dict] = [{"bearerAuth": []}]
WRITE_SECURITY: list[dict] = [{"bearerAuth": []}]

CLAIM_FILTERS = [
    query(
        "attribution",
        {"type": "array", "items": {"type": "string", "enum": values_of(Attribution)}},
        "Keep claims with any of these attributions (repeat the parameter).",
        style="form",
        explode=True,
    ),
    query("entity", {"type": "string"}, "An entity's slug: claims it says or is named in."),
    query("tag", {"type": "string"}, "A tag (lower case)."),
    query("source", {"type": "integer", "minimum": 0}, "A source id: claims from or via it."),
    query("status", {"type": "string", "enum": values_of(Status)}, "One status."),
    query(
        "min_confidence", {"type": "integer", "minimum": 0, "maximum": 100}, "Lowest confidence."
    ),
    query("from", {"type": "string"}, 'Earliest date, as people write it ("2023", "2024-06").'),
    query("to", {"type": "string"}, "Latest date, likewise."),
    query("q", {"type": "string"}, "Words to find in statement, quote and notes."),
    query("order", {"type": "string", "enum": ["event", "stated"]}, "Which date to sort on."),
    query("after", {"type": "string"}, "The position from a `next` link (keyset pagination)."),
]


CLAIM_ID = path_parameter("claim_id", ID_SCHEMA, "A claim's id.")
SOURCE_ID = path_parameter("source_id", ID_SCHEMA, "A source's id.")
ENTITY_SLUG = path_parameter("slug", {"type": "string"}, "An entity's slug.")
DOSSIER_SLUG = path_parameter("slug", {"type": "string"}, "The dossier's slug.")
