"""The OpenAPI components for entities: as read, as the page's twin, as written."""

from __future__ import annotations

from typing import Any

from models.vocabulary import EntityKind
from services.interchange.api_queries import ENTITY_PAGE_SIDES
from services.interchange.openapi.shapes import (
    ANY,
    NAMES_INPUT,
    list_of,
    nullable,
    object_schema,
    text,
    values_of,
)


def entity_schemas(timestamp: dict[str, Any], version: dict[str, Any]) -> dict[str, Any]:
    """Entity, EntityPage, EntityList, EntityCreate and EntityPatch."""
    entity_read = {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": values_of(EntityKind)},
        "description": {"type": "string"},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "member_of": {
            "type": ["string", "null"],
            "description": "The slug of the organisation it belongs to, or null.",
        },
        "version": {"type": "integer"},
        "created_at": timestamp,
        "updated_at": timestamp,
        "url": {"type": "string", "format": "uri", "description": "The entity's page."},
        "api_url": {"type": "string", "format": "uri"},
    }
    page_side = object_schema(
        {
            "claims": {"type": "array", "items": {"type": "integer"}},
            "total": {"type": "integer", "minimum": 0},
        }
    )
    entity_input = {
        "slug": text(100, pattern="^[a-z0-9][a-z0-9-]*$"),
        "name": text(200),
        "kind": {"type": "string", "enum": values_of(EntityKind)},
        "description": nullable(text(300)),
        "aliases": nullable({**NAMES_INPUT, "description": "Other names, at most 20."}),
        "member_of": {
            **nullable(text(100)),
            "description": "The slug of the organisation it belongs to (not a person), or null.",
        },
    }
    entity_read_only = {name: ANY for name in ("url", "api_url", "created_at", "updated_at")}
    return {
        "Entity": object_schema(entity_read),
        "EntityPage": object_schema(
            {**entity_read, **{side: page_side for side in ENTITY_PAGE_SIDES}},
            description="An entity with what its page shows: the claims (ids, in the page's "
            "order, at most 50 each) of its own words in public and in private, and of what "
            "others say of it, with their totals.",
        ),
        "EntityList": list_of("Entity", "A page of entities, by slug."),
        "EntityCreate": object_schema(
            {**entity_input, **entity_read_only},
            required=["name", "kind"],
            description="The slug is made from the name when left out.",
        ),
        "EntityPatch": object_schema(
            {"version": version, **entity_input, **entity_read_only}, required=["version"]
        ),
    }
