"""Calendar dates written with a month name or in numbers: "4 June 2024", "06/2024".

Read by dateutil and checked against our own reading of the words: a date is accepted
only when both agree, so nothing is skipped or guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser

from fuzzy_date.edtf import Shape, edtf_point, make_point
from fuzzy_date.errors import AmbiguousDate, MissingYear, NoMatch, fail, quote
from fuzzy_date.value import FuzzyDate
from fuzzy_date.vocabulary import MONTH_NAMES, MONTH_WORDS, WEEKDAY_WORDS
from fuzzy_date.wording import day_words, weekday_name, with_weekday
from i18n import _

NUMERIC_MONTH_YEAR = re.compile(r"([0-9]{1,2})/([0-9]{4})")


# Two defaults that differ in year, month and day: whatever comes out the same in both
# parses was actually written. Both years are leap years so "29 February" is accepted
# long enough for us to say it lacks a year.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 2, 2))
_DAY_TOKEN = re.compile(r"([0-9]{1,2})(st|nd|rd|th|er|re|e|eme)?")
_CALENDAR_FILLERS = {"of", "the", "le"}
# Orders people write; anything else is refused rather than left to dateutil's guesses.
_CALENDAR_ORDERS = {"DMY", "MDY", "MY", "DM", "MD", "M"}


def _ordinal_fits(number: int, suffix: str | None) -> bool:
    """Whether an ordinal's ending fits its number: "1st", "2nd", "4th", "1er", "2e"."""
    if suffix in (None, "e", "eme"):
        return suffix is None or number > 1
    if suffix in ("er", "re"):
        return number == 1
    if number % 100 in (11, 12, 13):
        return suffix == "th"
    return suffix == {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _calendar_tokens(text: str) -> tuple[str, list[str], dict[str, int]]:
    kinds, words, values = [], [], {}
    for token in text.replace(",", " ").split():
        if token in _CALENDAR_FILLERS:
            continue
        word = token.rstrip(".")
        month = MONTH_WORDS.get(word)
        day = _DAY_TOKEN.fullmatch(token)
        if month:
            kinds.append("M")
            # dateutil gets the English name: it need not know French or our abbreviations.
            words.append(MONTH_NAMES[month - 1])
            values["M"] = month
        elif word in WEEKDAY_WORDS and not kinds and "W" not in values:
            values["W"] = WEEKDAY_WORDS[word]  # checked against the date once it is read
        elif re.fullmatch(r"[0-9]{4}", token):
            kinds.append("Y")
            words.append(token)
            values["Y"] = int(token)
        elif day and _ordinal_fits(int(day.group(1)), day.group(2)):
            kinds.append("D")
            words.append(day.group(1))
            values["D"] = int(day.group(1))
        else:
            raise NoMatch
    order = "".join(kinds)
    if order not in _CALENDAR_ORDERS:
        raise NoMatch
    return order, words, values


def read_calendar(text: str, reference: FuzzyDate | None) -> Shape:
    """A day or month with its month named: "4 June 2024", "Tuesday, June 4th, 2024"."""
    order, words, values = _calendar_tokens(text)
    cleaned = " ".join(words)
    try:
        # Never fuzzy: every word must be a date part, nothing is skipped or guessed.
        first, second = (dateutil_parser.parse(cleaned, default=default) for default in _DEFAULTS)
    except (ValueError, OverflowError):
        if "Y" not in order:
            raise MissingYear from None
        make_point(values["Y"], values["M"], values.get("D"))  # says what is wrong
        raise fail(_("Could not read %(text)s as a date.", text=quote(text))) from None
    if first.year != second.year:
        raise MissingYear
    day = first.day if first.day == second.day else None
    # dateutil and our own reading of the tokens must agree, or we do not trust either.
    if (first.year, first.month, day) != (values["Y"], values["M"], values.get("D")):
        raise fail(_("Could not read %(text)s as a date.", text=quote(text)))
    point = make_point(first.year, first.month, day)
    if "W" in values:
        _check_weekday(point.earliest, day, values["W"])
    return Shape.single(point)


def _check_weekday(day: date, day_given: int | None, weekday: int) -> None:
    if day_given is None:
        raise fail(_('A day of the week needs a day of the month, as in "Tuesday 4 June 2024".'))
    if day.weekday() != weekday:
        # Offer both ways to mend it: the day as typed with its real weekday, or the nearest
        # day that has the weekday typed; never guess which was meant.
        after = (weekday - day.weekday()) % 7
        nearest = day + timedelta(days=after if after < 7 - after else after - 7)
        readings = (_with_weekday(day), _with_weekday(nearest))
        raise AmbiguousDate(
            _(
                "%(date)s falls on a %(actual)s, not a %(typed)s: it may be %(first)s or "
                "%(second)s. Choose one, or write the day without its weekday, like "
                '"2024-06-04".',
                date=day_words(day.year, day.month, day.day),
                actual=weekday_name(day.weekday()),
                typed=weekday_name(weekday),
                first=readings[0],
                second=readings[1],
            ),  # fmt: skip
            readings,
        )


def _with_weekday(day: date) -> str:
    return with_weekday(day.year, day.month, day.day, day.weekday())


def read_numeric_month(text: str, reference: FuzzyDate | None) -> Shape:
    """ "06/2024": a month and a year, with no day to confuse it with."""
    match = NUMERIC_MONTH_YEAR.fullmatch(text)
    if not match:
        raise NoMatch
    return Shape.single(make_point(int(match.group(2)), int(match.group(1))))


def read_edtf_point(text: str, reference: FuzzyDate | None) -> Shape:
    return Shape.single(edtf_point(text))
