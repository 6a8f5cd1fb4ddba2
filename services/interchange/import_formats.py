"""Reading an import file into rows: Claimline JSON, our CSV columns, or a TimelineJS sheet.

Each format becomes the same Document of sources, entities, claims and relations, every row
labelled with where it came from ("row 7", 'claim "tsmc-ceo"') for the import report.
Nothing here touches the database.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from models.vocabulary import Attribution
from services.interchange.exports import FORMAT_NAME, FORMULA_STARTS

FORMATS = ("json", "csv", "timelinejs")
TIMELINEJS_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
CLAIM_COLUMNS = (
    "key", "statement", "quote", "quote_lang", "attribution", "speaker", "speaker_description",
    "via", "source", "locator", "event_date", "stated_date", "confidence", "status", "tags",
    "entities", "notes",
)  # fmt: skip
# Columns of our CSV export that are there for people; an import reads the source ones only
# to create a source the file names but the dossier does not have yet.
READABLE_COLUMNS = (
    "event_date_label", "stated_date_label", "attribution_label", "speaker_name", "via_title",
    "source_title", "source_url", "confidence_label", "url", "id",
)  # fmt: skip
TIMELINEJS_SOURCE_KEY = "timelinejs"
TIMELINEJS_CONFIDENCE = 50
STATEMENT_MAX = 500


class FormatError(ValueError):
    """A file that cannot be read as the format it claims to be; nothing is imported."""


@dataclass
class Row:
    where: str
    data: dict[str, Any]


@dataclass
class Document:
    format: str
    dossier: dict[str, Any] | None = None
    sources: list[Row] = field(default_factory=list)
    entities: list[Row] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    # None: the file says nothing about relations, so an import leaves them as they are.
    relations: list[Row] | None = None
    # True when the file names sources only in passing (a CSV's source_title column): they
    # are created when the dossier lacks them, and never overwrite one it has.
    sources_create_only: bool = False
    # False when the file's relations carry no notes (CSV): notes already written stay.
    relation_notes: bool = True
    # True when rows carry too little to correct a claim (TimelineJS has no confidence,
    # source or date said): a row whose claim exists already leaves it as it is.
    claims_create_only: bool = False
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def decode(content: bytes) -> str:
    """UTF-8 text, with or without the BOM that Excel writes."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError(
            "The file is not UTF-8 text. Save it as “CSV UTF-8” (Excel) or with the UTF-8 "
            "character set (LibreOffice), or export it again from Claimline."
        ) from None


def detect(filename: str, text: str) -> str:
    """json or csv by the file's extension, else by its first character."""
    name = filename.lower()
    if name.endswith(".json"):
        return "json"
    if name.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    return "json" if text.lstrip()[:1] in ("{", "[") else "csv"


def read(content: bytes, filename: str = "", format: str | None = None) -> Document:
    """The rows of an import file. `format` is json, csv or timelinejs (a TimelineJS sheet
    saved as CSV, or TimelineJS JSON); by default it is told from the name and content.
    Raises FormatError."""
    text = decode(content)
    if format is not None and format not in FORMATS:
        raise FormatError(f"Unknown format {format!r}; use json, csv or timelinejs.")
    kind = detect(filename, text) if format in (None, "timelinejs") else format
    if kind == "json":
        data = _load_json(text)
        if isinstance(data, dict) and "events" in data:
            return _timelinejs_json(data)
        if format == "timelinejs":
            raise FormatError('TimelineJS JSON has an "events" list; this file has none.')
        return _claimline_json(data)
    rows, columns = _load_csv(text)
    if format == "timelinejs" or {"Headline", "Year"} <= set(columns):
        return _timelinejs_sheet(rows, columns)
    return _claimline_csv(rows, columns)


# --- Claimline JSON -------------------------------------------------------------------------


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(f"The file is not valid JSON: {error}.") from None
    except RecursionError:
        raise FormatError("The file is not valid JSON: it is nested too deeply.") from None


def _list(data: dict, name: str) -> list:
    value = data.get(name) or []
    if not isinstance(value, list):
        raise FormatError(f'"{name}" must be a list.')
    return value


def _rows(items: list, section: str, identifier: str) -> list[Row]:
    rows = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            rows.append(Row(f"{section} #{index}", {}))
            continue
        name = item.get(identifier)
        where = f'{section} "{name}"' if isinstance(name, str) and name else f"{section} #{index}"
        rows.append(Row(where, item))
    return rows


def _claimline_json(data: Any) -> Document:
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise FormatError(
            'This is not a Claimline dossier: expected an object with a "claims" list '
            "(as /dossiers/<slug>/claims.json exports)."
        )
    if data.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise FormatError(f'Unknown format "{data.get("format")}"; expected "{FORMAT_NAME}".')
    dossier = data.get("dossier")
    return Document(
        format="json",
        dossier=dossier if isinstance(dossier, dict) else None,
        sources=_rows(_list(data, "sources"), "source", "key"),
        entities=_rows(_list(data, "entities"), "entity", "slug"),
        claims=_rows(_list(data, "claims"), "claim", "key"),
        relations=_rows(_list(data, "relations"), "relation", "from"),
    )


# --- CSV ------------------------------------------------------------------------------------


def _load_csv(text: str) -> tuple[list[Row], list[str]]:
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
        raise FormatError(f"The file is not valid CSV: {error}.") from None
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise FormatError("The file is empty: the first row must name the columns.")
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
        rows.append(Row(f"row {number}", data))
    return rows, columns


def _unneutralise(cell: str) -> str:
    """Undo the apostrophe our CSV export puts before cells a spreadsheet would run."""
    if cell.startswith("'") and cell[1:2] and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _claimline_csv(rows: list[Row], columns: list[str]) -> Document:
    missing = [name for name in ("statement", "source") if name not in columns]
    if missing:
        raise FormatError(
            f"The file has no {' or '.join(missing)} column. Use the columns of "
            "Claimline's CSV export, or the TimelineJS sheet's (Year, Headline, …)."
        )
    document = Document(
        format="csv",
        relations=[] if "relations" in columns else None,
        sources_create_only=True,
        relation_notes=False,
    )
    ignored = [c for c in columns if c not in (*CLAIM_COLUMNS, *READABLE_COLUMNS, "relations")]
    if ignored:
        document.notes.append("Columns not read: " + ", ".join(ignored) + ".")
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
        document.claims.append(Row(row.where, data))
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


def generated_key(statement: str, data: dict[str, Any]) -> str:
    """A stable key for a row that has none: the same row gets the same key on every import."""
    words = re.sub(r"[^a-z0-9]+", "-", statement.lower()).strip("-")[:50].strip("-") or "claim"
    digest = hashlib.sha1(
        json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()[:8]
    return f"{words}-{digest}"


# --- TimelineJS -----------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<\s*(?:br|/p|/blockquote|/li|/h\d)\s*/?\s*>", re.IGNORECASE)


def plain_text(markup: Any) -> str:
    """TimelineJS text is HTML: keep its words and line breaks, drop its tags."""
    if not isinstance(markup, str):
        return ""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", markup)))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _edtf_point(year: Any, month: Any, day: Any) -> str | None:
    """An EDTF point from TimelineJS's year, month and day cells; None without a year."""
    parts = []
    for value, width in ((year, 4), (month, 2), (day, 2)):
        text = str(value).strip() if value is not None else ""
        if not text:
            break
        if not text.isdigit():
            raise ValueError(f'"{text}" is not a number')
        parts.append(text.zfill(width))
    return "-".join(parts) or None


def _attribution(group: str) -> Attribution | None:
    wanted = group.strip().casefold()
    for attribution in Attribution:
        if wanted in (attribution.value, attribution.label.casefold()):
            return attribution
    return None


def _slide_row(where: str, slide: dict[str, Any]) -> Row | tuple[str, str]:
    """A TimelineJS slide (sheet row or JSON event, same names) as a claim row, or the
    reason it is skipped."""
    kind = str(slide.get("Type") or "").strip().lower()
    if kind in ("title", "era"):
        return (where, f"{'an era' if kind == 'era' else 'the title'} slide, not a claim")
    headline, text = plain_text(slide.get("Headline")), plain_text(slide.get("Text"))
    statement = headline or _shortened(text)
    try:
        start = _edtf_point(slide.get("Year"), slide.get("Month"), slide.get("Day"))
        end = _edtf_point(slide.get("End Year"), slide.get("End Month"), slide.get("End Day"))
    except ValueError as error:
        return Row(where, {"key": "", "error": f"its date is not numbers: {error}"})
    date = f"{start}/{end}" if start and end and end != start else start
    group = str(slide.get("Group") or "").strip()
    attribution = _attribution(group) if group else None
    notes = [text] if headline and text else []
    media = str(slide.get("Media") or "").strip()
    if media:
        caption = plain_text(slide.get("Media Caption"))
        credit = plain_text(slide.get("Media Credit"))
        notes.append(f"Media: {media}" + (f" — {caption}" if caption else "")
                     + (f" ({credit})" if credit else ""))  # fmt: skip
    data = {
        "key": str(slide.get("unique_id") or "").strip()
        or generated_key(statement, {"date": date, "statement": statement}),
        "statement": statement,
        "attribution": (attribution or Attribution.REPORT).value,
        "source": TIMELINEJS_SOURCE_KEY,
        "event_date": date,
        "stated_date": date,
        "confidence": TIMELINEJS_CONFIDENCE,
        "tags": [group] if group and attribution is None else [],
        "notes": "\n\n".join(notes),
    }
    if not date:
        data["error"] = "it has no Year"
    if not statement:
        data["error"] = "its Headline and Text are empty"
    return Row(where, data)


def _shortened(text: str) -> str:
    first = text.split("\n", 1)[0]
    if len(first) <= STATEMENT_MAX:
        return first
    return first[: STATEMENT_MAX - 1].rsplit(" ", 1)[0] + "…"


def _timelinejs(slides: list[tuple[str, dict]], title: dict | None) -> Document:
    document = Document(
        format="timelinejs", relations=None, sources_create_only=True, claims_create_only=True
    )
    if title:
        document.dossier = title
    document.sources.append(
        Row(
            "the timeline",
            {
                "key": TIMELINEJS_SOURCE_KEY,
                "title": "Imported TimelineJS timeline",
                "kind": "report",
            },
        )
    )
    for where, slide in slides:
        result = _slide_row(where, slide)
        if isinstance(result, Row):
            document.claims.append(result)
        else:
            document.skipped.append(result)
    document.notes.append(
        f"TimelineJS has no confidence or date said: claims get {TIMELINEJS_CONFIDENCE}% "
        "and their event date as the date said; a Group that is not an attribution becomes "
        "a tag, and the claim is filed as a media report. A slide whose claim is already in "
        "the dossier leaves it as it is."
    )
    return document


def _timelinejs_sheet(rows: list[Row], columns: list[str]) -> Document:
    if "Headline" not in columns or "Year" not in columns:
        raise FormatError(
            "A TimelineJS sheet needs its template's columns: "
            + ", ".join(TIMELINEJS_COLUMNS)
            + "."
        )
    title = None
    slides = []
    for row in rows:
        if str(row.data.get("Type") or "").strip().lower() == "title" and title is None:
            title = {
                "title": plain_text(row.data.get("Headline")),
                "subject": plain_text(row.data.get("Text")),
            }
        slides.append((row.where, row.data))
    return _timelinejs(slides, title)


def _date_cells(date: Any, prefix: str) -> dict[str, Any]:
    if not isinstance(date, dict):
        return {}
    return {f"{prefix}{name}": date.get(name.lower()) for name in ("Year", "Month", "Day")}


def _timelinejs_json(data: dict) -> Document:
    events = data.get("events")
    if not isinstance(events, list):
        raise FormatError('TimelineJS JSON needs an "events" list.')
    slides = []
    for index, event in enumerate(events, start=1):
        if not isinstance(event, dict):
            slides.append((f"event #{index}", {}))
            continue
        text = event.get("text") if isinstance(event.get("text"), dict) else {}
        media = event.get("media") if isinstance(event.get("media"), dict) else {}
        slide = {
            **_date_cells(event.get("start_date"), ""),
            **_date_cells(event.get("end_date"), "End "),
            "Headline": text.get("headline"),
            "Text": text.get("text"),
            "Group": event.get("group"),
            "Media": media.get("url"),
            "Media Caption": media.get("caption"),
            "Media Credit": media.get("credit"),
            "unique_id": event.get("unique_id"),
        }
        where = f'event "{event["unique_id"]}"' if event.get("unique_id") else f"event #{index}"
        slides.append((where, slide))
    title_text = (
        (data.get("title") or {}).get("text") if isinstance(data.get("title"), dict) else None
    )
    title = None
    if isinstance(title_text, dict):
        title = {
            "title": plain_text(title_text.get("headline")),
            "subject": plain_text(title_text.get("text")),
        }
    return _timelinejs(slides, title)
