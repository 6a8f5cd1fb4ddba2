"""The claim form that flows (issue #15): sections in order, the inline source with its
kind, reliability and outlet credited, proposed mentions, save and add another."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import get_session
from models import Claim, Source
from tests.editing_helpers import (
    claim_data,
    claim_id_by_key,
    claim_id_from,
    count_claims,
    edit_form_values,
    field_error,
    form_values,
    load_claim,
    revisions_of,
    source_id,
)
from tests.helpers import soup

NEW = "/claims/new?dossier=openai-chips"


@pytest.fixture
def article(seeded_app) -> int:
    return source_id(seeded_app)


def test_sections_follow_the_order_an_editor_thinks_in(editor_client):
    page = soup(editor_client.get(NEW))
    legends = [
        section.legend.get_text(strip=True)
        for section in page.select("form.claim-form > fieldset.form-section")
    ]
    assert legends[:5] == [
        "What is claimed",
        "Who stands behind it",
        "When",
        "How far we trust it",
        "Links",
    ]
    first = page.select_one("form.claim-form > fieldset.form-section")
    assert [e["name"] for e in first.select("textarea, input:not([type=hidden]), select")][:3] == [
        "statement",
        "source",
        "source_title",
    ]


def test_people_fields_say_which_attributions_call_for_them(editor_client):
    # Without JavaScript every field shows; the attributions are there for claim-form.js.
    page = soup(editor_client.get(NEW))
    people = page.select_one("[data-attribution-people]")
    shown_for = {
        box.select_one("select, input")["name"]: box["data-shown-for"].split()
        for box in people.select("[data-shown-for]")
    }
    assert "private" in shown_for["relayed_by"] and "analysis" not in shown_for["relayed_by"]
    assert "insider" in shown_for["speaker_description"]
    assert not people.select("[hidden]")
    assert "insiders are described" in people.select_one("[data-people-hint]").get_text()


def test_a_new_source_is_saved_with_its_kind_and_reliability(seeded_app, editor_client):
    response = editor_client.post(
        NEW,
        data=claim_data(
            None,
            source="new",
            source_title="Hearing transcript",
            source_kind="court_record",
            source_reliability="B",
            source_published="3 March 2025",
        ),
    )
    claim = load_claim(seeded_app, claim_id_from(response), selectinload(Claim.source))
    assert (claim.source.kind.value, claim.source.reliability) == ("court_record", "B")


@pytest.mark.parametrize("kind", ["press_release", "filing", "court_record", "video", "podcast"])
def test_the_new_kinds_of_source_are_offered(editor_client, kind):
    page = soup(editor_client.get(NEW))
    assert page.select_one(f'select[name=source_kind] option[value="{kind}"]')


def test_an_unknown_source_kind_is_refused_and_nothing_is_saved(seeded_app, editor_client):
    before = count_claims(seeded_app)
    response = editor_client.post(
        NEW, data=claim_data(None, source="new", source_title="Memo", source_kind="rumour")
    )
    assert "kind of source" in field_error(soup(response, 422), "source_kind")
    assert count_claims(seeded_app) == before


def test_the_outlet_credited_can_be_named_inline(seeded_app, editor_client, article):
    response = editor_client.post(
        NEW, data=claim_data(article, via="new", via_title="Reuters", via_url="https://reuters.com")
    )
    claim = load_claim(seeded_app, claim_id_from(response), selectinload(Claim.via))
    assert (claim.via.title, claim.via.outlet, claim.via.url) == (
        "Reuters",
        "Reuters",
        "https://reuters.com",
    )


def test_an_outlet_named_while_one_is_chosen_is_refused(editor_client, article):
    response = editor_client.post(
        NEW, data=claim_data(article, via=str(article), via_title="Reuters")
    )
    assert "A new outlet" in field_error(soup(response, 422), "via_title")


def test_names_in_the_quote_and_the_speaker_are_proposed_ticked(editor_client, article):
    page = soup(
        editor_client.get(NEW + f"&source={article}&quote=Sam+Altman+veut+des+puces+TSMC&locator=3")
    )
    proposed = {box["value"] for box in page.select(".choice-proposed input[checked]")}
    assert proposed == {"sam-altman", "tsmc"}
    assert not page.select(".choice:not(.choice-proposed) input[checked]")


def test_a_proposed_name_the_editor_unticked_is_not_ticked_again(editor_client, article):
    form = form_values(
        soup(editor_client.get(NEW + f"&source={article}&quote=Broadcom+et+TSMC")).select_one(
            "form.claim-form"
        )
    )
    form["entities"] = ["tsmc"]  # Broadcom unticked
    form.update(statement="TSMC and Nvidia talk.", preview="Preview", attribution="insider")
    page = soup(editor_client.post(NEW, data=form))
    ticked = {box["value"] for box in page.select("input[name=entities][checked]")}
    assert ticked == {"tsmc", "nvidia"}


def test_proposed_names_are_saved_only_when_submitted_ticked(seeded_app, editor_client, article):
    response = editor_client.post(
        NEW, data=claim_data(article, statement="Sam Altman met TSMC.", entities=["tsmc"])
    )
    claim = load_claim(seeded_app, claim_id_from(response), selectinload(Claim.entities))
    assert [entity.slug for entity in claim.entities] == ["tsmc"]


def test_save_and_add_another_keeps_source_dates_and_attribution(seeded_app, editor_client):
    response = editor_client.post(
        NEW,
        data=claim_data(
            None,
            source="new",
            source_title="Memo",
            stated_date="May 2025",
            event_date="late 2025",
            attribution="public",
            speaker_description=None,
            save_another="Save and add another from this source",
        ),
    )
    assert response.status_code == 302
    with seeded_app.app_context():
        memo = get_session().scalar(select(Source.id).where(Source.title == "Memo"))
    page = soup(editor_client.get(response.location))
    form = page.select_one("form.claim-form")
    assert form.select_one("select[name=source] option[selected]")["value"] == str(memo)
    assert form.select_one("#stated_date")["value"] == "May 2025"
    assert form.select_one("#event_date")["value"] == "late 2025"
    assert form.select_one("input[name=attribution][checked]")["value"] == "public"
    assert not form.select_one("#statement").get_text(strip=True)
    assert "added" in page.select_one(".flash, [role=status], .flashes").get_text()


def test_mentions_endpoint_names_the_entities_typed(editor_client):
    response = editor_client.get("/claims/mentions?statement=Altman+and+Broadcom&quote=")
    assert [entity["slug"] for entity in response.get_json()["entities"]] == [
        "sam-altman",
        "broadcom",
    ]


def test_mentions_endpoint_needs_an_editor(client):
    assert client.get("/claims/mentions?statement=Altman").status_code in (302, 401)


def post_confirming(editor_client, article, target_id, **overrides):
    return editor_client.post(
        NEW,
        data=claim_data(
            article,
            **{"relations-0-type": "confirms", "relations-0-claim": str(target_id)} | overrides,
        ),
    )


def test_linking_as_confirming_offers_to_update_the_other_claim_and_changes_nothing(
    seeded_app, editor_client, article
):
    target = claim_id_by_key(seeded_app, "broadcom-most-likely-partner")
    before = load_claim(seeded_app, target)
    response = post_confirming(editor_client, article, target)
    assert response.location.startswith(f"/claims/{claim_id_from_offer(response)}/offers")
    page = soup(editor_client.get(response.location))
    button = page.select_one(f"form[action^='/claims/{target}/accept-offer'] button")
    assert button.get_text(" ", strip=True) == f"Mark claim {target} confirmed, 90%"
    after = load_claim(seeded_app, target)
    assert (after.status, after.confidence, after.version) == (
        before.status,
        before.confidence,
        before.version,
    )


def claim_id_from_offer(response) -> int:
    return int(response.location.split("/")[2])


def test_one_click_takes_the_offer_with_a_revision(seeded_app, editor_client, article):
    target = claim_id_by_key(seeded_app, "broadcom-most-likely-partner")
    offers_url = post_confirming(editor_client, article, target).location
    form = soup(editor_client.get(offers_url)).select_one(
        f"form[action^='/claims/{target}/accept-offer']"
    )
    response = editor_client.post(form["action"], data=form_values(form) | {"accept": "yes"})
    assert response.status_code == 302
    claim = load_claim(seeded_app, target)
    assert (claim.status.value, claim.confidence) == ("confirmed", 90)
    assert revisions_of(seeded_app, target)[-1].user.username == "editor"
    # Nothing left to offer: the page goes straight on to the new claim.
    assert editor_client.get(offers_url).status_code == 302


def test_a_stale_offer_changes_nothing(seeded_app, editor_client, article):
    target = claim_id_by_key(seeded_app, "broadcom-most-likely-partner")
    offers_url = post_confirming(editor_client, article, target).location
    form = soup(editor_client.get(offers_url)).select_one(
        f"form[action^='/claims/{target}/accept-offer']"
    )
    values = form_values(form) | {"accept": "yes"}
    edit = edit_form_values(editor_client, target) | {"notes": "Someone edits it meanwhile."}
    assert editor_client.post(f"/claims/{target}/edit", data=edit).status_code == 302
    before = load_claim(seeded_app, target)
    response = editor_client.post(form["action"], data=values, follow_redirects=True)
    assert "nothing was updated" in soup(response).get_text()
    assert load_claim(seeded_app, target).status == before.status


def test_supporting_links_make_no_offer(seeded_app, editor_client, article):
    target = claim_id_by_key(seeded_app, "broadcom-most-likely-partner")
    response = post_confirming(editor_client, article, target, **{"relations-0-type": "supports"})
    assert response.location.startswith("/claims/") and "/offers" not in response.location


def test_an_edit_offers_only_for_links_it_adds(seeded_app, editor_client, article):
    target = claim_id_by_key(seeded_app, "broadcom-most-likely-partner")
    claim_id = claim_id_from(post_confirming(editor_client, article, target))
    edit = edit_form_values(editor_client, claim_id) | {"statement": "Reworded, same link."}
    response = editor_client.post(f"/claims/{claim_id}/edit", data=edit)
    assert response.location == f"/claims/{claim_id}"
