"""Two editors saving the same claim, source or entity: a three-way merge against the version
each loaded, so nobody's change is undone by default (issue #14 §3).

Each test plays editor A, who loads version N, and editor B, who saves version N+1 first;
then A saves with version N, through the form or the API.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import get_session
from models import Claim, Entity, Source
from tests.editing_helpers import (
    claim_id_by_key,
    edit_form_values,
    form_values,
    load_claim,
    soup,
    source_id,
)

CLAIM_KEY = "hbm-shortage"  # seeded with a statement, a quote, notes and two tags


@pytest.fixture
def api(client, write_token):
    def send(method: str, url: str, body=None):
        headers = {"Authorization": f"Bearer {write_token}"}
        return client.open(url, method=method, json=body, headers=headers)

    return send


def _claim_url(app) -> tuple[int, str]:
    claim_id = claim_id_by_key(app, CLAIM_KEY)
    return claim_id, f"/claims/{claim_id}/edit"


def _two_editors(client, app, theirs: dict, mine: dict):
    """A loads the form, B saves `theirs`, then A posts `mine` from the version loaded."""
    claim_id, url = _claim_url(app)
    loaded_by_a = edit_form_values(client, claim_id)
    loaded_by_b = edit_form_values(client, claim_id)
    assert client.post(url, data=loaded_by_b | theirs).status_code == 302
    return client.post(url, data=loaded_by_a | mine)


def _stored(app) -> Claim:
    return load_claim(app, claim_id_by_key(app, CLAIM_KEY), selectinload(Claim.tags))


def _conflict_rows(page) -> dict[str, dict[str, str]]:
    return {
        row.legend.get_text(strip=True): {
            side: row.select_one(f"td.{side}").get_text(strip=True)
            for side in ("original", "theirs", "mine")
        }
        for row in page.select("fieldset.conflict-field")
    }


# --- the claim form ------------------------------------------------------------------------


def test_form_edits_of_different_fields_are_both_kept(seeded_app, editor_client):
    response = _two_editors(
        editor_client, seeded_app, {"statement": "B's statement."}, {"confidence": "12"}
    )
    assert response.status_code == 302
    stored = _stored(seeded_app)
    assert (stored.statement, stored.confidence) == ("B's statement.", 12)
    page = soup(editor_client.get(response.location))
    assert "kept from their version: Statement" in page.get_text(" ", strip=True)


def test_form_edits_to_the_same_value_need_no_choice(seeded_app, editor_client):
    response = _two_editors(
        editor_client,
        seeded_app,
        {"confidence": "12", "statement": "B's statement."},
        {"confidence": "12", "notes": "A's notes."},
    )
    assert response.status_code == 302
    stored = _stored(seeded_app)
    assert (stored.statement, stored.confidence, stored.notes) == (
        "B's statement.",
        12,
        "A's notes.",
    )


def test_form_edits_to_the_same_field_ask_with_nothing_chosen(seeded_app, editor_client):
    before = _stored(seeded_app)
    response = _two_editors(
        editor_client,
        seeded_app,
        {"confidence": "33", "statement": "B's statement."},
        {"confidence": "12", "notes": "A's notes."},
    )
    assert response.status_code == 409
    page = soup(response, 409)
    assert list(_conflict_rows(page)) == ["Confidence"]  # not the statement only B changed
    row = _conflict_rows(page)["Confidence"]
    assert row["original"].startswith(f"{before.confidence}%")
    assert row["theirs"].startswith("33%") and row["mine"].startswith("12%")
    radios = page.select("form.conflict-form input[type=radio]")
    assert {radio["name"] for radio in radios} == {"take_confidence"}
    assert not any(radio.has_attr("checked") for radio in radios)
    stored = _stored(seeded_app)
    assert (stored.statement, stored.confidence, stored.notes) == (
        "B's statement.",
        33,
        before.notes,
    )


def test_a_conflict_saved_without_a_choice_is_refused_and_saves_nothing(seeded_app, editor_client):
    claim_id, _ = _claim_url(seeded_app)
    page = soup(
        _two_editors(editor_client, seeded_app, {"confidence": "33"}, {"confidence": "12"}), 409
    )
    merge = form_values(page.select_one("form.conflict-form"))
    assert "take_confidence" not in merge
    refused = editor_client.post(f"/claims/{claim_id}/merge", data=merge)
    assert refused.status_code == 422
    assert "nothing is chosen for you" in soup(refused, 422).select_one(".error-summary").get_text()
    assert _stored(seeded_app).confidence == 33
    chosen = editor_client.post(
        f"/claims/{claim_id}/merge", data=merge | {"take_confidence": "mine"}
    )
    assert chosen.status_code == 302
    assert _stored(seeded_app).confidence == 12


def test_notes_emptied_by_one_and_edited_by_the_other_ask(seeded_app, editor_client):
    before = _stored(seeded_app)
    response = _two_editors(
        editor_client,
        seeded_app,
        {"notes": "", "statement": "B's statement."},
        {"notes": "A's rewritten notes."},
    )
    assert response.status_code == 409
    row = _conflict_rows(soup(response, 409))["Notes"]
    assert (row["theirs"], row["mine"]) == ("—", "A's rewritten notes.")
    stored = _stored(seeded_app)
    assert (stored.notes, stored.statement) == ("", "B's statement.")
    assert before.notes


def test_tags_added_by_each_editor_are_all_kept(seeded_app, editor_client):
    before = {tag.name for tag in _stored(seeded_app).tags}
    old = ", ".join(sorted(before))
    response = _two_editors(
        editor_client, seeded_app, {"tags": old + ", from-b"}, {"tags": old + ", from-a"}
    )
    assert response.status_code == 302
    assert {tag.name for tag in _stored(seeded_app).tags} == before | {"from-a", "from-b"}


# --- the API -------------------------------------------------------------------------------


def _patch_twice(api, app, theirs: dict, mine: dict):
    url = f"/api/v1/claims/{claim_id_by_key(app, CLAIM_KEY)}"
    version = api("GET", url).get_json()["version"]
    assert api("PATCH", url, {"version": version, **theirs}).status_code == 200
    return api("PATCH", url, {"version": version, **mine})


def test_api_patches_of_different_fields_are_merged(api, seeded_app):
    response = _patch_twice(api, seeded_app, {"statement": "B's statement."}, {"confidence": 12})
    assert response.status_code == 200
    item = response.get_json()
    assert (item["statement"], item["confidence"]) == ("B's statement.", 12)
    stored = _stored(seeded_app)
    assert (stored.statement, stored.confidence) == ("B's statement.", 12)


def test_api_patches_to_the_same_value_are_merged(api, seeded_app):
    response = _patch_twice(
        api, seeded_app, {"confidence": 12, "statement": "B's statement."}, {"confidence": 12}
    )
    assert response.status_code == 200
    assert (response.get_json()["statement"], response.get_json()["confidence"]) == (
        "B's statement.",
        12,
    )


def test_api_patches_to_the_same_field_are_refused_naming_it(api, seeded_app):
    response = _patch_twice(
        api, seeded_app, {"confidence": 33}, {"confidence": 12, "notes": "A's notes."}
    )
    assert response.status_code == 409
    problem = response.get_json()
    assert problem["conflicts"] == ["confidence"]
    assert "confidence" in problem["detail"]
    stored = _stored(seeded_app)
    assert stored.confidence == 33 and stored.notes != "A's notes."


def test_api_a_field_emptied_by_one_and_edited_by_the_other_is_refused(api, seeded_app):
    # A's quote is a shorter cut of the same paragraph (36), as the quote check requires.
    shorter = "Ces puces mémoire sont en pénurie"
    response = _patch_twice(api, seeded_app, {"quote": ""}, {"quote": shorter})
    assert response.status_code == 409
    assert response.get_json()["conflicts"] == ["quote"]
    assert _stored(seeded_app).quote == ""


def test_api_source_patches_of_different_fields_are_merged(api, seeded_app):
    url = f"/api/v1/sources/{source_id(seeded_app)}"
    version = api("GET", url).get_json()["version"]
    assert api("PATCH", url, {"version": version, "author": "B's author"}).status_code == 200
    response = api("PATCH", url, {"version": version, "reliability": "b"})
    assert response.status_code == 200
    assert (response.get_json()["author"], response.get_json()["reliability"]) == (
        "B's author",
        "B",
    )
    clash = api("PATCH", url, {"version": version, "author": "A's author"})
    assert clash.status_code == 409 and clash.get_json()["conflicts"] == ["author"]


def test_api_entity_patches_merge_their_aliases(api, seeded_app):
    url = "/api/v1/entities/tsmc"
    entity = api("GET", url).get_json()
    version, aliases = entity["version"], entity["aliases"]
    assert api("PATCH", url, {"version": version, "aliases": [*aliases, "B"]}).status_code == 200
    response = api("PATCH", url, {"version": version, "aliases": [*aliases, "A"]})
    assert response.status_code == 200
    assert set(response.get_json()["aliases"]) == {*aliases, "A", "B"}


# --- source and entity forms ---------------------------------------------------------------


def _form(client, url: str) -> dict:
    return form_values(soup(client.get(url)).select_one("main form.stacked-form"))


def test_source_form_edits_of_different_fields_are_both_kept(seeded_app, editor_client):
    url = f"/sources/{source_id(seeded_app)}/edit"
    loaded_by_a = _form(editor_client, url)
    assert editor_client.post(url, data=_form(editor_client, url) | {"author": "B"}).status_code
    response = editor_client.post(url, data=loaded_by_a | {"outlet": "A's outlet"})
    assert response.status_code == 302
    with seeded_app.app_context():
        source = get_session().get(Source, source_id(seeded_app))
        assert (source.author, source.outlet) == ("B", "A's outlet")


def test_entity_form_edits_of_one_field_ask_with_nothing_chosen(seeded_app, editor_client):
    url = "/entities/tsmc/edit"
    loaded_by_a = _form(editor_client, url)
    theirs = _form(editor_client, url) | {"description": "B's description."}
    assert editor_client.post(url, data=theirs).status_code == 302
    response = editor_client.post(
        url, data=loaded_by_a | {"description": "A's description.", "name": "TSMC (A)"}
    )
    assert response.status_code == 409
    page = soup(response, 409)
    row = _conflict_rows(page)["Description"]
    assert (row["theirs"], row["mine"]) == ("B's description.", "A's description.")
    assert not page.select("input[type=radio][checked]")
    merge = form_values(page.select_one("form.conflict-form")) | {"take_description": "theirs"}
    assert editor_client.post("/entities/tsmc/resolve", data=merge).status_code == 302
    with seeded_app.app_context():
        entity = get_session().scalar(select(Entity).where(Entity.slug == "tsmc"))
        assert (entity.name, entity.description) == ("TSMC (A)", "B's description.")
