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
    r"|the end of (?:the|this) year|la fin de l'année|la fin de cette année"
    r"|(?:a few |several |some )?months ago|(?:\d+|two|three|four|five|six) (?:months|years) ago"
    rf"|(?:last|next) (?:{_MONTH})"
)
# "late 2023", "fin 2023", "mid-2024": the part of the year is kept, never dropped.
_PART = r"(?:(?:early|mid|late|début|mi|fin)[- ])?"
_ABSOLUTE = rf"(?:\d{{1,2}}(?:er)? )?(?:{_MONTH}) {_YEAR}|{_PART}{_YEAR}"
# "not expected before at least 2026": what cannot happen before a year happens in it or later.
_NOT_BEFORE = re.compile(
    rf"\b(?:pas|not|no)\b[^.;]{{0,60}}?\b(?:avant|before) (?:au moins |at least )?({_YEAR})\b",
    re.IGNORECASE,
)
_PHRASE = re.compile(
    rf"\b(?:(?:depuis|à partir de|since|from|by|d'ici) )?(?:{_RELATIVE}|{_ABSOLUTE})\b",
    re.IGNORECASE,
)
# "in September": a month without its year, which the publication date may settle.
_BARE_MONTH = re.compile(
    rf"\b(?P<intro>in|en|since|depuis|from|by|d'ici) (?P<month>{_MONTH})\b"
    r"(?! (?:\d|dernier|dernière|prochain|prochaine|passé|last|next))",
    re.IGNORECASE,
)
# Words that put a sentence's month ahead of the publication date.
_FUTURE = re.compile(
    r"\b(?:will|would|shall|is expected|are expected|plans?|planned|next|sera|seront|devrait"
    r"|devraient|prévue?s?|prochaine?)\b",
    re.IGNORECASE,
)
_END_OF_YEAR = r"the end of (?:the|this) year|la fin de (?:l'|cette )année"
_OPEN_INTROS = {"since": "since", "depuis": "since", "from": "since", "by": "by", "d'ici": "by"}


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
        found.append((match.start(), match[0], _readable(match[0], reference)))
    for match in _BARE_MONTH.finditer(sentence):
        if (readable := _month_of_publication_year(match, sentence, reference)) is not None:
            found.append((match.start(), match[0], readable))
    for _, written, readable in sorted(found, key=lambda item: item[0]):
        try:
            return DateFound(written, fuzzy_date.parse(readable.lower(), reference))
        except FuzzyDateError:
            continue
    return None


def _readable(written: str, reference: FuzzyDate | None) -> str:
    """The phrase as the reader takes it: "the end of the year" names the publication's year
    ("by the end of the year" in a 2025 article: by December 2025)."""
    end_of_year = re.search(_END_OF_YEAR, written, re.IGNORECASE)
    if end_of_year is None or reference is None or reference.earliest.year != reference.latest.year:
        return written
    return f"{written[: end_of_year.start()]}end of {reference.earliest.year}"


def _month_of_publication_year(
    match: re.Match[str], sentence: str, reference: FuzzyDate | None
) -> str | None:
    """A month without a year, placed in the publication's year when the sentence leaves no
    doubt: an earlier month of a sentence that does not look ahead, a later month of one
    that does. Anything else (a past November in an October article) is refused."""
    if reference is None:
        return None
    first, last = reference.earliest, reference.latest
    if (first.year, first.month) != (last.year, last.month):
        return None
    month = MONTH_WORDS[match["month"].lower()]
    ahead = bool(_FUTURE.search(sentence))
    if month != first.month and (month > first.month) != ahead:
        return None
    intro = _OPEN_INTROS.get(match["intro"].lower())
    return f"{intro + ' ' if intro else ''}{match['month'].lower()} {first.year}"


def by_publication(published: FuzzyDate | None) -> FuzzyDate | None:
    """Any time up to the publication date ("../2024-07~"), or None without one."""
    if published is None or "/" in published.edtf:
        return None
    try:
        return fuzzy_date.from_edtf(f"../{published.edtf}")
    except FuzzyDateError:
        return None
