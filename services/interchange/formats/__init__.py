"""Interchange formats, one module each with its reader and its writer: Claimline JSON
(`claimline_json`), Claimline CSV (`csv_columns`), TimelineJS (`timelinejs`), Atom feeds
(`atom`, written only) and the seed files of seeds/ (`seed_yaml`, read only). Every reader
gives the same `document.Document`, which `services.interchange.imports` loads; readers
never touch the database.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from i18n import _
from services.interchange.formats import claimline_json, csv_columns, timelinejs
from services.interchange.formats.document import Document, FormatError, check_text

FORMATS = ("json", "csv", "timelinejs")


def detect(filename: str, first: str) -> str:
    """json or csv by the file's extension, else by its first character."""
    name = filename.lower()
    if name.endswith(".json"):
        return "json"
    if name.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    return "json" if first in ("{", "[") else "csv"


def read(content: bytes | BinaryIO, filename: str = "", format: str | None = None) -> Document:
    """The rows of an import file, given whole or as a binary stream (which must stay open
    while the import runs: the claims of a CSV or Claimline JSON file are read from it as
    they are imported). `format` is json, csv or timelinejs (a TimelineJS sheet saved as
    CSV, or TimelineJS JSON); by default it is told from the name and content. Raises
    FormatError."""
    stream = io.BytesIO(content) if isinstance(content, bytes) else content
    start, first = check_text(stream)
    if format is not None and format not in FORMATS:
        raise FormatError(
            _("Unknown format %(format)s; use json, csv or timelinejs.", format=repr(format))
        )
    kind = detect(filename, first) if format in (None, "timelinejs") else format
    if kind == "json":
        found = claimline_json.outline(stream, start)
        if found is not None and "events" in found.types:
            return timelinejs.read_json(_whole_json(stream, start))
        if format == "timelinejs":
            raise FormatError(_('TimelineJS JSON has an "events" list; this file has none.'))
        return claimline_json.read(stream, found, start)
    sheet = csv_columns.Sheet(stream, start)
    if format == "timelinejs" or {"Headline", "Year"} <= set(sheet.columns):
        return timelinejs.read_sheet(sheet, sheet.columns)
    return csv_columns.read(sheet)


def _whole_json(stream: BinaryIO, start: int) -> dict:
    """A TimelineJS document, read whole: such files hold a few hundred events at most."""
    stream.seek(start)
    return claimline_json.load(stream.read().decode("utf-8"))
