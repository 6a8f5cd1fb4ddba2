"""The claim form: adding, validating, reading dates, limits, double submits; editing, conflicts
and deleting are in test_claim_editing.py."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import joinedload, selectinload

from models import Claim
from models.limits import TAGS_MAX
from models.revision import RevisionAction
from services.editing.claim_input import FIELDS
from tests.editing_helpers import (
    claim_data,
    claim_id_by_key,
    claim_id_from,
    count_claims,
    field_error,
    load_claim,
    revisions_of,
    source_id,
)
from tests.helpers import soup

NEW = "/claims/new?dossier=openai-chips"


@pytest.fixture
def article(seeded_app) -> int:
    return source_id(seeded_app)


def test_form_uses_the_api_field_names(editor_client):
    page = soup(editor_client.get(NEW))
    names = {element["name"] for element in page.select("form.claim-form [name]")}
    plain = set(FIELDS) - {"entities", "relations"}
    assert plain <= names
    assert {"entities", "relations-0-type", "relations-0-claim", "relations-0-note"} <= names


def test_every_field_has_a_label(editor_client):
    page = soup(editor_client.get(NEW))
    form = page.select_one("form.claim-form")
    for element in form.select("input:not([type=hidden]):not([type=submit]), select, textarea"):
        assert form.select_one(f'label[for="{element["id"]}"]'), element["id"]


def test_attribution_choices_explain_each_kind(editor_client):
    page = soup(editor_client.get(NEW))
    hint = page.find(id=page.select_one('input[value="insider"]')["aria-describedby"])
    assert "Anonymous people" in hint.get_text()
    assert len(page.select('input[name="attribution"]')) == 6


def test_done_when_scenario_adds_a_statement_confirming_the_insider_claim(
    seeded_app, editor_client
):
    insider = claim_id_by_key(seeded_app, "broadcom-most-likely-partner")
    statement = "OpenAI and Broadcom announce a partnership to develop custom AI chips"
    response = editor_client.post(
        NEW,
        data=claim_data(
            None,
            statement=statement,
            attribution="public",
            source="new",
            source_title="OpenAI and Broadcom announce strategic collaboration",
            source_outlet="OpenAI",
            source_url="https://openai.com/index/openai-and-broadcom-announce-strategic-collaboration/",
            source_published="13 October 2025",
            speaker_description=None,
            stated_date="13 October 2025",
            confidence="95",
            **{"relations-0-type": "confirms", "relations-0-claim": str(insider)},
        ),
    )
    new_id = claim_id_from(response)
    timeline = soup(editor_client.get("/dossiers/openai-chips/"))
    card = timeline.find(id=f"claim-{new_id}")
    assert card.select_one(".statement").get_text(strip=True) == statement
    assert "13 October 2025" in card.get_text()
    assert f"/claims/{insider}" in [a["href"] for a in card.select(".relations a")]
    insider_card = timeline.find(id=f"claim-{insider}")
    assert f"/claims/{new_id}" in [a["href"] for a in insider_card.select(".relations a")]


def test_new_claim_is_saved_with_a_create_revision_by_the_editor(
    seeded_app, editor_client, article
):
    new_id = claim_id_from(editor_client.post(NEW, data=claim_data(article)))
    [revision] = revisions_of(seeded_app, new_id)
    assert revision.action is RevisionAction.CREATE
    assert revision.changes["statement"] == [None, claim_data(article)["statement"]]
    assert revision.snapshot["stated_date"] == "2024-06"
    assert revision.user.username == "editor"


def test_errors_show_next_to_each_field_and_keep_what_was_typed(editor_client, article):
    response = editor_client.post(
        NEW,
        data=claim_data(
            article, statement="", attribution=None, confidence="very", stated_date="soonish"
        ),
    )
    assert response.status_code == 422
    page = soup(response, 422)
    assert field_error(page, "statement") == "Enter the statement."
    assert "kind of attribution" in field_error(page, "attribution")
    assert "whole number from 0 to 100" in field_error(page, "confidence")
    assert "Try" in field_error(page, "stated_date")
    confidence = page.find(id="confidence")
    assert confidence["value"] == "very"
    assert confidence["aria-invalid"] == "true"
    assert "confidence-error" in confidence["aria-describedby"].split()
    assert page.find(id="speaker_description")["value"] == "a person familiar with the talks"
    summary_links = [a["href"] for a in page.select(".error-summary a")]
    assert "#statement" in summary_links and "#confidence" in summary_links


@pytest.mark.parametrize(
    ("typed", "edtf"),
    [
        ("2024-06-04", "2024-06-04"),
        ("4 June 2024", "2024-06-04"),
        ("June 2024", "2024-06"),
        ("juin 2024", "2024-06"),
        ("2023", "2023"),
        ("late 2023", "2023-09/2023-12"),
        ("Q1 2024", "2024-01/2024-03"),
        ("around 2023", "2023~"),
        ("2026 or later", "2026/.."),
        ("2024-03/2024-06", "2024-03/2024-06"),
        ("2024-06~", "2024-06~"),
        # Relative phrases read against the article's publication date, "2024-07~".
        ("last month", "2024-06~"),
        ("earlier this year", "2024-01~/2024-07~"),
        ("last November", "2023-11~"),
    ],
)
def test_dates_are_read_as_people_write_them(seeded_app, editor_client, article, typed, edtf):
    response = editor_client.post(NEW, data=claim_data(article, event_date=typed))
    claim = load_claim(seeded_app, claim_id_from(response))
    assert claim.event_edtf == edtf


@pytest.mark.parametrize("typed", ["next blue moon", "04/06/2024", "32 June 2024", "June"])
def test_unreadable_dates_are_refused_with_an_example(editor_client, article, typed):
    response = editor_client.post(NEW, data=claim_data(article, stated_date=typed))
    assert response.status_code == 422
    assert '"2024-06-04"' in field_error(soup(response, 422), "stated_date")


def test_relative_date_needs_a_source_with_a_date(editor_client):
    response = editor_client.post(
        NEW,
        data=claim_data(None, source="new", source_title="Undated memo", stated_date="last month"),
    )
    assert "publication date" in field_error(soup(response, 422), "stated_date")


def test_relative_date_reads_against_a_new_source_typed_in_the_form(seeded_app, editor_client):
    response = editor_client.post(
        NEW,
        data=claim_data(
            None,
            source="new",
            source_title="Memo",
            source_published="15 March 2025",
            stated_date="last month",
        ),
    )
    assert load_claim(seeded_app, claim_id_from(response)).stated_edtf == "2025-02"


def test_preview_shows_readings_and_rendered_notes_without_saving(
    seeded_app, editor_client, article
):
    before = count_claims(seeded_app)
    response = editor_client.post(
        NEW,
        data=claim_data(
            article, event_date="late 2023", confidence="85", notes="A *careful* note", preview="1"
        ),
    )
    assert response.status_code == 200
    page = soup(response)
    preview = page.select_one(".preview")
    assert "late 2023" in preview.get_text()
    assert "85%: very likely" in preview.get_text()
    assert preview.select_one(".notes-preview em").get_text() == "careful"
    assert page.find(id="event_date-reading").get_text() == "Read as late 2023 (2023-09/2023-12)"
    assert page.find(id="confidence-reading").get_text() == "85%: very likely"
    assert count_claims(seeded_app) == before


def test_parse_date_endpoint_reads_against_the_chosen_source(editor_client, article):
    body = editor_client.get(f"/claims/parse-date?text=last+month&source={article}").get_json()
    assert body == {"edtf": "2024-06~", "label": "around June 2024"}
    refused = editor_client.get("/claims/parse-date?text=last+month").get_json()
    assert "publication date" in refused["error"]
    typed_source = editor_client.get(
        "/claims/parse-date?text=last+month&published=13+October+2025"
    ).get_json()
    assert typed_source["edtf"] == "2025-09"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("statement", "x" * 501, "limit is 500"),
        ("quote", "q" * 5001, "limit is 5,000"),
        ("notes", "n" * 20001, "limit is 20,000"),
        ("tags", ", ".join(f"tag{n}" for n in range(TAGS_MAX + 1)), "at most 30 tags"),
        ("locator", "0", "from 1 to 100,000"),
        ("confidence", "101", "from 0 to 100"),
    ],
)
def test_over_limit_values_get_a_message_next_to_the_field(
    seeded_app, editor_client, article, field, value, words
):
    before = count_claims(seeded_app)
    response = editor_client.post(NEW, data=claim_data(article, **{field: value}))
    assert response.status_code == 422
    assert words in field_error(soup(response, 422), field)
    assert count_claims(seeded_app) == before


def test_a_request_over_one_megabyte_gets_a_clear_page(seeded_app, editor_client, article):
    response = editor_client.post(NEW, data=claim_data(article, notes="n" * (1024 * 1024 + 1)))
    assert response.status_code == 413
    text = soup(response, 413).select_one("main").get_text(" ", strip=True)
    assert "1 MB" in text and "nothing was saved" in text


def test_tags_reuse_existing_ones_whatever_their_case(seeded_app, editor_client, article):
    first = claim_id_from(editor_client.post(NEW, data=claim_data(article, tags="Chip Supply")))
    second = claim_id_from(
        editor_client.post(
            NEW,
            data=claim_data(
                article,
                statement="TSMC says the fabs will be ready in 2026.",
                tags="chip supply, CHIP SUPPLY, fabs",
            ),
        )
    )
    one = load_claim(seeded_app, first, selectinload(Claim.tags))
    two = load_claim(seeded_app, second, selectinload(Claim.tags))
    assert [tag.name for tag in one.tags] == ["Chip Supply"]
    assert sorted(tag.id for tag in two.tags)[0] == one.tags[0].id
    assert len(two.tags) == 2


def test_a_new_speaker_typed_in_the_form_is_created_with_its_revision(
    seeded_app, editor_client, article
):
    response = editor_client.post(
        NEW,
        data=claim_data(article, speaker="new", speaker_name="Hock Tan", speaker_kind="person"),
    )
    claim = load_claim(seeded_app, claim_id_from(response), joinedload(Claim.speaker))
    assert (claim.speaker.name, claim.speaker.slug) == ("Hock Tan", "hock-tan")
    assert revisions_of(seeded_app, claim.speaker.id, "entity")[0].action is RevisionAction.CREATE


def test_a_new_speaker_with_a_known_name_is_refused(editor_client, article):
    response = editor_client.post(
        NEW, data=claim_data(article, speaker="new", speaker_name="sam altman")
    )
    assert "already an entity called Sam Altman" in field_error(soup(response, 422), "speaker_name")


def test_relation_by_words_matching_several_claims_asks_for_the_number(editor_client, article):
    response = editor_client.post(
        NEW,
        data=claim_data(article, **{"relations-0-type": "supports", "relations-0-claim": "TSMC"}),
    )
    message = field_error(soup(response, 422), "relations-0-claim")
    assert message.startswith('Several claims match "TSMC"')


def test_relation_by_key_or_unique_words_links_that_claim(seeded_app, editor_client, article):
    target = claim_id_by_key(seeded_app, "richard-ho-education")
    response = editor_client.post(
        NEW,
        data=claim_data(
            article,
            **{"relations-0-type": "supports", "relations-0-claim": "richard-ho-education"},
        ),
    )
    claim = load_claim(seeded_app, claim_id_from(response), selectinload(Claim.relations_out))
    assert [(r.type.value, r.to_claim_id) for r in claim.relations_out] == [("supports", target)]


def test_posting_the_same_form_twice_creates_one_claim(seeded_app, editor_client, article):
    data = claim_data(article)
    before = count_claims(seeded_app)
    first = editor_client.post(NEW, data=data)
    second = editor_client.post(NEW, data=data)
    assert second.status_code == 302 and second.location == first.location
    assert count_claims(seeded_app) == before + 1
