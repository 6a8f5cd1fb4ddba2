"""The OpenAPI document's writing operations (POST, PATCH, DELETE), with a write token."""

from __future__ import annotations

from typing import Any

from services.interchange.openapi.parameters import (
    CLAIM_ID,
    DOSSIER_SLUG,
    ENTITY_SLUG,
    SOURCE_ID,
    VERSION_PARAMETER,
    WRITE_SECURITY,
    body,
    ok,
    problems,
)


def write_paths() -> dict[str, Any]:
    """The paths that take writes, each with its write operations."""
    return {
        "/claims": {
            "post": {
                "operationId": "createClaim",
                "summary": "Add a claim",
                "security": WRITE_SECURITY,
                "requestBody": body("ClaimCreate"),
                "responses": {
                    **ok("Claim", "The new claim.", 201),
                    **problems(400, 401, 403, 413, 415),
                },
            },
        },
        "/claims/{claim_id}": {
            "patch": {
                "operationId": "updateClaim",
                "summary": "Change some of a claim's fields, at the version last read",
                "security": WRITE_SECURITY,
                "parameters": [CLAIM_ID],
                "requestBody": body("ClaimPatch"),
                "responses": {
                    **ok("Claim", "The claim as it now stands."),
                    **problems(400, 401, 403, 404, 409, 413, 415),
                },
            },
            "delete": {
                "operationId": "deleteClaim",
                "summary": "Soft-delete a claim (it stays in its history)",
                "security": WRITE_SECURITY,
                "parameters": [CLAIM_ID, VERSION_PARAMETER],
                "responses": {
                    "204": {"description": "Deleted."},
                    **problems(400, 401, 403, 404, 409),
                },
            },
        },
        "/sources": {
            "post": {
                "operationId": "createSource",
                "summary": "Add a source to a dossier",
                "security": WRITE_SECURITY,
                "requestBody": body("SourceCreate"),
                "responses": {
                    **ok("Source", "The new source.", 201),
                    **problems(400, 401, 403, 413, 415),
                },
            },
        },
        "/sources/{source_id}": {
            "patch": {
                "operationId": "updateSource",
                "summary": "Change some of a source's fields, at the version last read",
                "security": WRITE_SECURITY,
                "parameters": [SOURCE_ID],
                "requestBody": body("SourcePatch"),
                "responses": {
                    **ok("Source", "The source as it now stands."),
                    **problems(400, 401, 403, 404, 409, 413, 415),
                },
            },
            "delete": {
                "operationId": "deleteSource",
                "summary": "Soft-delete a source that no live claim cites",
                "security": WRITE_SECURITY,
                "parameters": [SOURCE_ID, VERSION_PARAMETER],
                "responses": {
                    "204": {"description": "Deleted."},
                    **problems(400, 401, 403, 404, 409),
                },
            },
        },
        "/entities": {
            "post": {
                "operationId": "createEntity",
                "summary": "Add an entity",
                "security": WRITE_SECURITY,
                "requestBody": body("EntityCreate"),
                "responses": {
                    **ok("Entity", "The new entity.", 201),
                    **problems(400, 401, 403, 413, 415),
                },
            },
        },
        "/entities/{slug}": {
            "patch": {
                "operationId": "updateEntity",
                "summary": "Change some of an entity's fields (not its slug)",
                "security": WRITE_SECURITY,
                "parameters": [ENTITY_SLUG],
                "requestBody": body("EntityPatch"),
                "responses": {
                    **ok("Entity", "The entity as it now stands."),
                    **problems(400, 401, 403, 404, 409, 413, 415),
                },
            },
            "delete": {
                "operationId": "deleteEntity",
                "summary": "Soft-delete an entity that no live claim names",
                "security": WRITE_SECURITY,
                "parameters": [ENTITY_SLUG, VERSION_PARAMETER],
                "responses": {
                    "204": {"description": "Deleted."},
                    **problems(400, 401, 403, 404, 409),
                },
            },
        },
        "/dossiers": {
            "post": {
                "operationId": "createDossier",
                "summary": "Start a dossier",
                "security": WRITE_SECURITY,
                "requestBody": body("DossierCreate"),
                "responses": {
                    **ok("Dossier", "The new dossier.", 201),
                    **problems(400, 401, 403, 413, 415),
                },
            },
        },
        "/dossiers/{slug}": {
            "patch": {
                "operationId": "updateDossier",
                "summary": "Change some of a dossier's fields, at the version last read",
                "security": WRITE_SECURITY,
                "parameters": [DOSSIER_SLUG],
                "requestBody": body("DossierPatch"),
                "responses": {
                    **ok("Dossier", "The dossier as it now stands."),
                    **problems(400, 401, 403, 404, 409, 413, 415),
                },
            },
            "delete": {
                "operationId": "archiveDossier",
                "summary": "Archive a dossier (admins only): readers no longer see it",
                "security": WRITE_SECURITY,
                "parameters": [DOSSIER_SLUG, VERSION_PARAMETER],
                "responses": {
                    "204": {"description": "Archived."},
                    **problems(400, 401, 403, 404, 409),
                },
            },
        },
    }
