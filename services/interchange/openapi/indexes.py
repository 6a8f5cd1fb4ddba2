"""The OpenAPI description of the entity and source indexes (`GET /index/entities`,
`GET /index/sources`), the twins of the `/entities/` and `/sources/` pages and of each
dossier's: every item with its count of claims, most counted first, capped."""

from __future__ import annotations

from typing import Any

from models.vocabulary import EntityKind
from services.interchange.openapi.parameters import READ_SECURITY, ok, problems, query
from services.interchange.openapi.shapes import object_schema, ref, values_of

URI = {"type": "string", "format": "uri"}
SCOPE = query(
    "dossier",
    {"type": "string"},
    "One dossier's slug; without it, every dossier the caller may list.",
)


def _index_path(operation: str, summary: str, schema: str) -> dict[str, Any]:
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "security": READ_SECURITY,
            "parameters": [SCOPE],
            "responses": {
                **ok(schema, "Most counted first, then by name; at most 500."),
                "304": {"description": "Not modified: the ETag sent in If-None-Match is current."},
                **problems(400, 401, 404),
            },
        }
    }


def index_paths() -> dict[str, Any]:
    return {
        "/index/entities": _index_path(
            "entityIndex",
            "People and organisations with the number of live claims naming them",
            "EntityIndex",
        ),
        "/index/sources": _index_path(
            "sourceIndex", "Sources with the number of live claims citing them", "SourceIndex"
        ),
    }


def _index(row: str) -> dict[str, Any]:
    return object_schema(
        {
            "items": {"type": "array", "items": ref(row)},
            "total": {"type": "integer", "minimum": 0, "description": "Items in this answer."},
            "truncated": {"type": "boolean", "description": "More matched than were listed."},
        },
        required=["items", "total", "truncated"],
    )


def index_schemas() -> dict[str, Any]:
    count = {"type": "integer", "minimum": 0, "description": "Live claims counted."}
    entity_row = object_schema(
        {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "kind": {"type": "string", "enum": values_of(EntityKind)},
            "count": count,
            "url": URI,
            "api_url": URI,
        },
        required=["slug", "name", "kind", "count", "url", "api_url"],
    )
    source_row = object_schema(
        {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "outlet": {"type": "string"},
            "dossier_slug": {"type": "string"},
            "dossier_title": {"type": "string"},
            "count": count,
            "url": URI,
            "api_url": URI,
        },
        required=["id", "title", "outlet", "dossier_slug", "dossier_title", "count", "url"],
    )
    return {
        "EntityIndexRow": entity_row,
        "EntityIndex": _index("EntityIndexRow"),
        "SourceIndexRow": source_row,
        "SourceIndex": _index("SourceIndexRow"),
    }
