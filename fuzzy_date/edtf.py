"""The EDTF grammar Claimline stores: points, intervals, and the days they cover.

Supported EDTF (level 0 plus this part of level 1): ``2024``, ``2024-06``,
``2024-06-04``, seasons ``2024-21`` to ``2024-24``, one trailing qualifier ``?``
(uncertain), ``~`` (approximate) or ``%`` (both), and intervals ``A/B`` whose ends
may be open (``2026/..``, ``../2025``). Years run from 1000 to 2999.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from fuzzy_date.errors import NoMatch, fail, quote
from fuzzy_date.vocabulary import SEASON_FIRST_MONTH, SEASON_NAMES
from fuzzy_date.wording import day_words
from i18n import _

OPEN_START = date.min  # stored earliest for an interval open at the start ("../2025")
OPEN_END = date.max  # stored latest for an interval open at the end ("2026/..")

MAX_LENGTH = 200
MIN_YEAR, MAX_YEAR = 1000, 2999

_EDTF_POINT = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)")
EDTF_CHARS = re.compile(r"[0-9x?~%./-]+", re.IGNORECASE)
_LEVEL_2_HINTS = re.compile(r"[\[\]{}^,]|[?~%](?!/|$)|[?~%]{2}|^[?~%]")


# --- qualifiers -----------------------------------------------------------------------


def qualifier_of(approximate: bool, uncertain: bool) -> str:
    """The EDTF mark for a point that is approximate, uncertain, both or neither."""
    if approximate and uncertain:
        return "%"
    return "~" if approximate else "?" if uncertain else ""


def merge_qualifiers(*qualifiers: str) -> str:
    """One mark that says everything the given marks say."""
    return qualifier_of(
        any(q in ("~", "%") for q in qualifiers), any(q in ("?", "%") for q in qualifiers)
    )


# --- single points --------------------------------------------------------------------


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) `months` months away from (year, month)."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Point:
    """One EDTF date: a year, month, season (month 21-24) or day, with its qualifier."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = ""

    @property
    def kind(self) -> str:
        """One of year, season, month, day."""
        if self.month is None:
            return "year"
        if self.month in SEASON_NAMES:
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
        if self.month in SEASON_FIRST_MONTH:
            return date(self.year, SEASON_FIRST_MONTH[self.month], 1)
        return date(self.year, self.month, self.day or 1)

    @property
    def latest(self) -> date:
        if self.month is None:
            return date(self.year, 12, 31)
        if self.month in SEASON_FIRST_MONTH:
            # A season is three months; winter runs into February of the next year.
            year, month = shift_month(self.year, SEASON_FIRST_MONTH[self.month], 2)
            return date(year, month, last_day(year, month))
        return date(self.year, self.month, self.day or last_day(self.year, self.month))

    def with_qualifier(self, qualifier: str) -> Point:
        return replace(self, qualifier=merge_qualifiers(self.qualifier, qualifier))


def make_point(
    year: int, month: int | None = None, day: int | None = None, qualifier: str = ""
) -> Point:
    """Build a point, refusing anything that is not a real calendar date we support."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise fail(
            _("Only years from %(first)s to %(last)s are supported.", first=MIN_YEAR, last=MAX_YEAR)
        )
    if month is not None and month not in SEASON_NAMES and not 1 <= month <= 12:
        if 25 <= month <= 41:
            raise fail(_("Sub-year groupings other than the seasons 21-24 are not supported."))
        raise fail(_("There is no month %(month)s; months go from 01 to 12.", month=f"{month:02d}"))
    if day is not None:
        if month is None or month in SEASON_NAMES:
            raise fail(_("A season cannot have a day."))
        if not 1 <= day <= last_day(year, month):
            raise fail(_("There is no %(date)s.", date=day_words(year, month, day)))
    return Point(year, month, day, qualifier)


def day_point(day: date, qualifier: str = "") -> Point:
    return make_point(day.year, day.month, day.day, qualifier)


def step(point: Point, steps: int) -> Point:
    """The neighbouring point of the same precision ("before June 2024" ends in May)."""
    kind, q = point.kind, point.qualifier
    if point.month is None:
        return make_point(point.year + steps, qualifier=q)
    if kind == "month":
        return make_point(*shift_month(point.year, point.month, steps), qualifier=q)
    if kind == "season":
        year, season = divmod(point.year * 4 + point.month - 21 + steps, 4)
        return make_point(year, 21 + season, qualifier=q)
    return day_point(point.earliest + timedelta(days=steps), q)


# --- shapes: a point or an interval ---------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """A single point, or an interval whose ends may be open (None)."""

    start: Point | None
    end: Point | None
    interval: bool = True

    @classmethod
    def single(cls, point: Point) -> Shape:
        return cls(point, point, interval=False)

    @property
    def edtf(self) -> str:
        if not self.interval and self.start is not None:
            return self.start.edtf
        return f"{self.start.edtf if self.start else '..'}/{self.end.edtf if self.end else '..'}"

    @property
    def earliest(self) -> date:
        return self.start.earliest if self.start else OPEN_START

    @property
    def latest(self) -> date:
        return self.end.latest if self.end else OPEN_END

    def qualified(self, qualifier: str) -> Shape:
        if not qualifier:
            return self
        start = self.start.with_qualifier(qualifier) if self.start else None
        end = self.end.with_qualifier(qualifier) if self.end else None
        return Shape(start, end, self.interval)

    def collapsed(self) -> Shape:
        # "earlier this year" said in January is just January.
        if self.interval and self.start is not None and self.start == self.end:
            return Shape.single(self.start)
        return self


def check_order(shape: Shape, text: str | None = None) -> None:
    if shape.start and shape.end and shape.start.earliest > shape.end.latest:
        if text is None:
            raise fail(_("That range starts after it ends."))
        raise fail(_("%(text)s starts after it ends.", text=text))


# --- strict EDTF ----------------------------------------------------------------------


def checked_input(text: object) -> str:
    """The text, stripped; refuses what is not text, is empty, or is far too long."""
    if not isinstance(text, str):
        raise fail(_("A date must be given as text."))
    # Checked before any work so a pasted article cannot cost us anything.
    if len(text) > MAX_LENGTH:
        raise fail(_("That is too long to be a date (%(count)s characters).", count=len(text)))
    text = text.strip()
    if not text:
        raise fail(_("No date was given."))
    return text


def edtf_point(text: str) -> Point:
    """One EDTF point ("2024-06~"); NoMatch if the text is not written as one."""
    match = _EDTF_POINT.fullmatch(text)
    if not match:
        raise NoMatch
    year, month, day, qualifier = match.groups()
    return make_point(
        int(year), int(month) if month else None, int(day) if day else None, qualifier
    )


@lru_cache(maxsize=8192)
def edtf_shape(text: str) -> Shape:
    """Strictly read EDTF of the supported subset; FuzzyDateError for anything else."""
    if EDTF_CHARS.fullmatch(text) and "x" in text.lower():
        raise fail(
            _(
                'Unspecified digits (X) are not supported; give what is known, like "2024" '
                'or, for a decade, "2020/2029".'
            )
        )
    if _LEVEL_2_HINTS.search(text):
        raise fail(
            _(
                "%(text)s uses EDTF features beyond level 1, which are not supported.",
                text=quote(text),
            )
        )
    parts = text.split("/")
    if len(parts) > 2:
        raise fail(_("%(text)s is not a supported EDTF date.", text=quote(text)))
    if "" in parts:
        raise fail(_('Write an open end of an interval as "..", as in "2026/..".'))
    try:
        if len(parts) == 1:
            return Shape.single(edtf_point(text))
        start, end = (None if part == ".." else edtf_point(part) for part in parts)
    except NoMatch:
        raise fail(_("%(text)s is not a supported EDTF date.", text=quote(text))) from None
    if start is None and end is None:
        raise fail(_("An interval cannot be open at both ends."))
    shape = Shape(start, end)
    check_order(shape, quote(text))
    return shape
