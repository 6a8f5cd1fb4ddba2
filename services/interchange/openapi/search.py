"""The OpenAPI description of the search across dossiers (`GET /search`), the twin of the
`/search` page: found names, claims by dossier, and the offered correction."""

from __future__ import annotations

from typing import Any

from models.limits import SEARCH_TEXT_MAX
from models.vocabulary import EntityKind
from services.interchange.openapi.parameters import READ_SECURITY, ok, problems, query
from services.interchange.openapi.shapes import nullable, object_schema, ref, values_of

URI = {"type": "string", "format": "uri"}


def search_path() -> dict[str, Any]:
    return {
        "get": {
            "operationId": "search",
            "summary": "Entities, sources and tags whose names match, then matching claims by "
            "dossier, across every dossier the caller may read",
            "security": READ_SECURITY,
            "parameters": [
                query(
                    "q",
                    {"type": "string", "maxLength": SEARCH_TEXT_MAX},
                    'Words, all required; words in double quotes as a phrase ("7 trillion").',
                    required=True,
                ),
            ],
            "responses": {
                **ok("SearchResults", "What matches, or a correction when nothing does."),
                "304": {"description": "Not modified: the ETag sent in If-None-Match is current."},
                **problems(400, 401),
            },
        }
    }


def search_schemas() -> dict[str, Any]:
    name = object_schema(
        {
            "kind": {"type": "string", "enum": ["entity", "source", "tag"]},
            "name": {"type": "string"},
            "claims": {"type": "integer", "minimum": 0, "description": "Live claims it is in."},
            "url": {**URI, "description": "Its page (a tag's: its dossier's timeline)."},
            "slug": {"type": "string", "description": "An entity's."},
            "entity_kind": {"type": "string", "enum": values_of(EntityKind)},
            "id": {"type": "integer", "description": "A source's."},
            "outlet": {"type": "string"},
            "key": {"type": "string", "description": "A tag's."},
            "dossier": {"type": "string", "description": "The dossier of a source or tag."},
        },
        required=["kind", "name", "claims", "url"],
    )
    group = object_schema(
        {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "total": {"type": "integer", "minimum": 0},
            "claims": {"type": "array", "items": ref("Claim"), "description": "The first few."},
            "timeline_url": {**URI, "description": "Every match on the dossier's timeline."},
        }
    )
    correction = object_schema(
        {
            "query": {"type": "string"},
            "url": URI,
            "entity": {**nullable(ref("FoundName")), "description": "When it names one."},
        }
    )
    results = object_schema(
        {
            "query": {"type": "string"},
            "entities": {"type": "array", "items": ref("FoundName")},
            "sources": {"type": "array", "items": ref("FoundName")},
            "tags": {"type": "array", "items": ref("FoundName")},
            "claim_total": {"type": "integer", "minimum": 0},
            "dossiers": {"type": "array", "items": group, "description": "Most matches first."},
            "more_dossiers": {"type": "integer", "minimum": 0},
            "did_you_mean": {
                **nullable(correction),
                "description": "When nothing matches: a spelling from known names that does.",
            },
            "warnings": {"type": "array", "items": {"type": "string"}},
        }
    )
    return {"FoundName": name, "SearchResults": results}
