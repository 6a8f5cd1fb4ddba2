"""Dates in the claim form and the API: ambiguous ones offer their readings, readings
worth a second look say so, and the phrases of issue #14 are stored right."""

from __future__ import annotations

import pytest

from tests.editing_helpers import (
    claim_data,
    claim_id_from,
    field_error,
    load_claim,
    soup,
    source_id,
)

NEW = "/claims/new?dossier=openai-chips"


@pytest.fixture
def article(seeded_app) -> int:
    """The seeded article, published "2024-07~" (around July 2024)."""
    return source_id(seeded_app)


def test_an_ambiguous_date_is_refused_with_both_readings_to_choose(editor_client, article):
    response = editor_client.post(NEW, data=claim_data(article, stated_date="05/06/2024"))
    page = soup(response, 422)
    assert "5 June 2024 or 6 May 2024" in field_error(page, "stated_date")
    choices = page.select('.field-choices input[type="radio"][name="stated_date"]')
    assert [choice["value"] for choice in choices] == ["5 June 2024", "6 May 2024"]
    for choice in choices:  # each has its own label
        assert page.select_one(f'label[for="{choice["id"]}"]').get_text() == choice["value"]
    assert page.select_one(".field-choices legend").get_text() == "Which did you mean?"
    # The choices come after the text input, so a chosen one is sent last.
    field = page.find(id="stated_date").find_parent(class_="field")
    assert field.select("input")[0]["id"] == "stated_date"


def test_a_chosen_reading_replaces_the_ambiguous_date_typed(seeded_app, editor_client, article):
    data = claim_data(article, event_date=["05/06/2024", "6 May 2024"])
    claim = load_claim(seeded_app, claim_id_from(editor_client.post(NEW, data=data)))
    assert claim.event_edtf == "2024-05-06"


def test_an_unambiguous_date_offers_no_choices(editor_client, article):
    page = soup(
        editor_client.post(NEW, data=claim_data(article, stated_date="13/10/2025", statement="")),
        422,
    )
    assert page.select(".field-choices") == []
    assert page.find(id="stated_date-reading").get_text() == "Read as 13 October 2025 (2025-10-13)"


@pytest.mark.parametrize(
    ("typed", "edtf"),
    [
        ("mid-October 2025", "2025-10-11/2025-10-20"),
        ("mi-juin 2024", "2024-06-11/2024-06-20"),
        ("fin juin 2024", "2024-06-21/2024-06-30"),
        ("the week of 3 June 2024", "2024-06-03/2024-06-09"),
        ("mardi 4 juin 2024", "2024-06-04"),
        ("les années 2020", "2020/2029"),
    ],
)
def test_the_api_stores_the_issue_phrases_right(client, write_token, article, typed, edtf):
    body = {
        "dossier": "openai-chips",
        "statement": "A date test claim.",
        "attribution": "public",
        "source": article,
        "stated_date": typed,
        "confidence": 50,
    }
    response = client.post(
        "/api/v1/claims", json=body, headers={"Authorization": f"Bearer {write_token}"}
    )
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["stated_date"]["edtf"] == edtf


def cautions(page, field_id: str) -> str:
    element = page.find(id=f"{field_id}-cautions")
    return element.get_text(" ", strip=True) if element else ""


def test_preview_warns_when_a_named_day_reads_wider_than_a_month(editor_client, article):
    data = claim_data(article, event_date="since 4 June 2024", preview="1")
    page = soup(editor_client.post(NEW, data=data))
    assert "names a day" in cautions(page, "event_date")
    assert "event_date-cautions" in page.find(id="event_date")["aria-describedby"]


def test_preview_warns_when_a_relative_date_rests_on_an_uncertain_source_date(
    editor_client, article
):
    page = soup(
        editor_client.post(NEW, data=claim_data(article, stated_date="last month", preview="1"))
    )
    assert 'source\'s date, "around July 2024", which is itself not certain' in cautions(
        page, "stated_date"
    )


def test_preview_has_no_warning_for_a_plain_reading(editor_client, article):
    data = claim_data(article, stated_date="4 June 2024", event_date="mid-June 2024", preview="1")
    page = soup(editor_client.post(NEW, data=data))
    assert page.find(id="event_date-reading").get_text() == (
        "Read as 11–20 June 2024 (2024-06-11/2024-06-20)"
    )
    assert page.select(".field-cautions") == []


def test_a_wrong_weekday_offers_both_ways_to_mend_it(editor_client, article):
    """4 June 2024 was a Tuesday: the form offers the day as typed with its real weekday, or
    the nearest Monday, and guesses neither."""
    response = editor_client.post(NEW, data=claim_data(article, stated_date="Monday 4 June 2024"))
    page = soup(response, 422)
    assert "falls on a Tuesday, not a Monday" in field_error(page, "stated_date")
    choices = page.select('.field-choices input[type="radio"][name="stated_date"]')
    assert [choice["value"] for choice in choices] == ["Tuesday 4 June 2024", "Monday 3 June 2024"]
