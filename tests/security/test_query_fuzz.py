"""Hypothesis over every query parameter of the listings: any value gives a page or a clear
400, never a server error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.test_query_attacks import FILTER_PARAMETERS

values = st.text(max_size=60) | st.sampled_from(
    ["2024", "2024-13", "../..", "2024-06-04.1", "-1", "101", "insider", "tsmc", "0" * 40]
)
arguments = st.dictionaries(st.sampled_from(FILTER_PARAMETERS), values, max_size=5)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=arguments)
def test_any_timeline_query_gives_a_page(reader, query):
    # Empty values are redirected away (the address keeps only the filters that are set).
    response = reader.get("/dossiers/openai-chips/", query_string=query, follow_redirects=True)
    assert response.status_code == 200 and len(response.history) <= 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=arguments)
def test_any_api_query_gives_items_or_a_problem(reader, query):
    response = reader.get("/api/v1/claims", query_string={**query, "dossier": "openai-chips"})
    assert response.status_code in (200, 400)
    assert response.is_json
