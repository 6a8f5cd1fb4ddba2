"""Reading what editors type, in English and French, into a FuzzyDate.

A phrase is one date expression ("4 June 2024", "Q1 2024", "last month"), a range of
two ("March to June 2024"), or one open at an end ("since 2023", "by 2025"). The reader
never guesses: anything it cannot read with certainty raises FuzzyDateError.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fuzzy_date.calendar_dates import (
    NUMERIC_MONTH_YEAR,
    read_calendar,
    read_edtf_point,
    read_numeric_month,
)
from fuzzy_date.cleaning import normalize, split_qualifiers, strip_fillers, strip_prefix
from fuzzy_date.edtf import EDTF_CHARS, Shape, check_order, checked_input, step
from fuzzy_date.errors import FuzzyDateError, MissingYear, NoMatch, fail, quote
from fuzzy_date.numeric import spell_out_numeric_days
from fuzzy_date.parts import (
    read_decade,
    read_part_of_month,
    read_part_of_year,
    read_quarter_or_half,
    read_season,
    read_week,
)
from fuzzy_date.relative import read_relative
from fuzzy_date.value import FuzzyDate, from_edtf, from_shape
from fuzzy_date.vocabulary import MONTH_NAMES
from i18n import _

_YEAR_RANGE = re.compile(r"[0-9]{4}-[0-9]{4}")
_UNPADDED_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?")


def _edtf_candidate(text: str) -> str | None:
    """The EDTF to read strictly if the input is written in EDTF's alphabet, else None."""
    if not EDTF_CHARS.fullmatch(text) or text[0] not in "0123456789x.":
        return None
    if _YEAR_RANGE.fullmatch(text) or NUMERIC_MONTH_YEAR.fullmatch(text):
        return None  # "2023-2024" and "06/2024" are plain readings, not EDTF
    match = _UNPADDED_ISO.fullmatch(text)
    if match:  # "2024-6-4" is unambiguous, only missing its zeros
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    return text


# --- one closed expression ------------------------------------------------------------

_UNIT_READERS: tuple[Callable[[str, FuzzyDate | None], Shape], ...] = (
    read_edtf_point,
    read_relative,
    read_decade,
    read_week,
    read_part_of_month,
    read_part_of_year,
    read_quarter_or_half,
    read_season,
    read_numeric_month,
    read_calendar,
)


def _parse_unit(text: str, reference: FuzzyDate | None) -> Shape:
    """One closed date expression: a day, month, season, year, part of a year, or phrase."""
    text, qualifier = split_qualifiers(text)
    text = strip_fillers(text)
    if not text:
        raise NoMatch
    for reader in _UNIT_READERS:
        try:
            return reader(text, reference).qualified(qualifier)
        except NoMatch:
            continue
    raise NoMatch


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
                           "au plus tard en", "au plus tard", "d'ici", "d'ici a")]
    + [(p, "before") for p in ("before", "earlier than", "prior to", "avant")],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_OPEN_SUFFIXES = (
    [(s, "from") for s in ("or later", "onwards", "onward", "and later", "ou plus tard",
                           "ou apres", "et apres", "au plus tot")]
    + [(s, "by") for s in ("or earlier", "or before", "ou avant", "ou plus tot",
                           "au plus tard")]
)  # fmt: skip


def _borrowing(text: str, end: Shape) -> list[str]:
    """Readings of a range's start that take the missing year/month from its end.

    The month is offered first when the end lies within one month, so "early to mid
    October 2025" starts in early October, never in early 2025.
    """
    anchor, last = end.start, end.end
    if re.search(r"[0-9]{4}", text) or anchor is None:
        return []
    candidates = [f"{text} {anchor.year}"]
    within_a_month = (
        last is not None
        and anchor.month is not None
        and anchor.kind in ("month", "day")
        and (anchor.year, anchor.month) == (last.year, last.month)
    )
    if within_a_month and anchor.month is not None:
        candidates.insert(0, f"{text} {MONTH_NAMES[anchor.month - 1].lower()} {anchor.year}")
    return candidates


def _join(first: str, second: str, reference: FuzzyDate | None) -> Shape:
    end = _parse_unit(second, reference)
    try:
        start = _parse_unit(first, reference)
    except (NoMatch, MissingYear) as problem:
        # "March to June 2024", "4-10 June 2024": the start borrows from the end.
        for candidate in _borrowing(first, end):
            try:
                start = _parse_unit(candidate, reference)
                break
            except (NoMatch, MissingYear):
                continue
        else:
            raise problem from None
    shape = Shape(start.start, end.end).collapsed()
    check_order(shape)
    return shape


def _parse_range(text: str, reference: FuzzyDate | None) -> Shape:
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
                except NoMatch:
                    continue
                except FuzzyDateError as error:
                    first_error = first_error or error
        if first_error:
            raise first_error
    raise NoMatch


def _parse_open(text: str, reference: FuzzyDate | None) -> Shape:
    """Open ranges: "2026 or later", "since 2023", "before 2025" and their kin."""
    readings = [(strip_prefix(text, prefix), kind) for prefix, kind in _OPEN_PREFIXES]
    readings += [
        (text[: -len(suffix)].strip() if text.endswith(" " + suffix) else None, kind)
        for suffix, kind in _OPEN_SUFFIXES
    ]
    for inner, kind in readings:
        if not inner:
            continue
        try:
            return _open_shape(_parse_unit(inner, reference), kind)
        except NoMatch:
            continue
    raise NoMatch


def _open_shape(inner: Shape, kind: str) -> Shape:
    # "after 2026" excludes 2026 itself, so it starts at the next year (month, day...).
    if kind == "from":
        return Shape(inner.start, None)
    if kind == "after" and inner.end is not None:
        return Shape(step(inner.end, 1), None)
    if kind == "by":
        return Shape(None, inner.end)
    if kind == "before" and inner.start is not None:
        return Shape(None, step(inner.start, -1))
    raise NoMatch


def _parse_expression(text: str, reference: FuzzyDate | None) -> Shape:
    body, qualifier = split_qualifiers(text)
    if not body:
        raise NoMatch
    refusal: FuzzyDateError | None = None
    for reader in (_parse_unit, _parse_range, _parse_open):
        try:
            return reader(body, reference).qualified(qualifier)
        except NoMatch:
            continue
        except FuzzyDateError as error:
            # A wrong split can fail where a later reader succeeds: "by winter 2999–3000" is
            # no range ending in the year 3000 but an open end. Refuse only when none reads it.
            refusal = refusal or error
    if refusal is not None:
        raise refusal
    raise NoMatch


def parse(text: str, reference: FuzzyDate | None = None) -> FuzzyDate:
    """Read a date as a person writes it, in English or French, or as EDTF.

    ``reference`` is the source's publication date; relative phrases such as
    "last month" need it, and inherit its approximation or uncertainty.
    Raises FuzzyDateError (and nothing else) for anything it cannot read for certain.
    """
    raw = checked_input(text)
    normalized = normalize(spell_out_numeric_days(" ".join(raw.split())))
    edtf = _edtf_candidate(normalized)
    if edtf is not None:
        return from_edtf(edtf)
    try:
        shape = _parse_expression(normalized, reference)
    except NoMatch:
        raise fail(_("Could not read %(text)s as a date.", text=quote(raw))) from None
    return from_shape(shape)


def as_typed(value: FuzzyDate) -> str:
    """The date as an editor would type it: its label when that reads back as the same
    date, else its EDTF (which always does)."""
    try:
        if parse(value.label) == value:
            return value.label
    except FuzzyDateError:
        pass
    return value.edtf
