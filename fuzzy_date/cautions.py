"""Readings that are right but worth a second look before saving.

The reader never guesses, but two readings can still surprise an editor: a phrase that
names a day but covers more than a month ("since 4 June 2024"), and a relative phrase
("last month") read against a publication date that is itself approximate or uncertain.
"""

from __future__ import annotations

from datetime import timedelta

from fuzzy_date.edtf import OPEN_END, OPEN_START
from fuzzy_date.errors import FuzzyDateError, quoted
from fuzzy_date.phrases import parse
from fuzzy_date.value import FuzzyDate
from i18n import _

# "Wider than a month": longer than the longest month.
_A_MONTH = timedelta(days=31)


def _names_a_day(value: FuzzyDate) -> bool:
    return any(point is not None and point.kind == "day" for point in (value.start, value.end))


def _is_relative(text: str) -> bool:
    """Whether the phrase needs a reference: it cannot be read without one."""
    try:
        parse(text)
    except FuzzyDateError:
        return True
    return False


def cautions(text: str, value: FuzzyDate, reference: FuzzyDate | None = None) -> list[str]:
    """Sentences asking the editor to check `value`, the reading of `text` against
    `reference`; empty when there is nothing to check."""
    found = []
    open_ended = value.earliest == OPEN_START or value.latest == OPEN_END
    if _names_a_day(value) and (open_ended or value.latest - value.earliest >= _A_MONTH):
        found.append(
            _(
                "This names a day but is read as %(date)s, which covers more than a month: "
                "check that this is what you meant.",
                date=quoted(value.label),
            )
        )
    if (
        reference is not None
        and (reference.approximate or reference.uncertain)
        and _is_relative(text)
    ):
        found.append(
            _(
                "This is read against the source's date, %(date)s, which is itself not "
                "certain: check the reading, or enter the date itself.",
                date=quoted(reference.label),
            )
        )
    return found
