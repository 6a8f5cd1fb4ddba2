"""Every number a reader or an editor can type is read one way (models.text.parse_whole_number):
characters that `str.isdigit()` accepts but `int()` refuses ("²", "١") are a clear 400 or a
form error, never a 500 (issue #18). Deeply nested JSON is a 400, not a RecursionError."""

from __future__ import annotations

import pytest

from models.text import parse_whole_number
from tests.editing_helpers import claim_id_by_key, edit_form_values
from tests.helpers import bearer

ODD_DIGITS = ("²", "١٢", "߂", "12²")
SLUG = "openai-chips"
# The HTML pages show the filter's error above the claims (status 200, as for any filter a
# reader mistypes); downloads and the API refuse with 400.
PAGES = (
    f"/dossiers/{SLUG}/?source={{}}",
    f"/dossiers/{SLUG}/?min_confidence={{}}",
    f"/dossiers/{SLUG}/print?source={{}}",
)
URLS = (
    f"/dossiers/{SLUG}/claims.csv?source={{}}",
    f"/dossiers/{SLUG}/claims.json?min_confidence={{}}",
    f"/dossiers/{SLUG}/feed.atom?min_confidence={{}}",
    f"/api/v1/claims?dossier={SLUG}&source={{}}",
    f"/api/v1/claims?dossier={SLUG}&per_page={{}}",
    f"/api/v1/sources?dossier={SLUG}&after={{}}",
)


@pytest.mark.parametrize("value", ODD_DIGITS)
@pytest.mark.parametrize("url", URLS)
def test_odd_digits_in_a_url_are_a_clear_400(client, url, value):
    response = client.get(url.format(value))
    assert response.status_code == 400, url


@pytest.mark.parametrize("value", ODD_DIGITS)
@pytest.mark.parametrize("url", PAGES)
def test_odd_digits_in_a_page_address_are_explained_on_the_page(client, url, value):
    response = client.get(url.format(value))
    assert response.status_code in (200, 400), url
    text = response.get_data(as_text=True)
    assert "must be a number" in text or "must be a whole number" in text, url


@pytest.mark.parametrize("text, expected", [("12", 12), (" 7 ", 7), ("²", None), ("", None)])
def test_whole_numbers_are_ascii_digits_only(text, expected):
    assert parse_whole_number(text) == expected


def test_too_many_digits_are_refused():
    assert parse_whole_number("1" * 19) is None and parse_whole_number("1" * 18) == int("1" * 18)


@pytest.mark.parametrize("field", ["version", "revision"])
def test_an_editor_form_with_odd_digits_is_refused_not_a_500(seeded_app, editor_client, field):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    if field == "version":
        data = {**edit_form_values(editor_client, claim_id), "version": "²"}
        response = editor_client.post(f"/claims/{claim_id}/edit", data=data)
    else:
        response = editor_client.post(
            f"/claims/{claim_id}/restore", data={"revision": "²", "version": "1"}
        )
    assert 400 <= response.status_code < 500


def test_deeply_nested_json_is_a_400(client, write_token):
    response = client.post(
        "/api/v1/claims",
        data="[" * 50_000,
        headers={**bearer(write_token), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
