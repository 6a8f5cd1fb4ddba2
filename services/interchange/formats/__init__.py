"""Interchange formats, one module each with its reader and its writer: Claimline JSON
(`claimline_json`), Claimline CSV (`csv_columns`), TimelineJS (`timelinejs`), Atom feeds
(`atom`, written only) and the seed files of seeds/ (`seed_yaml`, read only). Every reader
gives the same `document.Document`, which `services.interchange.imports` loads; readers
never touch the database.
"""

from __future__ import annotations

from i18n import _
from services.interchange.formats import claimline_json, csv_columns, timelinejs
from services.interchange.formats.document import Document, FormatError, decode

FORMATS = ("json", "csv", "timelinejs")


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
        raise FormatError(
            _("Unknown format %(format)s; use json, csv or timelinejs.", format=repr(format))
        )
    kind = detect(filename, text) if format in (None, "timelinejs") else format
    if kind == "json":
        data = claimline_json.load(text)
        if isinstance(data, dict) and "events" in data:
            return timelinejs.read_json(data)
        if format == "timelinejs":
            raise FormatError(_('TimelineJS JSON has an "events" list; this file has none.'))
        return claimline_json.read(data)
    rows, columns = csv_columns.load(text)
    if format == "timelinejs" or {"Headline", "Year"} <= set(columns):
        return timelinejs.read_sheet(rows, columns)
    return csv_columns.read(rows, columns)
