"""A source's captured text read as numbered paragraphs, and its stored versions (issue #15).

The paragraph rule: every line that holds more than whitespace is one paragraph, counted from
1, so text separated by blank lines and text with one paragraph per line number alike. It is
the seeded article's numbering (non-empty lines of the file; the title is paragraph 1).
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Source, SourceText

_WHITESPACE = re.compile(r"\s+")


def split(text: str) -> list[str]:
    """The text's paragraphs in order: its lines that hold more than whitespace, trimmed."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def whitespace_folded(text: str) -> str:
    """Every run of whitespace as one space: how a quote is compared with its paragraph."""
    return _WHITESPACE.sub(" ", text).strip()


def current(session: Session, source: Source) -> SourceText | None:
    """The latest captured version of the source's text, or None."""
    if source.id is None:
        return None
    return session.scalar(
        select(SourceText)
        .where(SourceText.source_id == source.id)
        .order_by(SourceText.version.desc())
        .limit(1)
    )


def version(session: Session, source: Source, number: int) -> SourceText | None:
    return session.scalar(
        select(SourceText).where(SourceText.source_id == source.id, SourceText.version == number)
    )


def versions(session: Session, source: Source) -> list[SourceText]:
    """Every captured version, oldest first."""
    return list(
        session.scalars(
            select(SourceText).where(SourceText.source_id == source.id).order_by(SourceText.version)
        )
    )
