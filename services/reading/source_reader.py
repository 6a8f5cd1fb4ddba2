"""A source as a reader (issue #15): its text in numbered paragraphs, each claim's quote
marked where it stands, and which paragraphs no claim covers yet.

A quote is placed where it occurs verbatim in the paragraph its claim names; a claim whose
quote is not found there (the text changed after it was written) is still listed with its
paragraph. Only live claims are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import Claim, Source, SourceText
from services.reading import paragraphs as paragraph_rule


@dataclass
class Passage:
    """A stretch of a paragraph, and the claims whose quotes cover it (none: plain text)."""

    text: str
    claims: list[Claim] = field(default_factory=list)
    # Claims whose quote ends here: the passage is followed by links to them.
    ending: list[Claim] = field(default_factory=list)


@dataclass
class ReaderParagraph:
    number: int
    text: str
    passages: list[Passage]
    claims: list[Claim]  # every live claim that names this paragraph
    unplaced: list[Claim]  # those whose quote was not found in it

    @property
    def quoted(self) -> bool:
        return bool(self.claims)


@dataclass
class SourceReader:
    source: Source
    text: SourceText
    latest_version: int
    paragraphs: list[ReaderParagraph]
    elsewhere: list[Claim]  # claims naming a paragraph the text does not have

    @property
    def quoted_count(self) -> int:
        return sum(1 for paragraph in self.paragraphs if paragraph.quoted)

    @property
    def highlighted_count(self) -> int:
        """How many claims' quotes are marked in the text."""
        placed = {
            claim.id
            for paragraph in self.paragraphs
            for passage in paragraph.passages
            for claim in passage.claims
        }
        return len(placed)


def build(
    session: Session, source: Source, version_number: int | None = None
) -> SourceReader | None:
    """The reader for the source's latest text, or for an earlier version; None if none."""
    latest = paragraph_rule.current(session, source)
    if latest is None:
        return None
    captured: SourceText | None = latest
    if version_number is not None and version_number != latest.version:
        captured = paragraph_rule.version(session, source, version_number)
    if captured is None:
        return None
    claims = _live_claims(session, source)
    texts = paragraph_rule.split(captured.text)
    by_number: dict[int, list[Claim]] = {}
    elsewhere = []
    for claim in claims:
        if claim.locator is not None and 1 <= claim.locator <= len(texts):
            by_number.setdefault(claim.locator, []).append(claim)
        elif claim.locator is not None:
            elsewhere.append(claim)
    paragraphs = [
        _paragraph(number, text, by_number.get(number, []))
        for number, text in enumerate(texts, start=1)
    ]
    return SourceReader(source, captured, latest.version, paragraphs, elsewhere)


def _live_claims(session: Session, source: Source) -> list[Claim]:
    statement = (
        select(Claim)
        .where(Claim.source_id == source.id, Claim.deleted_at.is_(None))
        .order_by(Claim.locator, Claim.id)
        .options(joinedload(Claim.speaker))
    )
    return list(session.scalars(statement))


def _paragraph(number: int, text: str, claims: list[Claim]) -> ReaderParagraph:
    spans: list[tuple[int, int, Claim]] = []
    unplaced = []
    for claim in claims:
        start = text.find(claim.quote) if claim.quote else -1
        if start < 0:
            unplaced.append(claim)
        else:
            spans.append((start, start + len(claim.quote), claim))
    return ReaderParagraph(number, text, _passages(text, spans), claims, unplaced)


def _passages(text: str, spans: list[tuple[int, int, Claim]]) -> list[Passage]:
    """The paragraph cut at every quote's start and end, each piece with its claims."""
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    passages = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [claim for s, e, claim in spans if s <= start and end <= e]
        ending = [claim for s, e, claim in spans if s <= start and e == end]
        passages.append(Passage(text[start:end], covering, ending))
    return passages
