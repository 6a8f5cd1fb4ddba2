"""The OpenAPI document's reading operations (GET), open to all or with any token."""

from __future__ import annotations

from typing import Any

from models.vocabulary import EntityKind
from services.interchange.openapi.parameters import (
    CLAIM_FILTERS,
    CLAIM_ID,
    DOSSIER,
    DOSSIER_SLUG,
    ENTITY_SLUG,
    PER_PAGE,
    READ_SECURITY,
    SOURCE_ID,
    TOKEN_SECURITY,
    ok,
    problems,
    query,
)
from services.interchange.openapi.search import search_path
from services.interchange.openapi.shapes import JSON, values_of


def read_paths() -> dict[str, Any]:
    """Every path with its GET operation, in the document's order."""
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
            },
        },
        "/dossiers": {
            "get": {
                "operationId": "listDossiers",
                "summary": "Dossiers (private ones only with a token)",
                "security": READ_SECURITY,
                "responses": {**ok("DossierList", "The dossiers."), **problems(401)},
            },
        },
        "/dossiers/{slug}": {
            "get": {
                "operationId": "getDossier",
                "summary": "One dossier, with its counts and the addresses of its exports",
                "security": READ_SECURITY,
                "parameters": [DOSSIER_SLUG],
                "responses": {**ok("Dossier", "The dossier."), **problems(400, 401, 404)},
            },
        },
        "/claims": {
            "get": {
                "operationId": "listClaims",
                "summary": "A dossier's claims, filtered like the timeline, a page at a time",
                "security": READ_SECURITY,
                "parameters": [DOSSIER, *CLAIM_FILTERS, PER_PAGE],
                "responses": {
                    **ok("ClaimList", "A page of claims."),
                    "304": {
                        "description": "Not modified: the ETag sent in If-None-Match is current "
                        "(callers without a token get an ETag that moves with the dossier)."
                    },
                    **problems(400, 401, 404),
                },
            },
        },
        "/claims/{claim_id}": {
            "get": {
                "operationId": "getClaim",
                "summary": "One claim",
                "security": READ_SECURITY,
                "parameters": [CLAIM_ID],
                "responses": {**ok("Claim", "The claim."), **problems(401, 404)},
            },
        },
        "/claims/{claim_id}/history": {
            "get": {
                "operationId": "getClaimHistory",
                "summary": "A claim's revisions, newest first (also for a deleted claim); "
                "token holders only",
                "security": TOKEN_SECURITY,
                "parameters": [CLAIM_ID],
                "responses": {**ok("RevisionList", "The revisions."), **problems(401, 404)},
            },
        },
        "/sources": {
            "get": {
                "operationId": "listSources",
                "summary": "A dossier's sources, by id",
                "security": READ_SECURITY,
                "parameters": [
                    DOSSIER,
                    query("after", {"type": "string"}, "The position from a `next` link."),
                    PER_PAGE,
                ],
                "responses": {
                    **ok("SourceList", "A page of sources."),
                    **problems(400, 401, 404),
                },
            },
        },
        "/sources/{source_id}": {
            "get": {
                "operationId": "getSource",
                "summary": "One source",
                "security": READ_SECURITY,
                "parameters": [SOURCE_ID],
                "responses": {**ok("Source", "The source."), **problems(401, 404)},
            },
        },
        "/entities": {
            "get": {
                "operationId": "listEntities",
                "summary": "People, organisations and other entities, by slug",
                "security": READ_SECURITY,
                "parameters": [
                    query("q", {"type": "string"}, "Part of a name, slug or other name."),
                    query("kind", {"type": "string", "enum": values_of(EntityKind)}, "One kind."),
                    query("after", {"type": "string"}, "The position from a `next` link."),
                    PER_PAGE,
                ],
                "responses": {**ok("EntityList", "A page of entities."), **problems(400, 401)},
            },
        },
        "/entities/{slug}": {
            "get": {
                "operationId": "getEntity",
                "summary": "One entity",
                "security": READ_SECURITY,
                "parameters": [ENTITY_SLUG],
                "responses": {
                    **ok("EntityPage", "The entity, with its page's questions."),
                    **problems(401, 404),
                },
            },
        },
        "/search": search_path(),
    }
