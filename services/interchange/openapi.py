"""The OpenAPI 3.1 document of the JSON API, built here as data and served as it is.

It describes every endpoint, parameter and schema as views/api.py implements them; the
tests validate the document and check live responses against these schemas, so a change
to the API that is not made here too fails the build.
"""

from __future__ import annotations

from typing import Any

from models.claim import NOTES_MAX, QUOTE_MAX, STATEMENT_MAX, TAGS_MAX
from models.vocabulary import (
    RELIABILITY_GRADES,
    Attribution,
    EntityKind,
    RelationType,
    SourceKind,
    Status,
    Visibility,
)

VERSION = "1.0.0"
PROBLEM = "application/problem+json"
JSON = "application/json"
MAX_PER_PAGE = 200
# The largest id the routes accept (views.urls.DatabaseIdConverter); beyond it, not found.
ID_SCHEMA = {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}


def _values(enum_class) -> list[str]:
    return [member.value for member in enum_class]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _text(max_length: int | None = None, **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", **extra}
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def _object(properties: dict[str, Any], required=None, **extra: Any) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    schema["required"] = list(properties) if required is None else list(required)
    schema.update(extra)
    return schema


def _list_of(item: str, description: str) -> dict[str, Any]:
    return _object(
        {
            "items": {"type": "array", "items": _ref(item)},
            "next": {
                **_nullable({"type": "string", "format": "uri"}),
                "description": "The next page, with the same arguments; null on the last.",
            },
            "total": {"type": "integer", "minimum": 0, "description": "Items in all pages."},
        },
        description=description,
    )


DATE_INPUT = {
    "description": 'A date as people write it ("4 June 2024", "June 2024", "late 2023", '
    '"around 2023", "2026 or later", an EDTF string), or a date object as the API returns it '
    '(only its `edtf` is read). Relative phrases ("last month") are read against the '
    "source's publication date.",
    "anyOf": [
        {"type": "string", "maxLength": 200},
        {"type": "object", "properties": {"edtf": {"type": "string"}}, "required": ["edtf"]},
    ],
}
NAMES_INPUT = {
    "description": "A list of names, or one text with the names separated by commas.",
    "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}],
}
ANY = {"description": "Read-only: accepted and ignored, so a GET response can be sent back."}


def schemas() -> dict[str, Any]:
    new_source = {
        "type": "object",
        "description": "A new source, saved with the claim.",
        "properties": {
            name: {"type": ["string", "null"]}
            for name in ("title", "outlet", "author", "url", "language", "kind", "published",
                         "reliability", "notes")
        },
        "required": ["title"],
    }  # fmt: skip
    source_reference = {
        "description": 'A source of the same dossier by id or key, {"id": …} as the API '
        "returns it, or the fields of a new source.",
        "anyOf": [
            {"type": "integer"},
            {"type": "string"},
            {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]},
            new_source,
        ],
    }
    entity_reference = {
        "description": 'An entity by slug, {"slug": …}, or the fields of a new entity.',
        "anyOf": [
            {"type": "string"},
            {"type": "object", "properties": {"slug": {"type": "string"}}, "required": ["slug"]},
            {
                "type": "object",
                "description": "A new entity, saved with the claim.",
                "properties": {
                    "name": {"type": "string"},
                    "kind": {"type": "string", "enum": _values(EntityKind)},
                    "description": {"type": ["string", "null"]},
                    "aliases": NAMES_INPUT,
                },
                "required": ["name", "kind"],
            },
        ],
    }
    claim_input = {
        "key": {
            **_nullable(_text(100)),
            "description": "A stable identifier within the dossier, used by imports.",
        },
        "statement": _text(STATEMENT_MAX, description="The claim, in one sentence."),
        "quote": _nullable(_text(QUOTE_MAX)),
        "quote_lang": _nullable(_text(35, description='Language of the quote, like "fr".')),
        "attribution": {"type": "string", "enum": _values(Attribution)},
        "speaker": _nullable(entity_reference),
        "speaker_description": _nullable(_text(300)),
        "via": _nullable(source_reference),
        "source": source_reference,
        "locator": _nullable({"type": "integer", "minimum": 1, "maximum": 100000}),
        "event_date": _nullable(DATE_INPUT),
        "stated_date": DATE_INPUT,
        "confidence": {"type": "integer", "minimum": 0, "maximum": 100},
        "status": {"type": "string", "enum": _values(Status)},
        "tags": _nullable({**NAMES_INPUT, "description": f"At most {TAGS_MAX} tags."}),
        "entities": _nullable({**NAMES_INPUT, "description": "Slugs of entities mentioned."}),
        "relations": _nullable(
            {
                "type": "array",
                "maxItems": 50,
                "description": "Replaces the claim's relations; left out, they stay.",
                "items": _object(
                    {
                        "type": {"type": "string", "enum": _values(RelationType)},
                        "claim_id": {"type": "integer"},
                        "note": _nullable(_text(1000)),
                    },
                    required=["type", "claim_id"],
                ),
            }
        ),
        "notes": _nullable(_text(NOTES_MAX, description="Markdown.")),
    }
    claim_read_only = {
        name: ANY
        for name in ("id", "url", "api_url", "attribution_label", "confidence_label",
                     "created_at", "updated_at")
    }  # fmt: skip
    source_input = {
        "key": _nullable(_text(100)),
        "title": _text(500),
        "outlet": _nullable(_text(200)),
        "author": _nullable(_text(200)),
        "url": _nullable(_text(2000, description="An http or https address.")),
        "language": _nullable(_text(35)),
        "kind": _nullable({"type": "string", "enum": _values(SourceKind)}),
        "published": _nullable(DATE_INPUT),
        "reliability": _nullable(
            {"type": "string", "enum": list(RELIABILITY_GRADES), "description": "Admiralty."}
        ),
        "notes": _nullable(_text(NOTES_MAX)),
    }
    source_read_only = {
        name: ANY for name in ("id", "page_url", "api_url", "created_at", "updated_at")
    }
    entity_input = {
        "slug": _text(100, pattern="^[a-z0-9][a-z0-9-]*$"),
        "name": _text(200),
        "kind": {"type": "string", "enum": _values(EntityKind)},
        "description": _nullable(_text(300)),
        "aliases": _nullable({**NAMES_INPUT, "description": "Other names, at most 20."}),
    }
    entity_read_only = {name: ANY for name in ("url", "api_url", "created_at", "updated_at")}
    version = {"type": "integer", "minimum": 1, "description": "The version you last read."}
    timestamp = {"type": "string", "format": "date-time"}
    return {
        "FuzzyDate": _object(
            {
                "edtf": {"type": "string", "description": "Library of Congress EDTF, level 1."},
                "earliest": _nullable({"type": "string", "format": "date"}),
                "latest": _nullable({"type": "string", "format": "date"}),
                "label": {"type": "string", "description": 'As people write it: "June 2024".'},
            },
            description="An imprecise date; earliest/latest are null when the span is open.",
        ),
        "EntityRef": _object({"name": {"type": "string"}, "slug": {"type": "string"}}),
        "SourceRef": _object({"id": {"type": "integer"}, "title": {"type": "string"}}),
        "Relation": _object(
            {
                "type": {"type": "string", "enum": _values(RelationType)},
                "claim_id": {"type": "integer"},
                "note": {"type": "string"},
            },
            description='Read as "<this claim> <type> <claim_id>".',
        ),
        "Claim": _object(
            {
                "id": {"type": "integer"},
                "dossier": {"type": "string"},
                "key": _nullable({"type": "string"}),
                "statement": {"type": "string"},
                "quote": {"type": "string"},
                "quote_lang": _nullable({"type": "string"}),
                "attribution": {"type": "string", "enum": _values(Attribution)},
                "attribution_label": {"type": "string"},
                "speaker": _nullable(_ref("EntityRef")),
                "speaker_description": _nullable({"type": "string"}),
                "via": _nullable(_ref("SourceRef")),
                "source": _ref("SourceRef"),
                "locator": _nullable({"type": "integer"}),
                "event_date": _nullable(_ref("FuzzyDate")),
                "stated_date": _ref("FuzzyDate"),
                "confidence": {"type": "integer", "minimum": 0, "maximum": 100},
                "confidence_label": {"type": "string", "description": "ICD 203 words."},
                "status": {"type": "string", "enum": _values(Status)},
                "tags": {"type": "array", "items": {"type": "string"}},
                "relations": {"type": "array", "items": _ref("Relation")},
                "notes": {"type": "string"},
                "version": {"type": "integer"},
                "created_at": timestamp,
                "updated_at": timestamp,
                "url": {"type": "string", "format": "uri", "description": "The claim's page."},
                "api_url": {"type": "string", "format": "uri"},
            }
        ),
        "ClaimList": _list_of("Claim", "A page of claims, in timeline order."),
        "ClaimCreate": _object(
            {"dossier": {"type": "string"}, **claim_input, **claim_read_only},
            required=["dossier", "statement", "attribution", "source", "stated_date", "confidence"],
        ),  # fmt: skip
        "ClaimPatch": _object(
            {"version": version, "dossier": {"type": "string"}, **claim_input, **claim_read_only},
            required=["version"],
            description="The fields to change, and the version they apply to.",
        ),
        "Dossier": _object(
            {
                "slug": {"type": "string"},
                "title": {"type": "string"},
                "subject": {"type": "string"},
                "summary": {"type": "string", "description": "Markdown."},
                "methodology": {"type": "string", "description": "Markdown."},
                "visibility": {"type": "string", "enum": _values(Visibility)},
                "claim_count": {"type": "integer"},
                "source_count": {"type": "integer"},
                "changed_at": timestamp,
                "url": {"type": "string", "format": "uri"},
                "api_url": {"type": "string", "format": "uri"},
                "claims_url": {"type": "string", "format": "uri"},
                "sources_url": {"type": "string", "format": "uri"},
                "exports": _object(
                    {
                        name: {"type": "string", "format": "uri"}
                        for name in ("csv", "json", "timelinejs", "atom")
                    }
                ),
            }
        ),
        "DossierList": _list_of("Dossier", "Dossiers, most recently changed first."),
        "Source": _object(
            {
                "id": {"type": "integer"},
                "dossier": {"type": "string"},
                "key": _nullable({"type": "string"}),
                "title": {"type": "string"},
                "outlet": {"type": "string"},
                "author": _nullable({"type": "string"}),
                "url": _nullable({"type": "string"}),
                "language": _nullable({"type": "string"}),
                "kind": {"type": "string", "enum": _values(SourceKind)},
                "published": _nullable(_ref("FuzzyDate")),
                "reliability": _nullable({"type": "string", "enum": list(RELIABILITY_GRADES)}),
                "notes": {"type": "string"},
                "version": {"type": "integer"},
                "created_at": timestamp,
                "updated_at": timestamp,
                "page_url": {
                    "type": "string",
                    "format": "uri",
                    "description": "The source's page here (`url` is the document's own address).",
                },
                "api_url": {"type": "string", "format": "uri"},
            }
        ),
        "SourceList": _list_of("Source", "A page of a dossier's sources, by id."),
        "SourceCreate": _object(
            {"dossier": {"type": "string"}, **source_input, **source_read_only},
            required=["dossier", "title"],
        ),
        "SourcePatch": _object(
            {"version": version, "dossier": {"type": "string"}, **source_input, **source_read_only},
            required=["version"],
        ),  # fmt: skip
        "Entity": _object(
            {
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "kind": {"type": "string", "enum": _values(EntityKind)},
                "description": {"type": "string"},
                "aliases": {"type": "array", "items": {"type": "string"}},
                "version": {"type": "integer"},
                "created_at": timestamp,
                "updated_at": timestamp,
                "url": {"type": "string", "format": "uri", "description": "The entity's page."},
                "api_url": {"type": "string", "format": "uri"},
            }
        ),
        "EntityList": _list_of("Entity", "A page of entities, by slug."),
        "EntityCreate": _object(
            {**entity_input, **entity_read_only},
            required=["name", "kind"],
            description="The slug is made from the name when left out.",
        ),
        "EntityPatch": _object(
            {"version": version, **entity_input, **entity_read_only}, required=["version"]
        ),
        "Revision": _object(
            {
                "id": {"type": "integer"},
                "version": {"type": "integer"},
                "action": {
                    "type": "string",
                    "enum": ["create", "update", "delete", "restore", "merge"],
                },
                "user": _nullable({"type": "string"}),
                "created_at": timestamp,
                "summary": {"type": "string"},
                "changes": {
                    "type": "object",
                    "description": "{field: [before, after]} for each field that changed.",
                    "additionalProperties": {"type": "array", "minItems": 2, "maxItems": 2},
                },
            }
        ),
        "RevisionList": _list_of("Revision", "A claim's revisions, newest first."),
        "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details.",
            "required": ["type", "title", "status"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "detail": {"type": "string"},
                "errors": {
                    "type": "array",
                    "description": "For 400: one entry per field or parameter that was wrong.",
                    "items": _object({"field": {"type": "string"}, "message": {"type": "string"}}),
                },
                "current": {
                    "type": "object",
                    "description": "For 409 on a stale version: the item as it is now.",
                },
            },
        },
    }


# --- parameters and responses -------------------------------------------------------------


def _query(name: str, schema: dict, description: str, required: bool = False, **extra) -> dict:
    parameter = {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
        "description": description,
    }
    parameter.update(extra)
    return parameter


def _path(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": schema,
            "description": description}  # fmt: skip


PROBLEM_REASONS = {
    400: "Bad input: the `errors` list names each wrong field or parameter.",
    401: "No token, or an unknown or revoked one (a `WWW-Authenticate` header says which).",
    403: "The token may only read.",
    404: "Not found (or in a private dossier the caller may not see).",
    409: "The version sent is not the current one (`current` holds the item), or the item "
    "is still in use.",
    413: "The body is larger than the server accepts (1 MB by default).",
    415: "The body is not application/json.",
}


def _problems(*codes: int) -> dict[str, Any]:
    return {
        str(code): {
            "description": PROBLEM_REASONS[code],
            "content": {PROBLEM: {"schema": _ref("Problem")}},
        }
        for code in codes
    }


def _ok(schema: str, description: str, status: int = 200) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {JSON: {"schema": _ref(schema)}},
    }
    if status == 201:
        response["headers"] = {
            "Location": {"description": "The new item's API address.", "schema": {"type": "string"}}
        }
    return {str(status): response}


def _body(schema: str) -> dict[str, Any]:
    return {"required": True, "content": {JSON: {"schema": _ref(schema)}}}


PER_PAGE = _query(
    "per_page",
    {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    "Items per page (default 50).",
)
DOSSIER = _query(
    "dossier", {"type": "string"}, "The dossier's slug, e.g. `openai-chips`.", required=True
)
VERSION_PARAMETER = _query(
    "version",
    {"type": "integer", "minimum": 1},
    "The version you last read; a stale one is refused with 409.",
    required=True,
)
READ_SECURITY: list[dict] = [{}, {"bearerAuth": []}]
WRITE_SECURITY: list[dict] = [{"bearerAuth": []}]

CLAIM_FILTERS = [
    _query(
        "attribution",
        {"type": "array", "items": {"type": "string", "enum": _values(Attribution)}},
        "Keep claims with any of these attributions (repeat the parameter).",
        style="form",
        explode=True,
    ),
    _query("entity", {"type": "string"}, "An entity's slug: claims it says or is named in."),
    _query("tag", {"type": "string"}, "A tag (lower case)."),
    _query("source", {"type": "integer", "minimum": 0}, "A source id: claims from or via it."),
    _query("status", {"type": "string", "enum": _values(Status)}, "One status."),
    _query(
        "min_confidence", {"type": "integer", "minimum": 0, "maximum": 100}, "Lowest confidence."
    ),
    _query("from", {"type": "string"}, 'Earliest date, as people write it ("2023", "2024-06").'),
    _query("to", {"type": "string"}, "Latest date, likewise."),
    _query("q", {"type": "string"}, "Words to find in statement, quote and notes."),
    _query("order", {"type": "string", "enum": ["event", "stated"]}, "Which date to sort on."),
    _query("after", {"type": "string"}, "The position from a `next` link (keyset pagination)."),
]


def paths() -> dict[str, Any]:
    claim_id = _path("claim_id", ID_SCHEMA, "A claim's id.")
    source_id = _path("source_id", ID_SCHEMA, "A source's id.")
    entity_slug = _path("slug", {"type": "string"}, "An entity's slug.")
    return {
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This document",
                "security": READ_SECURITY,
                "responses": {
                    "200": {
                        "description": "The OpenAPI 3.1 document.",
                        "content": {JSON: {"schema": {"type": "object"}}},
                    }
                },
            }
        },
        "/dossiers": {
            "get": {
                "operationId": "listDossiers",
                "summary": "Dossiers (private ones only with a token)",
                "security": READ_SECURITY,
                "responses": {**_ok("DossierList", "The dossiers."), **_problems(401)},
            }
        },
        "/dossiers/{slug}": {
            "get": {
                "operationId": "getDossier",
                "summary": "One dossier, with its counts and the addresses of its exports",
                "security": READ_SECURITY,
                "parameters": [_path("slug", {"type": "string"}, "The dossier's slug.")],
                "responses": {**_ok("Dossier", "The dossier."), **_problems(400, 401, 404)},
            }
        },
        "/claims": {
            "get": {
                "operationId": "listClaims",
                "summary": "A dossier's claims, filtered like the timeline, a page at a time",
                "security": READ_SECURITY,
                "parameters": [DOSSIER, *CLAIM_FILTERS, PER_PAGE],
                "responses": {
                    **_ok("ClaimList", "A page of claims."),
                    "304": {
                        "description": "Not modified: the ETag sent in If-None-Match is current "
                        "(callers without a token get an ETag that moves with the dossier)."
                    },
                    **_problems(400, 401, 404),
                },
            },
            "post": {
                "operationId": "createClaim",
                "summary": "Add a claim",
                "security": WRITE_SECURITY,
                "requestBody": _body("ClaimCreate"),
                "responses": {
                    **_ok("Claim", "The new claim.", 201),
                    **_problems(400, 401, 403, 413, 415),
                },
            },
        },
        "/claims/{claim_id}": {
            "get": {
                "operationId": "getClaim",
                "summary": "One claim",
                "security": READ_SECURITY,
                "parameters": [claim_id],
                "responses": {**_ok("Claim", "The claim."), **_problems(401, 404)},
            },
            "patch": {
                "operationId": "updateClaim",
                "summary": "Change some of a claim's fields, at the version last read",
                "security": WRITE_SECURITY,
                "parameters": [claim_id],
                "requestBody": _body("ClaimPatch"),
                "responses": {
                    **_ok("Claim", "The claim as it now stands."),
                    **_problems(400, 401, 403, 404, 409, 413, 415),
                },
            },
            "delete": {
                "operationId": "deleteClaim",
                "summary": "Soft-delete a claim (it stays in its history)",
                "security": WRITE_SECURITY,
                "parameters": [claim_id, VERSION_PARAMETER],
                "responses": {
                    "204": {"description": "Deleted."},
                    **_problems(400, 401, 403, 404, 409),
                },
            },
        },
        "/claims/{claim_id}/history": {
            "get": {
                "operationId": "getClaimHistory",
                "summary": "A claim's revisions, newest first (also for a deleted claim)",
                "security": READ_SECURITY,
                "parameters": [claim_id],
                "responses": {**_ok("RevisionList", "The revisions."), **_problems(401, 404)},
            }
        },
        "/sources": {
            "get": {
                "operationId": "listSources",
                "summary": "A dossier's sources, by id",
                "security": READ_SECURITY,
                "parameters": [
                    DOSSIER,
                    _query("after", {"type": "string"}, "The position from a `next` link."),
                    PER_PAGE,
                ],
                "responses": {
                    **_ok("SourceList", "A page of sources."),
                    **_problems(400, 401, 404),
                },
            },
            "post": {
                "operationId": "createSource",
                "summary": "Add a source to a dossier",
                "security": WRITE_SECURITY,
                "requestBody": _body("SourceCreate"),
                "responses": {
                    **_ok("Source", "The new source.", 201),
                    **_problems(400, 401, 403, 413, 415),
                },
            },
        },
        "/sources/{source_id}": {
            "get": {
                "operationId": "getSource",
                "summary": "One source",
                "security": READ_SECURITY,
                "parameters": [source_id],
                "responses": {**_ok("Source", "The source."), **_problems(401, 404)},
            },
            "patch": {
                "operationId": "updateSource",
                "summary": "Change some of a source's fields, at the version last read",
                "security": WRITE_SECURITY,
                "parameters": [source_id],
                "requestBody": _body("SourcePatch"),
                "responses": {
                    **_ok("Source", "The source as it now stands."),
                    **_problems(400, 401, 403, 404, 409, 413, 415),
                },
            },
            "delete": {
                "operationId": "deleteSource",
                "summary": "Soft-delete a source that no live claim cites",
                "security": WRITE_SECURITY,
                "parameters": [source_id, VERSION_PARAMETER],
                "responses": {
                    "204": {"description": "Deleted."},
                    **_problems(400, 401, 403, 404, 409),
                },
            },
        },
        "/entities": {
            "get": {
                "operationId": "listEntities",
                "summary": "People, organisations and other entities, by slug",
                "security": READ_SECURITY,
                "parameters": [
                    _query("q", {"type": "string"}, "Part of a name, slug or other name."),
                    _query("kind", {"type": "string", "enum": _values(EntityKind)}, "One kind."),
                    _query("after", {"type": "string"}, "The position from a `next` link."),
                    PER_PAGE,
                ],
                "responses": {**_ok("EntityList", "A page of entities."), **_problems(400, 401)},
            },
            "post": {
                "operationId": "createEntity",
                "summary": "Add an entity",
                "security": WRITE_SECURITY,
                "requestBody": _body("EntityCreate"),
                "responses": {
                    **_ok("Entity", "The new entity.", 201),
                    **_problems(400, 401, 403, 413, 415),
                },
            },
        },
        "/entities/{slug}": {
            "get": {
                "operationId": "getEntity",
                "summary": "One entity",
                "security": READ_SECURITY,
                "parameters": [entity_slug],
                "responses": {**_ok("Entity", "The entity."), **_problems(401, 404)},
            },
            "patch": {
                "operationId": "updateEntity",
                "summary": "Change some of an entity's fields (not its slug)",
                "security": WRITE_SECURITY,
                "parameters": [entity_slug],
                "requestBody": _body("EntityPatch"),
                "responses": {
                    **_ok("Entity", "The entity as it now stands."),
                    **_problems(400, 401, 403, 404, 409, 413, 415),
                },
            },
            "delete": {
                "operationId": "deleteEntity",
                "summary": "Soft-delete an entity that no live claim names",
                "security": WRITE_SECURITY,
                "parameters": [entity_slug, VERSION_PARAMETER],
                "responses": {
                    "204": {"description": "Deleted."},
                    **_problems(400, 401, 403, 404, 409),
                },
            },
        },
    }


def document(docs_url: str | None = None) -> dict[str, Any]:
    """The whole OpenAPI 3.1 document; `docs_url` links the human documentation page."""
    info: dict[str, Any] = {
        "title": "Claimline API",
        "version": VERSION,
        "summary": "Claims: who said what, when, through whom, and how far we trust it.",
        "description": (
            "Read without a token (a private dossier needs one). Write with a per-user token "
            "sent as `Authorization: Bearer <token>` (`flask --app app tokens create USERNAME "
            "--scope write`); the session cookie is never accepted. Updates carry the `version` "
            "last read and are refused with 409 when someone changed the item since. Errors "
            "are RFC 9457 problem details. Field names are those of the forms and the CSV."
        ),
    }
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": info,
        "servers": [{"url": "/api/v1"}],
        "paths": paths(),
        "components": {
            "schemas": schemas(),
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `flask --app app tokens create`.",
                }
            },
        },
    }
    if docs_url:
        document["externalDocs"] = {"description": "How to use the API", "url": docs_url}
    return document


def endpoints() -> list[dict[str, str]]:
    """Every operation as {method, path, summary, access}, in the document's order."""
    listed = []
    for path, operations in paths().items():
        for method, operation in operations.items():
            listed.append(
                {
                    "method": method.upper(),
                    "path": "/api/v1" + path,
                    "summary": operation["summary"],
                    "access": "write token" if operation["security"] == WRITE_SECURITY else "open",
                }
            )
    return listed
