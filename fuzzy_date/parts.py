"""Named parts of a period: of a year ("early 2023", "Q1 2024", "été 2024"), of a month
("mid-October 2025", "fin juin 2024"), a week ("the week of 3 June 2024") and decades."""

from __future__ import annotations

import re
from datetime import timedelta

from fuzzy_date.calendar_dates import read_calendar
from fuzzy_date.cleaning import strip_fillers, strip_prefix
from fuzzy_date.edtf import Point, Shape, day_point, last_day, make_point
from fuzzy_date.errors import MissingYear, NoMatch, fail
from fuzzy_date.relative import read_relative, year_of
from fuzzy_date.value import FuzzyDate
from fuzzy_date.vocabulary import ORDINALS, SEASON_WORDS
from fuzzy_date.wording import season_words
from i18n import _

# Early, mid and late, in the words people use: the index is the third of the period.
_THIRD_PREFIXES = sorted(
    [(p, 0) for p in ("early", "early in", "beginning of", "start of", "debut", "debut de",
                      "debut d'", "au debut de", "au debut d'", "en debut de")]
    + [(p, 1) for p in ("mid", "middle of", "mi", "milieu de", "au milieu de", "a la mi")]
    + [(p, 2) for p in ("late", "late in", "end of", "at the end of", "fin", "fin de",
                        "fin d'", "a la fin de", "a la fin d'", "en fin de")],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_HALF_PREFIXES = sorted(
    [(p, 0) for p in ("first half of", "1st half of", "premiere moitie de",
                      "premiere moitie d'")]
    + [(p, 1) for p in ("second half of", "2nd half of", "seconde moitie de",
                        "seconde moitie d'", "deuxieme moitie de", "deuxieme moitie d'")],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_WEEK_PREFIXES = ("week of", "the week of", "semaine du", "la semaine du")
# The months of a year's thirds, the days of a month's thirds, the years of a decade's.
_YEAR_THIRDS = ((1, 4), (5, 8), (9, 12))
_MONTH_THIRDS = ((1, 10), (11, 20), (21, 31))
_MONTH_HALVES = ((1, 15), (16, 31))
_DECADE_THIRDS = ((0, 3), (4, 6), (7, 9))
_DECADE = re.compile(r"(?:the |les |des )?(?:(?P<en>[0-9]{3}0)'?s|annees (?P<fr>[0-9]{3}0))")
_CODED_SPAN = re.compile(r"(?P<code>[qths])(?P<n>[1-4])[ -]?(?P<year>.+)")
_CODED_SPAN_AFTER = re.compile(r"(?P<year>[0-9]{4})[ -]?(?P<code>[qths])(?P<n>[1-4])")
_WORDED_SPAN = re.compile(
    r"(?P<n>[a-z0-9]+) (?P<kind>quarter|half|trimestre|semestre|moitie)"
    r"(?: of| de| d')? ?(?P<year>.+)"
)
_SEASON = re.compile(r"(?:l')?(?P<season>[a-z]+)(?: of| de| d')? ?(?P<year>.*)")
_WINTER_RANGE = re.compile(r"([0-9]{4})[-/]([0-9]{2}|[0-9]{4})")


def _month_span(year: int, first: int, last: int, qualifier: str) -> Shape:
    return Shape(
        make_point(year, first, qualifier=qualifier), make_point(year, last, qualifier=qualifier)
    )


def read_part_of_year(text: str, reference: FuzzyDate | None) -> Shape:
    """ "early 2023" (January-April), "mid-2024" (May-August), "fin 2023" (September-December)."""
    for prefix, third in _THIRD_PREFIXES:
        rest = strip_prefix(text, prefix)
        if not rest:
            continue
        try:
            year, qualifier = year_of(rest, reference)
        except NoMatch:
            continue
        return _month_span(year, *_YEAR_THIRDS[third], qualifier)
    raise NoMatch


def _month_of(text: str, reference: FuzzyDate | None) -> Point:
    """The month a part of a month is taken from ("october 2025", "last month")."""
    text = strip_fillers(text)
    for reader in (read_calendar, read_relative):
        try:
            shape = reader(text, reference)
        except NoMatch:
            continue
        if shape.interval or shape.start is None or shape.start.kind != "month":
            raise NoMatch
        return shape.start
    raise NoMatch


def read_part_of_month(text: str, reference: FuzzyDate | None) -> Shape:
    """Days of a month: early (1-10), mid (11-20) or late (21 to the end) "October 2025",
    "mi-octobre 2025", "fin juin 2024"; the first half (1-15) or second half (16 to the end)."""
    for prefix, days in [(p, _MONTH_THIRDS[i]) for p, i in _THIRD_PREFIXES] + [
        (p, _MONTH_HALVES[i]) for p, i in _HALF_PREFIXES
    ]:
        rest = strip_prefix(text, prefix)
        if not rest:
            continue
        try:
            month = _month_of(rest, reference)
        except NoMatch:
            continue
        assert month.month is not None  # a month point has its month
        first, last = days[0], min(days[1], last_day(month.year, month.month))
        return Shape(
            make_point(month.year, month.month, first, month.qualifier),
            make_point(month.year, month.month, last, month.qualifier),
        )
    raise NoMatch


def read_week(text: str, reference: FuzzyDate | None) -> Shape:
    """ "the week of 3 June 2024", "la semaine du 3 juin 2024": that day and the six after."""
    for prefix in _WEEK_PREFIXES:
        rest = strip_prefix(text, prefix)
        if not rest:
            continue
        shape = read_calendar(strip_fillers(rest), reference)
        first = shape.start
        if first is None or first.kind != "day":
            raise fail(_('Give the first day of the week, as in "the week of 3 June 2024".'))
        return Shape(first, day_point(first.earliest + timedelta(days=6), first.qualifier))
    raise NoMatch


def read_decade(text: str, reference: FuzzyDate | None) -> Shape:
    """ "the 2020s", "les années 2020" (2020-2029); early (2020-2023), mid (2024-2026) or
    late (2027-2029) "2020s", "début des années 2020". "The 1900s" may be a century: refused."""
    for prefix, third in [*_THIRD_PREFIXES, ("", None)]:
        rest = strip_prefix(text, prefix) if prefix else text
        match = _DECADE.fullmatch(rest or "")
        if not match:
            continue
        start = int(match.group("en") or match.group("fr"))
        if start % 100 == 0:
            raise fail(
                _(
                    '"The %(start)ss" may be a decade or a century: write "%(decade)s" or '
                    '"%(century)s".',
                    start=start,
                    decade=f"{start}-{start + 9}",
                    century=f"{start}-{start + 99}",
                )  # fmt: skip
            )
        first, last = _DECADE_THIRDS[third] if third is not None else (0, 9)
        return Shape(make_point(start + first), make_point(start + last))
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
        raise MissingYear(season_words(season, 2024))
    winter = _WINTER_RANGE.fullmatch(rest)
    if winter:
        # "winter 2024-25" names both years; it must be the winter that spans them.
        year, following = int(winter.group(1)), winter.group(2)
        if season != 24 or int(following) not in (year + 1, (year + 1) % 100):
            raise NoMatch
        return Shape.single(make_point(year, 24))
    year, qualifier = year_of(rest, reference)
    return Shape.single(make_point(year, season, qualifier=qualifier))
