"""Properties of fuzzy_date over the whole grammar (hypothesis): any text is read as a valid
date or refused with a message, and generated EDTF dates keep their days and read back."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fuzzy_date import OPEN_END, OPEN_START, FuzzyDate, FuzzyDateError, from_edtf, parse
from tests.test_fuzzy_date import PROPERTY, reference_of

REFERENCES = [None, "2024-07~", "2024-07-15", "2024", "../2025", "2024-24?", "1000", "2999-12"]
# Words the parser knows, so random phrases reach deep into it rather than failing at once.
VOCABULARY = (
    "2024 2023 1000 2999 0999 06 4 31 29 - – / .. ? ~ % , ' to a au and et between entre "
    "from de du since depuis before after by or later earlier around c. probably early mid "
    "late end of fin debut q1 t4 h2 first quarter half spring ete winter fall l' last this "
    "next month year ago il y des mois ans annee derniere dernier june juin fevrier sept "
    "today hier plus tot three deux 12 99999 (uncertain) X onwards"
).split()
phrases = st.lists(st.sampled_from(VOCABULARY), max_size=8)


def assert_valid_or_refused(text, reference):
    try:
        result = parse(text, reference=reference_of(reference))
    except FuzzyDateError as error:
        assert "2024-06-04" in str(error)
        return
    assert isinstance(result, FuzzyDate)
    assert result.earliest <= result.latest
    assert from_edtf(result.edtf) == result
    assert result.label and result.precision  # displayable


@PROPERTY
@given(st.text(), st.sampled_from(REFERENCES))
def test_any_text_is_a_valid_date_or_a_fuzzy_date_error(text, reference):
    assert_valid_or_refused(text, reference)


@PROPERTY
@given(
    st.one_of(phrases.map(" ".join), phrases.map("".join)),
    st.sampled_from(REFERENCES),
)
def test_any_phrase_of_date_words_is_a_valid_date_or_a_fuzzy_date_error(text, reference):
    assert_valid_or_refused(text, reference)


@PROPERTY
@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_every_calendar_day_round_trips_as_iso(day):
    result = parse(day.isoformat())
    assert result == from_edtf(day.isoformat())
    assert (result.edtf, result.earliest, result.latest) == (day.isoformat(), day, day)
    assert result.precision == "day"
    assert parse(result.label) == result


# An independent account of the days each EDTF point covers, to check the module against.
def point_bounds(year: int, month: int | None, day: int | None) -> tuple[date, date]:
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if month > 12:
        first = date(year, {21: 3, 22: 6, 23: 9, 24: 12}[month], 1)
        after = {21: date(year, 6, 1), 22: date(year, 9, 1), 23: date(year, 12, 1)}
        return first, after.get(month, date(year + 1, 3, 1)) - timedelta(days=1)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)


@st.composite
def edtf_points(draw, qualifier=None):
    """(EDTF, earliest, latest) of one point of any precision."""
    year = draw(st.integers(1000, 2999))
    kind = draw(st.sampled_from(["year", "month", "season", "day"]))
    month = day = None
    if kind == "month":
        month = draw(st.integers(1, 12))
    elif kind == "season":
        month = draw(st.integers(21, 24))
    elif kind == "day":
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    if qualifier is None:
        qualifier = draw(st.sampled_from(["", "?", "~", "%"]))
    text = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    return (text + qualifier, *point_bounds(year, month, day))


@st.composite
def edtf_dates(draw, uniform=False):
    """(EDTF, earliest, latest) of a point, a closed interval or an open one."""
    qualifier = draw(st.sampled_from(["", "?", "~", "%"])) if uniform else None
    first = draw(edtf_points(qualifier))
    form = draw(st.sampled_from(["point", "interval", "open end", "open start"]))
    if form == "point":
        return first
    if form == "open end":
        return f"{first[0]}/..", first[1], OPEN_END
    if form == "open start":
        return f"../{first[0]}", OPEN_START, first[2]
    second = draw(edtf_points(qualifier))
    if first[1] > second[2]:
        first, second = second, first
    if uniform and first[0] == second[0]:
        return first
    return f"{first[0]}/{second[0]}", first[1], second[2]


@PROPERTY
@given(edtf_dates())
def test_generated_edtf_round_trips_with_correct_bounds(case):
    edtf, earliest, latest = case
    value = from_edtf(edtf)
    assert (value.edtf, value.earliest, value.latest) == (edtf, earliest, latest)
    assert parse(edtf) == value
    assert value.to_json()["edtf"] == edtf


@PROPERTY
@given(edtf_dates(uniform=True))
def test_generated_label_reads_back_as_the_same_date(case):
    value = from_edtf(case[0])
    assert parse(value.label) == value
