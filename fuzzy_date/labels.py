"""How a date reads in English on the page: "4 June 2024", "around mid-2024".

Labels are plain words that the phrase reader reads back as the same date, so an
editor can paste one into a form field.
"""

from __future__ import annotations

from dataclasses import dataclass

from fuzzy_date.edtf import Point, Shape
from fuzzy_date.vocabulary import MONTH_NAMES, SEASON_NAMES

# Month spans that have a name of their own; the label uses the name.
NAMED_SPANS: dict[tuple[int, int], str] = {
    (1, 4): "early {year}", (5, 8): "mid-{year}", (9, 12): "late {year}",
    (1, 3): "Q1 {year}", (4, 6): "Q2 {year}", (7, 9): "Q3 {year}", (10, 12): "Q4 {year}",
    (1, 6): "H1 {year}", (7, 12): "H2 {year}",
}  # fmt: skip


def qualify(core: str, qualifier: str) -> str:
    """The label with its qualifier said in words: "around June 2024 (uncertain)"."""
    if qualifier in ("~", "%"):
        core = f"around {core}"
    if qualifier in ("?", "%"):
        core = f"{core} (uncertain)"
    return core


def month_name(month: int) -> str:
    return MONTH_NAMES[month - 1]


def core_label(point: Point) -> str:
    """A point's label without its qualifier."""
    if point.month is None:
        return str(point.year)
    if point.month in SEASON_NAMES:
        if point.month == 24:
            following = point.year + 1
            short = f"{following % 100:02d}" if following // 100 == point.year // 100 else ""
            return f"winter {point.year}–{short or following}"
        return f"{SEASON_NAMES[point.month]} {point.year}"
    month = month_name(point.month)
    return f"{month} {point.year}" if point.day is None else f"{point.day} {month} {point.year}"


def point_label(point: Point) -> str:
    return qualify(core_label(point), point.qualifier)


def _span_label(a: Point, b: Point) -> str:
    if a.kind == b.kind == "month" and a.year == b.year and a.month and b.month:
        named = NAMED_SPANS.get((a.month, b.month))
        if named:
            return named.format(year=a.year)
        return f"{month_name(a.month)}–{month_name(b.month)} {a.year}"
    if a.kind == b.kind == "year":
        return f"{a.year}–{b.year}"
    if a.kind == b.kind == "day" and a.year == b.year and a.month and b.month:
        b_month = month_name(b.month)
        if a.month == b.month:
            return f"{a.day}–{b.day} {b_month} {a.year}"
        return f"{a.day} {month_name(a.month)} – {b.day} {b_month} {a.year}"
    return f"{core_label(a)} – {core_label(b)}"


def _side_label(point: Point) -> str:
    # Used when the two ends carry different qualifiers: a leading "around" would
    # read as applying to the whole range, so each end says it for itself.
    notes = {"~": " (approximate)", "?": " (uncertain)", "%": " (approximate, uncertain)"}
    return core_label(point) + notes.get(point.qualifier, "")


def shape_label(shape: Shape) -> str:
    """The label of a point or an interval, open or closed."""
    a, b = shape.start, shape.end
    if a is None and b is None:
        return ""
    if a is None:
        assert b is not None
        # "by July 2024", as people write a deadline; the qualifier stays with the date.
        return f"by {point_label(b)}"
    if not shape.interval or a == b:
        return point_label(a)
    if b is None:
        return qualify(f"{core_label(a)} or later", a.qualifier)
    if a.qualifier == b.qualifier:
        return qualify(_span_label(a, b), a.qualifier)
    return f"{_side_label(a)} – {_side_label(b)}"


# Parts of a year a heading can name in words; other runs of months are named by their ends.
YEAR_PARTS: dict[tuple[int, int], str] = {
    (1, 12): "month not known",
    (1, 6): "first half", (7, 12): "second half",
    (1, 3): "first quarter", (4, 6): "second quarter",
    (7, 9): "third quarter", (10, 12): "fourth quarter",
}  # fmt: skip


@dataclass(frozen=True)
class Period:
    """The heading a date is grouped under within a year, and where that heading sorts.

    A heading never claims more precision than the date has (#16): "around H1 2024" goes
    under "2024, first half", not "January 2024"; a year alone under "2024, month not known".
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
        return Period(f"By {core_label(_bare(end))}", f"by-{month:02d}")
    if not shape.interval or end is None or start == end:
        return _point_period(start, year)
    earliest, latest = shape.earliest, shape.latest
    if earliest.year != latest.year:
        label = f"{earliest.year}–{latest.year}, spanning years"
        return Period(label, f"span-{latest.year}")
    if earliest.month == latest.month:
        return _point_period(Point(earliest.year, earliest.month), year)
    return _run(earliest.month, latest.month, year)


def _bare(point: Point) -> Point:
    return Point(point.year, point.month, point.day)


def _point_period(point: Point, year: int) -> Period:
    if point.kind in ("month", "day") and point.month is not None:
        label = f"{month_name(point.month)} {year}"
        return Period(label, f"{point.month:02d}")
    if point.kind == "season" and point.month is not None:
        return Period(core_label(_bare(point)), f"season-{point.month}")
    return _run(1, 12, year)


def _run(first: int, last: int, year: int) -> Period:
    words = YEAR_PARTS.get((first, last)) or f"{month_name(first)}–{month_name(last)}"
    return Period(f"{year}, {words}", f"{first:02d}-{last:02d}")
