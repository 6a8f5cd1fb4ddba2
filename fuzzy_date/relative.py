"""Relative phrases from source articles ("last month", "il y a deux ans").

They only make sense against the source's publication date (the reference), and
inherit its approximation or uncertainty.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from fuzzy_date.edtf import Shape, day_point, make_point, qualifier_of, shift_month
from fuzzy_date.errors import NoMatch, fail, quote, quoted
from fuzzy_date.value import FuzzyDate
from fuzzy_date.vocabulary import MONTH_WORDS, NUMBER_WORDS
from i18n import _

_MONTH_OFFSETS = {
    "last month": -1, "mois dernier": -1, "mois passe": -1,
    "this month": 0, "ce mois-ci": 0, "ce mois ci": 0, "ce mois": 0,
    "next month": 1, "mois prochain": 1,
}  # fmt: skip
YEAR_OFFSETS = {
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

_LAST_NAMED_MONTH = re.compile(r"(?:last|past) ([a-z]+)\.?|([a-z]+)\.? (?:dernier|passe)")
_THIS_NAMED_MONTH = re.compile(r"this ([a-z]+)\.?|([a-z]+)\.? (?:this year|de cette annee)")
_NEXT_NAMED_MONTH = re.compile(r"next ([a-z]+)\.?|([a-z]+)\.? prochain")
_UNITS_AGO = re.compile(
    r"(?P<n>[0-9]{1,4}|[a-z]+) (?P<unit>months?|years?) ago"
    r"|il y a (?P<n_fr>[0-9]{1,4}|[a-z]+) (?P<unit_fr>mois|ans?|annees?)"
)


def now(reference: FuzzyDate | None, unit: str, phrase: str) -> tuple[date, str]:
    """The reference's first day, if the reference pins down the needed year/month/day,
    and the qualifier a phrase read against it inherits."""
    if reference is None:
        raise fail(
            _(
                "%(text)s is relative: it can only be read against the source's publication "
                "date. Enter the date itself instead.",
                text=quote(phrase),
            )
        )
    first, last = reference.earliest, reference.latest
    same = {
        "year": first.year == last.year,
        "month": (first.year, first.month) == (last.year, last.month),
        "day": first == last,
    }[unit]
    if not same:
        raise fail(_needs_more(unit, quote(phrase), quoted(reference.label)))
    return first, reference_qualifier(reference)


def _needs_more(unit: str, text: str, known: str) -> str:
    """Why a phrase cannot be read against a publication date known less precisely."""
    if unit == "day":
        return _(
            "%(text)s needs the source's publication date to the day, but it is only known "
            "as %(known)s.", text=text, known=known,
        )  # fmt: skip
    if unit == "month":
        return _(
            "%(text)s needs the source's publication date to the month, but it is only known "
            "as %(known)s.", text=text, known=known,
        )  # fmt: skip
    return _(
        "%(text)s needs the source's publication date to the year, but it is only known "
        "as %(known)s.", text=text, known=known,
    )  # fmt: skip


def reference_qualifier(reference: FuzzyDate) -> str:
    # If the publication date is only approximately known, so is "last month".
    return qualifier_of(reference.approximate, reference.uncertain)


def _months(qualifier: str, first: tuple[int, int], last: tuple[int, int] | None = None) -> Shape:
    start = make_point(*first, qualifier=qualifier)
    if last is None:
        return Shape.single(start)
    return Shape(start, make_point(*last, qualifier=qualifier))


def read_relative(text: str, reference: FuzzyDate | None) -> Shape:
    """A phrase counted from the reference: "last month", "hier", "three months ago"."""
    if text in _MONTH_OFFSETS:
        today, qualifier = now(reference, "month", text)
        return _months(qualifier, shift_month(today.year, today.month, _MONTH_OFFSETS[text]))
    if text in _EARLIER_THIS_YEAR:
        today, qualifier = now(reference, "month", text)
        return _months(qualifier, (today.year, 1), (today.year, today.month))
    if text in _SOME_MONTHS_AGO:
        today, qualifier = now(reference, "month", text)
        return _months(
            qualifier,
            shift_month(today.year, today.month, -6),
            shift_month(today.year, today.month, -1),
        )
    if text in YEAR_OFFSETS:
        year, qualifier = year_of(text, reference)
        return Shape.single(make_point(year, qualifier=qualifier))
    if text in _DAY_OFFSETS:
        today, qualifier = now(reference, "day", text)
        return Shape.single(day_point(today + timedelta(days=_DAY_OFFSETS[text]), qualifier))
    return _relative_named_month(text, reference)


def _relative_named_month(text: str, reference: FuzzyDate | None) -> Shape:
    """Named months: "last November", "novembre dernier", "this November", "next March"."""
    for pattern, direction in (
        (_LAST_NAMED_MONTH, -1),
        (_THIS_NAMED_MONTH, 0),
        (_NEXT_NAMED_MONTH, 1),
    ):
        match = pattern.fullmatch(text)
        word = match and (match.group(1) or match.group(2))
        if not word or word not in MONTH_WORDS:
            continue
        month = MONTH_WORDS[word]
        if direction == 0:
            today, qualifier = now(reference, "year", text)
            year = today.year
        else:
            today, qualifier = now(reference, "month", text)
            # Strictly before/after the reference month: "last June" said in June is a year ago.
            if direction < 0:
                year = today.year if month < today.month else today.year - 1
            else:
                year = today.year if month > today.month else today.year + 1
        return _months(qualifier, (year, month))
    return _units_ago(text, reference)


def _units_ago(text: str, reference: FuzzyDate | None) -> Shape:
    """Counted: "3 months ago", "two years ago", "il y a 3 mois", "il y a un an"."""
    match = _UNITS_AGO.fullmatch(text)
    if match is None:
        raise NoMatch
    word = match.group("n") or match.group("n_fr")
    count = int(word) if word.isdigit() else NUMBER_WORDS.get(word, 0)
    if count < 1:
        raise NoMatch
    unit = match.group("unit") or match.group("unit_fr")
    if unit.startswith("mo"):
        today, qualifier = now(reference, "month", text)
        return _months(qualifier, shift_month(today.year, today.month, -count))
    today, qualifier = now(reference, "year", text)
    return Shape.single(make_point(today.year - count, qualifier=qualifier))


def year_of(text: str, reference: FuzzyDate | None) -> tuple[int, str]:
    """A year written out ("2024") or relative ("last year"), with its qualifier."""
    if re.fullmatch(r"[0-9]{4}", text):
        return int(text), ""
    if text in YEAR_OFFSETS:
        today, qualifier = now(reference, "year", text)
        return today.year + YEAR_OFFSETS[text], qualifier
    raise NoMatch
