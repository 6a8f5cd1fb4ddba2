"""Property-based: whatever is typed, the claim form answers with a saved claim or a message
next to a field, never an exception or a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import get_session
from fuzzy_date import FuzzyDate, from_edtf
from services.editing import claim_input
from services.editing.field_values import FieldError, fuzzy_date
from services.reading import dossier_lookup
from tests.editing_helpers import claim_data, source_id

# Fixtures are set up once per test, not per example: nothing here depends on a fresh state.
PER_TEST_FIXTURES = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
TYPED = st.text(max_size=80)
ANY_VALUE = st.one_of(
    st.none(),
    TYPED,
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.lists(TYPED, max_size=3),
    st.dictionaries(TYPED, TYPED, max_size=3),
)
DATE_LIKE = st.one_of(
    TYPED,
    st.from_regex(r"[0-9]{1,5}([-/.][0-9]{1,3}){0,2}[~?%]?", fullmatch=True),
    st.sampled_from(["last month", "Q5 2024", "29 February 2023", "2026/..", "../..", "late"]),
)


@PER_TEST_FIXTURES
@given(text=DATE_LIKE)
@pytest.mark.parametrize("reference", [None, "2024-07~", "../2024-07", "2024"])
def test_any_date_text_is_read_or_refused_with_a_message(text, reference):
    try:
        value = fuzzy_date(text, "date", from_edtf(reference) if reference else None)
    except FieldError as error:
        assert str(error)
    else:
        assert value is None or isinstance(value, FuzzyDate)


@PER_TEST_FIXTURES
@given(raw=st.dictionaries(st.sampled_from(claim_input.FIELDS), ANY_VALUE))
def test_any_raw_values_give_a_claim_or_messages(seeded_app, raw):
    with seeded_app.app_context():
        session = get_session()
        dossier = dossier_lookup.by_slug(session, "openai-chips")
        data, errors = claim_input.parse(session, dossier, raw)
        assert (data is None) == bool(errors)
        assert all(isinstance(message, str) and message for message in errors.values())
        session.rollback()


@PER_TEST_FIXTURES
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "statement": TYPED,
            "stated_date": DATE_LIKE,
            "event_date": DATE_LIKE,
            "confidence": st.one_of(TYPED, st.integers(-5, 120).map(str)),
            "locator": TYPED,
            "tags": TYPED,
            "quote_lang": TYPED,
            "attribution": TYPED,
            "status": TYPED,
            "via": TYPED,
            "speaker": TYPED,
            "relations-0-type": TYPED,
            "relations-0-claim": TYPED,
        },
    )
)
def test_any_typed_form_is_saved_or_answered_with_messages(seeded_app, editor_client, fields):
    data = claim_data(source_id(seeded_app)) | fields
    response = editor_client.post("/claims/new?dossier=openai-chips", data=data)
    # 409: the same claim as an earlier example, with the question whether to add it again.
    assert response.status_code in (302, 409, 422), response.status_code
    if response.status_code == 422:
        assert b'class="error-summary"' in response.data
    if response.status_code == 409:
        assert b'id="duplicate-notice"' in response.data
