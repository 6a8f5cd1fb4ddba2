"""An editor's import cannot change the dossier itself (issue #18): its visibility, title and
texts are an admin's to change. The preview says what the file would have changed and that
it was not applied; an admin's import applies and lists each change."""

from __future__ import annotations

import io
import json

from sqlalchemy import select

from db import get_session
from models import Dossier
from models.vocabulary import Role, Visibility
from tests.accounts import add_account, sign_in
from tests.helpers import soup

IMPORT = "/dossiers/openai-chips/import"


def _make_private(app) -> None:
    with app.app_context():
        session = get_session()
        session.scalar(
            select(Dossier).where(Dossier.slug == "openai-chips")
        ).visibility = Visibility.PRIVATE
        session.commit()


def _publishing_file(client) -> bytes:
    exported = client.get("/dossiers/openai-chips/claims.json").get_json()
    exported["dossier"].update(visibility="public", title="Retitled by a file")
    return json.dumps(exported).encode()


def _import(client, content: bytes):
    preview = client.post(
        IMPORT,
        data={"file": (io.BytesIO(content), "dossier.json"), "format": ""},
        content_type="multipart/form-data",
    )
    page = soup(preview)
    # Nothing to change, nothing to confirm: the preview then offers no confirmation.
    confirm = page.select_one('form[action$="/import/confirm"] input[name="token"]')
    if confirm is not None:
        client.post(IMPORT + "/confirm", data={"token": confirm["value"]})
    return page


def _dossier(app) -> Dossier:
    with app.app_context():
        dossier = get_session().scalar(select(Dossier).where(Dossier.slug == "openai-chips"))
        get_session().expunge(dossier)
        return dossier


def test_an_editors_import_cannot_publish_a_private_dossier(seeded_app, editor_client):
    content = _publishing_file(editor_client)
    _make_private(seeded_app)
    page = _import(editor_client, content)
    text = page.get_text(" ", strip=True)
    assert "Not applied, only an admin may change the dossier's visibility: private → public" in (
        text
    )
    dossier = _dossier(seeded_app)
    assert dossier.visibility is Visibility.PRIVATE
    assert dossier.title != "Retitled by a file"


def test_an_admins_import_applies_and_lists_each_change(seeded_app, client):
    add_account(seeded_app, "chief", Role.ADMIN)
    assert sign_in(client, "chief").status_code == 302
    content = _publishing_file(client)
    _make_private(seeded_app)
    page = _import(client, content)
    assert "Dossier visibility: private → public." in page.get_text(" ", strip=True)
    dossier = _dossier(seeded_app)
    assert dossier.visibility is Visibility.PUBLIC and dossier.title == "Retitled by a file"
