"""Day dates written in numbers: "13/10/2025", "10/13/2025", "4.6.2024".

A part above 12 cannot be a month, so when only one order gives a real date it is read
that way. When both parts could be a month ("05/06/2024": 5 June in Paris, 6 May in
Boston) the phrase is refused with both readings, never guessed. Each numeric date is
rewritten in words ("13 October 2025") before the rest of the phrase is read.
"""

from __future__ import annotations

import re
from datetime import date

from fuzzy_date.errors import AmbiguousDate, fail, quote
from fuzzy_date.vocabulary import MONTH_NAMES
from fuzzy_date.wording import day_words
from i18n import _

_SEPARATORS = "/.\\-\u2010-\u2015\u2212"
_NUMERIC_DAY = re.compile(
    rf"(?<![0-9{_SEPARATORS}])(?:"
    rf"(?P<a>[0-9]{{1,2}})(?P<sep>[{_SEPARATORS}])(?P<b>[0-9]{{1,2}})(?P=sep)(?P<year>[0-9]{{2,4}})"
    rf"|(?P<year_first>[0-9]{{4}})(?P<sep2>[/.])(?P<c>[0-9]{{1,2}})(?P=sep2)(?P<d>[0-9]{{1,2}})"
    rf")(?![0-9])"
)


def _real(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _readings(match: re.Match[str]) -> list[tuple[int, int, int]]:
    """Every real date the numbers can be, day-month order first."""
    if match.group("year_first"):
        year, month, day = (int(match.group(name)) for name in ("year_first", "c", "d"))
        orders = [(month, day), (day, month)]  # year first: year-month-day, then the other
    else:
        if len(match.group("year")) != 4:
            raise fail(
                _(
                    'Write the year of %(text)s in full, like "4 June 2024".',
                    text=quote(match.group(0)),
                )
            )
        year, first, second = (int(match.group(name)) for name in ("year", "a", "b"))
        orders = [(second, first), (first, second)]  # day-month, then month-day
    return [(year, month, day) for month, day in dict.fromkeys(orders) if _real(year, month, day)]


def spell_out_numeric_days(text: str) -> str:
    """The text with each numeric day date in words; refuses one that is ambiguous
    (AmbiguousDate, with the whole text rewritten each way) or that is no date at all."""
    pieces, position = [], 0
    for match in _NUMERIC_DAY.finditer(text):
        readings = _readings(match)
        if not readings:
            raise fail(_("%(text)s is not a date in any order.", text=quote(match.group(0))))
        if len(readings) > 1:
            before, after = text[: match.start()], text[match.end() :]
            shown = [day_words(*reading) for reading in readings]
            raise AmbiguousDate(
                _(
                    "Could not tell the day from the month in %(text)s: it may be %(first)s "
                    'or %(second)s. Choose one, or write it as year-month-day, like "2024-06-04".',
                    text=quote(match.group(0)),
                    first=shown[0],
                    second=shown[1],
                ),  # fmt: skip
                tuple(before + reading + after for reading in shown),
            )
        # Rewritten for the reader below, which reads English and French alike.
        year, month, day = readings[0]
        pieces += [text[position : match.start()], f"{day} {MONTH_NAMES[month - 1]} {year}"]
        position = match.end()
    return "".join(pieces) + text[position:]
