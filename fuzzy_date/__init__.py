"""Imprecise dates for claims: reading them, their calendar bounds, and their labels.

A claim's date is stored as a Library of Congress EDTF string together with the first
and last calendar day it covers, so the database can sort and filter on plain dates
while the page still shows "around mid-2024" rather than a made-up day.

- ``edtf``: the stored grammar (points, intervals, qualifiers) and the days it covers.
- ``phrases`` (with ``cleaning``, ``numeric``, ``calendar_dates``, ``parts`` and
  ``relative``): what editors type, in English and French, read into EDTF or refused
  with a helpful message (``AmbiguousDate`` carries the readings to choose from).
- ``labels``: how a date reads on the page, and the timeline heading it goes under, in
  the reader's language from catalogue patterns (``wording``); ``cautions``: readings worth
  a second look. Refusals, too, are written in the reader's language.
- ``month_words``: a month and year in the reader's words ("June 2024", « juin 2024 »).
- ``vocabulary``: the month, season and number words, defined once.

Nothing else in Claimline reads EDTF text: it goes through ``from_edtf`` and the
points of ``FuzzyDate.start`` and ``FuzzyDate.end``.
"""

from fuzzy_date.cautions import cautions
from fuzzy_date.edtf import OPEN_END, OPEN_START, Point
from fuzzy_date.errors import AmbiguousDate, FuzzyDateError
from fuzzy_date.labels import Period, heading_period
from fuzzy_date.phrases import as_typed, parse
from fuzzy_date.value import FuzzyDate, from_edtf
from fuzzy_date.wording import month_words

__all__ = [
    "AmbiguousDate",
    "OPEN_END",
    "OPEN_START",
    "FuzzyDate",
    "Period",
    "FuzzyDateError",
    "Point",
    "as_typed",
    "cautions",
    "from_edtf",
    "heading_period",
    "month_words",
    "parse",
]
