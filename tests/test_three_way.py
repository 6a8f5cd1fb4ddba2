"""The three-way merge rule behind every concurrent edit (forms and API alike)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from services.editing.three_way import merge

FIELDS = ("statement", "confidence", "notes", "tags")
BASE = {"statement": "A", "confidence": 50, "notes": "n", "tags": ["chips", "tsmc"]}


def test_disjoint_fields_merge_silently():
    result = merge(BASE, {**BASE, "statement": "B"}, {**BASE, "confidence": 70}, FIELDS)
    assert result.clean
    assert result.values["statement"] == "B" and result.values["confidence"] == 70
    assert result.theirs == ["statement"]


def test_the_same_change_on_both_sides_is_no_conflict():
    result = merge(BASE, {**BASE, "notes": "x"}, {**BASE, "notes": "x"}, FIELDS)
    assert result.clean and result.values["notes"] == "x"


def test_different_changes_to_one_field_conflict_and_name_it():
    result = merge(BASE, {**BASE, "confidence": 60}, {**BASE, "confidence": 80}, FIELDS)
    assert result.conflicts == ["confidence"]
    assert result.values["confidence"] == 80


def test_a_field_emptied_by_one_and_edited_by_the_other_conflicts():
    result = merge(BASE, {**BASE, "notes": ""}, {**BASE, "notes": "longer note"}, FIELDS)
    assert result.conflicts == ["notes"]


def test_tag_lists_merge_as_sets():
    theirs = {**BASE, "tags": ["chips", "tsmc", "broadcom"]}  # added broadcom
    mine = {**BASE, "tags": ["chips"]}  # removed tsmc
    result = merge(BASE, theirs, mine, FIELDS)
    assert result.clean and sorted(result.values["tags"]) == ["broadcom", "chips"]


values = st.one_of(st.none(), st.text(max_size=3), st.integers(0, 3))
records = st.fixed_dictionaries({name: values for name in "abc"})


def _same(x, y):
    return x == y or (x in (None, "") and y in (None, ""))


@given(records, records)
def test_one_sided_edits_are_taken_whole_without_conflict(base, edit):
    for result in (merge(base, edit, base, "abc"), merge(base, base, edit, "abc")):
        assert result.clean
        assert all(_same(result.values[name], edit[name]) for name in "abc")


@given(records, records, records)
def test_conflicts_are_exactly_the_fields_both_changed_differently(base, theirs, mine):
    result = merge(base, theirs, mine, ("a", "b", "c"))

    expected = [
        name
        for name in ("a", "b", "c")
        if not _same(theirs[name], base[name])
        and not _same(mine[name], base[name])
        and not _same(theirs[name], mine[name])
    ]
    assert result.conflicts == expected
    for name in ("a", "b", "c"):
        if name not in expected and not _same(mine[name], base[name]):
            assert _same(result.values[name], mine[name])
        elif name not in expected:
            assert _same(result.values[name], theirs[name])
