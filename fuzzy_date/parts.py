"""Named parts of a year: "early 2023", "Q1 2024", "le premier semestre 2024", "été 2024"."""

from __future__ import annotations

import re

from fuzzy_date.cleaning import strip_prefix
from fuzzy_date.edtf import Shape, make_point
from fuzzy_date.errors import MissingYear, NoMatch
from fuzzy_date.relative import year_of
from fuzzy_date.value import FuzzyDate
from fuzzy_date.vocabulary import ORDINALS, SEASON_NAMES, SEASON_WORDS

_PART_PREFIXES = sorted(
    [(p, (1, 4)) for p in ("early", "early in", "beginning of", "start of", "debut", "debut de",
                           "debut d'", "au debut de", "au debut d'", "en debut de")]
    + [(p, (5, 8)) for p in ("mid", "middle of", "mi", "milieu de", "au milieu de",
                             "a la mi")]
    + [(p, (9, 12)) for p in ("late", "late in", "end of", "at the end of", "fin", "fin de",
                              "fin d'", "a la fin de", "a la fin d'", "en fin de")],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_CODED_SPAN = re.compile(r"(?P<code>[qths])(?P<n>[1-4])[ -]?(?P<year>.+)")
_CODED_SPAN_AFTER = re.compile(r"(?P<year>[0-9]{4})[ -]?(?P<code>[qths])(?P<n>[1-4])")
_WORDED_SPAN = re.compile(
    r"(?P<n>[a-z0-9]+) (?P<kind>quarter|half|trimestre|semestre)(?: of| de| d')? ?(?P<year>.+)"
)
_SEASON = re.compile(r"(?:l')?(?P<season>[a-z]+)(?: of| de| d')? ?(?P<year>.*)")
_WINTER_RANGE = re.compile(r"([0-9]{4})[-/]([0-9]{2}|[0-9]{4})")


def _month_span(year: int, first: int, last: int, qualifier: str) -> Shape:
    return Shape(
        make_point(year, first, qualifier=qualifier), make_point(year, last, qualifier=qualifier)
    )


def read_part_of_year(text: str, reference: FuzzyDate | None) -> Shape:
    """ "early 2023" (January-April), "mid-2024" (May-August), "fin 2023" (September-December)."""
    for prefix, (first, last) in _PART_PREFIXES:
        rest = strip_prefix(text, prefix)
        if not rest:
            continue
        try:
            year, qualifier = year_of(rest, reference)
        except NoMatch:
            continue
        return _month_span(year, first, last, qualifier)
    raise NoMatch


def read_quarter_or_half(text: str, reference: FuzzyDate | None) -> Shape:
    """ "Q1 2024", "T4 2023", "H2 2024", "first quarter of 2024", "premier semestre 2024"."""
    match = _CODED_SPAN.fullmatch(text) or _CODED_SPAN_AFTER.fullmatch(text)
    if match:
        # Q and T (trimestre) are quarters; H and S (semestre) are halves.
        kind = "quarter" if match.group("code") in "qt" else "half"
        number = int(match.group("n"))
    else:
        match = _WORDED_SPAN.fullmatch(text)
        if not match or match.group("n") not in ORDINALS:
            raise NoMatch
        kind = "quarter" if match.group("kind") in ("quarter", "trimestre") else "half"
        number = ORDINALS[match.group("n")]
    size = 3 if kind == "quarter" else 6
    if number > 12 // size:
        raise NoMatch
    year, qualifier = year_of(match.group("year"), reference)
    return _month_span(year, size * (number - 1) + 1, size * number, qualifier)


def read_season(text: str, reference: FuzzyDate | None) -> Shape:
    """ "spring 2024", "l'été 2024", "winter 2024-25" (the winter that spans both years)."""
    match = _SEASON.fullmatch(text)
    if not match or match.group("season") not in SEASON_WORDS:
        raise NoMatch
    season, rest = SEASON_WORDS[match.group("season")], match.group("year")
    if not rest:
        raise MissingYear(f'"{SEASON_NAMES[season]} 2024"')
    winter = _WINTER_RANGE.fullmatch(rest)
    if winter:
        # "winter 2024-25" names both years; it must be the winter that spans them.
        year, following = int(winter.group(1)), winter.group(2)
        if season != 24 or int(following) not in (year + 1, (year + 1) % 100):
            raise NoMatch
        return Shape.single(make_point(year, 24))
    year, qualifier = year_of(rest, reference)
    return Shape.single(make_point(year, season, qualifier=qualifier))
