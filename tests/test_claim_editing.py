"""Editing and deleting an existing claim: an edit keeps what it did not change, two edits of
one field give a conflict page and a merge, a delete asks first, and only editors see the links."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from models import Claim
from models.revision import RevisionAction
from tests.editing_helpers import (
    claim_id_by_key,
    edit_form_values,
    form_values,
    load_claim,
    revisions_of,
    token,
)
from tests.helpers import soup


def test_unchanged_relation_rows_and_entities_survive_an_edit(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "tsmc-ceo-plan-too-aggressive")
    data = edit_form_values(editor_client, claim_id)
    data["confidence"] = "77"
    response = editor_client.post(f"/claims/{claim_id}/edit", data=data)
    assert response.status_code == 302
    after = load_claim(
        seeded_app,
        claim_id,
        selectinload(Claim.relations_out),
        selectinload(Claim.entities),
    )
    assert after.confidence == 77
    assert after.relations_out and after.entities
    [update] = [r for r in revisions_of(seeded_app, claim_id) if r.action.value == "update"]
    assert update.changes == {"confidence": [update.changes["confidence"][0], 77]}


def test_two_edits_of_one_field_give_a_conflict_page_and_overwrite_nothing(
    seeded_app, editor_client
):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    mine = edit_form_values(editor_client, claim_id)
    theirs = edit_form_values(editor_client, claim_id)
    theirs.update(statement="HBM memory is scarce (their edit).", confidence="33")
    assert editor_client.post(f"/claims/{claim_id}/edit", data=theirs).status_code == 302
    mine["confidence"] = "12"
    response = editor_client.post(f"/claims/{claim_id}/edit", data=mine)
    assert response.status_code == 409
    page = soup(response, 409)
    # Only the field both changed is asked about; their statement is not offered for undoing.
    [row] = page.select("fieldset.conflict-field")
    assert row.legend.get_text(strip=True) == "Confidence"
    assert row.select_one("td.theirs").get_text().startswith("33%")
    assert row.select_one("td.mine").get_text().startswith("12%")
    saved = load_claim(seeded_app, claim_id)
    assert saved.statement == "HBM memory is scarce (their edit)."
    assert saved.confidence == 33


def test_conflict_choices_start_unmade_and_are_saved_field_by_field(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    mine = edit_form_values(editor_client, claim_id)
    theirs = dict(mine, statement="Their statement.", confidence="33", submission=token())
    editor_client.post(f"/claims/{claim_id}/edit", data=theirs)
    mine.update(statement="My statement.", confidence="88")
    conflict = soup(editor_client.post(f"/claims/{claim_id}/edit", data=mine), 409)
    assert conflict.select("form.conflict-form input[type=radio]")
    assert conflict.select("form.conflict-form input[type=radio][checked]") == []
    merge = form_values(conflict.select_one("form.conflict-form"))
    merge.update(take_statement="mine", take_confidence="theirs")
    response = editor_client.post(f"/claims/{claim_id}/merge", data=merge)
    assert response.status_code == 302
    saved = load_claim(seeded_app, claim_id)
    assert (saved.statement, saved.confidence) == ("My statement.", 33)


def test_a_merge_against_a_version_that_moved_on_again_is_asked_again(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    edit_url = f"/claims/{claim_id}/edit"
    mine = edit_form_values(editor_client, claim_id)
    editor_client.post(
        edit_url, data=edit_form_values(editor_client, claim_id) | {"statement": "Second."}
    )
    conflict = soup(editor_client.post(edit_url, data=mine | {"statement": "Mine."}), 409)
    editor_client.post(
        edit_url, data=edit_form_values(editor_client, claim_id) | {"statement": "Third."}
    )
    merge = form_values(conflict.select_one("form.conflict-form")) | {"take_statement": "mine"}
    response = editor_client.post(f"/claims/{claim_id}/merge", data=merge)
    assert response.status_code == 409
    again = soup(response, 409)
    assert again.select_one("fieldset.conflict-field td.theirs").get_text() == "Third."
    assert again.select("input[type=radio][checked]") == []
    assert load_claim(seeded_app, claim_id).statement == "Third."


def test_delete_asks_first_then_removes_the_claim_from_the_timeline(seeded_app, editor_client):
    claim_id = claim_id_by_key(seeded_app, "tsmc-leaders-private-promise")
    confirm = soup(editor_client.get(f"/claims/{claim_id}/delete"))
    assert confirm.h1.get_text() == "Delete this claim?"
    assert load_claim(seeded_app, claim_id).deleted_at is None
    response = editor_client.post(
        f"/claims/{claim_id}/delete", data=form_values(confirm.select_one("main form"))
    )
    assert response.location.endswith(f"/claims/{claim_id}/history")
    assert load_claim(seeded_app, claim_id).deleted_at is not None
    timeline = soup(editor_client.get("/dossiers/openai-chips/"))
    assert timeline.find(id=f"claim-{claim_id}") is None
    assert revisions_of(seeded_app, claim_id)[-1].action is RevisionAction.DELETE


def test_claims_pointing_at_a_deleted_claim_no_longer_list_it(seeded_app, editor_client):
    promise = claim_id_by_key(seeded_app, "tsmc-leaders-private-promise")
    wei = claim_id_by_key(seeded_app, "tsmc-ceo-plan-too-aggressive")
    confirm = soup(editor_client.get(f"/claims/{promise}/delete"))
    editor_client.post(
        f"/claims/{promise}/delete", data=form_values(confirm.select_one("main form"))
    )
    page = editor_client.get(f"/claims/{wei}")
    assert page.status_code == 200
    related = soup(page).select_one(".related")
    assert related is None or f"/claims/{promise}" not in str(related)
    assert "retracted" not in soup(page).get_text().lower()


def test_edit_links_show_only_for_signed_in_editors(seeded_app, client, editor_client):
    claim_id = claim_id_by_key(seeded_app, "hbm-shortage")
    reader = soup(client.get(f"/claims/{claim_id}"))
    assert reader.select_one(".editor-actions") is None
    editor = soup(editor_client.get(f"/claims/{claim_id}"))
    links = {a.get_text(): a["href"] for a in editor.select(".editor-actions a")}
    assert links == {
        "Edit": f"/claims/{claim_id}/edit",
        "History": f"/claims/{claim_id}/history",
        "Delete": f"/claims/{claim_id}/delete",
    }
    timeline = soup(editor_client.get("/dossiers/openai-chips/"))
    assert timeline.select_one('.editor-actions a[href="/claims/new?dossier=openai-chips"]')
