"""What every interchange format reads into: a Document of sources, entities, claims and
relations, each row labelled with where it came from ("row 7", 'claim "tsmc-ceo"') for the
import report; and how items without a key are named in files."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from i18n import _l
from models import Claim, Source


class FormatError(ValueError):
    """A file that cannot be read as the format it claims to be; nothing is imported."""


@dataclass
class Row:
    where: str
    data: dict[str, Any]


class StreamedRows:
    """Rows made afresh by `walk` each time they are iterated: a large file's claims, read
    from its stream again rather than kept (issue #17)."""

    def __init__(self, walk: Callable[[], Iterable[Row]]):
        self.walk = walk

    def __iter__(self) -> Iterator[Row]:
        return iter(self.walk())


@dataclass
class Document:
    format: str
    dossier: dict[str, Any] | None = None
    sources: list[Row] = field(default_factory=list)
    entities: list[Row] = field(default_factory=list)
    # Iterable: a large file's claims are read from it as the import walks them.
    claims: Iterable[Row] = field(default_factory=list)
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
    # The summary of the revisions the import records, shown in each item's history.
    revision_summary: str = "import"


_NOT_UTF8 = _l(
    "The file is not UTF-8 text. Save it as “CSV UTF-8” (Excel) or with the UTF-8 "
    "character set (LibreOffice), or export it again from Claimline."
)
CHUNK = 1 << 20


def check_text(stream: BinaryIO) -> tuple[int, str]:
    """Check, a megabyte at a time, that the stream is UTF-8 text; returns where its text
    starts (after the BOM that Excel writes) and its first character that is not a space.
    Raises FormatError."""
    stream.seek(0)
    start = 3 if stream.read(3) == codecs.BOM_UTF8 else 0
    stream.seek(start)
    decoder = codecs.getincrementaldecoder("utf-8")()
    first = ""
    try:
        while chunk := stream.read(CHUNK):
            text = decoder.decode(chunk)
            first = first or text.lstrip()[:1]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise FormatError(str(_NOT_UTF8)) from None
    return start, first


def claim_key(claim: Claim) -> str:
    """The claim's key, or "claim-<id>" for one without: an import into the same dossier
    recognises it."""
    return claim.key or f"claim-{claim.id}"


def source_key(source: Source) -> str:
    """The source's key, or "source-<id>" for one without."""
    return source.key or f"source-{source.id}"


def generated_key(statement: str, data: dict[str, Any]) -> str:
    """A stable key for a row that has none: the same row gets the same key on every import."""
    words = re.sub(r"[^a-z0-9]+", "-", statement.lower()).strip("-")[:50].strip("-") or "claim"
    digest = hashlib.sha1(
        json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()[:8]
    return f"{words}-{digest}"
