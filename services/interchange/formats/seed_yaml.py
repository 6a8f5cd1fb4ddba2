"""The seed files of seeds/: a dossier written by hand in YAML, read only.

The file holds `dossier:` (slug, title, subject, summary, methodology), then lists of
`sources`, `entities` and `claims`, each claim with its `relations` ({type, claim, note}).
A source may name its full text's file, `text_file`, relative to the seed file.
Its rows go through the import pipeline like any other file, so a seed accepts exactly what
the forms and the API accept. A file that is not this shape raises SeedError, which names
the file, the entry and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from services.interchange.formats.document import Document, Row

REVISION_SUMMARY = "seed file"


class SeedError(ValueError):
    """A seed file that cannot be loaded; the message names the file, entry and field."""

    def __init__(self, path: Path, entry: str | None, field_name: str | None, message: str):
        self.path, self.entry, self.field_name = path, entry, field_name
        where = ", ".join(
            part for part in (entry, f"field {field_name!r}" if field_name else None) if part
        )
        super().__init__(f"{path.name}: {where + ': ' if where else ''}{message}")


def read(path: Path) -> tuple[str, Document]:
    """The dossier slug the file names and its rows. Raises SeedError."""
    data = _load(path)
    head = data["dossier"]
    slug = _required_text(path, head, "slug")
    _required_text(path, head, "title")
    claims: list[Row] = []
    relations: list[Row] = []
    for row in _rows(path, data, "claims", "claim", "key"):
        fields = {name: value for name, value in row.data.items() if name != "relations"}
        claims.append(Row(row.where, fields))
        relations.extend(_relations(path, row))
    document = Document(
        format="seed",
        dossier=head,
        sources=[_with_text(path, row) for row in _rows(path, data, "sources", "source", "key")],
        entities=_rows(path, data, "entities", "entity", "slug"),
        claims=claims,
        relations=relations,
        revision_summary=REVISION_SUMMARY,
    )
    return slug, document


def _load(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SeedError(path, None, None, f"cannot be read: {error}") from None
    except yaml.YAMLError as error:
        raise SeedError(path, None, None, f"is not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("dossier"), dict):
        raise SeedError(path, None, "dossier", "the file must start with a `dossier:` mapping")
    return data


def _required_text(path: Path, head: dict[str, Any], name: str) -> str:
    value = head.get(name)
    if not isinstance(value, str) or not value.strip():
        raise SeedError(path, "dossier", name, "is required")
    return value.strip()


def _rows(path: Path, data: dict[str, Any], section: str, entry: str, identifier: str) -> list[Row]:
    """The section's entries as rows labelled `claim "key"` (or `claim #3` without a key)."""
    items = data.get(section) or []
    if not isinstance(items, list):
        raise SeedError(path, section, None, "must be a list")
    rows = []
    for index, item in enumerate(items, start=1):
        name = item.get(identifier) if isinstance(item, dict) else None
        where = f'{entry} "{name}"' if isinstance(name, str) and name else f"{entry} #{index}"
        if not isinstance(item, dict):
            raise SeedError(path, where, None, "expected a mapping of fields")
        rows.append(Row(where, item))
    return rows


def _with_text(path: Path, source: Row) -> Row:
    """A source row whose `text_file` is replaced by that file's text, as `text`."""
    name = source.data.get("text_file")
    if name is None:
        return source
    if not isinstance(name, str) or not name.strip() or Path(name).is_absolute():
        raise SeedError(path, source.where, "text_file", "give a file name beside the seed file")
    text_path = path.parent / name
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SeedError(path, source.where, "text_file", f"cannot be read: {error}") from None
    fields = {key: value for key, value in source.data.items() if key != "text_file"}
    return Row(source.where, {**fields, "text": text})


def _relations(path: Path, claim: Row) -> list[Row]:
    """A claim's `relations` as the import's relation rows ({from, type, to, note})."""
    items = claim.data.get("relations") or []
    if not isinstance(items, list):
        raise SeedError(path, claim.where, "relations", "must be a list")
    rows = []
    for index, item in enumerate(items, start=1):
        where = f"{claim.where} relation #{index}"
        if not isinstance(item, dict):
            raise SeedError(path, where, None, "expected a mapping of fields")
        relation = {
            "from": claim.data.get("key"),
            "type": item.get("type"),
            "to": item.get("claim"),
        }
        if "note" in item:
            relation["note"] = item["note"]
        rows.append(Row(where, relation))
    return rows
