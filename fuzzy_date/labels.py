"""How a date reads on the page, in the reader's language: "4 June 2024", "around mid-2024",
« 4 juin 2024 », « vers mi-2024 ».

Labels are plain words that the phrase reader reads back as the same date, in English as in
French, so an editor can paste one into a form field. The words come from the catalogue
(fuzzy_date.wording); nothing here is stored, every label is written when it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from fuzzy_date.edtf import Point, Shape
from fuzzy_date.wording import (
    SEASON_KINDS,
    THIRDS,
    around,
    by,
    capitalised,
    day_number,
    day_words,
    month_name,
    month_words,
    named_span,
    or_later,
    range_words,
    season_words,
    uncertain,
    with_note,
)
from i18n import N_, _, pgettext


def kind_of(point: Point) -> str:
    """The kind a pattern tells apart: day, month, year, or the season's name."""
    if point.month is not None and point.month in SEASON_KINDS:
        return SEASON_KINDS[point.month]
    return point.kind


def qualify(core: str, qualifier: str, kind: str) -> str:
    """The label with its qualifier said in words: "around June 2024 (uncertain)"."""
    if qualifier in ("~", "%"):
        core = around(kind, core)
    if qualifier in ("?", "%"):
        core = uncertain(core)
    return core


def core_label(point: Point, heading: bool = False) -> str:
    """A point's label without its qualifier."""
    if point.month is None:
        return str(point.year)
    if point.month in SEASON_KINDS:
        return season_words(point.month, point.year, heading)
    if point.day is None:
        return month_words(point.year, point.month)
    return day_words(point.year, point.month, point.day)


def point_label(point: Point) -> str:
    return qualify(core_label(point), point.qualifier, kind_of(point))


def _span_label(a: Point, b: Point) -> tuple[str, str]:
    """The words of a closed range whose ends say the same qualifier, and their kind."""
    if a.kind == b.kind == "month" and a.year == b.year and a.month and b.month:
        named = named_span(a.month, b.month, a.year)
        if named:
            return named, "third" if (a.month, b.month) in THIRDS else "quarter"
        words = pgettext(
            "date", "%(first)s–%(last)s %(year)s", first=month_name(a.month),
            last=month_name(b.month), year=a.year,
        )  # fmt: skip
        return words, "month"
    if a.kind == b.kind == "year":
        return f"{a.year}–{b.year}", "year"
    if a.kind == b.kind == "day" and a.year == b.year and a.month and b.month and a.day and b.day:
        if a.month == b.month:
            words = pgettext(
                "date", "%(first)s–%(last)s %(month)s %(year)s", first=day_number(a.day),
                last=day_number(b.day), month=month_name(b.month), year=a.year,
            )  # fmt: skip
            return words, "day"
        words = pgettext(
            "date", "%(first_day)s %(first_month)s – %(last_day)s %(last_month)s %(year)s",
            first_day=day_number(a.day), first_month=month_name(a.month),
            last_day=day_number(b.day), last_month=month_name(b.month), year=a.year,
        )  # fmt: skip
        return words, "day"
    return range_words(core_label(a), core_label(b)), kind_of(a)


def shape_label(shape: Shape) -> str:
    """The label of a point or an interval, open or closed."""
    a, b = shape.start, shape.end
    if a is None and b is None:
        return ""
    if a is None:
        assert b is not None
        # "by July 2024", as people write a deadline; the qualifier stays with the date.
        if b.qualifier in ("~", "%"):
            words = by("approximate", around(kind_of(b), core_label(b)))
        else:
            words = by(kind_of(b), core_label(b))
        return uncertain(words) if b.qualifier in ("?", "%") else words
    if not shape.interval or a == b:
        return point_label(a)
    if b is None:
        return qualify(or_later(core_label(a)), a.qualifier, kind_of(a))
    if a.qualifier == b.qualifier:
        words, kind = _span_label(a, b)
        return qualify(words, a.qualifier, kind)
    # The two ends carry different qualifiers: a leading "around" would read as applying
    # to the whole range, so each end says it for itself.
    return range_words(with_note(core_label(a), a.qualifier), with_note(core_label(b), b.qualifier))


# Parts of a year a heading can name in words; other runs of months are named by their ends.
YEAR_PARTS: dict[tuple[int, int], str] = {
    (1, 12): N_("month not known"),
    (1, 6): N_("first half"), (7, 12): N_("second half"),
    (1, 3): N_("first quarter"), (4, 6): N_("second quarter"),
    (7, 9): N_("third quarter"), (10, 12): N_("fourth quarter"),
}  # fmt: skip


@dataclass(frozen=True)
class Period:
    """The heading a date is grouped under within a year, and where that heading sorts.

    A heading never claims more precision than the date has (#16): "around H1 2024" goes
    under "2024, first half", not "January 2024"; a year alone under "2024, month not known".
    The label is in the reader's language; the key is the same in every language.
    """

    label: str
    key: str  # stable and unique within the year, for anchors


def heading_period(shape: Shape, year: int) -> Period:
    """The heading under `year` for a date that sits in that year (at its start, or at its
    end when it is open at the start)."""
    start, end = shape.start, shape.end
    if start is None:
        assert end is not None
        month = end.month if end.kind in ("month", "day") else 12
        bare = _bare(end)
        return Period(capitalised(by(kind_of(bare), core_label(bare))), f"by-{month:02d}")
    if not shape.interval or end is None or start == end:
        return _point_period(start, year)
    earliest, latest = shape.earliest, shape.latest
    if earliest.year != latest.year:
        label = _("%(first)s–%(last)s, spanning years", first=earliest.year, last=latest.year)
        return Period(label, f"span-{latest.year}")
    if earliest.month == latest.month:
        return _point_period(Point(earliest.year, earliest.month), year)
    return _run(earliest.month, latest.month, year)


def _bare(point: Point) -> Point:
    return Point(point.year, point.month, point.day)


def _point_period(point: Point, year: int) -> Period:
    if point.kind in ("month", "day") and point.month is not None:
        return Period(capitalised(month_words(year, point.month)), f"{point.month:02d}")
    if point.kind == "season" and point.month is not None:
        return Period(core_label(_bare(point), heading=True), f"season-{point.month}")
    return _run(1, 12, year)


def _run(first: int, last: int, year: int) -> Period:
    part = YEAR_PARTS.get((first, last))
    if part:
        label = pgettext("timeline heading", "%(year)s, %(part)s", year=year, part=_(part))
    else:
        label = pgettext(
            "timeline heading", "%(year)s, %(first)s–%(last)s", year=year,
            first=month_name(first), last=month_name(last),
        )  # fmt: skip
    return Period(label, f"{first:02d}-{last:02d}")
