"""Imprecise dates for claims: parsing, calendar bounds and display.

A claim's date is stored as a Library of Congress EDTF string together with the
first and last calendar day it covers, so the database can sort and filter on plain
dates while the page still shows "around mid-2024" rather than a made-up day.

Supported EDTF (level 0 plus this part of level 1): ``2024``, ``2024-06``,
``2024-06-04``, seasons ``2024-21`` to ``2024-24``, one trailing qualifier ``?``
(uncertain), ``~`` (approximate) or ``%`` (both), and intervals ``A/B`` whose ends
may be open (``2026/..``, ``../2025``). Years run from 1000 to 2999.

``parse`` also reads what editors type, in English and French, and relative phrases
from source articles ("last month"), which only make sense against the source's
publication date. It never guesses: anything it cannot read with certainty raises
``FuzzyDateError``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateutil import parser as dateutil_parser

__all__ = ["OPEN_END", "OPEN_START", "FuzzyDate", "FuzzyDateError", "from_edtf", "parse"]

OPEN_START = date.min  # stored earliest for an interval open at the start ("../2025")
OPEN_END = date.max  # stored latest for an interval open at the end ("2026/..")

_MAX_LENGTH = 200
_MIN_YEAR, _MAX_YEAR = 1000, 2999
_TRY = 'Try "2024-06-04", "June 2024", "Q1 2024", "around 2023" or "2026 or later".'

_MONTH_NAMES = tuple(calendar.month_name[1:])  # English labels, whatever the locale says
# Input is lower-cased and stripped of accents before lookup, so "août" arrives as "aout".
_MONTH_ALIASES = (
    ("jan", "january", "janv", "janvier"),
    ("feb", "february", "fev", "fevr", "fevrier"),
    ("mar", "march", "mars"),
    ("apr", "april", "avr", "avril"),
    ("may", "mai"),
    ("jun", "june", "juin"),
    ("jul", "july", "juil", "juillet"),
    ("aug", "august", "aout"),
    ("sep", "sept", "september", "septembre"),
    ("oct", "october", "octobre"),
    ("nov", "november", "novembre"),
    ("dec", "december", "decembre"),
)
_MONTH_WORDS = {name: number for number, names in enumerate(_MONTH_ALIASES, 1) for name in names}

_SEASON_NAMES = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_SEASON_FIRST_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}
_SEASON_WORDS = {
    "spring": 21, "printemps": 21, "summer": 22, "ete": 22,
    "autumn": 23, "fall": 23, "automne": 23, "winter": 24, "hiver": 24,
}  # fmt: skip

# Month spans that have a name of their own; the label uses the name.
_NAMED_SPANS = {
    (1, 4): "early {year}", (5, 8): "mid-{year}", (9, 12): "late {year}",
    (1, 3): "Q1 {year}", (4, 6): "Q2 {year}", (7, 9): "Q3 {year}", (10, 12): "Q4 {year}",
    (1, 6): "H1 {year}", (7, 12): "H2 {year}",
}  # fmt: skip


class FuzzyDateError(ValueError):
    """Input that is not a readable date.

    ``str(err)`` is a user-facing English sentence that includes examples of what works.
    """


class _MissingYear(FuzzyDateError):
    """A month or day without a year; an interval may still lend it one ("March to June 2024")."""

    def __init__(self, example: str = '"June 2024" or "4 June 2024"') -> None:
        super().__init__(f"Add a year, as in {example}. {_TRY}")


class _NoMatch(Exception):
    """Internal: this reading does not apply, try the next one. Never leaves the module."""


def _fail(reason: str) -> FuzzyDateError:
    return FuzzyDateError(f"{reason} {_TRY}")


def _quote(text: str) -> str:
    # Error messages echo the input, but never a wall of it.
    text = " ".join(text.split())
    return f'"{text[:39]}…"' if len(text) > 40 else f'"{text}"'


# --- qualifiers -----------------------------------------------------------------------


def _qualifier(approximate: bool, uncertain: bool) -> str:
    if approximate and uncertain:
        return "%"
    return "~" if approximate else "?" if uncertain else ""


def _merge(*qualifiers: str) -> str:
    return _qualifier(
        any(q in ("~", "%") for q in qualifiers), any(q in ("?", "%") for q in qualifiers)
    )


def _qualify(core: str, qualifier: str) -> str:
    if qualifier in ("~", "%"):
        core = f"around {core}"
    if qualifier in ("?", "%"):
        core = f"{core} (uncertain)"
    return core


# --- single points and shapes ---------------------------------------------------------


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class _Point:
    """One EDTF date: a year, month, season (month 21-24) or day, with its qualifier."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = ""

    @property
    def kind(self) -> str:
        if self.month is None:
            return "year"
        if self.month in _SEASON_NAMES:
            return "season"
        return "month" if self.day is None else "day"

    @property
    def edtf(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + self.qualifier

    @property
    def earliest(self) -> date:
        if self.month is None:
            return date(self.year, 1, 1)
        if self.month in _SEASON_FIRST_MONTH:
            return date(self.year, _SEASON_FIRST_MONTH[self.month], 1)
        return date(self.year, self.month, self.day or 1)

    @property
    def latest(self) -> date:
        if self.month is None:
            return date(self.year, 12, 31)
        if self.month in _SEASON_FIRST_MONTH:
            # A season is three months; winter runs into February of the next year.
            year, month = _shift_month(self.year, _SEASON_FIRST_MONTH[self.month], 2)
            return date(year, month, _last_day(year, month))
        return date(self.year, self.month, self.day or _last_day(self.year, self.month))

    @property
    def core_label(self) -> str:
        kind = self.kind
        if kind == "year":
            return str(self.year)
        if kind == "season":
            if self.month == 24:
                following = self.year + 1
                short = f"{following % 100:02d}" if following // 100 == self.year // 100 else ""
                return f"winter {self.year}–{short or following}"
            return f"{_SEASON_NAMES[self.month]} {self.year}"
        month = _MONTH_NAMES[self.month - 1]
        return f"{month} {self.year}" if kind == "month" else f"{self.day} {month} {self.year}"

    @property
    def label(self) -> str:
        return _qualify(self.core_label, self.qualifier)

    def with_qualifier(self, qualifier: str) -> _Point:
        return replace(self, qualifier=_merge(self.qualifier, qualifier))


def _make_point(
    year: int, month: int | None = None, day: int | None = None, qualifier: str = ""
) -> _Point:
    """Build a point, refusing anything that is not a real calendar date we support."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _fail(f"Only years from {_MIN_YEAR} to {_MAX_YEAR} are supported.")
    if month is not None and month not in _SEASON_NAMES and not 1 <= month <= 12:
        if 25 <= month <= 41:
            raise _fail("Sub-year groupings other than the seasons 21-24 are not supported.")
        raise _fail(f"There is no month {month:02d}; months go from 01 to 12.")
    if day is not None:
        if month in _SEASON_NAMES:
            raise _fail("A season cannot have a day.")
        if not 1 <= day <= _last_day(year, month):
            raise _fail(f"There is no {day} {_MONTH_NAMES[month - 1]} {year}.")
    return _Point(year, month, day, qualifier)


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _step(point: _Point, steps: int) -> _Point:
    """The neighbouring point of the same precision ("before June 2024" ends in May)."""
    kind, q = point.kind, point.qualifier
    if kind == "year":
        return _make_point(point.year + steps, qualifier=q)
    if kind == "month":
        return _make_point(*_shift_month(point.year, point.month, steps), qualifier=q)
    if kind == "season":
        year, season = divmod(point.year * 4 + point.month - 21 + steps, 4)
        return _make_point(year, 21 + season, qualifier=q)
    day = point.earliest + timedelta(days=steps)
    return _make_point(day.year, day.month, day.day, q)


@dataclass(frozen=True)
class _Shape:
    """A single point, or an interval whose ends may be open (None)."""

    start: _Point | None
    end: _Point | None
    interval: bool = True

    @classmethod
    def single(cls, point: _Point) -> _Shape:
        return cls(point, point, interval=False)

    @property
    def edtf(self) -> str:
        if not self.interval:
            return self.start.edtf
        return f"{self.start.edtf if self.start else '..'}/{self.end.edtf if self.end else '..'}"

    @property
    def earliest(self) -> date:
        return self.start.earliest if self.start else OPEN_START

    @property
    def latest(self) -> date:
        return self.end.latest if self.end else OPEN_END

    def qualified(self, qualifier: str) -> _Shape:
        if not qualifier:
            return self
        start = self.start.with_qualifier(qualifier) if self.start else None
        end = self.end.with_qualifier(qualifier) if self.end else None
        return _Shape(start, end, self.interval)

    def collapsed(self) -> _Shape:
        # "earlier this year" said in January is just January.
        if self.interval and self.start is not None and self.start == self.end:
            return _Shape.single(self.start)
        return self


def _check_order(shape: _Shape, text: str = "That range") -> None:
    if shape.start and shape.end and shape.start.earliest > shape.end.latest:
        raise _fail(f"{text} starts after it ends.")


# --- labels ---------------------------------------------------------------------------


def _span_label(a: _Point, b: _Point) -> str:
    if a.kind == b.kind == "month" and a.year == b.year:
        named = _NAMED_SPANS.get((a.month, b.month))
        if named:
            return named.format(year=a.year)
        return f"{_MONTH_NAMES[a.month - 1]}–{_MONTH_NAMES[b.month - 1]} {a.year}"
    if a.kind == b.kind == "year":
        return f"{a.year}–{b.year}"
    if a.kind == b.kind == "day" and a.year == b.year:
        b_month = _MONTH_NAMES[b.month - 1]
        if a.month == b.month:
            return f"{a.day}–{b.day} {b_month} {a.year}"
        return f"{a.day} {_MONTH_NAMES[a.month - 1]} – {b.day} {b_month} {a.year}"
    return f"{a.core_label} – {b.core_label}"


def _side_label(point: _Point) -> str:
    # Used when the two ends carry different qualifiers: a leading "around" would
    # read as applying to the whole range, so each end says it for itself.
    notes = {"~": " (approximate)", "?": " (uncertain)", "%": " (approximate, uncertain)"}
    return point.core_label + notes.get(point.qualifier, "")


def _shape_label(shape: _Shape) -> str:
    a, b = shape.start, shape.end
    if not shape.interval or a == b:
        return a.label
    if a is None:
        return _qualify(f"{b.core_label} or earlier", b.qualifier)
    if b is None:
        return _qualify(f"{a.core_label} or later", a.qualifier)
    if a.qualifier == b.qualifier:
        return _qualify(_span_label(a, b), a.qualifier)
    return f"{_side_label(a)} – {_side_label(b)}"


# --- the public value -----------------------------------------------------------------


@dataclass(frozen=True)
class FuzzyDate:
    """A possibly imprecise date: canonical EDTF plus the calendar days it covers."""

    edtf: str  # canonical EDTF level-1 string
    earliest: date  # first calendar day covered (OPEN_START if open)
    latest: date  # last calendar day covered (OPEN_END if open)

    @property
    def _shape(self) -> _Shape:
        return _edtf_shape(self.edtf)

    @property
    def label(self) -> str:
        """English display, as people write it: "4 June 2024", "around mid-2024"."""
        return _shape_label(self._shape)

    @property
    def precision(self) -> str:
        """One of day, month, season, year; interval; or open if an end is open."""
        shape = self._shape
        if not shape.interval:
            return shape.start.kind
        return "interval" if shape.start and shape.end else "open"

    @property
    def approximate(self) -> bool:
        """True if any part is approximate ("~" or "%")."""
        return "~" in self.edtf or "%" in self.edtf

    @property
    def uncertain(self) -> bool:
        """True if any part is uncertain ("?" or "%")."""
        return "?" in self.edtf or "%" in self.edtf

    def to_json(self) -> dict:
        """Plain-JSON form; open bounds are None rather than the date.min/max sentinels."""
        return {
            "edtf": self.edtf,
            "earliest": None if self.earliest == OPEN_START else self.earliest.isoformat(),
            "latest": None if self.latest == OPEN_END else self.latest.isoformat(),
            "label": self.label,
        }


# --- strict EDTF ----------------------------------------------------------------------

_EDTF_POINT = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)")
_EDTF_CHARS = re.compile(r"[0-9x?~%./-]+", re.IGNORECASE)
_LEVEL_2_HINTS = re.compile(r"[\[\]{}^,]|[?~%](?!/|$)|[?~%]{2}|^[?~%]")


def _checked_input(text: object) -> str:
    if not isinstance(text, str):
        raise _fail("A date must be given as text.")
    # Checked before any work so a pasted article cannot cost us anything.
    if len(text) > _MAX_LENGTH:
        raise _fail(f"That is too long to be a date ({len(text)} characters).")
    text = text.strip()
    if not text:
        raise _fail("No date was given.")
    return text


def _edtf_point(text: str) -> _Point:
    match = _EDTF_POINT.fullmatch(text)
    if not match:
        raise _NoMatch
    year, month, day, qualifier = match.groups()
    return _make_point(int(year), month and int(month), day and int(day), qualifier)


@lru_cache(maxsize=8192)
def _edtf_shape(text: str) -> _Shape:
    if _EDTF_CHARS.fullmatch(text) and "x" in text.lower():
        raise _fail(
            'Unspecified digits (X) are not supported; give what is known, like "2024" '
            'or, for a decade, "2020/2029".'
        )
    if _LEVEL_2_HINTS.search(text):
        raise _fail(f"{_quote(text)} uses EDTF features beyond level 1, which are not supported.")
    parts = text.split("/")
    if len(parts) > 2:
        raise _fail(f"{_quote(text)} is not a supported EDTF date.")
    if "" in parts:
        raise _fail('Write an open end of an interval as "..", as in "2026/..".')
    try:
        if len(parts) == 1:
            return _Shape.single(_edtf_point(text))
        start, end = (None if part == ".." else _edtf_point(part) for part in parts)
    except _NoMatch:
        raise _fail(f"{_quote(text)} is not a supported EDTF date.") from None
    if start is None and end is None:
        raise _fail("An interval cannot be open at both ends.")
    shape = _Shape(start, end)
    _check_order(shape, _quote(text))
    return shape


@lru_cache(maxsize=8192)
def _cached_from_edtf(text: str) -> FuzzyDate:
    shape = _edtf_shape(text)
    return FuzzyDate(shape.edtf, shape.earliest, shape.latest)


def from_edtf(text: str) -> FuzzyDate:
    """Read a stored EDTF string (strict: nothing but the supported EDTF subset).

    Cached, because every claim card on a page goes through it.
    """
    return _cached_from_edtf(_checked_input(text))


# --- what people type: normalisation and refusals -------------------------------------

_AMBIGUOUS_NUMERIC = re.compile(
    r"(?<![0-9/.-])(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}"
    r"|[0-9]{4}[/.][0-9]{1,2}[/.][0-9]{1,2})(?![0-9])"
)
_YEAR_RANGE = re.compile(r"[0-9]{4}-[0-9]{4}")
_NUMERIC_MONTH_YEAR = re.compile(r"([0-9]{1,2})/([0-9]{4})")
_UNPADDED_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?")


def _normalize(text: str) -> str:
    """Lower-case, accent-free, one space between words, plain apostrophes and hyphens."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = re.sub("[\u2018\u2019\u02bc`]", "'", text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split())


def _refuse_ambiguous_numbers(text: str) -> None:
    # 04/06/2024 is April in Boston and June in Paris; we will not pick one.
    if _AMBIGUOUS_NUMERIC.search(text):
        raise _fail(
            "Could not tell the day from the month in that date. Write it as year-month-day, "
            'like "2024-06-04", or spell out the month, like "4 June 2024".'
        )


def _edtf_candidate(text: str) -> str | None:
    """The EDTF to read strictly if the input is written in EDTF's alphabet, else None."""
    if not _EDTF_CHARS.fullmatch(text) or text[0] not in "0123456789x.":
        return None
    if _YEAR_RANGE.fullmatch(text) or _NUMERIC_MONTH_YEAR.fullmatch(text):
        return None  # "2023-2024" and "06/2024" are plain readings, not EDTF
    match = _UNPADDED_ISO.fullmatch(text)
    if match:  # "2024-6-4" is unambiguous, only missing its zeros
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    return text


# --- qualifier words and fillers ------------------------------------------------------

_APPROXIMATE_PREFIXES = (
    "approximately", "approx.", "approx", "around", "about", "roughly", "circa", "ca.",
    "ca", "c.", "c", "~", "aux alentours de", "autour de", "environ", "env.", "vers",
)  # fmt: skip
_UNCERTAIN_PREFIXES = (
    "possibly", "probably", "perhaps", "maybe", "likely", "presumably",
    "peut-etre", "probablement", "sans doute", "vraisemblablement",
)  # fmt: skip
_PREFIXES = sorted(
    [(p, "~") for p in _APPROXIMATE_PREFIXES] + [(p, "?") for p in _UNCERTAIN_PREFIXES],
    key=lambda item: -len(item[0]),
)
_SUFFIXES = (("(uncertain)", "?"), ("?", "?"), ("~", "~"), ("%", "%"))
_FILLERS = ("in ", "en ", "on ", "le ", "the ", "au ", "during ", "pendant ", "durant ")


def _strip_prefix(text: str, prefix: str) -> str | None:
    """Text after a leading word or phrase, or None; words must end at a word boundary."""
    if not text.startswith(prefix):
        return None
    rest = text[len(prefix) :]
    if prefix[-1].isalpha() and rest[:1] not in ("", " ", "-"):
        return None
    return rest.lstrip(" -") if prefix[-1].isalpha() else rest.lstrip()


def _split_qualifiers(text: str) -> tuple[str, str]:
    """Peel qualifier words and marks off both ends: "around june 2024?" -> "june 2024", "%"."""
    found = []
    changed = True
    while changed and text:
        changed = False
        for suffix, qualifier in _SUFFIXES:
            if text.endswith(suffix):
                text, changed = text[: -len(suffix)].rstrip(), True
                found.append(qualifier)
                break
        for prefix, qualifier in _PREFIXES:
            rest = _strip_prefix(text, prefix)
            if rest is not None:
                text, changed = rest, True
                found.append(qualifier)
                break
    return text, _merge(*found)


def _strip_fillers(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for filler in _FILLERS:
            if text.startswith(filler):
                text, changed = text[len(filler) :], True
    return text


# --- relative phrases -----------------------------------------------------------------

_MONTH_OFFSETS = {
    "last month": -1, "mois dernier": -1, "mois passe": -1,
    "this month": 0, "ce mois-ci": 0, "ce mois ci": 0, "ce mois": 0,
    "next month": 1, "mois prochain": 1,
}  # fmt: skip
_YEAR_OFFSETS = {
    "last year": -1, "l'annee derniere": -1, "l'an dernier": -1, "l'annee passee": -1,
    "l'an passe": -1, "this year": 0, "cette annee": 0, "cette annee-ci": 0,
    "next year": 1, "l'annee prochaine": 1, "l'an prochain": 1,
}  # fmt: skip
_DAY_OFFSETS = {"yesterday": -1, "hier": -1, "today": 0, "aujourd'hui": 0}
_EARLIER_THIS_YEAR = {
    "earlier this year", "earlier in the year", "plus tot cette annee", "plus tot dans l'annee",
}  # fmt: skip
# A vague "months ago" is read as one to six months before the reference month.
_SOME_MONTHS_AGO = {
    "months ago", "a few months ago", "few months ago", "some months ago",
    "several months ago", "il y a des mois", "il y a quelques mois", "il y a plusieurs mois",
}  # fmt: skip
_NUMBER_WORDS = {
    word: number
    for words in (
        "one two three four five six seven eight nine ten eleven twelve",
        "un deux trois quatre cinq six sept huit neuf dix onze douze",
    )
    for number, word in enumerate(words.split(), 1)
} | {"a": 1, "an": 1, "une": 1}

_LAST_NAMED_MONTH = re.compile(r"(?:last|past) ([a-z]+)\.?|([a-z]+)\.? (?:dernier|passe)")
_THIS_NAMED_MONTH = re.compile(r"this ([a-z]+)\.?|([a-z]+)\.? (?:this year|de cette annee)")
_NEXT_NAMED_MONTH = re.compile(r"next ([a-z]+)\.?|([a-z]+)\.? prochain")
_UNITS_AGO = re.compile(
    r"(?P<n>[0-9]{1,4}|[a-z]+) (?P<unit>months?|years?) ago"
    r"|il y a (?P<n_fr>[0-9]{1,4}|[a-z]+) (?P<unit_fr>mois|ans?|annees?)"
)


def _now(reference: FuzzyDate | None, unit: str, phrase: str) -> date:
    """The reference's first day, if the reference pins down the needed year/month/day."""
    if reference is None:
        raise _fail(
            f"{_quote(phrase)} is relative: it can only be read against the source's "
            "publication date. Enter the date itself instead."
        )
    first, last = reference.earliest, reference.latest
    same = {
        "year": first.year == last.year,
        "month": (first.year, first.month) == (last.year, last.month),
        "day": first == last,
    }[unit]
    if not same:
        raise _fail(
            f"{_quote(phrase)} needs the source's publication date to the {unit}, "
            f'but it is only known as "{reference.label}".'
        )
    return first


def _reference_qualifier(reference: FuzzyDate) -> str:
    # If the publication date is only approximately known, so is "last month".
    return _qualifier(reference.approximate, reference.uncertain)


def _months(
    reference: FuzzyDate, first: tuple[int, int], last: tuple[int, int] | None = None
) -> _Shape:
    qualifier = _reference_qualifier(reference)
    start = _make_point(*first, qualifier=qualifier)
    if last is None:
        return _Shape.single(start)
    return _Shape(start, _make_point(*last, qualifier=qualifier))


def _unit_relative(text: str, reference: FuzzyDate | None) -> _Shape:
    if text in _MONTH_OFFSETS:
        now = _now(reference, "month", text)
        return _months(reference, _shift_month(now.year, now.month, _MONTH_OFFSETS[text]))
    if text in _EARLIER_THIS_YEAR:
        now = _now(reference, "month", text)
        return _months(reference, (now.year, 1), (now.year, now.month))
    if text in _SOME_MONTHS_AGO:
        now = _now(reference, "month", text)
        return _months(
            reference, _shift_month(now.year, now.month, -6), _shift_month(now.year, now.month, -1)
        )
    if text in _YEAR_OFFSETS:
        now = _now(reference, "year", text)
        year = now.year + _YEAR_OFFSETS[text]
        return _Shape.single(_make_point(year, qualifier=_reference_qualifier(reference)))
    if text in _DAY_OFFSETS:
        day = _now(reference, "day", text) + timedelta(days=_DAY_OFFSETS[text])
        return _Shape.single(
            _make_point(day.year, day.month, day.day, _reference_qualifier(reference))
        )
    return _relative_named_month(text, reference)


def _relative_named_month(text: str, reference: FuzzyDate | None) -> _Shape:
    """Named months: "last November", "novembre dernier", "this November", "next March"."""
    for pattern, direction in (
        (_LAST_NAMED_MONTH, -1),
        (_THIS_NAMED_MONTH, 0),
        (_NEXT_NAMED_MONTH, 1),
    ):
        match = pattern.fullmatch(text)
        word = match and (match.group(1) or match.group(2))
        if word not in _MONTH_WORDS:
            continue
        month = _MONTH_WORDS[word]
        if direction == 0:
            return _months(reference, (_now(reference, "year", text).year, month))
        now = _now(reference, "month", text)
        # Strictly before/after the reference month: "last June" said in June is a year ago.
        if direction < 0:
            year = now.year if month < now.month else now.year - 1
        else:
            year = now.year if month > now.month else now.year + 1
        return _months(reference, (year, month))
    return _units_ago(text, reference)


def _units_ago(text: str, reference: FuzzyDate | None) -> _Shape:
    """Counted: "3 months ago", "two years ago", "il y a 3 mois", "il y a un an"."""
    match = _UNITS_AGO.fullmatch(text)
    if match is None:
        raise _NoMatch
    word = match.group("n") or match.group("n_fr")
    count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)
    if count < 1:
        raise _NoMatch
    unit = match.group("unit") or match.group("unit_fr")
    if unit.startswith("mo"):
        now = _now(reference, "month", text)
        return _months(reference, _shift_month(now.year, now.month, -count))
    year = _now(reference, "year", text).year - count
    return _Shape.single(_make_point(year, qualifier=_reference_qualifier(reference)))


def _year_of(text: str, reference: FuzzyDate | None) -> tuple[int, str]:
    """A year written out ("2024") or relative ("last year"), with its qualifier."""
    if re.fullmatch(r"[0-9]{4}", text):
        return int(text), ""
    if text in _YEAR_OFFSETS:
        now = _now(reference, "year", text)
        return now.year + _YEAR_OFFSETS[text], _reference_qualifier(reference)
    raise _NoMatch


# --- parts of a year, quarters, halves, seasons ---------------------------------------

_PART_PREFIXES = sorted(
    [(p, (1, 4)) for p in ("early", "early in", "beginning of", "start of", "debut", "debut de",
                           "debut d'", "au debut de", "au debut d'", "en debut de")]
    + [(p, (5, 8)) for p in ("mid", "middle of", "mi", "milieu de", "au milieu de",
                             "a la mi")]
    + [(p, (9, 12)) for p in ("late", "late in", "end of", "at the end of", "fin", "fin de",
                              "fin d'", "a la fin de", "a la fin d'", "en fin de")],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_ORDINALS = {
    "first": 1, "1st": 1, "premier": 1, "1er": 1,
    "second": 2, "2nd": 2, "deuxieme": 2, "2e": 2, "2eme": 2,
    "third": 3, "3rd": 3, "troisieme": 3, "3e": 3, "3eme": 3,
    "fourth": 4, "4th": 4, "quatrieme": 4, "4e": 4, "4eme": 4,
}  # fmt: skip
_CODED_SPAN = re.compile(r"(?P<code>[qths])(?P<n>[1-4])[ -]?(?P<year>.+)")
_CODED_SPAN_AFTER = re.compile(r"(?P<year>[0-9]{4})[ -]?(?P<code>[qths])(?P<n>[1-4])")
_WORDED_SPAN = re.compile(
    r"(?P<n>[a-z0-9]+) (?P<kind>quarter|half|trimestre|semestre)(?: of| de| d')? ?(?P<year>.+)"
)
_SEASON = re.compile(r"(?:l')?(?P<season>[a-z]+)(?: of| de| d')? ?(?P<year>.*)")
_WINTER_RANGE = re.compile(r"([0-9]{4})[-/]([0-9]{2}|[0-9]{4})")


def _month_span(year: int, first: int, last: int, qualifier: str) -> _Shape:
    return _Shape(
        _make_point(year, first, qualifier=qualifier), _make_point(year, last, qualifier=qualifier)
    )


def _unit_part_of_year(text: str, reference: FuzzyDate | None) -> _Shape:
    for prefix, (first, last) in _PART_PREFIXES:
        rest = _strip_prefix(text, prefix)
        if not rest:
            continue
        try:
            year, qualifier = _year_of(rest, reference)
        except _NoMatch:
            continue
        return _month_span(year, first, last, qualifier)
    raise _NoMatch


def _unit_quarter_or_half(text: str, reference: FuzzyDate | None) -> _Shape:
    match = _CODED_SPAN.fullmatch(text) or _CODED_SPAN_AFTER.fullmatch(text)
    if match:
        # Q and T (trimestre) are quarters; H and S (semestre) are halves.
        kind = "quarter" if match.group("code") in "qt" else "half"
        number = int(match.group("n"))
    else:
        match = _WORDED_SPAN.fullmatch(text)
        if not match or match.group("n") not in _ORDINALS:
            raise _NoMatch
        kind = "quarter" if match.group("kind") in ("quarter", "trimestre") else "half"
        number = _ORDINALS[match.group("n")]
    size = 3 if kind == "quarter" else 6
    if number > 12 // size:
        raise _NoMatch
    year, qualifier = _year_of(match.group("year"), reference)
    return _month_span(year, size * (number - 1) + 1, size * number, qualifier)


def _unit_season(text: str, reference: FuzzyDate | None) -> _Shape:
    match = _SEASON.fullmatch(text)
    if not match or match.group("season") not in _SEASON_WORDS:
        raise _NoMatch
    season, rest = _SEASON_WORDS[match.group("season")], match.group("year")
    if not rest:
        raise _MissingYear(f'"{_SEASON_NAMES[season]} 2024"')
    winter = _WINTER_RANGE.fullmatch(rest)
    if winter:
        # "winter 2024-25" names both years; it must be the winter that spans them.
        year, following = int(winter.group(1)), winter.group(2)
        if season != 24 or int(following) not in (year + 1, (year + 1) % 100):
            raise _NoMatch
        return _Shape.single(_make_point(year, 24))
    year, qualifier = _year_of(rest, reference)
    return _Shape.single(_make_point(year, season, qualifier=qualifier))


# --- calendar dates, read by dateutil -------------------------------------------------


class _BilingualParserInfo(dateutil_parser.parserinfo):
    """dateutil's parser with French month names too (accent-free, as input is normalised)."""

    MONTHS = [tuple(names) for names in _MONTH_ALIASES]


_PARSER_INFO = _BilingualParserInfo()
# Two defaults that differ in year, month and day: whatever comes out the same in both
# parses was actually written. Both years are leap years so "29 February" is accepted
# long enough for us to say it lacks a year.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 2, 2))
_DAY_TOKEN = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th|er|e|eme)?")
_CALENDAR_FILLERS = {"of", "the", "le"}
# Orders people write; anything else is refused rather than left to dateutil's guesses.
_CALENDAR_ORDERS = {"DMY", "MDY", "MY", "DM", "MD", "M"}


def _calendar_tokens(text: str) -> tuple[str, list[str], dict[str, int]]:
    kinds, words, values = [], [], {}
    for token in text.replace(",", " ").split():
        if token in _CALENDAR_FILLERS:
            continue
        month = _MONTH_WORDS.get(token.rstrip("."))
        day = _DAY_TOKEN.fullmatch(token)
        if month:
            kinds.append("M")
            words.append(token.rstrip("."))
            values["M"] = month
        elif re.fullmatch(r"[0-9]{4}", token):
            kinds.append("Y")
            words.append(token)
            values["Y"] = int(token)
        elif day:
            kinds.append("D")
            words.append(day.group(1))
            values["D"] = int(day.group(1))
        else:
            raise _NoMatch
    order = "".join(kinds)
    if order not in _CALENDAR_ORDERS:
        raise _NoMatch
    return order, words, values


def _unit_calendar(text: str, reference: FuzzyDate | None) -> _Shape:
    order, words, values = _calendar_tokens(text)
    cleaned = " ".join(words)
    try:
        # Never fuzzy: every word must be a date part, nothing is skipped or guessed.
        first, second = (
            dateutil_parser.parse(cleaned, parserinfo=_PARSER_INFO, default=default)
            for default in _DEFAULTS
        )
    except (ValueError, OverflowError):
        if "Y" not in order:
            raise _MissingYear from None
        _make_point(values["Y"], values["M"], values.get("D"))  # says what is wrong
        raise _fail(f"Could not read {_quote(text)} as a date.") from None
    if first.year != second.year:
        raise _MissingYear
    day = first.day if first.day == second.day else None
    # dateutil and our own reading of the tokens must agree, or we do not trust either.
    if (first.year, first.month, day) != (values["Y"], values["M"], values.get("D")):
        raise _fail(f"Could not read {_quote(text)} as a date.")
    return _Shape.single(_make_point(first.year, first.month, day))


def _unit_numeric_month(text: str, reference: FuzzyDate | None) -> _Shape:
    match = _NUMERIC_MONTH_YEAR.fullmatch(text)  # "06/2024": no day, so nothing to confuse
    if not match:
        raise _NoMatch
    return _Shape.single(_make_point(int(match.group(2)), int(match.group(1))))


def _unit_edtf(text: str, reference: FuzzyDate | None) -> _Shape:
    return _Shape.single(_edtf_point(text))


_UNIT_READERS = (
    _unit_edtf,
    _unit_relative,
    _unit_part_of_year,
    _unit_quarter_or_half,
    _unit_season,
    _unit_numeric_month,
    _unit_calendar,
)


def _parse_unit(text: str, reference: FuzzyDate | None) -> _Shape:
    """One closed date expression: a day, month, season, year, part of a year, or phrase."""
    text, qualifier = _split_qualifiers(text)
    text = _strip_fillers(text)
    if not text:
        raise _NoMatch
    for reader in _UNIT_READERS:
        try:
            return reader(text, reference).qualified(qualifier)
        except _NoMatch:
            continue
    raise _NoMatch


# --- ranges and open ends -------------------------------------------------------------

_RANGE_INTROS = (("between ", " (?:and|et) "), ("entre ", " (?:and|et) "), ("from ", None),
                 ("de ", None), ("du ", None), ("d'", None), ("", None))  # fmt: skip
_TO_WORDS = " (?:to|until|till|through|thru|a|au|jusqu'a|jusqu'au|jusqu'en) "
_DASH = r" ?- ?"

_OPEN_PREFIXES = sorted(
    [(p, "from") for p in ("since", "from", "starting", "starting in", "starting from",
                           "no earlier than", "not earlier than", "not before", "pas avant",
                           "depuis", "a partir de", "a partir d'", "des", "au plus tot en")]
    + [(p, "after") for p in ("after", "later than", "apres", "plus tard que")]
    + [(p, "by") for p in ("by", "no later than", "not later than", "not after", "pas apres",
                           "au plus tard en", "d'ici", "d'ici a")]
    + [(p, "before") for p in ("before", "earlier than", "prior to", "avant")],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_OPEN_SUFFIXES = (
    [(s, "from") for s in ("or later", "onwards", "onward", "and later", "ou plus tard",
                           "ou apres", "et apres", "au plus tot")]
    + [(s, "by") for s in ("or earlier", "or before", "ou avant", "ou plus tot",
                           "au plus tard")]
)  # fmt: skip


def _borrowing(text: str, end: _Shape) -> list[str]:
    """Readings of a range's start that take the missing year/month from its end."""
    if re.search(r"[0-9]{4}", text):
        return []
    anchor = end.start
    candidates = [f"{text} {anchor.year}"]
    if anchor.kind in ("month", "day"):
        candidates.append(f"{text} {_MONTH_NAMES[anchor.month - 1].lower()} {anchor.year}")
    return candidates


def _join(first: str, second: str, reference: FuzzyDate | None) -> _Shape:
    end = _parse_unit(second, reference)
    try:
        start = _parse_unit(first, reference)
    except (_NoMatch, _MissingYear) as problem:
        # "March to June 2024", "4-10 June 2024": the start borrows from the end.
        for candidate in _borrowing(first, end):
            try:
                start = _parse_unit(candidate, reference)
                break
            except (_NoMatch, _MissingYear):
                continue
        else:
            raise problem from None
    shape = _Shape(start.start, end.end).collapsed()
    _check_order(shape)
    return shape


def _parse_range(text: str, reference: FuzzyDate | None) -> _Shape:
    """Ranges: "A to B", "A-B", "between A and B", "from A to B" and the French forms."""
    for intro, words in _RANGE_INTROS:
        body = text[len(intro) :] if text.startswith(intro) else None
        if body is None:
            continue
        first_error = None
        # Words first: a hyphen may belong inside a date ("mid-2024"), a "to" never does.
        for separator in (words or _TO_WORDS, _DASH):
            for match in re.finditer(separator, body):
                first, second = body[: match.start()].strip(), body[match.end() :].strip()
                if not first or not second:
                    continue
                try:
                    return _join(first, second, reference)
                except _NoMatch:
                    continue
                except FuzzyDateError as error:
                    first_error = first_error or error
        if first_error:
            raise first_error
    raise _NoMatch


def _parse_open(text: str, reference: FuzzyDate | None) -> _Shape:
    """Open ranges: "2026 or later", "since 2023", "before 2025" and their kin."""
    readings = [(_strip_prefix(text, prefix), kind) for prefix, kind in _OPEN_PREFIXES]
    readings += [
        (text[: -len(suffix)].strip() if text.endswith(" " + suffix) else None, kind)
        for suffix, kind in _OPEN_SUFFIXES
    ]
    for inner, kind in readings:
        if not inner:
            continue
        try:
            return _open_shape(_parse_unit(inner, reference), kind)
        except _NoMatch:
            continue
    raise _NoMatch


def _open_shape(inner: _Shape, kind: str) -> _Shape:
    # "after 2026" excludes 2026 itself, so it starts at the next year (month, day...).
    if kind == "from":
        return _Shape(inner.start, None)
    if kind == "after":
        return _Shape(_step(inner.end, 1), None)
    if kind == "by":
        return _Shape(None, inner.end)
    return _Shape(None, _step(inner.start, -1))


def _parse_expression(text: str, reference: FuzzyDate | None) -> _Shape:
    body, qualifier = _split_qualifiers(text)
    if not body:
        raise _NoMatch
    for reader in (_parse_unit, _parse_range, _parse_open):
        try:
            return reader(body, reference).qualified(qualifier)
        except _NoMatch:
            continue
    raise _NoMatch


def parse(text: str, reference: FuzzyDate | None = None) -> FuzzyDate:
    """Read a date as a person writes it, in English or French, or as EDTF.

    ``reference`` is the source's publication date; relative phrases such as
    "last month" need it, and inherit its approximation or uncertainty.
    Raises FuzzyDateError (and nothing else) for anything it cannot read for certain.
    """
    raw = _checked_input(text)
    normalized = _normalize(raw)
    _refuse_ambiguous_numbers(normalized)
    edtf = _edtf_candidate(normalized)
    if edtf is not None:
        return from_edtf(edtf)
    try:
        shape = _parse_expression(normalized, reference)
    except _NoMatch:
        raise _fail(f"Could not read {_quote(raw)} as a date.") from None
    return from_edtf(shape.collapsed().edtf)
