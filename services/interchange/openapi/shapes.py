"""Building blocks of the OpenAPI document's schemas: references, nullable values, texts with
their limits, closed objects, paged lists, and the inputs that take a date or names."""

from __future__ import annotations

from typing import Any

from models.limits import LARGEST_ID, PAGE_SIZE_MAX

PROBLEM = "application/problem+json"
JSON = "application/json"
MAX_PER_PAGE = PAGE_SIZE_MAX
# The largest id the routes accept (web.urls.DatabaseIdConverter); beyond it, not found.
ID_SCHEMA = {"type": "integer", "minimum": 0, "maximum": LARGEST_ID}


def values_of(enum_class) -> list[str]:
    return [member.value for member in enum_class]


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def text(max_length: int | None = None, **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", **extra}
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def object_schema(properties: dict[str, Any], required=None, **extra: Any) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    schema["required"] = list(properties) if required is None else list(required)
    schema.update(extra)
    return schema


def list_of(item: str, description: str) -> dict[str, Any]:
    return object_schema(
        {
            "items": {"type": "array", "items": ref(item)},
            "next": {
                **nullable({"type": "string", "format": "uri"}),
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
