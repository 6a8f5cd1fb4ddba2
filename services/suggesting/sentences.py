"""Cutting a paragraph into sentences, keeping each one's place so a quote stays verbatim."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? or … (and any closing quote) before a space and the next
# sentence's first letter, digit or opening quote. Initials ("C.C. Wei"), abbreviations
# ("M. Ho", "U.S.") and decimals ("1.44") do not end one.
_END = re.compile(r"""[.!?…]+["»”’)]*(?=\s+["«“(]?[A-ZÀ-ÖØ-Þ0-9])""")
_NOT_AN_END = re.compile(
    r"(?:\b[A-Z]|\b(?:M|Mme|Mr|Mrs|Ms|Dr|St|Inc|Corp|Co|Ltd|etc|vs|cf|p|No|n°))\.$"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split(paragraph: str) -> list[Sentence]:
    """The paragraph's sentences in order, trimmed, with their offsets in the paragraph."""
    sentences = []
    start = 0
    for match in _END.finditer(paragraph):
        if _NOT_AN_END.search(paragraph[start : match.start() + 1]):
            continue
        sentences.extend(_trimmed(paragraph, start, match.end()))
        start = match.end()
    sentences.extend(_trimmed(paragraph, start, len(paragraph)))
    return sentences


def _trimmed(paragraph: str, start: int, end: int) -> list[Sentence]:
    piece = paragraph[start:end]
    stripped = piece.strip()
    if not stripped:
        return []
    first = start + piece.index(stripped)
    return [Sentence(first, first + len(stripped), stripped)]
