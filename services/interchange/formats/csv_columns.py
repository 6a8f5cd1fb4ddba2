"""Claimline's CSV: one claim per row, in the columns of the form and the API. Its writer (an
export for spreadsheets) and its reader (an import, also of a sheet made by hand) live here
together; its `Sheet` also reads the TimelineJS sheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from typing import Any, BinaryIO

from i18n import SOURCE_LANGUAGE, _, speaking
from models import Claim
from services.interchange.formats.document import (
    CHUNK,
    Document,
    FormatError,
    Row,
    StreamedRows,
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


class Sheet:
    """A CSV file's columns, and its rows read from the binary stream each time they are
    walked, never whole (issue #17): a 100,000-row file is not held as text or as a list.

    The stream must stay open while the rows are walked. Rows are labelled by their line in
    a spreadsheet (the header is row 1), and the delimiter is the one the header uses most:
    a comma, a semicolon (Excel in many locales) or a tab. Raises FormatError for a file
    whose first row names no column, and, as they are walked, for rows that are not CSV.
    """

    def __init__(self, stream: BinaryIO, start: int = 0):
        self.stream, self.start = stream, start
        self.delimiter = _header_delimiter(stream, start)
        with closing(self._records()) as records:
            header = next(records, [])
        if not any(cell.strip() for cell in header):
            raise FormatError(_("The file is empty: the first row must name the columns."))
        self.columns = [cell.strip() for cell in header]

    def _records(self) -> Generator[list[str], None, None]:
        self.stream.seek(self.start)
        text = io.TextIOWrapper(self.stream, encoding="utf-8", newline="")
        try:
            yield from csv.reader(text, delimiter=self.delimiter)
        except csv.Error as error:
            raise FormatError(_("The file is not valid CSV: %(error)s.", error=error)) from None
        finally:
            text.detach()  # the caller's stream stays open for the next walk

    def __iter__(self) -> Iterator[Row]:
        with closing(self._records()) as records:
            next(records, None)
            for number, cells in enumerate(records, start=2):
                if not any(cell.strip() for cell in cells):
                    continue
                data = {
                    column: _unneutralise(cell)
                    for column, cell in zip(self.columns, cells, strict=False)
                    if column
                }
                yield Row(_("row %(number)s", number=number), data)


def _header_delimiter(stream: BinaryIO, start: int) -> str:
    """The delimiter the file's first line holds most of (a comma when tied), counted on
    its bytes a chunk at a time: these are ASCII, bytes UTF-8 never uses inside another
    character, and a file with no line end is not read whole."""
    stream.seek(start)
    counts = dict.fromkeys((b",", b";", b"\t"), 0)
    while chunk := stream.read(CHUNK):
        line = chunk.split(b"\n", 1)[0]
        for delimiter in counts:
            counts[delimiter] += line.count(delimiter)
        if len(line) < len(chunk):
            break
    return max(counts, key=lambda delimiter: counts[delimiter]).decode()


def _unneutralise(cell: str) -> str:
    """Undo the apostrophe our CSV export puts before cells a spreadsheet would run."""
    if cell.startswith("'") and cell[1:2] and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def read(sheet: Sheet) -> Document:
    """The rows of a Claimline CSV file. Its sources (named by title) and relations are
    gathered in a first walk of the sheet; its claims are read again as the import walks
    them. Raises FormatError."""
    columns = sheet.columns
    missing = [name for name in ("statement", "source") if name not in columns]
    if missing:
        raise FormatError(
            _(
                "The file has no %(columns)s column. Use the columns of "
                "Claimline's CSV export, or the TimelineJS sheet's (Year, Headline, …).",
                columns=_(" or ").join(missing),
            )
        )
    document = Document(
        format="csv",
        claims=StreamedRows(lambda: (_claim_row(row)[0] for row in sheet)),
        relations=[] if "relations" in columns else None,
        sources_create_only=True,
        relation_notes=False,
    )
    ignored = [c for c in columns if c not in (*CLAIM_COLUMNS, *READABLE_COLUMNS, "relations")]
    if ignored:
        document.notes.append(_("Columns not read: %(columns)s.", columns=", ".join(ignored)))
    new_sources: dict[str, Row] = {}
    for row in sheet:
        claim, sources = _claim_row(row)
        for source in sources:
            known = new_sources.setdefault(source.data["key"], source)
            if "url" in source.data:
                # The first row to give a source's URL gives it: a source first named as a
                # via (which has no URL column) keeps the URL an export writes beside it
                # where it is a claim's source.
                known.data.setdefault("url", source.data["url"])
        if document.relations is not None:
            document.relations.extend(_csv_relations(row, claim.data["key"]))
    document.sources = list(new_sources.values())
    return document


def _claim_row(row: Row) -> tuple[Row, list[Row]]:
    """A sheet row as a claim row, with the sources it names by title (source_title,
    via_title): the file's first row naming a source gives its title."""
    data = {name: value for name, value in row.data.items() if name in CLAIM_COLUMNS}
    data["key"] = data.get("key") or generated_key(data.get("statement", ""), row.data)
    sources = []
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
        source = {"key": key, "title": title}
        if url_column and (row.data.get(url_column) or "").strip():
            source["url"] = row.data[url_column].strip()
        sources.append(Row(f"{row.where} ({field_name})", source))
    return Row(row.where, data), sources


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
