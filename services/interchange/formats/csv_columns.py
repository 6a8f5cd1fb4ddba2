"""Claimline's CSV: one claim per row, in the columns of the form and the API. Its writer (an
export for spreadsheets) and its reader (an import, also of a sheet made by hand) live here
together; `load` also reads the TimelineJS sheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from i18n import SOURCE_LANGUAGE, _, speaking
from models import Claim
from services.interchange.formats.document import (
    Document,
    FormatError,
    Row,
    claim_key,
    generated_key,
    source_key,
)

# Field names are the form's and the API's; the *_label, *_name, *_title columns are there
# for people reading the sheet, and imports ignore them. They are English whatever the
# reader's language: an export is kept on disk for every reader (#20).
CSV_COLUMNS = (
    "key", "event_date", "event_date_label", "stated_date", "stated_date_label", "attribution",
    "attribution_label", "statement", "quote", "quote_lang", "speaker", "speaker_name",
    "speaker_description", "relayed_by", "relayed_by_name", "relayed_by_description", "via",
    "via_title", "source", "source_title", "source_url",
    "locator", "confidence", "confidence_label", "status", "tags", "entities", "relations",
    "notes", "url",
)  # fmt: skip
# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CLAIM_COLUMNS = (
    "key", "statement", "quote", "quote_lang", "attribution", "speaker", "speaker_description",
    "relayed_by", "relayed_by_description", "via", "source", "locator", "event_date",
    "stated_date", "confidence", "status", "tags", "entities", "notes",
)  # fmt: skip
# Columns of our CSV export that are there for people; an import reads the source ones only
# to create a source the file names but the dossier does not have yet.
READABLE_COLUMNS = (
    "event_date_label", "stated_date_label", "attribution_label", "speaker_name",
    "relayed_by_name", "via_title",
    "source_title", "source_url", "confidence_label", "url", "id",
)  # fmt: skip


# --- writing ------------------------------------------------------------------------------


def neutralise(value: Any) -> str:
    """A cell as text, with a leading apostrophe where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(claim: Claim, claim_url: Callable[[Claim], str]) -> dict[str, Any]:
    with speaking(SOURCE_LANGUAGE):
        return _csv_row(claim, claim_url)


def _csv_row(claim: Claim, claim_url: Callable[[Claim], str]) -> dict[str, Any]:
    event, stated = claim.event_date, claim.stated_date
    return {
        "key": claim_key(claim),
        "event_date": event.edtf if event else "",
        "event_date_label": event.label if event else "",
        "stated_date": stated.edtf,
        "stated_date_label": stated.label,
        "attribution": claim.attribution.value,
        "attribution_label": claim.attribution_label,
        "statement": claim.statement,
        "quote": claim.quote,
        "quote_lang": claim.quote_lang or "",
        "speaker": claim.speaker.slug if claim.speaker else "",
        "speaker_name": claim.speaker.name if claim.speaker else "",
        "speaker_description": claim.speaker_description or "",
        "relayed_by": claim.relayed_by.slug if claim.relayed_by else "",
        "relayed_by_name": claim.relayed_by.name if claim.relayed_by else "",
        "relayed_by_description": claim.relayed_by_description or "",
        "via": source_key(claim.via) if claim.via else "",
        "via_title": claim.via.title if claim.via else "",
        "source": source_key(claim.source),
        "source_title": claim.source.title,
        "source_url": claim.source.url or "",
        "locator": claim.locator or "",
        "confidence": claim.confidence,
        "confidence_label": claim.confidence_label,
        "status": claim.status.value,
        "tags": ", ".join(tag.name for tag in claim.tags),
        "entities": ", ".join(entity.slug for entity in claim.entities),
        "relations": "; ".join(
            f"{relation.type.value} {claim_key(relation.to_claim)}"
            for relation in claim.live_relations_out
        ),
        "notes": claim.notes,
        "url": claim_url(claim),
    }


def write(claims: list[Claim], claim_url: Callable[[Claim], str]) -> str:
    """RFC 4180 CSV: a header row, CRLF line ends, quotes where a cell needs them."""
    return "".join(write_chunks(claims, claim_url))


def write_chunks(
    claims: Iterable[Claim], claim_url: Callable[[Claim], str], rows_per_chunk: int = 200
) -> Iterator[str]:
    """The same CSV as `write`, a chunk of rows at a time, for a streamed response."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for number, claim in enumerate(claims, start=1):
        writer.writerow(
            {name: neutralise(value) for name, value in csv_row(claim, claim_url).items()}
        )
        if number % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# --- reading ------------------------------------------------------------------------------


def load(text: str) -> tuple[list[Row], list[str]]:
    """Rows as {column: cell}, labelled by their line in a spreadsheet (the header is row 1).

    The delimiter is the one the header uses most: a comma, a semicolon (Excel in many
    locales) or a tab.
    """
    header = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error as error:
        raise FormatError(_("The file is not valid CSV: %(error)s.", error=error)) from None
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise FormatError(_("The file is empty: the first row must name the columns."))
    columns = [cell.strip() for cell in lines[0]]
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        data = {
            column: _unneutralise(cell)
            for column, cell in zip(columns, cells, strict=False)
            if column
        }
        rows.append(Row(_("row %(number)s", number=number), data))
    return rows, columns


def _unneutralise(cell: str) -> str:
    """Undo the apostrophe our CSV export puts before cells a spreadsheet would run."""
    if cell.startswith("'") and cell[1:2] and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def read(rows: list[Row], columns: list[str]) -> Document:
    missing = [name for name in ("statement", "source") if name not in columns]
    if missing:
        raise FormatError(
            _(
                "The file has no %(columns)s column. Use the columns of "
                "Claimline's CSV export, or the TimelineJS sheet's (Year, Headline, …).",
                columns=_(" or ").join(missing),
            )
        )
    claims: list[Row] = []
    document = Document(
        format="csv",
        claims=claims,
        relations=[] if "relations" in columns else None,
        sources_create_only=True,
        relation_notes=False,
    )
    ignored = [c for c in columns if c not in (*CLAIM_COLUMNS, *READABLE_COLUMNS, "relations")]
    if ignored:
        document.notes.append(_("Columns not read: %(columns)s.", columns=", ".join(ignored)))
    new_sources: dict[str, Row] = {}
    for row in rows:
        data = {name: value for name, value in row.data.items() if name in CLAIM_COLUMNS}
        data["key"] = data.get("key") or generated_key(data.get("statement", ""), row.data)
        for field_name, title_column, url_column in (
            ("source", "source_title", "source_url"),
            ("via", "via_title", None),
        ):
            key = (data.get(field_name) or "").strip()
            title = (row.data.get(title_column) or "").strip()
            if not title:
                continue
            if not key:
                key = data[field_name] = "source-" + generated_key(title, {"title": title})
            if key not in new_sources:
                source = {"key": key, "title": title}
                if url_column and (row.data.get(url_column) or "").strip():
                    source["url"] = row.data[url_column].strip()
                new_sources[key] = Row(f"{row.where} ({field_name})", source)
        claims.append(Row(row.where, data))
        if document.relations is not None:
            document.relations.extend(_csv_relations(row, data["key"]))
    document.sources = list(new_sources.values())
    return document


def _csv_relations(row: Row, key: str) -> list[Row]:
    """ "contradicts other-key; supports third-key" as relation rows."""
    relations = []
    for part in (row.data.get("relations") or "").split(";"):
        words = part.split()
        if not words:
            continue
        if len(words) != 2:
            relations.append(Row(row.where, {"from": key, "error": part.strip()}))
            continue
        relations.append(Row(row.where, {"from": key, "type": words[0], "to": words[1]}))
    return relations
