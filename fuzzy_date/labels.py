"""How a date reads in English on the page: "4 June 2024", "around mid-2024".

Labels are plain words that the phrase reader reads back as the same date, so an
editor can paste one into a form field.
"""

from __future__ import annotations

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
