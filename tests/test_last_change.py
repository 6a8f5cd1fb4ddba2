"""Every kind of write moves the dossier's last change: a new ETag, and readers see the write.

The readers here are anonymous, so they are served from the page cache whenever the ETag
has not moved: a write that forgot the dossier would show them the page from before it.
"""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from db import get_session
from models import Source
from tests.conftest import claim_by_key
from tests.editing_helpers import (
    claim_data,
    claim_id_from,
    edit_form_values,
    form_values,
    soup,
    token,
)
from tests.factories import make_claim, make_dossier

TIMELINE = "/dossiers/openai-chips/"


class Reader:
    """An anonymous reader who remembers the last version of each page it read."""

    def __init__(self, app):
        self.client = app.test_client()
        self.etags: dict[str, str] = {}

    def read(self, url: str = TIMELINE):
        response = self.client.get(url)
        assert response.status_code == 200
        self.etags[url] = response.headers["ETag"]
        return soup(response)

    def read_again(self, url: str = TIMELINE):
        """The page after a write: must be new (not 304) and under a new ETag."""
        response = self.client.get(url, headers={"If-None-Match": self.etags[url]})
        assert response.status_code == 200, "the reader was told the page had not changed"
        assert response.headers["ETag"] != self.etags[url]
        return soup(response)


@pytest.fixture
def reader(seeded_app) -> Reader:
    return Reader(seeded_app)


def seeded_id(app, key: str) -> int:
    with app.app_context():
        return claim_by_key(get_session(), key).id


def source_id(app, key: str) -> int:
    with app.app_context():
        return get_session().scalar(select(Source.id).where(Source.key == key))


def card_text(page, claim_id: int) -> str | None:
    card = page.find(id=f"claim-{claim_id}")
    return card.get_text(" ", strip=True) if card is not None else None


def test_a_claim_added_through_the_form(seeded_app, editor_client, reader):
    reader.read()
    data = claim_data(source_id(seeded_app, "article"), statement="Wafers arrive in Arizona.")
    claim_id_from(editor_client.post("/claims/new?dossier=openai-chips", data=data))
    assert "Wafers arrive in Arizona." in reader.read_again().get_text()


def test_a_claim_edited_through_the_form(seeded_app, editor_client, reader):
    claim_id = seeded_id(seeded_app, "hbm-shortage")
    reader.read()
    changes = {"statement": "A rewritten statement about memory."}
    edited = editor_client.post(
        f"/claims/{claim_id}/edit", data=edit_form_values(editor_client, claim_id) | changes
    )
    assert edited.status_code == 302
    assert "A rewritten statement about memory." in card_text(reader.read_again(), claim_id)


def _delete(editor_client, claim_id: int) -> None:
    confirm = soup(editor_client.get(f"/claims/{claim_id}/delete"))
    response = editor_client.post(
        f"/claims/{claim_id}/delete", data=form_values(confirm.select_one("main form"))
    )
    assert response.status_code == 302


def test_a_claim_deleted_and_restored(seeded_app, editor_client, reader):
    claim_id = seeded_id(seeded_app, "hbm-shortage")
    assert card_text(reader.read(), claim_id) is not None
    _delete(editor_client, claim_id)
    assert card_text(reader.read_again(), claim_id) is None
    history = soup(editor_client.get(f"/claims/{claim_id}/history"))
    restore = form_values(history.select("form.restore-form")[-1])
    assert editor_client.post(f"/claims/{claim_id}/restore", data=restore).status_code == 302
    assert card_text(reader.read_again(), claim_id) is not None


def test_a_relation_changed_through_the_api(seeded_app, client, write_token, reader):
    speaker_claim = seeded_id(seeded_app, "tsmc-ceo-plan-too-aggressive")
    target = seeded_id(seeded_app, "hbm-shortage")
    page = reader.read()
    links = page.find(id=f"claim-{speaker_claim}").select(".relations a")
    assert f"/claims/{target}" not in [a["href"] for a in links]
    body = {"version": 1, "relations": [{"type": "supports", "claim_id": target}]}
    headers = {"Authorization": f"Bearer {write_token}"}
    patched = client.patch(f"/api/v1/claims/{speaker_claim}", json=body, headers=headers)
    assert patched.status_code == 200
    links = reader.read_again().find(id=f"claim-{speaker_claim}").select(".relations a")
    assert f"/claims/{target}" in [a["href"] for a in links]


def test_a_claim_added_through_the_api(seeded_app, client, write_token, reader):
    reader.read()
    body = {
        "dossier": "openai-chips",
        "statement": "Broadcom ships the first test chips.",
        "attribution": "public",
        "source": source_id(seeded_app, "article"),
        "stated_date": "2024-07",
        "confidence": 70,
    }
    headers = {"Authorization": f"Bearer {write_token}"}
    assert client.post("/api/v1/claims", json=body, headers=headers).status_code == 201
    assert "Broadcom ships the first test chips." in reader.read_again().get_text()


def test_a_claim_imported_through_the_import_form(editor_client, reader):
    reader.read()
    exported = editor_client.get("/dossiers/openai-chips/claims.json").get_json()
    new = dict(exported["claims"][0], key="imported", statement="An imported claim on HBM4.")
    exported["claims"].append(new)
    preview = editor_client.post(
        "/dossiers/openai-chips/import",
        data={"file": (io.BytesIO(json.dumps(exported).encode()), "new.json"), "format": ""},
        content_type="multipart/form-data",
    )
    confirm = soup(preview).select_one('form[action$="/import/confirm"] input[name="token"]')
    done = editor_client.post(
        "/dossiers/openai-chips/import/confirm", data={"token": confirm["value"]}
    )
    assert done.status_code == 302
    assert "An imported claim on HBM4." in reader.read_again().get_text()


def test_a_source_edited_through_the_form(seeded_app, editor_client, reader):
    article = source_id(seeded_app, "article")
    reader.read()
    page = soup(editor_client.get(f"/sources/{article}/edit"))
    data = form_values(page.select_one("main form.stacked-form"))
    data["title"] = "A retitled article about chips"
    assert editor_client.post(f"/sources/{article}/edit", data=data).status_code == 302
    assert "A retitled article about chips" in reader.read_again().get_text()


def test_an_entity_renamed_moves_every_dossier_that_names_it(seeded_app, editor_client, reader):
    with seeded_app.app_context():
        session = get_session()
        other = make_dossier(session, "other-fabs")
        make_claim(session, other, statement="Wei visits Arizona.", speaker="cc-wei")
        session.commit()
    other_url = "/dossiers/other-fabs/"
    reader.read()
    reader.read(other_url)
    page = soup(editor_client.get("/entities/cc-wei/edit"))
    data = form_values(page.select_one("main form.stacked-form"))
    data["name"] = "Che-Chia Wei"
    assert editor_client.post("/entities/cc-wei/edit", data=data).status_code == 302
    assert "Che-Chia Wei" in reader.read_again().get_text()
    assert "Che-Chia Wei" in reader.read_again(other_url).get_text()


def test_an_unrelated_dossier_keeps_its_etag(seeded_app, editor_client, reader):
    with seeded_app.app_context():
        session = get_session()
        make_dossier(session, "quiet")
        session.commit()
    reader.read("/dossiers/quiet/")
    data = claim_data(source_id(seeded_app, "article"), submission=token())
    claim_id_from(editor_client.post("/claims/new?dossier=openai-chips", data=data))
    response = reader.client.get(
        "/dossiers/quiet/", headers={"If-None-Match": reader.etags["/dossiers/quiet/"]}
    )
    assert response.status_code == 304
