"""The OpenAPI document's source-text operations: the reader's JSON twin (issue #15) and the
claim suggestions (issue #21), with their schemas."""

from __future__ import annotations

from typing import Any

from models.vocabulary import Attribution
from services.interchange.openapi.parameters import (
    READ_SECURITY,
    SOURCE_ID,
    WRITE_SECURITY,
    ok,
    problems,
    query,
)
from services.interchange.openapi.shapes import nullable, object_schema, ref, values_of


def source_text_paths() -> dict[str, Any]:
    return {
        "/sources/{source_id}/text": {
            "get": {
                "operationId": "getSourceText",
                "summary": "A source's text in numbered paragraphs, and the claims quoting each",
                "security": READ_SECURITY,
                "parameters": [
                    SOURCE_ID,
                    query("version", {"type": "integer", "minimum": 1}, "An earlier version."),
                ],
                "responses": {
                    **ok("SourceText", "The text, paragraph by paragraph."),
                    **problems(400, 401, 404),
                },
            },
        },
        "/sources/{source_id}/suggestions": {
            "post": {
                "operationId": "suggestClaims",
                "summary": "Suggest claims from a source's text (nothing is saved)",
                "security": WRITE_SECURITY,
                "parameters": [SOURCE_ID],
                "responses": {
                    **ok("SuggestionList", "The suggestions an editor has not dealt with."),
                    **problems(401, 403, 404),
                },
            },
        },
    }


def source_text_schemas() -> dict[str, Any]:
    quoting = object_schema(
        {
            "id": {"type": "integer"},
            "quote": {"type": "string"},
            "attribution": {"type": "string", "enum": values_of(Attribution)},
            "placed": {
                "type": "boolean",
                "description": "False when the quote is no longer found in the paragraph.",
            },
        }
    )
    paragraph = object_schema(
        {
            "number": {"type": "integer", "minimum": 1, "description": "A claim's `locator`."},
            "text": {"type": "string"},
            "claims": {"type": "array", "items": quoting},
        }
    )
    count = {"type": "integer", "minimum": 0}
    return {
        "SourceText": object_schema(
            {
                "source": ref("SourceRef"),
                "version": {"type": "integer", "minimum": 1},
                "latest_version": {"type": "integer", "minimum": 1},
                "sha256": {"type": "string"},
                "captured_at": {"type": "string", "format": "date-time"},
                "paragraph_count": count,
                "quoted_count": count,
                "paragraphs": {"type": "array", "items": paragraph},
            },
            description="Every line holding more than whitespace is a paragraph.",
        ),
        "Suggestion": object_schema(
            {
                "key": {"type": "string", "description": "Stable for this paragraph and quote."},
                "statement": {"type": "string", "description": "Empty: the editor writes it."},
                "quote": {"type": "string", "description": "Verbatim from the paragraph."},
                "quote_lang": nullable({"type": "string"}),
                "attribution": {"type": "string", "enum": values_of(Attribution)},
                "attribution_label": {"type": "string"},
                "speaker": nullable(
                    object_schema(
                        {"name": {"type": "string"}, "slug": nullable({"type": "string"})},
                        description="A known entity, or (slug null) a name found in the text.",
                    )
                ),
                "speaker_description": nullable({"type": "string"}),
                "relayed_by": nullable(ref("EntityRef")),
                "relayed_by_description": nullable({"type": "string"}),
                "via": nullable(ref("SourceRef")),
                "source": ref("SourceRef"),
                "locator": {"type": "integer", "minimum": 1},
                "event_date": nullable(ref("FuzzyDate")),
                "event_phrase": nullable(
                    {"type": "string", "description": "The date's words in the text."}
                ),
                "stated_date": nullable(ref("FuzzyDate")),
                "entities": {"type": "array", "items": {"type": "string"}},
                "cues": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Why it was proposed: the reporting cues, names and dates.",
                },
            }
        ),
        "SuggestionList": object_schema(
            {
                "source": ref("SourceRef"),
                "text_version": {"type": "integer", "minimum": 1},
                "already_quoted": {**count, "description": "Left out: claims quote them."},
                "dismissed": {**count, "description": "Left out: an editor dismissed them."},
                "items": {"type": "array", "items": ref("Suggestion")},
            }
        ),
    }
