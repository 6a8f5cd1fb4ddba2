"""The import page: editors only, a dry-run preview first, then one confirmed import."""

from __future__ import annotations

import io
import json

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from db import get_session
from models import Claim
from tests.accounts import add_account, sign_in
from tests.conftest import build_app

IMPORT = "/dossiers/openai-chips/import"


def upload(client, content: bytes, name: str = "new.json", **fields):
    return client.post(
        IMPORT,
        data={"file": (io.BytesIO(content), name), "format": "", **fields},
        content_type="multipart/form-data",
    )


def one_new_claim(client) -> bytes:
    """The dossier's own export plus one new claim."""
    exported = client.get("/dossiers/openai-chips/claims.json").get_json()
    new = dict(exported["claims"][0], key="new-claim", statement="A claim from the import form.")
    exported["claims"].append(new)
    return json.dumps(exported).encode()


def claim_count(app) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(Claim.id)))


def confirm_token(response) -> str:
    page = BeautifulSoup(response.data, "html.parser")
    return page.select_one('form[action$="/import/confirm"] input[name="token"]')["value"]


def test_a_reader_is_sent_to_sign_in(client):
    response = client.get(IMPORT)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_preview_shows_what_would_change_and_saves_nothing(editor_client, seeded_app):
    response = upload(editor_client, one_new_claim(editor_client))
    assert response.status_code == 200
    page = BeautifulSoup(response.data, "html.parser")
    counts = {
        row.th.get_text(): row.td.get_text() for row in page.select(".import-counts tbody tr")
    }
    assert counts["Created"] == "1 claim"
    assert counts["Unchanged"] == "1 dossier, 8 sources, 24 entities, 48 claims"
    assert "Created claim: A claim from the import form." in page.get_text()
    assert claim_count(seeded_app) == 48


def test_confirming_imports_once(editor_client, seeded_app):
    token = confirm_token(upload(editor_client, one_new_claim(editor_client)))
    done = editor_client.post(IMPORT + "/confirm", data={"token": token})
    assert done.status_code == 302 and done.headers["Location"].endswith("/dossiers/openai-chips/")
    assert claim_count(seeded_app) == 49
    again = editor_client.post(IMPORT + "/confirm", data={"token": token})
    assert again.status_code == 302 and again.headers["Location"].endswith(IMPORT)
    assert claim_count(seeded_app) == 49


def test_rejected_rows_are_listed_and_nothing_can_be_confirmed(editor_client, seeded_app):
    exported = json.loads(one_new_claim(editor_client))
    exported["claims"][-1]["stated_date"] = "the other day"
    response = upload(editor_client, json.dumps(exported).encode())
    page = BeautifulSoup(response.data, "html.parser")
    rejection = page.select_one(".rejections li").get_text()
    assert 'claim "new-claim"' in rejection and "stated_date" in rejection
    assert page.select_one('form[action$="/import/confirm"]') is None
    assert claim_count(seeded_app) == 48


def test_a_file_in_no_known_format_is_explained_next_to_the_field(editor_client):
    response = upload(editor_client, b"name,age\nAda,36\n", "people.csv")
    assert response.status_code == 422
    page = BeautifulSoup(response.data, "html.parser")
    assert "no statement or source column" in page.select_one(".field-error").get_text()


def test_no_file_is_asked_for(editor_client):
    response = editor_client.post(IMPORT, data={"format": ""})
    assert response.status_code == 422
    assert "Choose the file to import." in response.get_data(as_text=True)


def test_another_editor_cannot_confirm_my_upload(editor_client, seeded_app):
    token = confirm_token(upload(editor_client, one_new_claim(editor_client)))
    add_account(seeded_app, "other")
    other = seeded_app.test_client()
    sign_in(other, "other")
    other.post(IMPORT + "/confirm", data={"token": token})
    assert claim_count(seeded_app) == 48


def test_the_form_needs_its_csrf_token(tmp_path, seeded_template):
    app = build_app(tmp_path, seeded_template, WTF_CSRF_ENABLED=True)
    add_account(app, "editor")
    client = app.test_client()
    page = BeautifulSoup(client.get("/login").data, "html.parser")
    csrf = page.select_one('input[name="csrf_token"]')["value"]
    sign_in(client, "editor", csrf_token=csrf)
    response = upload(client, one_new_claim(client))
    assert response.status_code == 400
    assert "CSRF token is missing" in response.get_data(as_text=True)
    assert b"import-report" not in response.data


def test_a_file_that_changes_nothing_offers_no_import(editor_client):
    exported = editor_client.get("/dossiers/openai-chips/claims.json").data
    page = BeautifulSoup(upload(editor_client, exported).data, "html.parser")
    assert "Nothing to import" in page.select_one(".import-report").get_text()
    assert page.select_one('form[action$="/import/confirm"]') is None
