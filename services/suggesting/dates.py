"""The date a sentence speaks of: the first date phrase in it, read by `fuzzy_date` against
the source's publication date. A phrase the reader refuses is left out, never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass

import fuzzy_date
from fuzzy_date import FuzzyDate, FuzzyDateError
from fuzzy_date.vocabulary import MONTH_WORDS

_MONTH = "|".join(sorted((re.escape(word) for word in MONTH_WORDS), key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_RELATIVE = (
    r"plus tôt cette année|plus tôt dans l'année|cette année|l'année (?:dernière|passée|prochaine)"
    r"|l'an (?:dernier|passé|prochain)|le mois (?:dernier|prochain)|ce mois-ci"
    r"|il y a (?:des|quelques|plusieurs|\d+|deux|trois|quatre|cinq|six) (?:mois|ans|années)"
    rf"|(?:{_MONTH}) (?:dernier|prochain)"
    r"|earlier this year|this year|last year|next year|last month|next month"
    r"|(?:a few |several |some )?months ago|(?:\d+|two|three|four|five|six) (?:months|years) ago"
    rf"|(?:last|next) (?:{_MONTH})"
)
_ABSOLUTE = rf"(?:\d{{1,2}}(?:er)? )?(?:{_MONTH}) {_YEAR}|{_YEAR}"
# "not expected before at least 2026": what cannot happen before a year happens in it or later.
_NOT_BEFORE = re.compile(
    rf"\b(?:pas|not|no)\b[^.;]{{0,60}}?\b(?:avant|before) (?:au moins |at least )?({_YEAR})\b",
    re.IGNORECASE,
)
_PHRASE = re.compile(
    rf"\b(?:(?:depuis|à partir de|since|from) )?(?:{_RELATIVE}|{_ABSOLUTE})\b", re.IGNORECASE
)


@dataclass(frozen=True)
class DateFound:
    phrase: str  # as written in the sentence
    value: FuzzyDate


def event_date(sentence: str, reference: FuzzyDate | None) -> DateFound | None:
    """The first date phrase the reader accepts, or None."""
    found = []
    not_before = _NOT_BEFORE.search(sentence)
    if not_before:
        found.append((not_before.start(), not_before[0], f"{not_before[1]} or later"))
    for match in _PHRASE.finditer(sentence):
        if not_before and not_before.start() <= match.start() < not_before.end():
            continue
        found.append((match.start(), match[0], match[0]))
    for _, written, readable in sorted(found, key=lambda item: item[0]):
        try:
            return DateFound(written, fuzzy_date.parse(readable.lower(), reference))
        except FuzzyDateError:
            continue
    return None


def by_publication(published: FuzzyDate | None) -> FuzzyDate | None:
    """Any time up to the publication date ("../2024-07~"), or None without one."""
    if published is None or "/" in published.edtf:
        return None
    try:
        return fuzzy_date.from_edtf(f"../{published.edtf}")
    except FuzzyDateError:
        return None
