"""The words a date is written with in the reader's language, from the catalogue (#20).

Every label is built from catalogue patterns ("around %(date)s", "%(date)s or later"),
never by gluing words in code, so a new language needs only a catalogue. Where a language
puts a word before a date differently by the kind of date (French says « vers le 4 juin
2024 » but « vers juin 2024 », « au plus tard au printemps 2024 » but « au plus tard en
été 2024 »), each kind has its own pattern, told apart by its context; in English they
are all the same words.

Month and weekday names come from CLDR, as written mid-sentence ("juin", "mardi").
"""

from __future__ import annotations

from babel.dates import get_day_names

import i18n
from i18n import N_, _, pgettext

# The kinds of date a pattern may need to tell apart: a day, a month, a year, each season,
# a named third of a year ("mid-2024"), a quarter or half ("Q1 2024"), and (for "by") a
# date that is itself approximate ("by around June 2024").
SEASON_KINDS: dict[int, str] = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}

# The names of the parts of a year a label uses, by their first and last month.
NAMED_SPANS: dict[tuple[int, int], str] = {
    (1, 4): N_("early %(year)s"), (5, 8): N_("mid-%(year)s"), (9, 12): N_("late %(year)s"),
    (1, 3): N_("Q1 %(year)s"), (4, 6): N_("Q2 %(year)s"),
    (7, 9): N_("Q3 %(year)s"), (10, 12): N_("Q4 %(year)s"),
    (1, 6): N_("H1 %(year)s"), (7, 12): N_("H2 %(year)s"),
}  # fmt: skip
# Which of them are thirds of a year ("early 2023") rather than quarters or halves ("Q1").
THIRDS: frozenset[tuple[int, int]] = frozenset({(1, 4), (5, 8), (9, 12)})


def month_name(month: int) -> str:
    """The month's name in the reader's language, as written mid-sentence."""
    return i18n.month_name(month)


def weekday_name(weekday: int) -> str:
    """The weekday's name (Monday is 0) in the reader's language, as written mid-sentence."""
    return str(get_day_names("wide", locale=i18n.current())[weekday])


def capitalised(text: str) -> str:
    """The text with its first letter a capital, as a heading starts: "Juin 2024"."""
    return text[:1].upper() + text[1:]


def day_number(day: int) -> str:
    """The day of the month as a date writes it: "4"; the first is "1er" in French."""
    if day == 1:
        return pgettext("the first day of a month, in a date", "1")
    return str(day)


def day_words(year: int, month: int, day: int) -> str:
    """ "4 June 2024", "4 juin 2024"."""
    return pgettext(
        "date", "%(day)s %(month)s %(year)s", day=day_number(day), month=month_name(month),
        year=year,
    )  # fmt: skip


def month_words(year: int, month: int) -> str:
    """ "June 2024", "juin 2024"."""
    return pgettext("date", "%(month)s %(year)s", month=month_name(month), year=year)


def with_weekday(year: int, month: int, day: int, weekday: int) -> str:
    """ "Tuesday 4 June 2024", "mardi 4 juin 2024"."""
    return pgettext(
        "date", "%(weekday)s %(date)s", weekday=weekday_name(weekday),
        date=day_words(year, month, day),
    )  # fmt: skip


def season_words(season: int, year: int, heading: bool = False) -> str:
    """ "summer 2024", "été 2024"; a timeline heading may write it otherwise (« Été 2024 »).
    The winter spans two years: "winter 2024–25", where `next` is the following year,
    shortened when the century stays the same."""
    following = year + 1
    values = {
        "year": year,
        "next": f"{following % 100:02d}" if following // 100 == year // 100 else following,
    }
    if heading:
        if season == 21:
            return pgettext("timeline heading", "spring %(year)s", **values)
        if season == 22:
            return pgettext("timeline heading", "summer %(year)s", **values)
        if season == 23:
            return pgettext("timeline heading", "autumn %(year)s", **values)
        return pgettext("timeline heading", "winter %(year)s–%(next)s", **values)
    if season == 21:
        return _("spring %(year)s", **values)
    if season == 22:
        return _("summer %(year)s", **values)
    if season == 23:
        return _("autumn %(year)s", **values)
    return _("winter %(year)s–%(next)s", **values)


def named_span(first: int, last: int, year: int) -> str | None:
    """ "mid-2024", "Q1 2024", "début 2024", "T1 2024"; None for a run with no name."""
    pattern = NAMED_SPANS.get((first, last))
    return _(pattern, year=year) if pattern else None


def around(kind: str, date: str) -> str:
    """ "around June 2024"; `kind` is the kind of the date the words start with."""
    if kind == "day":
        return pgettext("around a day", "around %(date)s", date=date)
    if kind == "month":
        return pgettext("around a month", "around %(date)s", date=date)
    if kind == "year":
        return pgettext("around a year", "around %(date)s", date=date)
    if kind == "spring":
        return pgettext("around spring", "around %(date)s", date=date)
    if kind == "summer":
        return pgettext("around summer", "around %(date)s", date=date)
    if kind == "autumn":
        return pgettext("around autumn", "around %(date)s", date=date)
    if kind == "winter":
        return pgettext("around winter", "around %(date)s", date=date)
    if kind == "third":
        return pgettext("around early, mid or late in a year", "around %(date)s", date=date)
    return pgettext("around a quarter or half of a year", "around %(date)s", date=date)


def by(kind: str, date: str) -> str:
    """ "by July 2024", a deadline; `kind` is the kind of the date, or "approximate" when the
    date already says "around"."""
    if kind == "day":
        return pgettext("by a day", "by %(date)s", date=date)
    if kind == "month":
        return pgettext("by a month", "by %(date)s", date=date)
    if kind == "year":
        return pgettext("by a year", "by %(date)s", date=date)
    if kind == "spring":
        return pgettext("by spring", "by %(date)s", date=date)
    if kind == "summer":
        return pgettext("by summer", "by %(date)s", date=date)
    if kind == "autumn":
        return pgettext("by autumn", "by %(date)s", date=date)
    if kind == "winter":
        return pgettext("by winter", "by %(date)s", date=date)
    return pgettext("by an approximate date", "by %(date)s", date=date)


def or_later(date: str) -> str:
    """ "2026 or later"."""
    return _("%(date)s or later", date=date)


def uncertain(date: str) -> str:
    """ "June 2024 (uncertain)"."""
    return _("%(date)s (uncertain)", date=date)


def with_note(date: str, qualifier: str) -> str:
    """One end of a range that says its own qualifier: "2024 (approximate)"."""
    if qualifier == "~":
        return _("%(date)s (approximate)", date=date)
    if qualifier == "?":
        return _("%(date)s (uncertain)", date=date)
    if qualifier == "%":
        return _("%(date)s (approximate, uncertain)", date=date)
    return date


def range_words(start: str, end: str) -> str:
    """Two dates as the ends of a range: "spring 2024 – June 2025"."""
    return pgettext("date range", "%(start)s – %(end)s", start=start, end=end)
