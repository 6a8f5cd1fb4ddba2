"""A source's full text: capturing it (numbered by services.reading.paragraphs), keeping its
versions, and checking that a claim's quote is in the paragraph it names (issue #15).

A quote is in its paragraph when, with every run of whitespace read as one space, it is a
substring of the paragraph: a quote copied across a line wrap still matches, a changed word
does not.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from i18n import _
from models import Claim, Source, SourceText
from models.base import utcnow
from services.editing import bulk_lookups
from services.reading import paragraphs
from services.reading.paragraphs import current, whitespace_folded


def normalised(text: str) -> str:
    """The text as stored: Unix line ends, no trailing spaces, no blank lines at either end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_quoted(session: Session, source: Source) -> bool:
    """Whether any claim, even a deleted one that may be restored, quotes the source."""
    if source.id is None:
        return False
    count = session.scalar(
        select(func.count(Claim.id)).where(Claim.source_id == source.id, Claim.quote != "")
    )
    return bool(count)


def capture(session: Session, source: Source, text: str) -> SourceText | None:
    """Keep `text` as the source's text. The same text changes nothing; a different one
    replaces the current version while no claim quotes the source, and is a new version
    (the old one kept) once one does. Empty text changes nothing. Flushes nothing."""
    text = normalised(text)
    if not text.strip():
        return None
    sha256 = digest(text)
    latest = current(session, source)
    if latest is not None and latest.sha256 == sha256:
        return latest
    count = len(paragraphs.split(text))
    if latest is not None and not is_quoted(session, source):
        latest.text, latest.sha256, latest.paragraph_count = text, sha256, count
        latest.captured_at = utcnow()
        return latest
    captured = SourceText(
        source=source,
        version=latest.version + 1 if latest is not None else 1,
        text=text,
        sha256=sha256,
        paragraph_count=count,
        captured_at=utcnow(),
    )
    session.add(captured)
    return captured


def _current_paragraphs(session: Session, source: Source) -> list[str] | None:
    """The paragraphs of the source's current text (None without one); remembered for the
    rest of a bulk write, whose rows quote the same few sources thousands of times."""
    memo = bulk_lookups.table(session, "paragraphs")
    if memo is not None and source.id in memo:
        return memo[source.id]
    captured = current(session, source)
    found = paragraphs.split(captured.text) if captured is not None else None
    if memo is not None and source.id is not None:
        memo[source.id] = found
    return found


def quote_problem(session: Session, source: Source, locator: int, quote: str) -> str | None:
    """Why the quote cannot be from paragraph `locator` of the source's current text, with
    the paragraph shown; None when it is there, or when the source has no text."""
    if not quote.strip():
        return None
    found = _current_paragraphs(session, source)
    if found is None:
        return None
    if locator > len(found):
        return _(
            "The source's text has %(count)s paragraphs, so there is no paragraph %(locator)s.",
            count=len(found),
            locator=locator,
        )
    paragraph = found[locator - 1]
    if whitespace_folded(quote) in whitespace_folded(paragraph):
        return None
    return _(
        "The quote is not in paragraph %(locator)s of the source, which reads: “%(paragraph)s”. "
        "Copy the exact words, or correct the paragraph number.",
        locator=locator,
        paragraph=paragraph,
    )
