"""The OpenAPI 3.1 document of the JSON API, built here as data and served as it is.

It describes every endpoint, parameter and schema as the views in views/api_read.py and
views/api_write.py implement them; the tests validate the document and check live responses
against these schemas, so a change to the API that is not made here too fails the build.
Parts: `shapes` (schema building blocks), `schemas` (the components), `parameters`
(parameters, responses, security), `read_paths` and `write_paths` (the operations),
`source_text` (a source's text and its claim suggestions, operations and schemas), `search`
(the search across dossiers, its operation and schemas), `indexes` (the entity and
source indexes with their counts).
"""

from __future__ import annotations

from typing import Any

from services.interchange.openapi.indexes import index_paths, index_schemas
from services.interchange.openapi.parameters import WRITE_SECURITY
from services.interchange.openapi.read_paths import read_paths
from services.interchange.openapi.schemas import schemas
from services.interchange.openapi.search import search_schemas
from services.interchange.openapi.source_text import source_text_paths, source_text_schemas
from services.interchange.openapi.write_paths import write_paths

VERSION = "1.0.0"


def paths() -> dict[str, Any]:
    """Every path with its operations: the read first, then the writes, path by path."""
    merged = read_paths() | index_paths()
    for path, operations in [*source_text_paths().items(), *write_paths().items()]:
        merged.setdefault(path, {}).update(operations)
    return merged


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
            "schemas": schemas() | source_text_schemas() | search_schemas() | index_schemas(),
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
