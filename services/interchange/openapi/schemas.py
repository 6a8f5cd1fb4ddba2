"""The OpenAPI document's components: every schema the API reads or answers with, each
field with the limit and vocabulary the forms use."""

from __future__ import annotations

from typing import Any

import i18n
from models.limits import (
    DOSSIER_MARKDOWN_MAX,
    DOSSIER_SLUG_MAX,
    DOSSIER_SUBJECT_MAX,
    DOSSIER_TITLE_MAX,
    LANGUAGE_TAG_MAX,
    NOTES_MAX,
    QUOTE_MAX,
    RELAYED_BY_DESCRIPTION_MAX,
    SLUG_PATTERN,
    SOURCE_TEXT_MAX,
    SPEAKER_DESCRIPTION_MAX,
    STATEMENT_MAX,
    TAGS_MAX,
)
from models.vocabulary import (
    RELIABILITY_GRADES,
    Attribution,
    EntityKind,
    RelationType,
    SourceKind,
    Status,
    Visibility,
)
from services.interchange.api_dossier_writes import DOSSIER_READ_ONLY
from services.interchange.openapi.entity_schemas import entity_schemas
from services.interchange.openapi.shapes import (
    ANY,
    DATE_INPUT,
    NAMES_INPUT,
    list_of,
    nullable,
    object_schema,
    ref,
    text,
    values_of,
)


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
                    "kind": {"type": "string", "enum": values_of(EntityKind)},
                    "description": {"type": ["string", "null"]},
                    "aliases": NAMES_INPUT,
                },
                "required": ["name", "kind"],
            },
        ],
    }
    claim_input = {
        "key": {
            **nullable(text(100)),
            "description": "A stable identifier within the dossier, used by imports.",
        },
        "statement": text(STATEMENT_MAX, description="The claim, in one sentence."),
        "quote": nullable(text(QUOTE_MAX)),
        "quote_lang": nullable(text(35, description='Language of the quote, like "fr".')),
        "statement_lang": nullable(
            text(35, description="Language of the statement; null: the dossier's.")
        ),
        "attribution": {"type": "string", "enum": values_of(Attribution)},
        "speaker": nullable(entity_reference),
        "speaker_description": nullable(text(SPEAKER_DESCRIPTION_MAX)),
        "relayed_by": {
            **nullable(entity_reference),
            "description": "Who passed on a private remark: an entity, like the speaker. "
            "A private remark needs this or relayed_by_description.",
        },
        "relayed_by_description": nullable(
            text(
                RELAYED_BY_DESCRIPTION_MAX,
                description='Who relayed it, unnamed: "a person familiar with the conversation".',
            )
        ),
        "via": nullable(source_reference),
        "source": source_reference,
        "locator": nullable({"type": "integer", "minimum": 1, "maximum": 100000}),
        "event_date": nullable(DATE_INPUT),
        "stated_date": DATE_INPUT,
        "confidence": {"type": "integer", "minimum": 0, "maximum": 100},
        "status": {"type": "string", "enum": values_of(Status)},
        "tags": nullable({**NAMES_INPUT, "description": f"At most {TAGS_MAX} tags."}),
        "entities": nullable({**NAMES_INPUT, "description": "Slugs of entities mentioned."}),
        "relations": nullable(
            {
                "type": "array",
                "maxItems": 50,
                "description": "Replaces the claim's relations; left out, they stay.",
                "items": object_schema(
                    {
                        "type": {"type": "string", "enum": values_of(RelationType)},
                        "claim_id": {"type": "integer"},
                        "note": nullable(text(1000)),
                    },
                    required=["type", "claim_id"],
                ),
            }
        ),
        "notes": nullable(text(NOTES_MAX, description="Markdown.")),
    }
    claim_read_only = {
        name: ANY
        for name in ("id", "url", "api_url", "attribution_label", "confidence_label",
                     "created_at", "updated_at")
    }  # fmt: skip
    source_input = {
        "key": nullable(text(100)),
        "title": text(500),
        "outlet": nullable(text(200)),
        "author": nullable(text(200)),
        "url": nullable(text(2000, description="An http or https address.")),
        "language": nullable(text(35)),
        "kind": nullable({"type": "string", "enum": values_of(SourceKind)}),
        "published": nullable(DATE_INPUT),
        "reliability": nullable(
            {"type": "string", "enum": list(RELIABILITY_GRADES), "description": "Admiralty."}
        ),
        "notes": nullable(text(NOTES_MAX)),
        "text": nullable(
            text(
                SOURCE_TEXT_MAX,
                description="The document's full text, one paragraph per non-empty line; "
                "kept as a new version once a claim quotes the source. Omit it to keep the text.",
            )
        ),
    }
    source_read_only = {
        name: ANY for name in ("id", "page_url", "api_url", "created_at", "updated_at")
    }
    timestamp = {"type": "string", "format": "date-time"}
    version = {"type": "integer", "minimum": 1, "description": "The version you last read."}
    dossier_languages = {
        "print_language": {
            **nullable({"type": "string", "enum": list(i18n.LANGUAGES)}),
            "description": "The language its briefing prints in; null: each reader's own.",
        },
        "statement_language": {
            "type": "string",
            "maxLength": LANGUAGE_TAG_MAX,
            "description": 'The language its statements are written in, like "en".',
        },
    }
    dossier_input = {
        "title": text(DOSSIER_TITLE_MAX),
        "slug": {
            "type": "string",
            "maxLength": DOSSIER_SLUG_MAX,
            "pattern": "^$|" + SLUG_PATTERN.pattern,
        },
        "subject": text(DOSSIER_SUBJECT_MAX),
        "summary": text(DOSSIER_MARKDOWN_MAX, description="Markdown."),
        "methodology": text(DOSSIER_MARKDOWN_MAX, description="Markdown."),
        "visibility": {"type": "string", "enum": values_of(Visibility)},
        **dossier_languages,
    }
    dossier_read_only = {name: ANY for name in DOSSIER_READ_ONLY}
    return {
        "FuzzyDate": object_schema(
            {
                "edtf": {"type": "string", "description": "Library of Congress EDTF, level 1."},
                "earliest": nullable({"type": "string", "format": "date"}),
                "latest": nullable({"type": "string", "format": "date"}),
                "label": {"type": "string", "description": 'As people write it: "June 2024".'},
            },
            description="An imprecise date; earliest/latest are null when the span is open.",
        ),
        "EntityRef": object_schema({"name": {"type": "string"}, "slug": {"type": "string"}}),
        "SourceRef": object_schema({"id": {"type": "integer"}, "title": {"type": "string"}}),
        "Relation": object_schema(
            {
                "type": {"type": "string", "enum": values_of(RelationType)},
                "claim_id": {"type": "integer"},
                "note": {"type": "string"},
            },
            description='Read as "<this claim> <type> <claim_id>".',
        ),
        "Claim": object_schema(
            {
                "id": {"type": "integer"},
                "dossier": {"type": "string"},
                "key": nullable({"type": "string"}),
                "statement": {"type": "string"},
                "quote": {"type": "string"},
                "quote_lang": nullable({"type": "string"}),
                "statement_lang": nullable({"type": "string"}),
                "attribution": {"type": "string", "enum": values_of(Attribution)},
                "attribution_label": {"type": "string"},
                "speaker": nullable(ref("EntityRef")),
                "speaker_description": nullable({"type": "string"}),
                "relayed_by": nullable(ref("EntityRef")),
                "relayed_by_description": nullable({"type": "string"}),
                "via": nullable(ref("SourceRef")),
                "source": ref("SourceRef"),
                "locator": nullable({"type": "integer"}),
                "event_date": nullable(ref("FuzzyDate")),
                "stated_date": ref("FuzzyDate"),
                "confidence": {"type": "integer", "minimum": 0, "maximum": 100},
                "confidence_label": {"type": "string", "description": "ICD 203 words."},
                "status": {"type": "string", "enum": values_of(Status)},
                "tags": {"type": "array", "items": {"type": "string"}},
                "relations": {"type": "array", "items": ref("Relation")},
                "notes": {"type": "string"},
                "version": {"type": "integer"},
                "created_at": timestamp,
                "updated_at": timestamp,
                "url": {"type": "string", "format": "uri", "description": "The claim's page."},
                "api_url": {"type": "string", "format": "uri"},
            }
        ),
        "ClaimList": list_of("Claim", "A page of claims, in timeline order."),
        "ClaimCreate": object_schema(
            {"dossier": {"type": "string"}, **claim_input, **claim_read_only},
            required=["dossier", "statement", "attribution", "source", "stated_date", "confidence"],
        ),  # fmt: skip
        "ClaimPatch": object_schema(
            {"version": version, "dossier": {"type": "string"}, **claim_input, **claim_read_only},
            required=["version"],
            description="The fields to change, and the version they apply to.",
        ),
        "Dossier": object_schema(
            {
                "slug": {"type": "string"},
                "title": {"type": "string"},
                "subject": {"type": "string"},
                "summary": {"type": "string", "description": "Markdown."},
                "methodology": {"type": "string", "description": "Markdown."},
                "visibility": {"type": "string", "enum": values_of(Visibility)},
                **dossier_languages,
                "claim_count": {"type": "integer"},
                "source_count": {"type": "integer"},
                "changed_at": timestamp,
                "version": {"type": "integer", "minimum": 1},
                "archived_at": {
                    **nullable(timestamp),
                    "description": "When an admin archived it; readers no longer see it.",
                },
                "url": {"type": "string", "format": "uri"},
                "api_url": {"type": "string", "format": "uri"},
                "claims_url": {"type": "string", "format": "uri"},
                "sources_url": {"type": "string", "format": "uri"},
                "exports": object_schema(
                    {
                        name: {"type": "string", "format": "uri"}
                        for name in ("csv", "json", "timelinejs", "atom")
                    }
                ),
            }
        ),
        "DossierList": list_of("Dossier", "Dossiers, most recently changed first."),
        "DossierCreate": object_schema(
            {**dossier_input, **dossier_read_only},
            required=["title"],
            description="The slug is made from the title when left out. Only an admin may "
            "set the visibility.",
        ),
        "DossierPatch": object_schema(
            {"version": version, **dossier_input, **dossier_read_only},
            required=["version"],
            description="The slug can change until the dossier's first claim; the "
            "visibility only by an admin.",
        ),
        "Source": object_schema(
            {
                "id": {"type": "integer"},
                "dossier": {"type": "string"},
                "key": nullable({"type": "string"}),
                "title": {"type": "string"},
                "outlet": {"type": "string"},
                "author": nullable({"type": "string"}),
                "url": nullable({"type": "string"}),
                "language": nullable({"type": "string"}),
                "kind": {"type": "string", "enum": values_of(SourceKind)},
                "published": nullable(ref("FuzzyDate")),
                "reliability": nullable({"type": "string", "enum": list(RELIABILITY_GRADES)}),
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
        "SourceList": list_of("Source", "A page of a dossier's sources, by id."),
        "SourceCreate": object_schema(
            {"dossier": {"type": "string"}, **source_input, **source_read_only},
            required=["dossier", "title"],
        ),
        "SourcePatch": object_schema(
            {"version": version, "dossier": {"type": "string"}, **source_input, **source_read_only},
            required=["version"],
        ),  # fmt: skip
        **entity_schemas(timestamp, version),
        "Revision": object_schema(
            {
                "id": {"type": "integer"},
                "version": {"type": "integer"},
                "action": {
                    "type": "string",
                    "enum": ["create", "update", "delete", "restore", "merge"],
                },
                "user": nullable({"type": "string"}),
                "created_at": timestamp,
                "summary": {"type": "string"},
                "changes": {
                    "type": "object",
                    "description": "{field: [before, after]} for each field that changed.",
                    "additionalProperties": {"type": "array", "minItems": 2, "maxItems": 2},
                },
            }
        ),
        "RevisionList": list_of("Revision", "A claim's revisions, newest first."),
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
                    "items": object_schema(
                        {"field": {"type": "string"}, "message": {"type": "string"}}
                    ),
                },
                "current": {
                    "type": "object",
                    "description": "For 409 on a stale version: the item as it is now.",
                },
                "conflicts": {
                    "type": "array",
                    "description": "For 409 on a stale version: the fields sent that were "
                    "also changed since, to other values.",
                    "items": {"type": "string"},
                },
            },
        },
    }
